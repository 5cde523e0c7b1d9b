/* print.c: the printable forms as pages: GET /dossiers/{code}/forms/{NN} (the form numbered NN
 * in the set of the dossier's circular: Circular 01/2018 Mẫu 01-05, Circular 03/2025 01-06;
 * core/formset.h), GET /dossiers/{code}/forms/bien-lai[?so=RECEIPT] (an e-receipt; the latest
 * by default) and GET /forms/ledger?unit=&year= (the tracking book of a unit's dossiers
 * received in a year). Officers only; each print is recorded in the access log of
 * personal-data views. The data is loaded here: the dossier, its events, the units, the
 * officers the events name with their full names, titles and phones, the unit's head
 * (app/accounts.c); pages/forms.c renders it. */
#include "web/pages/pages.h"

#include "app/accounts.h"
#include "app/signing.h"
#include "app/chains.h"
#include "util/timefmt.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/pages/forms.h"
#include "web/pages/layout.h"
#include "web/pages/officer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* place_of: the place printed in the date line, from a unit name ("UBND xã Gio Linh" ->
 * "Gio Linh"). */
static const char *place_of(const char *unit_name)
{
    static const char *const prefixes[] = {"UBND ", "xã ",      "phường ",   "huyện ",
                                           "tỉnh ", "đặc khu ", "thị trấn ", "thành phố "};
    const char *p = unit_name;
    for (int again = 1; again && p;) {
        again = 0;
        for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
            size_t n = strlen(prefixes[i]);
            if (strncmp(p, prefixes[i], n) == 0) {
                p += n;
                again = 1;
            }
        }
    }
    return p;
}

/* person_of returns the account called login as the forms name it: its full name, title and
 * phone when an account has that name, else the login alone (an imported event's actor, a
 * token's name). Strings from a. */
static FormPerson person_of(Store *s, Arena *a, const char *login)
{
    FormPerson p = {.login = login};
    User u;
    Err ignored;
    if (login && store_user_get(s, a, login, &u, &ignored) == 0) {
        p.full_name = u.full_name;
        p.title = u.title;
        p.phone = u.phone;
    }
    return p;
}

/* people_of fills fd->people with the accounts the events of fd name (by, handler), once
 * each. */
static void people_of(Store *s, Arena *a, FormData *fd)
{
    FormPerson *people = arena_array(a, 2 * fd->n_events + 1, sizeof *people);
    size_t n = 0;
    for (size_t i = 0; i < 2 * fd->n_events; i++) {
        const char *login = i % 2 ? fd->events[i / 2].handler : fd->events[i / 2].by;
        int seen = !login;
        for (size_t k = 0; k < n && !seen; k++)
            seen = strcmp(people[k].login, login) == 0;
        if (!seen)
            people[n++] = person_of(s, a, login);
    }
    fd->people = people;
    fd->n_people = n;
}

/* A form's signature being found or made in the writer. */
typedef struct SignJob {
    Request *req;
    const Dossier *d;
    const char *key, *what, *content;
    Signature g;
} SignJob;

static int write_sign(Store *s, void *ctx, Err *e)
{
    SignJob *j = ctx;
    return signing_content(s, j->req->arena, j->key, j->d->unit, j->d->id, j->what, j->content,
                           req_now(j->req), &j->g, e);
}

/* sign_form signs the canonical content of the form (app/signing.h: a copy printed again keeps
 * its signature) with the receiving unit's certificate and points fd's verification QR at it.
 * A store without a signing key, or a unit without a certificate, prints the form unsigned. */
