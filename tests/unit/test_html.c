/* test_html.c: the HTML builder: the formatted writer escapes every %s (& < > " ' each way, in
 * text and attribute values), writes integers of every width in plain decimal and refuses any
 * other conversion by aborting; literals pass through; URLs are percent-encoded and site-local;
 * numbers and dates come out in vi-VN form; pages, printable forms, the national heading and the
 * SVG bar chart are well formed and say what they should. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/html.h"

#include "htmlcheck.h"
#include "util/err.h"
#include "util/timefmt.h"

#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char nasty[] = "a&b<c>d\"e'f";
static const char nasty_escaped[] = "a&amp;b&lt;c&gt;d&quot;e&#39;f";

/* A NULL string the compiler cannot see as one (a literal NULL for %s is a warning). */
static const char *volatile null_text = NULL;

/* assert_well_formed fails the test with the checker's message when html is not well formed. */
static void assert_well_formed(const char *html)
{
    const char *why = htmlcheck(html);
    if (why)
        fail_msg("not well formed: %s in:\n%s", why, html);
}

/* assert_page fails the test with the checker's message when p is not a well-formed whole page
 * (doctype, one <html lang="vi"> with its head, title, body and charset). */
static void assert_page(const char *p)
{
    const char *why = htmlcheck_page(p);
    if (why)
        fail_msg("not a well-formed page: %s in:\n%s", why, p);
}

/* assert_before fails unless a occurs in s, and b occurs after it. */
static void assert_before(const char *s, const char *a, const char *b)
{
    const char *pa = strstr(s, a);
    assert_non_null(pa);
    assert_non_null(strstr(pa + strlen(a), b));
}

/* ---- the formatted writer ---- */

static void test_writer_escapes(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    /* each of the five characters, in element content and in an attribute value */
    html(&sb, "<p title=\"%s\">%s</p>", nasty, nasty);
    assert_string_equal(sb.data, "<p title=\"a&amp;b&lt;c&gt;d&quot;e&#39;f\">"
                                 "a&amp;b&lt;c&gt;d&quot;e&#39;f</p>");
    assert_well_formed(sb.data);
    sb_free(&sb);

    /* breakouts stay inside the value; one character at a time, alone */
    sb_init(&sb, 0);
    html(&sb, "<input value=\"%s\" placeholder=\"%s\">", "\" onmouseover=\"alert(1)",
         "' autofocus onfocus='x");
    assert_string_equal(sb.data, "<input value=\"&quot; onmouseover=&quot;alert(1)\""
                                 " placeholder=\"&#39; autofocus onfocus=&#39;x\">");
    sb_free(&sb);
    sb_init(&sb, 0);
    html(&sb, "%s|%s|%s|%s|%s", "&", "<", ">", "\"", "'");
    assert_string_equal(sb.data, "&amp;|&lt;|&gt;|&quot;|&#39;");
    sb_free(&sb);

    /* NULL and "" write nothing; UTF-8 and the format's own bytes pass through; %% is '%' */
    sb_init(&sb, 0);
    html(&sb, "<td>%s</td><td>%s</td>", null_text, "");
    html(&sb, "Hồ sơ & <b>kết quả</b> 100%% %s%%", "Nguyễn Văn An");
    assert_string_equal(sb.data, "<td></td><td></td>Hồ sơ & <b>kết quả</b> 100% Nguyễn Văn An%");
    assert_int_equal(sb.len, strlen(sb.data));
    sb_free(&sb);

    /* a bare boolean attribute may come through %s: it has nothing to escape */
    sb_init(&sb, 0);
    html(&sb, "<option value=\"%s\"%s>%s</option>", "a\"b", " selected", "<x>");
    assert_string_equal(sb.data, "<option value=\"a&quot;b\" selected>&lt;x&gt;</option>");
    sb_free(&sb);
}

