/* store.h: persistence behind one interface, a struct of operations (as SQLite's sqlite3_vfs):
 * each backend (store/sqlite*.c, store/postgres*.c) fills a StoreOps and embeds a Store
 * first in its connection structure. Nothing above this layer names an engine. store_open picks
 * the backend from the URL; every other call goes through the table (store_X(s, ...) calls
 * s->ops->X(s, ...)).
 *
 * The store keeps rows; it never interprets the JSON texts it is given (the applicant, the
 * components, an event's fields): app/record.c encodes and decodes them, and app/ is the
 * only caller of the dossier operations. It never reads the clock either: every instant it
 * records comes in as a parameter.
 *
 * A Store is one connection; it belongs to one thread at a time. Writes are made inside
 * begin/commit by the single writer (docs/ARCHITECTURE.md §5). Records returned by look-ups point
 * into the caller's Arena; absent optional text is NULL. Every operation returns 0 or a negative
 * ERR_* and fills Err on failure; look-ups of one record return ERR_NOT_FOUND when it is absent. */
#ifndef MOTCUA_STORE_H
#define MOTCUA_STORE_H

#include "core/chain.h"
#include "core/dossier.h"
#include "core/queue.h"
#include "core/stats.h"
#include "util/arena.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>

typedef struct Store Store;
typedef struct StoreOps StoreOps;

/* A dossier record's digests (app/history.h): three SHA-256, of its applicant, its components
 * and the rest of what was filed. */
enum { STORE_RECORD_HASH = 96 };

/* The part of a connection every backend shares: its operations and a slot for derived data
 * a module keeps per connection (app/calendars.c), freed when the connection closes. */
struct Store {
    const StoreOps *ops;
    void *cache;
    void (*cache_free)(void *);
};

typedef struct Unit {
    const char *code, *name, *level, *parent, *valid_from, *valid_to, *successor;
} Unit;

typedef struct Field {
    const char *code, *name;
} Field;

/* A paper a procedure asks for. */
typedef struct Component {
    const char *name;
    int required;
} Component;

/* The level that handles a procedure from a day on (its versioned assignment). */
typedef struct ProcedureLevel {
    const char *from, *level; /* YYYY-MM-DD; "province", "district", "commune" */
} ProcedureLevel;

typedef struct Procedure {
    const char *code, *name, *field, *level;
    int limit_value;
    const char *limit_unit; /* "days", "hours", "calendar_days" */
    const char *online;     /* "full", "partial", "none" */
    int64_t fee;            /* VND */
    int approval;           /* its result needs a leader's approval (trình ký, phê duyệt) */
    Component *components;
    size_t n_components;
    ProcedureLevel *levels; /* the levels by day, ascending (none: `level` always); `level` holds
                               before the first */
    size_t n_levels;
} Procedure;

typedef struct User {
    int64_t id;
    const char *name, *role, *unit, *password_hash;
    int disabled;
    int64_t created_at;
    /* how the printed forms name the officer; each optional (NULL) */
    const char *full_name, *title, *phone;
} User;

/* An API token as listed (its secret is never stored, only its hash). */
typedef struct ApiToken {
    int64_t id;
    const char *name, *role, *unit;
    int64_t created_at;
    int64_t expires_at; /* refused from this instant on; 0: never (tokens before migration 13) */
    int64_t revoked_at; /* 0: not revoked */
} ApiToken;

/* A dossier as stored: the typed dossier without its applicant and components, which travel
 * as the JSON texts app/record.c writes and reads. */
typedef struct DossierRow {
    Dossier d;              /* d.applicant and d.components are left empty by the store */
    const char *applicant;  /* JSON object text */
    const char *components; /* JSON array text */
} DossierRow;

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
    /* the digests of the dossier's record (what was filed: the applicant, the components, the
     * rest) as it stood after this event (app/history.c); the hash covers them. Events written
     * before migration 23 have none. */
    int has_record;
    unsigned char record_hash[STORE_RECORD_HASH];
} StoredEvent;

/* Officer search (all fields optional). */
typedef struct DossierQuery {
    const char *under;       /* dossiers received by or now at this unit or below it */
    const char *state;       /* a state name */
    const char *fts;         /* an FTS5 query over the folded search text */
    const char *code;        /* exact code */
    const char *code_suffix; /* "-YYMMDD-NNNN": the code of any unit followed by it */
    const char *handler;     /* assigned officer */
    int64_t due_before;      /* due_at < this (0: no bound) */
    int overdue_at; /* with due_before: only unfinished dossiers whose clock runs (overdue at
                       due_before, docs/INTERFACES.md §2.4; a paused one is within deadline) */
    int by_due;     /* order by due_at ascending instead of newest first */
    int64_t received_from, received_to; /* received_at in [from, to) (0: no bound) */
    int64_t after; /* cursor: continue after this dossier id (0: from the start) */
    size_t limit;
} DossierQuery;

/* A change-feed entry: an event with its dossier's code and receiving unit. */
typedef struct FeedEntry {
    StoredEvent ev;
    const char *code, *unit;
} FeedEntry;

/* One row of a report: the grouping key (field, unit or procedure code; "" for the total)
 * and its sums. */
typedef struct StatRow {
    const char *key;
    StatSums sums;
} StatRow;

/* The words of a catalogue search matched one by one (procedure_search). */
enum { STORE_SEARCH_WORDS = 8 };

/* A number of dossiers under a grouping key (as StatRow's). */
typedef struct StatCount {
    const char *key;
    int64_t n;
} StatCount;

typedef enum StatGroup {
    STAT_BY_NONE = 0,
    STAT_BY_FIELD,
    STAT_BY_UNIT,
    STAT_BY_PROCEDURE
} StatGroup;

typedef struct OfficerRow {
    const char *officer;
    int64_t v[OFFICER_N];
} OfficerRow;

/* One month of a period, for charts: received by channel, resolved by timeliness. */
typedef struct StatMonth {
    int year, month;
    int64_t online, direct_postal, early_on_time, late;
} StatMonth;

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

/* A message to an applicant as queued: its JSON body (the --notify-cmd's stdin) is
 * {"kind", "dossier", "unit", "to": applicant (JSON text), "message", "appointment_at"
 * (omitted when NULL)}. */
typedef struct Notice {
    const char *dossier_code, *kind, *unit, *applicant, *message, *appointment_at;
} Notice;

/* A queued message to an applicant, due for delivery. */
typedef struct Notification {
    int64_t id;
    const char *dossier_code, *kind, *body;
    int attempts;
} Notification;

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

/* A file a citizen sent with a form that failed, kept for the next post of the same form
 * (app/pending.h): the form's one-time token, the file's SHA-256, the citizen's name for it
 * (may be NULL), its size and type, and when it came. */
typedef struct PendingUpload {
    const char *token, *sha256, *filename, *mime;
    int64_t size, created_at;
} PendingUpload;

/* A payment and its e-receipt (numbered per receiving unit and year without gaps). */
typedef struct Payment {
    int64_t id, dossier, amount, paid_at;
    int online;
    const char *gateway_ref, *receipt_no;
} Payment;

/* One row of the access log of personal-data views: one dossier's view, or a list's. */
typedef struct AccessEntry {
    int64_t id, at;
    const char *who, *ip;
    const char *unit;         /* the dossier's receiving unit, or the unit a list covers */
    int64_t dossier;          /* 0 for a list */
    const char *dossier_code; /* read only */
    const char *what;         /* "view", "document", "form-01", ..., "search", "worklist", ... */
    const char *query, *why;  /* a list's query; the reason given (both may be NULL) */
    int64_t rows;             /* dossiers a list showed */
} AccessEntry;

/* An agency a group's steps go to: its kind (core/chain.h chain_agencies), its endpoint and
 * the Ed25519 public key its messages are signed with. */
typedef struct Agency {
    const char *kind, *url;
    unsigned char public_key[32];
    int64_t updated_at;
} Agency;

/* One message of the agencies' log, as signed: seq orders the log; answers (when has_answers)
 * is the SHA-256 of the message it answers; hash chains the log (app/agencies.c). */
typedef struct AgencyMessage {
    int64_t seq;
    const char *message_id, *direction, *agency, *dossier, *type, *body;
    unsigned char signature[64];
    int has_answers, has_prev;
    unsigned char answers[32], prev_hash[32], hash[32];
    int64_t at;
} AgencyMessage;

/* A signed message waiting for its agency: the log's message, where it goes, how often it
 * was tried. */
typedef struct AgencyDelivery {
    int64_t id;
    const char *message_id, *url, *body;
    unsigned char signature[64];
    int attempts;
} AgencyDelivery;

/* A call to the national portal waiting in its outbox (migration 0029): the dossier's sync
 * record of one version (DongBoHoSoMC) or its progress update (CapNhatTienDoHoSoMC). */
