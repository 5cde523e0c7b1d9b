/* test_lookup_key.c: look-up keys made from random bytes (five bits a character, worked out
 * by hand), read as people type them, shown as printed, and the failure budget. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/lookup_key.h"

#include <string.h>

static void test_make(void **state)
{
    (void)state;
    char key[LOOKUP_KEY_LEN + 1];
    lookup_key_make((const unsigned char[]){0, 0, 0, 0, 0}, key);
    assert_string_equal(key, "00000000");
    lookup_key_make((const unsigned char[]){0xff, 0xff, 0xff, 0xff, 0xff}, key);
    assert_string_equal(key, "ZZZZZZZZ");
    /* 00001 00010 00011 00100 00101 00110 00111 01000 */
    lookup_key_make((const unsigned char[]){0x08, 0x86, 0x42, 0x98, 0xe8}, key);
    assert_string_equal(key, "12345678");
    /* 18..25: the letters past the skipped I and L (J K M N P Q R S) */
    lookup_key_make((const unsigned char[]){0x94, 0xe9, 0x5b, 0x5f, 0x19}, key);
    assert_string_equal(key, "JKMNPQRS");
}

static void test_every_character_is_unambiguous(void **state)
{
    (void)state;
    char key[LOOKUP_KEY_LEN + 1];
    int seen[256] = {0};
    for (unsigned v = 0; v < 32; v++) { /* the last character takes every value */
        lookup_key_make((const unsigned char[]){0, 0, 0, 0, (unsigned char)v}, key);
        seen[(unsigned char)key[7]]++;
    }
    for (const char *c = "ILOU"; *c; c++)
        assert_int_equal(seen[(unsigned char)*c], 0);
    int distinct = 0;
    for (int c = 0; c < 256; c++)
        distinct += seen[c] == 1;
    assert_int_equal(distinct, 32);
}

static void test_read(void **state)
{
    (void)state;
    char out[LOOKUP_KEY_LEN + 1];
    assert_true(lookup_key_read("K7QM2XRD", out));
    assert_string_equal(out, "K7QM2XRD");
    assert_true(lookup_key_read("k7qm-2xrd", out));
    assert_string_equal(out, "K7QM2XRD");
    assert_true(lookup_key_read(" K7QM 2XRD ", out));
    assert_string_equal(out, "K7QM2XRD");
    /* O is read as 0, I and L as 1 */
    assert_true(lookup_key_read("OIL0-1234", out));
    assert_string_equal(out, "01101234");
    assert_false(lookup_key_read("K7QM2XR", out));   /* 7 */
    assert_false(lookup_key_read("K7QM2XRDA", out)); /* 9 */
    assert_false(lookup_key_read("K7QM2XRU", out));  /* U is not in the alphabet */
    assert_false(lookup_key_read("5678", out));      /* the old last-4 key */
    assert_false(lookup_key_read("K7QM_2XRD", out));
    assert_false(lookup_key_read("", out));
    assert_false(lookup_key_read(NULL, out));
}

static void test_show(void **state)
{
    (void)state;
    char out[LOOKUP_KEY_SHOWN_LEN + 1];
    lookup_key_show("K7QM2XRD", out);
    assert_string_equal(out, "K7QM-2XRD");
    lookup_key_show(NULL, out);
    assert_string_equal(out, "");
    lookup_key_show("ABC", out);
    assert_string_equal(out, "ABC");
}

static void test_budget(void **state)
{
    (void)state;
    assert_false(lookup_key_locked(0));
    assert_false(lookup_key_locked(LOOKUP_KEY_MAX_FAILURES - 1));
    assert_true(lookup_key_locked(LOOKUP_KEY_MAX_FAILURES));
    assert_true(lookup_key_locked(LOOKUP_KEY_MAX_FAILURES + 15));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_make),   cmocka_unit_test(test_every_character_is_unambiguous),
        cmocka_unit_test(test_read),   cmocka_unit_test(test_show),
        cmocka_unit_test(test_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