static int sign_form(Request *req, Store *s, FormBasis basis, FormKind kind, FormData *fd)
{
    SignJob j = {.req = req, .d = fd->dossier};
    int rc = form_content(req->arena, basis, kind, fd, &j.what, &j.content, &req->err);
    if (rc < 0)
        return rc;
    rc = signing_content(s, req->arena, NULL, j.d->unit, j.d->id, j.what, j.content, req_now(req),
                         &j.g, &req->err); /* signed already: no write */
    if (rc == ERR_NOT_FOUND && req_signing_key(req, 0, &j.key, &req->err) == 0)
        rc = req_write(req, write_sign, &j);
    if (rc == ERR_NOT_FOUND) { /* no key, or no certificate: unsigned */
        err_clear(&req->err);
        return 0;
    }
    if (rc < 0)
        return rc;
    fd->verify_url = arena_printf(req->arena, "%s%s", page_base_url(req),
                                  html_url(req->arena, "/xac-thuc", "ma", j.g.token, NULL));
    fd->signed_by = fd->unit_name;
    return 0;
}

/* render sends a form page, or the Err form_render gave. */
static int render(Request *req, Response *res, FormBasis basis, FormKind kind, const FormData *fd)
{
    StrBuf sb;
    sb_init(&sb, 4 * 1024 * 1024);
    int rc = form_render(&sb, basis, kind, fd, &req->err);
    if (rc == 0)
        res_text(res, 200, "text/html; charset=utf-8", sb.data, sb.len);
    sb_free(&sb);
    return rc;
}

/* group_of fills fd with the group of parent d: its name and its steps with their procedures'
 * names (Mẫu 01 lists them). */
