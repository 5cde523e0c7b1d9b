/* test_record.c: the typed records in JSON and back (app/record.c): every action's fields read
 * from an event object and written back to the same object; what a reader refuses (unknown
 * keys, wrong types, lengths, ranges, bad units, the server's own fields from a client) and
 * that it names the field; text in NFC; a stored row decoded with its id, instant and officer;
 * events compared by meaning, not by the text they were stored as; applicant and components. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "json_fixture.h"
#include "app/record.h"

#include <stdlib.h>
#include <string.h>

/* read_event reads text as a client's event body (no id, at, by). */
static int read_event(const char *text, Event *out, Err *e)
{
    json_t *o = parse(text);
    int rc = record_event_read(arena, o, false, out, e);
    json_decref(o);
    return rc;
}

/* The fields of every action written back: the payload is the canonical text of what was read. */
static void test_round_trip(void **state)
{
    (void)state;
    static const char *const bodies[][2] = {
        {"{\"action\":\"receive\"}", "{}"},
        {"{\"action\":\"refuse\",\"reason\":\"Không thuộc thẩm quyền\"}",
         "{\"reason\":\"Không thuộc thẩm quyền\"}"},
        {"{\"action\":\"transfer\",\"to\":\"000.01.52.H50\",\"handler\":\"chuyenvien\","
         "\"note\":\"Gấp\"}",
         "{\"handler\":\"chuyenvien\",\"note\":\"Gấp\",\"to\":\"000.01.52.H50\"}"},
        {"{\"action\":\"request_supplement\",\"items\":[\"Bản sao CCCD\",\"Ảnh 4x6\"],"
         "\"reason\":\"Thiếu\"}",
         "{\"items\":[\"Bản sao CCCD\",\"Ảnh 4x6\"],\"reason\":\"Thiếu\"}"},
        {"{\"action\":\"pay\",\"amount\":8000,\"online\":true,\"receipt\":\"GW-1\"}",
         "{\"amount\":8000,\"online\":true,\"receipt\":\"GW-1\"}"},
        {"{\"action\":\"resolve\",\"outcome\":\"rejected\",\"reason\":\"Không đủ điều kiện\","
         "\"result_digitized\":true}",
         "{\"outcome\":\"rejected\",\"reason\":\"Không đủ điều kiện\",\"result_digitized\":true}"},
        {"{\"action\":\"apologize\",\"reason\":\"Chậm\",\"new_appointment\":"
         "\"2023-10-20T01:00:00Z\"}",
         "{\"new_appointment\":\"2023-10-20T08:00:00+07:00\",\"reason\":\"Chậm\"}"},
        {"{\"action\":\"digitize\",\"component\":\"Tờ khai\",\"result\":true}",
         "{\"component\":\"Tờ khai\",\"result\":true}"},
        {"{\"action\":\"rate\",\"level\":\"satisfied\",\"comment\":\"Tốt\\nlắm\"}",
         "{\"comment\":\"Tốt\\nlắm\",\"level\":\"satisfied\"}"},
        {"{\"action\":\"comment\",\"text\":\"Đã gọi điện\"}", "{\"text\":\"Đã gọi điện\"}"},
        /* false and 0 are "not given": the payload leaves them out */
        {"{\"action\":\"pay\",\"amount\":0,\"online\":false}", "{}"},
    };
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        Event ev;
        Err e;
        if (read_event(bodies[i][0], &ev, &e) != 0)
            fail_msg("%s: %s", bodies[i][0], e.message_en);
        assert_string_equal(record_event_payload(arena, &ev), bodies[i][1]);
        /* and the interchange form reads back to the same event */
        ev.id = "n1-1";
        ev.at = 1697414400;
        ev.by = "clerk1";
        json_t *o = record_event_json(&ev);
        Event again;
        assert_int_equal(record_event_read(arena, o, true, &again, &e), 0);
        json_decref(o);
        assert_true(record_event_same(&ev, &again));
        assert_string_equal(again.id, "n1-1");
    }
}

