/* lookup.c: what the public sees of a dossier: GET /api/v1/lookup?code=&key= (status with
 * personal data masked, history without officer names) and POST /api/v1/ratings (the
 * citizen's satisfaction rating: with the look-up key printed on Mẫu 01, or on a counter
 * device an administrator registered, X-Device-Token). The look-up, masking, key check and
 * throttling live in web/publicview.c, shared with the citizen's pages; this file only reads
 * JSON and writes JSON. */
#include "web/api/api.h"

#include "app/devices.h"
#include "web/publicview.h"

int api_lookup(Request *req, Response *res)
{
    PublicView v;
    int rc = publicview_lookup(req, req_query(req, "code"), req_query(req, "key"), &v);
    if (rc < 0)
        return rc;
    res_json(res, 200, publicview_json(&v, req_now(req)));
    return 0;
}

int api_ratings(Request *req, Response *res)
{
    /* a counter device the admin registered rates for the citizen in front of it, without the
     * key; anyone else gives the look-up key */
    const char *token = req_header(req, "X-Device-Token");
    Device device;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    int rc = token ? devices_find(s, req->arena, token, &device, &req->err) : 0;
    json_t *o;
    if (rc < 0 || (rc = req_json(req, &o)) < 0)
        return rc;
    static const char *const keys[] = {"code", "key", "level", "comment", NULL};
    const char *code = NULL, *key = NULL, *level = NULL;
    if ((rc = jsonv_only(o, keys, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "code", 1, 64, &code, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "key", !token, 16, &key, &req->err)) == 0) {
        /* the rest is an ordinary rate event */
        json_object_del(o, "code");
        json_object_del(o, "key");
        rc = publicview_rate(req, code, key, token ? &device : NULL, o, &code, &level);
    }
    json_decref(o);
    if (rc < 0)
        return rc;
    res_json(res, 201, json_pack("{s:s, s:s}", "code", code, "level", level));
    return 0;
}
