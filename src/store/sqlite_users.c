/* sqlite_users.c: users (with the profile the printed forms read), sessions and API tokens
 * (with their expiry and revocation) in the SQLite backend (store.h). */
#include "store/sqlite_int.h"

#include <stdio.h>
#include <string.h>

/* ---- users ---- */

#define USER_COLS                                                                                  \
    "user.id, user.name, user.role, user.unit, user.password_hash, user.disabled, "                \
    "user.created_at, user.full_name, user.title, user.phone"

static void read_user_row(Arena *a, sqlite3_stmt *st, void *v)
{
    User *u = v;
    u->id = sqlite3_column_int64(st, 0);
    u->name = sq_col_text(a, st, 1);
    u->role = sq_col_text(a, st, 2);
    u->unit = sq_col_text(a, st, 3);
    u->password_hash = sq_col_text(a, st, 4);
    u->disabled = sqlite3_column_int(st, 5);
    u->created_at = sqlite3_column_int64(st, 6);
    u->full_name = sq_col_text(a, st, 7);
    u->title = sq_col_text(a, st, 8);
    u->phone = sq_col_text(a, st, 9);
}

static int sq_user_add(Store *s, const User *u, int64_t now, int64_t *out_id, Err *e)
{
    static const char sql[] =
        "INSERT INTO user (name, role, unit, password_hash, created_at, password_changed_at, "
        "full_name, title, phone) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8)";
    PREP(st, sql);
    sq_bind_text(st, 1, u->name);
    sq_bind_text(st, 2, u->role);
    sq_bind_text(st, 3, u->unit);
    sq_bind_text(st, 4, u->password_hash);
    sqlite3_bind_int64(st, 5, now);
    sq_bind_text(st, 6, u->full_name);
    sq_bind_text(st, 7, u->title);
    sq_bind_text(st, 8, u->phone);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        if ((sqlite3_extended_errcode(sq(s)->db) & 0xff) == SQLITE_CONSTRAINT)
            return err_setf(e, ERR_CONFLICT, "name", "Tên đăng nhập %s đã có",
                            "user %s already exists", u->name);
        return sq_fail(s, e, "user add");
    }
    if (out_id)
        *out_id = sqlite3_last_insert_rowid(sq(s)->db);
    return 0;
}

static int user_one(Store *s, Arena *a, sqlite3_stmt *st, User *out, Err *e, const char *key)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_user_row(a, st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "user get");
    return err_setf(e, ERR_NOT_FOUND, "name", "Không có người dùng %s", "no user %s", key);
}

static int sq_user_get(Store *s, Arena *a, const char *name, User *out, Err *e)
{
    static const char sql[] = "SELECT " USER_COLS " FROM user WHERE name = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, name);
    return user_one(s, a, st, out, e, name);
}

static int sq_user_get_id(Store *s, Arena *a, int64_t id, User *out, Err *e)
{
    static const char sql[] = "SELECT " USER_COLS " FROM user WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    return user_one(s, a, st, out, e, "");
}

/* changed checks that an UPDATE touched a row. */
static int changed(Store *s, Err *e, const char *name)
{
    if (sqlite3_changes(sq(s)->db) == 0)
        return err_setf(e, ERR_NOT_FOUND, "name", "Không có người dùng %s", "no user %s", name);
    return 0;
}

static int sq_user_set_password(Store *s, const char *name, const char *hash, int64_t now, Err *e)
{
    static const char sql[] =
        "UPDATE user SET password_hash = ?2, password_changed_at = ?3 WHERE name = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, name);
    sq_bind_text(st, 2, hash);
    sqlite3_bind_int64(st, 3, now);
    int rc = sq_step_done(s, st, e, "user passwd");
    return rc < 0 ? rc : changed(s, e, name);
}

static int sq_user_set_disabled(Store *s, const char *name, int disabled, Err *e)
{
    static const char sql[] = "UPDATE user SET disabled = ?2 WHERE name = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, name);
    sqlite3_bind_int(st, 2, disabled ? 1 : 0);
    int rc = sq_step_done(s, st, e, "user disable");
    return rc < 0 ? rc : changed(s, e, name);
}

