/* postgres_users.c: users (with the profile the printed forms read), sessions and API tokens
 * (with their expiry and revocation) in the PostgreSQL backend (store.h). Sessions are rows of
 * the database, so every node behind a load balancer accepts them. */
#include "store/postgres_int.h"

#include <stdio.h>
#include <string.h>

/* ---- users ---- */

#define USER_COLS                                                                                  \
    "u.id, u.name, u.role, u.unit, u.password_hash, u.disabled, u.created_at, u.full_name, "       \
    "u.title, u.phone"

static void read_user(Arena *a, const PgQuery *q, int r, void *v)
{
    User *u = v;
    u->id = pq_col_int(q, r, 0);
    u->name = pq_col_text(a, q, r, 1);
    u->role = pq_col_text(a, q, r, 2);
    u->unit = pq_col_text(a, q, r, 3);
    u->password_hash = pq_col_text(a, q, r, 4);
    u->disabled = (int)pq_col_int(q, r, 5);
    u->created_at = pq_col_int(q, r, 6);
    u->full_name = pq_col_text(a, q, r, 7);
    u->title = pq_col_text(a, q, r, 8);
    u->phone = pq_col_text(a, q, r, 9);
}

static int pg_user_add(Store *s, const User *u, int64_t now, int64_t *out_id, Err *e)
{
    static const char sql[] =
        "INSERT INTO \"user\" (name, role, unit, password_hash, created_at, password_changed_at, "
        "full_name, title, phone) VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8) "
        "ON CONFLICT (name) DO NOTHING RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, u->name);
    pq_text(&q, 2, u->role);
    pq_text(&q, 3, u->unit);
    pq_text(&q, 4, u->password_hash);
    pq_int(&q, 5, now);
    pq_text(&q, 6, u->full_name);
    pq_text(&q, 7, u->title);
    pq_text(&q, 8, u->phone);
    int n = pq_run(&q, e, "user add");
    if (n < 0)
        return n;
    if (n > 0 && out_id)
        *out_id = pq_col_int(&q, 0, 0);
    pq_done(&q);
    if (n == 0)
        return err_setf(e, ERR_CONFLICT, "name", "Tên đăng nhập %s đã có", "user %s already exists",
                        u->name);
    return 0;
}

static int user_one(PgQuery *q, Arena *a, User *out, Err *e, const char *key)
{
    int n = pq_run(q, e, "user get");
    if (n < 0)
        return n;
    if (n > 0)
        read_user(a, q, 0, out);
    pq_done(q);
    return n > 0 ? 0
                 : err_setf(e, ERR_NOT_FOUND, "name", "Không có người dùng %s", "no user %s", key);
}

static int pg_user_get(Store *s, Arena *a, const char *name, User *out, Err *e)
{
    static const char sql[] = "SELECT " USER_COLS " FROM \"user\" u WHERE name = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, name);
    return user_one(&q, a, out, e, name);
}

static int pg_user_get_id(Store *s, Arena *a, int64_t id, User *out, Err *e)
{
    static const char sql[] = "SELECT " USER_COLS " FROM \"user\" u WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    return user_one(&q, a, out, e, "");
}

/* update runs an UPDATE of the user name ($1) and checks that it touched a row. */
static int update(PgQuery *q, Err *e, const char *name, const char *what)
{
    int n = pq_exec(q, e, what);
    if (n < 0)
        return n;
    return n > 0 ? 0
                 : err_setf(e, ERR_NOT_FOUND, "name", "Không có người dùng %s", "no user %s", name);
}

static int pg_user_set_password(Store *s, const char *name, const char *hash, int64_t now, Err *e)
{
    static const char sql[] =
        "UPDATE \"user\" SET password_hash = $2, password_changed_at = $3 WHERE name = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, name);
    pq_text(&q, 2, hash);
    pq_int(&q, 3, now);
    return update(&q, e, name, "user passwd");
}

static int pg_user_set_disabled(Store *s, const char *name, int disabled, Err *e)
{
    static const char sql[] = "UPDATE \"user\" SET disabled = $2 WHERE name = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, name);
    pq_int(&q, 2, disabled ? 1 : 0);
    return update(&q, e, name, "user disable");
}

static int pg_user_set_role(Store *s, const char *name, const char *role, const char *unit, Err *e)
{
    static const char sql[] = "UPDATE \"user\" SET role = $2, unit = $3 WHERE name = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, name);
    pq_text(&q, 2, role);
    pq_text(&q, 3, unit);
    return update(&q, e, name, "user role");
}