static int group_of(Request *req, const Dossier *d, FormData *fd, Err *e)
{
    Store *s = req_store(req);
    Arena *a = req->arena;
    Chain c;
    Dossier *kids;
    size_t n;
    int rc = store_chain_get(s, a, d->chain, &c, e);
    if (rc < 0 || (rc = chains_children(s, a, d->id, &kids, &n, e)) < 0)
        return rc;
    const char **names = arena_array(a, n ? n : 1, sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = officer_procedure_name(req, kids[i].procedure);
    fd->group_name = c.name;
    fd->steps = kids;
    fd->step_names = names;
    fd->n_steps = n;
    return 0;
}

int page_form(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_DOSSIER_READ, NULL);
    if (rc < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Arena *a = req->arena;
    Dossier d;
    Procedure p;
    Unit u, parent;
    Event *evs;
    size_t n;
    if ((rc = dossiers_get(s, a, req->params[0], &d, &req->err)) < 0)
        return rc;
    if ((rc = auth_require_dossier(req, PERM_DOSSIER_READ, &d)) < 0)
        return rc;
    if ((rc = dossiers_events(s, a, d.id, &evs, &n, &req->err)) < 0)
        return rc;
    FormBasis basis = formset_basis(&d, evs, n);
    FormKind kind = form_kind_parse(basis, req->params[1]);
    if (!kind || kind == FORM_LEDGER)
        return req_fail(req, ERR_NOT_FOUND, "form", "Không có mẫu phiếu này", "no such form");
    if ((rc = store_procedure_get(s, a, d.procedure, &p, &req->err)) < 0 ||
        (rc = store_unit_get(s, a, d.unit, &u, &req->err)) < 0)
        return rc;
    Unit *units;
    size_t n_units;
    if ((rc = store_unit_list(s, a, &units, &n_units, &req->err)) < 0)
        return rc;
    FormPerson officer = person_of(s, a, req->who.name), head;
    User head_user;
    Err no_head;
    FormData fd = {.dossier = &d,
                   .events = evs,
                   .n_events = n,
                   .procedure = &p,
                   .unit_name = u.name,
                   .place = place_of(u.name),
                   .officer = &officer,
                   .units = units,
                   .n_units = n_units,
                   .lookup_url = arena_printf(
                       a, "%s%s", page_base_url(req),
                       html_url(a, "/tra-cuu", "ma", d.code, "key", d.lookup_key, NULL)),
                   .now = req_now(req)};
    if (u.parent && store_unit_get(s, a, u.parent, &parent, &req->err) == 0)
        fd.parent_unit_name = parent.name;
    if (d.chain && (rc = group_of(req, &d, &fd, &req->err)) < 0)
        return rc;
    people_of(s, a, &fd);
    if (kind == FORM_APOLOGY && accounts_unit_head(s, a, d.unit, &head_user, &no_head) == 0) {
        head = person_of(s, a, head_user.name);
        fd.head = &head;
    }
    Payment *pays;
    size_t n_pays;
    if (kind == FORM_FEE_RECEIPT) {
        if ((rc = store_payments_of(s, a, d.id, &pays, &n_pays, &req->err)) < 0)
            return rc;
        /* ?so= picks one of the dossier's receipts; the latest by default */
        const char *no = req_query(req, "so");
        fd.payment = !no && n_pays ? &pays[n_pays - 1] : NULL;
        for (size_t i = 0; no && i < n_pays; i++)
            if (strcmp(pays[i].receipt_no, no) == 0)
                fd.payment = &pays[i];
        if (no && !fd.payment)
            return req_fail(req, ERR_NOT_FOUND, "so", "Hồ sơ không có biên lai số này",
                            "the dossier has no receipt with this number");
    }
    if ((rc = sign_form(req, s, basis, kind, &fd)) < 0)
        return rc;
    if ((rc = render(req, res, basis, kind, &fd)) <
        0) /* a form that does not apply shows nothing */
        return rc;
    /* logged before the page goes out; a failure replaces it with the error page */
    const FormSpec *spec = formset_form(basis, kind);
    return actions_log_view(
        req, &d,
        kind == FORM_FEE_RECEIPT || !spec ? "receipt" : arena_printf(a, "form-%02d", spec->number));
}

int page_ledger(Request *req, Response *res)
{
    const char *unit = req_query(req, "unit"), *year_s = req_query(req, "year");
    int rc = auth_require(req, PERM_DOSSIER_READ, unit);
    if (rc < 0)
        return rc;
    if (!unit)
        unit = req->who.unit;
    char *end = "";
    errno = 0;
    long year = year_s ? strtol(year_s, &end, 10) : page_this_year(req);
    if (errno || *end || year < 2000 || year > 2199)
        return req_fail(req, ERR_INVALID, "year", "Năm (year) phải từ 2000 đến 2199",
                        "year must be 2000-2199");
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Unit u;
    if ((rc = store_unit_get(s, req->arena, unit, &u, &req->err)) < 0)
        return rc;
    DossierQuery q = {
        .under = unit,
        .received_from = timefmt_local_instant(timefmt_days_from_civil((int)year, 1, 1), 0),
        .received_to = timefmt_local_instant(timefmt_days_from_civil((int)year + 1, 1, 1), 0),
        .limit = 5000};
    Dossier *ds;
    size_t n;
    if ((rc = dossiers_search(s, req->arena, &q, &ds, &n, &req->err)) < 0)
        return rc;
    /* the book runs in order of receipt */
    for (size_t i = 0; i < n / 2; i++) {
        Dossier t = ds[i];
        ds[i] = ds[n - 1 - i];
        ds[n - 1 - i] = t;
    }
    const char **names = arena_array(req->arena, n + 1, sizeof *names);
    for (size_t i = 0; i < n; i++) {
        Procedure p;
        Err ignored;
        names[i] =
            store_procedure_get(s, req->arena, ds[i].procedure, &p, &ignored) == 0 ? p.name : NULL;
    }
    Unit *units;
    size_t n_units;
    if ((rc = store_unit_list(s, req->arena, &units, &n_units, &req->err)) < 0)
        return rc;
    FormPerson officer = person_of(s, req->arena, req->who.name);
    FormData fd = {.unit_name = u.name,
                   .place = place_of(u.name),
                   .officer = &officer,
                   .units = units,
                   .n_units = n_units,
                   .now = req_now(req),
                   .ledger = ds,
                   .n_ledger = n,
                   .ledger_procedure_names = names,
                   .ledger_year = (int)year};
    /* an empty book takes the set in force at the year's end */
    FormBasis basis = formset_basis_at(q.received_to - 1);
    if ((rc = render(req, res, basis, FORM_LEDGER, &fd)) < 0)
        return rc;
    return actions_log_list(req, unit, "ledger", n);
}
