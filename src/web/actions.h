/* actions.h: what the web does through the single writer on behalf of the logged-in user,
 * shared by the pages and the JSON API: dossier intake and lifecycle actions, accounts,
 * holiday schedules and counter hours, each calling the same store function as the CLI. */
#ifndef MOTCUA_ACTIONS_H
#define MOTCUA_ACTIONS_H

#include "app/dossiers.h"
#include "web/http.h"

/* actions_actor: who acts in req: the logged-in user, or "công dân" (the public). */
Actor actions_actor(const Request *req);

/* actions_intake_check checks in as the caller's intake on the request's reader connection
 * (dossiers_intake_check); p gets its procedure. */
int actions_intake_check(Request *req, const DossierInput *in, Procedure *p);

/* actions_intake checks and files in as the caller; out (arena) gets the new dossier. */
int actions_intake(Request *req, const DossierInput *in, Dossier *out);

/* actions_act applies ev to the dossier code as the caller (dossiers_act: the page and the
 * API take an action alike); out (may be NULL) gets the dossier after it. */
int actions_act(Request *req, const char *code, const Event *ev, Dossier *out);

/* actions_event_from_form builds a lifecycle event from form fields: the field "action" and
 * that action's fields of the action table, named as in the JSON event body (a list one item
 * a line, an instant as the browser's local "YYYY-MM-DDTHH:MM"), and reads it as the API
 * reads its body (app/record.c). */
int actions_event_from_form(Request *req, Event *out);

/* actions_lookup_unlock unlocks the public look-up of dossier (its row id) that wrong keys
 * locked (app/lookup.h); the caller has checked the officer may read the dossier. */
int actions_lookup_unlock(Request *req, int64_t dossier);

/* actions_log_view records, before it is shown, that the logged-in officer views the personal
 * data of dossier d (what: "view", "document", "form-01", ..., "receipt"), with the reason the
 * request gives (?ly-do= or ?reason=, at most 500 bytes: ERR_INVALID otherwise), in the access
 * log (docs/INTERFACES.md §3). */
int actions_log_view(Request *req, const Dossier *d, const char *what);

/* actions_log_list records one view of a list of dossiers of unit (and below; NULL: all) that
 * shows personal data (what: "search", "worklist", "counter", "ledger", "reusable"): one row
 * naming the request's query and how many rows it showed, never one per dossier. */
int actions_log_list(Request *req, const char *unit, const char *what, size_t rows);

/* actions_keep_upload checks the request's uploaded file (ROUTE_UPLOAD): present, and a PDF,
 * JPEG or PNG by its content (ERR_MEDIA_TYPE otherwise), then moves it into the document
 * store beside the database and fills out (its sha256, mime, size, now). *out_duplicate (may
 * be NULL) is 1 when the store had those bytes already. */
int actions_keep_upload(Request *req, Document *out, int *out_duplicate);

/* The write functions below run inside req_write (WriteFn) with the context named. */
typedef struct NewUser {
    const char *name, *role, *unit, *password;
    int64_t now;
} NewUser;
int actions_write_user(Store *s, void *new_user, Err *e);

typedef struct PasswordReset {
    const char *name, *password;
    int64_t now;
} PasswordReset;
int actions_write_password(Store *s, void *password_reset, Err *e);

/* YearLoad: year's holiday schedule as TSV, loaded by user `by` at now. */
typedef struct YearLoad {
    int year;
    const char *tsv, *by;
    int64_t now;
} YearLoad;
int actions_write_year(Store *s, void *year_load, Err *e);

/* WindowsSet: a unit's weekly counter hours, specs by weekday (0 = Sunday). */
typedef struct WindowsSet {
    const char *unit;
    const char *specs[7];
} WindowsSet;
int actions_write_windows(Store *s, void *windows_set, Err *e);

#endif
