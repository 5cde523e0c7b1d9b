/* lookup.c: the citizen's dossier look-up and rating, without login: GET /tra-cuu (the form;
 * with ?ma=CODE&key=1234 the masked status; the QR code on Mẫu 01 opens /tra-cuu?ma=CODE)
 * and POST /danh-gia (the satisfaction rating, then back to the look-up with a thank-you).
 * What is shown, the key check and the throttling are web/publicview.c's, exactly as the
 * JSON API (GET /api/v1/lookup, POST /api/v1/ratings) has them. */
#include "web/pages/pages.h"

#include "util/escape.h"
#include "web/form.h"
#include "web/pages/layout.h"
#include "web/publicview.h"

#include <string.h>

static const struct {
    const char *level, *label;
} levels[] = {{"very_satisfied", "Rất hài lòng"},
              {"satisfied", "Hài lòng"},
              {"dissatisfied", "Không hài lòng"}};

static const char *level_label(const char *level)
{
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (level && strcmp(level, levels[i].level) == 0)
            return levels[i].label;
    return NULL;
}

/* nonempty maps "" (an empty form field) to NULL. */
static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

static void lookup_form(StrBuf *sb, const char *code, const char *key)
{
    HTML_LIT(sb, "<form class=\"stack\" method=\"get\" action=\"/tra-cuu\">\n"
                 "<div><label for=\"ma\">Mã hồ sơ</label><input type=\"text\" id=\"ma\" "
                 "name=\"ma\" maxlength=\"64\" required autocomplete=\"off\" "
                 "placeholder=\"000.01.52.H50-250702-0001\"");
    html_attr(sb, "value", code ? code : "");
    if (!code)
        HTML_LIT(sb, " autofocus");
    HTML_LIT(sb, "></div>\n<div><label for=\"key\">4 số cuối điện thoại hoặc số định danh "
                 "cá nhân</label><input type=\"text\" id=\"key\" name=\"key\" "
                 "inputmode=\"numeric\" pattern=\"[0-9]{4}\" minlength=\"4\" maxlength=\"4\" "
                 "required autocomplete=\"off\"");
    html_attr(sb, "value", key ? key : "");
    if (code && !key)
        HTML_LIT(sb, " autofocus");
    HTML_LIT(sb, "></div>\n<div><button type=\"submit\">Tra cứu</button></div>\n</form>\n");
}

/* when appends an instant as "08:12 16/10/2023", or a dash when there is none. */
static void when(StrBuf *sb, int64_t t)
{
    if (t)
        html_datetime_vi(sb, t);
    else
        HTML_LIT(sb, "—");
}

/* dossier_form opens a post form to action that names the looked-up dossier (code and key). */
static void dossier_form(StrBuf *sb, Request *req, const char *action, const PublicView *v,
                         const char *key)
{
    HTML_LIT(sb, "<form class=\"stack\" method=\"post\"");
    html_attr(sb, "action", action);
    HTML_LIT(sb, ">");
    page_csrf(sb, req);
    HTML_LIT(sb, "<input type=\"hidden\" name=\"ma\"");
    html_attr(sb, "value", v->d.code);
    HTML_LIT(sb, "><input type=\"hidden\" name=\"key\"");
    html_attr(sb, "value", key);
    HTML_LIT(sb, ">");
}

static void rating_form(StrBuf *sb, Request *req, const PublicView *v, const char *key,
                        const Err *err)
{
    HTML_LIT(sb, "<h2 id=\"danh-gia\">Đánh giá mức độ hài lòng</h2>\n");
    dossier_form(sb, req, "/danh-gia", v, key);
    HTML_LIT(sb, "\n<fieldset><legend>Bạn có hài lòng với việc giải quyết hồ sơ?</legend>\n");
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        HTML_LIT(sb, "<label class=\"check\"><input type=\"radio\" name=\"level\" required");
        html_attr(sb, "value", levels[i].level);
        HTML_LIT(sb, "> ");
        html_text(sb, levels[i].label);
        HTML_LIT(sb, "</label>\n");
    }
    page_field_error(sb, err, "level");
    HTML_LIT(sb, "</fieldset>\n<div><label for=\"gop-y\">Góp ý (không bắt buộc)</label>"
                 "<textarea id=\"gop-y\" name=\"comment\" maxlength=\"2000\"></textarea>");
    page_field_error(sb, err, "comment");
    HTML_LIT(sb, "</div>\n<div><button type=\"submit\">Gửi đánh giá</button></div>\n</form>\n");
}

