/* sqlite_signatures.c: units' signing certificates, the signatures made, and the one-time
 * seals of dossiers older than record digests, in the SQLite backend (store.h, migration 23). */
#include "store/sqlite_int.h"

#include <string.h>

#define CERT_COLS                                                                                  \
    "id, unit, subject, issuer, serial, not_before, not_after, cert_pem, chain_pem, key_sealed, "  \
    "imported_at, revoked_on"

static void read_cert(Arena *a, sqlite3_stmt *st, void *v)
{
    UnitCert *c = v;
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    c->unit = sq_col_text(a, st, 1);
    c->subject = sq_col_text(a, st, 2);
    c->issuer = sq_col_text(a, st, 3);
    c->serial = sq_col_text(a, st, 4);
    c->not_before = sqlite3_column_int64(st, 5);
    c->not_after = sqlite3_column_int64(st, 6);
    c->cert_pem = sq_col_text(a, st, 7);
    c->chain_pem = sq_col_text(a, st, 8);
    c->key_sealed = sq_col_text(a, st, 9);
    c->imported_at = sqlite3_column_int64(st, 10);
    c->revoked_on =
        sqlite3_column_type(st, 11) == SQLITE_NULL ? INT32_MIN : sqlite3_column_int(st, 11);
}

static int sq_cert_add(Store *s, UnitCert *c, Err *e)
{
    static const char sql[] =
        "INSERT INTO unit_cert (unit, subject, issuer, serial, not_before, not_after, cert_pem, "
        "chain_pem, key_sealed, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
    PREP(st, sql);
    sq_bind_text(st, 1, c->unit);
    sq_bind_text(st, 2, c->subject);
    sq_bind_text(st, 3, c->issuer);
    sq_bind_text(st, 4, c->serial);
    sqlite3_bind_int64(st, 5, c->not_before);
    sqlite3_bind_int64(st, 6, c->not_after);
    sq_bind_text(st, 7, c->cert_pem);
    sq_bind_text(st, 8, c->chain_pem ? c->chain_pem : "");
    sq_bind_text(st, 9, c->key_sealed);
    sqlite3_bind_int64(st, 10, c->imported_at);
    int rc = sq_step_done(s, st, e, "certificate add");
    if (rc == 0)
        c->id = sqlite3_last_insert_rowid(sq(s)->db);
    return rc;
}

static int sq_cert_list(Store *s, Arena *a, const char *unit, UnitCert **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT " CERT_COLS " FROM unit_cert WHERE ?1 IS NULL OR unit = ?1 ORDER BY id DESC";
    PREP(st, sql);
    sq_bind_text(st, 1, unit);
    return sq_collect(s, a, st, sizeof(UnitCert), read_cert, (void **)out, out_n, e);
}

/* one reads the one row st finds into out with read; ERR_NOT_FOUND (what) when none. */
static int one(Store *s, Arena *a, sqlite3_stmt *st, void (*read)(Arena *, sqlite3_stmt *, void *),
               void *out, const char *field, const char *vi, const char *en, Err *e)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read(a, st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, field);
    return err_set(e, ERR_NOT_FOUND, field, vi, en);
}

static int sq_cert_get(Store *s, Arena *a, int64_t id, UnitCert *out, Err *e)
{
    static const char sql[] = "SELECT " CERT_COLS " FROM unit_cert WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    return one(s, a, st, read_cert, out, "id", "Không có chứng thư số này", "no such certificate",
               e);
}

static int sq_cert_revoke(Store *s, int64_t id, int32_t day, Err *e)
{
    static const char sql[] = "UPDATE unit_cert SET revoked_on = ?2 WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, day);
    int rc = sq_step_done(s, st, e, "certificate revoke");
    if (rc == 0 && sqlite3_changes(sq(s)->db) == 0)
        return err_set(e, ERR_NOT_FOUND, "id", "Không có chứng thư số này", "no such certificate");
    return rc;
}

#define SIG_COLS "id, token, kind, dossier, what, content, cert, signed_at, cms"