static void test_writer_integers(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, "%d %i %u|", -1234567, 42, 4000000000u);
    html(&sb, "%d %d %u|", INT_MIN, INT_MAX, UINT_MAX);
    html(&sb, "%ld %lu|", LONG_MIN, ULONG_MAX);
    html(&sb, "%lld %llu|", LLONG_MIN, ULLONG_MAX);
    html(&sb, "%jd %ju|", INTMAX_MIN, UINTMAX_MAX);
    html(&sb, "%zu %td|", SIZE_MAX, (ptrdiff_t)-7);
    html(&sb, "%" PRId64 " %" PRId64 " %" PRIu64 "|", INT64_MIN, INT64_MAX, UINT64_MAX);
    html(&sb, "%" PRId32 " %" PRIu32 " %d", INT32_MIN, UINT32_MAX, 0);
    assert_string_equal(sb.data, "-1234567 42 4000000000|"
                                 "-2147483648 2147483647 4294967295|"
                                 "-9223372036854775808 18446744073709551615|"
                                 "-9223372036854775808 18446744073709551615|"
                                 "-9223372036854775808 18446744073709551615|"
                                 "18446744073709551615 -7|"
                                 "-9223372036854775808 9223372036854775807 18446744073709551615|"
                                 "-2147483648 4294967295 0");
    sb_free(&sb);

    /* numbers and text mixed in one call keep their order */
    sb_init(&sb, 0);
    html(&sb, "<rect x=\"%d\" y=\"%lld\" fill=\"%s\"/><text>%zu %s</text>", -3, 4LL, "#fff",
         (size_t)5, "<5>");
    assert_string_equal(sb.data, "<rect x=\"-3\" y=\"4\" fill=\"#fff\"/><text>5 &lt;5&gt;</text>");
    sb_free(&sb);
}

static void test_writer_long(void **state)
{
    (void)state;
    enum { N = 100000 };
    char *big = malloc(N + 1);
    assert_non_null(big);
    for (size_t i = 0; i < N; i++)
        big[i] = i % 10 == 9 ? '<' : 'x'; /* a tenth of it escaped, 4 bytes each */
    big[N] = '\0';
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, "<p>%s|%d|%s</p>", big, 7, big);
    assert_int_equal(sb.err, 0);
    size_t escaped = N / 10 * 9 + N / 10 * 4;
    assert_int_equal(sb.len, 3 + escaped + 3 + escaped + 4);
    assert_memory_equal(sb.data, "<p>xxxxxxxxx&lt;x", 17);
    assert_non_null(strstr(sb.data, "&lt;|7|xxxxxxxxx&lt;"));
    assert_string_equal(sb.data + sb.len - 8, "&lt;</p>");
    size_t tags = 0; /* the only '<' left are the format's own */
    for (size_t i = 0; i < sb.len; i++)
        tags += sb.data[i] == '<';
    assert_int_equal(tags, 2);
    sb_free(&sb);

    /* many conversions in one format */
    sb_init(&sb, 0);
    for (int i = 0; i < 1000; i++)
        html(&sb, "%d,%s;", i, "&");
    assert_int_equal(sb.len, 10 * 8 + 90 * 9 + 900 * 10);
    assert_true(strncmp(sb.data, "0,&amp;;1,&amp;;", 16) == 0);
    assert_string_equal(sb.data + sb.len - 10, "999,&amp;;");
    sb_free(&sb);
    free(big);
}

static void test_writer_sticky_error(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 16);
    html(&sb, "<p>%s</p>", "0123456789"); /* 17 bytes: past the cap */
    assert_int_equal(sb.err, ERR_TOO_LARGE);
    assert_true(sb.len <= 16);
    size_t len = sb.len;
    html(&sb, "%d", 1); /* later appends change nothing, the error stays */
    html(&sb, "x");
    assert_int_equal(sb.err, ERR_TOO_LARGE);
    assert_int_equal(sb.len, len);
    sb_free(&sb);

    /* exactly at the cap is no error */
    sb_init(&sb, 8);
    html(&sb, "%s%d", "&", 123); /* "&amp;123" */
    assert_int_equal(sb.err, 0);
    assert_string_equal(sb.data, "&amp;123");
    sb_free(&sb);
}

/* assert_aborts runs f in a child process and fails unless it dies of SIGABRT. */
static void assert_aborts(void (*f)(void), const char *what)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr))
            _exit(3);
        f();
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT)
        fail_msg("%s did not abort (status %d)", what, status);
}

/* Formats html refuses. GCC accepts each as printf (with -Wformat=2), so only the writer's
 * own check stands in the way; each runs in a child of assert_aborts. */