static void result(StrBuf *sb, Request *req, const PublicView *v, const char *key, const Err *err)
{
    HTML_LIT(sb, "<h2>Kết quả tra cứu</h2>\n<dl class=\"kv\">\n<dt>Mã hồ sơ</dt><dd>");
    html_text(sb, v->d.code);
    HTML_LIT(sb, "</dd>\n<dt>Người nộp</dt><dd>");
    html_text(sb, v->applicant);
    HTML_LIT(sb, "</dd>\n<dt>Thủ tục</dt><dd><a");
    html_url_attr(sb, "href", arena_printf(req->arena, "/thu-tuc/%s", v->d.procedure), NULL);
    HTML_LIT(sb, ">");
    html_text(sb, v->procedure_name);
    HTML_LIT(sb, "</a></dd>\n<dt>Cơ quan tiếp nhận</dt><dd>");
    html_text(sb, v->unit_name);
    HTML_LIT(sb, "</dd>\n<dt>Tình trạng</dt><dd><strong>");
    html_text(sb, lifecycle_state_label(v->d.p.state));
    HTML_LIT(sb, "</strong></dd>\n<dt>Ngày tiếp nhận</dt><dd>");
    when(sb, v->d.p.received_at);
    HTML_LIT(sb, "</dd>\n<dt>Ngày hẹn trả kết quả</dt><dd>");
    when(sb, v->d.p.appointment_at);
    HTML_LIT(sb, "</dd>\n");
    if (v->d.p.resolved_at) {
        HTML_LIT(sb, "<dt>Ngày có kết quả</dt><dd>");
        when(sb, v->d.p.resolved_at);
        HTML_LIT(sb, "</dd>\n");
    }
    if (v->d.p.returned_at) {
        HTML_LIT(sb, "<dt>Ngày trả kết quả</dt><dd>");
        when(sb, v->d.p.returned_at);
        HTML_LIT(sb, "</dd>\n");
    }
    if (v->d.fee > 0) {
        HTML_LIT(sb, "<dt>Phí, lệ phí</dt><dd>");
        html_num_vi(sb, v->d.fee);
        HTML_LIT(sb, " đồng");
        if (v->d.p.paid_amount > 0) {
            HTML_LIT(sb, " (đã nộp ");
            html_num_vi(sb, v->d.p.paid_amount);
            HTML_LIT(sb, " đồng)");
        }
        HTML_LIT(sb, "</dd>\n");
    }
    HTML_LIT(sb, "</dl>\n");
    if (lookup_payable(v) && req_test_gateway(req)) { /* Decision 766 indicator 3.6 */
        dossier_form(sb, req, "/tra-cuu/thanh-toan", v, key);
        HTML_LIT(sb, "<button type=\"submit\">Nộp ");
        html_num_vi(sb, v->d.fee - v->d.p.paid_amount);
        HTML_LIT(sb, " đồng trực tuyến</button></form>\n");
    }
    if (v->n_results) {
        HTML_LIT(sb, "<h2>Kết quả điện tử</h2>\n<ul class=\"results\">");
        for (size_t i = 0; i < v->n_results; i++) {
            const DossierDocument *r = &v->results[i];
            HTML_LIT(sb, "<li><a");
            html_url_attr(sb, "href", "/api/v1/lookup/result", "code", v->d.code, "key", key,
                          "sha256", r->sha256, NULL);
            HTML_LIT(sb, ">Tải về ");
            html_text(sb, r->name && *r->name ? r->name : "kết quả giải quyết");
            HTML_LIT(sb, "</a> <span class=\"muted\">(");
            html_text(sb, r->mime && strcmp(r->mime, "application/pdf") == 0 ? "PDF"
                          : r->mime && strcmp(r->mime, "image/png") == 0     ? "PNG"
                                                                             : "JPEG");
            HTML_LIT(sb, ", ");
            html_num_vi(sb, (r->size + 1023) / 1024);
            HTML_LIT(sb, " KB)</span></li>");
        }
        HTML_LIT(sb, "</ul>\n");
    }
    HTML_LIT(sb, "<h2>Quá trình xử lý</h2>\n<div class=\"table-wrap\"><table>\n"
                 "<thead><tr><th scope=\"col\">Thời gian</th><th scope=\"col\">Nội dung</th>"
                 "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < v->n_history; i++) {
        HTML_LIT(sb, "<tr><td>");
        when(sb, v->history[i].at);
        HTML_LIT(sb, "</td><td>");
        html_text(sb, v->history[i].label);
        HTML_LIT(sb, "</td></tr>\n");
    }
    HTML_LIT(sb, "</tbody>\n</table></div>\n");
    if (v->can_rate) {
        rating_form(sb, req, v, key, err);
    } else if (v->d.p.rating) {
        HTML_LIT(sb, "<p>Đánh giá của bạn: <strong>");
        html_text(sb, level_label(v->d.p.rating) ? level_label(v->d.p.rating) : v->d.p.rating);
        HTML_LIT(sb, "</strong>.</p>\n");
    }
}