static int pg_user_set_profile(Store *s, const char *name, const char *full_name, const char *title,
                               const char *phone, Err *e)
{
    static const char sql[] =
        "UPDATE \"user\" SET full_name = $2, title = $3, phone = $4 WHERE name = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, name);
    pq_text(&q, 2, full_name);
    pq_text(&q, 3, title);
    pq_text(&q, 4, phone);
    return update(&q, e, name, "user profile");
}

/* SUB: the units at $1 and below it. */
#define SUB                                                                                        \
    "WITH RECURSIVE sub(code) AS (SELECT $1::text UNION SELECT unit.code FROM unit JOIN sub "      \
    "ON unit.parent = sub.code) "

static int pg_user_list(Store *s, Arena *a, const char *under, User **out, size_t *out_n, Err *e)
{
    static const char sql[] = SUB "SELECT " USER_COLS " FROM \"user\" u WHERE $1::text IS NULL OR "
                                  "unit IN (SELECT code FROM sub) ORDER BY name COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    return pq_collect(&q, a, sizeof(User), read_user, (void **)out, out_n, e, "user list");
}

/* ---- sessions and tokens ---- */

static int pg_session_add(Store *s, const unsigned char hash[32], int64_t user_id, const char *csrf,
                          int64_t now, int64_t expires_at, Err *e)
{
    static const char sql[] = "INSERT INTO session (token_hash, user_id, csrf, created_at, "
                              "expires_at) VALUES ($1, $2, $3, $4, $5)";
    static const char purge[] = "DELETE FROM session WHERE expires_at < $1";
    PgQuery q;
    pq_init(&q, s, purge);
    pq_int(&q, 1, now);
    int rc = pq_exec(&q, e, "session purge");
    if (rc < 0)
        return rc;
    pq_init(&q, s, sql);
    pq_blob(&q, 1, hash, 32);
    pq_int(&q, 2, user_id);
    pq_text(&q, 3, csrf);
    pq_int(&q, 4, now);
    pq_int(&q, 5, expires_at);
    rc = pq_exec(&q, e, "session add");
    return rc < 0 ? rc : 0;
}

static int pg_session_get(Store *s, Arena *a, const unsigned char hash[32], int64_t now,
                          User *out_user, const char **out_csrf, Err *e)
{
    static const char sql[] =
        "SELECT " USER_COLS ", session.csrf FROM session JOIN \"user\" u ON u.id = "
        "session.user_id WHERE session.token_hash = $1 AND session.expires_at > $2 AND "
        "u.disabled = 0";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_blob(&q, 1, hash, 32);
    pq_int(&q, 2, now);
    int n = pq_run(&q, e, "session get");
    if (n < 0)
        return n;
    if (n > 0) {
        read_user(a, &q, 0, out_user);
        *out_csrf = pq_col_text(a, &q, 0, 10);
    }
    pq_done(&q);
    return n > 0 ? 0
                 : err_set(e, ERR_AUTH, "", "Phiên đăng nhập không hợp lệ hoặc đã hết hạn",
                           "session invalid or expired");
}

static int pg_session_delete(Store *s, const unsigned char hash[32], Err *e)
{
    static const char sql[] = "DELETE FROM session WHERE token_hash = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_blob(&q, 1, hash, 32);
    int rc = pq_exec(&q, e, "session delete");
    return rc < 0 ? rc : 0;
}

static int pg_session_delete_user(Store *s, int64_t user_id, Err *e)
{
    static const char sql[] = "DELETE FROM session WHERE user_id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, user_id);
    int rc = pq_exec(&q, e, "session delete user");
    return rc < 0 ? rc : 0;
}

static int pg_token_add(Store *s, const unsigned char hash[32], const char *name, const char *role,
                        const char *unit, int64_t now, int64_t expires_at, int64_t *out_id, Err *e)
{
    static const char sql[] =
        "INSERT INTO api_token (token_hash, name, role, unit, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5, nullif($6::bigint, 0)) RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_blob(&q, 1, hash, 32);
    pq_text(&q, 2, name);
    pq_text(&q, 3, role);
    pq_text(&q, 4, unit);
    pq_int(&q, 5, now);
    pq_int(&q, 6, expires_at);
    int n = pq_run(&q, e, "token add");
    if (n < 0)
        return n;
    if (out_id)
        *out_id = pq_col_int(&q, 0, 0);
    pq_done(&q);
    return 0;
}

