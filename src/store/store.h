/* store.h: persistence behind one interface. Nothing here names an engine: the SQLite
 * backend (sqlite.c) implements it today; a PostgreSQL backend will implement the same
 * functions. A Store is one connection; it belongs to one thread at a time. Writes are
 * made inside store_begin/store_commit by the single writer (DESIGN §5).
 *
 * Records returned by look-ups point into the caller's Arena. Absent optional text is NULL.
 * Every function returns 0 or a negative ERR_* and fills Err on failure. */
#ifndef MOTCUA_STORE_H
#define MOTCUA_STORE_H

#include "core/dossier.h"
#include "core/stats.h"
#include "util/arena.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>

typedef struct Store Store;

typedef struct Unit {
    const char *code, *name, *level, *parent, *valid_from, *valid_to, *successor;
} Unit;

typedef struct Field {
    const char *code, *name;
} Field;

typedef struct Component {
    const char *name;
    int required;
} Component;

typedef struct Procedure {
    const char *code, *name, *field, *level;
    int limit_value;
    const char *limit_unit; /* "days", "hours", "calendar_days" */
    const char *online;     /* "full", "partial", "none" */
    int64_t fee;            /* VND */
    Component *components;
    size_t n_components;
} Procedure;

typedef struct User {
    int64_t id;
    const char *name, *role, *unit, *password_hash;
    int disabled;
    int64_t created_at;
} User;

typedef enum StoreMode {
    STORE_OPEN,   /* the store must exist and be at the current schema version */
    STORE_CREATE, /* create the store if absent and apply every pending migration */
    STORE_READONLY,
    /* a server thread's reader: as STORE_OPEN, with a 1 MiB page cache (there is one per
     * thread, so the server's memory stays bounded whatever the size of the store) */
    STORE_READER
} StoreMode;

/* store_open opens the store named by url: a file path (SQLite) or a postgresql:// URL. */
int store_open(const char *url, StoreMode mode, Store **out, Err *e);

/* store_close closes the connection. NULL is allowed. */
void store_close(Store *s);

/* store_schema_version writes the applied schema version. */
int store_schema_version(Store *s, int *out, Err *e);

/* store_backup writes an online, consistent copy of the store to path (which must not
 * exist); writers may continue meanwhile. */
int store_backup(Store *s, const char *path, Err *e);

/* store_check verifies the store's physical integrity and every reference; each problem
 * found is passed to report (may be NULL) and counted in *out_problems. */
int store_check(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                long *out_problems, Err *e);

/* Transactions: one at a time per Store; store_commit returns only once the data is durable. */
int store_begin(Store *s, Err *e);
int store_commit(Store *s, Err *e);
void store_rollback(Store *s);

/* Catalogue. Puts insert or replace by code. */
int store_unit_put(Store *s, const Unit *u, Err *e);
int store_unit_get(Store *s, Arena *a, const char *code, Unit *out, Err *e);
int store_unit_list(Store *s, Arena *a, Unit **out, size_t *out_n, Err *e);
/* store_unit_within writes 1 when unit is ancestor or lies below it (parent links), else 0. */
int store_unit_within(Store *s, const char *unit, const char *ancestor, int *out, Err *e);

int store_field_put(Store *s, const Field *f, Err *e);
int store_field_get(Store *s, Arena *a, const char *code, Field *out, Err *e);
int store_field_list(Store *s, Arena *a, Field **out, size_t *out_n, Err *e);

int store_procedure_put(Store *s, const Procedure *p, Err *e);
int store_procedure_get(Store *s, Arena *a, const char *code, Procedure *out, Err *e);
/* store_names gets the names of a procedure and a unit at once (ERR_NOT_FOUND if either is
 * missing). */
int store_names(Store *s, Arena *a, const char *procedure, const char *unit,
                const char **procedure_name, const char **unit_name, Err *e);
/* store_procedure_search lists procedures whose folded name or code contains the folded
 * query q (NULL or "": all), optionally only of field, ordered by code, at most limit. */
int store_procedure_search(Store *s, Arena *a, const char *q_folded, const char *field,
                           size_t limit, Procedure **out, size_t *out_n, Err *e);