typedef struct PortalItem {
    int64_t id;
    const char *dossier_code, *service, *body;
    int version, attempts;
} PortalItem;

/* A dossier's sync with the portal: its last version taken (0: none yet), when, and the rows
 * still waiting with the last error of the first of them. */
typedef struct PortalSync {
    int sent_version;
    int64_t sent_at;
    int waiting;
    const char *last_error; /* NULL when the waiting row has not failed */
    int64_t last_try_at;
} PortalSync;

/* An open step of an interconnected group: its row id and when its agency first answered it
 * (0: never). */
typedef struct OpenStep {
    int64_t id, first_in_at;
} OpenStep;

/* A counter device that takes citizens' ratings for the dossiers of its unit and below. */
typedef struct Device {
    int64_t id;
    const char *name, *unit, *created_by;
    int64_t created_at, revoked_at; /* revoked_at 0: in use */
    int64_t counter;                /* the queue counter it stands at (0: none) */
} Device;

/* A unit operation as stored (app/unitops.h): its spec is the interchange `operation` record. */
typedef struct UnitOpRow {
    int64_t id;
    const char *kind, *effective, *spec, *state, *by, *summary;
    int64_t created_at, applied_at; /* applied_at 0: still planned */
} UnitOpRow;

/* A group of counters the kiosk issues tickets for (a field, or several): its tickets are
 * numbered prefix + the day's sequence. */
typedef struct QueueGroup {
    int64_t id;
    const char *code, *prefix, *name, *unit;
    const char *field; /* may be NULL */
} QueueGroup;

/* A counter of the one-stop office, serving one group. */
typedef struct QueueCounter {
    int64_t id;
    const char *code, *name, *unit;
    int64_t group;
} QueueCounter;

/* A queue ticket (core/queue.h for its states). */
typedef struct QueueTicket {
    int64_t id;
    int64_t issue_group; /* the group that numbered it */
    int32_t day;         /* Vietnam day number of issue */
    int64_t seq;
    const char *number, *follow_key;
    int64_t group; /* the group it waits in now */
    QueueState state;
    int64_t issued_at, queued_at;
    int64_t counter;     /* the counter that called it last (0: none) */
    const char *officer; /* the clerk who called it last (NULL: none) */
    int64_t called_at;   /* last call (0: none) */
    int64_t calls;       /* how often it was called */
    const char *dossier; /* the dossier received from it (NULL: none) */
    const char *rating;  /* the rating given at the counter (NULL: none) */
} QueueTicket;

/* A unit's signing certificate (its private key sealed under the server's signing key). */
typedef struct UnitCert {
    int64_t id;
    const char *unit, *subject, *issuer, *serial, *cert_pem, *chain_pem, *key_sealed;
    int64_t not_before, not_after, imported_at;
    int32_t revoked_on; /* a Vietnam day (timefmt days); INT32_MIN: not revoked */
} UnitCert;

/* A signature made (util/sign.h): of a form's canonical content, a result file, a checkpoint. */
typedef struct Signature {
    int64_t id;
    const char *token; /* the public reference (QR, /xac-thuc?ma=) */
    const char *kind;  /* "form", "result", "checkpoint" */
    int64_t dossier;   /* 0: none (a checkpoint) */
    const char *what;  /* "form-01" ..., the result's sha256, "checkpoint" */
    const char *content;
    int64_t cert, signed_at;
    const unsigned char *cms;
    size_t cms_len;
} Signature;

/* A dossier's chain head as a checkpoint lists it. */
typedef struct ChainHead {
    const char *code;
    int seq;
    unsigned char hash[32];
} ChainHead;

typedef enum StoreMode {
    STORE_OPEN, /* the store must exist and be at the current schema version */
    STORE_READONLY,
    /* a server thread's reader: as STORE_OPEN, with a small page cache (there is one per
     * thread, so the server's memory stays bounded whatever the size of the store) */
    STORE_READER
} StoreMode;

/* The operations of a backend. Unless said otherwise each returns 0 or a negative ERR_*. */
struct StoreOps {
    /* ---- the connection ---- */

    /* close closes the connection and frees it. */
    void (*close)(Store *s);
    /* schema_version writes the applied schema version (the highest applied). */
    int (*schema_version)(Store *s, int *out, Err *e);
    /* schema_applied writes whether migration version was applied. */
    int (*schema_applied)(Store *s, int version, bool *out, Err *e);
    /* exec_script runs literal SQL without parameters (migrations). */
    int (*exec_script)(Store *s, const char *sql, Err *e);
    /* schema_record records that migration version (file name) was applied at now. */
    int (*schema_record)(Store *s, int version, const char *name, int64_t now, Err *e);
    /* backup writes an online, consistent copy of the store to path (which must not exist);
     * writers may continue meanwhile. */
    int (*backup)(Store *s, const char *path, Err *e);
    /* check verifies the store's physical integrity and every reference; each problem found
     * goes to report (may be NULL) and is counted in *out_problems. */
    int (*check)(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                 long *out_problems, Err *e);

    /* ---- transactions: one at a time per connection ---- */

    /* begin starts a write transaction holding the write lock; commit returns only once the
     * data is durable; rollback undoes an open transaction (none open: nothing). */
    int (*begin)(Store *s, Err *e);
    int (*commit)(Store *s, Err *e);
    void (*rollback)(Store *s);
    /* savepoint / release / rollback_savepoint: one nested level inside a transaction (the
     * writer runs each request in its own). */
    int (*savepoint)(Store *s, Err *e);
    int (*release)(Store *s, Err *e);
    void (*rollback_savepoint)(Store *s);
    /* read_begin / read_end wrap reads that must see one snapshot (export, verify). */
    int (*read_begin)(Store *s, Err *e);
    void (*read_end)(Store *s);

    /* ---- catalogue: puts insert or replace by code ---- */

    int (*unit_put)(Store *s, const Unit *u, int64_t now, Err *e);
    int (*unit_get)(Store *s, Arena *a, const char *code, Unit *out, Err *e);
    /* unit_list lists every unit ordered by code. */
    int (*unit_list)(Store *s, Arena *a, Unit **out, size_t *out_n, Err *e);
    /* unit_within writes 1 when unit is ancestor or lies below it (parent links), else 0. */
    int (*unit_within)(Store *s, const char *unit, const char *ancestor, int *out, Err *e);
    int (*field_put)(Store *s, const Field *f, Err *e);
    int (*field_get)(Store *s, Arena *a, const char *code, Field *out, Err *e);
    /* field_list lists every field ordered by code. */
    int (*field_list)(Store *s, Arena *a, Field **out, size_t *out_n, Err *e);
    /* procedure_put writes p with its components and its levels by day (replacing those it
     * had); procedure_get reads them all. */
    int (*procedure_put)(Store *s, const Procedure *p, int64_t now, Err *e);
    int (*procedure_get)(Store *s, Arena *a, const char *code, Procedure *out, Err *e);
    /* names gets the names of a procedure and a unit at once (ERR_NOT_FOUND if either is
     * missing). */
    int (*names)(Store *s, Arena *a, const char *procedure, const char *unit,
                 const char **procedure_name, const char **unit_name, Err *e);
    /* procedure_search lists the procedures in whose name's search key or code each word of
     * q_key appears, in any order (q_key: a key of core/vntext's vntext_search_key, words
     * separated by one space; NULL or "": all; past STORE_SEARCH_WORDS words the rest must
     * appear as one phrase), optionally only of field, ordered by code, at most limit. */
    int (*procedure_search)(Store *s, Arena *a, const char *q_key, const char *field, size_t limit,
                            Procedure **out, size_t *out_n, Err *e);

    /* ---- unit operations (app/unitops.h) ---- */

    /* unit_op_add records an operation (sets r->id). */
    int (*unit_op_add)(Store *s, UnitOpRow *r, Err *e);
    /* unit_op_done marks operation id done at applied_at with its summary. */
    int (*unit_op_done)(Store *s, int64_t id, int64_t applied_at, const char *summary, Err *e);
    /* unit_op_list lists the operations by id; with planned_by (YYYY-MM-DD, not NULL) only the
     * planned ones effective on or before that day. */
    int (*unit_op_list)(Store *s, Arena *a, const char *planned_by, UnitOpRow **out, size_t *out_n,
                        Err *e);
    /* dossier_at lists the dossiers now at unit (their current unit) in state, by id (the
     * index on current unit and state). */
    int (*dossier_at)(Store *s, Arena *a, const char *unit, const char *state, DossierRow **out,
                      size_t *out_n, Err *e);
    /* token_set_unit moves API token id to unit. */
    int (*token_set_unit)(Store *s, int64_t id, const char *unit, Err *e);
    /* procedure_level_at writes the level that handled procedure on day (YYYY-MM-DD): its
     * latest level by day from on or before day, else its `level`. */
    int (*procedure_level_at)(Store *s, Arena *a, const char *procedure, const char *day,
                              const char **out, Err *e);

