/* actions.h: what the web does through the single writer on behalf of the logged-in user,
 * shared by the pages and the JSON API: dossier intake and lifecycle actions, accounts,
 * holiday schedules and counter hours, each calling the same store function as the CLI. */
#ifndef MOTCUA_ACTIONS_H
#define MOTCUA_ACTIONS_H

#include "app/accounts.h"
#include "app/devices.h"
#include "app/dossiers.h"
#include "web/http.h"

/* actions_actor: who acts in req: the logged-in user, or "công dân" (the public). */
Actor actions_actor(const Request *req);

/* actions_intake_check checks in as the caller's intake on the request's reader connection
 * (dossiers_intake_check); p gets its procedure. First, when the population register knows the
 * applicant's identity number, the applicant's name, birth date and address become the
 * register's (web/people.h people_prefill): whatever the form said, once-only identity. */
int actions_intake_check(Request *req, DossierInput *in, Procedure *p);

/* A paper's scan taken with the intake: the stored file (actions_keep_upload) and the
 * component it is. */
typedef struct Scan {
    Document doc;
    const char *name;
} Scan;

/* actions_intake checks and files in as the caller, with the n_scans scans attached in the same
 * transaction (each a digitize event backed by its file); out (arena) gets the new dossier. */
int actions_intake(Request *req, DossierInput *in, const Scan *scans, size_t n_scans, Dossier *out);

/* actions_act applies ev to the dossier code as the caller (dossiers_act: the page and the
 * API take an action alike); out (may be NULL) gets the dossier after it. */
int actions_act(Request *req, const char *code, const Event *ev, Dossier *out);

/* actions_attach attaches a file to the dossier code as the caller, in one transaction with
 * the action ev when given (a result with its resolution): doc (sha256, mime, size) as kind
 * ("component" with its name, or "result"), or, with reused_from, the earlier dossier's result
 * doc->sha256 reused as the component name (no new file). Either may be absent (doc NULL:
 * only ev). */
int actions_attach(Request *req, const char *code, const Document *doc, const char *kind,
                   const char *name, const char *reused_from, const Event *ev);

/* actions_lines is a form's multi-line text v as a JSON array of its non-blank lines, trimmed
 * (a list field: one item a line). The caller owns the result. */
json_t *actions_lines(const char *v);

/* actions_event_from_form builds a lifecycle event from form fields: the field "action" and
 * that action's fields of the action table, named as in the JSON event body (a list one item
 * a line, an instant as the browser's local "YYYY-MM-DDTHH:MM"), and reads it as the API
 * reads its body (app/record.c). */
int actions_event_from_form(Request *req, Event *out);

/* actions_lookup_unlock unlocks the public look-up of dossier (its row id) that wrong keys
 * locked (app/lookup.h); the caller has checked the officer may read the dossier. */
int actions_lookup_unlock(Request *req, int64_t dossier);

/* actions_sign_result signs, in the writer's transaction s, the result file sha256 just
 * attached to the dossier code (app/signing.h signing_result); nothing when the server has no
 * signing key or the units no certificate. *out_token (may be NULL) gets the signature's token
 * or NULL. */
int actions_sign_result(Store *s, Request *req, const char *code, const char *sha256,
                        const char **out_token, Err *e);

/* actions_log_view records, before it is shown, that the logged-in officer views the personal
 * data of dossier d (what: "view", "document", "form-01", ..., "receipt"), with the reason the
 * request gives (?ly-do= or ?reason=, at most 500 bytes: ERR_INVALID otherwise), in the access
 * log (docs/INTERFACES.md §3). */
int actions_log_view(Request *req, const Dossier *d, const char *what);

/* actions_log_list records one view of a list of dossiers of unit (and below; NULL: all) that
 * shows personal data (what: "search", "worklist", "counter", "ledger", "reusable"): one row
 * naming the request's query and how many rows it showed, never one per dossier. */
int actions_log_list(Request *req, const char *unit, const char *what, size_t rows);

/* actions_check_upload checks an uploaded file u (ROUTE_UPLOAD): present (ERR_INVALID naming
 * field otherwise) and a PDF, JPEG or PNG by its content (ERR_MEDIA_TYPE naming u's part
 * otherwise); *out_mime gets its type. */
int actions_check_upload(Request *req, const Upload *u, const char *field, const char **out_mime);

/* actions_keep_upload checks u as actions_check_upload does, then moves it into the document
 * store beside the database and fills out (its sha256, mime, size, now). *out_duplicate (may
 * be NULL) is 1 when the store had those bytes already. */
int actions_keep_upload(Request *req, Upload *u, const char *field, Document *out,
                        int *out_duplicate);

/* The write functions below run inside req_write (WriteFn) with the context named. */
typedef struct NewUser {
    const char *name, *role, *unit, *password;
    int64_t now;
    UserProfile profile;
} NewUser;
int actions_write_user(Store *s, void *new_user, Err *e);

/* ProfileSet: the new profile of user name (accounts_set_profile). */
typedef struct ProfileSet {
    const char *name;
    UserProfile profile;
} ProfileSet;
int actions_write_profile(Store *s, void *profile_set, Err *e);

/* UserSwitch: disable user name (their sessions end) or enable them again. */
typedef struct UserSwitch {
    const char *name;
    bool disabled;
} UserSwitch;
int actions_write_disabled(Store *s, void *user_switch, Err *e);

/* TokenNew: a token to create for (name, role, unit), refused from expires_at on; the token
 * and its id come back in token and id. */
typedef struct TokenNew {
    const char *name, *role, *unit;
    int64_t now, expires_at;
    char token[64];
    int64_t id;
} TokenNew;
int actions_write_token(Store *s, void *token_new, Err *e);

/* TokenRevoke: revoke token id (under: the scope it must lie in) at now. */
typedef struct TokenRevoke {
    const char *id, *under;
    int64_t now;
} TokenRevoke;
int actions_write_token_revoke(Store *s, void *token_revoke, Err *e);

/* DeviceNew: a rating device to register (name, unit, the queue counter it stands at; by the
 * admin `by` at now); what it became (from arena) and its token (shown once) come back in out
 * and token. */
typedef struct DeviceNew {
    Arena *arena;
    const char *name, *unit, *counter, *by;
    int64_t now;
    Device out;
    char token[DEVICE_TOKEN_MAX];
} DeviceNew;
int actions_write_device(Store *s, void *device_new, Err *e);

/* DeviceRevoke: take device id out of use at now. */
typedef struct DeviceRevoke {
    int64_t id, now;
} DeviceRevoke;
int actions_write_device_revoke(Store *s, void *device_revoke, Err *e);

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
