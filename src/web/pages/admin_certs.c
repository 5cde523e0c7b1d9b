/* admin_certs.c: the administrator's signing certificates screen: GET /quan-tri/chung-thu-so
 * (the certificates of the admin's unit and the units below it: subject, issuer, serial,
 * validity, whether it signs now, its revocation day), POST /quan-tri/chung-thu-so (import a
 * certificate and its key pasted as PEM for a unit in scope: the newest signs from then on;
 * PKCS#12 files go through `motcua cert import`) and POST /quan-tri/chung-thu-so/{id}/thu-hoi
 * (revoke from a day: what it signed from that day on shows as revoked). Writes go through
 * app/signing, as `motcua cert` does; a certificate outside the admin's scope is not found. */
#include "web/pages/pages.h"

#include "app/signing.h"
#include "util/timefmt.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void certs_table(StrBuf *sb, Request *req, const AdminUnits *au, const UnitCert *certs,
                        size_t n)
{
    Arena *a = req->arena;
    int64_t now = req_now(req);
    int32_t today = timefmt_local_day(now);
    html(sb, "<h2>Chứng thư số của đơn vị</h2>\n<div class=\"table-wrap\"><table class=\"certs\">"
             "\n<thead><tr><th scope=\"col\">Số</th><th scope=\"col\">Đơn vị</th><th scope="
             "\"col\">Chủ thể</th><th scope=\"col\">Tổ chức cấp</th><th scope=\"col\">Số hiệu"
             "</th><th scope=\"col\">Hiệu lực</th><th scope=\"col\">Trạng thái</th><th scope="
             "\"col\"><span class=\"muted\">Thu hồi từ ngày</span></th></tr></thead>\n<tbody>\n");
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        const UnitCert *c = &certs[i];
        const Unit *u = admin_unit_find(au, c->unit);
        if (!u)
            continue;
        shown++;
        UnitCert current;
        Err none;
        int signing = signing_current(req_store(req), a, c->unit, now, &current, &none) == 0 &&
                      current.id == c->id;
        const char *state = c->revoked_on != INT32_MIN && c->revoked_on <= today
                                ? arena_printf(a, "Đã thu hồi từ %s", html_date(a, c->revoked_on))
                            : signing             ? "Đang dùng để ký"
                            : now >= c->not_after ? "Hết hạn"
                                                  : "Giữ để kiểm tra chữ ký cũ";
        if (c->revoked_on != INT32_MIN && c->revoked_on > today)
            state = arena_printf(a, "Sẽ thu hồi từ %s", html_date(a, c->revoked_on));
        html(sb,
             "<tr><td>%" PRId64 "</td><td>%s</td><td>%s</td><td>%s</td><td><code>%s</code></td>"
             "<td>%s – %s</td><td class=\"cert-state\">%s</td><td>",
             c->id, u->name, c->subject, c->issuer, c->serial,
             html_date(a, timefmt_local_day(c->not_before)),
             html_date(a, timefmt_local_day(c->not_after)), state);
        if (c->revoked_on == INT32_MIN) {
            html(sb, "<form class=\"inline\" method=\"post\" action=\"%s\">",
                 html_path(a, "/quan-tri/chung-thu-so/%" PRId64 "/thu-hoi", c->id));
            page_csrf(sb, req);
            widget_input(sb, &(Widget){.id = arena_printf(a, "on-%" PRId64, c->id),
                                       .name = "on",
                                       .label = "Thu hồi từ ngày",
                                       .type = "date",
                                       .required = 1,
                                       .bare = 1});
            html(sb, "<button type=\"submit\" class=\"secondary\">Thu hồi</button></form>");
        }
        html(sb, "</td></tr>\n");
    }
    if (shown == 0)
        html(sb, "<tr><td colspan=\"8\">Chưa có chứng thư số nào.</td></tr>\n");
    html(sb, "</tbody></table></div>\n");
}

static void import_form(StrBuf *sb, Request *req, const AdminUnits *au, int failed)
{
    const Err *err = failed ? &req->err : NULL;
    html(sb, "<h2 id=\"nhap\">Nhập chứng thư số</h2>\n<p class=\"muted\">Chứng thư số mới nhất "
             "của một đơn vị dùng để ký từ khi nhập; chứng thư cũ vẫn dùng để kiểm tra chữ ký đã "
             "ký. Khóa bí mật được niêm phong bằng khóa ký của máy chủ. Tệp PKCS#12 (.p12) nhập "
             "bằng lệnh <code>motcua cert import</code>.</p>\n<form class=\"stack\" method="
             "\"post\" action=\"/quan-tri/chung-thu-so\">");
    page_csrf(sb, req);
    Widget w = {.id = "c-unit", .name = "unit", .label = "Đơn vị", .err = err};
    widget_select_begin(sb, &w);
    admin_unit_options(sb, au, failed ? form_get(req, "unit") : req->who.unit);
    widget_select_end(sb, &w);
    widget_textarea(sb,
                    &(Widget){.id = "c-pem",
                              .name = "pem",
                              .label = "Chứng thư số và khóa bí mật (PEM)",
                              .hint = "-----BEGIN CERTIFICATE----- … -----BEGIN PRIVATE KEY----- …",
                              .required = 1,
                              .err = err,
                              .err_field = "file"});
    html(sb, "<div><button type=\"submit\">Nhập chứng thư số</button></div></form>\n");
}

