/* actions.c: writes on behalf of the logged-in user, shared by pages and API (see actions.h). */
#include "web/actions.h"

#include "core/filetype.h"
#include "app/record.h"
#include "app/documents.h"
#include "store/files.h"
#include "app/accounts.h"
#include "app/calendars.h"
#include "app/lookup.h"
#include "app/signing.h"
#include "util/timefmt.h"
#include "web/people.h"
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
    const char *code;
    const Event *ev;
    Dossier *out;
    const Document *doc; /* a file attached in the same transaction */
    const char *kind, *name, *from;
    const Scan *scans; /* intake: the papers' scans attached with it */
    size_t n_scans;
} Job;

static int write_intake(Store *s, void *ctx, Err *e)
{
    Job *j = ctx;
    Actor who = actions_actor(j->req);
    int rc = dossiers_intake(s, j->req->arena, j->in, &j->p, &who, req_now(j->req), j->out, e);
    for (size_t i = 0; rc == 0 && i < j->n_scans; i++)
        rc = documents_attach(s, j->req->arena, j->out->code, &j->scans[i].doc,
                              j->scans[i].doc.sha256, "component", j->scans[i].name, NULL, &who,
                              req_now(j->req), NULL, e);
    return rc;
}

static int write_act(Store *s, void *ctx, Err *e)
{
    Job *j = ctx;
    Actor who = actions_actor(j->req);
    return dossiers_act(s, j->req->arena, j->code, j->ev, &who, req_now(j->req), j->out, e);
}

int actions_intake_check(Request *req, DossierInput *in, Procedure *p)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    people_prefill(req, &in->applicant);
    Actor who = actions_actor(req);
    return dossiers_intake_check(s, req->arena, in, &who, req_now(req), p, &req->err);
}

int actions_intake(Request *req, DossierInput *in, const Scan *scans, size_t n_scans, Dossier *out)
{
    Job j = {.req = req, .in = in, .out = out, .scans = scans, .n_scans = n_scans};
    int rc = actions_intake_check(req, in, &j.p);
    return rc < 0 ? rc : req_write(req, write_intake, &j);
}

int actions_act(Request *req, const char *code, const Event *ev, Dossier *out)
{
    Dossier ignored;
    Job j = {.req = req, .code = code, .ev = ev, .out = out ? out : &ignored};
    return req_write(req, write_act, &j);
}

static int write_file_act(Store *s, void *ctx, Err *e)
{
    Job *j = ctx;
    Actor who = actions_actor(j->req);
    int rc = 0;
    if (j->from)
        rc = documents_reuse(s, j->req->arena, j->code, j->doc->sha256, j->name, j->from, &who,
                             req_now(j->req), NULL, e);
    else if (j->doc)
        rc = documents_attach(s, j->req->arena, j->code, j->doc, j->doc->sha256, j->kind, j->name,
                              NULL, &who, req_now(j->req), NULL, e);
    if (rc == 0 && j->doc && !j->from && strcmp(j->kind, "result") == 0)
        rc = actions_sign_result(s, j->req, j->code, j->doc->sha256, NULL, e);
    return rc < 0 || !j->ev ? rc : write_act(s, ctx, e);
}

int actions_sign_result(Store *s, Request *req, const char *code, const char *sha256,
                        const char **out_token, Err *e)
{
    const char *key, *token = NULL;
    Err none;
    int rc = req_signing_key(req, 0, &key, &none);
    if (rc == 0)
        rc = signing_result(s, req->arena, key, req_files_dir(req), code, sha256, req_now(req),
                            &token, e);
    else if (rc == ERR_NOT_FOUND)
        rc = 0; /* nothing to sign with */
    else
        *e = none;
    if (rc == 0 && out_token)
        *out_token = token;
    return rc;
}

int actions_attach(Request *req, const char *code, const Document *doc, const char *kind,
                   const char *name, const char *reused_from, const Event *ev)
{
    Dossier ignored;
    Job j = {.req = req,
             .code = code,
             .ev = ev,
             .out = &ignored,
             .doc = doc,
             .kind = kind,
             .name = name,
             .from = reused_from};
    return req_write(req, write_file_act, &j);
}

json_t *actions_lines(const char *v)
{
    json_t *arr = json_array();
    const char *p = v;
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
    return arr;
}

/* form_value is the JSON value of field f as the form gives it (NULL when the form leaves it
 * empty): a list one item a line, money a whole number, a flag a ticked box, an instant the
 * browser's local "YYYY-MM-DDTHH:MM" (Vietnam time), anything else the text. */
static json_t *form_value(Request *req, const ActionField *f, int *bad)
{
    const char *v = form_get(req, f->name);
    if (!v || !*v)
        return NULL;
    switch (f->kind) {
    case FIELD_LIST: {
        json_t *arr = actions_lines(v);
        if (json_array_size(arr))
            return arr;
        json_decref(arr);
        return NULL;
    }
    case FIELD_MONEY: {
        char *end;
        errno = 0;
        long long n = strtoll(v, &end, 10);
        *bad = errno || *end || n < 0;
        return *bad ? NULL : json_integer(n);
    }
    case FIELD_FLAG: return json_true();
    case FIELD_INSTANT:
        return json_string(
            strlen(v) == 16 && v[10] == 'T' ? arena_printf(req->arena, "%s:00+07:00", v) : v);
    default: return json_string(v);
    }
}