static int pg_token_get(Store *s, Arena *a, const unsigned char hash[32], int64_t now, User *out,
                        Err *e)
{
    static const char sql[] = "SELECT name, role, unit, revoked_at, expires_at FROM api_token "
                              "WHERE token_hash = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_blob(&q, 1, hash, 32);
    int n = pq_run(&q, e, "token get");
    if (n < 0)
        return n;
    if (n == 0) {
        pq_done(&q);
        return err_set(e, ERR_AUTH, "", "Mã truy cập không hợp lệ", "invalid API token");
    }
    int64_t revoked = pq_col_int(&q, 0, 3), expires = pq_col_int(&q, 0, 4);
    User u = {.name = pq_col_text(a, &q, 0, 0),
              .role = pq_col_text(a, &q, 0, 1),
              .unit = pq_col_text(a, &q, 0, 2)};
    pq_done(&q);
    if (revoked)
        return err_set(e, ERR_AUTH, "", "Mã truy cập đã bị thu hồi", "the API token was revoked");
    if (expires && now >= expires)
        return err_set(e, ERR_AUTH, "", "Mã truy cập đã hết hạn", "the API token has expired");
    *out = u;
    return 0;
}

static void read_token(Arena *a, const PgQuery *q, int r, void *v)
{
    ApiToken *t = v;
    t->id = pq_col_int(q, r, 0);
    t->name = pq_col_text(a, q, r, 1);
    t->role = pq_col_text(a, q, r, 2);
    t->unit = pq_col_text(a, q, r, 3);
    t->created_at = pq_col_int(q, r, 4);
    t->expires_at = pq_col_int(q, r, 5);
    t->revoked_at = pq_col_int(q, r, 6);
}

static int pg_token_list(Store *s, Arena *a, const char *under, ApiToken **out, size_t *out_n,
                         Err *e)
{
    static const char sql[] = SUB "SELECT id, name, role, unit, created_at, expires_at, "
                                  "revoked_at FROM api_token WHERE $1::text IS NULL OR unit IN "
                                  "(SELECT code FROM sub) ORDER BY id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    return pq_collect(&q, a, sizeof(ApiToken), read_token, (void **)out, out_n, e, "token list");
}

static int pg_token_set_unit(Store *s, int64_t id, const char *unit, Err *e)
{
    static const char sql[] = "UPDATE api_token SET unit = $2 WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    pq_text(&q, 2, unit);
    int rc = pq_exec(&q, e, "token unit");
    return rc < 0 ? rc : 0;
}

static int pg_token_revoke(Store *s, int64_t id, int64_t now, Err *e)
{
    static const char seen[] =
        "SELECT (revoked_at IS NOT NULL)::int FROM api_token WHERE id = $1 FOR UPDATE";
    static const char sql[] = "UPDATE api_token SET revoked_at = $2 WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, seen);
    pq_int(&q, 1, id);
    int n = pq_run(&q, e, "token revoke");
    if (n < 0)
        return n;
    int revoked = n > 0 && pq_col_int(&q, 0, 0);
    pq_done(&q);
    char number[24];
    snprintf(number, sizeof number, "%lld", (long long)id);
    if (n == 0)
        return err_setf(e, ERR_NOT_FOUND, "token", "Không có mã truy cập số %s", "no API token %s",
                        number);
    if (revoked)
        return err_setf(e, ERR_CONFLICT, "token", "Mã truy cập số %s đã bị thu hồi trước đó",
                        "API token %s was revoked already", number);
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    pq_int(&q, 2, now);
    int rc = pq_exec(&q, e, "token revoke");
    return rc < 0 ? rc : 0;
}

void pg_user_ops(StoreOps *o)
{
    o->user_add = pg_user_add;
    o->user_get = pg_user_get;
    o->user_get_id = pg_user_get_id;
    o->user_set_password = pg_user_set_password;
    o->user_set_disabled = pg_user_set_disabled;
    o->user_set_role = pg_user_set_role;
    o->user_set_profile = pg_user_set_profile;
    o->user_list = pg_user_list;
    o->session_add = pg_session_add;
    o->session_get = pg_session_get;
    o->session_delete = pg_session_delete;
    o->session_delete_user = pg_session_delete_user;
    o->token_add = pg_token_add;
    o->token_get = pg_token_get;
    o->token_list = pg_token_list;
    o->token_revoke = pg_token_revoke;
    o->token_set_unit = pg_token_set_unit;
}
