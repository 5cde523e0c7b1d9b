/* reports.c: GET /api/v1/reports/official (?from=&to= | ?period=&cutoff=, &unit=, &by=,
 * &format=json|csv|csv-excel|xlsx), GET /api/v1/reports/indicators (the Decision 766 indicators
 * alone) and GET /api/v1/reports/officers (per-officer figures for the yearly evaluation of
 * civil servants: dossiers resolved by timeliness and their ratings). Leaders see their unit and
 * the units below it (core/access). */
#include "web/api/api.h"

#include "io/report_out.h"
#include "io/xlsx.h"
#include "app/reports.h"
#include "util/timefmt.h"
#include "web/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* build reads the query, checks scope and computes the report. */
static int build(Request *req, Report *out)
{
    const char *unit = req_query(req, "unit");
    int rc = auth_require(req, PERM_REPORT_READ, unit);
    if (rc < 0)
        return rc;
    ReportQuery q;
    if ((rc = reports_query(req_query(req, "from"), req_query(req, "to"), req_query(req, "period"),
                            req_query(req, "cutoff"), unit ? unit : req->who.unit,
                            req_query(req, "by"), &q, &req->err)) < 0 ||
        (rc = reports_units(req_query(req, "units"), &q, &req->err)) < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    return reports_build(s, req->arena, &q, req_now(req), out, &req->err);
}

int api_send_xlsx(Request *req, Response *res,
                  int (*write)(const void *ctx, const char *path, Err *e), const void *ctx,
                  const char *filename)
{
    char path[] = "/tmp/motcua-report-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return req_fail(req, ERR_IO, "", "Không tạo được tệp tạm", "cannot create a temp file");
    close(fd);
    int rc = write(ctx, path, &req->err);
    FILE *f = rc == 0 ? fopen(path, "rb") : NULL;
    if (rc == 0 && !f)
        rc = req_fail(req, ERR_IO, "", "Không đọc được tệp báo cáo", "cannot read the report");
    if (f) {
        StrBuf sb;
        sb_init(&sb, 64 * 1024 * 1024);
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            sb_append(&sb, buf, n);
        fclose(f);
        res_text(res, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 sb.data ? sb.data : "", sb.len);
        res_header(res, "Content-Disposition",
                   arena_printf(req->arena, "attachment; filename=\"%s\"", filename));
        sb_free(&sb);
    }
    unlink(path);
    return rc;
}

static int write_report(const void *ctx, const char *path, Err *e)
{
    return xlsx_report(ctx, path, e);
}

int api_reports_official(Request *req, Response *res)
{
    const char *format = req_query(req, "format");
    int excel = format && strcmp(format, "csv-excel") == 0;
    if (format && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 && !excel &&
        strcmp(format, "xlsx") != 0)
        return req_fail(req, ERR_INVALID, "format", "format phải là json, csv, csv-excel hoặc xlsx",
                        "format must be json, csv, csv-excel or xlsx");
    Report r;
    int rc = build(req, &r);
    if (rc < 0)
        return rc;
    if (format && (excel || strcmp(format, "csv") == 0)) {
        StrBuf sb;
        sb_init(&sb, 0);
        report_csv(&sb, &r, excel ? REPORT_CSV_EXCEL : REPORT_CSV_PLAIN);
        res_text(res, 200, "text/csv; charset=utf-8", sb.data ? sb.data : "", sb.len);
        res_header(res, "Content-Disposition", "attachment; filename=\"bao-cao-bieu-06.csv\"");
        sb_free(&sb);
        return 0;
    }
    if (format && strcmp(format, "xlsx") == 0)
        return api_send_xlsx(req, res, write_report, &r, "bao-cao-bieu-06.xlsx");
    res_json(res, 200, report_json(&r));
    return 0;
}

int api_reports_indicators(Request *req, Response *res)
{
    Report r;
    int rc = build(req, &r);
    if (rc < 0)
        return rc;
    json_t *full = report_json(&r);
    json_t *o = json_pack("{s:O, s:O, s:O, s:O}", "from", json_object_get(full, "from"), "to",
                          json_object_get(full, "to"), "unit", json_object_get(full, "unit"),
                          "indicators", json_object_get(full, "indicators"));
    json_decref(full);
    res_json(res, 200, o);
    return 0;
}

int api_reports_officers(Request *req, Response *res)
{
    const char *unit = req_query(req, "unit");
    int rc = auth_require(req, PERM_REPORT_READ, unit);
    if (rc < 0)
        return rc;
    ReportQuery q;
    if ((rc = reports_query(req_query(req, "from"), req_query(req, "to"), req_query(req, "period"),
                            req_query(req, "cutoff"), unit ? unit : req->who.unit, NULL, &q,
                            &req->err)) < 0 ||
        (rc = reports_units(req_query(req, "units"), &q, &req->err)) < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    OfficerRow *rows;
    size_t n;
    bool current = reports_current(&q, req_now(req));
    if ((rc = store_stat_officers(s, req->arena, q.unit, current, q.from, q.to, &rows, &n,
                                  &req->err)) < 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const int64_t *v = rows[i].v;
        int64_t resolved = v[OFFICER_EARLY] + v[OFFICER_ON_TIME] + v[OFFICER_LATE];
        json_array_append_new(
            arr,
            json_pack("{s:s, s:I, s:I, s:I, s:I, s:f, s:I, s:I, s:f}", "officer", rows[i].officer,
                      "resolved", (json_int_t)resolved, "early", (json_int_t)v[OFFICER_EARLY],
                      "on_time", (json_int_t)v[OFFICER_ON_TIME], "late",
                      (json_int_t)v[OFFICER_LATE], "on_time_rate",
                      stats_ratio_x100(v[OFFICER_EARLY] + v[OFFICER_ON_TIME], resolved) / 100.0,
                      "ratings", (json_int_t)v[OFFICER_RATE_TOTAL], "satisfied",
                      (json_int_t)v[OFFICER_RATE_GOOD], "satisfaction_rate",
                      stats_ratio_x100(v[OFFICER_RATE_GOOD], v[OFFICER_RATE_TOTAL]) / 100.0));
    }
    json_t *full = json_object();
    char from[11], to[11];
    timefmt_format_date(q.from, from, sizeof from);
    timefmt_format_date(q.to, to, sizeof to);
    json_object_set_new(full, "from", json_string(from));
    json_object_set_new(full, "to", json_string(to));
    json_object_set_new(full, "unit", q.unit ? json_string(q.unit) : json_null());
    json_object_set_new(full, "units", json_string(current ? "current" : "historical"));
    json_object_set_new(full, "officers", arr);
    res_json(res, 200, full);
    return 0;
}