static void test_refusals(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"[]", "events"},
        {"{}", "action"},
        {"{\"action\":\"fly\"}", "action"},
        {"{\"action\":\"receive\",\"reason\":\"x\"}", "reason"}, /* not receive's field */
        {"{\"action\":\"refuse\",\"id\":\"x\"}", "id"},          /* the server stamps it */
        {"{\"action\":\"transfer\",\"to\":\"not a unit\"}", "to"},
        {"{\"action\":\"transfer\",\"to\":5}", "to"},
        {"{\"action\":\"pay\",\"amount\":-1}", "amount"},
        {"{\"action\":\"pay\",\"amount\":1.5}", "amount"},
        {"{\"action\":\"pay\",\"online\":\"yes\"}", "online"},
        {"{\"action\":\"resolve\",\"outcome\":\"maybe\"}", "outcome"},
        {"{\"action\":\"request_supplement\",\"items\":[]}", "items"},
        {"{\"action\":\"request_supplement\",\"items\":[\"\"]}", "items"},
        {"{\"action\":\"request_supplement\",\"items\":\"CCCD\"}", "items"},
        {"{\"action\":\"apologize\",\"new_appointment\":\"20/10/2023\"}", "new_appointment"},
        {"{\"action\":\"transfer\",\"handler\":\"a\\u0001b\"}", "handler"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Event ev;
        Err e;
        err_clear(&e);
        if (read_event(bad[i][0], &ev, &e) != ERR_INVALID)
            fail_msg("accepted: %s", bad[i][0]);
        assert_string_equal(e.field, bad[i][1]);
        assert_true(e.message[0] && e.message_en[0]);
    }
    /* a reason of 2,000 bytes is accepted, one more is not */
    char body[2100];
    snprintf(body, sizeof body, "{\"action\":\"stop\",\"reason\":\"%0*d\"}", 2000, 0);
    Event ev;
    Err e;
    assert_int_equal(read_event(body, &ev, &e), 0);
    snprintf(body, sizeof body, "{\"action\":\"stop\",\"reason\":\"%0*d\"}", 2001, 0);
    assert_int_equal(read_event(body, &ev, &e), ERR_INVALID);
    /* with meta, the id and the instant are required */
    json_t *o = parse("{\"action\":\"receive\",\"at\":\"2023-10-16T08:00:00+07:00\"}");
    assert_int_equal(record_event_read(arena, o, true, &ev, &e), ERR_INVALID);
    assert_string_equal(e.field, "id");
    json_decref(o);
}

static void test_nfc(void **state)
{
    (void)state;
    /* "Nguyễn" decomposed (NFD: e + U+0302 + U+0303) reads as composed (NFC) */
    Event ev;
    Err e;
    assert_int_equal(
        read_event("{\"action\":\"refuse\",\"reason\":\"Nguye\\u0302\\u0303n\"}", &ev, &e), 0);
    assert_string_equal(ev.reason, "Nguyễn");
}

static void test_decode_stored(void **state)
{
    (void)state;
    StoredEvent row = {.event_id = "a1b2-7",
                       .action = "transfer",
                       .by = "motcua",
                       .at = 1697414400,
                       .payload = "{\"handler\":\"chuyenvien\",\"to\":\"000.01.52.H50\"}"};
    Event ev;
    Err e;
    assert_int_equal(record_event_decode(arena, &row, &ev, &e), 0);
    assert_int_equal(ev.action, ACTION_TRANSFER);
    assert_string_equal(ev.id, "a1b2-7");
    assert_string_equal(ev.by, "motcua");
    assert_int_equal(ev.at, 1697414400);
    assert_string_equal(ev.to, "000.01.52.H50");
    assert_string_equal(ev.handler, "chuyenvien");
    assert_null(ev.note);
    /* a payload written before the typed record (false kept, keys unsorted) means the same */
    StoredEvent old = {
        .event_id = "x", .action = "pay", .at = 5, .payload = "{\"online\":false,\"amount\":8000}"};
    Event a, b = {.action = ACTION_PAY, .at = 5, .amount = 8000};
    assert_int_equal(record_event_decode(arena, &old, &a, &e), 0);
    assert_true(record_event_same(&a, &b));
    b.online = true;
    assert_false(record_event_same(&a, &b));
    b.online = false;
    b.by = "someone";
    assert_false(record_event_same(&a, &b));
    /* a damaged payload does not decode */
    StoredEvent damaged = {.action = "stop", .payload = "{\"reason\":"};
    assert_int_equal(record_event_decode(arena, &damaged, &a, &e), ERR_INVALID);
    StoredEvent foreign = {.action = "stop", .payload = "{\"amount\":1}"};
    assert_int_equal(record_event_decode(arena, &foreign, &a, &e), ERR_INVALID);
}

