/* devices.c: the counter devices that take citizens' ratings (app/devices.h), managed by
 * administrators within their units: GET /api/v1/devices (those in use), POST
 * /api/v1/devices {name, unit, counter} (registers one, at a queue counter when given, and
 * answers its token, this once) and DELETE /api/v1/devices/{id} (takes one out of use). A device
 * posts ratings to POST /api/v1/ratings with its token in X-Device-Token (api/lookup.c). */
#include "web/api/api.h"

#include "app/devices.h"
#include "web/actions.h"
#include "web/auth.h"

#include <errno.h>
#include <stdlib.h>

static json_t *device_json(Request *req, const Device *d)
{
    QueueCounter c;
    Err ignored;
    Store *s = req_store(req);
    int at =
        d->counter && s && store_queue_counter_by_id(s, req->arena, d->counter, &c, &ignored) == 0;
    return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s?}", "id", (json_int_t)d->id, "name", d->name,
                     "unit", d->unit, "created_by", d->created_by, "created_at",
                     (json_int_t)d->created_at, "counter", at ? c.code : NULL);
}

int api_devices_list(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    Store *s = req_store(req);
    Device *ds;
    size_t n;
    if (rc < 0 || !s ||
        (rc = store_device_list(s, req->arena, req->who.unit, &ds, &n, &req->err)) < 0)
        return rc < 0 ? rc : req->err.code;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, device_json(req, &ds[i]));
    res_json(res, 200, json_pack("{s:o}", "devices", arr));
    return 0;
}

int api_devices_add(Request *req, Response *res)
{
    DeviceNew nd = {.arena = req->arena, .by = req->who.name, .now = req_now(req)};
    json_t *o;
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    if (rc < 0 || (rc = req_json(req, &o)) < 0)
        return rc;
    static const char *const keys[] = {"name", "unit", "counter", NULL};
    if ((rc = jsonv_only(o, keys, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "name", 1, 128, &nd.name, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "unit", 0, 64, &nd.unit, &req->err)) == 0)
        rc = jsonv_str(req->arena, o, "counter", 0, 32, &nd.counter, &req->err);
    json_decref(o);
    if (rc < 0)
        return rc;
    QueueCounter c;
    Store *s = req_store(req);
    if (!nd.unit && nd.counter && s && /* a counter's device is of the counter's unit */
        store_queue_counter_get(s, req->arena, nd.counter, &c, &req->err) == 0)
        nd.unit = c.unit;
    if (!nd.unit)
        nd.unit = req->who.unit;
    if ((rc = auth_require(req, PERM_USER_MANAGE, nd.unit)) < 0 ||
        (rc = req_write(req, actions_write_device, &nd)) < 0)
        return rc;
    json_t *out = device_json(req, &nd.out);
    json_object_set_new(out, "token", json_string(nd.token)); /* shown this once */
    res_json(res, 201, out);
    return 0;
}

int api_devices_delete(Request *req, Response *res)
{
    char *end;
    errno = 0;
    long long id = strtoll(req->params[0], &end, 10);
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    if (rc < 0)
        return rc;
    Store *s = req_store(req);
    Device d;
    if (errno || *end || id <= 0 || !s || store_device_get(s, req->arena, id, &d, &req->err) < 0 ||
        auth_require(req, PERM_USER_MANAGE, d.unit) < 0) /* another unit's: as if none */
        return req_fail(req, ERR_NOT_FOUND, "id", "Không có thiết bị này", "no such device");
    DeviceRevoke r = {id, req_now(req)};
    if ((rc = req_write(req, actions_write_device_revoke, &r)) < 0)
        return rc;
    res_json(res, 200, json_pack("{s:b}", "ok", 1));
    return 0;
}
