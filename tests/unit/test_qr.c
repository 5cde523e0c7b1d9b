/* test_qr.c: QR codes as SVG. Decoding is out of reach here, so the SVG is checked against
 * libqrencode's own matrix: the path redrawn module by module must equal it, the viewBox must be
 * its width plus the quiet zone; plus well-formedness, determinism, escaping of the label and
 * the refusals (too long at the exact capacity of version 40-M, empty, bad module size). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/qr.h"

#include "htmlcheck.h"
#include "io/html.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

/* The capacity of a version 40 symbol at level M in 8-bit mode (ISO/IEC 18004 table 7). */
enum { CAPACITY_40M_8BIT = 2331 };

static const char lookup_url[] = "https://motcua.quangtri.gov.vn/tra-cuu?code=000.00.21.H50-"
                                 "231016-0001";

/* reference returns libqrencode's symbol for text with the parameters qr_svg promises. */
static QRcode *reference(const char *text)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    assert_non_null(q);
    return q;
}

/* render returns qr_svg's output for text (asserting success); the caller frees it. */
static char *render(const char *text, int module_px)
{
    StrBuf sb;
    sb_init(&sb, 0);
    Err e;
    err_clear(&e);
    assert_int_equal(qr_svg(&sb, text, module_px, &e), 0);
    assert_int_equal(e.code, 0);
    assert_int_equal(sb.err, 0);
    const char *why = htmlcheck(sb.data);
    if (why)
        fail_msg("not well formed: %s", why);
    return sb_take(&sb);
}

/* redraw paints the path's "Mx yhNv1h-Nz" runs into a side x side grid (1 = dark), failing on
 * any other command or a run outside the grid; returns the number of dark modules painted. */
static long redraw(const char *svg, int side, unsigned char *grid)
{
    const char *d = strstr(svg, " d=\"");
    assert_non_null(d);
    d += 4;
    long dark = 0;
    while (*d != '"') {
        char *end;
        assert_int_equal(*d, 'M');
        long x = strtol(d + 1, &end, 10);
        assert_int_equal(*end, ' ');
        long y = strtol(end + 1, &end, 10);
        assert_int_equal(*end, 'h');
        long n = strtol(end + 1, &end, 10);
        assert_true(strncmp(end, "v1h-", 4) == 0);
        long back = strtol(end + 4, &end, 10);
        assert_int_equal(back, n);
        assert_int_equal(*end, 'z');
        d = end + 1;
        assert_true(n >= 1 && x >= 0 && y >= 0 && x + n <= side && y < side);
        for (long i = 0; i < n; i++) {
            assert_int_equal(grid[y * side + x + i], 0); /* no module drawn twice */
            grid[y * side + x + i] = 1;
        }
        dark += n;
    }
    return dark;
}

/* check_against_reference renders text and compares it with libqrencode's matrix. */
static void check_against_reference(const char *text, int module_px, int want_version)
{
    QRcode *q = reference(text);
    if (want_version)
        assert_int_equal(q->version, want_version);
    int side = q->width + 2 * QR_QUIET_ZONE;
    char *svg = render(text, module_px);

    char want[128];
    snprintf(want, sizeof want, " viewBox=\"0 0 %d %d\"", side, side);
    assert_non_null(strstr(svg, want));
    snprintf(want, sizeof want, " width=\"%d\" height=\"%d\"", side * module_px, side * module_px);
    assert_non_null(strstr(svg, want));
    snprintf(want, sizeof want, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>", side, side);
    assert_non_null(strstr(svg, want));

    unsigned char *grid = calloc((size_t)side * (size_t)side, 1);
    assert_non_null(grid);
    long dark = redraw(svg, side, grid);
    long want_dark = 0;
    for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
            int in_symbol = x >= QR_QUIET_ZONE && x < side - QR_QUIET_ZONE && y >= QR_QUIET_ZONE &&
                            y < side - QR_QUIET_ZONE;
            int ref =
                in_symbol && (q->data[(y - QR_QUIET_ZONE) * q->width + (x - QR_QUIET_ZONE)] & 1);
            want_dark += ref;
            if (grid[y * side + x] != ref)
                fail_msg("module (%d,%d) is %d, libqrencode says %d", x, y, grid[y * side + x],
                         ref);
        }
    }
    assert_int_equal(dark, want_dark);
    assert_true(dark > 0);
    free(grid);
    free(svg);
    QRcode_free(q);
}

