/* lookup.c: the citizen's dossier look-up, without login: GET /tra-cuu (the form; with
 * ?ma=CODE&key=KEY the masked status and the fee's e-receipts; the QR code on Mẫu 01 opens
 * exactly that), with what is missing when the dossier waits for papers and the upload that
 * sends them (POST /tra-cuu/bo-sung, web/pages/supplement.h); GET /tra-cuu/bien-lai (one
 * e-receipt to print: the officers' receipt form, pages/forms.c, with nothing personal beyond
 * the masked name); and POST /danh-gia (the satisfaction rating); each post leads back to the
 * look-up with a thank-you. What is shown, the key check and the throttling are
 * web/publicview.c's, exactly as the JSON API (GET /api/v1/lookup, POST /api/v1/ratings) has
 * them. */
#include "web/pages/pages.h"

#include "web/form.h"
#include "web/pages/forms.h"
#include "web/pages/layout.h"
#include "web/pages/supplement.h"
#include "web/pages/widgets.h"
#include "web/publicview.h"

#include <string.h>

/* nonempty maps "" (an empty form field) to NULL. */
static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

static void lookup_form(StrBuf *sb, const char *code, const char *key)
{
    html(sb, "<form class=\"stack\" method=\"get\" action=\"/tra-cuu\">\n");
    widget_input(sb, &(Widget){.id = "ma",
                               .name = "ma",
                               .label = "Mã hồ sơ",
                               .value = code ? code : "",
                               .autocomplete = "off",
                               .placeholder = "000.01.52.H50-250702-0001",
                               .maxlength = 64,
                               .required = 1,
                               .autofocus = !code});
    widget_input(sb, &(Widget){.id = "key",
                               .name = "key",
                               .label = "Mã tra cứu",
                               .hint = "8 ký tự in trên Giấy tiếp nhận hồ sơ, ví dụ K7QM-2XRD",
                               .value = key ? key : "",
                               .autocomplete = "off",
                               .placeholder = "XXXX-XXXX",
                               .minlength = 8,
                               .maxlength = 12,
                               .required = 1,
                               .no_spellcheck = 1,
                               .autofocus = code && !key});
    html(sb, "<div><button type=\"submit\">Tra cứu</button></div>\n</form>\n");
}

/* when returns an instant as "08:12 16/10/2023", or a dash when there is none (arena). */
static const char *when(Arena *a, int64_t t)
{
    return t ? html_datetime(a, t) : "—";
}

/* dossier_form opens a post form to action that names the looked-up dossier (code and key). */
static void dossier_form(StrBuf *sb, Request *req, const char *action, const PublicView *v,
                         const char *key)
{
    html(sb, "<form class=\"stack\" method=\"post\" action=\"%s\">", action);
    page_csrf(sb, req);
    html(sb,
         "<input type=\"hidden\" name=\"ma\" value=\"%s\"><input type=\"hidden\" name=\"key\" "
         "value=\"%s\">",
         v->d.code, key);
}

static void rating_form(StrBuf *sb, Request *req, const PublicView *v, const char *key,
                        const Err *err)
{
    html(sb, "<h2 id=\"danh-gia\">Đánh giá mức độ hài lòng</h2>\n");
    dossier_form(sb, req, "/danh-gia", v, key);
    html(sb, "\n<fieldset><legend>Bạn có hài lòng với việc giải quyết hồ sơ?</legend>\n");
    for (size_t i = 0; i < PUBLICVIEW_LEVELS; i++) {
        widget_check(
            sb, &(Widget){.type = "radio",
                          .id = arena_printf(req->arena, "level-%s", publicview_levels[i].level),
                          .name = "level",
                          .value = publicview_levels[i].level,
                          .label = publicview_levels[i].label,
                          .required = 1});
        html(sb, "\n");
    }
    page_field_error(sb, err, "level");
    html(sb, "</fieldset>\n");
    widget_textarea(sb, &(Widget){.id = "gop-y",
                                  .name = "comment",
                                  .label = "Góp ý (không bắt buộc)",
                                  .maxlength = 2000,
                                  .err = err});
    html(sb, "<div><button type=\"submit\">Gửi đánh giá</button></div>\n</form>\n");
}

