/* sqlite_agencies.c: the agencies of interconnected groups, this node's signing key and the
 * signed message log in the SQLite backend (store.h). */
#include "store/sqlite_int.h"

#include <string.h>

static int sq_agency_put(Store *s, const Agency *g, Err *e)
{
    static const char sql[] =
        "INSERT INTO agency (kind, url, public_key, updated_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (kind) DO UPDATE SET url = ?2, public_key = ?3, updated_at = ?4";
    PREP(st, sql);
    sq_bind_text(st, 1, g->kind);
    sq_bind_text(st, 2, g->url);
    sqlite3_bind_blob(st, 3, g->public_key, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, g->updated_at);
    return sq_step_done(s, st, e, "agency put");
}

static void read_agency_row(Arena *a, sqlite3_stmt *st, void *v)
{
    Agency *g = v;
    g->kind = sq_col_text(a, st, 0);
    g->url = sq_col_text(a, st, 1);
    if (sqlite3_column_bytes(st, 2) == 32)
        memcpy(g->public_key, sqlite3_column_blob(st, 2), 32);
    g->updated_at = sqlite3_column_int64(st, 3);
}

static int sq_agency_get(Store *s, Arena *a, const char *kind, Agency *out, Err *e)
{
    static const char sql[] =
        "SELECT kind, url, public_key, updated_at FROM agency WHERE kind = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, kind);
    Agency *gs;
    size_t n;
    int rc = sq_collect(s, a, st, sizeof(Agency), read_agency_row, (void **)&gs, &n, e);
    if (rc < 0)
        return rc;
    if (n == 0)
        return err_setf(e, ERR_NOT_FOUND, "agency", "Chưa khai báo cơ quan %s",
                        "no agency %s is configured", kind);
    *out = gs[0];
    return 0;
}

static int sq_agency_list(Store *s, Arena *a, Agency **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT kind, url, public_key, updated_at FROM agency ORDER BY kind";
    PREP(st, sql);
    return sq_collect(s, a, st, sizeof(Agency), read_agency_row, (void **)out, out_n, e);
}

static int sq_node_key_get(Store *s, unsigned char pk[32], unsigned char sk[64], Err *e)
{
    static const char sql[] = "SELECT public_key, secret_key FROM node_key WHERE id = 1";
    PREP(st, sql);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32 &&
        sqlite3_column_bytes(st, 1) == 64) {
        memcpy(pk, sqlite3_column_blob(st, 0), 32);
        memcpy(sk, sqlite3_column_blob(st, 1), 64);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sq_fail(s, e, "node key");
    return err_set(e, ERR_NOT_FOUND, "", "Chưa có khóa ký của hệ thống (motcua agency key)",
                   "this node has no signing key yet (motcua agency key)");
}

static int sq_node_key_put(Store *s, const unsigned char pk[32], const unsigned char sk[64],
                           int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO node_key (id, public_key, secret_key, created_at) VALUES (1, ?1, ?2, ?3)";
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, pk, 32, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, sk, 64, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return 0;
    if ((sqlite3_extended_errcode(sq(s)->db) & 0xff) == SQLITE_CONSTRAINT)
        return err_set(e, ERR_CONFLICT, "", "Hệ thống đã có khóa ký", "the node has a key");
    return sq_fail(s, e, "node key put");
}