static void read_sig(Arena *a, sqlite3_stmt *st, void *v)
{
    Signature *g = v;
    memset(g, 0, sizeof *g);
    g->id = sqlite3_column_int64(st, 0);
    g->token = sq_col_text(a, st, 1);
    g->kind = sq_col_text(a, st, 2);
    g->dossier = sqlite3_column_int64(st, 3);
    g->what = sq_col_text(a, st, 4);
    g->content = sq_col_text(a, st, 5);
    g->cert = sqlite3_column_int64(st, 6);
    g->signed_at = sqlite3_column_int64(st, 7);
    int n = sqlite3_column_bytes(st, 8);
    unsigned char *cms = arena_alloc(a, (size_t)n + 1);
    if (n)
        memcpy(cms, sqlite3_column_blob(st, 8), (size_t)n);
    g->cms = cms;
    g->cms_len = (size_t)n;
}

static int sq_signature_add(Store *s, Signature *g, Err *e)
{
    static const char sql[] = "INSERT INTO signature (token, kind, dossier, what, content, cert, "
                              "signed_at, cms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    PREP(st, sql);
    sq_bind_text(st, 1, g->token);
    sq_bind_text(st, 2, g->kind);
    if (g->dossier)
        sqlite3_bind_int64(st, 3, g->dossier);
    else
        sqlite3_bind_null(st, 3);
    sq_bind_text(st, 4, g->what);
    sq_bind_text(st, 5, g->content);
    sqlite3_bind_int64(st, 6, g->cert);
    sqlite3_bind_int64(st, 7, g->signed_at);
    sqlite3_bind_blob(st, 8, g->cms, (int)g->cms_len, SQLITE_STATIC);
    int rc = sq_step_done(s, st, e, "signature add");
    if (rc == 0)
        g->id = sqlite3_last_insert_rowid(sq(s)->db);
    return rc;
}

static int sq_signature_get(Store *s, Arena *a, const char *token, Signature *out, Err *e)
{
    static const char sql[] = "SELECT " SIG_COLS " FROM signature WHERE token = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, token);
    return one(s, a, st, read_sig, out, "ma", "Không có chữ ký số này", "no such signature", e);
}

static int sq_signature_of(Store *s, Arena *a, int64_t dossier, const char *what, Signature *out,
                           Err *e)
{
    static const char sql[] = "SELECT " SIG_COLS " FROM signature WHERE dossier = ?1 AND what = ?2 "
                              "ORDER BY id DESC LIMIT 1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, dossier);
    sq_bind_text(st, 2, what);
    return one(s, a, st, read_sig, out, "ma", "Không có chữ ký số này", "no such signature", e);
}

static int sq_signature_next(Store *s, Arena *a, int64_t after, Signature *out, Err *e)
{
    static const char sql[] =
        "SELECT " SIG_COLS " FROM signature WHERE id > ?1 ORDER BY id LIMIT 1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, after);
    return one(s, a, st, read_sig, out, "ma", "Không có chữ ký số này", "no such signature", e);
}

static int sq_seal_put(Store *s, int64_t dossier, int seq, const unsigned char head[32],
                       const unsigned char record[STORE_RECORD_HASH], int64_t now, Err *e)
{
    static const char sql[] = "INSERT INTO dossier_seal (dossier, seq, head, record_hash, "
                              "sealed_at) VALUES (?1, ?2, ?3, ?4, ?5)";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, dossier);
    sqlite3_bind_int(st, 2, seq);
    sqlite3_bind_blob(st, 3, head, 32, SQLITE_STATIC);
    sqlite3_bind_blob(st, 4, record, STORE_RECORD_HASH, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, now);
    return sq_step_done(s, st, e, "seal add");
}