/* A dossier: what was filed (fixed at intake) and the projection of its events. */
typedef struct Dossier {
    int64_t id;
    const char *code, *procedure, *unit, *channel;
    int full_online;
    int64_t fee;
    const char *applicant; /* JSON object text: name, id_number, phone, address, email */
    const char *applicant_name;
    const char *components; /* JSON array text: [{name, digitized}] */
    int limit_value;
    const char *limit_unit; /* the procedure's limit at receipt: "days", "hours", ... */
    DossierProjection p;
    unsigned char last_hash[32];
    int64_t created_at;
    int64_t due_override; /* an imported line's due_at (0: none) */
    int due_override_seq; /* the event after which it applies (0: the last moving the due) */
} Dossier;

/* One stored event of a dossier's history. */
typedef struct StoredEvent {
    int64_t feed; /* the change-feed cursor */
    int64_t dossier;
    int seq;
    const char *event_id, *action, *by, *from_state, *to_state;
    const char *payload; /* JSON object text of the action's own fields */
    int64_t at, recorded_at;
    int has_prev;
    unsigned char prev_hash[32], hash[32];
} StoredEvent;

/* Officer search (all fields optional). */
typedef struct DossierQuery {
    const char *under;                  /* dossiers received by or now at this unit or below it */
    const char *state;                  /* a state name */
    const char *fts;                    /* an FTS5 query over the folded search text */
    const char *code;                   /* exact code */
    const char *handler;                /* assigned officer */
    int64_t due_before;                 /* due_at < this (0: no bound) */
    int overdue_at;                     /* with due_before: only unfinished dossiers */
    int by_due;                         /* order by due_at ascending instead of newest first */
    int64_t received_from, received_to; /* received_at in [from, to) (0: no bound) */
    int64_t after; /* cursor: continue after this dossier id (0: from the start) */
    size_t limit;
} DossierQuery;

/* Dossiers. All writes inside the writer's transaction. */
int store_event_id_next(Store *s, char out[48], Err *e);
/* store_code_next returns the next daily sequence number of unit on local day yymmdd. */
int store_code_next(Store *s, const char *unit, const char *yymmdd, int64_t *out_seq, Err *e);
/* store_code_seen records that seq was issued (elsewhere: an imported dossier), so that
 * store_code_next never issues it again. */
int store_code_seen(Store *s, const char *unit, const char *yymmdd, int64_t seq, Err *e);
int store_dossier_insert(Store *s, Dossier *d, Err *e); /* sets d->id */
/* store_dossier_save writes the projection columns, n_events and last_hash of d. */
int store_dossier_save(Store *s, const Dossier *d, Err *e);
/* store_dossier_components writes d's components (a digitize event marked one). */
int store_dossier_components(Store *s, const Dossier *d, Err *e);
int store_dossier_get(Store *s, Arena *a, const char *code, Dossier *out, Err *e);
int store_dossier_get_id(Store *s, Arena *a, int64_t id, Dossier *out, Err *e);
int store_dossier_search(Store *s, Arena *a, const DossierQuery *q, Dossier **out, size_t *out_n,
                         Err *e);
/* store_dossier_changed lists up to limit ids (ascending, > after_id) of dossiers received by
 * `under` or below (NULL: all) with an event whose feed cursor is > since (0: every dossier). */
int store_dossier_changed(Store *s, Arena *a, int64_t since, const char *under, int64_t after_id,
                          size_t limit, int64_t **out_ids, size_t *out_n, Err *e);

/* store_feed_max writes the newest change-feed cursor (0 when there is no event). */
int store_feed_max(Store *s, int64_t *out, Err *e);

/* A change-feed entry: an event with its dossier's code and receiving unit. */
typedef struct FeedEntry {
    StoredEvent ev;
    const char *code, *unit;
} FeedEntry;

/* store_feed lists up to limit events with cursor > after, oldest first, of dossiers received
 * by `under` or below (NULL: all). */
int store_feed(Store *s, Arena *a, int64_t after, const char *under, size_t limit, FeedEntry **out,
               size_t *out_n, Err *e);

/* store_read_begin / store_read_end wrap reads that must see one snapshot (export). */
int store_read_begin(Store *s, Err *e);
void store_read_end(Store *s);

