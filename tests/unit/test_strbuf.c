/* test_strbuf.c: the capped string builder and its sticky error; logfmt values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/err.h"
#include "util/strbuf.h"

#include <stdlib.h>

static void test_append_and_grow(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    for (int i = 0; i < 1000; i++)
        sb_appendf(&sb, "%d,", i % 10);
    assert_int_equal(sb.len, 2000);
    assert_int_equal(sb.err, 0);
    assert_memory_equal(sb.data, "0,1,2,", 6);
    assert_int_equal(sb.data[sb.len], '\0');
    sb_free(&sb);
    assert_null(sb.data);
}

static void test_cap_is_sticky(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 10);
    sb_puts(&sb, "12345");
    sb_puts(&sb, "678901"); /* would pass 10 bytes */
    assert_int_equal(sb.err, ERR_TOO_LARGE);
    sb_puts(&sb, "x"); /* ignored after the error */
    assert_int_equal(sb.len, 5);
    assert_string_equal(sb.data, "12345");
    sb_free(&sb);
}

static void test_take(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    char *empty = sb_take(&sb);
    assert_string_equal(empty, "");
    free(empty);
    sb_putc(&sb, 'a');
    char *s = sb_take(&sb);
    assert_string_equal(s, "a");
    assert_null(sb.data);
    free(s);
}

static void expect_logfmt(const char *in, const char *want)
{
    StrBuf sb;
    sb_init(&sb, 0);
    sb_logfmt_value(&sb, in);
    assert_string_equal(sb.data, want);
    sb_free(&sb);
}

static void test_logfmt(void **state)
{
    (void)state;
    expect_logfmt("/api/v1/session", "/api/v1/session");
    expect_logfmt("", "\"\"");
    expect_logfmt("a b", "\"a b\"");
    expect_logfmt("k=v", "\"k=v\"");
    expect_logfmt("say \"hi\"\n", "\"say \\\"hi\\\"\\n\"");
    expect_logfmt("x\\y", "\"x\\\\y\"");
    expect_logfmt("/tra-cứu", "/tra-cứu");                     /* UTF-8 stays as it is */
    expect_logfmt("/ho-so/\xff\xfe", "\"/ho-so/\\xff\\xfe\""); /* not UTF-8: \xNN */
    expect_logfmt("a\xc3(b", "\"a\\xc3(b\"");                  /* a broken sequence */
    expect_logfmt("\xed\xa0\x80", "\"\\xed\\xa0\\x80\"");      /* a surrogate */
    expect_logfmt("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");     /* 4 bytes, valid */
    expect_logfmt("tab\there", "\"tabhere\""); /* control bytes dropped: no log forging */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_grow),
        cmocka_unit_test(test_cap_is_sticky),
        cmocka_unit_test(test_take),
        cmocka_unit_test(test_logfmt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