#define REFUSED(name, ...)                                                                         \
    static void name(void)                                                                         \
    {                                                                                              \
        StrBuf sb;                                                                                 \
        sb_init(&sb, 0);                                                                           \
        html(&sb, __VA_ARGS__);                                                                    \
        sb_free(&sb);                                                                              \
    }
REFUSED(refuse_hex, "<b>%x</b>", 255u)
REFUSED(refuse_char, "%c", 'a')
REFUSED(refuse_width, "%5d", 1)
REFUSED(refuse_zero_pad, "%04d", 2025)
REFUSED(refuse_left, "%-d", 1)
REFUSED(refuse_plus, "%+d", 1)
REFUSED(refuse_space, "% d", 1)
REFUSED(refuse_star, "%*d", 3, 1)
REFUSED(refuse_precision, "%.3s", "abcdef")
REFUSED(refuse_pointer, "%p", (void *)nasty)
REFUSED(refuse_double, "%f", 1.5)
REFUSED(refuse_short, "%hd", (short)1)
REFUSED(refuse_char_size, "%hhu", (unsigned char)1)
REFUSED(refuse_ssize, "%zd", (ptrdiff_t)1)
REFUSED(refuse_octal, "%o", 8u)
REFUSED(refuse_after_text, "<p>%s</p><p>%x</p>", "ok", 1u)

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
/* A lone '%' at the end, which GCC warns about (hence the pragma). */
REFUSED(refuse_trailing, "100%")
#pragma GCC diagnostic pop

/* A refused format aborts even when the buffer has already failed: it is the code that is
 * wrong, whatever the data. */
static void refuse_when_full(void)
{
    StrBuf sb;
    sb_init(&sb, 1);
    html(&sb, "%s", "too long");
    html(&sb, "%x", 1u);
    sb_free(&sb);
}

static void test_writer_refuses(void **state)
{
    (void)state;
    static const struct {
        void (*f)(void);
        const char *what;
    } cases[] = {
        {refuse_hex, "%x"},         {refuse_char, "%c"},           {refuse_width, "%5d"},
        {refuse_zero_pad, "%04d"},  {refuse_left, "%-d"},          {refuse_plus, "%+d"},
        {refuse_space, "% d"},      {refuse_star, "%*d"},          {refuse_precision, "%.3s"},
        {refuse_pointer, "%p"},     {refuse_double, "%f"},         {refuse_short, "%hd"},
        {refuse_char_size, "%hhu"}, {refuse_ssize, "%zd"},         {refuse_octal, "%o"},
        {refuse_after_text, "%x"},  {refuse_trailing, "a lone %"}, {refuse_when_full, "full"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_aborts(cases[i].f, cases[i].what);
}

static void test_literal(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, "<p class=\"x\">");
    html(&sb, "Hồ sơ & "
              "kết quả"); /* literals concatenate; UTF-8 and & pass through untouched */
    html(&sb, "</p>");
    assert_string_equal(sb.data, "<p class=\"x\">Hồ sơ & kết quả</p>");
    assert_int_equal(sb.len, strlen(sb.data));
    sb_free(&sb);
}

static void test_text(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, "%s", nasty);
    assert_string_equal(sb.data, nasty_escaped);
    sb_free(&sb);

    sb_init(&sb, 0);
    html(&sb, "%s", "<script>alert('x')</script>");
    assert_string_equal(sb.data, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    sb_free(&sb);

    sb_init(&sb, 0);
    html(&sb, "%s", "Nguyễn Văn An");
    html(&sb, "%s", null_text);
    html(&sb, "%s", "");
    assert_string_equal(sb.data, "Nguyễn Văn An");
    sb_free(&sb);
}

static void test_text_upper(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    html_text_upper(&sb, "UBND xã Gio Linh");
    assert_string_equal(sb.data, "UBND XÃ GIO LINH");
    sb_free(&sb);

    sb_init(&sb, 0);
    html_text_upper(&sb, nasty);
    assert_string_equal(sb.data, "A&amp;B&lt;C&gt;D&quot;E&#39;F");
    sb_free(&sb);

    /* invalid UTF-8 is not upper-cased but still escaped */
    sb_init(&sb, 0);
    html_text_upper(&sb, "x\xff<");
    assert_string_equal(sb.data, "x\xff&lt;");
    html_text_upper(&sb, NULL);
    assert_string_equal(sb.data, "x\xff&lt;");
    sb_free(&sb);
}

static void test_attr(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, " title=\"%s\"", nasty);
    assert_string_equal(sb.data, " title=\"a&amp;b&lt;c&gt;d&quot;e&#39;f\"");
    sb_free(&sb);

    /* the classic breakout attempts stay inside the value */
    sb_init(&sb, 0);
    html(&sb, "<input value=\"%s\" placeholder=\"%s\" name=\"%s\">", "\" onmouseover=\"alert(1)",
         "' autofocus onfocus='x", null_text);
    assert_string_equal(sb.data, "<input value=\"&quot; onmouseover=&quot;alert(1)\""
                                 " placeholder=\"&#39; autofocus onfocus=&#39;x\" name=\"\">");
    assert_well_formed(sb.data);
    sb_free(&sb);
}