/* store_dossier_next_id iterates all dossiers: the smallest id greater than after (0 at end). */
int store_dossier_next_id(Store *s, int64_t after, int64_t *out_id, Err *e);
int store_search_add(Store *s, int64_t dossier, const char *text, Err *e);
int store_event_add(Store *s, StoredEvent *ev, Err *e); /* sets ev->feed */
int store_event_list(Store *s, Arena *a, int64_t dossier, StoredEvent **out, size_t *out_n, Err *e);
/* store_event_find looks an event up by its id within a dossier; ERR_NOT_FOUND if absent. */
int store_event_find(Store *s, Arena *a, int64_t dossier, const char *event_id, StoredEvent *out,
                     Err *e);
/* Dossiers by state: counters kept with each change, and their values. */
int store_stat_state_add(Store *s, const char *state, int delta, Err *e);
int store_stat_states(Store *s, Arena *a, const char ***out_states, int64_t **out_n,
                      size_t *out_count, Err *e);
/* Idempotency-Key records: the first answer to (principal, key). */
int store_idem_get(Store *s, Arena *a, const char *principal, const char *key,
                   unsigned char out_request[32], int *out_status, const char **out_body,
                   Err *e); /* ERR_NOT_FOUND when absent */
int store_idem_put(Store *s, const char *principal, const char *key,
                   const unsigned char request[32], int status, const char *body, int64_t now,
                   Err *e);
/* store_access_log records that who viewed a dossier's personal data. */
int store_access_log(Store *s, const char *who, int64_t dossier, const char *what, int64_t now,
                     Err *e);

/* Report counters (core/stats). store_stat_apply adds one event's changes for the dossier's
 * receiving unit and procedure; with recount set, to the temporary recount tables that
 * store_stat_recount_begin empties and store_stat_compare checks the counters against. */
int store_stat_apply(Store *s, int recount, const char *unit, const char *procedure,
                     const StatChange *ch, size_t n, const StatPayChange *pay, size_t n_pay,
                     Err *e);
int store_stat_recount_begin(Store *s, Err *e);

/* One row of a report: the grouping key (field, unit or procedure code; "" for the total)
 * and its sums. */
typedef struct StatRow {
    const char *key;
    StatSums sums;
} StatRow;

typedef enum StatGroup {
    STAT_BY_NONE = 0,
    STAT_BY_FIELD,
    STAT_BY_UNIT,
    STAT_BY_PROCEDURE
} StatGroup;

/* store_stat_report sums the counters of dossiers received by `under` or a unit below it
 * (NULL: all) for local days [from, to], one row per group key (by). */
int store_stat_report(Store *s, Arena *a, const char *under, int32_t from, int32_t to, StatGroup by,
                      StatRow **out, size_t *out_n, Err *e);

/* Per-officer counters (core/stats OfficerCol), like store_stat_apply. unit is the
 * dossier's receiving unit. */
int store_stat_officer_apply(Store *s, int recount, const char *unit, const OfficerChange *ch,
                             size_t n, Err *e);

typedef struct OfficerRow {
    const char *officer;
    int64_t v[OFFICER_N];
} OfficerRow;

/* store_stat_officers sums the per-officer counters of [from, to] under a unit (NULL: all),
 * ordered by officer. */
int store_stat_officers(Store *s, Arena *a, const char *under, int32_t from, int32_t to,
                        OfficerRow **out, size_t *out_n, Err *e);

/* One month of a period, for charts: received by channel, resolved by timeliness. */
typedef struct StatMonth {
    int year, month;
    int64_t online, direct_postal, early_on_time, late;
} StatMonth;

/* store_stat_months sums the period [from, to] month by month (months without data are
 * absent), under a unit (NULL: all). */
int store_stat_months(Store *s, Arena *a, const char *under, int32_t from, int32_t to,
                      StatMonth **out, size_t *out_n, Err *e);

/* store_stat_compare compares the counters with the recount tables; each difference goes
 * to report. Used by verify after replaying every dossier with recount set. */
int store_stat_compare(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                       long *out_problems, Err *e);

/* store_stat_recount_apply makes the recount tables the report counters and by_state
 * (indexed by State, STATE_COUNT entries) the counters by state. In the caller's
 * transaction. */
int store_stat_recount_apply(Store *s, const int64_t *by_state, Err *e);

/* Webhook subscriptions and their outbox. */
typedef struct Webhook {
    int64_t id;
    const char *url, *actions, *unit, *secret, *created_by;
    int64_t created_at;
    int active;
} Webhook;

typedef struct OutboxItem {
    int64_t id, webhook;
    const char *url, *secret, *dossier_code, *body;
    int attempts;
} OutboxItem;

