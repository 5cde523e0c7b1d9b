/* test_portal_map.c: the portal's terms: its time format in Vietnam time (instants worked out by
 * hand: 2023-10-02 is day 19632 since 1970, 2023-12-31 day 19722), the channel codes, the
 * status transitions the lifecycle allows in portal codes (DOMAIN.md §2.2), and the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/portal_map.h"

#include <string.h>

static void test_time(void **state)
{
    (void)state;
    char s[PORTAL_TIME_SIZE];
    portal_time(0, s);
    assert_string_equal(s, "19700101070000");
    portal_time(19632LL * 86400 + 2 * 3600, s); /* 02:00 UTC is 09:00 in Vietnam */
    assert_string_equal(s, "20231002090000");
    portal_time(19722LL * 86400 + 17 * 3600 + 30 * 60 + 5, s); /* a UTC evening: the next day */
    assert_string_equal(s, "20240101003005");
}

static void test_time_parse(void **state)
{
    (void)state;
    int64_t t = 0;
    assert_true(portal_time_parse("20231002090000", &t));
    assert_int_equal(t, 19632LL * 86400 + 2 * 3600);
    assert_true(portal_time_parse("20240101003005", &t));
    assert_int_equal(t, 19722LL * 86400 + 17 * 3600 + 30 * 60 + 5);
    assert_true(portal_time_parse("20240229120000", &t)); /* a leap day */
    const char *bad[] = {"20230229120000", "20231002250000",  "20231002096000", "20231302090000",
                         "2023100209000",  "202310020900000", "2023-10-02T09:", "",
                         "2023100209000a"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(portal_time_parse(bad[i], &t));
    assert_false(portal_time_parse(NULL, &t));
}

static void test_channel(void **state)
{
    (void)state;
    assert_int_equal(portal_channel("direct"), 1);
    assert_int_equal(portal_channel("online"), 2);
    assert_int_equal(portal_channel("postal"), 3);
    assert_int_equal(portal_channel("kiosk"), 0);
    assert_int_equal(portal_channel(NULL), 0);
}

static void test_transitions(void **state)
{
    (void)state;
    /* the recommended transitions of DOMAIN.md §2.2 */
    int ok[][2] = {{1, 2}, {1, 3}, {2, 4}, {4, 5}, {4, 6},  {4, 7}, {4, 8}, {4, 9},
                   {5, 4}, {5, 8}, {6, 4}, {7, 8}, {9, 10}, {4, 4}, {2, 9}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_true(portal_transition_ok(ok[i][0], ok[i][1]));
    /* what no action leads to: back from an end, or skipping the result */
    int no[][2] = {{2, 10}, {10, 4}, {3, 2}, {8, 4}, {1, 4}, {9, 4}, {0, 1}, {11, 11}};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(portal_transition_ok(no[i][0], no[i][1]));
}

static void test_table(void **state)
{
    (void)state;
    size_t n;
    const PortalField *f = portal_fields(&n);
    assert_true(n >= 12);
    for (size_t i = 0; i < n; i++) {
        assert_ptr_equal(portal_field(f[i].portal), &f[i]);
        for (size_t j = i + 1; j < n; j++)
            assert_int_not_equal(f[i].source, f[j].source); /* one field per motcua source */
    }
    const PortalField *code = portal_field("MaHoSo"), *version = portal_field("PhienBan");
    assert_true(code && code->required && code->confirmed);
    assert_true(version && version->required && !version->confirmed);
    assert_int_equal(portal_field("NgayTiepNhan")->format, PF_TIME);
    assert_null(portal_field("mahoso"));
    assert_string_equal(portal_indicator_name(PI_ONLINE), "3.3");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time),    cmocka_unit_test(test_time_parse),
        cmocka_unit_test(test_channel), cmocka_unit_test(test_transitions),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