static void test_url_attr(void **state)
{
    (void)state;
    Arena *a = arena_new();
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, " href=\"%s\"",
         html_url(a, "/dossiers", "q", "Nguyễn & co", "state", "received", NULL));
    assert_string_equal(sb.data,
                        " href=\"/dossiers?q=Nguy%E1%BB%85n%20%26%20co&amp;state=received\"");
    sb_free(&sb);

    /* a value trying to close the attribute, and every special character in key and value */
    sb_init(&sb, 0);
    html(&sb, " href=\"%s\"", html_url(a, "/x", nasty, "\"><script>", NULL));
    assert_string_equal(sb.data, " href=\"/x?a%26b%3Cc%3Ed%22e%27f=%22%3E%3Cscript%3E\"");
    sb_free(&sb);

    struct {
        const char *path, *want;
    } paths[] = {
        {"/dossiers/000.00.21.H50-231016-0001/receipt",
         " href=\"/dossiers/000.00.21.H50-231016-0001/receipt\""},
        {"/", " href=\"/\""},
        {"", " href=\"/\""},
        {NULL, " href=\"/\""},
        {"reports", " href=\"/reports\""},
        {"//evil.example/x", " href=\"/evil.example/x\""},
        {"javascript:alert(1)", " href=\"/javascript%3Aalert%281%29\""},
        {"/a?b=1#c", " href=\"/a%3Fb%3D1%23c\""},
        {"/a b/đ/", " href=\"/a%20b/%C4%91/\""},
        {"/a&b", " href=\"/a%26b\""},
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        sb_init(&sb, 0);
        html(&sb, " href=\"%s\"", html_url(a, paths[i].path, NULL));
        assert_string_equal(sb.data, paths[i].want);
        sb_free(&sb);
    }

    /* a pair whose value is NULL is left out */
    const char *none = NULL;
    sb_init(&sb, 0);
    html(&sb, " action=\"%s\"",
         html_url(a, "/search", "unit", none, "q", "a", "cursor", none, NULL));
    assert_string_equal(sb.data, " action=\"/search?q=a\"");
    sb_free(&sb);
    arena_free(a);
}

static void test_url(void **state)
{
    (void)state;
    Arena *a = arena_new();
    /* html_url's URL is not yet HTML-escaped: %s does that */
    assert_string_equal(html_url(a, "/dossiers", "q", "Nguyễn & co", "state", "received", NULL),
                        "/dossiers?q=Nguy%E1%BB%85n%20%26%20co&state=received");
    assert_string_equal(html_url(a, "//evil.example/x", NULL), "/evil.example/x");
    assert_string_equal(html_url(a, "javascript:alert(1)", "a", NULL, NULL),
                        "/javascript%3Aalert%281%29");
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, "<a href=\"%s\">", html_url(a, "/x", "a", "1", "b", "\"2\"", NULL));
    assert_string_equal(sb.data, "<a href=\"/x?a=1&amp;b=%222%22\">");
    sb_free(&sb);

    /* html_path: each %s percent-encoded whole, integers plain, the literal kept */
    assert_string_equal(html_path(a, "/ho-so/%s/thao-tac", "000.00.21.H50-231016-0001"),
                        "/ho-so/000.00.21.H50-231016-0001/thao-tac");
    assert_string_equal(html_path(a, "/x/%s", "a/b?c=d&e#f g"), "/x/a%2Fb%3Fc%3Dd%26e%23f%20g");
    assert_string_equal(html_path(a, "/x/%s", "//evil.example"), "/x/%2F%2Fevil.example");
    assert_string_equal(html_path(a, "/pay?ref=%s&amount=%lld&n=%d", "r&1", 100000LL, -2),
                        "/pay?ref=r%261&amount=100000&n=-2");
    assert_string_equal(html_path(a, "/tra-cuu?ma=%s&key=%s", "Đ<", null_text),
                        "/tra-cuu?ma=%C4%90%3C&key=");
    assert_string_equal(html_path(a, "/"), "/");
    arena_free(a);
}

