/* calendar.c: GET /api/v1/calendar/{year} (?unit=: that unit's calendar; public), PUT
 * /api/v1/calendar/{year} (a provincial admin loads the year's official schedule as TSV
 * text: {"tsv": "..."}) and PUT /api/v1/units/{code}/windows (an admin sets a unit's weekly
 * counter hours: {"windows": {"mon": "07:00-11:30,13:30-17:00", ...}}). */
#include "web/api/api.h"

#include "io/calendar_json.h"
#include "app/calendars.h"
#include "web/actions.h"
#include "web/auth.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int parse_year(Request *req, int *out)
{
    char *end;
    errno = 0;
    long y = strtol(req->params[0], &end, 10);
    if (errno || *end || y < CALENDAR_MIN_YEAR || y > CALENDAR_MAX_YEAR)
        return req_fail(req, ERR_INVALID, "year", "Năm phải từ 1900 đến 2199",
                        "year must be between 1900 and 2199");
    *out = (int)y;
    return 0;
}

int api_calendar_get(Request *req, Response *res)
{
    int year, rc;
    if ((rc = parse_year(req, &year)) < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    const char *unit = req_query(req, "unit");
    if (unit) {
        Unit u;
        if ((rc = store_unit_get(s, req->arena, unit, &u, &req->err)) < 0)
            return rc;
    }
    Calendar cal;
    if ((rc = calendars_load(s, unit, &cal, &req->err)) < 0)
        return rc;
    json_t *doc = calendar_year_json(&cal, year, &req->err);
    calendar_free(&cal);
    if (!doc)
        return req->err.code;
    res_json(res, 200, doc);
    res_header(res, "Cache-Control", "public, max-age=300");
    return 0;
}

/* require_province_admin: holiday schedules are province-wide. */
static int require_province_admin(Request *req)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    if (rc < 0)
        return rc;
    Unit u;
    if ((rc = store_unit_get(req_store(req), req->arena, req->who.unit, &u, &req->err)) < 0)
        return rc;
    if (strcmp(u.level, "province") != 0)
        return req_fail(req, ERR_FORBIDDEN, "unit",
                        "Chỉ quản trị cấp tỉnh được nạp lịch nghỉ của năm",
                        "only a provincial admin may load a year's holiday schedule");
    return 0;
}

int api_calendar_put(Request *req, Response *res)
{
    YearLoad y = {.by = NULL};
    int rc;
    if ((rc = parse_year(req, &y.year)) < 0 || (rc = require_province_admin(req)) < 0)
        return rc;
    json_t *o;
    if ((rc = req_json(req, &o)) < 0)
        return rc;
    static const char *const keys[] = {"tsv", NULL};
    if ((rc = jsonv_only(o, keys, &req->err)) == 0)
        rc = jsonv_text(req->arena, o, "tsv", 1, 256 * 1024, &y.tsv, &req->err);
    json_decref(o);
    if (rc < 0)
        return rc;
    y.by = req->who.name;
    y.now = req_now(req);
    if ((rc = req_write(req, actions_write_year, &y)) < 0)
        return rc;
    return api_calendar_get(req, res);
}

int api_unit_windows_put(Request *req, Response *res)
{
    static const char *const days[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    static const char *const keys[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", NULL};
    static const char *const top[] = {"windows", NULL};
    WindowsSet w = {.unit = req->params[0]};
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, w.unit);
    if (rc < 0)
        return rc;
    json_t *o;
    if ((rc = req_json(req, &o)) < 0)
        return rc;
    json_t *win = json_object_get(o, "windows");
    if ((rc = jsonv_only(o, top, &req->err)) == 0 && !json_is_object(win))
        rc = req_fail(req, ERR_INVALID, "windows",
                      "Trường windows phải là đối tượng theo thứ (mon, tue, ...)",
                      "windows must be an object keyed by weekday (mon, tue, ...)");
    if (rc == 0)
        rc = jsonv_only(win, keys, &req->err);
    for (int d = 0; rc == 0 && d < 7; d++)
        rc = jsonv_str(req->arena, win, days[d], 0, 200, &w.specs[d], &req->err);
    json_decref(o);
    if (rc < 0 || (rc = req_write(req, actions_write_windows, &w)) < 0)
        return rc;
    json_t *out = json_object();
    for (int d = 0; d < 7; d++)
        json_object_set_new(out, days[d], json_string(w.specs[d] ? w.specs[d] : ""));
    res_json(res, 200, json_pack("{s:s, s:o}", "unit", w.unit, "windows", out));
    return 0;
}
