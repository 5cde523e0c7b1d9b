/* accounts.c: user and token creation shared by the CLI and the API (see accounts.h). */
#include "app/accounts.h"

#include "core/access.h"
#include "core/account.h"
#include "util/secret.h"

#include <stdio.h>
#include <string.h>

/* check_role_unit validates the role name and that the unit exists. */
static int check_role_unit(Store *s, const char *role, const char *unit, Err *e)
{
    if (access_role_parse(role) == ROLE_NONE)
        return err_set(e, ERR_INVALID, "role",
                       "Vai trò phải là admin, leader, clerk, specialist hoặc integration",
                       "role must be admin, leader, clerk, specialist or integration");
    Arena *a = arena_new();
    Unit u;
    int rc = store_unit_get(s, a, unit ? unit : "", &u, e);
    arena_free(a);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_INVALID, "unit", "Không có đơn vị %s", "no unit %s", unit);
    return rc;
}

int accounts_add_user(Store *s, const char *name, const char *role, const char *unit,
                      const char *password, int64_t now, int64_t *out_id, Err *e)
{
    int rc;
    if ((rc = account_check_name(name, e)) < 0 || (rc = check_role_unit(s, role, unit, e)) < 0 ||
        (rc = account_check_password(name, password, e)) < 0)
        return rc;
    char hash[SECRET_HASH_MAX];
    if (secret_hash_password(password, hash) < 0)
        return err_set(e, ERR_IO, "", "Không tạo được mật khẩu", "password hashing failed");
    User u = {.name = name, .role = role, .unit = unit, .password_hash = hash};
    return store_user_add(s, &u, now, out_id, e);
}

int accounts_set_password(Store *s, const char *name, const char *password, int64_t now, Err *e)
{
    int rc;
    if ((rc = account_check_password(name, password, e)) < 0)
        return rc;
    Arena *a = arena_new();
    User u;
    rc = store_user_get(s, a, name, &u, e);
    char hash[SECRET_HASH_MAX];
    if (rc == 0 && secret_hash_password(password, hash) < 0)
        rc = err_set(e, ERR_IO, "", "Không tạo được mật khẩu", "password hashing failed");
    if (rc == 0)
        rc = store_user_set_password(s, name, hash, now, e);
    if (rc == 0)
        rc = store_session_delete_user(s, u.id, e);
    arena_free(a);
    return rc;
}

int accounts_add_token(Store *s, const char *name, const char *role, const char *unit, int64_t now,
                       char out_token[64], Err *e)
{
    int rc;
    if (!name || !*name || strlen(name) > 128)
        return err_set(e, ERR_INVALID, "name", "Tên mã truy cập dài 1–128 ký tự",
                       "token name must be 1-128 characters");
    if ((rc = check_role_unit(s, role, unit, e)) < 0)
        return rc;
    char raw[SECRET_TOKEN_LEN + 1], token[64];
    secret_token(raw);
    snprintf(token, sizeof token, "mct_%s", raw);
    unsigned char hash[32];
    secret_sha256(token, strlen(token), hash);
    if ((rc = store_token_add(s, hash, name, role, unit, now, e)) < 0)
        return rc;
    memcpy(out_token, token, sizeof token);
    return 0;
}