static void path_not_local(void)
{
    Arena *a = arena_new();
    html_path(a, "//%s", "evil.example");
    arena_free(a);
}

static void path_relative(void)
{
    Arena *a = arena_new();
    html_path(a, "ho-so/%s", "x");
    arena_free(a);
}

static void path_bad_conversion(void)
{
    Arena *a = arena_new();
    html_path(a, "/nam/%04d", 2025);
    arena_free(a);
}

static void test_path_refuses(void **state)
{
    (void)state;
    assert_aborts(path_not_local, "//");
    assert_aborts(path_relative, "no leading /");
    assert_aborts(path_bad_conversion, "%04d");
}

static void test_numbers(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(html_num(a, 1234567), "1.234.567");
    assert_string_equal(html_num(a, 0), "0");
    assert_string_equal(html_num(a, -66597), "-66.597");
    assert_string_equal(html_num(a, 999), "999");
    assert_string_equal(html_num(a, 1000), "1.000");
    assert_string_equal(html_decimal(a, 459, 2), "4,59");
    assert_string_equal(html_decimal(a, 7, 2), "0,07");
    assert_string_equal(html_percent(a, 25470, 66597), "38,24");
    assert_string_equal(html_percent(a, 3, 0), "0,00");
    assert_string_equal(html_percent(a, 7, 7), "100,00");
    arena_free(a);

    /* integers plain, grouped numbers through html_num */
    a = arena_new();
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, "%" PRId64 "|%" PRId64 "|%s", (int64_t)-1234567, INT64_MAX, html_num(a, 1234567));
    assert_string_equal(sb.data, "-1234567|9223372036854775807|1.234.567");
    sb_free(&sb);
    arena_free(a);
}

static void test_dates(void **state)
{
    (void)state;
    int32_t day = timefmt_days_from_civil(2023, 10, 16);
    int32_t jan5 = timefmt_days_from_civil(2020, 1, 5);
    Arena *a = arena_new();
    StrBuf sb;
    sb_init(&sb, 0);
    /* 2023-10-16T08:12:00+07:00; 2023-10-16T23:30:00Z is already the 17th in Vietnam */
    html(&sb, "%s|%s|%s|%s|", html_date(a, day), html_date(a, jan5),
         html_datetime(a, timefmt_local_instant(day, 8 * 3600 + 12 * 60)),
         html_datetime(a, (int64_t)day * TIMEFMT_DAY_SECONDS + 23 * 3600 + 30 * 60));
    html_date_long_vi(&sb, day);
    html(&sb, "|");
    html_date_long_vi(&sb, jan5);
    assert_string_equal(sb.data, "16/10/2023|05/01/2020|08:12 16/10/2023|06:30 17/10/2023|"
                                 "ngày 16 tháng 10 năm 2023|ngày 05 tháng 01 năm 2020");
    sb_free(&sb);

    /* beyond year 9999: nothing, or the blank long date */
    int32_t far = timefmt_days_from_civil(9999, 12, 31) + 1;
    sb_init(&sb, 0);
    html(&sb, "[%s%s]", html_date(a, far), html_datetime(a, (int64_t)far * TIMEFMT_DAY_SECONDS));
    html_date_long_vi(&sb, far);
    assert_string_equal(sb.data, "[]ngày ... tháng ... năm ...");
    sb_free(&sb);

    /* the strings alone */
    assert_string_equal(html_date(a, day), "16/10/2023");
    assert_string_equal(html_date(a, jan5), "05/01/2020");
    assert_string_equal(html_datetime(a, timefmt_local_instant(day, 8 * 3600 + 12 * 60)),
                        "08:12 16/10/2023");
    assert_string_equal(html_datetime(a, (int64_t)day * TIMEFMT_DAY_SECONDS + 23 * 3600),
                        "06:00 17/10/2023");
    assert_string_equal(html_date(a, far), "");
    assert_string_equal(html_datetime(a, (int64_t)far * TIMEFMT_DAY_SECONDS), "");
    arena_free(a);
}

