/* dossier_group.c: what the officer's dossier page (dossier.c) shows of an interconnected group
 * (liên thông, app/chains.c): on a parent, the group and its steps, each step's dossier with its
 * agency, state, deadline and standing; on a step, the parent it belongs to. Nothing for other
 * dossiers. */
#include "web/pages/dossier_group.h"

#include "app/chains.h"
#include "core/deadline.h"
#include "io/html.h"
#include "web/pages/officer.h"

#include <string.h>

/* render_steps appends the table of a parent's steps. */
static void render_steps(StrBuf *sb, Request *req, const Dossier *d, const Dossier *kids, size_t n)
{
    Arena *a = req->arena;
    Chain c;
    Err ignore;
    const char *name =
        store_chain_get(req_store(req), a, d->chain, &c, &ignore) == 0 ? c.name : d->chain;
    html(sb,
         "<section aria-labelledby=\"h-lien-thong\"><h2 id=\"h-lien-thong\">Các bước liên "
         "thông</h2><p>%s <span class=\"muted\">(%s)</span></p><div class=\"table-wrap\">"
         "<table class=\"steps\"><thead><tr><th scope=\"col\">Bước</th><th scope=\"col\">Mã hồ "
         "sơ</th><th scope=\"col\">Thủ tục</th><th scope=\"col\">Cơ quan</th><th "
         "scope=\"col\">Trạng thái</th><th scope=\"col\">Hạn giải quyết</th><th "
         "scope=\"col\">Tiến độ</th></tr></thead><tbody>",
         name, d->chain);
    for (size_t i = 0; i < n; i++) {
        const Dossier *k = &kids[i];
        int cls = dossier_classify(&k->p, req_now(req));
        html(
            sb,
            "<tr><td class=\"num\">%s</td><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>",
            html_num(a, k->step + 1), html_path(a, "/ho-so/%s", k->code), k->code,
            officer_procedure_name(req, k->procedure), chain_agency_label(k->agency));
        officer_state_badge(sb, k->p.state);
        html(sb, "</td><td>%s</td><td>%s</td></tr>",
             k->p.due_at ? html_datetime(a, k->p.due_at) : "",
             cls >= 0 ? deadline_class_label_vi((DeadlineClass)cls) : "");
    }
    if (n == 0)
        html(sb, "<tr><td colspan=\"7\" class=\"muted\">Các bước được lập khi hồ sơ được tiếp "
                 "nhận.</td></tr>");
    html(sb, "</tbody></table></div></section>\n");
}

int dossier_group_render(StrBuf *sb, Request *req, const Dossier *d)
{
    Store *s = req_store(req);
    if (d->chain) {
        Dossier *kids;
        size_t n;
        int rc = chains_children(s, req->arena, d->id, &kids, &n, &req->err);
        if (rc < 0)
            return rc;
        render_steps(sb, req, d, kids, n);
    } else if (d->parent) {
        Dossier parent;
        int rc = dossiers_get_id(s, req->arena, d->parent, &parent, &req->err);
        if (rc < 0)
            return rc;
        html(sb,
             "<p class=\"notice\">Bước %s của hồ sơ liên thông <a href=\"%s\">%s</a>, do %s "
             "thực hiện.</p>\n",
             html_num(req->arena, d->step + 1), html_path(req->arena, "/ho-so/%s", parent.code),
             parent.code, chain_agency_label(d->agency));
    }
    return 0;
}
