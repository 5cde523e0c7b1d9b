/* actions.c: writes on behalf of the logged-in user, shared by pages and API (see actions.h). */
#include "web/actions.h"

#include "core/filetype.h"
#include "io/dossier_json.h"
#include "store/documents.h"
#include "store/accounts.h"
#include "store/calendars.h"
#include "util/timefmt.h"
#include "web/form.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

Actor actions_actor(const Request *req)
{
    Actor a = {req->who.name, req->who.role, req->who.unit};
    if (req->who.role == ROLE_NONE)
        a.name = "công dân";
    return a;
}

typedef struct Job {
    Request *req;
    const DossierInput *in;
    Procedure p;
    const char *code, *payload;
    const DossierEvent *ev;
    Dossier *out;
} Job;

static int write_intake(Store *s, void *ctx, Err *e)
{
    Job *j = ctx;
    Actor who = actions_actor(j->req);
    return dossiers_intake(s, j->req->arena, j->in, &j->p, &who, req_now(j->req), j->out, e);
}

static int write_act(Store *s, void *ctx, Err *e)
{
    Job *j = ctx;
    Actor who = actions_actor(j->req);
    return dossiers_act(s, j->req->arena, j->code, j->ev, j->payload, &who, req_now(j->req), j->out,
                        e);
}

int actions_intake_check(Request *req, const DossierInput *in, Procedure *p)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Actor who = actions_actor(req);
    return dossiers_intake_check(s, req->arena, in, &who, req_now(req), p, &req->err);
}

int actions_intake(Request *req, const DossierInput *in, Dossier *out)
{
    Job j = {.req = req, .in = in, .out = out};
    int rc = actions_intake_check(req, in, &j.p);
    return rc < 0 ? rc : req_write(req, write_intake, &j);
}

int actions_act(Request *req, const char *code, const DossierEvent *ev, const char *payload,
                Dossier *out)
{
    Dossier ignored;
    Job j = {.req = req, .code = code, .ev = ev, .payload = payload, .out = out ? out : &ignored};
    return req_write(req, write_act, &j);
}

/* local_instant turns "YYYY-MM-DDTHH:MM" (an HTML datetime-local value, Vietnam time) into
 * an ISO instant with +07:00. */
static const char *local_instant(Arena *a, const char *v)
{
    if (!v || strlen(v) != 16 || v[10] != 'T')
        return v;
    return arena_printf(a, "%s:00+07:00", v);
}

int actions_event_from_form(Request *req, DossierEvent *out, const char **out_payload)
{
    static const char *const text_fields[] = {"action",    "to",     "handler", "reason",
                                              "outcome",   "level",  "comment", "text",
                                              "component", "receipt"};
    int rc = form_parse(req);
    if (rc < 0)
        return rc;
    json_t *o = json_object();
    for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++) {
        const char *v = form_get(req, text_fields[i]);
        if (v && *v)
            json_object_set_new(o, text_fields[i], json_string(v));
    }
    const char *appt = form_get(req, "new_appointment");
    if (appt && *appt)
        json_object_set_new(o, "new_appointment", json_string(local_instant(req->arena, appt)));
    const char *items = form_get(req, "items");
    if (items && *items) {
        json_t *arr = json_array();
        const char *p = items;
        while (*p) {
            const char *nl = strchr(p, '\n'), *end = nl ? nl : p + strlen(p);
            const char *b = p, *t = end;
            while (b < t && (*b == ' ' || *b == '\r'))
                b++;
            while (t > b && (t[-1] == ' ' || t[-1] == '\r'))
                t--;
            if (t > b)
                json_array_append_new(arr, json_stringn(b, (size_t)(t - b)));
            p = nl ? nl + 1 : end;
        }
        if (json_array_size(arr))
            json_object_set_new(o, "items", arr);
        else
            json_decref(arr);
    }
    const char *amount = form_get(req, "amount");
    if (amount && *amount) {
        char *end;
        errno = 0;
        long long n = strtoll(amount, &end, 10);
        if (errno || *end || n < 0) {
            json_decref(o);
            return req_fail(req, ERR_INVALID, "amount", "Số tiền phải là số nguyên không âm",
                            "amount must be a whole number");
        }
        json_object_set_new(o, "amount", json_integer(n));
    }
    static const char *const flags[] = {"online", "result", "result_digitized"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = form_get(req, flags[i]);
        if (v && *v)
            json_object_set_new(o, flags[i], json_true());
    }
    rc = dossier_json_event(req->arena, o, 0, out, out_payload, NULL, &req->err);
    int has_items = json_object_get(o, "items") != NULL;
    json_decref(o);
    /* what the printed notice needs, which an officer at the form must give */
    if (rc == 0 && out->action == ACTION_STOP && !out->reason)
        return req_fail(req, ERR_INVALID, "reason", "Cần nêu lý do dừng xử lý (in trên Mẫu 03)",
                        "a stop needs its reason (printed on form 03)");
    if (rc == 0 && out->action == ACTION_REQUEST_SUPPLEMENT && !has_items)
        return req_fail(req, ERR_INVALID, "items",
                        "Cần liệt kê giấy tờ cần bổ sung, mỗi dòng một giấy tờ (in trên Mẫu 02)",
                        "list the papers to supplement, one a line (printed on form 02)");
    return rc;
}

int actions_write_user(Store *s, void *new_user, Err *e)
{
    const NewUser *u = new_user;
    return accounts_add_user(s, u->name, u->role, u->unit, u->password, u->now, NULL, e);
}

int actions_write_password(Store *s, void *password_reset, Err *e)
{
    const PasswordReset *pr = password_reset;
    return accounts_set_password(s, pr->name, pr->password, pr->now, e);
}

int actions_write_year(Store *s, void *year_load, Err *e)
{
    const YearLoad *y = year_load;
    return calendars_set_year(s, y->year, y->tsv, y->by, y->now, e);
}

int actions_write_windows(Store *s, void *windows_set, Err *e)
{
    const WindowsSet *w = windows_set;
    return calendars_set_windows(s, w->unit, w->specs, e);
}

typedef struct View {
    const char *who, *what;
    int64_t dossier, now;
} View;

static int write_view(Store *s, void *ctx, Err *e)
{
    const View *v = ctx;
    return store_access_log(s, v->who, v->dossier, v->what, v->now, e);
}

int actions_log_view(Request *req, int64_t dossier, const char *what)
{
    View v = {req->who.name, what, dossier, req_now(req)};
    return req_write(req, write_view, &v);
}

int actions_keep_upload(Request *req, Document *out, int *out_duplicate)
{
    Upload *u = &req->upload;
    if (!u->path)
        return req_fail(req, ERR_INVALID, "file", "Thiếu tệp tải lên (trường file)",
                        "the file (the part named file) is missing");
    const char *mime = filetype_sniff(u->head, u->head_len);
    if (!mime)
        return req_fail(req, ERR_MEDIA_TYPE, "file",
                        "Tệp phải là PDF, JPEG hoặc PNG (nhận biết theo nội dung, không theo "
                        "tên tệp)",
                        "the file must be a PDF, JPEG or PNG (judged by its content, not its "
                        "name)");
    int duplicate;
    int rc =
        documents_keep(req->arena, req_files_dir(req), u->path, u->sha256, &duplicate, &req->err);
    if (rc < 0)
        return rc;
    u->moved = 1;
    *out = (Document){
        .sha256 = u->sha256, .mime = mime, .size = (int64_t)u->size, .created_at = req_now(req)};
    if (out_duplicate)
        *out_duplicate = duplicate;
    return 0;
}
