/* test_queues.c: the counter queue's services (app/queue.c) on a real SQLite store, at
 * instants the test chooses: numbers per group restarting at Vietnam midnight, the people
 * ahead, the order of calls with a transfer to the end of another group, the actions that do
 * not apply, and the figures by counter, group, hour and officer against a recount made here
 * from the same instants. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/queue.h"
#include "store_fixture.h"
#include "util/timefmt.h"

#include <string.h>

/* 2025-03-10 08:00 in Vietnam */
#define T0 (timefmt_local_instant(timefmt_days_from_civil(2025, 3, 10), 8 * 3600))

typedef struct Office {
    Fixture *f;
    Arena *a;
    QueueCounter c[3]; /* c1, c2 serve group "a"; c3 serves "b" */
} Office;

static int setup(void **state)
{
    Office *o = calloc(1, sizeof *o);
    o->f = fixture_new(T0);
    o->a = arena_new();
    Store *s = o->f->s;
    Err e;
    Unit u = {.code = "000.01.52.H50", .name = "UBND xã Gio Linh", .level = "commune"};
    assert_int_equal(store_unit_put(s, &u, T0, &e), 0);
    QueueGroup a = {.code = "a", .prefix = "A", .name = "Nhóm A", .unit = u.code};
    QueueGroup b = {.code = "b", .prefix = "B", .name = "Nhóm B", .unit = u.code};
    assert_int_equal(queue_group_save(s, o->a, &a, &e), 0);
    assert_int_equal(queue_group_save(s, o->a, &b, &e), 0);
    const char *groups[] = {"a", "a", "b"};
    for (int i = 0; i < 3; i++) {
        o->c[i] = (QueueCounter){.code = arena_printf(o->a, "c%d", i + 1),
                                 .name = arena_printf(o->a, "Quầy %d", i + 1)};
        assert_int_equal(queue_counter_save(s, o->a, &o->c[i], groups[i], &e), 0);
    }
    *state = o;
    return 0;
}

static int teardown(void **state)
{
    Office *o = *state;
    arena_free(o->a);
    fixture_free(o->f);
    free(o);
    return 0;
}

static const char *issue(Office *o, const char *group, int64_t now, int64_t *ahead)
{
    QueueTicket t;
    int64_t n;
    Err e;
    assert_int_equal(queue_issue(o->f->s, o->a, group, now, &t, ahead ? ahead : &n, &e), 0);
    return t.number;
}

static const char *next(Office *o, int counter, const char *officer, int64_t now)
{
    QueueTicket t;
    Err e;
    int rc = queue_next(o->f->s, o->a, &o->c[counter], officer, now, &t, &e);
    if (rc == ERR_NOT_FOUND)
        return NULL;
    assert_int_equal(rc, 0);
    return t.number;
}

static void test_numbers_restart_at_vietnam_midnight(void **state)
{
    Office *o = *state;
    int64_t midnight = timefmt_local_instant(timefmt_days_from_civil(2025, 3, 11), 0), ahead;
    assert_string_equal(issue(o, "a", midnight - 30, &ahead), "A001");
    assert_int_equal(ahead, 0);
    assert_string_equal(issue(o, "a", midnight - 20, &ahead), "A002");
    assert_int_equal(ahead, 1);
    assert_string_equal(issue(o, "b", midnight - 10, &ahead), "B001");
    assert_int_equal(ahead, 0);
    assert_string_equal(issue(o, "a", midnight, &ahead), "A001"); /* a new day */
    assert_int_equal(ahead, 0);
    assert_string_equal(issue(o, "a", midnight + 5, &ahead), "A002");
    assert_int_equal(ahead, 1);
    /* today's counter calls today's tickets only */
    assert_string_equal(next(o, 0, "motcua", midnight + 60), "A001");
    assert_string_equal(next(o, 0, "motcua", midnight + 120), "A002");
    assert_null(next(o, 0, "motcua", midnight + 180));
    QueueTicket t;
    Err e;
    assert_int_equal(queue_issue(o->f->s, o->a, "zz", midnight, &t, &ahead, &e), ERR_INVALID);
    assert_string_equal(e.field, "group");
}

