/* catalogue.c: the public catalogue: GET /api/v1/catalogue/units, /fields, /procedures
 * (?q= searches names and codes with or without Vietnamese diacritics, either i/y spelling,
 * its words in any order: vntext_search_key; ?field=, ?limit=)
 * and /procedures/{code}; the interconnected groups: /chains and /chains/{code}. */
#include "web/api/api.h"

#include "core/vntext.h"
#include "io/interchange.h"

#include <stdlib.h>
#include <string.h>

enum { DEFAULT_LIMIT = 50, MAX_LIMIT = 500 };

int api_catalogue_units(Request *req, Response *res)
{
    Store *s = req_store(req);
    Unit *units;
    size_t n;
    if (!s)
        return req->err.code;
    int rc = store_unit_list(s, req->arena, &units, &n, &req->err);
    if (rc < 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, interchange_unit_json(&units[i], 0));
    res_json(res, 200, json_pack("{s:o}", "units", arr));
    return 0;
}

int api_catalogue_fields(Request *req, Response *res)
{
    Store *s = req_store(req);
    Field *fields;
    size_t n;
    if (!s)
        return req->err.code;
    int rc = store_field_list(s, req->arena, &fields, &n, &req->err);
    if (rc < 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, interchange_field_json(&fields[i], 0));
    res_json(res, 200, json_pack("{s:o}", "fields", arr));
    return 0;
}
int api_catalogue_procedures(Request *req, Response *res)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    int64_t limit = DEFAULT_LIMIT;
    int rc = req_query_int(req, "limit", 1, MAX_LIMIT, &limit);
    if (rc < 0)
        return rc;
    const char *q = req_query(req, "q"), *field = req_query(req, "field");
    if (q && strlen(q) > 200)
        return req_fail(req, ERR_INVALID, "q", "Từ khóa tìm kiếm quá dài (tối đa 200 byte)",
                        "search text too long (200 bytes at most)");
    const char *folded = q ? vntext_search_key(req->arena, q, strlen(q)) : NULL;
    Procedure *ps;
    size_t n;
    if ((rc = store_procedure_search(s, req->arena, folded, field, (size_t)limit, &ps, &n,
                                     &req->err)) < 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, interchange_procedure_json(&ps[i], 0));
    res_json(res, 200, json_pack("{s:o}", "procedures", arr));
    return 0;
}

int api_catalogue_procedure(Request *req, Response *res)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Procedure p;
    int rc = store_procedure_get(s, req->arena, req->params[0], &p, &req->err);
    if (rc < 0)
        return rc;
    res_json(res, 200, interchange_procedure_json(&p, 0));
    return 0;
}

int api_catalogue_chains(Request *req, Response *res)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Chain *cs;
    size_t n;
    int rc = store_chain_list(s, req->arena, &cs, &n, &req->err);
    if (rc < 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, interchange_chain_json(&cs[i], 0));
    res_json(res, 200, json_pack("{s:o}", "chains", arr));
    return 0;
}

int api_catalogue_chain(Request *req, Response *res)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Chain c;
    int rc = store_chain_get(s, req->arena, req->params[0], &c, &req->err);
    if (rc < 0)
        return rc;
    res_json(res, 200, interchange_chain_json(&c, 0));
    return 0;
}