/* render answers the look-up page for code and key (either may be NULL). post_rc and
 * post_err are a failed rating's (0 and NULL otherwise); rated adds the thank-you. */
static int render(Request *req, Response *res, const char *code, const char *key, int post_rc,
                  const Err *post_err, int rated)
{
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    int status = post_rc < 0 ? http_status(post_rc) : 200;
    page_begin(&sb, req, "Tra cứu hồ sơ", "/tra-cuu");
    if (rated)
        page_notice(&sb, "Cảm ơn bạn đã đánh giá. Ý kiến của bạn đã được ghi nhận.", 0);
    PublicView v;
    int found = 0;
    /* a wrong code or key (or throttling) in the rating: do not look up again */
    int key_failed =
        post_rc == ERR_NOT_FOUND || post_rc == ERR_THROTTLED ||
        (post_rc == ERR_INVALID && post_err &&
         (strcmp(post_err->field, "code") == 0 || strcmp(post_err->field, "key") == 0));
    if (post_rc < 0)
        page_notice(&sb, post_err->message, 1);
    if (code && key && !key_failed) {
        int rc = publicview_lookup(req, code, key, &v);
        if (rc < 0) {
            status = http_status(rc);
            page_notice(&sb, req->err.message, 1);
        } else {
            found = 1;
        }
    }
    if (status == 429 && req->retry_after > 0)
        res_header(res, "Retry-After",
                   arena_printf(req->arena, "%lld", (long long)req->retry_after));
    if (!found) {
        HTML_LIT(&sb, "<p>Nhập mã hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, và 4 "
                      "số cuối số điện thoại hoặc số định danh cá nhân của người nộp.</p>\n");
        lookup_form(&sb, code, key);
    } else {
        result(&sb, req, &v, key, post_err);
        HTML_LIT(&sb, "<p><a href=\"/tra-cuu\">Tra cứu hồ sơ khác</a></p>\n");
    }
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_lookup(Request *req, Response *res)
{
    const char *rated = req_query(req, "da-danh-gia");
    return render(req, res, nonempty(req_query(req, "ma")), nonempty(req_query(req, "key")), 0,
                  NULL, rated && strcmp(rated, "1") == 0);
}

int page_rating(Request *req, Response *res)
{
    int rc = form_parse(req);
    if (rc < 0)
        return rc;
    const char *code = nonempty(form_get(req, "ma")), *key = nonempty(form_get(req, "key"));
    const char *level = form_get(req, "level"), *comment = nonempty(form_get(req, "comment"));
    if (!level_label(level)) {
        rc = req_fail(req, ERR_INVALID, "level", "Hãy chọn một mức độ hài lòng",
                      "choose a satisfaction level");
    } else {
        json_t *fields = json_pack("{s:s}", "level", level);
        if (comment)
            json_object_set_new(fields, "comment", json_string(comment));
        rc = publicview_rate(req, code, key, fields, &code, &level);
        json_decref(fields);
    }
    if (rc < 0) {
        Err err = req->err;
        return render(req, res, code, key, rc, &err, 0);
    }
    StrBuf to;
    sb_init(&to, 4096);
    sb_puts(&to, "/tra-cuu?ma=");
    esc_url(&to, code);
    sb_puts(&to, "&key=");
    esc_url(&to, key);
    sb_puts(&to, "&da-danh-gia=1");
    res_redirect(res, arena_strdup(req->arena, to.data ? to.data : "/tra-cuu"));
    sb_free(&to);
    return 0;
}
