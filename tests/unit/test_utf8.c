/* test_utf8.c: the UTF-8 decoder at every boundary of Unicode's table 3-7 (the first and last
 * code point of each length, overlongs, surrogates, U+10FFFF and past it, stray continuation
 * bytes, truncation by the length and by a byte that does not continue), then checked
 * exhaustively against a reference that re-encodes what it reads: every 1- and 2-byte input,
 * every 3-byte input after E0..EF and the 4-byte inputs after F0..F7 with the edge values of
 * the last two bytes. Then validation, counting and both ways of cutting (by bytes, by
 * characters). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/utf8.h"

#include <string.h>

/* Expects s[0..n) to decode as cp in len bytes. */
static void expect_cp(const char *s, size_t n, size_t len, uint32_t cp)
{
    uint32_t got = 0xFFFFFFFFu;
    assert_int_equal(utf8_decode(s, n, &got), len);
    assert_int_equal(got, cp);
}

/* Expects s[0..n) to be refused, with *out_cp left alone. */
static void expect_bad(const char *s, size_t n)
{
    uint32_t got = 0xABCDu;
    assert_int_equal(utf8_decode(s, n, &got), 0);
    assert_int_equal(got, 0xABCDu);
}

static void test_decode_boundaries(void **state)
{
    (void)state;
    /* one byte, NUL included */
    expect_cp("\0", 1, 1, 0x0);
    expect_cp("A", 1, 1, 0x41);
    expect_cp("\x7F", 1, 1, 0x7F);
    /* two bytes: U+0080..U+07FF; C0 and C1 only start overlongs */
    expect_cp("\xC2\x80", 2, 2, 0x80);
    expect_cp("\xC3\xA9", 2, 2, 0xE9); /* é */
    expect_cp("\xDF\xBF", 2, 2, 0x7FF);
    expect_bad("\xC0\x80", 2); /* overlong NUL */
    expect_bad("\xC0\xAF", 2); /* overlong '/' */
    expect_bad("\xC1\xBF", 2);
    /* three bytes: U+0800..U+FFFF without the surrogates */
    expect_cp("\xE0\xA0\x80", 3, 3, 0x800);
    expect_bad("\xE0\x9F\xBF", 3);           /* overlong U+07FF */
    expect_bad("\xE0\x80\xAF", 3);           /* overlong '/' */
    expect_cp("\xE1\xBA\xBF", 3, 3, 0x1EBF); /* ế */
    expect_cp("\xED\x9F\xBF", 3, 3, 0xD7FF);
    expect_bad("\xED\xA0\x80", 3); /* U+D800 */
    expect_bad("\xED\xBF\xBF", 3); /* U+DFFF */
    expect_cp("\xEE\x80\x80", 3, 3, 0xE000);
    expect_cp("\xEF\xBF\xBF", 3, 3, 0xFFFF);
    /* four bytes: U+10000..U+10FFFF */
    expect_cp("\xF0\x90\x80\x80", 4, 4, 0x10000);
    expect_bad("\xF0\x8F\xBF\xBF", 4); /* overlong U+FFFF */
    expect_cp("\xF0\x9F\x98\x80", 4, 4, 0x1F600);
    expect_cp("\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF);
    expect_bad("\xF4\x90\x80\x80", 4); /* U+110000 */
    expect_bad("\xF5\x80\x80\x80", 4);
    expect_bad("\xF7\xBF\xBF\xBF", 4);
    expect_bad("\xF8\x88\x80\x80\x80", 5); /* the old five-byte form */
    expect_bad("\xFE", 1);
    expect_bad("\xFF", 1);
    /* stray continuation bytes */
    expect_bad("\x80", 1);
    expect_bad("\xBF\x41", 2);
    /* cut short by the length ... */
    expect_bad("", 0);
    expect_bad("\xC3\xA9", 1);
    expect_bad("\xE1\xBA\xBF", 2);
    expect_bad("\xF0\x9F\x98\x80", 3);
    /* ... or by a byte that does not continue the sequence (NUL, ASCII, a new lead byte) */
    expect_bad("\xC3\0", 2);
    expect_bad("\xE1\xBA\x41", 3);
    expect_bad("\xF0\x9F\x98\xC3\xA9", 5);
    expect_bad("\xE1\xC3\xA9", 3);
    /* only the sequence is read: what follows does not matter, and out_cp may be NULL */
    expect_cp("\xC3\xA9\xFF", 3, 2, 0xE9);
    assert_int_equal(utf8_decode("\xE1\xBA\xBF", 3, NULL), 3);
}

/* The reference: the shortest encoding of a scalar value. */
static size_t encode(uint32_t cp, unsigned char out[4])
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The reference decoder: read the bits the lead byte announces, then accept them only if they
 * name a scalar value (not a surrogate, at most U+10FFFF) whose shortest encoding is exactly
 * the bytes read. Returns the length, or 0. */
static size_t reference(const unsigned char *b, size_t n, uint32_t *out_cp)
{
    size_t len = b[0] < 0x80           ? 1
                 : (b[0] >> 5) == 0x6  ? 2
                 : (b[0] >> 4) == 0xE  ? 3
                 : (b[0] >> 3) == 0x1E ? 4
                                       : 0;
    uint32_t cp;
    unsigned char again[4];

    if (len == 0 || len > n)
        return 0;
    cp = len == 1 ? b[0] : b[0] & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((b[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b[i] & 0x3Fu);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    if (encode(cp, again) != len || memcmp(again, b, len) != 0)
        return 0;
    *out_cp = cp;
    return len;
}

static void check_against_reference(const unsigned char *b, size_t n)
{
    uint32_t want = 0, got = 0;
    size_t want_len = reference(b, n, &want);
    size_t got_len = utf8_decode((const char *)b, n, &got);
    if (got_len != want_len || (want_len && got != want))
        fail_msg("%02X %02X %02X %02X (n=%zu): got %zu U+%04X, want %zu U+%04X", b[0],
                 n > 1 ? b[1] : 0, n > 2 ? b[2] : 0, n > 3 ? b[3] : 0, n, got_len, (unsigned)got,
                 want_len, (unsigned)want);
}

static void test_decode_exhaustive(void **state)
{
    (void)state;
    static const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                          0x9F, 0xA0, 0xBF, 0xC0, 0xC3, 0xFF};
    unsigned char b[4];
    size_t valid = 0;

    for (unsigned x = 0; x < 0x100; x++) {
        b[0] = (unsigned char)x;
        check_against_reference(b, 1);
        for (unsigned y = 0; y < 0x100; y++) {
            b[1] = (unsigned char)y;
            check_against_reference(b, 2);
        }
    }
    for (unsigned x = 0xE0; x <= 0xEF; x++)
        for (unsigned y = 0; y < 0x10000; y++) {
            b[0] = (unsigned char)x;
            b[1] = (unsigned char)(y >> 8);
            b[2] = (unsigned char)y;
            check_against_reference(b, 3);
        }
    for (unsigned x = 0xF0; x <= 0xF7; x++)
        for (unsigned y = 0; y < 0x100; y++)
            for (size_t i = 0; i < sizeof edges; i++)
                for (size_t j = 0; j < sizeof edges; j++) {
                    b[0] = (unsigned char)x;
                    b[1] = (unsigned char)y;
                    b[2] = edges[i];
                    b[3] = edges[j];
                    check_against_reference(b, 4);
                }
    /* Every scalar value round-trips; there are 0x110000 - 0x800 of them. */
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        uint32_t got = 0;
        size_t len = encode(cp, b);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            assert_int_equal(utf8_decode((const char *)b, len, &got), 0);
            continue;
        }
        assert_int_equal(utf8_decode((const char *)b, len, &got), len);
        assert_int_equal(got, cp);
        valid++;
    }
    assert_int_equal(valid, 0x110000 - 0x800);
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(utf8_valid("", 0));
    assert_true(utf8_valid("abc", 3));
    assert_true(utf8_valid("Tết Âm lịch", strlen("Tết Âm lịch")));
    assert_true(utf8_valid("a\0b", 3)); /* NUL is well-formed; vntext_valid_utf8 refuses it */
    assert_true(utf8_valid("\xF4\x8F\xBF\xBF", 4));
    assert_false(utf8_valid("Tết\xFF", strlen("Tết") + 1));
    assert_false(utf8_valid("T\xE1\xBA", 3)); /* cut in the middle of "ế" */
    assert_false(utf8_valid("\xED\xA0\x80\x41", 4));
    assert_false(utf8_valid("x\xC0\xAF", 3));
}