static void test_version1(void **state)
{
    (void)state;
    /* a short text fits version 1-M: 21 modules + 2 x 4 quiet = 29 */
    check_against_reference("HELLO", 4, 1);
    char *svg = render("HELLO", 4);
    assert_true(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
    assert_non_null(strstr(svg, " viewBox=\"0 0 29 29\""));
    assert_non_null(strstr(svg, " width=\"116\" height=\"116\""));
    assert_non_null(strstr(svg, " role=\"img\" aria-label=\"Mã QR: HELLO\""));
    assert_non_null(strstr(svg, " shape-rendering=\"crispEdges\""));
    assert_int_equal(htmlcheck_count(svg, "<path"), 1);
    free(svg);
}

static void test_matches_libqrencode(void **state)
{
    (void)state;
    check_against_reference(lookup_url, 3, 0);
    check_against_reference("Nguyễn Văn An – hồ sơ 000.00.21.H50-231016-0001", 2, 0);
    check_against_reference("0123456789", 1, 1);
    check_against_reference("a", QR_MODULE_PX_MAX, 1);
    /* case-sensitive: upper and lower case give different symbols */
    char *upper = render("ABC", 1), *lower = render("abc", 1);
    assert_string_not_equal(upper, lower);
    free(upper);
    free(lower);
}

static void test_deterministic(void **state)
{
    (void)state;
    char *a = render(lookup_url, 4);
    char *b = render(lookup_url, 4);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void test_label_escaped(void **state)
{
    (void)state;
    const char *text = "a&b<c>d\"e'f";
    check_against_reference(text, 2, 0);
    char *svg = render(text, 2);
    assert_non_null(strstr(svg, " aria-label=\"Mã QR: a&amp;b&lt;c&gt;d&quot;e&#39;f\""));
    free(svg);
}

/* refuse asserts that qr_svg fails with code, fills e in both languages and appends nothing. */
static void refuse(const char *text, int module_px, int code, const char *field)
{
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, "<p>");
    Err e;
    err_clear(&e);
    assert_int_equal(qr_svg(&sb, text, module_px, &e), code);
    assert_int_equal(e.code, code);
    assert_string_equal(e.field, field);
    assert_true(strlen(e.message) > 0);
    assert_true(strlen(e.message_en) > 0);
    assert_string_equal(sb.data, "<p>");
    sb_free(&sb);
}

static void test_capacity(void **state)
{
    (void)state;
    char *text = malloc(CAPACITY_40M_8BIT + 2);
    assert_non_null(text);
    memset(text, 'a', CAPACITY_40M_8BIT);
    text[CAPACITY_40M_8BIT] = '\0';
    /* exactly the capacity fits a version 40 symbol: 177 + 8 = 185 modules */
    check_against_reference(text, 1, 40);
    char *svg = render(text, 1);
    assert_non_null(strstr(svg, " viewBox=\"0 0 185 185\""));
    free(svg);
    /* one byte more is refused */
    text[CAPACITY_40M_8BIT] = 'a';
    text[CAPACITY_40M_8BIT + 1] = '\0';
    refuse(text, 1, ERR_TOO_LARGE, "text");
    free(text);
}

static void test_refusals(void **state)
{
    (void)state;
    refuse("", 4, ERR_INVALID, "text");
    refuse(NULL, 4, ERR_INVALID, "text");
    refuse("HELLO", 0, ERR_INVALID, "module_px");
    refuse("HELLO", -3, ERR_INVALID, "module_px");
    refuse("HELLO", QR_MODULE_PX_MAX + 1, ERR_INVALID, "module_px");
    StrBuf sb;
    sb_init(&sb, 0);
    assert_int_equal(qr_svg(&sb, "", 1, NULL), ERR_INVALID); /* e may be NULL */
    assert_null(sb.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version1),      cmocka_unit_test(test_matches_libqrencode),
        cmocka_unit_test(test_deterministic), cmocka_unit_test(test_label_escaped),
        cmocka_unit_test(test_capacity),      cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