    /* ---- interconnected procedures (core/chain.h) ---- */

    /* chain_put writes c with its steps (replacing those it had); chain_get reads one
     * (ERR_NOT_FOUND); chain_list lists every chain with its steps, ordered by code. */
    int (*chain_put)(Store *s, const Chain *c, int64_t now, Err *e);
    int (*chain_get)(Store *s, Arena *a, const char *code, Chain *out, Err *e);
    int (*chain_list)(Store *s, Arena *a, Chain **out, size_t *out_n, Err *e);
    /* agency_put inserts or replaces an agency by kind; agency_get reads one (ERR_NOT_FOUND);
     * agency_list lists them by kind. */
    int (*agency_put)(Store *s, const Agency *g, Err *e);
    int (*agency_get)(Store *s, Arena *a, const char *kind, Agency *out, Err *e);
    int (*agency_list)(Store *s, Arena *a, Agency **out, size_t *out_n, Err *e);
    /* node_key_get reads this node's Ed25519 key pair (ERR_NOT_FOUND before node_key_put,
     * which stores it once: ERR_CONFLICT when one exists). */
    int (*node_key_get)(Store *s, unsigned char pk[32], unsigned char sk[64], Err *e);
    int (*node_key_put)(Store *s, const unsigned char pk[32], const unsigned char sk[64],
                        int64_t now, Err *e);
    /* message_add appends m to the log and sets m->seq (ERR_CONFLICT when its message_id is
     * there); message_last writes the newest row's hash (*out_found 0 when the log is empty);
     * message_find reads a message by its id (ERR_NOT_FOUND); message_list lists the log in
     * order after seq `after`, at most limit, only dossier's when dossier is not NULL. */
    int (*message_add)(Store *s, AgencyMessage *m, Err *e);
    int (*message_last)(Store *s, unsigned char out[32], int *out_found, Err *e);
    int (*message_find)(Store *s, Arena *a, const char *message_id, AgencyMessage *out, Err *e);
    int (*message_list)(Store *s, Arena *a, const char *dossier, int64_t after, size_t limit,
                        AgencyMessage **out, size_t *out_n, Err *e);
    /* delivery_add queues the logged message message_id for agency at now; delivery_due
     * lists up to limit undelivered ones due at now (with their agency's url, body and
     * signature), oldest first; delivery_done records a delivery (ok) or a failed attempt,
     * tried again at next_at. */
    int (*delivery_add)(Store *s, const char *message_id, const char *agency, int64_t now, Err *e);
    int (*delivery_due)(Store *s, Arena *a, int64_t now, size_t limit, AgencyDelivery **out,
                        size_t *out_n, Err *e);
    int (*delivery_done)(Store *s, int64_t id, int ok, const char *error, int64_t now,
                         int64_t next_at, Err *e);
    /* steps_open lists, oldest first, at most limit unfinished steps (children) received by
     * `under` or below (NULL: all), each with its agency's first message. */
    int (*steps_open)(Store *s, Arena *a, const char *under, size_t limit, OpenStep **out,
                      size_t *out_n, Err *e);
    /* dossier_children lists the row ids of a parent's children in step order. */
    int (*dossier_children)(Store *s, Arena *a, int64_t parent, int64_t **out_ids, size_t *out_n,
                            Err *e);

    /* ---- dossiers and their history: writes inside the writer's transaction ---- */

    /* event_id_next writes the next event id of this node ("<node>-<n>"). */
    int (*event_id_next)(Store *s, char out[48], Err *e);
    /* code_next returns the next daily sequence number of unit on local day yymmdd. */
    int (*code_next)(Store *s, const char *unit, const char *yymmdd, int64_t *out_seq, Err *e);
    /* code_seen records that seq was issued (elsewhere: an imported dossier), so that
     * code_next never issues it again. */
    int (*code_seen)(Store *s, const char *unit, const char *yymmdd, int64_t seq, Err *e);
    /* dossier_insert writes a new dossier row and sets row->d.id; ERR_CONFLICT when its code
     * exists. */
    int (*dossier_insert)(Store *s, DossierRow *row, Err *e);
    /* dossier_save writes the projection, the due override and last_hash of d. */
    int (*dossier_save)(Store *s, const Dossier *d, Err *e);
    /* dossier_components replaces the components text of dossier id. */
    int (*dossier_components)(Store *s, int64_t id, const char *components, Err *e);
    int (*dossier_get)(Store *s, Arena *a, const char *code, DossierRow *out, Err *e);
    int (*dossier_get_id)(Store *s, Arena *a, int64_t id, DossierRow *out, Err *e);
    /* dossier_search lists the dossiers that match q, newest first (or by due date). */
    int (*dossier_search)(Store *s, Arena *a, const DossierQuery *q, DossierRow **out,
                          size_t *out_n, Err *e);
    /* dossier_changed lists up to limit ids (ascending, > after_id) of dossiers received by
     * `under` or below (NULL: all) with an event whose feed cursor is > since (0: every
     * dossier). */
    int (*dossier_changed)(Store *s, Arena *a, int64_t since, const char *under, int64_t after_id,
                           size_t limit, int64_t **out_ids, size_t *out_n, Err *e);
    /* dossier_next_id iterates all dossiers: the smallest id greater than after (0 at end). */
    int (*dossier_next_id)(Store *s, int64_t after, int64_t *out_id, Err *e);
    /* search_add indexes a dossier's folded search text (name, identity number, phone). */
    int (*search_add)(Store *s, int64_t dossier, const char *text, Err *e);
    /* event_add appends ev to its dossier's history and sets ev->feed. */
    int (*event_add)(Store *s, StoredEvent *ev, Err *e);
    /* event_list lists a dossier's events in order. */
    int (*event_list)(Store *s, Arena *a, int64_t dossier, StoredEvent **out, size_t *out_n,
                      Err *e);
    /* event_find looks an event up by its id within a dossier. */
    int (*event_find)(Store *s, Arena *a, int64_t dossier, const char *event_id, StoredEvent *out,
                      Err *e);
    /* feed_max writes the newest change-feed cursor (0 when there is no event). */
    int (*feed_max)(Store *s, int64_t *out, Err *e);
    /* feed lists up to limit events with cursor > after, oldest first, of dossiers received
     * by `under` or below (NULL: all). */
    int (*feed)(Store *s, Arena *a, int64_t after, const char *under, size_t limit, FeedEntry **out,
                size_t *out_n, Err *e);
    /* lookup_failed counts one wrong key tried at the public look-up of dossier id and writes
     * how many it has taken since the last right one; lookup_unlock forgets them (a right key,
     * or an officer unlocking a locked look-up). */
    int (*lookup_failed)(Store *s, int64_t id, int *out_failures, Err *e);
    int (*lookup_unlock)(Store *s, int64_t id, Err *e);
    /* access_log records one view of personal data (sets v->id); access_log_list lists the
     * rows of `under` and below (NULL: all) with at in [from, to) and id < before (0: no
     * bound), newest first, at most limit, with their dossiers' codes. */
    int (*access_log)(Store *s, AccessEntry *v, Err *e);
    int (*access_log_list)(Store *s, Arena *a, const char *under, int64_t from, int64_t to,
                           int64_t before, size_t limit, AccessEntry **out, size_t *out_n, Err *e);
    /* idem_get finds the first answer to (principal, key); idem_put records it. */
    int (*idem_get)(Store *s, Arena *a, const char *principal, const char *key,
                    unsigned char out_request[32], int *out_status, const char **out_body, Err *e);
    int (*idem_put)(Store *s, const char *principal, const char *key,
                    const unsigned char request[32], int status, const char *body, int64_t now,
                    Err *e);

    /* ---- counters, kept in the same transaction as each event (core/stats) ---- */

