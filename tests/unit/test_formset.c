/* test_formset.c: the forms by legal basis (core/formset): the switch on 1 July 2025 in
 * Vietnam time, the instant that decides for a dossier (receipt, else filing, else refusal, else
 * creation), each set's numbers and titles, the stop notice that only Circular 03/2025 has and
 * the refusal that Circular 01/2018 prints in its place, and the notes that say what is not
 * confirmed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/formset.h"
#include "util/timefmt.h"

#include <string.h>

/* at parses an ISO instant, failing the test if it is malformed. */
static int64_t at(const char *iso)
{
    int64_t t = 0;
    Err e;
    assert_int_equal(timefmt_parse_instant(iso, strlen(iso), &e, &t), 0);
    return t;
}

static void test_switch_day(void **state)
{
    (void)state;
    assert_int_equal(formset_of(FORM_BASIS_TT03_2025)->first_day,
                     timefmt_days_from_civil(2025, 7, 1));
    assert_int_equal(formset_basis_at(at("2025-06-30T23:59:59+07:00")), FORM_BASIS_TT01_2018);
    assert_int_equal(formset_basis_at(at("2025-07-01T00:00:00+07:00")), FORM_BASIS_TT03_2025);
    /* 30/6 17:30 UTC is already 1/7 in Vietnam */
    assert_int_equal(formset_basis_at(at("2025-06-30T17:30:00Z")), FORM_BASIS_TT03_2025);
    assert_int_equal(formset_basis_at(at("2019-01-06T08:00:00+07:00")), FORM_BASIS_TT01_2018);
    assert_int_equal(formset_basis_at(at("2026-12-06T08:00:00+07:00")), FORM_BASIS_TT03_2025);
}

static void test_dossier_basis(void **state)
{
    (void)state;
    Dossier d = {.created_at = at("2025-07-02T08:00:00+07:00")};
    /* received before the switch, whatever came after */
    d.p.received_at = at("2025-06-30T16:00:00+07:00");
    d.p.submitted_at = at("2025-06-29T10:00:00+07:00");
    assert_int_equal(formset_basis(&d, NULL, 0), FORM_BASIS_TT01_2018);
    d.p.received_at = at("2025-07-01T07:30:00+07:00");
    assert_int_equal(formset_basis(&d, NULL, 0), FORM_BASIS_TT03_2025);
    /* never received: filed online before the switch, refused after it */
    d.p.received_at = 0;
    Event refused[] = {{.action = ACTION_SUBMIT, .at = d.p.submitted_at},
                       {.action = ACTION_REFUSE, .at = at("2025-07-01T09:00:00+07:00")}};
    assert_int_equal(formset_basis(&d, refused, 2), FORM_BASIS_TT01_2018);
    /* a source's filing instant, then the refusal, then the day the store made it */
    d.p.submitted_at = 0;
    d.filed_at = at("2025-06-20T09:00:00+07:00");
    assert_int_equal(formset_basis(&d, refused, 2), FORM_BASIS_TT01_2018);
    d.filed_at = 0;
    assert_int_equal(formset_basis(&d, refused, 2), FORM_BASIS_TT03_2025);
    refused[1].at = at("2025-06-30T09:00:00+07:00");
    assert_int_equal(formset_basis(&d, refused, 2), FORM_BASIS_TT01_2018);
    assert_int_equal(formset_basis(&d, NULL, 0), FORM_BASIS_TT03_2025); /* created 2/7 */
}

static void test_sets(void **state)
{
    (void)state;
    static const struct {
        FormKind kind;
        int tt01, tt03;
    } numbers[] = {
        {FORM_RECEIPT, 1, 1}, {FORM_SUPPLEMENT, 2, 2},  {FORM_REFUSAL, 3, 3},
        {FORM_APOLOGY, 4, 4}, {FORM_STOP_NOTICE, 0, 5}, {FORM_CONTROL, 5, 6},
        {FORM_LEDGER, 6, 7},
    };
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        const FormSpec *a = formset_form(FORM_BASIS_TT01_2018, numbers[i].kind);
        const FormSpec *b = formset_form(FORM_BASIS_TT03_2025, numbers[i].kind);
        if (numbers[i].tt01) {
            assert_int_equal(a->number, numbers[i].tt01);
            assert_int_equal(formset_by_number(FORM_BASIS_TT01_2018, a->number), a->kind);
            assert_true(a->confirmed); /* every Circular 01/2018 number is [C] */
        } else {
            assert_null(a);
        }
        assert_int_equal(b->number, numbers[i].tt03);
        assert_int_equal(formset_by_number(FORM_BASIS_TT03_2025, b->number), b->kind);
        assert_true(b->source && *b->source);
        /* what is not confirmed says so in its note */
        if (!b->confirmed)
            assert_non_null(strstr(b->source, "[U"));
    }
    assert_int_equal(formset_by_number(FORM_BASIS_TT01_2018, 7), FORM_NONE);
    assert_int_equal(formset_by_number(FORM_BASIS_TT03_2025, 8), FORM_NONE);
    assert_int_equal(formset_by_number(FORM_BASIS_TT03_2025, 0), FORM_NONE);
    assert_true(formset_form(FORM_BASIS_TT03_2025, FORM_RECEIPT)->confirmed);
    assert_false(formset_form(FORM_BASIS_TT03_2025, FORM_STOP_NOTICE)->confirmed);
    assert_false(formset_form(FORM_BASIS_TT03_2025, FORM_CONTROL)->confirmed);
    assert_string_equal(formset_form(FORM_BASIS_TT03_2025, FORM_REFUSAL)->heading,
                        "PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ");
    assert_string_equal(formset_form(FORM_BASIS_TT01_2018, FORM_REFUSAL)->heading,
                        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
    assert_true(formset_form(FORM_BASIS_TT03_2025, FORM_LEDGER)->landscape);
    assert_false(formset_form(FORM_BASIS_TT03_2025, FORM_RECEIPT)->landscape);
    assert_string_equal(formset_of(FORM_BASIS_TT03_2025)->name, "Thông tư 03/2025/TT-VPCP");
}

static void test_printed(void **state)
{
    (void)state;
    /* a stop: Mẫu 03 under Circular 01/2018, the stop notice under Circular 03/2025 */
    assert_int_equal(formset_printed(FORM_BASIS_TT01_2018, FORM_STOP_NOTICE), FORM_REFUSAL);
    assert_int_equal(formset_printed(FORM_BASIS_TT03_2025, FORM_STOP_NOTICE), FORM_STOP_NOTICE);
    assert_int_equal(formset_printed(FORM_BASIS_TT01_2018, FORM_APOLOGY), FORM_APOLOGY);
    assert_int_equal(formset_printed(FORM_BASIS_TT03_2025, FORM_NONE), FORM_NONE);
    assert_int_equal(formset_number_everywhere(FORM_RECEIPT), 1);
    assert_int_equal(formset_number_everywhere(FORM_REFUSAL), 3);
    assert_int_equal(formset_number_everywhere(FORM_STOP_NOTICE), 0);
    assert_int_equal(formset_number_everywhere(FORM_CONTROL), 0);
    assert_int_equal(formset_number_everywhere(FORM_FEE_RECEIPT), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_switch_day),
        cmocka_unit_test(test_dossier_basis),
        cmocka_unit_test(test_sets),
        cmocka_unit_test(test_printed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
