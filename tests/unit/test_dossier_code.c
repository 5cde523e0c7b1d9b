/* test_dossier_code.c: agency, procedure and field code validation, both ways. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/dossier_code.h"
#include "util/err.h"

#include <string.h>

static void test_unit_codes(void **state)
{
    (void)state;
    assert_true(dossier_code_unit_valid("000.00.00.H50"));
    assert_true(dossier_code_unit_valid("000.00.04.G14"));
    assert_true(dossier_code_unit_valid("123.45.67.Z99"));
    assert_false(dossier_code_unit_valid("000.00.00.h50"));
    assert_false(dossier_code_unit_valid("000.00.00.H5"));
    assert_false(dossier_code_unit_valid("000.00.00.H500"));
    assert_false(dossier_code_unit_valid("000-00.00.H50"));
    assert_false(dossier_code_unit_valid("00.000.00.H50"));
    assert_false(dossier_code_unit_valid("000.00.00.150"));
    assert_false(dossier_code_unit_valid(""));
    assert_false(dossier_code_unit_valid(NULL));
}

static void test_procedure_codes(void **state)
{
    (void)state;
    assert_true(dossier_code_procedure_valid("1.001193"));
    assert_true(dossier_code_procedure_valid("2.000635"));
    assert_false(dossier_code_procedure_valid("1.00119"));
    assert_false(dossier_code_procedure_valid("1.0011933"));
    assert_false(dossier_code_procedure_valid(".001193"));
    assert_false(dossier_code_procedure_valid("1001193"));
    assert_false(dossier_code_procedure_valid("a.001193"));
    assert_false(dossier_code_procedure_valid("1.001193 "));
    assert_false(dossier_code_procedure_valid(NULL));
}

static void test_field_codes(void **state)
{
    (void)state;
    assert_true(dossier_code_field_valid("HT"));
    assert_true(dossier_code_field_valid("G03-GD10"));
    assert_false(dossier_code_field_valid("ht"));
    assert_false(dossier_code_field_valid("-HT"));
    assert_false(dossier_code_field_valid(""));
    assert_false(dossier_code_field_valid("ABCDEFGHIJKLMNOPQ")); /* 17 characters */
    assert_false(dossier_code_field_valid("H T"));
}