static int sq_user_set_role(Store *s, const char *name, const char *role, const char *unit, Err *e)
{
    static const char sql[] = "UPDATE user SET role = ?2, unit = ?3 WHERE name = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, name);
    sq_bind_text(st, 2, role);
    sq_bind_text(st, 3, unit);
    int rc = sq_step_done(s, st, e, "user role");
    return rc < 0 ? rc : changed(s, e, name);
}

static int sq_user_set_profile(Store *s, const char *name, const char *full_name, const char *title,
                               const char *phone, Err *e)
{
    static const char sql[] =
        "UPDATE user SET full_name = ?2, title = ?3, phone = ?4 WHERE name = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, name);
    sq_bind_text(st, 2, full_name);
    sq_bind_text(st, 3, title);
    sq_bind_text(st, 4, phone);
    int rc = sq_step_done(s, st, e, "user profile");
    return rc < 0 ? rc : changed(s, e, name);
}

static int sq_user_list(Store *s, Arena *a, const char *under, User **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION SELECT unit.code FROM unit JOIN sub "
        "ON unit.parent = sub.code) "
        "SELECT " USER_COLS " FROM user WHERE ?1 IS NULL OR unit IN (SELECT code FROM sub) "
        "ORDER BY name";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    return sq_collect(s, a, st, sizeof(User), read_user_row, (void **)out, out_n, e);
}

/* ---- sessions and tokens ---- */

static int sq_session_add(Store *s, const unsigned char hash[32], int64_t user_id, const char *csrf,
                          int64_t now, int64_t expires_at, Err *e)
{
    static const char sql[] = "INSERT INTO session (token_hash, user_id, csrf, created_at, "
                              "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)";
    static const char purge[] = "DELETE FROM session WHERE expires_at < ?1";
    PREP(sp, purge);
    sqlite3_bind_int64(sp, 1, now);
    int rc = sq_step_done(s, sp, e, "session purge");
    if (rc < 0)
        return rc;
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, user_id);
    sq_bind_text(st, 3, csrf);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, expires_at);
    return sq_step_done(s, st, e, "session add");
}

static int sq_session_get(Store *s, Arena *a, const unsigned char hash[32], int64_t now,
                          User *out_user, const char **out_csrf, Err *e)
{
    static const char sql[] =
        "SELECT " USER_COLS ", session.csrf FROM session JOIN user ON user.id = session.user_id "
        "WHERE session.token_hash = ?1 AND session.expires_at > ?2 AND user.disabled = 0";
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_user_row(a, st, out_user);
        *out_csrf = sq_col_text(a, st, 10);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "session get");
    return err_set(e, ERR_AUTH, "", "Phiên đăng nhập không hợp lệ hoặc đã hết hạn",
                   "session invalid or expired");
}

static int sq_session_delete(Store *s, const unsigned char hash[32], Err *e)
{
    static const char sql[] = "DELETE FROM session WHERE token_hash = ?1";
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    return sq_step_done(s, st, e, "session delete");
}

static int sq_session_delete_user(Store *s, int64_t user_id, Err *e)
{
    static const char sql[] = "DELETE FROM session WHERE user_id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, user_id);
    return sq_step_done(s, st, e, "session delete user");
}

/* time_or_null binds t, or NULL when t is 0. */
static void time_or_null(sqlite3_stmt *st, int i, int64_t t)
{
    if (t)
        sqlite3_bind_int64(st, i, t);
    else
        sqlite3_bind_null(st, i);
}

