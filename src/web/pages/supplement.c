/* supplement.c: the citizen's online answer to a supplement request (see supplement.h). */
#include "web/pages/supplement.h"

#include "io/html.h"
#include "util/timefmt.h"
#include "web/form.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"
#include "web/upload.h"

#include <string.h>

enum { NAME_MAX_BYTES = 500 };

void supplement_slots(Request *req, const PublicView *v, SlotForm *f)
{
    /* a slot for each paper asked for, as many as one post may carry, and one more */
    size_t asked = v->missing.n < UPLOAD_MAX_FILES - 1 ? v->missing.n : UPLOAD_MAX_FILES - 1;
    slots_begin(req, f, asked + 1);
    for (size_t i = 0; i < asked; i++)
        f->slots[i].name = v->missing.v[i];
    f->slots[asked].name = "Giấy tờ khác (nếu có)";
}

/* render_form appends the form that sends the papers of f. */
static void render_form(StrBuf *sb, Request *req, const PublicView *v, const char *key,
                        const SlotForm *f)
{
    Arena *a = req->arena;
    html(sb, "<h3>Nộp bổ sung trực tuyến</h3>\n<form class=\"stack\" method=\"post\" "
             "enctype=\"multipart/form-data\" action=\"/tra-cuu/bo-sung\">");
    page_csrf(sb, req);
    html(sb,
         "<input type=\"hidden\" name=\"ma\" value=\"%s\"><input type=\"hidden\" name=\"key\" "
         "value=\"%s\">",
         v->d.code, key);
    slots_token_field(sb, f);
    html(sb, "<p class=\"muted\">Mỗi giấy tờ một tệp: bản scan PDF, hoặc ảnh chụp rõ nét bằng "
             "điện thoại.</p>\n");
    for (size_t i = 0; i + 1 < f->n; i++)
        slots_render(sb, req, f, i);
    size_t other = f->n - 1;
    const char *name = arena_printf(a, "name-%zu", other);
    widget_input(sb, &(Widget){.id = name,
                               .name = name,
                               .label = "Tên giấy tờ khác (nếu nộp thêm)",
                               .value = form_get(req, name),
                               .maxlength = NAME_MAX_BYTES,
                               .err = &req->err});
    slots_render(sb, req, f, other);
    html(sb, "<div><button type=\"submit\">Nộp bổ sung</button></div></form>\n");
}

void supplement_section(StrBuf *sb, Request *req, const PublicView *v, const char *key,
                        const SlotForm *f)
{
    if (v->d.p.state != STATE_SUPPLEMENT || !v->requested_at)
        return;
    Arena *a = req->arena;
    html(sb,
         "<section class=\"missing\" aria-labelledby=\"h-bo-sung\"><h2 id=\"h-bo-sung\">Hồ sơ "
         "cần bổ sung</h2>\n<p>Ngày %s, cơ quan giải quyết yêu cầu bổ sung, hoàn thiện hồ sơ "
         "với các giấy tờ sau:</p>\n<ul class=\"missing-items\">",
         html_date(a, timefmt_local_day(v->requested_at)));
    for (size_t i = 0; i < v->missing.n; i++)
        html(sb, "<li>%s</li>", v->missing.v[i]);
    html(sb, "</ul>\n");
    if (v->missing_reason)
        html(sb, "<p><strong>Lý do:</strong> %s</p>\n", v->missing_reason);
    html(sb, "<p>Thời hạn giải quyết tạm dừng cho đến khi nhận đủ giấy tờ và được tính lại từ "
             "đầu từ ngày nhận đủ. Ông/Bà có thể nộp bổ sung trực tuyến ngay dưới đây, hoặc "
             "mang giấy tờ đến bộ phận một cửa.</p>\n");
    if (f) {
        render_form(sb, req, v, key, f);
    } else {
        SlotForm fresh;
        supplement_slots(req, v, &fresh);
        render_form(sb, req, v, key, &fresh);
    }
    html(sb, "</section>\n");
}

/* Answer: the files of a supplement answer, recorded once per form token. */
typedef struct Answer {
    Request *req;
    const char *code;
    const SlotForm *f;
    Idem idem;
} Answer;

static int write_answer(Store *s, void *ctx, Err *e)
{
    Answer *an = ctx;
    Request *req = an->req;
    int rc = idem_check(s, req->arena, &an->idem, e);
    if (rc < 0 || an->idem.replayed)
        return rc;
    Document *docs = arena_array(req->arena, an->f->n + 1, sizeof *docs);
    const char **names = arena_array(req->arena, an->f->n + 1, sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < an->f->n; i++)
        if (slot_filled(&an->f->slots[i])) {
            docs[n] = an->f->slots[i].doc;
            names[n++] = an->f->slots[i].name;
        }
    if ((rc = lookup_supplement(s, req->arena, an->code, docs, names, n, req_now(req), e)) < 0)
        return rc;
    const char *body;
    return idem_store(s, req, &an->idem, 303, json_pack("{s:s}", "code", an->code), &body, e);
}

/* check checks the answer: the form's token, the state, each file, the other paper's name. */
static int check(Request *req, const PublicView *v, SlotForm *f)
{
    Slot *other = &f->slots[f->n - 1];
    const char *field = arena_printf(req->arena, "name-%zu", f->n - 1);
    const char *name = form_get(req, field);
    if (name && *name)
        other->name = name;
    int rc = slots_token_posted(req, f);
    if (rc == 0 && v->d.p.state != STATE_SUPPLEMENT)
        rc = req_fail(req, ERR_CONFLICT, "ma", "Hồ sơ không ở trạng thái chờ bổ sung giấy tờ",
                      "the dossier does not wait for papers");
    int files = slots_read(req, f);
    if (rc == 0 && (rc = files) == 0) {
        size_t filled = 0;
        for (size_t i = 0; i < f->n; i++)
            filled += slot_filled(&f->slots[i]);
        if (name && strlen(name) > NAME_MAX_BYTES)
            rc = req_fail(req, ERR_INVALID, field, "Tên giấy tờ dài tối đa 500 byte",
                          "the paper's name is too long");
        else if (slot_filled(other) && !(name && *name))
            rc = req_fail(req, ERR_INVALID, field, "Hãy ghi tên của giấy tờ khác",
                          "name the other paper");
        else if (name && *name && !slot_filled(other))
            rc = req_fail(req, ERR_INVALID, arena_printf(req->arena, "file-%zu", f->n - 1),
                          "Hãy chọn tệp của giấy tờ đã ghi tên", "choose the named paper's file");
        else if (!filled)
            rc = req_fail(req, ERR_INVALID, "file-0",
                          "Hãy tải lên ít nhất một giấy tờ được yêu cầu bổ sung",
                          "upload at least one paper");
    }
    return rc;
}

int supplement_post(Request *req, const PublicView *v, SlotForm *f)
{
    /* a second click once the answer is recorded: the dossier no longer waits, but this
     * form's answer is in */
    Answer an = {.req = req, .code = v->d.code, .f = f};
    if (slots_replayed(req, f, &an.idem))
        return 0;
    int rc = check(req, v, f);
    if (rc == 0 && (rc = slots_store(req, f)) == 0)
        rc = req_write(req, write_answer, &an);
    if (rc < 0 && http_status(rc) < 500)
        slots_park(req, f);
    return rc;
}