static void test_count(void **state)
{
    (void)state;
    assert_int_equal(utf8_count("", 0), 0);
    assert_int_equal(utf8_count("abc", 3), 3);
    /* "Nguyễn" in NFC: ễ is one code point (E1 BB 85) */
    assert_int_equal(utf8_count("Nguy\xE1\xBB\x85n", 8), 6);
    /* ... and in NFD: e, U+0302, U+0303 */
    assert_int_equal(utf8_count("Nguye\xCC\x82\xCC\x83n", 10), 8);
    assert_int_equal(utf8_count("\xF0\x9F\x98\x80", 4), 1);
    assert_int_equal(utf8_count("a\0b", 3), 3);
    /* ill-formed bytes count one each: a, E1 (cut short), 80 (stray) */
    assert_int_equal(utf8_count("a\xE1\x80", 3), 3);
    assert_int_equal(utf8_count("\xFF\xFE", 2), 2);
    assert_int_equal(utf8_count("\xED\xA0\x80", 3), 3);
}

/* "Tết" is T (1 byte), ế (3 bytes), t (1 byte): its boundaries are at 0, 1, 4 and 5. */
static const char tet[] = "T\xE1\xBA\xBFt";

static void test_cut(void **state)
{
    (void)state;
    static const size_t want[] = {0, 1, 1, 1, 4, 5, 5, 5}; /* by max */
    for (size_t max = 0; max < sizeof want / sizeof want[0]; max++)
        assert_int_equal(utf8_cut(tet, 5, max), want[max]);
    assert_int_equal(utf8_cut("\xF0\x9F\x98\x80x", 5, 3), 0);
    /* ill-formed bytes may be cut between */
    assert_int_equal(utf8_cut("\xFF\xFF\xFF", 3, 2), 2);
    assert_int_equal(utf8_cut("a\xE1\xBA", 3, 2), 2);
}

static void test_offset(void **state)
{
    (void)state;
    static const size_t want[] = {0, 1, 4, 5, 5, 5}; /* by k */
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        assert_int_equal(utf8_offset(tet, 5, k), want[k]);
    /* an ill-formed byte counts as one character */
    assert_int_equal(utf8_offset("\xFF\xC3\xA9", 3, 1), 1);
    assert_int_equal(utf8_offset("\xFF\xC3\xA9", 3, 2), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_boundaries),
        cmocka_unit_test(test_decode_exhaustive),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_cut),
        cmocka_unit_test(test_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
