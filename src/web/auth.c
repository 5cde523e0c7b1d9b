/* auth.c: sessions, bearer tokens, CSRF and the permission check (see auth.h). Dependencies
 * point down: the server and the handlers -> auth -> form, throttle, http; auth calls neither
 * the server nor a page. */
#include "web/auth.h"

#include "util/secret.h"
#include "web/form.h"
#include "web/throttle.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* A hash to verify against when the user does not exist, so that an unknown name takes
 * as long as a wrong password and names cannot be enumerated by timing. */
static char dummy_hash[SECRET_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    char pw[SECRET_TOKEN_LEN + 1];
    secret_token(pw);
    if (secret_hash_password(pw, dummy_hash) < 0)
        dummy_hash[0] = '\0';
}

int auth_identify(Request *req)
{
    Principal *who = &req->who;
    memset(who, 0, sizeof *who);
    who->role = ROLE_NONE;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    const char *authz = req_header(req, "Authorization");
    if (authz) {
        if (strncmp(authz, "Bearer ", 7) != 0)
            return req_fail(req, ERR_AUTH, "Authorization",
                            "Tiêu đề Authorization phải có dạng Bearer <mã truy cập>",
                            "Authorization must be 'Bearer <token>'");
        const char *token = authz + 7;
        unsigned char hash[32];
        secret_sha256(token, strlen(token), hash);
        User u;
        Err why; /* unknown, revoked or expired: said so */
        if (store_token_get(s, req->arena, hash, req_now(req), &u, &why) < 0)
            return why.code == ERR_AUTH
                       ? req_fail(req, ERR_AUTH, "Authorization", why.message, why.message_en)
                       : req_fail(req, why.code, "", why.message, why.message_en);
        who->role = access_role_parse(u.role);
        who->name = u.name;
        who->unit = u.unit;
        return 0;
    }
    const char *cookie = req_cookie(req, AUTH_COOKIE);
    if (!cookie)
        return 0;
    unsigned char hash[32];
    secret_sha256(cookie, strlen(cookie), hash);
    User u;
    const char *csrf;
    Err ignored;
    if (store_session_get(s, req->arena, hash, req_now(req), &u, &csrf, &ignored) < 0)
        return 0; /* expired or unknown: anonymous */
    who->role = access_role_parse(u.role);
    who->user_id = u.id;
    who->name = u.name;
    who->unit = u.unit;
    who->csrf = csrf;
    who->via_session = 1;
    memcpy(who->session_hash, hash, 32);
    return 0;
}

int auth_check_csrf(Request *req)
{
    const char *token = req_header(req, AUTH_CSRF_HEADER);
    if (!token) { /* HTML forms carry it as a hidden field; a broken form is a 400 */
        int rc = form_parse(req);
        if (rc < 0)
            return rc;
        token = form_get(req, "csrf");
    }
    if (token && req->who.csrf && secret_equal(token, req->who.csrf))
        return 0;
    return req_fail(req, ERR_FORBIDDEN, AUTH_CSRF_HEADER,
                    "Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF); hãy tải lại trang",
                    "missing or wrong CSRF token");
}

int auth_require_dossier(Request *req, Permission perm, const Dossier *d)
{
    if (auth_require(req, perm, d->p.current_unit) == 0)
        return 0;
    int rc = auth_require(req, perm, d->unit);
    if (rc == 0)
        err_clear(&req->err); /* the first check's refusal does not stand */
    return rc;
}

int auth_require_login(Request *req)
{
    int rc = auth_identify(req);
    if (rc == 0 && req->who.role == ROLE_NONE)
        rc = req_fail(req, ERR_AUTH, "", "Cần đăng nhập", "login required");
    return rc;
}

int auth_require(Request *req, Permission perm, const char *unit)
{
    const Principal *who = &req->who;
    if (who->role == ROLE_NONE) {
        if (access_allows(ROLE_NONE, perm, UNIT_OUTSIDE))
            return 0;
        return req_fail(req, ERR_AUTH, "", "Cần đăng nhập", "login required");
    }
    UnitRelation where = UNIT_SAME;
    if (unit && strcmp(unit, who->unit) != 0) {
        int below = 0;
        Store *s = req_store(req);
        if (!s || store_unit_within(s, unit, who->unit, &below, &req->err) < 0)
            return req->err.code ? req->err.code : ERR_UNAVAILABLE;
        where = below ? UNIT_BELOW : UNIT_OUTSIDE;
    }
    if (access_allows(who->role, perm, where))
        return 0;
    if (where == UNIT_OUTSIDE && access_allows(who->role, perm, UNIT_SAME))
        return req_fail(req, ERR_FORBIDDEN, "unit", "Không có quyền với đơn vị này",
                        "not allowed outside your unit");
    return req_fail(req, ERR_FORBIDDEN, "", "Vai trò của bạn không được thực hiện thao tác này",
                    "your role may not do this");
}

typedef struct NewSession {
    unsigned char hash[32];
    int64_t user_id, now;
    const char *csrf;
} NewSession;

