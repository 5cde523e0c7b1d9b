/* session.c: POST/GET/DELETE /api/v1/session (officer login, who am I, logout) and
 * POST /api/v1/session/password (change one's own password). */
#include "web/api/api.h"

#include "app/accounts.h"
#include "web/auth.h"

#include <string.h>

static json_t *who_json(const Principal *who)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "username", who->name, "role",
                     access_role_name(who->role), "role_label", access_role_label(who->role),
                     "unit", who->unit);
}

int api_session_login(Request *req, Response *res)
{
    json_t *o;
    int rc = req_json(req, &o);
    if (rc < 0)
        return rc;
    static const char *const keys[] = {"username", "password", NULL};
    const char *username, *password;
    if ((rc = jsonv_only(o, keys, &req->err)) < 0 ||
        (rc = jsonv_str(req->arena, o, "username", 1, 64, &username, &req->err)) < 0 ||
        (rc = jsonv_str(req->arena, o, "password", 1, 256, &password, &req->err)) < 0) {
        json_decref(o);
        return rc;
    }
    json_decref(o);
    const char *cookie, *csrf;
    if ((rc = auth_login(req, username, password, &cookie, &csrf)) < 0)
        return rc;
    res_header(res, "Set-Cookie", auth_cookie_header(req, cookie));
    res_json(res, 200, json_pack("{s:s, s:o}", "csrf", csrf, "user", who_json(&req->who)));
    return 0;
}

int api_session_get(Request *req, Response *res)
{
    if (!req->who.via_session)
        return req_fail(req, ERR_AUTH, "", "Chưa đăng nhập", "not logged in");
    res_json(res, 200, json_pack("{s:s, s:o}", "csrf", req->who.csrf, "user", who_json(&req->who)));
    return 0;
}

int api_session_logout(Request *req, Response *res)
{
    int rc = auth_logout(req);
    if (rc < 0)
        return rc;
    res_header(res, "Set-Cookie", auth_cookie_header(req, NULL));
    res_json(res, 200, json_pack("{s:b}", "ok", 1));
    return 0;
}

typedef struct PasswordChange {
    const char *name, *password;
    int64_t now;
} PasswordChange;

static int write_password(Store *s, void *ctx, Err *e)
{
    PasswordChange *pc = ctx;
    return accounts_set_password(s, pc->name, pc->password, pc->now, e);
}

int api_session_password(Request *req, Response *res)
{
    if (!req->who.via_session)
        return req_fail(req, ERR_AUTH, "", "Chưa đăng nhập", "not logged in");
    json_t *o;
    int rc = req_json(req, &o);
    if (rc < 0)
        return rc;
    static const char *const keys[] = {"old_password", "new_password", NULL};
    const char *old_pw, *new_pw;
    rc = jsonv_only(o, keys, &req->err);
    if (rc == 0)
        rc = jsonv_str(req->arena, o, "old_password", 1, 256, &old_pw, &req->err);
    if (rc == 0)
        rc = jsonv_str(req->arena, o, "new_password", 1, 256, &new_pw, &req->err);
    json_decref(o);
    if (rc < 0)
        return rc;
    if ((rc = auth_check_password(req, old_pw)) < 0)
        return rc;
    PasswordChange pc = {req->who.name, new_pw, req_now(req)};
    if ((rc = req_write(req, write_password, &pc)) < 0)
        return rc;
    /* every session of the user ended, this one included */
    res_header(res, "Set-Cookie", auth_cookie_header(req, NULL));
    res_json(res, 200, json_pack("{s:b}", "ok", 1));
    return 0;
}
