/* test_vntext.c: Vietnamese folding (NFC and NFD alike, đ -> d), UTF-8 validation, NFC, and
 * vi-VN number and percentage formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/vntext.h"

#include <string.h>

/* expect_mapped checks that map (vntext_fold, vntext_search_key, vntext_upper) turns in into
 * want. */
static void expect_mapped(char *(*map)(Arena *, const char *, size_t), const char *in,
                          const char *want)
{
    Arena *a = arena_new();
    char *got = map(a, in, strlen(in));
    assert_non_null(got);
    assert_string_equal(got, want);
    arena_free(a);
}

static void expect_fold(const char *in, const char *want)
{
    expect_mapped(vntext_fold, in, want);
}

static void test_fold(void **state)
{
    (void)state;
    expect_fold("Nguyễn Văn Đức", "nguyen van duc");
    expect_fold("ĐẶNG THỊ ĐÀO", "dang thi dao");
    expect_fold("Thủ tục đăng ký khai sinh", "thu tuc dang ky khai sinh");
    expect_fold("Quảng Trị", "quang tri");
    expect_fold("  Hộ   tịch\t\n", "ho tich");
    expect_fold("", "");
    expect_fold("abc 123", "abc 123");
    /* NFD input (decomposed marks) folds the same as NFC */
    expect_fold("Nguye\xcc\x82\xcc\x83n", "nguyen");
    /* every Vietnamese vowel with every tone */
    expect_fold("àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ ùúủũụ ừứửữự ỳýỷỹỵ",
                "aaaaa aaaaa aaaaa eeeee eeeee iiiii ooooo ooooo ooooo uuuuu uuuuu yyyyy");
}

static void expect_key(const char *in, const char *want)
{
    expect_mapped(vntext_search_key, in, want);
}

/* The catalogue's key: the fold, with a final y after a consonant or "qu" written i. */
static void test_search_key(void **state)
{
    (void)state;
    expect_key("Đăng ký kết hôn", "dang ki ket hon");
    expect_key("đăng kí kết hôn", "dang ki ket hon");
    expect_key("Hoa Kỳ, nước Mỹ; kỹ thuật, kĩ thuật", "hoa ki, nuoc mi; ki thuat, ki thuat");
    expect_key("lý lịch, lí lịch, Mĩ", "li lich, li lich, mi");
    expect_key("quy định, qui định, QUY", "qui dinh, qui dinh, qui");
    expect_key("bác sỹ, bác sĩ, thy", "bac si, bac si, thi");
    /* after a vowel it is another syllable; alone it is a word; before a letter it is not final */
    expect_key("tay, tai, tuy, huy, thủy, ấy, y tế, ý kiến",
               "tay, tai, tuy, huy, thuy, ay, y te, y kien");
    expect_key("khuyến, nguyễn, quyết, yêu", "khuyen, nguyen, quyet, yeu");
    expect_key("my2 ky-", "mi2 ki-");
    expect_key("", "");
    Arena *a = arena_new();
    assert_null(vntext_search_key(a, "\xff", 1));
    arena_free(a);
}