static int write_session(Store *s, void *ctx, Err *e)
{
    NewSession *ns = ctx;
    return store_session_add(s, ns->hash, ns->user_id, ns->csrf, ns->now,
                             ns->now + AUTH_SESSION_SECONDS, e);
}

static int too_many(Request *req, int64_t wait)
{
    req->retry_after = wait;
    return req_fail(req, ERR_THROTTLED, "",
                    "Đăng nhập sai quá nhiều lần; vui lòng thử lại sau ít phút",
                    "too many failed logins; try again later");
}

/* Guard: the failure counters one password check consults: the name from this address (so
 * that someone guessing elsewhere cannot lock its owner out) and the address overall. */
typedef struct Guard {
    Throttle *by_user, *by_ip;
    char user_key[160];
    int64_t now;
} Guard;

/* guard_begin fills g for a check of username's password from this request's address;
 * ERR_THROTTLED (Retry-After set) when either counter is full. */
static int guard_begin(Request *req, const char *username, Guard *g)
{
    g->by_user = req_throttle(req, THROTTLE_LOGIN_USER);
    g->by_ip = req_throttle(req, THROTTLE_LOGIN_IP);
    g->now = req_now(req);
    snprintf(g->user_key, sizeof g->user_key, "u:%s|%s", req->client_ip, username);
    int64_t wait;
    if ((wait = throttle_blocked(g->by_user, g->user_key, g->now)) > 0 ||
        (wait = throttle_blocked(g->by_ip, req->client_ip, g->now)) > 0)
        return too_many(req, wait);
    return 0;
}

/* guard_end counts a failed check, or forgets the name's failures from here after a good one. */
static void guard_end(Request *req, Guard *g, int ok)
{
    if (ok) {
        throttle_reset(g->by_user, g->user_key);
        return;
    }
    throttle_fail(g->by_user, g->user_key, g->now);
    throttle_fail(g->by_ip, req->client_ip, g->now);
}

/* verify checks name's password under the guard of name from this address: *out_ok says
 * whether it is right (an unknown or disabled name never is, and takes as long), *out (when
 * right) gets the user. Fails only when throttled or the store fails. */
static int verify(Request *req, const char *name, const char *password, User *out, int *out_ok)
{
    Guard g;
    int rc = guard_begin(req, name, &g);
    if (rc < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Err lookup;
    int found = store_user_get(s, req->arena, name, out, &lookup) == 0;
    if (!found && lookup.code != ERR_NOT_FOUND) {
        req->err = lookup;
        return lookup.code;
    }
    pthread_once(&dummy_once, make_dummy);
    *out_ok = password &&
              secret_verify_password(found ? out->password_hash : dummy_hash, password) && found &&
              !out->disabled;
    guard_end(req, &g, *out_ok);
    return 0;
}

int auth_login(Request *req, const char *username, const char *password, const char **out_cookie,
               const char **out_csrf)
{
    User u;
    int ok, rc = verify(req, username, password, &u, &ok);
    if (rc < 0)
        return rc;
    if (!ok)
        return req_fail(req, ERR_AUTH, "password", "Sai tên đăng nhập hoặc mật khẩu",
                        "wrong user name or password");
    char token[SECRET_TOKEN_LEN + 1], csrf[SECRET_TOKEN_LEN + 1];
    secret_token(token);
    secret_token(csrf);
    NewSession ns = {.user_id = u.id, .now = req_now(req), .csrf = csrf};
    secret_sha256(token, strlen(token), ns.hash);
    if ((rc = req_write(req, write_session, &ns)) < 0)
        return rc;
    req->who.role = access_role_parse(u.role);
    req->who.user_id = u.id;
    req->who.name = u.name;
    req->who.unit = u.unit;
    *out_cookie = arena_strdup(req->arena, token);
    *out_csrf = arena_strdup(req->arena, csrf);
    return 0;
}

int auth_check_password(Request *req, const char *password)
{
    User u;
    int ok, rc = verify(req, req->who.name, password, &u, &ok);
    if (rc < 0)
        return rc;
    return ok ? 0
              : req_fail(req, ERR_SEMANTIC, "old_password", "Mật khẩu hiện tại không đúng",
                         "the current password is wrong");
}

static int delete_session(Store *s, void *ctx, Err *e)
{
    return store_session_delete(s, ctx, e);
}

int auth_logout(Request *req)
{
    if (!req->who.via_session)
        return req_fail(req, ERR_AUTH, "", "Chưa đăng nhập", "not logged in");
    return req_write(req, delete_session, req->who.session_hash);
}

const char *auth_cookie_header(Request *req, const char *token)
{
    const char *proto = req_header(req, "X-Forwarded-Proto");
    const char *secure = proto && strcmp(proto, "https") == 0 ? "; Secure" : "";
    if (!token)
        return arena_printf(
            req->arena, AUTH_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s", secure);
    return arena_printf(req->arena,
                        AUTH_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", token,
                        AUTH_SESSION_SECONDS, secure);
}
