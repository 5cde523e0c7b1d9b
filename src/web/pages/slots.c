/* slots.c: a form's upload slots and its one-time token (see slots.h). */
#include "web/pages/slots.h"

#include "app/pending.h"
#include "store/files.h"
#include "util/log.h"
#include "util/secret.h"
#include "web/actions.h"
#include "web/form.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <string.h>

static const char ACCEPT[] = "application/pdf,image/jpeg,image/png";

void slots_begin(Request *req, SlotForm *f, size_t n)
{
    const char *posted = form_get(req, "token");
    f->posted = pending_valid_token(posted);
    if (f->posted) {
        f->token = posted;
    } else {
        char *token = arena_alloc(req->arena, SECRET_TOKEN_LEN + 1);
        secret_token(token);
        f->token = token;
    }
    f->n = n;
    f->slots = arena_array(req->arena, n + 1, sizeof *f->slots);
}

bool slots_replayed(Request *req, const SlotForm *f, Idem *im)
{
    Err unknown; /* not found: the first post of the form */
    Store *s = req_store(req);
    idem_begin_form(req, im, f->token);
    return f->posted && s && idem_check(s, req->arena, im, &unknown) == 0 && im->replayed;
}

int slots_token_posted(Request *req, const SlotForm *f)
{
    if (f->posted)
        return 0;
    return req_fail(req, ERR_INVALID, "token",
                    "Biểu mẫu đã cũ hoặc không đầy đủ; xin kiểm tra lại và gửi lại",
                    "the form's token is missing or malformed");
}

bool slot_filled(const Slot *s)
{
    return s->upload || s->kept.sha256;
}

/* first_error keeps in req->err the error it held before a failed check, if any. */
static int first_error(Request *req, const Err *before, int rc)
{
    if (rc < 0 && before->code)
        req->err = *before;
    return rc;
}

int slots_read(Request *req, SlotForm *f)
{
    Store *s = req_store(req);
    const char *dir = req_files_dir(req);
    int first = 0;
    for (size_t i = 0; i < f->n; i++) {
        Slot *slot = &f->slots[i];
        const char *drop = form_get(req, arena_printf(req->arena, "drop-%zu", i));
        const char *kept = form_get(req, arena_printf(req->arena, "kept-%zu", i));
        Err ignored;
        if (f->posted && s && kept && !(drop && *drop))
            pending_find(s, req->arena, dir, f->token, kept, &slot->kept, &ignored);
        if (slot->kept.sha256)
            slot->mime = slot->kept.mime;
        Upload *up = req_upload(req, arena_printf(req->arena, "file-%zu", i));
        if (!up || up->size == 0) /* a browser sends an empty part for an empty input */
            continue;
        Err before = req->err;
        const char *mime;
        int rc = first_error(req, &before, actions_check_upload(req, up, up->field, &mime));
        if (rc < 0) {
            first = first ? first : rc;
            continue;
        }
        slot->upload = up;
        slot->mime = mime;
    }
    return first;
}

int slots_require(Request *req, const SlotForm *f)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->slots[i].required && !slot_filled(&f->slots[i]))
            return req_fail(
                req, ERR_INVALID, arena_printf(req->arena, "file-%zu", i),
                arena_printf(req->arena, "Hãy chọn tệp của giấy tờ bắt buộc: %s", f->slots[i].name),
                "a required paper has no file");
    return 0;
}

/* Parked: the pending uploads one failed post leaves, recorded in one write. */
typedef struct Parked {
    PendingUpload *list;
    size_t n;
} Parked;

static int write_parked(Store *s, void *ctx, Err *e)
{
    const Parked *p = ctx;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < p->n; i++)
        rc = pending_record(s, &p->list[i], e);
    return rc;
}