    /* stat_state_add adds delta to the number of dossiers in state. */
    int (*stat_state_add)(Store *s, const char *state, int delta, Err *e);
    /* stat_states lists the states and their numbers. */
    int (*stat_states)(Store *s, Arena *a, const char ***out_states, int64_t **out_n,
                       size_t *out_count, Err *e);
    /* stat_apply adds one event's changes for the dossier's receiving unit and procedure; with
     * recount set, to the recount tables that stat_recount_begin empties. */
    int (*stat_apply)(Store *s, int recount, const char *unit, const char *procedure,
                      const StatChange *ch, size_t n, const StatPayChange *pay, size_t n_pay,
                      Err *e);
    /* stat_officer_apply is stat_apply for the per-officer counters (core/stats OfficerCol). */
    int (*stat_officer_apply)(Store *s, int recount, const char *unit, const OfficerChange *ch,
                              size_t n, Err *e);
    int (*stat_recount_begin)(Store *s, Err *e);
    /* stat_compare compares the counters with the recount tables; each difference goes to
     * report. */
    int (*stat_compare)(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                        long *out_problems, Err *e);
    /* stat_recount_apply makes the recount tables the counters and by_state (indexed by
     * State, STATE_COUNT entries) the counters by state. */
    int (*stat_recount_apply)(Store *s, const int64_t *by_state, Err *e);
    /* stat_report sums the counters of dossiers received by `under` or below (NULL: all) for
     * local days [from, to], one row per group key (by). With current set, a receiving unit
     * counts as the unit at the end of its chain of successors (today's unit): both for
     * `under` and for the key of a report by unit; else as it was. */
    int (*stat_report)(Store *s, Arena *a, const char *under, bool current, int32_t from,
                       int32_t to, StatGroup by, StatRow **out, size_t *out_n, Err *e);
    /* stat_due_later counts, per group key (as stat_report), the dossiers received by `under`
     * or below (NULL: all) that are unfinished with their clock running and fall due on local
     * day `day` at or after instant `now`: the day counters count them as overdue at the end
     * of `day` (an overdue interval opens on its due day, core/stats), yet at `now` they are
     * not overdue. Keys without such dossiers are absent. An index lookup, never a scan. */
    int (*stat_due_later)(Store *s, Arena *a, const char *under, bool current, int32_t day,
                          int64_t now, StatGroup by, StatCount **out, size_t *out_n, Err *e);
    /* stat_officers sums the per-officer counters of [from, to] under a unit (NULL: all), of
     * the dossiers received under it as the units were, or (current) as they are now. */
    int (*stat_officers)(Store *s, Arena *a, const char *under, bool current, int32_t from,
                         int32_t to, OfficerRow **out, size_t *out_n, Err *e);
    /* stat_months sums [from, to] month by month (months without data absent); current as
     * stat_report's. */
    int (*stat_months)(Store *s, Arena *a, const char *under, bool current, int32_t from,
                       int32_t to, StatMonth **out, size_t *out_n, Err *e);

    /* ---- webhooks and messages to applicants ---- */

    int (*webhook_add)(Store *s, Webhook *w, Err *e); /* sets w->id */
    /* webhook_list lists the webhooks of `under` and below (NULL: all). */
    int (*webhook_list)(Store *s, Arena *a, const char *under, Webhook **out, size_t *out_n,
                        Err *e);
    /* webhook_delete deactivates a webhook and gives up its undelivered items at now. */
    int (*webhook_delete)(Store *s, int64_t id, int64_t now, Err *e);
    int (*webhook_get)(Store *s, Arena *a, int64_t id, Webhook *out, Err *e);
    /* webhooks_active returns 1 when some webhook is active, else 0 (or an error). */
    int (*webhooks_active)(Store *s, Err *e);
    /* outbox_enqueue queues body for every active webhook whose unit is unit or one of its
     * parents and whose actions include action. */
    int (*outbox_enqueue)(Store *s, const char *unit, const char *action, const char *code,
                          const char *body, int64_t now, Err *e);
    /* outbox_due lists up to limit undelivered items due at now, oldest first. */
    int (*outbox_due)(Store *s, Arena *a, int64_t now, size_t limit, OutboxItem **out,
                      size_t *out_n, Err *e);
    /* outbox_done records a delivery (ok) or a failed attempt, rescheduled at next_at, or
     * given up when next_at is 0. */
    int (*outbox_done)(Store *s, int64_t id, int ok, const char *error, int64_t now,
                       int64_t next_at, Err *e);
    int (*notification_add)(Store *s, const Notice *n, int64_t now, Err *e);
    /* notification_due and notification_done: as outbox_due and outbox_done. */
    int (*notification_due)(Store *s, Arena *a, int64_t now, size_t limit, Notification **out,
                            size_t *out_n, Err *e);
    int (*notification_done)(Store *s, int64_t id, int ok, const char *error, int64_t now,
                             int64_t next_at, Err *e);
    /* purge deletes, a bounded batch at a time, what is kept only for a while: answers to
     * Idempotency-Keys older than 7 days, and messages to applicants and webhook deliveries
     * created more than 90 days before now. *out_rows gets how many rows went; call again
     * while it is not 0. */
    int (*purge)(Store *s, int64_t now, long *out_rows, Err *e);

    /* ---- the national portal's outbox (app/portal.h) ---- */

    /* portal_add queues a call for the dossier code's version; the same (code, version,
     * service) queued again changes nothing. */
    int (*portal_add)(Store *s, const char *code, int version, const char *service,
                      const char *body, int64_t now, Err *e);
    /* portal_due lists up to limit calls due at now, each the first unsent of its dossier
     * (a dossier's calls go in order), oldest first. */
    int (*portal_due)(Store *s, Arena *a, int64_t now, size_t limit, PortalItem **out,
                      size_t *out_n, Err *e);
    /* portal_done records an attempt: taken (ok), or failed and due again at next_at. */
    int (*portal_done)(Store *s, int64_t id, int ok, const char *error, int64_t now,
                       int64_t next_at, Err *e);
    /* portal_sync: dossier code's sync state (all zero when nothing was queued). */
    int (*portal_sync)(Store *s, Arena *a, const char *code, PortalSync *out, Err *e);
    /* portal_backlog: the calls waiting, how many of them have failed at least once, and
     * the creation time of the oldest (0: none). */
    int (*portal_backlog)(Store *s, long *out_waiting, long *out_failing, int64_t *out_oldest,
                          Err *e);

    /* ---- documents ---- */

    /* document_put records a file once: a row already there is kept as it is. */
    int (*document_put)(Store *s, const Document *d, Err *e);
    /* document_list lists every document in sha256 order (verify). */
    int (*document_list)(Store *s, Arena *a, Document **out, size_t *out_n, Err *e);
    int (*dossier_document_add)(Store *s, DossierDocument *dd, Err *e); /* sets dd->id */
    /* dossier_documents lists a dossier's documents, oldest first. */
    int (*dossier_documents)(Store *s, Arena *a, int64_t dossier, DossierDocument **out,
                             size_t *out_n, Err *e);

    /* ---- pending uploads (app/pending.h) ---- */

    /* pending_put records a pending upload; the row of the same token and file, if any, takes
     * its created_at (a form still in use keeps its files). */
    int (*pending_put)(Store *s, const PendingUpload *u, Err *e);
    /* pending_get finds the pending upload sha256 of the form token. */
    int (*pending_get)(Store *s, Arena *a, const char *token, const char *sha256,
                       PendingUpload *out, Err *e);
    /* pending_expire deletes up to limit pending uploads created before `before` and lists
     * them (so that their files go too); call again while it finds some. */
    int (*pending_expire)(Store *s, Arena *a, int64_t before, size_t limit, PendingUpload **out,
                          size_t *out_n, Err *e);

    /* ---- payments ---- */

    /* payment_add numbers the receipt (<unit>/<year>/<NNNNNN>) and records the payment;
     * ERR_CONFLICT when gateway_ref was recorded already. out_receipt gets the number. */
    int (*payment_add)(Store *s, Arena *a, const char *unit, int year, Payment *p,
                       const char **out_receipt, Err *e);
    /* payment_by_ref finds the payment of a gateway transaction. */
    int (*payment_by_ref)(Store *s, Arena *a, const char *ref, Payment *out, Err *e);
    /* payments_of lists a dossier's payments, oldest first. */
    int (*payments_of)(Store *s, Arena *a, int64_t dossier, Payment **out, size_t *out_n, Err *e);
    /* payment_order_add records what a started online payment asks for under ref. */
    int (*payment_order_add)(Store *s, const char *ref, int64_t dossier, int64_t amount,
                             int64_t now, Err *e);
    /* payment_order_open finds an order of dossier for amount that no payment settled yet. */
    int (*payment_order_open)(Store *s, Arena *a, int64_t dossier, int64_t amount,
                              const char **out_ref, Err *e);
    /* payment_order_get finds the order ref: its dossier's code and its amount. */
    int (*payment_order_get)(Store *s, Arena *a, const char *ref, const char **out_code,
                             int64_t *out_amount, Err *e);

    /* ---- the calendar ---- */

    /* calendar_version is a number that changes with every change of holiday schedules or
     * working windows. */
    int (*calendar_version)(Store *s, int64_t *out, Err *e);
    /* holiday_put stores a year's holiday schedule as the TSV text core/calendar reads. */
    int (*holiday_put)(Store *s, int year, const char *tsv, const char *by, int64_t now, Err *e);
    /* holiday_list writes the loaded years (ascending) and their TSV texts. */
    int (*holiday_list)(Store *s, Arena *a, int **out_years, const char ***out_tsv, size_t *out_n,
                        Err *e);
    /* windows_put replaces a unit's weekly windows: specs[weekday] for 0..6. */
    int (*windows_put)(Store *s, const char *unit, const char *const specs[7], Err *e);
    /* windows_get writes the windows of the nearest unit (unit itself, then its parents) that
     * has its own; *out_found is 0 when none has (use the default). */
    int (*windows_get)(Store *s, Arena *a, const char *unit, const char *out_specs[7],
                       int *out_found, Err *e);

