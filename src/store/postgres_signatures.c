/* postgres_signatures.c: units' signing certificates, the signatures made, the one-time seals
 * of dossiers older than record digests and the signed checkpoints, in the PostgreSQL backend
 * (store.h, migration 0023). The statements are SQLite's (sqlite_signatures.c). */
#include "store/postgres_int.h"

#include <string.h>

#define CERT_COLS                                                                                  \
    "id, unit, subject, issuer, serial, not_before, not_after, cert_pem, chain_pem, key_sealed, "  \
    "imported_at, revoked_on"

static void read_cert(Arena *a, const PgQuery *q, int r, void *v)
{
    UnitCert *c = v;
    memset(c, 0, sizeof *c);
    c->id = pq_col_int(q, r, 0);
    c->unit = pq_col_text(a, q, r, 1);
    c->subject = pq_col_text(a, q, r, 2);
    c->issuer = pq_col_text(a, q, r, 3);
    c->serial = pq_col_text(a, q, r, 4);
    c->not_before = pq_col_int(q, r, 5);
    c->not_after = pq_col_int(q, r, 6);
    c->cert_pem = pq_col_text(a, q, r, 7);
    c->chain_pem = pq_col_text(a, q, r, 8);
    c->key_sealed = pq_col_text(a, q, r, 9);
    c->imported_at = pq_col_int(q, r, 10);
    c->revoked_on = pq_col_null(q, r, 11) ? INT32_MIN : (int32_t)pq_col_int(q, r, 11);
}

/* insert_id runs an INSERT ... RETURNING id and stores the id in out_id. */
static int insert_id(PgQuery *q, int64_t *out_id, Err *e, const char *what)
{
    int n = pq_run(q, e, what);
    if (n < 0)
        return n;
    *out_id = n > 0 ? pq_col_int(q, 0, 0) : 0;
    pq_done(q);
    return 0;
}

static int pg_cert_add(Store *s, UnitCert *c, Err *e)
{
    static const char sql[] =
        "INSERT INTO unit_cert (unit, subject, issuer, serial, not_before, not_after, cert_pem, "
        "chain_pem, key_sealed, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        "RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, c->unit);
    pq_text(&q, 2, c->subject);
    pq_text(&q, 3, c->issuer);
    pq_text(&q, 4, c->serial);
    pq_int(&q, 5, c->not_before);
    pq_int(&q, 6, c->not_after);
    pq_text(&q, 7, c->cert_pem);
    pq_text(&q, 8, c->chain_pem ? c->chain_pem : "");
    pq_text(&q, 9, c->key_sealed);
    pq_int(&q, 10, c->imported_at);
    return insert_id(&q, &c->id, e, "certificate add");
}

static int pg_cert_list(Store *s, Arena *a, const char *unit, UnitCert **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT " CERT_COLS " FROM unit_cert WHERE $1::text IS NULL OR unit = $1 ORDER BY id DESC";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, unit);
    return pq_collect(&q, a, sizeof(UnitCert), read_cert, (void **)out, out_n, e,
                      "certificate list");
}

static int pg_cert_get(Store *s, Arena *a, int64_t id, UnitCert *out, Err *e)
{
    static const char sql[] = "SELECT " CERT_COLS " FROM unit_cert WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    return pq_one(&q, a, read_cert, out, "id", "Không có chứng thư số này", "no such certificate",
                  e);
}

static int pg_cert_revoke(Store *s, int64_t id, int32_t day, Err *e)
{
    static const char sql[] = "UPDATE unit_cert SET revoked_on = $2 WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    pq_int(&q, 2, day);
    int n = pq_exec(&q, e, "certificate revoke");
    if (n < 0)
        return n;
    return n > 0 ? 0
                 : err_set(e, ERR_NOT_FOUND, "id", "Không có chứng thư số này",
                           "no such certificate");
}

#define SIG_COLS "id, token, kind, dossier, what, content, cert, signed_at, cms"

