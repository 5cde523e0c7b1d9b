/* test_filetype.c: documents recognised by content: each accepted type at its shortest and
 * with more bytes, and near misses (a byte off, too short, text, empty) refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/filetype.h"

#include <string.h>

static const char *sniff(const char *bytes, size_t n)
{
    return filetype_sniff((const unsigned char *)bytes, n);
}

static void test_accepted(void **state)
{
    (void)state;
    assert_string_equal(sniff("%PDF-", 5), "application/pdf");
    assert_string_equal(sniff("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", 15), "application/pdf");
    assert_string_equal(sniff("\xFF\xD8\xFF", 3), "image/jpeg");
    assert_string_equal(sniff("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11), "image/jpeg");
    assert_string_equal(sniff("\x89PNG\r\n\x1a\n", 8), "image/png");
    assert_string_equal(sniff("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16), "image/png");
}

static void test_refused(void **state)
{
    (void)state;
    assert_null(sniff("", 0));
    assert_null(filetype_sniff(NULL, 0));
    assert_null(sniff("%PDF", 4));                  /* too short to tell */
    assert_null(sniff("%pdf-1.4", 8));              /* case matters */
    assert_null(sniff(" %PDF-1.4", 9));             /* not at the start */
    assert_null(sniff("\xFF\xD8", 2));              /* JPEG start cut short */
    assert_null(sniff("\xFF\xD9\xFF\xE0", 4));      /* one byte off */
    assert_null(sniff("\x89PNG\r\n\x1a", 7));       /* PNG signature cut short */
    assert_null(sniff("\x89PNG\n\r\x1a\n", 8));     /* line endings swapped (text mode) */
    assert_null(sniff("Day la van ban.pdf\n", 19)); /* text named .pdf */
    assert_null(sniff("GIF89a", 6));                /* a real image, not accepted */
    assert_null(sniff("PK\x03\x04", 4));            /* a zip (docx) */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepted),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
