/* test_dossier.c: one event at a time onto a dossier's projection (core/dossier): what each
 * action does to the state and the legal clock (receipt, supplement restart, payment pause,
 * apology), what replay refuses (an illegal action, an event out of order, a transfer to
 * nowhere, a rejection without its reason, a second apology or rating) without changing the
 * projection, what it takes from a source system as it is (a refusal without a reason), and the
 * classification of docs/INTERFACES.md §2 at an instant. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "calendar_fixture.h"
#include "core/deadline.h"
#include "core/dossier.h"

static const Duration three_days = {DURATION_WORKING_DAYS, 3};

/* apply applies ev to p and returns the result (e filled on failure). */
static int apply(Calendar *cal, DossierProjection *p, Event ev, Err *e)
{
    return dossier_apply(p, &ev, cal, three_days, e);
}

static void test_clock(void **state)
{
    Calendar *cal = *state;
    DossierProjection p;
    dossier_init(&p, "000.01.52.H50");
    Err e;
    /* received Monday 2023-10-02 09:00: due Thursday 09:00, three working days */
    assert_int_equal(
        apply(cal, &p, (Event){.action = ACTION_RECEIVE, .at = at(2023, 10, 2, 9, 0)}, &e), 0);
    assert_int_equal(p.state, STATE_RECEIVED);
    assert_instant(p.due_at, at(2023, 10, 5, 9, 0));
    assert_int_equal(p.appointment_at, p.due_at);
    /* a supplement request pauses; the complete dossier restarts the whole limit */
    assert_int_equal(
        apply(cal, &p, (Event){.action = ACTION_REQUEST_SUPPLEMENT, .at = at(2023, 10, 3, 10, 0)},
              &e),
        0);
    assert_int_equal(p.state, STATE_SUPPLEMENT);
    assert_int_equal(p.paused_at, at(2023, 10, 3, 10, 0));
    assert_int_equal(dossier_classify(&p, at(2023, 11, 1, 0, 0)), DEADLINE_WITHIN);
    assert_int_equal(
        apply(cal, &p, (Event){.action = ACTION_SUPPLEMENT, .at = at(2023, 10, 9, 9, 0)}, &e), 0);
    assert_int_equal(p.state, STATE_PROCESSING);
    assert_instant(p.due_at, at(2023, 10, 12, 9, 0));
    /* a unit operation hands the dossier over: its unit changes, its state and clock do not */
    DossierProjection was = p;
    assert_int_equal(apply(cal, &p,
                           (Event){.action = ACTION_HANDOVER,
                                   .at = at(2023, 10, 9, 10, 0),
                                   .from = "U",
                                   .to = "HEIR",
                                   .operation = "1"},
                           &e),
                     0);
    assert_string_equal(p.current_unit, "HEIR");
    assert_int_equal(p.state, was.state);
    assert_instant(p.due_at, was.due_at);
    assert_int_equal(p.paused_at, was.paused_at);
    /* an apology moves the appointment only; a second one is refused */
    Event sorry = {.action = ACTION_APOLOGIZE,
                   .at = at(2023, 10, 10, 9, 0),
                   .reason = "chậm",
                   .new_appointment = at(2023, 10, 16, 9, 0)};
    assert_int_equal(dossier_apply(&p, &sorry, cal, three_days, &e), 0);
    assert_instant(p.appointment_at, at(2023, 10, 16, 9, 0));
    assert_instant(p.due_at, at(2023, 10, 12, 9, 0));
    DossierProjection before = p;
    sorry.at += 60;
    assert_int_equal(dossier_apply(&p, &sorry, cal, three_days, &e), ERR_CONFLICT);
    assert_memory_equal(&p, &before, sizeof p);
    /* resolved late: after due_at, whatever the apology said */
    assert_int_equal(apply(cal, &p,
                           (Event){.action = ACTION_RESOLVE,
                                   .at = at(2023, 10, 13, 9, 0),
                                   .outcome = "approved",
                                   .by = "chuyenvien"},
                           &e),
                     0);
    assert_int_equal(p.state, STATE_RESOLVED);
    assert_string_equal(p.resolved_by, "chuyenvien");
    assert_int_equal(dossier_classify(&p, 0), DEADLINE_LATE);
    assert_int_equal(p.overdue_from, 0); /* finished: no longer counted overdue */
}