    /* ---- users, sessions and tokens ---- */

    /* user_add stores u (its name, role, unit, password hash and profile) */
    int (*user_add)(Store *s, const User *u, int64_t now, int64_t *out_id, Err *e);
    int (*user_get)(Store *s, Arena *a, const char *name, User *out, Err *e);
    int (*user_get_id)(Store *s, Arena *a, int64_t id, User *out, Err *e);
    int (*user_set_password)(Store *s, const char *name, const char *hash, int64_t now, Err *e);
    int (*user_set_disabled)(Store *s, const char *name, int disabled, Err *e);
    /* user_set_role gives user name another role and unit. */
    int (*user_set_role)(Store *s, const char *name, const char *role, const char *unit, Err *e);
    /* user_set_profile replaces the full name, title and telephone of user name (NULL
     * clears one). */
    int (*user_set_profile)(Store *s, const char *name, const char *full_name, const char *title,
                            const char *phone, Err *e);
    /* user_list lists users ordered by name; with under (not NULL) only those whose unit lies
     * within it. */
    int (*user_list)(Store *s, Arena *a, const char *under, User **out, size_t *out_n, Err *e);
    /* Sessions, keyed by the 32-byte SHA-256 of the cookie token. session_get finds a live
     * (unexpired at now) session and its enabled user; session_delete_user ends every session
     * of a user (password change, disabling). */
    int (*session_add)(Store *s, const unsigned char hash[32], int64_t user_id, const char *csrf,
                       int64_t now, int64_t expires_at, Err *e);
    int (*session_get)(Store *s, Arena *a, const unsigned char hash[32], int64_t now,
                       User *out_user, const char **out_csrf, Err *e);
    int (*session_delete)(Store *s, const unsigned char hash[32], Err *e);
    int (*session_delete_user)(Store *s, int64_t user_id, Err *e);
    /* API tokens, keyed by the SHA-256 of the bearer token. token_add stores one that is
     * refused from expires_at on (0: never); token_get finds the token usable at now (ERR_AUTH
     * for one unknown, revoked or expired, each with its own message) as a user of id 0. */
    int (*token_add)(Store *s, const unsigned char hash[32], const char *name, const char *role,
                     const char *unit, int64_t now, int64_t expires_at, int64_t *out_id, Err *e);
    int (*token_get)(Store *s, Arena *a, const unsigned char hash[32], int64_t now, User *out,
                     Err *e);
    /* token_list lists the tokens (revoked and expired too) by id; with under (not NULL) only
     * those whose unit lies within it. */
    int (*token_list)(Store *s, Arena *a, const char *under, ApiToken **out, size_t *out_n, Err *e);
    /* token_revoke revokes token id at now: ERR_NOT_FOUND when there is none, ERR_CONFLICT
     * when it was revoked already. */
    int (*token_revoke)(Store *s, int64_t id, int64_t now, Err *e);

    /* ---- counter devices that take ratings ---- */

    /* device_add records d under the SHA-256 of its token and sets d->id; device_by_token and
     * device_get find a device in use (ERR_NOT_FOUND otherwise); device_list lists those in
     * use of `under` and below (NULL: all), by id; device_revoke takes one out of use. */
    int (*device_add)(Store *s, Device *d, const unsigned char hash[32], Err *e);
    int (*device_by_token)(Store *s, Arena *a, const unsigned char hash[32], Device *out, Err *e);
    int (*device_get)(Store *s, Arena *a, int64_t id, Device *out, Err *e);
    int (*device_list)(Store *s, Arena *a, const char *under, Device **out, size_t *out_n, Err *e);
    int (*device_revoke)(Store *s, int64_t id, int64_t now, Err *e);

    /* ---- the counter queue ---- */

    /* queue_group_put adds or updates (by code) g and sets g->id; queue_counter_put the same
     * for c. queue_group_get / queue_counter_get find one by code (ERR_NOT_FOUND: none) and
     * queue_group_by_id / queue_counter_by_id by id; the lists give those of `under` and below
     * (NULL: all), by code. */
    int (*queue_group_put)(Store *s, QueueGroup *g, Err *e);
    int (*queue_group_get)(Store *s, Arena *a, const char *code, QueueGroup *out, Err *e);
    int (*queue_group_by_id)(Store *s, Arena *a, int64_t id, QueueGroup *out, Err *e);
    int (*queue_group_list)(Store *s, Arena *a, const char *under, QueueGroup **out, size_t *out_n,
                            Err *e);
    int (*queue_counter_put)(Store *s, QueueCounter *c, Err *e);
    int (*queue_counter_get)(Store *s, Arena *a, const char *code, QueueCounter *out, Err *e);
    int (*queue_counter_by_id)(Store *s, Arena *a, int64_t id, QueueCounter *out, Err *e);
    int (*queue_counter_list)(Store *s, Arena *a, const char *under, QueueCounter **out,
                              size_t *out_n, Err *e);
    /* queue_seq_last is the highest sequence group issued on day (0: none yet). */
    int (*queue_seq_last)(Store *s, int64_t group, int32_t day, int64_t *out, Err *e);
    /* queue_ticket_add records t (a new ticket) and sets t->id; queue_ticket_save writes a
     * ticket's changing columns (group, state, queued_at, counter, officer, called_at, calls,
     * dossier, rating). */
    int (*queue_ticket_add)(Store *s, QueueTicket *t, Err *e);
    int (*queue_ticket_save)(Store *s, const QueueTicket *t, Err *e);
    /* queue_ticket_get finds a ticket by id, queue_ticket_by_key by its follow key
     * (ERR_NOT_FOUND: none). */
    int (*queue_ticket_get)(Store *s, Arena *a, int64_t id, QueueTicket *out, Err *e);
    int (*queue_ticket_by_key)(Store *s, Arena *a, const char *key, QueueTicket *out, Err *e);
    /* queue_ticket_next finds the first ticket waiting in group on day, by the time it was
     * queued (ERR_NOT_FOUND: none); queue_ahead counts those waiting there before t. */
    int (*queue_ticket_next)(Store *s, Arena *a, int64_t group, int32_t day, QueueTicket *out,
                             Err *e);
    int (*queue_ahead)(Store *s, const QueueTicket *t, int64_t *out, Err *e);
    /* queue_ticket_at finds the ticket at counter (called or being served; ERR_NOT_FOUND:
     * none); queue_ticket_last the one the counter served last that is done (for the rating
     * tablet; ERR_NOT_FOUND: none). */
    int (*queue_ticket_at)(Store *s, Arena *a, int64_t counter, QueueTicket *out, Err *e);
    int (*queue_ticket_last)(Store *s, Arena *a, int64_t counter, QueueTicket *out, Err *e);
    /* queue_ticket_skipped lists the tickets of group marked absent on day, the last skipped
     * first (by the time they were called). */
    int (*queue_ticket_skipped)(Store *s, Arena *a, int64_t group, int32_t day, QueueTicket **out,
                                size_t *out_n, Err *e);
    /* queue_leg_open records the leg of t's call at its counter (queued_at to called_at);
     * queue_leg_close ends t's open leg at ended_at with outcome. */
    int (*queue_leg_open)(Store *s, const QueueTicket *t, Err *e);
    int (*queue_leg_close)(Store *s, int64_t ticket, int64_t ended_at, QueueState outcome, Err *e);
    /* queue_legs lists the legs called in [from, to) at counters of `under` and below (NULL:
     * all), by call. */
    int (*queue_legs)(Store *s, Arena *a, const char *under, int64_t from, int64_t to,
                      QueueLeg **out, size_t *out_n, Err *e);

    /* ---- signatures (migration 23) ---- */