int store_webhook_add(Store *s, Webhook *w, Err *e); /* sets w->id */
int store_webhook_list(Store *s, Arena *a, const char *under, Webhook **out, size_t *out_n, Err *e);
int store_webhook_delete(Store *s, int64_t id, Err *e);
int store_webhook_get(Store *s, Arena *a, int64_t id, Webhook *out, Err *e);
/* store_webhooks_active: 1 when some webhook is active, else 0 (or an error). */
int store_webhooks_active(Store *s, Err *e);
/* store_outbox_enqueue queues body for every active webhook whose unit is unit or one of its
 * parents and whose actions include action. */
int store_outbox_enqueue(Store *s, const char *unit, const char *action, const char *code,
                         const char *body, int64_t now, Err *e);
/* store_outbox_due lists up to limit undelivered items due at now, oldest first. */
int store_outbox_due(Store *s, Arena *a, int64_t now, size_t limit, OutboxItem **out, size_t *out_n,
                     Err *e);
/* store_outbox_done records a delivery (ok) or a failed attempt, rescheduled at next_at, or
 * given up when next_at is 0. */
int store_outbox_done(Store *s, int64_t id, int ok, const char *error, int64_t now, int64_t next_at,
                      Err *e);

/* Messages to applicants (notification outbox). */
typedef struct Notification {
    int64_t id;
    const char *dossier_code, *kind, *body;
    int attempts;
} Notification;

/* A message to an applicant as queued: its JSON body (the --notify-cmd's stdin) is
 * {"kind", "dossier", "unit", "to": applicant (JSON text), "message", "appointment_at"
 * (omitted when NULL)}. */
typedef struct Notice {
    const char *dossier_code, *kind, *unit, *applicant, *message, *appointment_at;
} Notice;

int store_notification_add(Store *s, const Notice *n, int64_t now, Err *e);

/* store_purge deletes, a bounded batch at a time, what is kept only for a while: answers to
 * Idempotency-Keys older than 7 days, and messages to applicants and webhook deliveries
 * created more than 90 days before now, whatever became of them (the dossier's events are
 * the record). *out_rows gets how many rows went; call again while it is not 0. */
int store_purge(Store *s, int64_t now, long *out_rows, Err *e);
int store_notification_due(Store *s, Arena *a, int64_t now, size_t limit, Notification **out,
                           size_t *out_n, Err *e);
/* store_notification_done records a sent message (ok) or a failed attempt, rescheduled at
 * next_at, or given up when next_at is 0. */
int store_notification_done(Store *s, int64_t id, int ok, const char *error, int64_t now,
                            int64_t next_at, Err *e);

/* Digitized documents: a file stored once under its SHA-256 (lower-case hex), and its
 * attachments to dossiers as a component or as the (electronic) result. */
typedef struct Document {
    const char *sha256, *mime;
    int64_t size, created_at;
} Document;

typedef struct DossierDocument {
    int64_t id, dossier;
    const char *kind; /* "component" or "result" */
    const char *name, *sha256;
    const char *reused_from; /* the earlier dossier's code (Decree 45/2020), or NULL */
    const char *created_by;
    int64_t created_at;
    const char *mime; /* of the document (read only) */
    int64_t size;
} DossierDocument;

/* store_document_put records a file once: a row already there is kept as it is. */
int store_document_put(Store *s, const Document *d, Err *e);
/* store_document_list lists every document row in sha256 order (verify). */
int store_document_list(Store *s, Arena *a, Document **out, size_t *out_n, Err *e);
int store_dossier_document_add(Store *s, DossierDocument *dd, Err *e); /* sets dd->id */
/* store_dossier_documents lists a dossier's documents, oldest first. */
int store_dossier_documents(Store *s, Arena *a, int64_t dossier, DossierDocument **out,
                            size_t *out_n, Err *e);

/* Payments and e-receipts (numbered per receiving unit and year without gaps). */
typedef struct Payment {
    int64_t id, dossier, amount, paid_at;
    int online;
    const char *gateway_ref, *receipt_no;
} Payment;

/* store_payment_add numbers the receipt (<unit>/<year>/<NNNNNN>) and records the payment;
 * ERR_CONFLICT when gateway_ref was recorded already. out_receipt gets the number (arena). */
