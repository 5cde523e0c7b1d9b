/* dossier_group.c: what the officer's dossier page (dossier.c) shows of an interconnected group
 * (liên thông, app/chains.c): on a parent, the group and its steps, each step's dossier with its
 * agency, state, deadline and standing; on a step, the parent it belongs to and the signed
 * messages exchanged with its agency. Nothing for other dossiers. */
#include "web/pages/dossier_group.h"

#include "app/agencies.h"
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

/* render_messages appends the signed messages exchanged with the step's agency, in the log's
 * order: when, which way, what, the sender's id and the start of the row's hash. */
static int render_messages(StrBuf *sb, Request *req, const Dossier *d)
{
    AgencyMessage *ms;
    size_t n;
    int rc = agencies_messages(req_store(req), req->arena, d->code, &ms, &n, &req->err);
    if (rc < 0 || n == 0)
        return rc;
    html(sb, "<section aria-labelledby=\"h-thong-diep\"><h2 id=\"h-thong-diep\">Thông điệp "
             "liên thông (có chữ ký số)</h2><div class=\"table-wrap\"><table class=\"messages\">"
             "<thead><tr><th scope=\"col\">Thời điểm</th><th scope=\"col\">Chiều</th><th "
             "scope=\"col\">Loại</th><th scope=\"col\">Mã thông điệp</th><th "
             "scope=\"col\">Băm (SHA-256)</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        const AgencyMessage *m = &ms[i];
        static const char digits[] = "0123456789abcdef";
        char h[17];
        for (int k = 0; k < 8; k++) {
            h[2 * k] = digits[m->hash[k] >> 4];
            h[2 * k + 1] = digits[m->hash[k] & 15];
        }
        h[16] = '\0';
        const char *type = strcmp(m->type, "ack") == 0      ? "Xác nhận đã nhận"
                           : strcmp(m->type, "result") == 0 ? "Kết quả"
                                                            : "Biên nhận của hệ thống";
        html(sb, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td><code>%s…</code></td></tr>",
             html_datetime(req->arena, m->at),
             strcmp(m->direction, "in") == 0 ? "Đến từ cơ quan" : "Gửi cơ quan", type,
             m->message_id, h);
    }
    html(sb, "</tbody></table></div></section>\n");
    return 0;
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
        return render_messages(sb, req, d);
    }
    return 0;
}
