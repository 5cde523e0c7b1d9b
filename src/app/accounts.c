/* accounts.c: officers and API tokens for the CLI, the pages and the API (see accounts.h). */
#include "app/accounts.h"

#include "core/access.h"
#include "core/account.h"
#include "core/vntext.h"
#include "util/secret.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
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

/* clean returns s without its leading and trailing spaces, in NFC, from a; NULL for an absent
 * or blank s. Text that is not UTF-8 comes back as it is, for account_check_profile to
 * refuse. */
static const char *clean(Arena *a, const char *s)
{
    if (!s)
        return NULL;
    s += strspn(s, " ");
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    if (!n)
        return NULL;
    const char *nfc = vntext_valid_utf8(s, n) ? vntext_nfc(a, s, n) : NULL;
    return nfc ? nfc : arena_printf(a, "%.*s", (int)n, s);
}

/* read_profile cleans and checks p (may be NULL) into out, strings from a. */
static int read_profile(Arena *a, const UserProfile *p, UserProfile *out, Err *e)
{
    UserProfile none = {0};
    if (!p)
        p = &none;
    *out = (UserProfile){clean(a, p->full_name), clean(a, p->title), clean(a, p->phone)};
    return account_check_profile(out->full_name, out->title, out->phone, e);
}

int accounts_add_user(Store *s, const char *name, const char *role, const char *unit,
                      const char *password, const UserProfile *profile, int64_t now,
                      int64_t *out_id, Err *e)
{
    Arena *a = arena_new();
    UserProfile p;
    int rc;
    if ((rc = account_check_name(name, e)) < 0 || (rc = check_role_unit(s, role, unit, e)) < 0 ||
        (rc = account_check_password(name, password, e)) < 0 ||
        (rc = read_profile(a, profile, &p, e)) < 0) {
        arena_free(a);
        return rc;
    }
    char hash[SECRET_HASH_MAX];
    if (secret_hash_password(password, hash) < 0)
        rc = err_set(e, ERR_IO, "", "Không tạo được mật khẩu", "password hashing failed");
    User u = {.name = name,
              .role = role,
              .unit = unit,
              .password_hash = hash,
              .full_name = p.full_name,
              .title = p.title,
              .phone = p.phone};
    if (rc == 0)
        rc = store_user_add(s, &u, now, out_id, e);
    arena_free(a);
    return rc;
}

int accounts_set_profile(Store *s, const char *name, const UserProfile *profile, Err *e)
{
    Arena *a = arena_new();
    UserProfile p;
    int rc = read_profile(a, profile, &p, e);
    if (rc == 0)
        rc = store_user_set_profile(s, name, p.full_name, p.title, p.phone, e);
    arena_free(a);
    return rc;
}

int accounts_put_user(Store *s, const User *u, int64_t now, Err *e)
{
    Arena *a = arena_new();
    UserProfile p, given = {u->full_name, u->title, u->phone};
    User old = {0};
    Err none;
    int rc, exists = 0;
    if ((rc = account_check_name(u->name, e)) == 0 &&
        (rc = check_role_unit(s, u->role, u->unit, e)) == 0 &&
        (rc = read_profile(a, &given, &p, e)) == 0)
        exists = store_user_get(s, a, u->name, &old, &none) == 0;
    User put = {.name = u->name,
                .role = u->role,
                .unit = u->unit,
                .password_hash = "", /* verifies no password */
                .full_name = p.full_name,
                .title = p.title,
                .phone = p.phone};
    if (rc == 0 && !exists)
        rc = store_user_add(s, &put, now, NULL, e);
    if (rc == 0 && exists && (rc = store_user_set_role(s, u->name, u->role, u->unit, e)) == 0)
        rc = store_user_set_profile(s, u->name, p.full_name, p.title, p.phone, e);
    if (rc == 0 && (exists ? old.disabled : 0) != (u->disabled != 0))
        rc = accounts_set_disabled(s, u->name, u->disabled != 0, e);
    arena_free(a);
    return rc;
}

/* end_sessions ends every session of user name (a new password, a disabled account). */
static int end_sessions(Store *s, const char *name, Err *e)
{
    Arena *a = arena_new();
    User u;
    int rc = store_user_get(s, a, name, &u, e);
    if (rc == 0)
        rc = store_session_delete_user(s, u.id, e);
    arena_free(a);
    return rc;
}

