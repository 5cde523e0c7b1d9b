/* test_dossier_code.c: agency, procedure and field code validation, both ways. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/dossier_code.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_codes),
        cmocka_unit_test(test_procedure_codes),
        cmocka_unit_test(test_field_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