static void test_page(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    html_page_begin(&sb, "Tra cứu <hồ sơ> & \"kết quả\"");
    Arena *a = arena_new();
    html(&sb, "<main>\n<h1>%s</h1>\n<p><a href=\"%s\">Tra cứu</a> %s</p>\n</main>\n", nasty,
         html_url(a, "/lookup", "code", "000.00.21.H50-231016-0001", "key", "1234", NULL),
         html_num(a, 66597));
    arena_free(a);
    html_page_end(&sb);
    assert_int_equal(sb.err, 0);
    const char *p = sb.data;
    assert_page(p);
    assert_true(strncmp(p, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">",
                        strlen("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
                               "<meta charset=\"utf-8\">")) == 0);
    assert_non_null(strstr(p, "<meta name=\"viewport\" content=\"width=device-width, "
                              "initial-scale=1\">"));
    assert_non_null(strstr(p, "<title>Tra cứu &lt;hồ sơ&gt; &amp; &quot;kết quả&quot;</title>"));
    assert_non_null(strstr(p, "<link rel=\"stylesheet\" href=\"/assets/app.css\">"));
    assert_before(p, "</head>\n<body>", "<h1>a&amp;b&lt;c&gt;d&quot;e&#39;f</h1>");
    assert_non_null(strstr(p, "<a href=\"/lookup?code=000.00.21.H50-231016-0001&amp;key=1234\">"));
    assert_int_equal(htmlcheck_count(p, "<title>"), 1);
    assert_int_equal(htmlcheck_count(p, "<style>"), 0);
    size_t n = strlen(p);
    assert_string_equal(p + n - strlen("</body>\n</html>\n"), "</body>\n</html>\n");
    sb_free(&sb);
}

/* sample_heading is the heading of a receipt issued in Gio Linh on 16 October 2023. */
static HtmlHeading sample_heading(void)
{
    HtmlHeading h = {
        .parent_agency = "UBND huyện Gio Linh",
        .agency = "UBND xã Gio Linh",
        .number = "125/TNHS",
        .place = "Gio Linh",
        .day = timefmt_days_from_civil(2023, 10, 16),
    };
    return h;
}

static void test_heading(void **state)
{
    (void)state;
    HtmlHeading h = sample_heading();
    StrBuf sb;
    sb_init(&sb, 0);
    html_national_heading(&sb, &h);
    const char *p = sb.data;
    assert_well_formed(p);
    assert_before(p, "UBND HUYỆN GIO LINH", "<strong>UBND XÃ GIO LINH</strong>");
    assert_before(p, "<strong>UBND XÃ GIO LINH</strong>", "<hr class=\"nh-rule\">");
    assert_before(p, "<hr class=\"nh-rule\">", "Số: 125/TNHS");
    assert_before(p, "Số: 125/TNHS", "<strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>");
    assert_before(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "<strong>Độc lập - Tự do - Hạnh phúc</strong>");
    assert_before(p, "Độc lập - Tự do - Hạnh phúc", "<hr class=\"nh-rule\">");
    assert_before(p, "Hạnh phúc", "<p class=\"nh-date\">Gio Linh, ngày 16 tháng 10 năm 2023</p>");
    assert_int_equal(htmlcheck_count(p, "<hr class=\"nh-rule\">"), 2);
    sb_free(&sb);

    /* optional lines left out; the agency is escaped after upper-casing */
    h.parent_agency = NULL;
    h.number = "";
    h.agency = "Bộ phận <một cửa> & 'trả kết quả'";
    h.place = NULL;
    sb_init(&sb, 0);
    html_national_heading(&sb, &h);
    p = sb.data;
    assert_well_formed(p);
    assert_null(strstr(p, "nh-parent"));
    assert_null(strstr(p, "Số:"));
    assert_non_null(
        strstr(p, "<strong>BỘ PHẬN &lt;MỘT CỬA&gt; &amp; &#39;TRẢ KẾT QUẢ&#39;</strong>"));
    assert_non_null(strstr(p, "<p class=\"nh-date\">ngày 16 tháng 10 năm 2023</p>"));
    sb_free(&sb);
}

