/* test_dossiers.c: intake, actions and verification on a real SQLite store in a temporary
 * directory: the hash chain links every event to the one before it, verify passes on an
 * honest store and reports an altered event, a removed event and a counter off by one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/interchange.h"
#include "app/dossiers.h"
#include "store_fixture.h"
#include "util/embed.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int setup(void **state)
{
    Fixture *f = fixture_new((int64_t)time(NULL));
    const EmbeddedFile *demo = embed_find("data/demo/catalogue.jsonl");
    FILE *in = fmemopen((void *)demo->data, demo->size, "r");
    ImportCounts c;
    Err e;
    assert_int_equal(interchange_import(f->s, in, NULL, NULL, &c, &e), 0);
    fclose(in);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_free(*state);
    return 0;
}

static void sql(Fixture *f, const char *statement)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, statement, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static char seen[4096]; /* the problems verify reported, one per line */

static void collect(void *ctx, const char *problem)
{
    (void)ctx;
    size_t used = strlen(seen);
    snprintf(seen + used, sizeof seen - used, "%s\n", problem);
}

static long problems(Fixture *f)
{
    long n = -1;
    Err e;
    seen[0] = '\0';
    assert_int_equal(dossiers_verify(f->s, collect, NULL, &n, &e), 0);
    return n;
}

/* file_one files a dossier at now and takes it through transfer and resolve. */
static void file_one(Fixture *f, Arena *a, int64_t now, Dossier *out)
{
    static DossierComponent papers[] = {
        {"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu", true}};
    DossierInput in = {.procedure = "1.004873",
                       .unit = "000.01.52.H50",
                       .channel = "direct",
                       .applicant = {.name = "Nguyễn Văn An", .phone = "0912345678"},
                       .components = papers,
                       .n_components = 1};
    Actor clerk = {"motcua", ROLE_CLERK, "000.01.52.H50"};
    Actor spec = {"chuyenvien", ROLE_SPECIALIST, "000.01.52.H50"};
    Err e;
    Procedure p;
    assert_int_equal(dossiers_intake_check(f->s, a, &in, &clerk, now, &p, &e), 0);
    assert_int_equal(store_begin(f->s, &e), 0);
    assert_int_equal(dossiers_intake(f->s, a, &in, &p, &clerk, now, out, &e), 0);
    Event transfer = {.action = ACTION_TRANSFER, .to = "000.01.52.H50"};
    assert_int_equal(dossiers_act(f->s, a, out->code, &transfer, &clerk, now + 60, NULL, &e), 0);
    Event resolve = {.action = ACTION_RESOLVE, .outcome = "approved"};
    assert_int_equal(dossiers_act(f->s, a, out->code, &resolve, &spec, now + 3600, out, &e), 0);
    /* a specialist may not return a result: refused, nothing written */
    Event ret = {.action = ACTION_RETURN};
    assert_int_equal(dossiers_act(f->s, a, out->code, &ret, &spec, now + 7200, NULL, &e),
                     ERR_FORBIDDEN);
    assert_int_equal(store_commit(f->s, &e), 0);
}

static void test_chain_and_verify(void **state)
{
    Fixture *f = *state;
    Arena *a = arena_new();
    Dossier d;
    int64_t monday = 1762135200; /* 2025-11-03 09:00 +07:00 */
    file_one(f, a, monday, &d);
    file_one(f, a, monday + 86400, &d);
    assert_int_equal(d.p.state, STATE_RESOLVED);
    assert_int_equal(d.p.n_events, 3);
    StoredEvent *evs;
    size_t n;
    Err e;
    assert_int_equal(store_event_list(f->s, a, d.id, &evs, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_false(evs[0].has_prev);
    for (size_t i = 1; i < n; i++) {
        assert_true(evs[i].has_prev);
        assert_memory_equal(evs[i].prev_hash, evs[i - 1].hash, 32);
        assert_memory_not_equal(evs[i].hash, evs[i - 1].hash, 32);
        assert_int_equal(evs[i].seq, (int)i + 1);
    }
    assert_memory_equal(d.last_hash, evs[2].hash, 32);
    assert_string_equal(evs[0].action, "receive");
    assert_string_equal(evs[0].from_state, "");
    assert_string_equal(evs[2].to_state, "resolved");
    assert_int_equal(problems(f), 0);

    /* an altered payload breaks the chain (replay stops there, so the projection and the
     * counters then differ from what the events give too) */
    sql(f, "UPDATE dossier_event SET payload = '{\"outcome\":\"rejected\"}' WHERE seq = 3 AND "
           "dossier = 1");
    assert_true(problems(f) >= 2);
    assert_non_null(strstr(seen, "hash chain broken (an event was altered)"));
    sql(f, "UPDATE dossier_event SET payload = '{\"outcome\":\"approved\"}' WHERE seq = 3 AND "
           "dossier = 1");
    assert_int_equal(problems(f), 0);
    /* a projection that disagrees with its events */
    sql(f, "UPDATE dossier SET state = 'returned' WHERE id = 2");
    assert_true(problems(f) >= 1);
    assert_non_null(strstr(seen, "state differs from its events"));
    sql(f, "UPDATE dossier SET state = 'resolved' WHERE id = 2");
    /* a removed event leaves a gap */
    sql(f, "DELETE FROM dossier_event WHERE dossier = 2 AND seq = 2");
    assert_true(problems(f) >= 1);
    assert_non_null(strstr(seen, "event sequence has a gap"));
    arena_free(a);
}

static void test_counters(void **state)
{
    Fixture *f = *state;
    Arena *a = arena_new();
    Dossier d;
    file_one(f, a, 1762135200, &d);
    assert_int_equal(problems(f), 0);
    sql(f, "UPDATE stat_state SET n = n + 1 WHERE state = 'resolved'");
    assert_int_equal(problems(f), 1);
    sql(f, "UPDATE stat_state SET n = n - 1 WHERE state = 'resolved'");
    assert_int_equal(problems(f), 0);
    /* a report counter off by one */
    sql(f, "UPDATE stat_day SET res_early = res_early + 1 WHERE (unit, procedure, day) IN "
           "(SELECT unit, procedure, day FROM stat_day LIMIT 1)");
    assert_int_equal(problems(f), 1);
    assert_non_null(strstr(seen, "differ from a recount"));
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_chain_and_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counters, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
