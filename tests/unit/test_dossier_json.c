/* test_dossier_json.c: the API's and the interchange format's dossier objects (io/dossier_json):
 * an intake body read with what it says and what it leaves out (fee, full_online), what it
 * refuses and names; a dossier line with its events, each id once, errors placed at their
 * event; the officer's view and the public status written with the interchange names and the
 * classification at an instant. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "json_fixture.h"
#include "app/record.h"
#include "io/dossier_json.h"

#include <string.h>

#define INTAKE                                                                                     \
    "\"procedure\":\"1.001193\",\"unit\":\"000.01.52.H50\",\"channel\":\"direct\","                \
    "\"applicant\":{\"name\":\"Nguyễn Văn An\",\"phone\":\"0912345678\"}"

static void test_intake(void **state)
{
    (void)state;
    DossierInput in;
    Err e;
    json_t *o = parse("{" INTAKE ",\"components\":[{\"name\":\"Tờ khai\",\"digitized\":true}]}");
    assert_int_equal(dossier_json_intake(arena, o, NULL, &in, &e), 0);
    json_decref(o);
    assert_string_equal(in.procedure, "1.001193");
    assert_string_equal(in.applicant.name, "Nguyễn Văn An");
    assert_int_equal(in.n_components, 1);
    assert_false(in.has_fee || in.has_full_online); /* the procedure decides them */
    o = parse("{" INTAKE ",\"fee\":0,\"full_online\":false}");
    assert_int_equal(dossier_json_intake(arena, o, NULL, &in, &e), 0);
    json_decref(o);
    assert_true(in.has_fee && in.has_full_online);
    static const char *const bad[][2] = {
        {"{" INTAKE ",\"code\":\"x\"}", "code"}, /* the server issues it */
        {"{" INTAKE ",\"fee\":-5}", "fee"},
        {"{\"procedure\":\"1.001193\",\"unit\":\"000.01.52.H50\",\"channel\":\"fax\"}", "channel"},
        {"{\"procedure\":\"x y\",\"unit\":\"000.01.52.H50\",\"channel\":\"direct\"}", "procedure"},
        {"{\"procedure\":\"1.001193\",\"unit\":\"H50\",\"channel\":\"direct\"}", "unit"},
        {"{\"procedure\":\"1.001193\",\"unit\":\"000.01.52.H50\",\"channel\":\"direct\"}",
         "applicant"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        o = parse(bad[i][0]);
        err_clear(&e);
        assert_int_equal(dossier_json_intake(arena, o, NULL, &in, &e), ERR_INVALID);
        json_decref(o);
        assert_string_equal(e.field, bad[i][1]);
    }
    static const char *const extra[] = {"code", NULL};
    o = parse("{" INTAKE ",\"code\":\"x\"}");
    assert_int_equal(dossier_json_intake(arena, o, extra, &in, &e), 0);
    json_decref(o);
}

#define LINE(events)                                                                               \
    "{\"type\":\"dossier\",\"code\":\"000.01.52.H50-231016-0001\"," INTAKE                         \
    ",\"received_at\":\"2023-10-16T08:12:00+07:00\",\"state\":\"returned\",\"events\":" events "}"

static void test_record_line(void **state)
{
    (void)state;
    DossierRecord r;
    Err e;
    json_t *o = parse(LINE("[{\"id\":\"e1\",\"at\":\"2023-10-16T08:12:00+07:00\","
                           "\"action\":\"receive\",\"by\":\"clerk1\"},"
                           "{\"id\":\"e2\",\"at\":\"2023-10-16T09:00:00+07:00\","
                           "\"action\":\"transfer\",\"to\":\"000.01.52.H50\"}]"));
    assert_int_equal(dossier_json_record(arena, o, &r, &e), 0);
    json_decref(o);
    assert_string_equal(r.code, "000.01.52.H50-231016-0001");
    assert_int_equal(r.n_events, 2);
    assert_string_equal(r.events[1].id, "e2");
    assert_string_equal(r.events[1].to, "000.01.52.H50");
    assert_true(r.received_at > 0);
    assert_int_equal(r.due_at, 0);
    /* the same id twice; an error inside the second event says where */
    o = parse(LINE("[{\"id\":\"e1\",\"at\":\"2023-10-16T08:12:00+07:00\",\"action\":\"receive\"},"
                   "{\"id\":\"e1\",\"at\":\"2023-10-16T09:00:00+07:00\",\"action\":\"comment\","
                   "\"text\":\"x\"}]"));
    assert_int_equal(dossier_json_record(arena, o, &r, &e), ERR_INVALID);
    json_decref(o);
    assert_string_equal(e.field, "events");
    o = parse(LINE("[{\"id\":\"e1\",\"at\":\"2023-10-16T08:12:00+07:00\",\"action\":\"receive\"},"
                   "{\"id\":\"e2\",\"at\":\"2023-10-16T09:00:00+07:00\",\"action\":\"pay\","
                   "\"amount\":\"many\"}]"));
    assert_int_equal(dossier_json_record(arena, o, &r, &e), ERR_INVALID);
    json_decref(o);
    assert_non_null(strstr(e.message, "sự kiện 2: "));
    assert_non_null(strstr(e.message_en, "event 2: "));
    o = parse(LINE("[]"));
    assert_int_equal(dossier_json_record(arena, o, &r, &e), ERR_INVALID);
    json_decref(o);
    assert_string_equal(e.field, "events");
}

static void test_render(void **state)
{
    (void)state;
    Dossier d = {.code = "000.01.52.H50-231016-0001",
                 .procedure = "1.001193",
                 .unit = "000.01.52.H50",
                 .channel = "online",
                 .fee = 8000,
                 .applicant = {.name = "Nguyễn Văn An", .phone = "0912345678"}};
    dossier_init(&d.p, d.unit);
    d.p.state = STATE_PROCESSING;
    d.p.received_at = 1697418720; /* 2023-10-16T08:12:00+07:00 */
    d.p.due_at = d.p.received_at + 3 * 86400;
    Event ev = {.action = ACTION_RECEIVE, .id = "n-1", .at = d.p.received_at, .by = "clerk1"};
    json_t *o = dossier_json_render(&d, &ev, 1, d.p.due_at + 1);
    assert_string_equal(json_string_value(json_object_get(o, "state")), "processing");
    assert_int_equal(json_integer_value(json_object_get(o, "portal_status")), 4);
    assert_string_equal(json_string_value(json_object_get(o, "classification")), "overdue");
    assert_string_equal(json_string_value(json_object_get(o, "received_at")),
                        "2023-10-16T08:12:00+07:00");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(o, "applicant"), "phone")), "0912345678");
    json_t *e0 = json_array_get(json_object_get(o, "events"), 0);
    assert_string_equal(json_string_value(json_object_get(e0, "id")), "n-1");
    assert_string_equal(json_string_value(json_object_get(e0, "by")), "clerk1");
    json_decref(o);
    o = json_object();
    dossier_json_status(o, &d, d.p.due_at);
    assert_string_equal(json_string_value(json_object_get(o, "classification")), "within_deadline");
    assert_null(json_object_get(o, "applicant")); /* the public status has no personal data */
    json_decref(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intake),
        cmocka_unit_test(test_record_line),
        cmocka_unit_test(test_render),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
