/* worklist.c: GET /ho-so-cua-toi (an officer's work: the dossiers assigned to them and the
 * unfinished dossiers of their unit, by due date, overdue and due-soon rows highlighted) and
 * GET /ho-so (the officers' search: name, phone, identity number or code, with or without
 * diacritics, a code forgiving and short, app/search.h; state; overdue; paged by cursor, the
 * same query as GET /api/v1/dossiers). */
#include "web/pages/pages.h"

#include "web/actions.h"
#include "web/auth.h"
#include "web/pages/layout.h"
#include "web/pages/officer.h"
#include "app/search.h"
#include "web/pages/widgets.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { WORK_ROWS = 50, SEARCH_ROWS = 50 };

static int by_due(const void *x, const void *y)
{
    const Dossier *a = x, *b = y;
    if (a->p.due_at != b->p.due_at)
        return a->p.due_at < b->p.due_at ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* collect writes up to limit dossiers in progress (lifecycle_in_progress) matching base (under
 * or handler), by due date: one indexed query per state, merged. */
static int collect(Request *req, DossierQuery base, size_t limit, Dossier **out, size_t *out_n)
{
    size_t n = 0;
    Dossier *all = arena_array(req->arena, STATE_COUNT * limit + 1, sizeof *all);
    for (int st = 0; st < STATE_COUNT; st++) {
        if (!lifecycle_in_progress((State)st))
            continue;
        DossierQuery q = base;
        q.state = lifecycle_state_name((State)st);
        q.by_due = 1;
        q.limit = limit;
        Dossier *ds;
        size_t k;
        int rc = dossiers_search(req_store(req), req->arena, &q, &ds, &k, &req->err);
        if (rc < 0)
            return rc;
        memcpy(all + n, ds, k * sizeof *ds);
        n += k;
    }
    qsort(all, n, sizeof *all, by_due);
    *out = all;
    *out_n = n < limit ? n : limit;
    return 0;
}

/* work_table lists ds (skipping those of skip_handler) while the page is under budget. */
static void work_table(StrBuf *sb, Request *req, const Dossier *ds, size_t n, int64_t soon,
                       const char *skip_handler, const char *empty, size_t budget)
{
    int64_t now = req_now(req);
    size_t shown = 0, i;
    for (i = 0; i < n && sb->len < budget; i++) {
        const Dossier *d = &ds[i];
        if (skip_handler && d->p.handler && strcmp(d->p.handler, skip_handler) == 0)
            continue;
        if (shown++ == 0) {
            html(sb, "<div class=\"table-wrap\"><table><thead><tr>");
            officer_table_head(sb);
            html(sb, "<th scope=\"col\">Cán bộ xử lý</th></tr></thead><tbody>");
        }
        OfficerUrgency u = officer_urgency(d, now, soon);
        officer_row_begin(sb, u);
        officer_table_cells(sb, req, d, u);
        html(sb, "<td>%s</td></tr>", d->p.handler ? d->p.handler : "—");
    }
    if (shown)
        html(sb, "</tbody></table></div>\n");
    if (i < n)
        html(sb, "<p class=\"muted\">Còn hồ sơ khác; hãy <a href=\"/ho-so\">tìm hồ sơ</a> để "
                 "xem.</p>\n");
    else if (!shown)
        html(sb, "<p class=\"muted\">%s</p>\n", empty);
}

int page_worklist(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_DOSSIER_READ, NULL);
    if (rc < 0)
        return rc;
    if (!req_store(req))
        return req->err.code;
    Dossier *mine, *unit;
    size_t n_mine, n_unit;
    if ((rc = collect(req, (DossierQuery){.handler = req->who.name}, WORK_ROWS, &mine, &n_mine)) <
            0 ||
        (rc = collect(req, (DossierQuery){.under = req->who.unit}, WORK_ROWS, &unit, &n_unit)) <
            0 ||
        (rc = actions_log_list(req, req->who.unit, "worklist", n_mine + n_unit)) < 0)
        return rc;
    /* what waits for a leader's approval in the leader's units */
    Dossier *approve = NULL;
    size_t n_approve = 0;
    DossierQuery aq = {.under = req->who.unit,
                       .state = lifecycle_state_name(STATE_AWAITING_APPROVAL),
                       .by_due = 1,
                       .limit = WORK_ROWS};
    if (lifecycle_role_may(req->who.role, ACTION_APPROVE) &&
        (rc = dossiers_search(req_store(req), req->arena, &aq, &approve, &n_approve, &req->err)) <
            0)
        return rc;
    int64_t soon = officer_soon_until(req);
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Hồ sơ của tôi", "/ho-so-cua-toi");
    html(&sb, "<p class=\"muted\">Xếp theo hạn giải quyết. <span class=\"badge overdue\">Quá "
              "hạn</span>: đã qua hạn; <span class=\"badge soon\">Sắp đến hạn</span>: còn không "
              "quá một ngày làm việc.</p>\n");
    if (lifecycle_role_may(req->who.role, ACTION_APPROVE)) {
        html(&sb, "<h2>Kết quả chờ tôi phê duyệt</h2>\n");
        work_table(&sb, req, approve, n_approve, soon, NULL,
                   "Không có kết quả nào đang chờ phê duyệt.", OFFICER_PAGE_BUDGET / 3);
    }
    html(&sb, "<h2>Hồ sơ được giao cho tôi</h2>\n");
    work_table(&sb, req, mine, n_mine, soon, NULL, "Chưa có hồ sơ nào được giao cho bạn.",
               OFFICER_PAGE_BUDGET / 2);
    html(&sb, "<h2>Hồ sơ đang giải quyết của đơn vị</h2>\n");
    work_table(&sb, req, unit, n_unit, soon, req->who.name,
               "Đơn vị không còn hồ sơ nào khác đang giải quyết.", OFFICER_PAGE_BUDGET);
    page_end(&sb);
    return page_send(req, res, &sb, 200);
}