static void test_print_page(void **state)
{
    (void)state;
    static const struct {
        HtmlPaper paper;
        const char *page_rule;
    } papers[] = {
        {HTML_PAPER_A5, "@page { size: A5; margin: 12mm }"},
        {HTML_PAPER_A4, "@page { size: A4; margin: 12mm }"},
        {HTML_PAPER_A4_LANDSCAPE, "@page { size: A4 landscape; margin: 12mm }"},
    };
    for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++) {
        HtmlHeading h = sample_heading();
        StrBuf sb;
        sb_init(&sb, 0);
        html_print_begin(&sb, "Giấy tiếp nhận hồ sơ & hẹn trả kết quả", papers[i].paper);
        html_national_heading(&sb, &h);
        html(&sb, "<h1 class=\"form-title\">GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>\n");
        html_print_end(&sb);
        const char *p = sb.data;
        assert_page(p);
        assert_true(strncmp(p, "<!DOCTYPE html>\n<html lang=\"vi\">", 31) == 0);
        assert_non_null(strstr(p, "<meta charset=\"utf-8\">"));
        assert_non_null(strstr(p, "<title>Giấy tiếp nhận hồ sơ &amp; hẹn trả kết quả</title>"));
        assert_before(p, "<style>", papers[i].page_rule);
        assert_before(p, papers[i].page_rule, "</style>\n</head>\n<body>\n<header class=\"nh\">");
        assert_int_equal(htmlcheck_count(p, "@page"), 1);
        assert_null(strstr(p, "app.css")); /* self-contained */
        assert_non_null(strstr(p, "Gio Linh, ngày 16 tháng 10 năm 2023"));
        sb_free(&sb);
    }
}

static void test_sticky_error(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 64);
    Arena *a = arena_new();
    html_page_begin(&sb, "Trang chủ");
    html(&sb, "%s%s<a href=\"%s\">", nasty, html_num(a, 1000), html_url(a, "/x", "a", "b", NULL));
    html_page_end(&sb);
    arena_free(a);
    assert_int_equal(sb.err, ERR_TOO_LARGE);
    assert_true(sb.len <= 64);
    sb_free(&sb);
}

/* bar_heights collects the height="" of the bars (the rects inside chart-bars) in order. */
static size_t bar_heights(const char *svg, long *out, size_t max)
{
    const char *p = strstr(svg, "<g class=\"chart-bars\">");
    const char *end = p ? strstr(p, "</g>") : NULL;
    size_t n = 0;
    while (p && end && (p = strstr(p, "<rect")) && p < end && n < max) {
        const char *h = strstr(p, " height=\"");
        assert_non_null(h);
        out[n++] = strtol(h + strlen(" height=\""), NULL, 10);
        p++;
    }
    return n;
}