static void test_dossier_codes(void **state)
{
    (void)state;
    char code[DOSSIER_CODE_MAX], unit[UNIT_CODE_LEN + 1];
    int y, m, d;
    long long seq;
    assert_int_equal(dossier_code_format("000.00.20.H50", 2023, 10, 2, 1, code), 0);
    assert_string_equal(code, "000.00.20.H50-231002-0001");
    assert_int_equal(dossier_code_format("000.00.20.H50", 2024, 2, 29, 9999, code), 0);
    assert_string_equal(code, "000.00.20.H50-240229-9999");
    assert_int_equal(dossier_code_format("000.00.20.H50", 2024, 2, 29, 10000, code), 0);
    assert_string_equal(code, "000.00.20.H50-240229-10000"); /* wider past 9999 */
    assert_int_equal(dossier_code_format("000.00.20.H50", 2023, 2, 29, 1, code), ERR_INVALID);
    assert_int_equal(dossier_code_format("bad", 2023, 1, 1, 1, code), ERR_INVALID);
    assert_int_equal(dossier_code_format("000.00.20.H50", 2023, 1, 1, 0, code), ERR_INVALID);
    assert_int_equal(dossier_code_format("000.00.20.H50", 1999, 1, 1, 1, code), ERR_INVALID);

    assert_int_equal(dossier_code_parse("000.00.00.H50-231002-0001", unit, &y, &m, &d, &seq), 0);
    assert_string_equal(unit, "000.00.00.H50");
    assert_int_equal(y, 2023);
    assert_int_equal(m, 10);
    assert_int_equal(d, 2);
    assert_int_equal(seq, 1);
    assert_int_equal(dossier_code_parse("000.00.00.H50-231002-12345", unit, &y, &m, &d, &seq), 0);
    assert_int_equal(seq, 12345);
    static const char *const bad[] = {
        "000.00.00.H50-231002-001",   /* fewer than 4 digits */
        "000.00.00.H50-231002-00001", /* padded past 4 */
        "000.00.00.H50-231302-0001",  /* month 13 */
        "000.00.00.H50-230229-0001",  /* 29 Feb 2023 */
        "000.00.00.H50-231002-0000",  /* sequence 0 */
        "000.00.00.H50_231002-0001",
        "000.00.00.H50-23100A-0001",
        "000.00.00.h50-231002-0001",
        "000.00.00.H50-231002-0001x",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (dossier_code_parse(bad[i], unit, &y, &m, &d, &seq) != ERR_INVALID)
            fail_msg("accepted %s", bad[i]);
    /* format then parse gives back the parts */
    for (long long s = 1; s < 200000; s += 997) {
        assert_int_equal(dossier_code_format("123.45.67.Z99", 2031, 12, 31, s, code), 0);
        assert_int_equal(dossier_code_parse(code, unit, &y, &m, &d, &seq), 0);
        assert_int_equal(seq, s);
        assert_int_equal(y * 10000 + m * 100 + d, 20311231);
    }
}

static void expect_ref(const char *typed, DossierRef want, const char *code)
{
    char out[DOSSIER_CODE_MAX] = "unchanged";
    int32_t today = 20793; /* 2026-12-06 */
    DossierRef got = dossier_code_lookup(typed, today, out);
    if (got != want || strcmp(out, code) != 0)
        fail_msg("%s: %d %s, want %d %s", typed, got, out, want, code);
}

/* A reference as typed or pasted into a search box. */
static void test_lookup(void **state)
{
    (void)state;
    const char *code = "000.01.52.H50-261206-0003";
    expect_ref(code, DOSSIER_REF_CODE, code);
    expect_ref(" 000.01.52.h50-261206-3\n", DOSSIER_REF_CODE, code);
    expect_ref("\xC2\xA0"
               "000.01.52.H50 - 261206 - 0003\xE2\x80\x8B",
               DOSSIER_REF_CODE, code);
    expect_ref("000.01.52.H50\xE2\x80\x93"
               "261206\xE2\x88\x92"
               "03",
               DOSSIER_REF_CODE, code);
    expect_ref("000.01.52.H50-261206-12345", DOSSIER_REF_CODE, "000.01.52.H50-261206-12345");
    expect_ref("261206-3", DOSSIER_REF_SUFFIX, "-261206-0003");
    expect_ref("\t261206-0003 ", DOSSIER_REF_SUFFIX, "-261206-0003");
    expect_ref("-3", DOSSIER_REF_SUFFIX, "-261206-0003");
    expect_ref(" - 0003", DOSSIER_REF_SUFFIX, "-261206-0003");
    expect_ref("-1234567890", DOSSIER_REF_SUFFIX, "-261206-1234567890");
    /* not references: words, phones, bad dates, zero, too long, a unit that is not one */
    static const char *const none[] = {
        "",
        "  ",
        "Nguyễn Văn An",
        "0912345678",
        "3",
        "-",
        "-0",
        "--3",
        "261206-0",
        "261306-3",
        "260229-1",
        "261206-",
        "2612-3",
        "261206",
        "-12345678901",
        "261206-3a",
        "000.01.52.H5-261206-3",
        "000.01.52.H50-261206",
        "000.01.52.H50-2612063",
        "x-3",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        expect_ref(none[i], DOSSIER_REF_NONE, "unchanged");
    char out[DOSSIER_CODE_MAX];
    assert_int_equal(dossier_code_lookup(NULL, 0, out), DOSSIER_REF_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_codes),  cmocka_unit_test(test_procedure_codes),
        cmocka_unit_test(test_field_codes), cmocka_unit_test(test_dossier_codes),
        cmocka_unit_test(test_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