/* ---- search ---- */

typedef struct SearchForm {
    const char *q, *state, *cursor;
    int overdue;
} SearchForm;

static void search_form(StrBuf *sb, Request *req, const SearchForm *f)
{
    html(sb, "<form class=\"stack\" method=\"get\" action=\"/ho-so\" role=\"search\">");
    widget_input(sb, &(Widget){.id = "search-q",
                               .name = "q",
                               .label = "Tên, số điện thoại, số định danh hoặc mã hồ sơ",
                               .hint = "Mã hồ sơ gõ tắt được: 261206-3 là hồ sơ số 3 nhận ngày "
                                       "06/12/2026, -3 là hồ sơ số 3 nhận hôm nay",
                               .type = "search",
                               .value = f->q ? f->q : "",
                               .maxlength = 200,
                               .err = &req->err});
    Widget state = {.id = "search-state",
                    .name = "state",
                    .label = "Trạng thái",
                    .none = "Tất cả",
                    .err = &req->err};
    widget_select_begin(sb, &state);
    for (int s = STATE_SUBMITTED; s < STATE_COUNT; s++)
        html_option(sb, lifecycle_state_name((State)s), lifecycle_state_label((State)s), f->state);
    widget_select_end(sb, &state);
    html(sb, "<div>");
    widget_check(sb, &(Widget){.id = "search-overdue",
                               .name = "overdue",
                               .value = "1",
                               .label = "Chỉ hồ sơ quá hạn chưa giải quyết xong",
                               .checked = f->overdue});
    html(sb, "</div><div><button type=\"submit\">Tìm</button></div></form>\n");
}

static int parse_cursor(Request *req, const char *v, int64_t *out)
{
    if (!v || !*v)
        return 0;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || *end || n < 0)
        return req_fail(req, ERR_INVALID, "cursor", "Vị trí trang không hợp lệ", "invalid cursor");
    *out = n;
    return 0;
}

int page_search(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_DOSSIER_READ, NULL);
    if (rc < 0)
        return rc;
    if (!req_store(req))
        return req->err.code;
    SearchForm f = {req_query(req, "q"), req_query(req, "state"), req_query(req, "cursor"), 0};
    const char *overdue = req_query(req, "overdue");
    f.overdue = overdue && *overdue && strcmp(overdue, "0") != 0;
    if (f.state && !*f.state)
        f.state = NULL;
    DossierQuery q = {.under = req->who.unit, .state = f.state, .limit = SEARCH_ROWS};
    if (f.q && strlen(f.q) > 200)
        rc = req_fail(req, ERR_INVALID, "q", "Từ khóa tìm kiếm quá dài (tối đa 200 ký tự)",
                      "search text too long");
    else if (f.state && lifecycle_state_parse(f.state) == STATE_NONE)
        rc = req_fail(req, ERR_INVALID, "state", "Trạng thái không hợp lệ", "unknown state");
    else
        rc = parse_cursor(req, f.cursor, &q.after);
    if (rc < 0 && strcmp(req->err.field, "cursor") == 0)
        return rc;
    int searched = rc == 0; /* no criteria: the unit's newest dossiers */
    Dossier *ds = NULL;
    size_t n = 0, found = 0;
    if (searched) {
        search_apply_text(req->arena, &q, f.q, req_now(req));
        if (f.overdue) {
            q.due_before = req_now(req);
            q.overdue_at = 1;
        }
        if ((rc = dossiers_search(req_store(req), req->arena, &q, &ds, &n, &req->err)) < 0 ||
            (rc = actions_log_list(req, q.under, "search", n)) < 0)
            return rc;
        found = n;
    }
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Tìm hồ sơ", "/ho-so");
    html(&sb, "<p><a href=\"/forms/ledger\">Sổ theo dõi hồ sơ năm nay (in)</a></p>\n");
    search_form(&sb, req, &f);
    if (searched) {
        int64_t now = req_now(req), soon = officer_soon_until(req);
        html(&sb, "<h2>Kết quả</h2>\n");
        if (n == 0)
            html(&sb, "<p class=\"muted\">Không tìm thấy hồ sơ nào.</p>\n");
        else {
            html(&sb, "<div class=\"table-wrap\"><table><thead><tr>");
            officer_table_head(&sb);
            html(&sb, "<th scope=\"col\">Tiếp nhận</th></tr></thead><tbody>");
            size_t i;
            for (i = 0; i < n && sb.len < OFFICER_PAGE_BUDGET; i++) {
                OfficerUrgency u = officer_urgency(&ds[i], now, soon);
                officer_row_begin(&sb, u);
                officer_table_cells(&sb, req, &ds[i], u);
                html(&sb, "<td>%s</td></tr>",
                     ds[i].p.received_at ? html_datetime(req->arena, ds[i].p.received_at) : "—");
            }
            html(&sb, "</tbody></table></div>\n");
            n = i; /* the next page starts after the last row shown */
        }
        if (n > 0 && (found == q.limit || n < found))
            html(&sb, "<p><a rel=\"next\" href=\"%s\">Trang sau</a></p>\n",
                 html_url(req->arena, "/ho-so", "q", f.q && *f.q ? f.q : NULL, "state", f.state,
                          "overdue", f.overdue ? "1" : NULL, "cursor",
                          arena_printf(req->arena, "%lld", (long long)ds[n - 1].id), NULL));
    }
    page_end(&sb);
    return page_send(req, res, &sb, rc < 0 ? 400 : 200);
}