static void test_chart(void **state)
{
    (void)state;
    const char *labels[] = {"Hộ tịch", "Đất đai", "A&B <c>"};
    const int64_t online[] = {1234, 617, 0};
    const int64_t direct[] = {300, -5, 1};
    const int64_t *series[] = {online, direct};
    const char *names[] = {"Trực tuyến", "Trực tiếp \"&\" bưu chính"};
    StrBuf sb;
    sb_init(&sb, 0);
    html_svg_bar_chart(&sb, "Hồ sơ tiếp nhận <2023> & 'quý III'", labels, series, 2, 3, names);
    const char *p = sb.data;
    assert_int_equal(sb.err, 0);
    assert_well_formed(p);
    assert_true(strncmp(p, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
    assert_non_null(strstr(p, " role=\"img\" aria-label=\"Hồ sơ tiếp nhận &lt;2023&gt; &amp; "
                              "&#39;quý III&#39;\""));
    assert_non_null(strstr(p, "<title>Hồ sơ tiếp nhận &lt;2023&gt; &amp; &#39;quý III&#39;"
                              "</title>"));
    /* legend: one swatch and name per series */
    assert_non_null(strstr(p, ">Trực tuyến</text>"));
    assert_non_null(strstr(p, ">Trực tiếp &quot;&amp;&quot; bưu chính</text>"));
    /* y axis: max 1234 -> step 500, 0 .. 1.500 in vi-VN numbers */
    assert_before(p, ">0</text>", ">500</text>");
    assert_before(p, ">500</text>", ">1.000</text>");
    assert_before(p, ">1.000</text>", ">1.500</text>");
    assert_null(strstr(p, ">2.000</text>"));
    /* bars: 2 legend swatches + 6 bars, each with its title; heights are to scale (240 units
     * for 1500), a negative value is drawn as 0 and a small positive one stays visible */
    assert_int_equal(htmlcheck_count(p, "<rect"), 8);
    assert_non_null(strstr(p, "<title>Trực tuyến: Hộ tịch: 1.234</title>"));
    assert_non_null(strstr(p, "<title>Trực tiếp &quot;&amp;&quot; bưu chính: Đất đai: -5</title>"));
    assert_non_null(strstr(p, "<title>Trực tuyến: A&amp;B &lt;c&gt;: 0</title>"));
    long h[8];
    assert_int_equal(bar_heights(p, h, 8), 6);
    long want[6] = {197, 48, 99, 0, 0, 1}; /* point by point, online then direct */
    for (int i = 0; i < 6; i++)
        assert_int_equal(h[i], want[i]);
    /* x labels, escaped, horizontal since they fit */
    assert_non_null(strstr(p, ">A&amp;B &lt;c&gt;</text>"));
    assert_null(strstr(p, "rotate("));
    sb_free(&sb);
}

static void test_chart_edges(void **state)
{
    (void)state;
    StrBuf sb;

    /* nothing to draw: the axes alone, 0 .. 1 */
    sb_init(&sb, 0);
    html_svg_bar_chart(&sb, "Trống", NULL, NULL, 0, 0, NULL);
    assert_well_formed(sb.data);
    assert_non_null(strstr(sb.data, "<g class=\"chart-axes\""));
    assert_int_equal(htmlcheck_count(sb.data, "<rect"), 0);
    assert_non_null(strstr(sb.data, ">1</text>"));
    sb_free(&sb);

    /* all zero, no legend, no labels */
    const int64_t zeros[] = {0, 0};
    const int64_t *zs[] = {zeros};
    sb_init(&sb, 0);
    html_svg_bar_chart(&sb, "Không", NULL, zs, 1, 2, NULL);
    assert_well_formed(sb.data);
    assert_null(strstr(sb.data, "chart-legend"));
    assert_non_null(strstr(sb.data, "<title>0</title>"));
    sb_free(&sb);

    /* many long labels are slanted; a large maximum gets a round scale (66.597 -> 80.000) */
    enum { N = 12 };
    const char *labels[N];
    int64_t values[N];
    for (int i = 0; i < N; i++) {
        labels[i] = "Ủy ban nhân dân xã Gio Châu";
        values[i] = i == 5 ? 66597 : i * 1000;
    }
    const int64_t *vs[] = {values};
    const char *names[] = {"Tiếp nhận"};
    sb_init(&sb, 0);
    html_svg_bar_chart(&sb, "Theo đơn vị", labels, vs, 1, N, names);
    assert_well_formed(sb.data);
    assert_int_equal(htmlcheck_count(sb.data, "rotate(-45 "), N);
    assert_non_null(strstr(sb.data, ">80.000</text>"));
    assert_null(strstr(sb.data, ">100.000</text>"));
    assert_non_null(
        strstr(sb.data, "<title>Tiếp nhận: Ủy ban nhân dân xã Gio Châu: 66.597</title>"));
    sb_free(&sb);

    /* the same input gives the same bytes */
    StrBuf a, b;
    sb_init(&a, 0);
    sb_init(&b, 0);
    html_svg_bar_chart(&a, "x", labels, vs, 1, N, names);
    html_svg_bar_chart(&b, "x", labels, vs, 1, N, names);
    assert_string_equal(a.data, b.data);
    sb_free(&a);
    sb_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writer_escapes),
        cmocka_unit_test(test_writer_integers),
        cmocka_unit_test(test_writer_long),
        cmocka_unit_test(test_writer_sticky_error),
        cmocka_unit_test(test_writer_refuses),
        cmocka_unit_test(test_literal),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_text_upper),
        cmocka_unit_test(test_attr),
        cmocka_unit_test(test_url_attr),
        cmocka_unit_test(test_url),
        cmocka_unit_test(test_path_refuses),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_heading),
        cmocka_unit_test(test_print_page),
        cmocka_unit_test(test_sticky_error),
        cmocka_unit_test(test_chart),
        cmocka_unit_test(test_chart_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