/* time_col reads column i, 0 for NULL. */
static int64_t time_col(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

static int sq_token_add(Store *s, const unsigned char hash[32], const char *name, const char *role,
                        const char *unit, int64_t now, int64_t expires_at, int64_t *out_id, Err *e)
{
    static const char sql[] = "INSERT INTO api_token (token_hash, name, role, unit, created_at, "
                              "expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    sq_bind_text(st, 2, name);
    sq_bind_text(st, 3, role);
    sq_bind_text(st, 4, unit);
    sqlite3_bind_int64(st, 5, now);
    time_or_null(st, 6, expires_at);
    int rc = sq_step_done(s, st, e, "token add");
    if (rc == 0 && out_id)
        *out_id = sqlite3_last_insert_rowid(sq(s)->db);
    return rc;
}

static int sq_token_get(Store *s, Arena *a, const unsigned char hash[32], int64_t now, User *out,
                        Err *e)
{
    static const char sql[] = "SELECT name, role, unit, revoked_at, expires_at FROM api_token "
                              "WHERE token_hash = ?1";
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sq_fail(s, e, "token get");
        return err_set(e, ERR_AUTH, "", "Mã truy cập không hợp lệ", "invalid API token");
    }
    int64_t revoked = time_col(st, 3), expires = time_col(st, 4);
    User u = {.name = sq_col_text(a, st, 0),
              .role = sq_col_text(a, st, 1),
              .unit = sq_col_text(a, st, 2)};
    sqlite3_reset(st);
    if (revoked)
        return err_set(e, ERR_AUTH, "", "Mã truy cập đã bị thu hồi", "the API token was revoked");
    if (expires && now >= expires)
        return err_set(e, ERR_AUTH, "", "Mã truy cập đã hết hạn", "the API token has expired");
    *out = u;
    return 0;
}

static void read_token_row(Arena *a, sqlite3_stmt *st, void *v)
{
    ApiToken *t = v;
    t->id = sqlite3_column_int64(st, 0);
    t->name = sq_col_text(a, st, 1);
    t->role = sq_col_text(a, st, 2);
    t->unit = sq_col_text(a, st, 3);
    t->created_at = sqlite3_column_int64(st, 4);
    t->expires_at = time_col(st, 5);
    t->revoked_at = time_col(st, 6);
}

static int sq_token_list(Store *s, Arena *a, const char *under, ApiToken **out, size_t *out_n,
                         Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION SELECT unit.code FROM unit JOIN sub "
        "ON unit.parent = sub.code) "
        "SELECT id, name, role, unit, created_at, expires_at, revoked_at FROM api_token "
        "WHERE ?1 IS NULL OR unit IN (SELECT code FROM sub) ORDER BY id";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    return sq_collect(s, a, st, sizeof(ApiToken), read_token_row, (void **)out, out_n, e);
}

static int sq_token_set_unit(Store *s, int64_t id, const char *unit, Err *e)
{
    static const char sql[] = "UPDATE api_token SET unit = ?2 WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, unit);
    return sq_step_done(s, st, e, "token unit");
}

static int sq_token_revoke(Store *s, int64_t id, int64_t now, Err *e)
{
    static const char seen[] = "SELECT revoked_at IS NOT NULL FROM api_token WHERE id = ?1";
    static const char sql[] = "UPDATE api_token SET revoked_at = ?2 WHERE id = ?1";
    PREP(sk, seen);
    sqlite3_bind_int64(sk, 1, id);
    int rc = sqlite3_step(sk), revoked = rc == SQLITE_ROW && sqlite3_column_int(sk, 0);
    sqlite3_reset(sk);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sq_fail(s, e, "token revoke");
    char number[24];
    snprintf(number, sizeof number, "%lld", (long long)id);
    if (rc == SQLITE_DONE)
        return err_setf(e, ERR_NOT_FOUND, "token", "Không có mã truy cập số %s", "no API token %s",
                        number);
    if (revoked)
        return err_setf(e, ERR_CONFLICT, "token", "Mã truy cập số %s đã bị thu hồi trước đó",
                        "API token %s was revoked already", number);
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return sq_step_done(s, st, e, "token revoke");
}

void sq_user_ops(StoreOps *o)
{
    o->user_add = sq_user_add;
    o->user_get = sq_user_get;
    o->user_get_id = sq_user_get_id;
    o->user_set_password = sq_user_set_password;
    o->user_set_disabled = sq_user_set_disabled;
    o->user_set_role = sq_user_set_role;
    o->user_set_profile = sq_user_set_profile;
    o->user_list = sq_user_list;
    o->session_add = sq_session_add;
    o->session_get = sq_session_get;
    o->session_delete = sq_session_delete;
    o->session_delete_user = sq_session_delete_user;
    o->token_add = sq_token_add;
    o->token_get = sq_token_get;
    o->token_list = sq_token_list;
    o->token_revoke = sq_token_revoke;
    o->token_set_unit = sq_token_set_unit;
}
