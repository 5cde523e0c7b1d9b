/* test_err.c: Err records: err_set copies the field and both messages, cutting one too long for
 * its buffer at a UTF-8 code-point boundary, and returns the code; err_setf formats; err_clear
 * empties. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/err.h"

#include <string.h>

/* Writes count copies of unit after prefix into buf (room for cap bytes). */
static void repeat(char *buf, size_t cap, const char *prefix, const char *unit, int count)
{
    size_t len = strlen(prefix);
    memcpy(buf, prefix, len);
    for (int i = 0; i < count; i++) {
        assert_true(len + strlen(unit) < cap);
        memcpy(buf + len, unit, strlen(unit));
        len += strlen(unit);
    }
    buf[len] = '\0';
}

static void test_set(void **state)
{
    (void)state;
    Err e;
    assert_int_equal(err_set(&e, ERR_INVALID, "unit", "Mã đơn vị không hợp lệ", "invalid unit"),
                     ERR_INVALID);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.field, "unit");
    assert_string_equal(e.message, "Mã đơn vị không hợp lệ");
    assert_string_equal(e.message_en, "invalid unit");
    assert_int_equal(err_set(NULL, ERR_IO, "x", "y", "z"), ERR_IO);
    err_set(&e, ERR_CONFLICT, NULL, NULL, NULL);
    assert_string_equal(e.field, "");
    assert_string_equal(e.message, "");
    err_clear(&e);
    assert_int_equal(e.code, ERR_OK);
    assert_string_equal(e.message_en, "");
}

/* A message longer than its buffer keeps the most whole characters that fit. */
static void test_cut_at_boundary(void **state)
{
    (void)state;
    Err e;
    char vi[1024], field[128], want[1024];

    /* "ab" then 200 x "ế" (3 bytes): 602 bytes; 511 fit, so "ab" and 169 x "ế" (509 bytes). */
    repeat(vi, sizeof vi, "ab", "\xE1\xBA\xBF", 200);
    /* 40 x "đ" (2 bytes): 80 bytes; 63 fit, so 31 x "đ" (62 bytes). */
    repeat(field, sizeof field, "", "\xC4\x91", 40);
    err_set(&e, ERR_INVALID, field, vi, "en");
    repeat(want, sizeof want, "ab", "\xE1\xBA\xBF", 169);
    assert_int_equal(strlen(e.message), 509);
    assert_string_equal(e.message, want);
    repeat(want, sizeof want, "", "\xC4\x91", 31);
    assert_string_equal(e.field, want);
    /* exactly full: "a" and 170 x "ế" is 511 bytes and stays whole */
    repeat(vi, sizeof vi, "a", "\xE1\xBA\xBF", 170);
    err_set(&e, ERR_INVALID, "", vi, "en");
    assert_string_equal(e.message, vi);
}

static void test_setf(void **state)
{
    (void)state;
    Err e;
    assert_int_equal(err_setf(&e, ERR_NOT_FOUND, "code", "Không tìm thấy hồ sơ %s",
                              "dossier %s not found", "H50.21-231002-0001"),
                     ERR_NOT_FOUND);
    assert_string_equal(e.message, "Không tìm thấy hồ sơ H50.21-231002-0001");
    assert_string_equal(e.message_en, "dossier H50.21-231002-0001 not found");
    err_setf(&e, ERR_INVALID, "", "thiếu %s", "missing %s", NULL);
    assert_string_equal(e.message, "thiếu ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set),
        cmocka_unit_test(test_cut_at_boundary),
        cmocka_unit_test(test_setf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
