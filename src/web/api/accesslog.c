/* accesslog.c: GET /api/v1/access-log?unit=&from=&to=&cursor= (the access log of personal-data
 * views for leaders and admins, within their units, newest first; web/accesslog.h). */
#include "web/api/api.h"

#include "app/record.h"
#include "web/accesslog.h"

int api_access_log(Request *req, Response *res)
{
    static const AccessParams params = {"unit", "from", "to", "cursor"};
    AccessQuery q;
    int rc = accesslog_read(req, &params, &q);
    if (rc < 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < q.n; i++) {
        const AccessEntry *v = &q.rows[i];
        json_t *o = json_pack("{s:I, s:o, s:s, s:s?, s:s?, s:s?, s:s, s:s?, s:s?}", "id",
                              (json_int_t)v->id, "at", record_instant(v->at), "who", v->who, "ip",
                              v->ip, "unit", v->unit, "dossier", v->dossier_code, "what", v->what,
                              "query", v->query, "reason", v->why);
        json_object_set_new(o, "rows", v->dossier ? json_null() : json_integer(v->rows));
        json_array_append_new(arr, o);
    }
    json_t *o = json_pack("{s:o}", "entries", arr);
    if (q.next)
        json_object_set_new(o, "next_cursor", json_integer(q.next));
    res_json(res, 200, o);
    return 0;
}
