/* users.c: officer accounts for administrators: GET /api/v1/users (?unit=), POST
 * /api/v1/users (with the full name, title and phone the printed forms show), POST
 * /api/v1/users/{name}/password. An admin acts within their unit and the units below it
 * (core/access). */
#include "web/api/api.h"

#include "app/accounts.h"
#include "web/actions.h"
#include "web/auth.h"

static json_t *user_json(const User *u)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:b, s:s?, s:s?, s:s?}", "username", u->name, "role",
                     u->role, "role_label", access_role_label(access_role_parse(u->role)), "unit",
                     u->unit, "disabled", u->disabled, "full_name", u->full_name, "title", u->title,
                     "phone", u->phone);
}

int api_users_list(Request *req, Response *res)
{
    const char *unit = req_query(req, "unit");
    int rc = auth_require(req, PERM_USER_MANAGE, unit);
    if (rc < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    User *users;
    size_t n;
    if ((rc = store_user_list(s, req->arena, unit ? unit : req->who.unit, &users, &n, &req->err)) <
        0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, user_json(&users[i]));
    res_json(res, 200, json_pack("{s:o}", "users", arr));
    return 0;
}

int api_users_add(Request *req, Response *res)
{
    json_t *o;
    int rc = req_json(req, &o);
    if (rc < 0)
        return rc;
    static const char *const keys[] = {"username",  "role",  "unit",  "password",
                                       "full_name", "title", "phone", NULL};
    NewUser u = {.now = req_now(req)};
    Err *e = &req->err;
    if ((rc = jsonv_only(o, keys, e)) == 0 &&
        (rc = jsonv_str(req->arena, o, "username", 1, 64, &u.name, e)) == 0 &&
        (rc = jsonv_str(req->arena, o, "role", 1, 32, &u.role, e)) == 0 &&
        (rc = jsonv_str(req->arena, o, "unit", 1, 64, &u.unit, e)) == 0 &&
        (rc = jsonv_str(req->arena, o, "full_name", 0, 200, &u.profile.full_name, e)) == 0 &&
        (rc = jsonv_str(req->arena, o, "title", 0, 200, &u.profile.title, e)) == 0 &&
        (rc = jsonv_str(req->arena, o, "phone", 0, 20, &u.profile.phone, e)) == 0)
        rc = jsonv_str(req->arena, o, "password", 1, 256, &u.password, e);
    json_decref(o);
    if (rc < 0)
        return rc;
    if ((rc = auth_require(req, PERM_USER_MANAGE, u.unit)) < 0)
        return rc;
    if ((rc = req_write(req, actions_write_user, &u)) < 0)
        return rc;
    User created;
    if ((rc = store_user_get(req_store(req), req->arena, u.name, &created, &req->err)) < 0)
        return rc;
    res_json(res, 201, user_json(&created));
    return 0;
}

int api_users_password(Request *req, Response *res)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    User target;
    int rc = store_user_get(s, req->arena, req->params[0], &target, &req->err);
    if (rc == ERR_NOT_FOUND && req->who.role == ROLE_NONE)
        rc = auth_require(req, PERM_USER_MANAGE, NULL); /* do not reveal names to the public */
    if (rc < 0)
        return rc;
    if ((rc = auth_require(req, PERM_USER_MANAGE, target.unit)) < 0)
        return rc;
    json_t *o;
    if ((rc = req_json(req, &o)) < 0)
        return rc;
    static const char *const keys[] = {"password", NULL};
    PasswordReset pr = {.name = target.name, .now = req_now(req)};
    if ((rc = jsonv_only(o, keys, &req->err)) == 0)
        rc = jsonv_str(req->arena, o, "password", 1, 256, &pr.password, &req->err);
    json_decref(o);
    if (rc < 0 || (rc = req_write(req, actions_write_password, &pr)) < 0)
        return rc;
    res_json(res, 200, json_pack("{s:b}", "ok", 1));
    return 0;
}