    /* cert_add records c and sets c->id; cert_list lists the certificates of unit (NULL:
     * all), newest first; cert_get finds one (ERR_NOT_FOUND); cert_revoke sets its revocation
     * day (ERR_NOT_FOUND when there is no such certificate). */
    int (*cert_add)(Store *s, UnitCert *c, Err *e);
    int (*cert_list)(Store *s, Arena *a, const char *unit, UnitCert **out, size_t *out_n, Err *e);
    int (*cert_get)(Store *s, Arena *a, int64_t id, UnitCert *out, Err *e);
    int (*cert_revoke)(Store *s, int64_t id, int32_t day, Err *e);
    /* signature_add records g and sets g->id; signature_get finds one by its token, and
     * signature_of the newest of dossier for what (ERR_NOT_FOUND); signature_next is the
     * first signature with id > after (ERR_NOT_FOUND after the last), for verify. */
    int (*signature_add)(Store *s, Signature *g, Err *e);
    int (*signature_get)(Store *s, Arena *a, const char *token, Signature *out, Err *e);
    int (*signature_of)(Store *s, Arena *a, int64_t dossier, const char *what, Signature *out,
                        Err *e);
    int (*signature_next)(Store *s, Arena *a, int64_t after, Signature *out, Err *e);
    /* seal_put records the one-time seal of a dossier whose events carry no record digest: its
     * last event's seq and hash and its record's digest; seal_get reads it (ERR_NOT_FOUND). */
    int (*seal_put)(Store *s, int64_t dossier, int seq, const unsigned char head[32],
                    const unsigned char record[STORE_RECORD_HASH], int64_t now, Err *e);
    int (*seal_get)(Store *s, int64_t dossier, int *out_seq, unsigned char out_head[32],
                    unsigned char out_record[STORE_RECORD_HASH], Err *e);
    /* checkpoint_last gives the feed cursor of unit's last checkpoint (0: none);
     * checkpoint_add records one; heads lists, for the dossiers received by unit with an event
     * whose feed cursor is in (after, upto], the last such event's seq and hash, by dossier. */
    int (*checkpoint_last)(Store *s, const char *unit, int64_t *out_feed, Err *e);
    int (*checkpoint_add)(Store *s, const char *unit, int64_t at, int64_t feed, int64_t signature,
                          Err *e);
    int (*heads)(Store *s, Arena *a, const char *unit, int64_t after, int64_t upto, ChainHead **out,
                 size_t *out_n, Err *e);
    /* event_hash gives the hash of event seq of the dossier called code (ERR_NOT_FOUND). */
    int (*event_hash)(Store *s, const char *code, int seq, unsigned char out[32], Err *e);
};

/* store_open opens the store named by url (a file path: SQLite; a postgresql:// or
 * postgres:// URL, any libpq connection URI: PostgreSQL) in mode. */
int store_open(const char *url, StoreMode mode, Store **out, Err *e);

/* store_create opens the store named by url for writing, creating it when absent, and applies
 * every pending migration, each recorded as applied at now (`motcua init`). */
int store_create(const char *url, int64_t now, Store **out, Err *e);

/* store_is_file: url names a store in a file (SQLite), beside which its documents' folder
 * <url>.files lives; not a database server's URL. */
bool store_is_file(const char *url);

/* store_close closes s (NULL is allowed) after freeing its cache slot. */
void store_close(Store *s);

/* store_missing fails an operation the store's backend does not implement (its slot in the
 * table is NULL: a feature that has landed on one engine first): ERR_UNAVAILABLE naming it. */
int store_missing(const char *op, Err *e);

/* The operations as functions: store_X(s, ...) calls s->ops->X(s, ...), or store_missing when
 * the backend lacks X (an operation without a result does nothing). */