void slots_park(Request *req, SlotForm *f)
{
    Arena *a = req->arena;
    const char *dir = req_files_dir(req);
    Parked p = {arena_array(a, f->n + 1, sizeof *p.list), 0};
    Slot **parked = arena_array(a, f->n + 1, sizeof *parked);
    Err e;
    for (size_t i = 0; i < f->n; i++) {
        Slot *slot = &f->slots[i];
        Upload *up = slot->upload;
        if (!up)
            continue;
        PendingUpload u = {.token = f->token,
                           .sha256 = up->sha256,
                           .filename = up->filename,
                           .mime = slot->mime,
                           .size = (int64_t)up->size,
                           .created_at = req_now(req)};
        if (pending_park(a, dir, up->path, &u, &e) < 0) {
            LOG_ERROR("%s", e.message_en);
            continue;
        }
        up->moved = 1;
        parked[p.n] = slot;
        p.list[p.n++] = u;
    }
    if (!p.n)
        return;
    Err saved = req->err;
    int rc = req_write(req, write_parked, &p);
    if (rc < 0)
        LOG_ERROR("cannot record pending uploads: %s", req->err.message_en);
    req->err = saved;
    for (size_t k = 0; rc == 0 && k < p.n; k++) {
        parked[k]->kept = p.list[k];
        parked[k]->upload = NULL;
    }
}

int slots_store(Request *req, SlotForm *f)
{
    Arena *a = req->arena;
    const char *dir = req_files_dir(req);
    for (size_t i = 0; i < f->n; i++) {
        Slot *slot = &f->slots[i];
        if (!slot_filled(slot))
            continue;
        const Upload *up = slot->upload;
        const char *sha256 = up ? up->sha256 : slot->kept.sha256;
        const char *src = up ? up->path : pending_path(a, dir, f->token, sha256);
        int duplicate;
        int rc = files_link(a, dir, src, sha256, &duplicate, &req->err);
        if (rc == ERR_NOT_FOUND)
            return req_fail(req, ERR_INVALID, arena_printf(a, "file-%zu", i),
                            "Tệp đã tải lên trước đây không còn trên máy chủ; hãy chọn lại tệp",
                            "the file uploaded before is gone; choose it again");
        if (rc < 0)
            return rc;
        slot->doc = (Document){.sha256 = sha256,
                               .mime = slot->mime,
                               .size = up ? (int64_t)up->size : slot->kept.size,
                               .created_at = req_now(req)};
    }
    return 0;
}

void slots_token_field(StrBuf *sb, const SlotForm *f)
{
    html(sb, "<input type=\"hidden\" name=\"token\" value=\"%s\">", f->token);
}

const char *slots_size(Arena *a, int64_t bytes)
{
    const int64_t mb = 1024 * 1024;
    if (bytes < mb)
        return arena_printf(a, "%s KB", html_num(a, (bytes + 1023) / 1024));
    int64_t tenths = (bytes * 10 + mb / 2) / mb;
    return arena_printf(a, "%lld,%lld MB", (long long)(tenths / 10), (long long)(tenths % 10));
}

void slots_render(StrBuf *sb, Request *req, const SlotForm *f, size_t i)
{
    Arena *a = req->arena;
    const Slot *slot = &f->slots[i];
    const PendingUpload *k = &slot->kept;
    html(sb,
         slot->required ? "<fieldset class=\"slot\"><legend>%s <strong>(bắt buộc)</strong>"
                          "</legend>"
                        : "<fieldset class=\"slot\"><legend>%s</legend>",
         slot->name);
    if (k->sha256)
        html(sb,
             "<p class=\"kept\">Đã tải lên: <strong>%s</strong>, %s</p>"
             "<input type=\"hidden\" name=\"%s\" value=\"%s\">",
             k->filename && *k->filename ? k->filename : "tệp không tên", slots_size(a, k->size),
             arena_printf(a, "kept-%zu", i), k->sha256);
    const char *field = arena_printf(a, "file-%zu", i);
    widget_input(sb, &(Widget){.id = field,
                               .name = field,
                               .type = "file",
                               .label = k->sha256 ? "Thay bằng tệp khác" : "Chọn tệp",
                               .hint = " PDF, JPEG hoặc PNG (ảnh chụp bằng điện thoại được), tối "
                                       "đa 20 MB",
                               .accept = ACCEPT,
                               .required = slot->required && !k->sha256,
                               .err = &req->err});
    if (k->sha256 && !slot->required)
        widget_check(sb, &(Widget){.id = arena_printf(a, "drop-%zu", i),
                                   .name = arena_printf(a, "drop-%zu", i),
                                   .value = "1",
                                   .label = "Bỏ tệp đã tải lên"});
    html(sb, "</fieldset>\n");
}