static int certs_page(Request *req, Response *res, const AdminUnits *au, int failed, int status)
{
    UnitCert *certs;
    size_t n;
    Err failed_post = req->err; /* shown above the list */
    int rc = store_cert_list(req_store(req), req->arena, NULL, &certs, &n, &req->err);
    if (rc < 0)
        return rc;
    req->err = failed_post;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Chứng thư số", "/quan-tri/chung-thu-so");
    admin_notice(&sb, req);
    admin_form_error(&sb, req);
    certs_table(&sb, req, au, certs, n);
    import_form(&sb, req, au, failed);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_admin_certs(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0)
        return rc;
    return certs_page(req, res, &au, 0, 200);
}

/* An import in the writer. */
typedef struct CertImport {
    Request *req;
    const char *unit, *key;
    SignIdentity id;
    UnitCert made;
} CertImport;

static int write_import(Store *s, void *ctx, Err *e)
{
    CertImport *ci = ctx;
    return signing_import(s, ci->req->arena, ci->unit, &ci->id, ci->key, req_now(ci->req),
                          &ci->made, e);
}

int page_admin_cert_import(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    CertImport ci = {.req = req, .unit = form_get(req, "unit")};
    const char *pem = form_get(req, "pem");
    if (!ci.unit || !admin_unit_find(&au, ci.unit))
        rc = req_fail(req, ERR_FORBIDDEN, "unit", "Đơn vị này không thuộc phạm vi quản lý",
                      "this unit is outside your scope");
    if (rc == 0 && (!pem || !*pem))
        rc = req_fail(req, ERR_INVALID, "file", "Hãy dán chứng thư số và khóa bí mật (PEM)",
                      "paste the certificate and its private key (PEM)");
    if (rc == 0)
        rc = sign_load(req->arena, pem, strlen(pem), NULL, &ci.id, &req->err);
    if (rc == 0)
        rc = req_signing_key(req, 1, &ci.key, &req->err);
    if (rc == 0 && (rc = req_write(req, write_import, &ci)) == 0)
        return admin_redirect(req, res, "/quan-tri/chung-thu-so", NULL, NULL, "nhap-cts", ci.unit);
    return certs_page(req, res, &au, 1, http_status(rc));
}

/* A revocation in the writer, of a certificate in the admin's scope. */
typedef struct CertRevoke {
    Request *req;
    const AdminUnits *au;
    int64_t id;
    int32_t day;
} CertRevoke;

static int write_revoke(Store *s, void *ctx, Err *e)
{
    CertRevoke *cr = ctx;
    UnitCert c;
    int rc = store_cert_get(s, cr->req->arena, cr->id, &c, e);
    if (rc == 0 && !admin_unit_find(cr->au, c.unit))
        rc = err_set(e, ERR_NOT_FOUND, "id", "Không có chứng thư số này", "no such certificate");
    return rc < 0 ? rc : store_cert_revoke(s, cr->id, cr->day, e);
}

int page_admin_cert_revoke(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    CertRevoke cr = {.req = req, .au = &au};
    const char *id = req->params[0], *on = form_get(req, "on");
    char *end;
    errno = 0;
    cr.id = strtoll(id, &end, 10);
    if (errno || *end || cr.id <= 0)
        rc = req_fail(req, ERR_NOT_FOUND, "id", "Không có chứng thư số này", "no such certificate");
    if (rc == 0 && !on)
        rc = req_fail(req, ERR_INVALID, "on", "Hãy chọn ngày thu hồi", "choose the day");
    if (rc == 0)
        rc = timefmt_parse_date(on, strlen(on), &req->err, &cr.day);
    if (rc == 0 && (rc = req_write(req, write_revoke, &cr)) == 0)
        return admin_redirect(req, res, "/quan-tri/chung-thu-so", NULL, NULL, "thu-hoi-cts", id);
    return certs_page(req, res, &au, 0, http_status(rc));
}