/* results lists the electronic results the citizen may download. */
static void results(StrBuf *sb, Arena *a, const PublicView *v, const char *key)
{
    html(sb, "<h2>Kết quả điện tử</h2>\n<ul class=\"results\">");
    for (size_t i = 0; i < v->n_results; i++) {
        const DossierDocument *r = &v->results[i];
        const char *kind = r->mime && strcmp(r->mime, "application/pdf") == 0 ? "PDF"
                           : r->mime && strcmp(r->mime, "image/png") == 0     ? "PNG"
                                                                              : "JPEG";
        html(sb, "<li><a href=\"%s\">Tải về %s</a> <span class=\"muted\">(%s, %s KB)</span>",
             html_url(a, "/api/v1/lookup/result", "code", v->d.code, "key", key, "sha256",
                      r->sha256, NULL),
             r->name && *r->name ? r->name : "kết quả giải quyết", kind,
             html_num(a, (r->size + 1023) / 1024));
        if (v->result_signatures[i]) /* signed by the unit that decided (app/signing.h) */
            html(sb, " · <a href=\"%s\">chữ ký số (.p7s)</a> · <a href=\"%s\">xác thực</a>",
                 html_url(a, "/api/v1/lookup/result", "code", v->d.code, "key", key, "sha256",
                          r->sha256, "format", "p7s", NULL),
                 html_url(a, "/xac-thuc", "ma", v->result_signatures[i], NULL));
        html(sb, "</li>");
    }
    html(sb, "</ul>\n");
}

/* receipts lists the fee's e-receipts, each with its printable page. */
static void receipts(StrBuf *sb, Arena *a, const PublicView *v, const char *key)
{
    html(sb, "<h2>Biên lai điện tử</h2>\n<div class=\"table-wrap\"><table class=\"receipts\">\n"
             "<thead><tr><th scope=\"col\">Số biên lai</th><th scope=\"col\" class=\"num\">Số "
             "tiền (đồng)</th><th scope=\"col\">Thời điểm nộp</th><th scope=\"col\">Hình thức"
             "</th><th scope=\"col\">Bản in</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < v->n_receipts; i++) {
        const Payment *p = &v->receipts[i];
        html(sb,
             "<tr><td>%s</td><td class=\"num\">%s</td><td>%s</td><td>%s</td><td><a "
             "href=\"%s\">In biên lai</a></td></tr>\n",
             p->receipt_no, html_num(a, p->amount), when(a, p->paid_at),
             p->online ? "Trực tuyến" : "Tại Bộ phận Một cửa",
             html_url(a, "/tra-cuu/bien-lai", "ma", v->d.code, "key", key, "so", p->receipt_no,
                      NULL));
    }
    html(sb, "</tbody>\n</table></div>\n");
}

/* result appends the dossier found; err is a failed rating's (NULL otherwise), supplement the
 * slots of a failed supplement answer (NULL otherwise). */
