/* test_escape.c: the HTML, CSV and URL escapers, each special character both ways. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/escape.h"

typedef void (*Escaper)(StrBuf *, const char *);

static void expect(Escaper f, const char *in, const char *want)
{
    StrBuf sb;
    sb_init(&sb, 0);
    f(&sb, in);
    assert_non_null(sb.data);
    assert_string_equal(sb.data, want);
    sb_free(&sb);
}

static void test_html(void **state)
{
    (void)state;
    expect(esc_html, "", "");
    expect(esc_html, "Nguyễn Văn An", "Nguyễn Văn An");
    expect(esc_html, "&", "&amp;");
    expect(esc_html, "<script>alert('x')</script>",
           "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(esc_html, "\" onmouseover=\"x", "&quot; onmouseover=&quot;x");
    expect(esc_html, "a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    expect(esc_html, "&amp;", "&amp;amp;"); /* no double-unescaping tricks */
}

static void test_csv(void **state)
{
    (void)state;
    expect(esc_csv, "", "\"\"");
    expect(esc_csv, "Hộ tịch", "\"Hộ tịch\"");
    expect(esc_csv, "a,b", "\"a,b\"");
    expect(esc_csv, "say \"x\"", "\"say \"\"x\"\"\"");
    expect(esc_csv, "line1\nline2", "\"line1\nline2\"");
    /* formula injection: = + - @ tab CR at the start are neutralised */
    expect(esc_csv, "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(esc_csv, "+1", "\"'+1\"");
    expect(esc_csv, "-1", "\"'-1\"");
    expect(esc_csv, "@SUM(A1)", "\"'@SUM(A1)\"");
    expect(esc_csv, "\tx", "\"'\tx\"");
    expect(esc_csv, "\rx", "\"'\rx\"");
    expect(esc_csv, "1-2", "\"1-2\""); /* only a leading sign counts */
}

static void test_url(void **state)
{
    (void)state;
    expect(esc_url, "abc-._~XYZ09", "abc-._~XYZ09");
    expect(esc_url, "a b&c=d", "a%20b%26c%3Dd");
    expect(esc_url, "đ", "%C4%91");
    expect(esc_url, "/?#", "%2F%3F%23");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_url),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