int accounts_set_password(Store *s, const char *name, const char *password, int64_t now, Err *e)
{
    int rc;
    char hash[SECRET_HASH_MAX];
    if ((rc = account_check_password(name, password, e)) < 0 || (rc = end_sessions(s, name, e)) < 0)
        return rc;
    if (secret_hash_password(password, hash) < 0)
        return err_set(e, ERR_IO, "", "Không tạo được mật khẩu", "password hashing failed");
    return store_user_set_password(s, name, hash, now, e);
}

int accounts_set_disabled(Store *s, const char *name, bool disabled, Err *e)
{
    int rc = store_user_set_disabled(s, name, disabled, e);
    if (rc == 0 && disabled)
        rc = end_sessions(s, name, e);
    return rc;
}

int accounts_unit_head(Store *s, Arena *a, const char *unit, User *out, Err *e)
{
    User *users;
    size_t n;
    int rc = store_user_list(s, a, unit, &users, &n, e);
    if (rc < 0)
        return rc;
    const User *head = NULL, *deputy = NULL;
    for (size_t i = 0; i < n && !head; i++) { /* ordered by name */
        const User *u = &users[i];
        if (u->disabled || !u->title || strcmp(u->unit, unit) != 0 ||
            access_role_parse(u->role) != ROLE_LEADER)
            continue;
        if (strncmp(u->title, "Phó", strlen("Phó")) != 0 &&
            strncmp(u->title, "phó", strlen("phó")) != 0)
            head = u;
        else if (!deputy)
            deputy = u;
    }
    head = head ? head : deputy;
    if (!head)
        return err_setf(e, ERR_NOT_FOUND, "unit", "Đơn vị %s chưa có lãnh đạo có chức danh",
                        "unit %s has no leader with a title", unit);
    *out = *head;
    return 0;
}

int accounts_token_expiry(const char *day, int64_t now, int64_t *out, Err *e)
{
    int32_t today = timefmt_local_day(now), d = today + ACCOUNTS_TOKEN_DAYS;
    if (day && timefmt_parse_date(day, strlen(day), NULL, &d) < 0)
        return err_set(e, ERR_INVALID, "expires", "Ngày hết hạn phải có dạng YYYY-MM-DD",
                       "the expiry day must be YYYY-MM-DD");
    if (d < today)
        return err_set(e, ERR_INVALID, "expires", "Ngày hết hạn đã qua",
                       "the expiry day is in the past");
    *out = timefmt_local_instant(d + 1, 0);
    return 0;
}

int accounts_add_token(Store *s, const char *name, const char *role, const char *unit, int64_t now,
                       int64_t expires_at, char out_token[64], int64_t *out_id, Err *e)
{
    int rc;
    if (!name || !*name || strlen(name) > 128)
        return err_set(e, ERR_INVALID, "name", "Tên mã truy cập dài 1–128 ký tự",
                       "token name must be 1-128 characters");
    if ((rc = check_role_unit(s, role, unit, e)) < 0)
        return rc;
    if (expires_at <= now)
        return err_set(e, ERR_INVALID, "expires", "Ngày hết hạn đã qua",
                       "the expiry is in the past");
    char raw[SECRET_TOKEN_LEN + 1], token[64];
    secret_token(raw);
    snprintf(token, sizeof token, "mct_%s", raw);
    unsigned char hash[32];
    secret_sha256(token, strlen(token), hash);
    if ((rc = store_token_add(s, hash, name, role, unit, now, expires_at, out_id, e)) < 0)
        return rc;
    memcpy(out_token, token, sizeof token);
    return 0;
}

/* token_id reads s as a token id (1..2^62, digits only); 0 when it is not one. */
static int64_t token_id(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 18 || strspn(s, "0123456789") != n)
        return 0;
    return strtoll(s, NULL, 10);
}

int accounts_revoke_tokens(Store *s, const char *name_or_id, const char *under, int64_t now,
                           int *out_n, Err *e)
{
    Arena *a = arena_new();
    ApiToken *tokens;
    size_t n;
    int rc = store_token_list(s, a, under, &tokens, &n, e), revoked = 0, found = 0;
    int64_t id = token_id(name_or_id);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const ApiToken *t = &tokens[i];
        if (id ? t->id != id : strcmp(t->name, name_or_id) != 0 || t->revoked_at)
            continue;
        found = 1;
        if ((rc = store_token_revoke(s, t->id, now, e)) == 0)
            revoked++;
    }
    arena_free(a);
    if (rc == 0 && !found)
        rc = err_setf(e, ERR_NOT_FOUND, "token", "Không có mã truy cập %s còn hiệu lực",
                      "no live API token %s", name_or_id);
    if (rc == 0 && out_n)
        *out_n = revoked;
    return rc;
}