int store_payment_add(Store *s, Arena *a, const char *unit, int year, Payment *p,
                      const char **out_receipt, Err *e);
/* store_payment_by_ref finds the payment of a gateway transaction; ERR_NOT_FOUND if none. */
int store_payment_by_ref(Store *s, Arena *a, const char *ref, Payment *out, Err *e);
int store_payments_of(Store *s, Arena *a, int64_t dossier, Payment **out, size_t *out_n, Err *e);
/* store_payment_order_add records what a started online payment asks for under ref. */
int store_payment_order_add(Store *s, const char *ref, int64_t dossier, int64_t amount, int64_t now,
                            Err *e);
/* store_payment_order_open finds an order of dossier for amount that no payment settled yet
 * (its ref, in a); ERR_NOT_FOUND if none. */
int store_payment_order_open(Store *s, Arena *a, int64_t dossier, int64_t amount,
                             const char **out_ref, Err *e);
/* store_payment_order_get finds the order ref: its dossier's code, its amount, and what the
 * dossier still has to pay now (fee - paid); ERR_NOT_FOUND. */
int store_payment_order_get(Store *s, Arena *a, const char *ref, const char **out_code,
                            int64_t *out_amount, int64_t *out_due, Err *e);

/* Savepoints inside a transaction (the writer runs each request in its own). */
int store_savepoint(Store *s, Err *e);
int store_release(Store *s, Err *e);
void store_rollback_savepoint(Store *s);

/* A per-connection slot for derived data a module keeps (calendars.c): set once, freed by
 * free_fn when the connection closes. */
void *store_cache(Store *s);
void store_set_cache(Store *s, void *cache, void (*free_fn)(void *));

/* store_calendar_version returns a number that changes with every change of holiday
 * schedules or working windows. */
int store_calendar_version(Store *s, int64_t *out, Err *e);

/* Calendar data. A year's holiday schedule is stored as the TSV text core/calendar reads. */
int store_holiday_put(Store *s, int year, const char *tsv, const char *by, int64_t now, Err *e);
/* store_holiday_list writes the loaded years (ascending) and their TSV texts. */
int store_holiday_list(Store *s, Arena *a, int **out_years, const char ***out_tsv, size_t *out_n,
                       Err *e);
/* store_windows_put replaces a unit's weekly windows: specs[weekday] for 0..6. */
int store_windows_put(Store *s, const char *unit, const char *const specs[7], Err *e);
/* store_windows_get writes the windows of the nearest unit (unit itself, then its parents)
 * that has its own; *out_found is 0 when none has (use the default). */
int store_windows_get(Store *s, Arena *a, const char *unit, const char *out_specs[7],
                      int *out_found, Err *e);

/* Users. */
int store_user_add(Store *s, const User *u, int64_t now, int64_t *out_id, Err *e);
int store_user_get(Store *s, Arena *a, const char *name, User *out, Err *e);
int store_user_get_id(Store *s, Arena *a, int64_t id, User *out, Err *e);
int store_user_set_password(Store *s, const char *name, const char *hash, int64_t now, Err *e);
int store_user_set_disabled(Store *s, const char *name, int disabled, Err *e);
/* store_user_list lists users ordered by name; with under (not NULL) only those whose unit
 * lies within it. */
int store_user_list(Store *s, Arena *a, const char *under, User **out, size_t *out_n, Err *e);

/* Sessions, keyed by the 32-byte SHA-256 of the cookie token. */
int store_session_add(Store *s, const unsigned char hash[32], int64_t user_id, const char *csrf,
                      int64_t now, int64_t expires_at, Err *e);
/* store_session_get finds a live (unexpired at now) session and its enabled user. */
int store_session_get(Store *s, Arena *a, const unsigned char hash[32], int64_t now, User *out_user,
                      const char **out_csrf, Err *e);
int store_session_delete(Store *s, const unsigned char hash[32], Err *e);
/* store_session_delete_user ends every session of a user (password change, disabling). */
int store_session_delete_user(Store *s, int64_t user_id, Err *e);

/* API tokens, keyed by the SHA-256 of the bearer token; the result's id is 0. */
int store_token_add(Store *s, const unsigned char hash[32], const char *name, const char *role,
                    const char *unit, int64_t now, Err *e);
int store_token_get(Store *s, Arena *a, const unsigned char hash[32], User *out, Err *e);

#endif
