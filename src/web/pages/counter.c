/* counter.c: GET /quay, the one-stop counter's queue for a clerk: the calls of the counter
 * queue (calls.c), dossiers filed online that wait to be received or refused, and results
 * ready to hand back, each with the counter's actions the action table offers in its state. Each
 * button posts to the dossier's action handler (dossier.c) with next=/quay, which brings the clerk
 * back here with a notice (and the printable form the action issued). */
#include "web/pages/pages.h"

#include "web/actions.h"
#include "web/auth.h"
#include "web/pages/calls.h"
#include "web/pages/forms.h"
#include "web/pages/layout.h"
#include "web/pages/officer.h"
#include "web/pages/widgets.h"

#include <string.h>

enum { QUEUE_ROWS = 25 };

/* counter_actions writes, for dossier d (row of the queue), a small form per action of the
 * counter (the action table's at_counter) the clerk may take in its state, with the fields
 * the action requires or of which it needs one (who collected the result, or by post); each
 * posts to the dossier's action handler and comes back here. */
static void counter_actions(StrBuf *sb, Request *req, const Dossier *d, size_t row)
{
    for (int a = 0; a < ACTION_COUNT; a++) {
        const ActionSpec *spec = lifecycle_action((Action)a);
        if (!spec->at_counter ||
            !lifecycle_offered(req->who.role, d->p.state, d->p.approval, (Action)a))
            continue;
        html(sb, "<form method=\"post\" class=\"inline\" action=\"%s\">",
             html_path(req->arena, "/ho-so/%s/thao-tac", d->code));
        page_csrf(sb, req);
        html(sb,
             "<input type=\"hidden\" name=\"next\" value=\"/quay\">"
             "<input type=\"hidden\" name=\"action\" value=\"%s\">",
             spec->name);
        for (size_t i = 0; i < spec->n_fields; i++) {
            const ActionField *f = &spec->fields[i];
            int either = spec->one_of[0] && (strcmp(f->name, spec->one_of[0]) == 0 ||
                                             strcmp(f->name, spec->one_of[1]) == 0);
            if (!f->required && !either)
                continue;
            Widget w = {.id = arena_printf(req->arena, "%s-%s-%zu", spec->name, f->name, row),
                        .name = f->name,
                        .label = f->label,
                        .required = f->required,
                        .bare = 1};
            if (f->kind == FIELD_FLAG) {
                w.value = "1";
                widget_check(sb, &w);
            } else {
                widget_input(sb, &w);
            }
        }
        html(sb,
             spec->irreversible ? "<button type=\"submit\" class=\"danger\">%s</button></form>"
                                : "<button type=\"submit\">%s</button></form>",
             spec->label);
    }
}

/* queue renders the dossiers of the caller's unit in state, newest first, with their buttons,
 * while the page is under budget bytes, adding how many to *shown; a link to the search lists
 * them all. */
static int queue(StrBuf *sb, Request *req, const char *state, const char *heading,
                 const char *empty, size_t budget, size_t *shown)
{
    DossierQuery q = {.under = req->who.unit, .state = state, .limit = QUEUE_ROWS + 1};
    Dossier *ds;
    size_t n;
    int rc = dossiers_search(req_store(req), req->arena, &q, &ds, &n, &req->err);
    if (rc < 0)
        return rc;
    html(sb, "<h2>%s</h2>\n", heading);
    if (n == 0) {
        html(sb, "<p class=\"muted\">%s</p>\n", empty);
        return 0;
    }
    html(sb, "<div class=\"table-wrap\"><table><thead><tr>");
    officer_table_head(sb);
    html(sb, "<th scope=\"col\">Thao tác</th></tr></thead><tbody>");
    size_t i;
    for (i = 0; i < n && i < QUEUE_ROWS && sb->len < budget; i++) {
        officer_row_begin(sb, OFFICER_CALM);
        officer_table_cells(sb, req, &ds[i], OFFICER_CALM);
        html(sb, "<td class=\"actions\">");
        counter_actions(sb, req, &ds[i], i);
        html(sb, "</td></tr>");
    }
    *shown += i;
    html(sb, "</tbody></table></div>\n");
    if (i < n)
        html(sb, "<p><a href=\"%s\">Xem tất cả</a></p>\n",
             html_url(req->arena, "/ho-so", "state", state, NULL));
    return 0;
}

/* done_notice tells what the clerk's last action here did, from ?xong=CODE&thao-tac=ACTION,
 * with the form it issued. */
static void done_notice(StrBuf *sb, Request *req)
{
    const char *code = req_query(req, "xong"), *action = req_query(req, "thao-tac");
    int a = lifecycle_action_parse(action);
    if (!code || !*code || strlen(code) > 64 || a < 0)
        return;
    html(sb,
         "<p class=\"notice\" role=\"status\">Đã thực hiện “%s” cho hồ sơ <a href=\"%s\">%s</a>.",
         lifecycle_action_label((Action)a), html_path(req->arena, "/ho-so/%s", code), code);
    Dossier d; /* the form the action issued, in the set of the dossier's circular */
    Err ignored;
    if (req_store(req) && dossiers_get(req_store(req), req->arena, code, &d, &ignored) == 0) {
        FormBasis basis = formset_basis(&d, NULL, 0);
        FormKind form = formset_printed(basis, lifecycle_action((Action)a)->form);
        const char *number = form_number(basis, form);
        if (form && form != FORM_FEE_RECEIPT && number)
            html(sb, " <a class=\"button secondary\" href=\"%s\">In Mẫu %s</a>",
                 html_path(req->arena, "/dossiers/%s/forms/%s", code, number), number);
    }
    html(sb, "</p>\n");
}

int page_counter(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_DOSSIER_INTAKE, NULL);
    if (rc < 0)
        return rc;
    if (!req_store(req))
        return req->err.code;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Quầy một cửa", "/quay");
    done_notice(&sb, req);
    if (req_query(req, "khong-con"))
        page_notice(&sb, "Không còn số nào đang chờ.", 0);
    if ((rc = calls_panel(&sb, req)) < 0) {
        sb_free(&sb);
        return rc;
    }
    html(&sb, "<p><a class=\"button\" href=\"/tiep-nhan\">Tiếp nhận hồ sơ mới</a></p>\n");
    size_t shown = 0; /* the applicants' names listed: one row of the access log for them */
    if ((rc = queue(&sb, req, "submitted", "Hồ sơ nộp trực tuyến chờ tiếp nhận",
                    "Không có hồ sơ trực tuyến nào đang chờ.", OFFICER_PAGE_BUDGET / 2, &shown)) <
            0 ||
        (rc = queue(&sb, req, "resolved", "Kết quả chờ trả cho người nộp",
                    "Không có kết quả nào đang chờ trả.", OFFICER_PAGE_BUDGET, &shown)) < 0 ||
        (shown && (rc = actions_log_list(req, req->who.unit, "counter", shown)) < 0)) {
        sb_free(&sb);
        return rc;
    }
    page_end(&sb);
    return page_send(req, res, &sb, 200);
}
