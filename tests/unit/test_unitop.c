/* test_unitop.c: the unit operations' names and the rules that place a split's dossiers
 * (core/unitop): the place key of a unit's name, the longest place an address names at word
 * boundaries (NFC and NFD alike, đ folded), the target of a procedure's level. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/unitop.h"
#include "core/vntext.h"

#include <string.h>

static void test_names(void **state)
{
    (void)state;
    static const char *const kinds[] = {"merge", "split", "rename", "move", "abolish"};
    for (int k = 0; k < UNITOP_KIND_COUNT; k++) {
        assert_string_equal(unitop_kind_name((UnitOpKind)k), kinds[k]);
        assert_int_equal(unitop_kind_parse(kinds[k]), k);
    }
    assert_int_equal(unitop_kind_parse("delete"), -1);
    assert_int_equal(unitop_kind_parse(NULL), -1);
    assert_string_equal(unitop_kind_name((UnitOpKind)99), "");
    static const char *const rules[] = {"commune", "procedure", "hand"};
    for (int r = 0; r <= UNITOP_BY_HAND; r++) {
        assert_string_equal(unitop_rule_name((UnitOpRule)r), rules[r]);
        assert_int_equal(unitop_rule_parse(rules[r]), r);
    }
    assert_int_equal(unitop_rule_parse("file"), -1);
}

static void test_place_keys(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(unitop_place_key(a, "UBND xã Gio Mỹ"), "xa gio my");
    assert_string_equal(unitop_place_key(a, "UBND thị trấn Gio Linh"), "thi tran gio linh");
    assert_string_equal(unitop_place_key(a, "Ủy ban nhân dân phường Đông Hà"),
                        "uy ban nhan dan phuong dong ha");
    assert_string_equal(unitop_place_key(a, "Sở Tư pháp"), "so tu phap");
    assert_null(unitop_place_key(a, "UBND "));
    assert_null(unitop_place_key(a, NULL));
    arena_free(a);
}

/* place returns the index of the place the address names among the units' names. */
static int place(Arena *a, const char *address, const char *const *names, size_t n)
{
    const char *keys[8];
    for (size_t i = 0; i < n; i++)
        keys[i] = unitop_place_key(a, names[i]);
    return unitop_match_place(vntext_fold(a, address, strlen(address)), keys, n);
}

static void test_addresses(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *const names[] = {"UBND xã Gio Linh", "UBND thị trấn Gio Linh", "UBND xã Gio Mỹ",
                                 "UBND xã Cửa Việt", "UBND xã Gio Mỹ Hải"};
    size_t n = sizeof names / sizeof names[0];
    assert_int_equal(place(a, "thôn 3, xã Cửa Việt, tỉnh Quảng Trị", names, n), 3);
    assert_int_equal(place(a, "khu phố 2, thị trấn Gio Linh, huyện Gio Linh", names, n), 1);
    /* the district's name is no commune's: "huyện Gio Linh" alone names none */
    assert_int_equal(place(a, "huyện Gio Linh, Quảng Trị", names, n), -1);
    /* the longest name found wins; a name inside a longer word does not count */
    assert_int_equal(place(a, "thôn Mỹ Hải, XÃ GIO MỸ HẢI", names, n), 4);
    assert_int_equal(place(a, "xã Gio Mỹ, Gio Linh", names, n), 2);
    assert_int_equal(place(a, "xã Gio Mỹa", names, n), -1);
    /* decomposed input (NFD) and đ fold alike */
    assert_int_equal(place(a,
                           "xa\xcc\x83 Cu\xcc\x9b\xcc\x89"
                           "a Vie\xcc\xa3\xcc\x82t",
                           names, n),
                     3);
    const char *const dong[] = {"UBND phường Đông Hà"};
    assert_int_equal(place(a, "Số 5, phuong dong ha", dong, 1), 0);
    assert_int_equal(unitop_match_place(NULL, NULL, 0), -1);
    arena_free(a);
}

static void test_levels(void **state)
{
    (void)state;
    const char *const levels[] = {"commune", "department", "province", "commune"};
    assert_int_equal(unitop_match_level("commune", levels, 4), 0); /* the first of that level */
    assert_int_equal(unitop_match_level("province", levels, 4), 2);
    assert_int_equal(unitop_match_level("district", levels, 4), -1);
    assert_int_equal(unitop_match_level(NULL, levels, 4), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_place_keys),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_levels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
