/* signature.c: GET /xac-thuc?ma=TOKEN, the public verification page of a digital signature
 * (no login), which the QR code at the foot of a signed form opens: what was signed (a form's
 * canonical content, or a result file's SHA-256), by which unit and certificate, when, and
 * whether it still verifies now (valid; revoked: made on or after its certificate's revocation
 * day; broken: the content or the file no longer matches). The token is the only key: it is
 * printed on the form, and the content holds no more personal data than the form shows to its
 * holder (the applicant's name only). */
#include "web/pages/pages.h"

#include "app/signing.h"
#include "io/html.h"
#include "web/pages/layout.h"

#include <jansson.h>
#include <string.h>

/* valid_token: 22 base64url characters (app/signing.c makes them so). */
static int valid_token(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    for (size_t i = 0; i < n; i++)
        if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') ||
              (t[i] >= '0' && t[i] <= '9') || t[i] == '-' || t[i] == '_'))
            return 0;
    return n == 22;
}

/* The labels of a form's canonical fields, in the order the page lists them. */
static const char *const labels[][2] = {
    {"form", "Mẫu số"},
    {"title", "Tên phiếu"},
    {"basis", "Căn cứ"},
    {"dossier", "Mã hồ sơ"},
    {"unit_name", "Cơ quan tiếp nhận"},
    {"applicant", "Người nộp hồ sơ"},
    {"procedure", "Thủ tục"},
    {"received_at", "Thời điểm tiếp nhận"},
    {"due_at", "Hạn giải quyết"},
    {"appointment_at", "Hẹn trả kết quả"},
};

/* content lists what was signed: a form's fields (and the exact canonical text), or a
 * result's SHA-256. */
static void content(StrBuf *sb, const Signature *g)
{
    html(sb, "<h2>Nội dung đã ký</h2>\n");
    if (strcmp(g->kind, "result") == 0) {
        html(sb,
             "<p>Tệp kết quả giải quyết có mã băm SHA-256 <code class=\"signed-sha256\">"
             "%s</code>. Chữ ký số (.p7s) tải cùng tệp kết quả; mở bằng phần mềm kiểm tra "
             "chữ ký CMS.</p>\n",
             g->content);
        return;
    }
    json_t *o = json_loads(g->content, 0, NULL);
    html(sb, "<dl class=\"signed-fields\">");
    for (size_t i = 0; o && i < sizeof labels / sizeof labels[0]; i++) {
        const char *v = json_string_value(json_object_get(o, labels[i][0]));
        if (v)
            html(sb, "<dt>%s</dt><dd>%s</dd>", labels[i][1], v);
    }
    html(sb,
         "</dl>\n<details><summary>Văn bản chính tắc được ký</summary>"
         "<pre class=\"signed-content\">%s</pre></details>\n",
         g->content);
    json_decref(o);
}

int page_signature(Request *req, Response *res)
{
    const char *token = req_query(req, "ma");
    if (!valid_token(token))
        return req_fail(req, ERR_INVALID, "ma", "Mã xác thực (ma) không hợp lệ",
                        "the verification code (ma) is invalid");
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Arena *a = req->arena;
    Signature g;
    UnitCert c;
    SignStatus st;
    Unit u;
    Dossier d = {0};
    int rc = store_signature_get(s, a, token, &g, &req->err);
    if (rc == 0)
        rc = signing_status(s, a, req_files_dir(req), &g, &st, &c, &req->err);
    if (rc == 0 && g.dossier)
        rc = dossiers_get_id(s, a, g.dossier, &d, &req->err);
    if (rc < 0)
        return rc;
    const char *unit_name = store_unit_get(s, a, c.unit, &u, &req->err) == 0 ? u.name : c.unit;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Xác thực chữ ký số", "/xac-thuc");
    html(&sb, "<h1>Xác thực chữ ký số</h1>\n");
    if (st == SIGN_VALID)
        html(&sb,
             "<p class=\"notice sig-status\" data-status=\"valid\"><strong>Chữ ký số hợp "
             "lệ.</strong> Nội dung dưới đây đúng là nội dung %s đã ký.</p>\n",
             unit_name);
    else if (st == SIGN_REVOKED)
        html(&sb,
             "<p class=\"notice bad sig-status\" data-status=\"revoked\"><strong>Chứng thư "
             "số đã bị thu hồi từ ngày %s:</strong> chữ ký này không còn giá trị.</p>\n",
             html_date(a, c.revoked_on));
    else
        html(&sb, "<p class=\"notice bad sig-status\" data-status=\"broken\"><strong>Chữ ký số "
                  "KHÔNG hợp lệ:</strong> nội dung đã bị thay đổi sau khi ký.</p>\n");
    html(&sb, "<dl class=\"signature\"><dt>Loại</dt><dd>%s</dd>",
         strcmp(g.kind, "result") == 0 ? "Kết quả giải quyết thủ tục hành chính"
                                       : "Phiếu, biểu mẫu một cửa");
    if (d.code)
        html(&sb, "<dt>Mã hồ sơ</dt><dd class=\"dossier-code\">%s</dd>", d.code);
    html(&sb,
         "<dt>Đơn vị ký</dt><dd class=\"signer\">%s (%s)</dd><dt>Thời điểm ký</dt><dd>%s</dd>"
         "<dt>Chứng thư số</dt><dd>%s; số hiệu %s; do %s cấp; hiệu lực %s – %s</dd></dl>\n",
         unit_name, c.unit, html_datetime(a, g.signed_at), c.subject, c.serial, c.issuer,
         html_datetime(a, c.not_before), html_datetime(a, c.not_after));
    content(&sb, &g);
    page_end(&sb);
    return page_send(req, res, &sb, 200);
}