static int sq_seal_get(Store *s, int64_t dossier, int *out_seq, unsigned char out_head[32],
                       unsigned char out_record[STORE_RECORD_HASH], Err *e)
{
    static const char sql[] = "SELECT seq, head, record_hash FROM dossier_seal WHERE dossier = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, dossier);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 1) == 32 &&
        sqlite3_column_bytes(st, 2) == STORE_RECORD_HASH) {
        *out_seq = sqlite3_column_int(st, 0);
        memcpy(out_head, sqlite3_column_blob(st, 1), 32);
        memcpy(out_record, sqlite3_column_blob(st, 2), STORE_RECORD_HASH);
    } else if (rc == SQLITE_ROW) {
        rc = SQLITE_DONE; /* a damaged seal reads as none */
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "seal get");
    return err_set(e, ERR_NOT_FOUND, "seal", "Hồ sơ chưa được niêm phong",
                   "the dossier has no seal");
}

static int sq_checkpoint_last(Store *s, const char *unit, int64_t *out_feed, Err *e)
{
    static const char sql[] = "SELECT coalesce(max(feed), 0) FROM checkpoint WHERE unit = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, unit);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out_feed = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, e, "checkpoint last");
}

static int sq_checkpoint_add(Store *s, const char *unit, int64_t at, int64_t feed,
                             int64_t signature, Err *e)
{
    static const char sql[] =
        "INSERT INTO checkpoint (unit, at, feed, signature) VALUES (?1, ?2, ?3, ?4)";
    PREP(st, sql);
    sq_bind_text(st, 1, unit);
    sqlite3_bind_int64(st, 2, at);
    sqlite3_bind_int64(st, 3, feed);
    sqlite3_bind_int64(st, 4, signature);
    return sq_step_done(s, st, e, "checkpoint add");
}

static void read_head(Arena *a, sqlite3_stmt *st, void *v)
{
    ChainHead *h = v;
    memset(h, 0, sizeof *h);
    h->code = sq_col_text(a, st, 0);
    h->seq = sqlite3_column_int(st, 1);
    if (sqlite3_column_bytes(st, 2) == 32)
        memcpy(h->hash, sqlite3_column_blob(st, 2), 32);
}

static int sq_heads(Store *s, Arena *a, const char *unit, int64_t after, int64_t upto,
                    ChainHead **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT d.code, e.seq, e.hash FROM dossier_event e JOIN dossier d ON d.id = e.dossier "
        "WHERE e.feed > ?2 AND e.feed <= ?3 AND d.unit = ?1 AND NOT EXISTS (SELECT 1 FROM "
        "dossier_event f WHERE f.dossier = e.dossier AND f.seq > e.seq AND f.feed <= ?3) "
        "ORDER BY d.id";
    PREP(st, sql);
    sq_bind_text(st, 1, unit);
    sqlite3_bind_int64(st, 2, after);
    sqlite3_bind_int64(st, 3, upto);
    return sq_collect(s, a, st, sizeof(ChainHead), read_head, (void **)out, out_n, e);
}

static int sq_event_hash(Store *s, const char *code, int seq, unsigned char out[32], Err *e)
{
    static const char sql[] = "SELECT e.hash FROM dossier_event e JOIN dossier d ON d.id = "
                              "e.dossier WHERE d.code = ?1 AND e.seq = ?2";
    PREP(st, sql);
    sq_bind_text(st, 1, code);
    sqlite3_bind_int(st, 2, seq);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32)
        memcpy(out, sqlite3_column_blob(st, 0), 32);
    else if (rc == SQLITE_ROW)
        memset(out, 0, 32);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "event hash");
    return err_set(e, ERR_NOT_FOUND, "seq", "Không có sự kiện này", "no such event");
}

void sq_signature_ops(StoreOps *o)
{
    o->checkpoint_last = sq_checkpoint_last;
    o->checkpoint_add = sq_checkpoint_add;
    o->heads = sq_heads;
    o->event_hash = sq_event_hash;
    o->cert_add = sq_cert_add;
    o->cert_list = sq_cert_list;
    o->cert_get = sq_cert_get;
    o->cert_revoke = sq_cert_revoke;
    o->signature_add = sq_signature_add;
    o->signature_get = sq_signature_get;
    o->signature_of = sq_signature_of;
    o->signature_next = sq_signature_next;
    o->seal_put = sq_seal_put;
    o->seal_get = sq_seal_get;
}