static void bind_blob_opt(sqlite3_stmt *st, int i, int has, const unsigned char *v)
{
    if (has)
        sqlite3_bind_blob(st, i, v, 32, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static int sq_message_add(Store *s, AgencyMessage *m, Err *e)
{
    static const char sql[] =
        "INSERT INTO agency_message (message_id, direction, agency, dossier, type, body, "
        "signature, answers, prev_hash, hash, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11)";
    PREP(st, sql);
    sq_bind_text(st, 1, m->message_id);
    sq_bind_text(st, 2, m->direction);
    sq_bind_text(st, 3, m->agency);
    sq_bind_text(st, 4, m->dossier);
    sq_bind_text(st, 5, m->type);
    sq_bind_text(st, 6, m->body);
    sqlite3_bind_blob(st, 7, m->signature, 64, SQLITE_STATIC);
    bind_blob_opt(st, 8, m->has_answers, m->answers);
    bind_blob_opt(st, 9, m->has_prev, m->prev_hash);
    sqlite3_bind_blob(st, 10, m->hash, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 11, m->at);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        if ((sqlite3_extended_errcode(sq(s)->db) & 0xff) == SQLITE_CONSTRAINT)
            return err_setf(e, ERR_CONFLICT, "id", "Thông điệp %s đã nhận",
                            "message %s was taken already", m->message_id);
        return sq_fail(s, e, "message add");
    }
    m->seq = sqlite3_last_insert_rowid(sq(s)->db);
    return 0;
}

static int sq_message_last(Store *s, unsigned char out[32], int *out_found, Err *e)
{
    static const char sql[] = "SELECT hash FROM agency_message ORDER BY seq DESC LIMIT 1";
    PREP(st, sql);
    int rc = sqlite3_step(st);
    *out_found = rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32;
    if (*out_found)
        memcpy(out, sqlite3_column_blob(st, 0), 32);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_fail(s, e, "message last");
}

#define MESSAGE_COLS                                                                               \
    "seq, message_id, direction, agency, dossier, type, body, signature, answers, prev_hash, "     \
    "hash, at"

/* blob_opt copies a 32-byte column into v; 1 when it holds one. */
static int blob_opt(sqlite3_stmt *st, int i, unsigned char *v, int n)
{
    if (sqlite3_column_bytes(st, i) != n)
        return 0;
    memcpy(v, sqlite3_column_blob(st, i), (size_t)n);
    return 1;
}

static void read_message_row(Arena *a, sqlite3_stmt *st, void *v)
{
    AgencyMessage *m = v;
    memset(m, 0, sizeof *m);
    m->seq = sqlite3_column_int64(st, 0);
    m->message_id = sq_col_text(a, st, 1);
    m->direction = sq_col_text(a, st, 2);
    m->agency = sq_col_text(a, st, 3);
    m->dossier = sq_col_text(a, st, 4);
    m->type = sq_col_text(a, st, 5);
    m->body = sq_col_text(a, st, 6);
    blob_opt(st, 7, m->signature, 64);
    m->has_answers = blob_opt(st, 8, m->answers, 32);
    m->has_prev = blob_opt(st, 9, m->prev_hash, 32);
    blob_opt(st, 10, m->hash, 32);
    m->at = sqlite3_column_int64(st, 11);
}

static int sq_message_find(Store *s, Arena *a, const char *message_id, AgencyMessage *out, Err *e)
{
    static const char sql[] = "SELECT " MESSAGE_COLS " FROM agency_message WHERE message_id = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, message_id);
    AgencyMessage *ms;
    size_t n;
    int rc = sq_collect(s, a, st, sizeof(AgencyMessage), read_message_row, (void **)&ms, &n, e);
    if (rc < 0)
        return rc;
    if (n == 0)
        return err_setf(e, ERR_NOT_FOUND, "id", "Không có thông điệp %s", "no message %s",
                        message_id);
    *out = ms[0];
    return 0;
}

static int sq_message_list(Store *s, Arena *a, const char *dossier, int64_t after, size_t limit,
                           AgencyMessage **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " MESSAGE_COLS " FROM agency_message WHERE seq > ?1 AND "
                              "(?2 IS NULL OR dossier = ?2) ORDER BY seq LIMIT ?3";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, after);
    sq_bind_text(st, 2, dossier);
    sqlite3_bind_int64(st, 3, (int64_t)limit);
    return sq_collect(s, a, st, sizeof(AgencyMessage), read_message_row, (void **)out, out_n, e);
}

static int sq_delivery_add(Store *s, const char *message_id, const char *agency, int64_t now,
                           Err *e)
{
    static const char sql[] =
        "INSERT INTO agency_outbox (message_id, agency, next_at) VALUES (?1, ?2, ?3)";
    PREP(st, sql);
    sq_bind_text(st, 1, message_id);
    sq_bind_text(st, 2, agency);
    sqlite3_bind_int64(st, 3, now);
    return sq_step_done(s, st, e, "delivery add");
}

static void read_delivery_row(Arena *a, sqlite3_stmt *st, void *v)
{
    AgencyDelivery *d = v;
    d->id = sqlite3_column_int64(st, 0);
    d->message_id = sq_col_text(a, st, 1);
    d->url = sq_col_text(a, st, 2);
    d->body = sq_col_text(a, st, 3);
    if (sqlite3_column_bytes(st, 4) == 64)
        memcpy(d->signature, sqlite3_column_blob(st, 4), 64);
    d->attempts = sqlite3_column_int(st, 5);
}

static int sq_delivery_due(Store *s, Arena *a, int64_t now, size_t limit, AgencyDelivery **out,
                           size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT o.id, o.message_id, g.url, m.body, m.signature, o.attempts FROM agency_outbox o "
        "JOIN agency_message m ON m.message_id = o.message_id JOIN agency g ON g.kind = o.agency "
        "WHERE o.sent_at IS NULL AND o.next_at <= ?1 ORDER BY o.next_at, o.id LIMIT ?2";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, (int64_t)limit);
    return sq_collect(s, a, st, sizeof(AgencyDelivery), read_delivery_row, (void **)out, out_n, e);
}

static int sq_delivery_done(Store *s, int64_t id, int ok, const char *error, int64_t now,
                            int64_t next_at, Err *e)
{
    static const char sql[] =
        "UPDATE agency_outbox SET attempts = attempts + 1, sent_at = CASE WHEN ?2 THEN ?4 END, "
        "next_at = CASE WHEN ?2 THEN next_at ELSE ?5 END, last_error = ?3 WHERE id = ?1 AND "
        "sent_at IS NULL";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, ok ? 1 : 0);
    sq_bind_text(st, 3, ok ? NULL : error);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, next_at);
    return sq_step_done(s, st, e, "delivery done");
}

void sq_agency_ops(StoreOps *o)
{
    o->agency_put = sq_agency_put;
    o->agency_get = sq_agency_get;
    o->agency_list = sq_agency_list;
    o->node_key_get = sq_node_key_get;
    o->node_key_put = sq_node_key_put;
    o->message_add = sq_message_add;
    o->message_last = sq_message_last;
    o->message_find = sq_message_find;
    o->message_list = sq_message_list;
    o->delivery_add = sq_delivery_add;
    o->delivery_due = sq_delivery_due;
    o->delivery_done = sq_delivery_done;
}