static void result(StrBuf *sb, Request *req, const PublicView *v, const char *key, const Err *err,
                   const SlotForm *supplement)
{
    Arena *a = req->arena;
    const DossierProjection *p = &v->d.p;
    html(sb,
         "<h2>Kết quả tra cứu</h2>\n<dl class=\"kv\">\n<dt>Mã hồ sơ</dt><dd>%s</dd>\n"
         "<dt>Người nộp</dt><dd>%s</dd>\n<dt>Thủ tục</dt><dd><a href=\"%s\">%s</a></dd>\n"
         "<dt>Cơ quan tiếp nhận</dt><dd>%s</dd>\n"
         "<dt>Tình trạng</dt><dd><strong>%s</strong></dd>\n"
         "<dt>Ngày tiếp nhận</dt><dd>%s</dd>\n<dt>Ngày hẹn trả kết quả</dt><dd>%s</dd>\n",
         v->d.code, v->applicant, html_path(a, "/thu-tuc/%s", v->d.procedure), v->procedure_name,
         v->unit_name, lifecycle_state_label(p->state), when(a, p->received_at),
         when(a, p->appointment_at));
    if (p->resolved_at)
        html(sb, "<dt>Ngày có kết quả</dt><dd>%s</dd>\n", when(a, p->resolved_at));
    if (p->returned_at)
        html(sb, "<dt>Ngày trả kết quả</dt><dd>%s</dd>\n", when(a, p->returned_at));
    if (v->d.fee > 0) {
        html(sb, "<dt>Phí, lệ phí</dt><dd>%s đồng", html_num(a, v->d.fee));
        if (p->paid_amount > 0)
            html(sb, " (đã nộp %s đồng)", html_num(a, p->paid_amount));
        html(sb, "</dd>\n");
    }
    html(sb, "</dl>\n");
    supplement_section(sb, req, v, key, supplement);
    if (lookup_payable(v) && req_test_gateway(req)) { /* Decision 766 indicator 3.6 */
        dossier_form(sb, req, "/tra-cuu/thanh-toan", v, key);
        html(sb, "<button type=\"submit\">Nộp %s đồng trực tuyến</button></form>\n",
             html_num(a, v->d.fee - p->paid_amount));
    }
    if (v->n_receipts)
        receipts(sb, a, v, key);
    if (v->n_results)
        results(sb, a, v, key);
    html(sb, "<h2>Quá trình xử lý</h2>\n<div class=\"table-wrap\"><table>\n"
             "<thead><tr><th scope=\"col\">Thời gian</th><th scope=\"col\">Nội dung</th>"
             "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < v->n_history; i++)
        html(sb, "<tr><td>%s</td><td>%s</td></tr>\n", when(a, v->history[i].at),
             v->history[i].label);
    html(sb, "</tbody>\n</table></div>\n");
    if (v->can_rate) {
        rating_form(sb, req, v, key, err);
    } else if (p->rating) {
        html(sb, "<p>Đánh giá của bạn: <strong>%s</strong>.</p>\n",
             publicview_level_label(p->rating) ? publicview_level_label(p->rating) : p->rating);
    }
}

/* What the page says after a post, by the query's flag: a rating, a supplement answer. */
static const struct {
    const char *flag, *text;
} thanks[] = {
    {"da-danh-gia", "Cảm ơn bạn đã đánh giá. Ý kiến của bạn đã được ghi nhận."},
    {"da-bo-sung", "Đã nhận giấy tờ bổ sung của Ông/Bà. Hồ sơ được chuyển lại cho cán bộ xử lý; "
                   "thời hạn giải quyết được tính lại từ hôm nay."},
};

/* Posted: a failed post the page answers: its status code and error, and for a supplement
 * answer its slots. */
typedef struct Posted {
    int rc;
    const Err *err;
    const SlotForm *supplement;
} Posted;

/* render answers the look-up page for code and key (either may be NULL); post is a failed
 * post's (NULL otherwise), thank_you a thank-you to show first (NULL: none). */
static int render(Request *req, Response *res, const char *code, const char *key,
                  const Posted *post, const char *thank_you)
{
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    int post_rc = post ? post->rc : 0;
    const Err *post_err = post ? post->err : NULL;
    int status = post_rc < 0 ? http_status(post_rc) : 200;
    page_begin(&sb, req, "Tra cứu hồ sơ", "/tra-cuu");
    if (thank_you)
        page_notice(&sb, thank_you, 0);
    PublicView v;
    int found = 0;
    /* a wrong code or key (or throttling) in the post: do not look up again */
    int key_failed =
        post_rc == ERR_NOT_FOUND || post_rc == ERR_THROTTLED || post_rc == ERR_FORBIDDEN ||
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
        html(&sb, "<p>Nhập mã hồ sơ và mã tra cứu ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết "
                  "quả (hoặc trong tin nhắn, thư điện tử gửi người nộp). Quét mã QR trên giấy "
                  "tiếp nhận để mở ngay kết quả tra cứu.</p>\n");
        lookup_form(&sb, code, key);
    } else {
        if (post_err)
            req->err = *post_err; /* the failed post's field errors beside their fields */
        result(&sb, req, &v, key, post_err, post ? post->supplement : NULL);
        html(&sb, "<p><a href=\"/tra-cuu\">Tra cứu hồ sơ khác</a></p>\n");
    }
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_lookup(Request *req, Response *res)
{
    const char *thank_you = NULL;
    for (size_t i = 0; i < sizeof thanks / sizeof thanks[0]; i++) {
        const char *flag = req_query(req, thanks[i].flag);
        if (flag && strcmp(flag, "1") == 0)
            thank_you = thanks[i].text;
    }
    return render(req, res, nonempty(req_query(req, "ma")), nonempty(req_query(req, "key")), NULL,
                  thank_you);
}

/* back_to_lookup answers a post that succeeded: the look-up of code with key and flag. */
static int back_to_lookup(Request *req, Response *res, const char *code, const char *key,
                          const char *flag)
{
    res_redirect(res, arena_printf(req->arena, "%s&%s=1",
                                   html_url(req->arena, "/tra-cuu", "ma", code, "key", key, NULL),
                                   flag));
    return 0;
}

int page_rating(Request *req, Response *res)
{
    int rc = form_parse(req);
    if (rc < 0)
        return rc;
    const char *code = nonempty(form_get(req, "ma")), *key = nonempty(form_get(req, "key"));
    const char *level = form_get(req, "level"), *comment = nonempty(form_get(req, "comment"));
    if (!publicview_level_label(level)) {
        rc = req_fail(req, ERR_INVALID, "level", "Hãy chọn một mức độ hài lòng",
                      "choose a satisfaction level");
    } else {
        json_t *fields = json_pack("{s:s}", "level", level);
        if (comment)
            json_object_set_new(fields, "comment", json_string(comment));
        rc = publicview_rate(req, code, key, NULL, fields, &code, &level);
        json_decref(fields);
    }
    if (rc < 0) {
        Err err = req->err;
        return render(req, res, code, key, &(Posted){rc, &err, NULL}, NULL);
    }
    return back_to_lookup(req, res, code, key, "da-danh-gia");
}

int page_supplement(Request *req, Response *res)
{
    int rc = form_parse(req);
    if (rc < 0)
        return rc;
    const char *code = nonempty(form_get(req, "ma")), *key = nonempty(form_get(req, "key"));
    PublicView v;
    SlotForm f = {0};
    if ((rc = publicview_lookup(req, code, key, &v)) == 0) {
        supplement_slots(req, &v, &f);
        rc = supplement_post(req, &v, &f);
    }
    if (rc < 0) {
        Err err = req->err;
        return render(req, res, code, key, &(Posted){rc, &err, f.n ? &f : NULL}, NULL);
    }
    return back_to_lookup(req, res, v.d.code, key, "da-bo-sung");
}

int page_lookup_receipt(Request *req, Response *res)
{
    const char *no = nonempty(req_query(req, "so"));
    PublicView v;
    int rc =
        publicview_lookup(req, nonempty(req_query(req, "ma")), nonempty(req_query(req, "key")), &v);
    if (rc < 0)
        return rc;
    const Payment *pay = NULL; /* the one numbered so, else the latest */
    for (size_t i = 0; i < v.n_receipts; i++)
        if (!no || strcmp(v.receipts[i].receipt_no, no) == 0)
            pay = &v.receipts[i];
    if (!pay)
        return req_fail(req, ERR_NOT_FOUND, "so", "Hồ sơ không có biên lai này",
                        "the dossier has no such receipt");
    /* the officers' receipt form, given only what the look-up shows: the masked name, no
     * address, no officer's name */
    Dossier d = v.d;
    d.applicant = (Applicant){.name = v.applicant};
    Procedure p = {.code = d.procedure, .name = v.procedure_name};
    FormData fd = {.dossier = &d,
                   .procedure = &p,
                   .unit_name = v.unit_name,
                   .now = req_now(req),
                   .payment = pay};
    StrBuf sb;
    sb_init(&sb, 1024 * 1024);
    if ((rc = form_render(&sb, formset_basis(&d, NULL, 0), FORM_FEE_RECEIPT, &fd, &req->err)) == 0)
        res_text(res, 200, "text/html; charset=utf-8", sb.data, sb.len);
    sb_free(&sb);
    return rc;
}