static void test_applicant_and_components(void **state)
{
    (void)state;
    Applicant ap;
    Err e;
    json_t *o = parse("{\"name\":\"Nguyễn Văn An\",\"phone\":\"+84 912.345.678\","
                      "\"email\":\"an@example.vn\"}");
    assert_int_equal(record_applicant_read(arena, o, false, &ap, &e), 0);
    json_decref(o);
    assert_string_equal(ap.name, "Nguyễn Văn An");
    assert_null(ap.id_number);
    o = record_applicant_json(&ap);
    assert_string_equal(record_text(arena, o),
                        "{\"name\":\"Nguyễn Văn An\",\"phone\":\"+84 912.345.678\","
                        "\"email\":\"an@example.vn\"}");
    static const char *const bad[][2] = {
        {"{\"phone\":\"0912345678\"}", "name"},
        {"{\"name\":\"A\"}", "phone"}, /* the look-up key needs one of the two */
        {"{\"name\":\"A\",\"phone\":\"091\"}", "phone"},
        {"{\"name\":\"A\",\"id_number\":\"04509x\"}", "id_number"},
        {"{\"name\":\"A\",\"phone\":\"0912345678\",\"email\":\"nope\"}", "email"},
        {"{\"name\":\"A\",\"phone\":\"0912345678\",\"age\":3}", "age"},
        {"{\"name\":\"A\",\"phone\":\"0912345678\",\"birth_date\":\"2020-02-30\"}", "birth_date"},
        /* only the server records what the population register answered */
        {"{\"name\":\"A\",\"phone\":\"0912345678\",\"identity\":{\"source\":\"http://r\","
         "\"at\":\"2026-03-02T09:00:00+07:00\"}}",
         "identity"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        o = parse(bad[i][0]);
        assert_int_equal(record_applicant_read(arena, o, false, &ap, &e), ERR_INVALID);
        json_decref(o);
        assert_string_equal(e.field, bad[i][1]);
    }
    /* a stored applicant keeps the register's identity, and writes it back the same */
    const char *stored = "{\"name\":\"B\",\"id_number\":\"045190001234\","
                         "\"birth_date\":\"1990-05-17\",\"identity\":{\"source\":\"http://r\","
                         "\"at\":\"2026-03-02T09:00:00+07:00\"}}";
    o = parse(stored);
    assert_int_equal(record_applicant_read(arena, o, true, &ap, &e), 0);
    json_decref(o);
    assert_string_equal(ap.birth_date, "1990-05-17");
    assert_string_equal(ap.identity_source, "http://r");
    assert_true(ap.identity_at == 1772416800); /* 2026-03-02 02:00 UTC */
    assert_string_equal(record_text(arena, record_applicant_json(&ap)), stored);
    o = parse("{\"name\":\"B\",\"phone\":\"0912345678\",\"identity\":{\"source\":\"http://r\"}}");
    assert_int_equal(record_applicant_read(arena, o, true, &ap, &e), ERR_INVALID);
    json_decref(o);
    assert_string_equal(e.field, "identity");
    DossierComponent *cs;
    size_t n;
    o = parse("[{\"name\":\"Tờ khai\",\"digitized\":true},{\"name\":\"Giấy chứng sinh\"}]");
    assert_int_equal(record_components_read(arena, o, &cs, &n, &e), 0);
    json_decref(o);
    assert_int_equal(n, 2);
    assert_true(cs[0].digitized);
    assert_false(cs[1].digitized);
    assert_string_equal(record_text(arena, record_components_json(cs, n)),
                        "[{\"name\":\"Tờ khai\",\"digitized\":true},"
                        "{\"name\":\"Giấy chứng sinh\",\"digitized\":false}]");
    assert_int_equal(record_components_read(arena, NULL, &cs, &n, &e), 0);
    assert_int_equal(n, 0);
    o = parse("[{\"digitized\":true}]");
    assert_int_equal(record_components_read(arena, o, &cs, &n, &e), ERR_INVALID);
    json_decref(o);
    assert_string_equal(e.field, "name");
    assert_true(json_is_null(record_instant(0)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_decode_stored),
        cmocka_unit_test(test_applicant_and_components),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
