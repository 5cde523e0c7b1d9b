/* sqlite_portal.c: the national portal's outbox in the SQLite backend (store.h, migration
 * 0029). */
#include "store/sqlite_int.h"

static int sq_portal_add(Store *s, const char *code, int version, const char *service,
                         const char *body, int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO portal_outbox (dossier_code, version, service, body, next_at, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (dossier_code, version, service) DO NOTHING";
    PREP(st, sql);
    sq_bind_text(st, 1, code);
    sqlite3_bind_int(st, 2, version);
    sq_bind_text(st, 3, service);
    sq_bind_text(st, 4, body);
    sqlite3_bind_int64(st, 5, now);
    return sq_step_done(s, st, e, "portal add");
}

static void read_item(Arena *a, sqlite3_stmt *st, void *v)
{
    PortalItem *p = v;
    p->id = sqlite3_column_int64(st, 0);
    p->dossier_code = sq_col_text(a, st, 1);
    p->version = sqlite3_column_int(st, 2);
    p->service = sq_col_text(a, st, 3);
    p->body = sq_col_text(a, st, 4);
    p->attempts = sqlite3_column_int(st, 5);
}

static int sq_portal_due(Store *s, Arena *a, int64_t now, size_t limit, PortalItem **out,
                         size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT o.id, o.dossier_code, o.version, o.service, o.body, o.attempts FROM portal_outbox "
        "o "
        "WHERE o.sent_at IS NULL AND o.next_at <= ?1 AND o.id = (SELECT min(f.id) FROM "
        "portal_outbox f WHERE f.dossier_code = o.dossier_code AND f.sent_at IS NULL) "
        "ORDER BY o.next_at, o.id LIMIT ?2";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, (int64_t)limit);
    return sq_collect(s, a, st, sizeof(PortalItem), read_item, (void **)out, out_n, e);
}

static int sq_portal_done(Store *s, int64_t id, int ok, const char *error, int64_t now,
                          int64_t next_at, Err *e)
{
    static const char sql[] = "UPDATE portal_outbox SET attempts = attempts + 1, last_error = ?3, "
                              "last_try_at = ?4, sent_at = CASE WHEN ?2 THEN ?4 END, "
                              "next_at = CASE WHEN ?5 = 0 THEN next_at ELSE ?5 END WHERE id = ?1";
    return sq_attempt_done(s, sql, id, ok, error, now, next_at, e);
}

static int sq_portal_sync(Store *s, Arena *a, const char *code, PortalSync *out, Err *e)
{
    static const char sent[] =
        "SELECT max(version), max(sent_at) FROM portal_outbox WHERE dossier_code = ?1 AND "
        "sent_at IS NOT NULL";
    static const char waiting[] =
        "SELECT count(*), (SELECT last_error FROM portal_outbox WHERE dossier_code = ?1 AND "
        "sent_at IS NULL ORDER BY id LIMIT 1), (SELECT last_try_at FROM portal_outbox WHERE "
        "dossier_code = ?1 AND sent_at IS NULL ORDER BY id LIMIT 1) FROM portal_outbox WHERE "
        "dossier_code = ?1 AND sent_at IS NULL";
    *out = (PortalSync){0};
    PREP(st, sent);
    sq_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->sent_version = sqlite3_column_int(st, 0);
        out->sent_at = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return sq_fail(s, e, "portal sync");
    PREP(sw, waiting);
    sq_bind_text(sw, 1, code);
    rc = sqlite3_step(sw);
    if (rc == SQLITE_ROW) {
        out->waiting = sqlite3_column_int(sw, 0);
        out->last_error = sq_col_text(a, sw, 1);
        out->last_try_at = sqlite3_column_int64(sw, 2);
    }
    sqlite3_reset(sw);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, e, "portal sync");
}

static int sq_portal_backlog(Store *s, long *out_waiting, long *out_failing, int64_t *out_oldest,
                             Err *e)
{
    static const char sql[] =
        "SELECT count(*), count(last_error), coalesce(min(created_at), 0) FROM portal_outbox "
        "WHERE sent_at IS NULL";
    PREP(st, sql);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out_waiting = (long)sqlite3_column_int64(st, 0);
        *out_failing = (long)sqlite3_column_int64(st, 1);
        *out_oldest = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, e, "portal backlog");
}

void sq_portal_ops(StoreOps *o)
{
    o->portal_add = sq_portal_add;
    o->portal_due = sq_portal_due;
    o->portal_done = sq_portal_done;
    o->portal_sync = sq_portal_sync;
    o->portal_backlog = sq_portal_backlog;
}