static void test_refusals_keep_the_projection(void **state)
{
    Calendar *cal = *state;
    DossierProjection p;
    dossier_init(&p, "U");
    Err e;
    assert_int_equal(
        apply(cal, &p, (Event){.action = ACTION_RECEIVE, .at = at(2023, 10, 2, 9, 0)}, &e), 0);
    DossierProjection before = p;
    static const struct {
        Event ev;
        int rc;
        const char *field;
    } bad[] = {
        {{.action = ACTION_RETURN, .at = 1}, ERR_SEMANTIC, "action"},
        {{.action = ACTION_COMMENT, .text = "x"}, ERR_SEMANTIC, "at"}, /* before the receipt */
        {{.action = ACTION_TRANSFER, .at = 2000000000}, ERR_INVALID, "to"},
        {{.action = ACTION_HANDOVER, .at = 2000000000, .from = "U"}, ERR_INVALID, "to"},
        {{.action = ACTION_RESOLVE, .at = 2000000000}, ERR_INVALID, "outcome"},
        {{.action = ACTION_RESOLVE, .at = 2000000000, .outcome = "rejected"},
         ERR_INVALID,
         "reason"},
        {{.action = ACTION_APOLOGIZE, .at = 2000000000}, ERR_INVALID, "new_appointment"},
        {{.action = ACTION_DIGITIZE, .at = 2000000000}, ERR_INVALID, "component"},
        {{.action = ACTION_RATE, .at = 2000000000, .level = "happy"}, ERR_SEMANTIC, "action"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_clear(&e);
        if (dossier_apply(&p, &bad[i].ev, cal, three_days, &e) != bad[i].rc)
            fail_msg("case %zu: want %d", i, bad[i].rc);
        assert_string_equal(e.field, bad[i].field);
        assert_memory_equal(&p, &before, sizeof p);
    }
}

static void test_source_refusal_without_reason(void **state)
{
    Calendar *cal = *state;
    DossierProjection p;
    dossier_init(&p, "U");
    Err e;
    /* older systems did not record a reason: replay takes the refusal as it is */
    assert_int_equal(
        apply(cal, &p, (Event){.action = ACTION_REFUSE, .at = at(2023, 10, 2, 9, 0)}, &e), 0);
    assert_int_equal(p.state, STATE_REFUSED);
    assert_int_equal(p.received_at, 0);
    assert_int_equal(dossier_classify(&p, at(2023, 10, 3, 9, 0)), -1);
    /* one rating, not two */
    DossierProjection q;
    dossier_init(&q, "U");
    assert_int_equal(
        apply(cal, &q, (Event){.action = ACTION_RECEIVE, .at = at(2023, 10, 2, 9, 0)}, &e), 0);
    assert_int_equal(
        apply(cal, &q, (Event){.action = ACTION_STOP, .at = at(2023, 10, 2, 10, 0)}, &e), 0);
    Event rate = {.action = ACTION_RATE, .at = at(2023, 10, 2, 11, 0), .level = "satisfied"};
    assert_int_equal(dossier_apply(&q, &rate, cal, three_days, &e), 0);
    assert_string_equal(q.rating, "satisfied");
    assert_int_equal(dossier_apply(&q, &rate, cal, three_days, &e), ERR_CONFLICT);
}

static void test_classify(void **state)
{
    (void)state;
    DossierProjection p;
    dossier_init(&p, "U");
    assert_int_equal(dossier_classify(&p, 0), -1); /* no due date */
    p.state = STATE_PROCESSING;
    p.due_at = at(2023, 10, 5, 9, 0);
    assert_int_equal(dossier_classify(&p, at(2023, 10, 5, 9, 0)), DEADLINE_WITHIN);
    assert_int_equal(dossier_classify(&p, at(2023, 10, 5, 9, 1)), DEADLINE_OVERDUE);
    p.resolved_at = at(2023, 10, 4, 17, 0);
    assert_int_equal(dossier_classify(&p, 0), DEADLINE_EARLY);
    p.resolved_at = at(2023, 10, 5, 8, 0);
    assert_int_equal(dossier_classify(&p, 0), DEADLINE_ON_TIME);
    p.resolved_at = 0;
    p.state = STATE_STOPPED;
    assert_int_equal(dossier_classify(&p, at(2024, 1, 1, 0, 0)), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_clock, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_refusals_keep_the_projection, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test_setup_teardown(test_source_refusal_without_reason, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test(test_classify),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