static void read_sig(Arena *a, const PgQuery *q, int r, void *v)
{
    Signature *g = v;
    memset(g, 0, sizeof *g);
    g->id = pq_col_int(q, r, 0);
    g->token = pq_col_text(a, q, r, 1);
    g->kind = pq_col_text(a, q, r, 2);
    g->dossier = pq_col_int(q, r, 3);
    g->what = pq_col_text(a, q, r, 4);
    g->content = pq_col_text(a, q, r, 5);
    g->cert = pq_col_int(q, r, 6);
    g->signed_at = pq_col_int(q, r, 7);
    unsigned char *cms = pq_col_bytes(a, q, r, 8, &g->cms_len);
    g->cms = cms ? cms : arena_alloc(a, 1);
}

static int pg_signature_add(Store *s, Signature *g, Err *e)
{
    static const char sql[] =
        "INSERT INTO signature (token, kind, dossier, what, content, cert, signed_at, cms) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, g->token);
    pq_text(&q, 2, g->kind);
    if (g->dossier)
        pq_int(&q, 3, g->dossier);
    else
        pq_text(&q, 3, NULL);
    pq_text(&q, 4, g->what);
    pq_text(&q, 5, g->content);
    pq_int(&q, 6, g->cert);
    pq_int(&q, 7, g->signed_at);
    pq_blob(&q, 8, g->cms, (int)g->cms_len);
    return insert_id(&q, &g->id, e, "signature add");
}

static int pg_signature_get(Store *s, Arena *a, const char *token, Signature *out, Err *e)
{
    static const char sql[] = "SELECT " SIG_COLS " FROM signature WHERE token = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, token);
    return pq_one(&q, a, read_sig, out, "ma", "Không có chữ ký số này", "no such signature", e);
}

static int pg_signature_of(Store *s, Arena *a, int64_t dossier, const char *what, Signature *out,
                           Err *e)
{
    static const char sql[] = "SELECT " SIG_COLS " FROM signature WHERE dossier = $1 AND what = $2 "
                              "ORDER BY id DESC LIMIT 1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, dossier);
    pq_text(&q, 2, what);
    return pq_one(&q, a, read_sig, out, "ma", "Không có chữ ký số này", "no such signature", e);
}

static int pg_signature_next(Store *s, Arena *a, int64_t after, Signature *out, Err *e)
{
    static const char sql[] =
        "SELECT " SIG_COLS " FROM signature WHERE id > $1 ORDER BY id LIMIT 1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, after);
    return pq_one(&q, a, read_sig, out, "ma", "Không có chữ ký số này", "no such signature", e);
}

static int pg_seal_put(Store *s, int64_t dossier, int seq, const unsigned char head[32],
                       const unsigned char record[STORE_RECORD_HASH], int64_t now, Err *e)
{
    static const char sql[] = "INSERT INTO dossier_seal (dossier, seq, head, record_hash, "
                              "sealed_at) VALUES ($1, $2, $3, $4, $5)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, dossier);
    pq_int(&q, 2, seq);
    pq_blob(&q, 3, head, 32);
    pq_blob(&q, 4, record, STORE_RECORD_HASH);
    pq_int(&q, 5, now);
    int rc = pq_exec(&q, e, "seal add");
    return rc < 0 ? rc : 0;
}

static int pg_seal_get(Store *s, int64_t dossier, int *out_seq, unsigned char out_head[32],
                       unsigned char out_record[STORE_RECORD_HASH], Err *e)
{
    static const char sql[] = "SELECT seq, head, record_hash FROM dossier_seal WHERE dossier = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, dossier);
    int n = pq_run(&q, e, "seal get");
    if (n < 0)
        return n;
    unsigned char head[32], record[STORE_RECORD_HASH];
    /* a damaged seal reads as none */
    int found = n > 0 && pq_col_blob(&q, 0, 1, head, 32) &&
                pq_col_blob(&q, 0, 2, record, STORE_RECORD_HASH);
    if (found) {
        *out_seq = (int)pq_col_int(&q, 0, 0);
        memcpy(out_head, head, 32);
        memcpy(out_record, record, STORE_RECORD_HASH);
    }
    pq_done(&q);
    return found ? 0
                 : err_set(e, ERR_NOT_FOUND, "seal", "Hồ sơ chưa được niêm phong",
                           "the dossier has no seal");
}