/* clang-format off */
#define OP(name, params, args) static inline int store_##name params { return s->ops->name ? s->ops->name args : store_missing(#name, e); }
#define OPV(name, params, args) static inline void store_##name params { if (s->ops->name) s->ops->name args; }
OP(schema_version, (Store *s, int *out, Err *e), (s, out, e))
OP(schema_applied, (Store *s, int version, bool *out, Err *e), (s, version, out, e))
OP(exec_script, (Store *s, const char *sql, Err *e), (s, sql, e))
OP(schema_record, (Store *s, int version, const char *name, int64_t now, Err *e), (s, version, name, now, e))
OP(backup, (Store *s, const char *path, Err *e), (s, path, e))
OP(check, (Store *s, void (*report)(void *ctx, const char *problem), void *ctx, long *out_problems, Err *e), (s, report, ctx, out_problems, e))
OP(begin, (Store *s, Err *e), (s, e))
OP(commit, (Store *s, Err *e), (s, e))
OPV(rollback, (Store *s), (s))
OP(savepoint, (Store *s, Err *e), (s, e))
OP(release, (Store *s, Err *e), (s, e))
OPV(rollback_savepoint, (Store *s), (s))
OP(read_begin, (Store *s, Err *e), (s, e))
OPV(read_end, (Store *s), (s))
OP(unit_put, (Store *s, const Unit *u, int64_t now, Err *e), (s, u, now, e))
OP(unit_get, (Store *s, Arena *a, const char *code, Unit *out, Err *e), (s, a, code, out, e))
OP(unit_list, (Store *s, Arena *a, Unit **out, size_t *out_n, Err *e), (s, a, out, out_n, e))
OP(unit_within, (Store *s, const char *unit, const char *ancestor, int *out, Err *e), (s, unit, ancestor, out, e))
OP(field_put, (Store *s, const Field *f, Err *e), (s, f, e))
OP(field_get, (Store *s, Arena *a, const char *code, Field *out, Err *e), (s, a, code, out, e))
OP(field_list, (Store *s, Arena *a, Field **out, size_t *out_n, Err *e), (s, a, out, out_n, e))
OP(procedure_put, (Store *s, const Procedure *p, int64_t now, Err *e), (s, p, now, e))
OP(procedure_get, (Store *s, Arena *a, const char *code, Procedure *out, Err *e), (s, a, code, out, e))
OP(names, (Store *s, Arena *a, const char *procedure, const char *unit, const char **procedure_name, const char **unit_name, Err *e), (s, a, procedure, unit, procedure_name, unit_name, e))
OP(procedure_search, (Store *s, Arena *a, const char *q_key, const char *field, size_t limit, Procedure **out, size_t *out_n, Err *e), (s, a, q_key, field, limit, out, out_n, e))
OP(unit_op_add, (Store *s, UnitOpRow *r, Err *e), (s, r, e))
OP(unit_op_done, (Store *s, int64_t id, int64_t applied_at, const char *summary, Err *e), (s, id, applied_at, summary, e))
OP(unit_op_list, (Store *s, Arena *a, const char *planned_by, UnitOpRow **out, size_t *out_n, Err *e), (s, a, planned_by, out, out_n, e))
OP(dossier_at, (Store *s, Arena *a, const char *unit, const char *state, DossierRow **out, size_t *out_n, Err *e), (s, a, unit, state, out, out_n, e))
OP(token_set_unit, (Store *s, int64_t id, const char *unit, Err *e), (s, id, unit, e))
OP(procedure_level_at, (Store *s, Arena *a, const char *procedure, const char *day, const char **out, Err *e), (s, a, procedure, day, out, e))
OP(chain_put, (Store *s, const Chain *c, int64_t now, Err *e), (s, c, now, e))
OP(chain_get, (Store *s, Arena *a, const char *code, Chain *out, Err *e), (s, a, code, out, e))
OP(chain_list, (Store *s, Arena *a, Chain **out, size_t *out_n, Err *e), (s, a, out, out_n, e))
OP(agency_put, (Store *s, const Agency *g, Err *e), (s, g, e))
OP(agency_get, (Store *s, Arena *a, const char *kind, Agency *out, Err *e), (s, a, kind, out, e))
OP(agency_list, (Store *s, Arena *a, Agency **out, size_t *out_n, Err *e), (s, a, out, out_n, e))
OP(node_key_get, (Store *s, unsigned char pk[32], unsigned char sk[64], Err *e), (s, pk, sk, e))
OP(node_key_put, (Store *s, const unsigned char pk[32], const unsigned char sk[64], int64_t now, Err *e), (s, pk, sk, now, e))
OP(message_add, (Store *s, AgencyMessage *m, Err *e), (s, m, e))
OP(message_last, (Store *s, unsigned char out[32], int *out_found, Err *e), (s, out, out_found, e))
OP(message_find, (Store *s, Arena *a, const char *message_id, AgencyMessage *out, Err *e), (s, a, message_id, out, e))
OP(message_list, (Store *s, Arena *a, const char *dossier, int64_t after, size_t limit, AgencyMessage **out, size_t *out_n, Err *e), (s, a, dossier, after, limit, out, out_n, e))
OP(delivery_add, (Store *s, const char *message_id, const char *agency, int64_t now, Err *e), (s, message_id, agency, now, e))
OP(delivery_due, (Store *s, Arena *a, int64_t now, size_t limit, AgencyDelivery **out, size_t *out_n, Err *e), (s, a, now, limit, out, out_n, e))
OP(delivery_done, (Store *s, int64_t id, int ok, const char *error, int64_t now, int64_t next_at, Err *e), (s, id, ok, error, now, next_at, e))
OP(portal_add, (Store *s, const char *code, int version, const char *service, const char *body, int64_t now, Err *e), (s, code, version, service, body, now, e))
OP(portal_due, (Store *s, Arena *a, int64_t now, size_t limit, PortalItem **out, size_t *out_n, Err *e), (s, a, now, limit, out, out_n, e))
OP(portal_done, (Store *s, int64_t id, int ok, const char *error, int64_t now, int64_t next_at, Err *e), (s, id, ok, error, now, next_at, e))
OP(portal_sync, (Store *s, Arena *a, const char *code, PortalSync *out, Err *e), (s, a, code, out, e))
OP(portal_backlog, (Store *s, long *out_waiting, long *out_failing, int64_t *out_oldest, Err *e), (s, out_waiting, out_failing, out_oldest, e))
OP(steps_open, (Store *s, Arena *a, const char *under, size_t limit, OpenStep **out, size_t *out_n, Err *e), (s, a, under, limit, out, out_n, e))
OP(dossier_children, (Store *s, Arena *a, int64_t parent, int64_t **out_ids, size_t *out_n, Err *e), (s, a, parent, out_ids, out_n, e))
OP(event_id_next, (Store *s, char out[48], Err *e), (s, out, e))
OP(code_next, (Store *s, const char *unit, const char *yymmdd, int64_t *out_seq, Err *e), (s, unit, yymmdd, out_seq, e))
OP(code_seen, (Store *s, const char *unit, const char *yymmdd, int64_t seq, Err *e), (s, unit, yymmdd, seq, e))
OP(dossier_insert, (Store *s, DossierRow *row, Err *e), (s, row, e))
OP(dossier_save, (Store *s, const Dossier *d, Err *e), (s, d, e))
OP(dossier_components, (Store *s, int64_t id, const char *components, Err *e), (s, id, components, e))
OP(dossier_get, (Store *s, Arena *a, const char *code, DossierRow *out, Err *e), (s, a, code, out, e))
OP(dossier_get_id, (Store *s, Arena *a, int64_t id, DossierRow *out, Err *e), (s, a, id, out, e))
OP(dossier_search, (Store *s, Arena *a, const DossierQuery *q, DossierRow **out, size_t *out_n, Err *e), (s, a, q, out, out_n, e))
OP(dossier_changed, (Store *s, Arena *a, int64_t since, const char *under, int64_t after_id, size_t limit, int64_t **out_ids, size_t *out_n, Err *e), (s, a, since, under, after_id, limit, out_ids, out_n, e))
OP(dossier_next_id, (Store *s, int64_t after, int64_t *out_id, Err *e), (s, after, out_id, e))
OP(search_add, (Store *s, int64_t dossier, const char *text, Err *e), (s, dossier, text, e))
OP(event_add, (Store *s, StoredEvent *ev, Err *e), (s, ev, e))
OP(event_list, (Store *s, Arena *a, int64_t dossier, StoredEvent **out, size_t *out_n, Err *e), (s, a, dossier, out, out_n, e))
OP(event_find, (Store *s, Arena *a, int64_t dossier, const char *event_id, StoredEvent *out, Err *e), (s, a, dossier, event_id, out, e))
OP(feed_max, (Store *s, int64_t *out, Err *e), (s, out, e))
OP(feed, (Store *s, Arena *a, int64_t after, const char *under, size_t limit, FeedEntry **out, size_t *out_n, Err *e), (s, a, after, under, limit, out, out_n, e))
OP(lookup_failed, (Store *s, int64_t id, int *out_failures, Err *e), (s, id, out_failures, e))
OP(lookup_unlock, (Store *s, int64_t id, Err *e), (s, id, e))
OP(access_log, (Store *s, AccessEntry *v, Err *e), (s, v, e))
OP(access_log_list, (Store *s, Arena *a, const char *under, int64_t from, int64_t to, int64_t before, size_t limit, AccessEntry **out, size_t *out_n, Err *e), (s, a, under, from, to, before, limit, out, out_n, e))
OP(idem_get, (Store *s, Arena *a, const char *principal, const char *key, unsigned char out_request[32], int *out_status, const char **out_body, Err *e), (s, a, principal, key, out_request, out_status, out_body, e))
OP(idem_put, (Store *s, const char *principal, const char *key, const unsigned char request[32], int status, const char *body, int64_t now, Err *e), (s, principal, key, request, status, body, now, e))
OP(stat_state_add, (Store *s, const char *state, int delta, Err *e), (s, state, delta, e))
OP(stat_states, (Store *s, Arena *a, const char ***out_states, int64_t **out_n, size_t *out_count, Err *e), (s, a, out_states, out_n, out_count, e))
OP(stat_apply, (Store *s, int recount, const char *unit, const char *procedure, const StatChange *ch, size_t n, const StatPayChange *pay, size_t n_pay, Err *e), (s, recount, unit, procedure, ch, n, pay, n_pay, e))
OP(stat_officer_apply, (Store *s, int recount, const char *unit, const OfficerChange *ch, size_t n, Err *e), (s, recount, unit, ch, n, e))
OP(stat_recount_begin, (Store *s, Err *e), (s, e))
OP(stat_compare, (Store *s, void (*report)(void *ctx, const char *problem), void *ctx, long *out_problems, Err *e), (s, report, ctx, out_problems, e))
OP(stat_recount_apply, (Store *s, const int64_t *by_state, Err *e), (s, by_state, e))
OP(stat_report, (Store *s, Arena *a, const char *under, bool current, int32_t from, int32_t to, StatGroup by, StatRow **out, size_t *out_n, Err *e), (s, a, under, current, from, to, by, out, out_n, e))
OP(stat_due_later, (Store *s, Arena *a, const char *under, bool current, int32_t day, int64_t now, StatGroup by, StatCount **out, size_t *out_n, Err *e), (s, a, under, current, day, now, by, out, out_n, e))
OP(stat_officers, (Store *s, Arena *a, const char *under, bool current, int32_t from, int32_t to, OfficerRow **out, size_t *out_n, Err *e), (s, a, under, current, from, to, out, out_n, e))
OP(stat_months, (Store *s, Arena *a, const char *under, bool current, int32_t from, int32_t to, StatMonth **out, size_t *out_n, Err *e), (s, a, under, current, from, to, out, out_n, e))
OP(webhook_add, (Store *s, Webhook *w, Err *e), (s, w, e))
OP(webhook_list, (Store *s, Arena *a, const char *under, Webhook **out, size_t *out_n, Err *e), (s, a, under, out, out_n, e))
OP(webhook_delete, (Store *s, int64_t id, int64_t now, Err *e), (s, id, now, e))
OP(webhook_get, (Store *s, Arena *a, int64_t id, Webhook *out, Err *e), (s, a, id, out, e))
OP(webhooks_active, (Store *s, Err *e), (s, e))
OP(outbox_enqueue, (Store *s, const char *unit, const char *action, const char *code, const char *body, int64_t now, Err *e), (s, unit, action, code, body, now, e))
OP(outbox_due, (Store *s, Arena *a, int64_t now, size_t limit, OutboxItem **out, size_t *out_n, Err *e), (s, a, now, limit, out, out_n, e))
OP(outbox_done, (Store *s, int64_t id, int ok, const char *error, int64_t now, int64_t next_at, Err *e), (s, id, ok, error, now, next_at, e))
OP(notification_add, (Store *s, const Notice *n, int64_t now, Err *e), (s, n, now, e))
OP(notification_due, (Store *s, Arena *a, int64_t now, size_t limit, Notification **out, size_t *out_n, Err *e), (s, a, now, limit, out, out_n, e))
OP(notification_done, (Store *s, int64_t id, int ok, const char *error, int64_t now, int64_t next_at, Err *e), (s, id, ok, error, now, next_at, e))
OP(purge, (Store *s, int64_t now, long *out_rows, Err *e), (s, now, out_rows, e))
OP(document_put, (Store *s, const Document *d, Err *e), (s, d, e))
OP(document_list, (Store *s, Arena *a, Document **out, size_t *out_n, Err *e), (s, a, out, out_n, e))
OP(dossier_document_add, (Store *s, DossierDocument *dd, Err *e), (s, dd, e))
OP(dossier_documents, (Store *s, Arena *a, int64_t dossier, DossierDocument **out, size_t *out_n, Err *e), (s, a, dossier, out, out_n, e))
OP(pending_put, (Store *s, const PendingUpload *u, Err *e), (s, u, e))
OP(pending_get, (Store *s, Arena *a, const char *token, const char *sha256, PendingUpload *out, Err *e), (s, a, token, sha256, out, e))
OP(pending_expire, (Store *s, Arena *a, int64_t before, size_t limit, PendingUpload **out, size_t *out_n, Err *e), (s, a, before, limit, out, out_n, e))
OP(payment_add, (Store *s, Arena *a, const char *unit, int year, Payment *p, const char **out_receipt, Err *e), (s, a, unit, year, p, out_receipt, e))
OP(payment_by_ref, (Store *s, Arena *a, const char *ref, Payment *out, Err *e), (s, a, ref, out, e))
OP(payments_of, (Store *s, Arena *a, int64_t dossier, Payment **out, size_t *out_n, Err *e), (s, a, dossier, out, out_n, e))
OP(payment_order_add, (Store *s, const char *ref, int64_t dossier, int64_t amount, int64_t now, Err *e), (s, ref, dossier, amount, now, e))
OP(payment_order_open, (Store *s, Arena *a, int64_t dossier, int64_t amount, const char **out_ref, Err *e), (s, a, dossier, amount, out_ref, e))
OP(payment_order_get, (Store *s, Arena *a, const char *ref, const char **out_code, int64_t *out_amount, Err *e), (s, a, ref, out_code, out_amount, e))
OP(calendar_version, (Store *s, int64_t *out, Err *e), (s, out, e))
OP(holiday_put, (Store *s, int year, const char *tsv, const char *by, int64_t now, Err *e), (s, year, tsv, by, now, e))
OP(holiday_list, (Store *s, Arena *a, int **out_years, const char ***out_tsv, size_t *out_n, Err *e), (s, a, out_years, out_tsv, out_n, e))
OP(windows_put, (Store *s, const char *unit, const char *const specs[7], Err *e), (s, unit, specs, e))
OP(windows_get, (Store *s, Arena *a, const char *unit, const char *out_specs[7], int *out_found, Err *e), (s, a, unit, out_specs, out_found, e))
OP(user_add, (Store *s, const User *u, int64_t now, int64_t *out_id, Err *e), (s, u, now, out_id, e))
OP(user_get, (Store *s, Arena *a, const char *name, User *out, Err *e), (s, a, name, out, e))
OP(user_get_id, (Store *s, Arena *a, int64_t id, User *out, Err *e), (s, a, id, out, e))
OP(user_set_password, (Store *s, const char *name, const char *hash, int64_t now, Err *e), (s, name, hash, now, e))
OP(user_set_disabled, (Store *s, const char *name, int disabled, Err *e), (s, name, disabled, e))
OP(user_list, (Store *s, Arena *a, const char *under, User **out, size_t *out_n, Err *e), (s, a, under, out, out_n, e))
OP(session_add, (Store *s, const unsigned char hash[32], int64_t user_id, const char *csrf, int64_t now, int64_t expires_at, Err *e), (s, hash, user_id, csrf, now, expires_at, e))
OP(session_get, (Store *s, Arena *a, const unsigned char hash[32], int64_t now, User *out_user, const char **out_csrf, Err *e), (s, a, hash, now, out_user, out_csrf, e))
OP(session_delete, (Store *s, const unsigned char hash[32], Err *e), (s, hash, e))
OP(session_delete_user, (Store *s, int64_t user_id, Err *e), (s, user_id, e))
OP(user_set_role, (Store *s, const char *name, const char *role, const char *unit, Err *e), (s, name, role, unit, e))
OP(user_set_profile, (Store *s, const char *name, const char *full_name, const char *title, const char *phone, Err *e), (s, name, full_name, title, phone, e))
OP(token_add, (Store *s, const unsigned char hash[32], const char *name, const char *role, const char *unit, int64_t now, int64_t expires_at, int64_t *out_id, Err *e), (s, hash, name, role, unit, now, expires_at, out_id, e))
OP(token_get, (Store *s, Arena *a, const unsigned char hash[32], int64_t now, User *out, Err *e), (s, a, hash, now, out, e))
OP(token_list, (Store *s, Arena *a, const char *under, ApiToken **out, size_t *out_n, Err *e), (s, a, under, out, out_n, e))
OP(token_revoke, (Store *s, int64_t id, int64_t now, Err *e), (s, id, now, e))
OP(device_add, (Store *s, Device *d, const unsigned char hash[32], Err *e), (s, d, hash, e))
OP(device_by_token, (Store *s, Arena *a, const unsigned char hash[32], Device *out, Err *e), (s, a, hash, out, e))
OP(device_get, (Store *s, Arena *a, int64_t id, Device *out, Err *e), (s, a, id, out, e))
OP(device_list, (Store *s, Arena *a, const char *under, Device **out, size_t *out_n, Err *e), (s, a, under, out, out_n, e))
OP(device_revoke, (Store *s, int64_t id, int64_t now, Err *e), (s, id, now, e))
OP(queue_group_put, (Store *s, QueueGroup *g, Err *e), (s, g, e))
OP(queue_group_get, (Store *s, Arena *a, const char *code, QueueGroup *out, Err *e), (s, a, code, out, e))
OP(queue_group_by_id, (Store *s, Arena *a, int64_t id, QueueGroup *out, Err *e), (s, a, id, out, e))
OP(queue_group_list, (Store *s, Arena *a, const char *under, QueueGroup **out, size_t *out_n, Err *e), (s, a, under, out, out_n, e))
OP(queue_counter_put, (Store *s, QueueCounter *c, Err *e), (s, c, e))
OP(queue_counter_get, (Store *s, Arena *a, const char *code, QueueCounter *out, Err *e), (s, a, code, out, e))
OP(queue_counter_by_id, (Store *s, Arena *a, int64_t id, QueueCounter *out, Err *e), (s, a, id, out, e))
OP(queue_counter_list, (Store *s, Arena *a, const char *under, QueueCounter **out, size_t *out_n, Err *e), (s, a, under, out, out_n, e))
OP(queue_seq_last, (Store *s, int64_t group, int32_t day, int64_t *out, Err *e), (s, group, day, out, e))
OP(queue_ticket_add, (Store *s, QueueTicket *t, Err *e), (s, t, e))
OP(queue_ticket_save, (Store *s, const QueueTicket *t, Err *e), (s, t, e))
OP(queue_ticket_get, (Store *s, Arena *a, int64_t id, QueueTicket *out, Err *e), (s, a, id, out, e))
OP(queue_ticket_by_key, (Store *s, Arena *a, const char *key, QueueTicket *out, Err *e), (s, a, key, out, e))
OP(queue_ticket_next, (Store *s, Arena *a, int64_t group, int32_t day, QueueTicket *out, Err *e), (s, a, group, day, out, e))
OP(queue_ahead, (Store *s, const QueueTicket *t, int64_t *out, Err *e), (s, t, out, e))
OP(queue_ticket_at, (Store *s, Arena *a, int64_t counter, QueueTicket *out, Err *e), (s, a, counter, out, e))
OP(queue_ticket_last, (Store *s, Arena *a, int64_t counter, QueueTicket *out, Err *e), (s, a, counter, out, e))
OP(queue_ticket_skipped, (Store *s, Arena *a, int64_t group, int32_t day, QueueTicket **out, size_t *out_n, Err *e), (s, a, group, day, out, out_n, e))
OP(queue_leg_open, (Store *s, const QueueTicket *t, Err *e), (s, t, e))
OP(queue_leg_close, (Store *s, int64_t ticket, int64_t ended_at, QueueState outcome, Err *e), (s, ticket, ended_at, outcome, e))
OP(queue_legs, (Store *s, Arena *a, const char *under, int64_t from, int64_t to, QueueLeg **out, size_t *out_n, Err *e), (s, a, under, from, to, out, out_n, e))
OP(cert_add, (Store *s, UnitCert *c, Err *e), (s, c, e))
OP(cert_list, (Store *s, Arena *a, const char *unit, UnitCert **out, size_t *out_n, Err *e), (s, a, unit, out, out_n, e))
OP(cert_get, (Store *s, Arena *a, int64_t id, UnitCert *out, Err *e), (s, a, id, out, e))
OP(cert_revoke, (Store *s, int64_t id, int32_t day, Err *e), (s, id, day, e))
OP(signature_add, (Store *s, Signature *g, Err *e), (s, g, e))
OP(signature_get, (Store *s, Arena *a, const char *token, Signature *out, Err *e), (s, a, token, out, e))
OP(signature_of, (Store *s, Arena *a, int64_t dossier, const char *what, Signature *out, Err *e), (s, a, dossier, what, out, e))
OP(signature_next, (Store *s, Arena *a, int64_t after, Signature *out, Err *e), (s, a, after, out, e))
OP(seal_put, (Store *s, int64_t dossier, int seq, const unsigned char head[32], const unsigned char record[STORE_RECORD_HASH], int64_t now, Err *e), (s, dossier, seq, head, record, now, e))
OP(seal_get, (Store *s, int64_t dossier, int *out_seq, unsigned char out_head[32], unsigned char out_record[STORE_RECORD_HASH], Err *e), (s, dossier, out_seq, out_head, out_record, e))
OP(checkpoint_last, (Store *s, const char *unit, int64_t *out_feed, Err *e), (s, unit, out_feed, e))
OP(checkpoint_add, (Store *s, const char *unit, int64_t at, int64_t feed, int64_t signature, Err *e), (s, unit, at, feed, signature, e))
OP(heads, (Store *s, Arena *a, const char *unit, int64_t after, int64_t upto, ChainHead **out, size_t *out_n, Err *e), (s, a, unit, after, upto, out, out_n, e))
OP(event_hash, (Store *s, const char *code, int seq, unsigned char out[32], Err *e), (s, code, seq, out, e))
#undef OPV
#undef OP
/* clang-format on */

#endif