static void test_utf8_validation(void **state)
{
    (void)state;
    const char *good = "Việt Nam 🇻🇳";
    assert_true(vntext_valid_utf8(good, strlen(good)));
    assert_false(vntext_valid_utf8("\xff", 1));
    assert_false(vntext_valid_utf8("\xc3", 1));             /* truncated */
    assert_false(vntext_valid_utf8("\xc0\xaf", 2));         /* overlong '/' */
    assert_false(vntext_valid_utf8("\xed\xa0\x80", 3));     /* surrogate */
    assert_false(vntext_valid_utf8("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
    assert_false(vntext_valid_utf8("a\0b", 3));             /* NUL */
    assert_true(vntext_valid_utf8("\xf4\x8f\xbf\xbf", 4));  /* U+10FFFF */
    Arena *a = arena_new();
    assert_null(vntext_fold(a, "\xff", 1));
    assert_null(vntext_nfc(a, "\xc3", 1));
    arena_free(a);
}

static void test_nfc(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *nfd = "Vie\xcc\xa3\xcc\x82t"; /* e + dot below + circumflex */
    assert_string_equal(vntext_nfc(a, nfd, strlen(nfd)), "Việt");
    assert_string_equal(vntext_nfc(a, "Việt", strlen("Việt")), "Việt");
    arena_free(a);
}

static void expect_upper(const char *in, const char *want)
{
    expect_mapped(vntext_upper, in, want);
}

static void test_upper(void **state)
{
    (void)state;
    expect_upper("UBND xã Gio Linh", "UBND XÃ GIO LINH");
    expect_upper("Ủy ban nhân dân huyện Gio Linh", "ỦY BAN NHÂN DÂN HUYỆN GIO LINH");
    expect_upper("đặng thị đào", "ĐẶNG THỊ ĐÀO");
    expect_upper("", "");
    expect_upper("abc 123 <&>", "ABC 123 <&>");
    expect_upper("ĐÃ HOA", "ĐÃ HOA"); /* already upper: unchanged */
    /* every Vietnamese vowel with every tone */
    expect_upper("àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ ùúủũụ ừứửữự ỳýỷỹỵ",
                 "ÀÁẢÃẠ ẰẮẲẴẶ ẦẤẨẪẬ ÈÉẺẼẸ ỀẾỂỄỆ ÌÍỈĨỊ ÒÓỎÕỌ ỒỐỔỖỘ ỜỚỞỠỢ ÙÚỦŨỤ ỪỨỬỮỰ ỲÝỶỸỴ");
    /* NFD input (e + dot below + circumflex) comes out composed (NFC) */
    expect_upper("Vie\xcc\xa3\xcc\x82t", "VIỆT");
    Arena *a = arena_new();
    assert_null(vntext_upper(a, "\xff", 1));
    assert_null(vntext_upper(a, "a\0b", 3));
    arena_free(a);
}

static void test_numbers(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(vntext_number(a, 0), "0");
    assert_string_equal(vntext_number(a, 999), "999");
    assert_string_equal(vntext_number(a, 1000), "1.000");
    assert_string_equal(vntext_number(a, 66597), "66.597");
    assert_string_equal(vntext_number(a, 1234567), "1.234.567");
    assert_string_equal(vntext_number(a, -1234), "-1.234");
    assert_string_equal(vntext_number(a, INT64_MIN), "-9.223.372.036.854.775.808");
    assert_string_equal(vntext_decimal(a, 12345, 1), "1.234,5");
    assert_string_equal(vntext_decimal(a, 5, 2), "0,05");
    assert_string_equal(vntext_decimal(a, -5, 2), "-0,05");
    /* the seed report's figures: 25,470 / 66,597 = 38.24 %; 65,965 / 66,136 = 99.74 % */
    assert_string_equal(vntext_percent(a, 25470, 66597), "38,24");
    assert_string_equal(vntext_percent(a, 65965, 66136), "99,74");
    assert_string_equal(vntext_percent(a, 12347, 21849), "56,51");
    assert_string_equal(vntext_percent(a, 1, 8), "12,50"); /* exactly half-way rounds up */
    assert_string_equal(vntext_percent(a, 1, 200000), "0,00");
    assert_string_equal(vntext_percent(a, 1, 20000), "0,01"); /* 0.005 % rounds up */
    assert_string_equal(vntext_percent(a, 3, 0), "0,00");
    assert_string_equal(vntext_percent(a, 7, 7), "100,00");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),    cmocka_unit_test(test_utf8_validation),
        cmocka_unit_test(test_nfc),     cmocka_unit_test(test_upper),
        cmocka_unit_test(test_numbers), cmocka_unit_test(test_search_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
