/* test_access.c: the full role x permission x unit-relation table against the rules of
 * docs/INTERFACES.md §3 written out here independently, and the account rules (core/account). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/access.h"
#include "core/account.h"

#include <string.h>

/* expected(role, perm, where): the specification, one rule per line. */
static int expected(Role r, Permission p, UnitRelation w)
{
    if (p == PERM_CATALOGUE_READ)
        return 1; /* the catalogue is public */
    if (r == ROLE_NONE)
        return 0; /* the public has nothing else */
    int reach = w == UNIT_SAME ||
                (w == UNIT_BELOW && (r == ROLE_ADMIN || r == ROLE_LEADER || r == ROLE_INTEGRATION));
    if (!reach)
        return 0;
    switch (p) {
    case PERM_CATALOGUE_MANAGE:
    case PERM_USER_MANAGE: return r == ROLE_ADMIN;
    case PERM_DOSSIER_INTAKE: return r == ROLE_CLERK || r == ROLE_INTEGRATION;
    case PERM_DOSSIER_READ:
    case PERM_REPORT_READ: return 1;
    case PERM_DOSSIER_ACT: return r != ROLE_ADMIN;
    case PERM_EVENTS_FEED: return r == ROLE_ADMIN || r == ROLE_INTEGRATION;
    case PERM_ACCESS_LOG: return r == ROLE_LEADER || r == ROLE_ADMIN; /* Decree 13/2023 */
    default: return 0;
    }
}

static void test_full_table(void **state)
{
    (void)state;
    int checked = 0;
    for (int r = ROLE_NONE; r < ROLE_COUNT; r++)
        for (int p = 0; p < PERM_COUNT; p++)
            for (int w = UNIT_SAME; w <= UNIT_OUTSIDE; w++) {
                int want = expected((Role)r, (Permission)p, (UnitRelation)w);
                int got = access_allows((Role)r, (Permission)p, (UnitRelation)w);
                if (want != got)
                    fail_msg("role %s perm %d where %d: want %d got %d", access_role_name((Role)r),
                             p, w, want, got);
                checked++;
            }
    assert_int_equal(checked, ROLE_COUNT * PERM_COUNT * 3);
}

static void test_outside_never_allowed(void **state)
{
    (void)state;
    for (int r = ROLE_ADMIN; r < ROLE_COUNT; r++)
        for (int p = PERM_CATALOGUE_MANAGE; p < PERM_COUNT; p++)
            assert_false(access_allows((Role)r, (Permission)p, UNIT_OUTSIDE));
    /* out-of-range values are refused, not indexed */
    assert_false(access_allows((Role)99, PERM_DOSSIER_READ, UNIT_SAME));
    assert_false(access_allows(ROLE_ADMIN, (Permission)99, UNIT_SAME));
}

static void test_role_names(void **state)
{
    (void)state;
    const char *names[] = {"admin", "leader", "clerk", "specialist", "integration"};
    for (int i = 0; i < 5; i++) {
        Role r = access_role_parse(names[i]);
        assert_int_not_equal(r, ROLE_NONE);
        assert_string_equal(access_role_name(r), names[i]);
        assert_true(strlen(access_role_label(r)) > 0);
    }
    assert_int_equal(access_role_parse("Admin"), ROLE_NONE);
    assert_int_equal(access_role_parse(""), ROLE_NONE);
    assert_int_equal(access_role_parse(NULL), ROLE_NONE);
    assert_string_equal(access_role_label(ROLE_CLERK), "Cán bộ một cửa");
}

static void test_account_names(void **state)
{
    (void)state;
    Err e;
    assert_int_equal(account_check_name("nguyenvana", &e), 0);
    assert_int_equal(account_check_name("mc.giolinh-2", &e), 0);
    assert_int_equal(account_check_name("ab", &e), 0);
    assert_int_equal(account_check_name("a", &e), ERR_INVALID);
    assert_string_equal(e.field, "username");
    assert_int_equal(account_check_name("", &e), ERR_INVALID);
    assert_int_equal(account_check_name(NULL, &e), ERR_INVALID);
    assert_int_equal(account_check_name("Admin", &e), ERR_INVALID);
    assert_int_equal(account_check_name(".hidden", &e), ERR_INVALID);
    assert_int_equal(account_check_name("a b", &e), ERR_INVALID);
    assert_int_equal(account_check_name("nguyễn", &e), ERR_INVALID);
    assert_int_equal(account_check_name("x'; DROP TABLE user;--", &e), ERR_INVALID);
    char longname[66];
    memset(longname, 'a', 65);
    longname[65] = '\0';
    assert_int_equal(account_check_name(longname, &e), ERR_INVALID);
    longname[64] = '\0';
    assert_int_equal(account_check_name(longname, &e), 0);
}

static void test_account_passwords(void **state)
{
    (void)state;
    Err e;
    assert_int_equal(account_check_password("bob", "mật khẩu dài", &e), 0);
    assert_int_equal(account_check_password("bob", "12345678", &e), 0);
    assert_int_equal(account_check_password("bob", "1234567", &e), ERR_INVALID);
    assert_string_equal(e.field, "password");
    assert_int_equal(account_check_password("bobbybobby", "bobbybobby", &e), ERR_INVALID);
    assert_int_equal(account_check_password("bob", "abc\ndefgh", &e), ERR_INVALID);
    assert_int_equal(account_check_password("bob", "abcdefg\xff", &e), ERR_INVALID);
    assert_int_equal(account_check_password("bob", NULL, &e), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_table),        cmocka_unit_test(test_outside_never_allowed),
        cmocka_unit_test(test_role_names),        cmocka_unit_test(test_account_names),
        cmocka_unit_test(test_account_passwords),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
