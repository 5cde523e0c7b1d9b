/* portal.c: the leaders' reconciliation with the national portal (GET /doi-soat-cong?from=
 * &to=&unit=): for the dossiers received in the period by the unit and below, per status and
 * per 766 indicator motcua's count and the portal's (its look-up call), and each dossier that
 * differs, by code, with the first field that does (app/portal.h, docs/PORTAL.md §5). A
 * figure that differs is a list of dossiers to fix. */
#include "web/pages/pages.h"

#include "app/portal.h"
#include "io/portal_client.h"
#include "web/auth.h"
#include "web/pages/layout.h"

#include <string.h>

enum { PAGE_TRIES = 5 }; /* a leader waits four seconds at most for a portal that fails */

/* day_param reads the query parameter name (YYYY-MM-DD), or fallback when absent. */
static int day_param(Request *req, const char *name, int32_t fallback, int32_t *out)
{
    const char *v = req_query(req, name);
    if (!v || !*v) {
        *out = fallback;
        return 0;
    }
    return timefmt_parse_date(v, strlen(v), &req->err, out);
}

/* count_row appends one figure: motcua's, the portal's, marked when they differ. */
static void count_row(StrBuf *sb, Arena *a, const char *key, const char *label, long ours,
                      long theirs)
{
    if (ours != theirs)
        html(sb, "<tr data-key=\"%s\" class=\"overdue\">", key);
    else
        html(sb, "<tr data-key=\"%s\">", key);
    html(sb, "<th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
         label, html_num(a, ours), html_num(a, theirs));
}

static void render(StrBuf *sb, Request *req, const PortalReconcile *r)
{
    Arena *a = req->arena;
    html(sb,
         "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Trạng thái</th>"
         "<th scope=\"col\">motcua</th><th scope=\"col\">Cổng DVCQG</th></tr></thead><tbody>\n");
    for (int st = 1; st <= 10; st++)
        if (r->ours_status[st] || r->theirs_status[st])
            count_row(sb, a, arena_printf(a, "status.%d", st),
                      arena_printf(a, "%d. %s", st, lifecycle_state_label((State)st)),
                      r->ours_status[st], r->theirs_status[st]);
    html(sb, "</tbody></table></div>\n<div class=\"table-wrap\"><table><thead><tr><th "
             "scope=\"col\">Chỉ số 766</th><th scope=\"col\">motcua</th><th scope=\"col\">Cổng "
             "DVCQG</th></tr></thead><tbody>\n");
    for (int i = 0; i < PI_COUNT; i++)
        count_row(sb, a, arena_printf(a, "indicator.%s", portal_indicator_name((PortalIndicator)i)),
                  arena_printf(a, "%s %s", portal_indicator_name((PortalIndicator)i),
                               portal_indicator_label((PortalIndicator)i)),
                  r->ours_indicator[i], r->theirs_indicator[i]);
    html(sb,
         "</tbody></table></div>\n<h2>Hồ sơ khác nhau</h2>\n<p data-differ=\"%zu\">%s trên "
         "%s hồ sơ tiếp nhận trong kỳ.</p>\n",
         r->n_diffs, html_num(a, (int64_t)r->n_diffs), html_num(a, r->compared));
    if (!r->n_diffs)
        return;
    html(sb, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Hồ sơ</th><th "
             "scope=\"col\">Khác ở</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < r->n_diffs; i++) {
        const PortalDiff *d = &r->diffs[i];
        const char *what = d->ours_missing                   ? "Không có trong motcua"
                           : strcmp(d->field, "MaHoSo") == 0 ? "Chưa có trên Cổng"
                                                             : d->field;
        if (d->ours_missing)
            html(sb, "<tr data-code=\"%s\"><td>%s</td><td>%s</td></tr>\n", d->code, d->code, what);
        else
            html(sb, "<tr data-code=\"%s\"><td><a href=\"%s\">%s</a></td><td>%s</td></tr>\n",
                 d->code, html_path(a, "/ho-so/%s", d->code), d->code, what);
    }
    html(sb, "</tbody></table></div>\n");
}

int page_portal(Request *req, Response *res)
{
    const char *unit = req_query(req, "unit");
    if (!unit || !*unit)
        unit = req->who.unit;
    int rc = auth_require(req, PERM_REPORT_READ, unit);
    if (rc < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    int32_t today = timefmt_local_day(req_now(req)), from, to;
    int y, m, d;
    timefmt_civil_from_days(today, &y, &m, &d);
    if ((rc = day_param(req, "from", timefmt_days_from_civil(y, m, 1), &from)) < 0 ||
        (rc = day_param(req, "to", today, &to)) < 0)
        return rc;
    if (to < from || to - from > 366)
        return req_fail(req, ERR_INVALID, "to", "Kỳ đối soát phải từ 1 đến 367 ngày",
                        "the period must be 1 to 367 days");
    Arena *a = req->arena;
    char f[TIMEFMT_DATE_SIZE], t[TIMEFMT_DATE_SIZE];
    timefmt_format_date(from, f, sizeof f);
    timefmt_format_date(to, t, sizeof t);
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Đối soát với Cổng Dịch vụ công quốc gia", "/doi-soat-cong");
    html(&sb,
         "<form method=\"get\" action=\"/doi-soat-cong\" class=\"filters\"><input type=\"hidden\" "
         "name=\"unit\" value=\"%s\"><label>Từ ngày <input type=\"date\" name=\"from\" "
         "value=\"%s\"></label> <label>Đến ngày <input type=\"date\" name=\"to\" "
         "value=\"%s\"></label> <button type=\"submit\">Đối soát</button></form>\n",
         unit, f, t);
    const char *cred, *url = req_portal(req, &cred);
    PortalClient *pc = url ? portal_client_new(url, cred) : NULL;
    if (!pc) {
        page_notice(&sb, "Chưa cấu hình Cổng DVCQG (serve --portal-url).", 1);
    } else {
        StrBuf ans;
        sb_init(&ans, 0);
        PortalReconcile r;
        Err e;
        json_t *theirs = NULL;
        rc = portal_client_retry(pc, "TraCuuHoSo", portal_lookup_query(a, from, to), &ans,
                                 PAGE_TRIES, &e);
        if (rc == 0 && !(theirs = json_loads(ans.data ? ans.data : "", 0, NULL)))
            rc = err_set(&e, ERR_INVALID, "portal", "Cổng DVCQG trả lời không phải JSON",
                         "the portal's answer is not JSON");
        if (rc == 0)
            rc = portal_reconcile(s, a, from, to, unit, theirs, &r, &e);
        if (rc < 0)
            page_notice(&sb, e.message, 1); /* the portal away is news, not a failed page */
        else
            render(&sb, req, &r);
        json_decref(theirs);
        sb_free(&ans);
        portal_client_free(pc);
    }
    page_end(&sb);
    return page_send(req, res, &sb, 200);
}