int actions_event_from_form(Request *req, Event *out)
{
    int rc = form_parse(req);
    if (rc < 0)
        return rc;
    const char *action = form_get(req, "action");
    int a = lifecycle_action_parse(action);
    json_t *o = json_object();
    if (action)
        json_object_set_new(o, "action", json_string(action));
    const ActionSpec *spec = lifecycle_action((Action)a);
    for (size_t i = 0; spec && i < spec->n_fields; i++) {
        int bad = 0;
        json_t *v = form_value(req, &spec->fields[i], &bad);
        if (bad) {
            json_decref(o);
            return req_fail(req, ERR_INVALID, spec->fields[i].name,
                            "Số tiền phải là số nguyên không âm", "amount must be a whole number");
        }
        if (v)
            json_object_set_new(o, spec->fields[i].name, v);
    }
    rc = record_event_read(req->arena, o, false, out, &req->err);
    json_decref(o);
    return rc;
}

int actions_write_user(Store *s, void *new_user, Err *e)
{
    const NewUser *u = new_user;
    return accounts_add_user(s, u->name, u->role, u->unit, u->password, &u->profile, u->now, NULL,
                             e);
}

int actions_write_profile(Store *s, void *profile_set, Err *e)
{
    const ProfileSet *p = profile_set;
    return accounts_set_profile(s, p->name, &p->profile, e);
}

int actions_write_disabled(Store *s, void *user_switch, Err *e)
{
    const UserSwitch *u = user_switch;
    return accounts_set_disabled(s, u->name, u->disabled, e);
}

int actions_write_token(Store *s, void *token_new, Err *e)
{
    TokenNew *t = token_new;
    return accounts_add_token(s, t->name, t->role, t->unit, t->now, t->expires_at, t->token, &t->id,
                              e);
}

int actions_write_device(Store *s, void *device_new, Err *e)
{
    DeviceNew *d = device_new;
    return devices_add(s, d->arena, d->name, d->unit, d->counter, d->by, d->now, &d->out, d->token,
                       e);
}

int actions_write_device_revoke(Store *s, void *device_revoke, Err *e)
{
    const DeviceRevoke *r = device_revoke;
    return store_device_revoke(s, r->id, r->now, e);
}

int actions_write_token_revoke(Store *s, void *token_revoke, Err *e)
{
    const TokenRevoke *t = token_revoke;
    return accounts_revoke_tokens(s, t->id, t->under, t->now, NULL, e);
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

static int write_unlock(Store *s, void *ctx, Err *e)
{
    return lookup_unlock(s, *(const int64_t *)ctx, e);
}

int actions_lookup_unlock(Request *req, int64_t dossier)
{
    return req_write(req, write_unlock, &dossier);
}

static int write_view(Store *s, void *ctx, Err *e)
{
    return store_access_log(s, ctx, e);
}

/* log_view fills in who, where from, when and why of v, and records it before the answer. */
static int log_view(Request *req, AccessEntry *v)
{
    /* the reason an officer may give, on a page's address (?ly-do=) or the API's (?reason=) */
    const char *why = req_query(req, "ly-do");
    if (!why)
        why = req_query(req, "reason");
    if (why && strlen(why) > 500)
        return req_fail(req, ERR_INVALID, why == req_query(req, "reason") ? "reason" : "ly-do",
                        "Lý do xem dài tối đa 500 byte", "the reason is at most 500 bytes");
    v->who = req->who.name;
    v->ip = req->client_ip;
    v->at = req_now(req);
    v->why = why && *why ? why : NULL;
    return req_write(req, write_view, v);
}

int actions_log_view(Request *req, const Dossier *d, const char *what)
{
    AccessEntry v = {.unit = d->unit, .dossier = d->id, .what = what};
    return log_view(req, &v);
}

int actions_log_list(Request *req, const char *unit, const char *what, size_t rows)
{
    AccessEntry v = {
        .unit = unit, .what = what, .query = req_query_text(req), .rows = (int64_t)rows};
    return log_view(req, &v);
}

int actions_check_upload(Request *req, const Upload *u, const char *field, const char **out_mime)
{
    if (!u)
        return req_fail(req, ERR_INVALID, field, "Thiếu tệp tải lên", "the file is missing");
    const char *mime = filetype_sniff(u->head, u->head_len);
    if (!mime)
        return req_fail(req, ERR_MEDIA_TYPE, u->field,
                        "Tệp phải là PDF, JPEG hoặc PNG (nhận biết theo nội dung, không theo "
                        "tên tệp)",
                        "the file must be a PDF, JPEG or PNG (judged by its content, not its "
                        "name)");
    *out_mime = mime;
    return 0;
}

int actions_keep_upload(Request *req, Upload *u, const char *field, Document *out,
                        int *out_duplicate)
{
    const char *mime;
    int duplicate;
    int rc = actions_check_upload(req, u, field, &mime);
    if (rc < 0 || (rc = files_keep(req->arena, req_files_dir(req), u->path, u->sha256, &duplicate,
                                   &req->err)) < 0)
        return rc;
    u->moved = 1;
    *out = (Document){
        .sha256 = u->sha256, .mime = mime, .size = (int64_t)u->size, .created_at = req_now(req)};
    if (out_duplicate)
        *out_duplicate = duplicate;
    return 0;
}