static int pg_checkpoint_last(Store *s, const char *unit, int64_t *out_feed, Err *e)
{
    static const char sql[] = "SELECT coalesce(max(feed), 0) FROM checkpoint WHERE unit = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, unit);
    int n = pq_run(&q, e, "checkpoint last");
    if (n < 0)
        return n;
    *out_feed = n > 0 ? pq_col_int(&q, 0, 0) : 0;
    pq_done(&q);
    return 0;
}

static int pg_checkpoint_add(Store *s, const char *unit, int64_t at, int64_t feed,
                             int64_t signature, Err *e)
{
    static const char sql[] =
        "INSERT INTO checkpoint (unit, at, feed, signature) VALUES ($1, $2, $3, $4)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, unit);
    pq_int(&q, 2, at);
    pq_int(&q, 3, feed);
    pq_int(&q, 4, signature);
    int rc = pq_exec(&q, e, "checkpoint add");
    return rc < 0 ? rc : 0;
}

static void read_head(Arena *a, const PgQuery *q, int r, void *v)
{
    ChainHead *h = v;
    memset(h, 0, sizeof *h);
    h->code = pq_col_text(a, q, r, 0);
    h->seq = (int)pq_col_int(q, r, 1);
    pq_col_blob(q, r, 2, h->hash, 32);
}

static int pg_heads(Store *s, Arena *a, const char *unit, int64_t after, int64_t upto,
                    ChainHead **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT d.code, e.seq, e.hash FROM dossier_event e JOIN dossier d ON d.id = e.dossier "
        "WHERE e.feed > $2 AND e.feed <= $3 AND d.unit = $1 AND NOT EXISTS (SELECT 1 FROM "
        "dossier_event f WHERE f.dossier = e.dossier AND f.seq > e.seq AND f.feed <= $3) "
        "ORDER BY d.id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, unit);
    pq_int(&q, 2, after);
    pq_int(&q, 3, upto);
    return pq_collect(&q, a, sizeof(ChainHead), read_head, (void **)out, out_n, e, "heads");
}

static int pg_event_hash(Store *s, const char *code, int seq, unsigned char out[32], Err *e)
{
    static const char sql[] = "SELECT e.hash FROM dossier_event e JOIN dossier d ON d.id = "
                              "e.dossier WHERE d.code = $1 AND e.seq = $2";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    pq_int(&q, 2, seq);
    int n = pq_run(&q, e, "event hash");
    if (n < 0)
        return n;
    if (n > 0 && !pq_col_blob(&q, 0, 0, out, 32))
        memset(out, 0, 32);
    pq_done(&q);
    return n > 0 ? 0 : err_set(e, ERR_NOT_FOUND, "seq", "Không có sự kiện này", "no such event");
}

void pg_signature_ops(StoreOps *o)
{
    o->checkpoint_last = pg_checkpoint_last;
    o->checkpoint_add = pg_checkpoint_add;
    o->heads = pg_heads;
    o->event_hash = pg_event_hash;
    o->cert_add = pg_cert_add;
    o->cert_list = pg_cert_list;
    o->cert_get = pg_cert_get;
    o->cert_revoke = pg_cert_revoke;
    o->signature_add = pg_signature_add;
    o->signature_get = pg_signature_get;
    o->signature_of = pg_signature_of;
    o->signature_next = pg_signature_next;
    o->seal_put = pg_seal_put;
    o->seal_get = pg_seal_get;
}