static void test_transfer_waits_at_the_end_of_the_other_group(void **state)
{
    Office *o = *state;
    Store *s = o->f->s;
    QueueTicket t;
    Err e;
    assert_string_equal(issue(o, "a", T0, NULL), "A001");
    assert_string_equal(issue(o, "b", T0 + 1, NULL), "B001");
    assert_string_equal(next(o, 0, "motcua", T0 + 10), "A001");
    /* the recall counts; a transfer to its own group or another unit's is refused */
    assert_int_equal(queue_act(s, o->a, &o->c[0], QUEUE_RECALL, NULL, "motcua", T0 + 20, &t, &e),
                     0);
    assert_int_equal(t.calls, 2);
    assert_int_equal(queue_act(s, o->a, &o->c[0], QUEUE_TRANSFER, "a", "motcua", T0 + 25, &t, &e),
                     ERR_INVALID);
    assert_int_equal(queue_act(s, o->a, &o->c[0], QUEUE_TRANSFER, "b", "motcua", T0 + 30, &t, &e),
                     0);
    assert_int_equal(t.state, QUEUE_TRANSFERRED);
    /* c1 has nothing now; c3 calls B001 (queued before) and then A001 */
    assert_int_equal(queue_act(s, o->a, &o->c[0], QUEUE_SKIP, NULL, "motcua", T0 + 31, &t, &e),
                     ERR_NOT_FOUND);
    assert_string_equal(next(o, 2, "motcua", T0 + 40), "B001");
    assert_string_equal(next(o, 2, "motcua", T0 + 50), "A001");
    assert_int_equal(queue_act(s, o->a, &o->c[2], QUEUE_START, NULL, "motcua", T0 + 55, &t, &e), 0);
    assert_int_equal(queue_act(s, o->a, &o->c[2], QUEUE_SKIP, NULL, "motcua", T0 + 56, &t, &e),
                     ERR_CONFLICT); /* being served: not absent */
    assert_int_equal(
        queue_take_dossier(s, o->a, &o->c[2], "000.01.52.H50-250310-0001", T0 + 57, &e), 0);
    assert_int_equal(queue_act(s, o->a, &o->c[2], QUEUE_FINISH, NULL, "motcua", T0 + 60, &t, &e),
                     0);
    assert_string_equal(t.dossier, "000.01.52.H50-250310-0001");
    assert_int_equal(queue_rated(s, o->a, t.id, "satisfied", &e), 0);
    assert_int_equal(queue_rated(s, o->a, t.id, "satisfied", &e), ERR_CONFLICT);
    /* A001's two legs: 10 s waiting in "a" (transferred), 20 s in "b", served 10 s */
    QueueFigureRow *rows;
    size_t n;
    QueueFigures total;
    assert_int_equal(
        queue_figures(s, o->a, NULL, T0, T0 + 3600, QUEUE_BY_GROUP, &rows, &n, &total, &e), 0);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].key, "a");
    assert_int_equal(rows[0].f.called, 1);
    assert_int_equal(rows[0].f.transferred, 1);
    assert_int_equal(rows[0].f.wait_total, 10);
    assert_string_equal(rows[1].key, "b");
    assert_int_equal(rows[1].f.called, 2);
    assert_int_equal(rows[1].f.wait_total, (T0 + 40 - (T0 + 1)) + (T0 + 50 - (T0 + 30)));
    assert_int_equal(rows[1].f.done, 2); /* B001 ended when c3 called the next */
    assert_int_equal(rows[1].f.service_total, 10 + 10);
}

static void test_figures_against_a_recount(void **state)
{
    Office *o = *state;
    enum { N = 300 };
    /* tickets through the morning, two groups; each counter calls in turn every 40 s, the
     * officers alternating; the recount keeps each leg's times */
    int64_t issued[N];
    const char *group_of[N];
    for (int i = 0; i < N; i++) {
        group_of[i] = i % 3 == 2 ? "b" : "a";
        issued[i] = T0 + 7 * i;
        issue(o, group_of[i], issued[i], NULL);
    }
    int64_t wait[3] = {0}, service[3] = {0}, called[3] = {0}, done[3] = {0}, by_hour[24] = {0};
    int64_t last_call[3] = {0}, officer_calls[2] = {0};
    int seen_a = 0, seen_b = 0;
    for (int64_t now = T0 + 60; seen_a + seen_b < N; now += 40)
        for (int c = 0; c < 3; c++) {
            const char *who = (now / 40) % 2 ? "motcua" : "motcua2";
            const char *number = next(o, c, who, now + c);
            if (last_call[c]) { /* the counter's previous ticket ended with this call */
                done[c]++;
                service[c] += now + c - last_call[c];
                last_call[c] = 0;
            }
            if (!number)
                continue;
            int seq = (int)strtol(number + 1, NULL, 10);
            int i = -1; /* the seq-th ticket of its group */
            for (int k = 0, m = 0; k < N; k++)
                if (strcmp(group_of[k], c == 2 ? "b" : "a") == 0 && ++m == seq)
                    i = k;
            assert_true(i >= 0);
            called[c]++;
            wait[c] += now + c - issued[i];
            last_call[c] = now + c;
            by_hour[timefmt_local_second(now + c) / 3600]++;
            officer_calls[strcmp(who, "motcua") == 0 ? 0 : 1]++;
            *(c == 2 ? &seen_b : &seen_a) += 1;
        }
    QueueFigureRow *rows;
    size_t n;
    QueueFigures total;
    Err e;
    Store *s = o->f->s;
    assert_int_equal(
        queue_figures(s, o->a, NULL, T0, T0 + 86400, QUEUE_BY_COUNTER, &rows, &n, &total, &e), 0);
    assert_int_equal(n, 3);
    for (int c = 0; c < 3; c++) {
        assert_string_equal(rows[c].key, o->c[c].code);
        assert_int_equal(rows[c].f.called, called[c]);
        assert_int_equal(rows[c].f.wait_total, wait[c]);
        assert_int_equal(rows[c].f.done, done[c]);
        assert_int_equal(rows[c].f.service_total, service[c]);
    }
    assert_int_equal(total.called, N);
    assert_int_equal(
        queue_figures(s, o->a, NULL, T0, T0 + 86400, QUEUE_BY_HOUR, &rows, &n, &total, &e), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(rows[i].f.called, by_hour[strtol(rows[i].key, NULL, 10)]);
    assert_int_equal(
        queue_figures(s, o->a, NULL, T0, T0 + 86400, QUEUE_BY_OFFICER, &rows, &n, &total, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].f.called, officer_calls[0]); /* "motcua" < "motcua2" */
    assert_int_equal(rows[1].f.called, officer_calls[1]);
    /* the day before has none */
    assert_int_equal(queue_figures(s, o->a, NULL, T0 - 86400, T0 - 3600, QUEUE_BY_COUNTER, &rows,
                                   &n, &total, &e),
                     0);
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_numbers_restart_at_vietnam_midnight, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transfer_waits_at_the_end_of_the_other_group, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_figures_against_a_recount, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
