/* sqlite_dossiers.c: dossiers, their events, the search index, counters by state and
 * idempotency records in the SQLite backend (store.h). */
#include "store/sqlite_int.h"

#include <stdio.h>
#include <string.h>

/* Bind helpers for optional instants (0 is "absent", stored as NULL). */
static void bind_time(sqlite3_stmt *st, int i, int64_t t)
{
    if (t)
        sqlite3_bind_int64(st, i, t);
    else
        sqlite3_bind_null(st, i);
}

static int sq_event_id_next(Store *s, char out[48], Err *e)
{
    static const char sql[] =
        "UPDATE node SET event_seq = event_seq + 1 WHERE id = 1 RETURNING name, event_seq";
    PREP(st, sql);
    if (sqlite3_step(st) != SQLITE_ROW) {
        int rc = sq_fail(s, e, "event id");
        sqlite3_reset(st);
        return rc;
    }
    snprintf(out, 48, "%s-%lld", (const char *)sqlite3_column_text(st, 0),
             (long long)sqlite3_column_int64(st, 1));
    sqlite3_reset(st);
    return 0;
}

static int sq_code_seen(Store *s, const char *unit, const char *yymmdd, int64_t seq, Err *e)
{
    static const char sql[] = "INSERT INTO code_counter (unit, day, last) VALUES (?1, ?2, ?3) "
                              "ON CONFLICT (unit, day) DO UPDATE SET last = max(last, ?3)";
    PREP(st, sql);
    sq_bind_text(st, 1, unit);
    sq_bind_text(st, 2, yymmdd);
    sqlite3_bind_int64(st, 3, seq);
    return sq_step_done(s, st, e, "code counter");
}

static int sq_code_next(Store *s, const char *unit, const char *yymmdd, int64_t *out_seq, Err *e)
{
    static const char sql[] = "INSERT INTO code_counter (unit, day, last) VALUES (?1, ?2, 1) "
                              "ON CONFLICT (unit, day) DO UPDATE SET last = last + 1 "
                              "RETURNING last";
    PREP(st, sql);
    sq_bind_text(st, 1, unit);
    sq_bind_text(st, 2, yymmdd);
    if (sqlite3_step(st) != SQLITE_ROW) {
        int rc = sq_fail(s, e, "code counter");
        sqlite3_reset(st);
        return rc;
    }
    *out_seq = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

/* The projection columns, in the order bind_projection and read_projection use. */
#define PROJ_COLS                                                                                  \
    "state, submitted_at, received_at, due_at, appointment_at, paused_at, resolved_at, "           \
    "returned_at, stopped_at, last_at, current_unit, handler, outcome, rating, apologies, "        \
    "apology_late, supplements, supplement_late, components_digitized, result_digitized, "         \
    "paid_amount, paid_online, n_events, last_hash, paid_online_at, rated_at, resolved_by, "       \
    "overdue_from, due_override, due_override_seq, proposal, proposed_by, approval"

/* bind_projection binds the projection and the due override from parameter `first` on (33
 * parameters). */
static void bind_projection(sqlite3_stmt *st, int first, const Dossier *d)
{
    const DossierProjection *p = &d->p;
    int i = first;
    sq_bind_text(st, i++, lifecycle_state_name(p->state));
    bind_time(st, i++, p->submitted_at);
    bind_time(st, i++, p->received_at);
    bind_time(st, i++, p->due_at);
    bind_time(st, i++, p->appointment_at);
    bind_time(st, i++, p->paused_at);
    bind_time(st, i++, p->resolved_at);
    bind_time(st, i++, p->returned_at);
    bind_time(st, i++, p->stopped_at);
    bind_time(st, i++, p->last_at);
    sq_bind_text(st, i++, p->current_unit);
    sq_bind_text(st, i++, p->handler);
    sq_bind_text(st, i++, p->outcome);
    sq_bind_text(st, i++, p->rating);
    sqlite3_bind_int(st, i++, p->apologies);
    sqlite3_bind_int(st, i++, p->apology_late);
    sqlite3_bind_int(st, i++, p->supplements);
    sqlite3_bind_int(st, i++, p->supplement_late);
    sqlite3_bind_int(st, i++, p->components_digitized);
    sqlite3_bind_int(st, i++, p->result_digitized);
    sqlite3_bind_int64(st, i++, p->paid_amount);
    sqlite3_bind_int(st, i++, p->paid_online);
    sqlite3_bind_int(st, i++, p->n_events);
    if (p->n_events)
        sqlite3_bind_blob(st, i++, d->last_hash, 32, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i++);
    bind_time(st, i++, p->paid_online_at);
    bind_time(st, i++, p->rated_at);
    sq_bind_text(st, i++, p->resolved_by);
    sqlite3_bind_int(st, i++, p->overdue_from);
    bind_time(st, i++, d->due_override);
    sqlite3_bind_int(st, i++, d->due_override_seq);
    sq_bind_text(st, i++, p->proposal);
    sq_bind_text(st, i++, p->proposed_by);
    sqlite3_bind_int(st, i, p->approval);
}

static int sq_dossier_insert(Store *s, DossierRow *row, Err *e)
{
    static const char sql[] =
        "INSERT INTO dossier (code, procedure, unit, channel, full_online, fee, applicant, "
        "applicant_name, components, limit_value, limit_unit, created_at, " PROJ_COLS
        ", filed_at, lookup_key, parent, chain, step, agency) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, "
        "?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, "
        "?44, ?45, ?46, ?47, ?48, ?49, ?50, ?51)";
    PREP(st, sql);
    Dossier *d = &row->d;
    sq_bind_text(st, 1, d->code);
    sq_bind_text(st, 2, d->procedure);
    sq_bind_text(st, 3, d->unit);
    sq_bind_text(st, 4, d->channel);
    sqlite3_bind_int(st, 5, d->full_online);
    sqlite3_bind_int64(st, 6, d->fee);
    sq_bind_text(st, 7, row->applicant);
    sq_bind_text(st, 8, d->applicant.name);
    sq_bind_text(st, 9, row->components);
    sqlite3_bind_int(st, 10, d->limit_value);
    sq_bind_text(st, 11, d->limit_unit);
    sqlite3_bind_int64(st, 12, d->created_at);
    bind_projection(st, 13, d);
    bind_time(st, 46, d->filed_at);
    sq_bind_text(st, 47, d->lookup_key);
    if (d->parent)
        sqlite3_bind_int64(st, 48, d->parent);
    sq_bind_text(st, 49, d->chain);
    if (d->step >= 0)
        sqlite3_bind_int(st, 50, d->step);
    sq_bind_text(st, 51, d->agency);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        if ((sqlite3_extended_errcode(sq(s)->db) & 0xff) == SQLITE_CONSTRAINT)
            return err_setf(e, ERR_CONFLICT, "code", "Mã hồ sơ %s đã có",
                            "dossier code %s already exists", d->code);
        return sq_fail(s, e, "dossier insert");
    }
    d->id = sqlite3_last_insert_rowid(sq(s)->db);
    return 0;
}

static int sq_dossier_save(Store *s, const Dossier *d, Err *e)
{
    static const char sql[] =
        "UPDATE dossier SET (" PROJ_COLS ") = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, "
        "?31, ?32, ?33, ?34) "
        "WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, d->id);
    bind_projection(st, 2, d);
    return sq_step_done(s, st, e, "dossier save");
}

static int sq_dossier_components(Store *s, int64_t id, const char *components, Err *e)
{
    static const char sql[] = "UPDATE dossier SET components = ?2 WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    sq_bind_text(st, 2, components);
    return sq_step_done(s, st, e, "dossier components");
}

#define DOSSIER_COLS                                                                               \
    "id, code, procedure, unit, channel, full_online, fee, applicant, applicant_name, "            \
    "components, limit_value, limit_unit, created_at, " PROJ_COLS                                  \
    ", filed_at, lookup_key, lookup_failures, parent, chain, step, agency"

static int64_t col_time(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

/* DOSSIER_COLS qualified by the alias d, for joins */
#define DOSSIER_COLS_D                                                                             \
    "d.id, d.code, d.procedure, d.unit, d.channel, d.full_online, d.fee, d.applicant, "            \
    "d.applicant_name, d.components, d.limit_value, d.limit_unit, d.created_at, d.state, "         \
    "d.submitted_at, d.received_at, d.due_at, d.appointment_at, d.paused_at, d.resolved_at, "      \
    "d.returned_at, d.stopped_at, d.last_at, d.current_unit, d.handler, d.outcome, d.rating, "     \
    "d.apologies, d.apology_late, d.supplements, d.supplement_late, d.components_digitized, "      \
    "d.result_digitized, d.paid_amount, d.paid_online, d.n_events, d.last_hash, "                  \
    "d.paid_online_at, d.rated_at, d.resolved_by, d.overdue_from, d.due_override, "                \
    "d.due_override_seq, d.proposal, d.proposed_by, d.approval, d.filed_at, d.lookup_key, "        \
    "d.lookup_failures, d.parent, d.chain, d.step, d.agency"

static void read_dossier_row(Arena *a, sqlite3_stmt *st, void *v)
{
    DossierRow *row = v;
    memset(row, 0, sizeof *row);
    Dossier *d = &row->d;
    d->id = sqlite3_column_int64(st, 0);
    d->code = sq_col_text(a, st, 1);
    d->procedure = sq_col_text(a, st, 2);
    d->unit = sq_col_text(a, st, 3);
    d->channel = sq_col_text(a, st, 4);
    d->full_online = sqlite3_column_int(st, 5);
    d->fee = sqlite3_column_int64(st, 6);
    row->applicant = sq_col_text(a, st, 7);
    d->applicant.name = sq_col_text(a, st, 8);
    row->components = sq_col_text(a, st, 9);
    d->limit_value = sqlite3_column_int(st, 10);
    d->limit_unit = sq_col_text(a, st, 11);
    d->created_at = sqlite3_column_int64(st, 12);
    DossierProjection *p = &d->p;
    int i = 13;
    p->state = lifecycle_state_parse((const char *)sqlite3_column_text(st, i++));
    p->submitted_at = col_time(st, i++);
    p->received_at = col_time(st, i++);
    p->due_at = col_time(st, i++);
    p->appointment_at = col_time(st, i++);
    p->paused_at = col_time(st, i++);
    p->resolved_at = col_time(st, i++);
    p->returned_at = col_time(st, i++);
    p->stopped_at = col_time(st, i++);
    p->last_at = col_time(st, i++);
    p->current_unit = sq_col_text(a, st, i++);
    p->handler = sq_col_text(a, st, i++);
    p->outcome = sq_col_text(a, st, i++);
    p->rating = sq_col_text(a, st, i++);
    p->apologies = sqlite3_column_int(st, i++);
    p->apology_late = sqlite3_column_int(st, i++);
    p->supplements = sqlite3_column_int(st, i++);
    p->supplement_late = sqlite3_column_int(st, i++);
    p->components_digitized = (Digitized)sqlite3_column_int(st, i++);
    p->result_digitized = (Digitized)sqlite3_column_int(st, i++);
    p->paid_amount = sqlite3_column_int64(st, i++);
    p->paid_online = sqlite3_column_int(st, i++);
    p->n_events = sqlite3_column_int(st, i++);
    if (sqlite3_column_bytes(st, i) == 32)
        memcpy(d->last_hash, sqlite3_column_blob(st, i), 32);
    i++;
    p->paid_online_at = col_time(st, i++);
    p->rated_at = col_time(st, i++);
    p->resolved_by = sq_col_text(a, st, i++);
    p->overdue_from = sqlite3_column_int(st, i++);
    d->due_override = col_time(st, i++);
    d->due_override_seq = sqlite3_column_int(st, i++);
    p->proposal = sq_col_text(a, st, i++);
    p->proposed_by = sq_col_text(a, st, i++);
    p->approval = sqlite3_column_int(st, i++);
    d->filed_at = col_time(st, i++);
    d->lookup_key = sq_col_text(a, st, i++);
    d->lookup_failures = sqlite3_column_int(st, i++);
    d->parent = col_time(st, i++); /* a row id, NULL when none */
    d->chain = sq_col_text(a, st, i++);
    d->step = sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i);
    i++;
    d->agency = sq_col_text(a, st, i);
}

static int dossier_one(Store *s, Arena *a, sqlite3_stmt *st, DossierRow *out, Err *e,
                       const char *key)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_dossier_row(a, st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "dossier get");
    return err_setf(e, ERR_NOT_FOUND, "code", "Không có hồ sơ %s", "no dossier %s", key);
}

static int sq_dossier_get(Store *s, Arena *a, const char *code, DossierRow *out, Err *e)
{
    static const char sql[] = "SELECT " DOSSIER_COLS " FROM dossier WHERE code = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, code);
    return dossier_one(s, a, st, out, e, code);
}

static int sq_dossier_get_id(Store *s, Arena *a, int64_t id, DossierRow *out, Err *e)
{
    static const char sql[] = "SELECT " DOSSIER_COLS " FROM dossier WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    return dossier_one(s, a, st, out, e, "");
}

static int sq_dossier_search(Store *s, Arena *a, const DossierQuery *q, DossierRow **out,
                             size_t *out_n, Err *e)
{
    /* One statement per order (a fixed set, never a built string), sharing their filters. */
#define SEARCH_SUBTREE                                                                             \
    "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION SELECT unit.code FROM unit JOIN sub "            \
    "ON unit.parent = sub.code) "
#define SEARCH_FILTERS                                                                             \
    "AND (?1 IS NULL OR d.unit IN (SELECT code FROM sub) OR d.current_unit IN (SELECT code "       \
    "FROM sub)) AND (?2 IS NULL OR d.state = ?2) AND (?4 IS NULL OR d.code = ?4) "                 \
    "AND (?5 IS NULL OR d.handler = ?5) AND (?6 IS NULL OR (d.due_at < ?6 AND (?7 = 0 OR "         \
    "d.overdue_from > 0))) "                                                                       \
    "AND (?10 IS NULL OR d.received_at >= ?10) AND (?11 IS NULL OR d.received_at < ?11) "
    static const char newest[] = SEARCH_SUBTREE "SELECT " DOSSIER_COLS_D " FROM dossier d "
                                                "WHERE ?3 IS NULL " SEARCH_FILTERS
                                                "AND (?8 = 0 OR d.id < ?8) ORDER BY d.id DESC "
                                                "LIMIT ?9";
    /* with text to match, the full-text index drives: candidates newest first, filtered */
    static const char matched[] =
        SEARCH_SUBTREE "SELECT " DOSSIER_COLS_D " FROM dossier_search JOIN dossier d ON d.id = "
                       "dossier_search.rowid WHERE dossier_search MATCH ?3 " SEARCH_FILTERS
                       "AND (?8 = 0 OR dossier_search.rowid < ?8) ORDER BY dossier_search.rowid "
                       "DESC LIMIT ?9";
    /* a code, or a day's number in every unit: one look-up per candidate code (the unique
     * index), in either order */
    static const char by_code[] = SEARCH_SUBTREE
        "SELECT " DOSSIER_COLS_D " FROM dossier d WHERE d.code IN (SELECT ?4 UNION ALL SELECT "
        "u.code || ?12 FROM unit u WHERE ?12 IS NOT NULL) AND ?3 IS NULL " SEARCH_FILTERS
        "AND (?13 = 0 OR d.due_at IS NOT NULL) AND (?8 = 0 OR CASE WHEN ?13 THEN d.id > ?8 ELSE "
        "d.id < ?8 END) ORDER BY CASE WHEN ?13 THEN d.due_at END, CASE WHEN ?13 THEN d.id END, "
        "d.id DESC LIMIT ?9";
    static const char by_due[] = SEARCH_SUBTREE
        "SELECT " DOSSIER_COLS_D " FROM dossier d WHERE (?3 IS NULL OR d.id IN "
        "(SELECT rowid FROM dossier_search WHERE dossier_search MATCH ?3)) " SEARCH_FILTERS
        "AND (?8 = 0 OR d.id > ?8) AND d.due_at IS NOT NULL "
        "ORDER BY d.due_at, d.id LIMIT ?9";
#undef SEARCH_FILTERS
#undef SEARCH_SUBTREE
    sqlite3_stmt *st = sq_prep(s,
                               q->code || q->code_suffix ? by_code
                               : q->by_due               ? by_due
                               : q->fts                  ? matched
                                                         : newest,
                               e);
    if (!st)
        return e ? e->code : ERR_IO;
    sq_bind_text(st, 1, q->under);
    sq_bind_text(st, 2, q->state);
    sq_bind_text(st, 3, q->fts);
    sq_bind_text(st, 4, q->code);
    sq_bind_text(st, 5, q->handler);
    bind_time(st, 6, q->due_before);
    sqlite3_bind_int(st, 7, q->overdue_at);
    sqlite3_bind_int64(st, 8, q->after);
    sqlite3_bind_int64(st, 9, (int64_t)q->limit);
    bind_time(st, 10, q->received_from);
    bind_time(st, 11, q->received_to);
    sq_bind_text(st, 12, q->code_suffix);
    sqlite3_bind_int(st, 13, q->by_due);
    return sq_collect(s, a, st, sizeof(DossierRow), read_dossier_row, (void **)out, out_n, e);
}

static int sq_dossier_at(Store *s, Arena *a, const char *unit, const char *state, DossierRow **out,
                         size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " DOSSIER_COLS_D " FROM dossier d WHERE d.current_unit = ?1 "
                              "AND d.state = ?2 ORDER BY d.id";
    PREP(st, sql);
    sq_bind_text(st, 1, unit);
    sq_bind_text(st, 2, state);
    return sq_collect(s, a, st, sizeof(DossierRow), read_dossier_row, (void **)out, out_n, e);
}

static int sq_dossier_next_id(Store *s, int64_t after, int64_t *out_id, Err *e)
{
    static const char sql[] = "SELECT min(id) FROM dossier WHERE id > ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, after);
    if (sqlite3_step(st) != SQLITE_ROW) {
        int rc = sq_fail(s, e, "dossier next");
        sqlite3_reset(st);
        return rc;
    }
    *out_id = col_time(st, 0);
    sqlite3_reset(st);
    return 0;
}

static int sq_search_add(Store *s, int64_t dossier, const char *text, Err *e)
{
    static const char sql[] = "INSERT INTO temp.search_queue (rowid, text) VALUES (?1, ?2)";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, dossier);
    sq_bind_text(st, 2, text);
    int rc = sq_step_done(s, st, e, "search add");
    if (rc == 0)
        sq(s)->search_queued = 1;
    return rc;
}

int sq_search_flush(Store *s, Err *e)
{
    static const char move[] =
        "INSERT INTO dossier_search (rowid, text) SELECT rowid, text FROM temp.search_queue";
    static const char clear[] = "DELETE FROM temp.search_queue";
    if (!sq(s)->search_queued)
        return 0;
    sq(s)->search_queued = 0;
    PREP(m, move);
    int rc = sq_step_done(s, m, e, "search index");
    if (rc < 0)
        return rc;
    PREP(c, clear);
    return sq_step_done(s, c, e, "search queue");
}

#define EVENT_COLS                                                                                 \
    "feed, dossier, seq, event_id, at, action, by, from_state, to_state, payload, prev_hash, "     \
    "hash, recorded_at, record_hash"

static int sq_event_add(Store *s, StoredEvent *ev, Err *e)
{
    static const char sql[] =
        "INSERT INTO dossier_event (dossier, seq, event_id, at, action, by, from_state, "
        "to_state, payload, prev_hash, hash, recorded_at, record_hash) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, ev->dossier);
    sqlite3_bind_int(st, 2, ev->seq);
    sq_bind_text(st, 3, ev->event_id);
    sqlite3_bind_int64(st, 4, ev->at);
    sq_bind_text(st, 5, ev->action);
    sq_bind_text(st, 6, ev->by);
    sq_bind_text(st, 7, ev->from_state);
    sq_bind_text(st, 8, ev->to_state);
    sq_bind_text(st, 9, ev->payload ? ev->payload : "{}");
    if (ev->has_prev)
        sqlite3_bind_blob(st, 10, ev->prev_hash, 32, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 10);
    sqlite3_bind_blob(st, 11, ev->hash, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 12, ev->recorded_at);
    if (ev->has_record)
        sqlite3_bind_blob(st, 13, ev->record_hash, STORE_RECORD_HASH, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 13);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        if ((sqlite3_extended_errcode(sq(s)->db) & 0xff) == SQLITE_CONSTRAINT)
            return err_setf(e, ERR_CONFLICT, "id", "Sự kiện %s đã có", "event %s already exists",
                            ev->event_id);
        return sq_fail(s, e, "event add");
    }
    ev->feed = sqlite3_last_insert_rowid(sq(s)->db);
    return 0;
}

static void read_event_row(Arena *a, sqlite3_stmt *st, void *v)
{
    StoredEvent *ev = v;
    memset(ev, 0, sizeof *ev);
    ev->feed = sqlite3_column_int64(st, 0);
    ev->dossier = sqlite3_column_int64(st, 1);
    ev->seq = sqlite3_column_int(st, 2);
    ev->event_id = sq_col_text(a, st, 3);
    ev->at = sqlite3_column_int64(st, 4);
    ev->action = sq_col_text(a, st, 5);
    ev->by = sq_col_text(a, st, 6);
    ev->from_state = sq_col_text(a, st, 7);
    ev->to_state = sq_col_text(a, st, 8);
    ev->payload = sq_col_text(a, st, 9);
    if (sqlite3_column_bytes(st, 10) == 32) {
        ev->has_prev = 1;
        memcpy(ev->prev_hash, sqlite3_column_blob(st, 10), 32);
    }
    if (sqlite3_column_bytes(st, 11) == 32)
        memcpy(ev->hash, sqlite3_column_blob(st, 11), 32);
    ev->recorded_at = sqlite3_column_int64(st, 12);
    if (sqlite3_column_bytes(st, 13) == STORE_RECORD_HASH) {
        ev->has_record = 1;
        memcpy(ev->record_hash, sqlite3_column_blob(st, 13), STORE_RECORD_HASH);
    }
}

static int sq_event_list(Store *s, Arena *a, int64_t dossier, StoredEvent **out, size_t *out_n,
                         Err *e)
{
    static const char sql[] =
        "SELECT " EVENT_COLS " FROM dossier_event WHERE dossier = ?1 ORDER BY seq";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, dossier);
    return sq_collect(s, a, st, sizeof(StoredEvent), read_event_row, (void **)out, out_n, e);
}

static int sq_event_find(Store *s, Arena *a, int64_t dossier, const char *event_id,
                         StoredEvent *out, Err *e)
{
    static const char sql[] =
        "SELECT " EVENT_COLS " FROM dossier_event WHERE dossier = ?1 AND event_id = ?2";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, dossier);
    sq_bind_text(st, 2, event_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_event_row(a, st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "event find");
    return err_setf(e, ERR_NOT_FOUND, "id", "Không có sự kiện %s", "no event %s", event_id);
}

static int sq_stat_state_add(Store *s, const char *state, int delta, Err *e)
{
    static const char sql[] = "INSERT INTO stat_state (state, n) VALUES (?1, ?2) "
                              "ON CONFLICT (state) DO UPDATE SET n = n + ?2";
    PREP(st, sql);
    sq_bind_text(st, 1, state);
    sqlite3_bind_int(st, 2, delta);
    return sq_step_done(s, st, e, "stat state");
}

typedef struct StateRow {
    const char *state;
    int64_t n;
} StateRow;

static void read_state_row(Arena *a, sqlite3_stmt *st, void *v)
{
    StateRow *r = v;
    r->state = sq_col_text(a, st, 0);
    r->n = sqlite3_column_int64(st, 1);
}

static int sq_stat_states(Store *s, Arena *a, const char ***out_states, int64_t **out_n,
                          size_t *out_count, Err *e)
{
    static const char sql[] = "SELECT state, n FROM stat_state ORDER BY state";
    PREP(st, sql);
    StateRow *rows;
    size_t n;
    int rc = sq_collect(s, a, st, sizeof(StateRow), read_state_row, (void **)&rows, &n, e);
    if (rc < 0)
        return rc;
    const char **states = arena_array(a, n + 1, sizeof *states);
    int64_t *counts = arena_array(a, n + 1, sizeof *counts);
    for (size_t i = 0; i < n; i++) {
        states[i] = rows[i].state;
        counts[i] = rows[i].n;
    }
    *out_states = states;
    *out_n = counts;
    *out_count = n;
    return 0;
}

static int sq_idem_get(Store *s, Arena *a, const char *principal, const char *key,
                       unsigned char out_request[32], int *out_status, const char **out_body,
                       Err *e)
{
    static const char sql[] =
        "SELECT request, status, body FROM idempotency WHERE principal = ?1 AND key = ?2";
    PREP(st, sql);
    sq_bind_text(st, 1, principal);
    sq_bind_text(st, 2, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        if (sqlite3_column_bytes(st, 0) == 32)
            memcpy(out_request, sqlite3_column_blob(st, 0), 32);
        *out_status = sqlite3_column_int(st, 1);
        *out_body = sq_col_text(a, st, 2);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "idempotency get");
    return err_set(e, ERR_NOT_FOUND, "Idempotency-Key", "", "");
}

static int sq_idem_put(Store *s, const char *principal, const char *key,
                       const unsigned char request[32], int status, const char *body, int64_t now,
                       Err *e)
{
    static const char sql[] = "INSERT INTO idempotency (principal, key, request, status, body, "
                              "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    PREP(st, sql);
    sq_bind_text(st, 1, principal);
    sq_bind_text(st, 2, key);
    sqlite3_bind_blob(st, 3, request, 32, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, status);
    sq_bind_text(st, 5, body);
    sqlite3_bind_int64(st, 6, now);
    return sq_step_done(s, st, e, "idempotency put");
}

static int sq_lookup_failed(Store *s, int64_t id, int *out_failures, Err *e)
{
    static const char sql[] = "UPDATE dossier SET lookup_failures = lookup_failures + 1 "
                              "WHERE id = ?1 RETURNING lookup_failures";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        int rc = sq_fail(s, e, "lookup failures");
        sqlite3_reset(st);
        return rc;
    }
    *out_failures = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return 0;
}

static int sq_lookup_unlock(Store *s, int64_t id, Err *e)
{
    static const char sql[] = "UPDATE dossier SET lookup_failures = 0 WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    return sq_step_done(s, st, e, "lookup unlock");
}

static void read_id(Arena *a, sqlite3_stmt *st, void *v)
{
    (void)a;
    *(int64_t *)v = sqlite3_column_int64(st, 0);
}

static int sq_dossier_changed(Store *s, Arena *a, int64_t since, const char *under,
                              int64_t after_id, size_t limit, int64_t **out_ids, size_t *out_n,
                              Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT ?3 UNION SELECT unit.code FROM unit JOIN sub ON "
        "unit.parent = sub.code) "
        "SELECT id FROM dossier WHERE id > ?2 AND (?3 IS NULL OR unit IN (SELECT code FROM sub)) "
        "AND (?1 = 0 OR EXISTS (SELECT 1 FROM dossier_event WHERE dossier_event.dossier = "
        "dossier.id AND feed > ?1)) ORDER BY id LIMIT ?4";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, since);
    sqlite3_bind_int64(st, 2, after_id);
    sq_bind_text(st, 3, under);
    sqlite3_bind_int64(st, 4, (int64_t)limit);
    return sq_collect(s, a, st, sizeof(int64_t), read_id, (void **)out_ids, out_n, e);
}

static int sq_feed_max(Store *s, int64_t *out, Err *e)
{
    static const char sql[] = "SELECT coalesce(max(feed), 0) FROM dossier_event";
    PREP(st, sql);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, e, "feed max");
}

static void read_feed_row(Arena *a, sqlite3_stmt *st, void *v)
{
    FeedEntry *f = v;
    read_event_row(a, st, &f->ev);
    f->code = sq_col_text(a, st, 14);
    f->unit = sq_col_text(a, st, 15);
}

static int sq_feed(Store *s, Arena *a, int64_t after, const char *under, size_t limit,
                   FeedEntry **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT ?2 UNION SELECT unit.code FROM unit JOIN sub ON "
        "unit.parent = sub.code) "
        "SELECT e.feed, e.dossier, e.seq, e.event_id, e.at, e.action, e.by, e.from_state, "
        "e.to_state, e.payload, e.prev_hash, e.hash, e.recorded_at, e.record_hash, d.code, d.unit "
        "FROM "
        "dossier_event e JOIN dossier d ON d.id = e.dossier WHERE e.feed > ?1 AND (?2 IS NULL "
        "OR d.unit IN (SELECT code FROM sub)) ORDER BY e.feed LIMIT ?3";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, after);
    sq_bind_text(st, 2, under);
    sqlite3_bind_int64(st, 3, (int64_t)limit);
    return sq_collect(s, a, st, sizeof(FeedEntry), read_feed_row, (void **)out, out_n, e);
}

void sq_dossier_ops(StoreOps *o)
{
    o->event_id_next = sq_event_id_next;
    o->code_seen = sq_code_seen;
    o->code_next = sq_code_next;
    o->dossier_insert = sq_dossier_insert;
    o->dossier_save = sq_dossier_save;
    o->dossier_components = sq_dossier_components;
    o->dossier_get = sq_dossier_get;
    o->dossier_get_id = sq_dossier_get_id;
    o->dossier_search = sq_dossier_search;
    o->dossier_next_id = sq_dossier_next_id;
    o->dossier_at = sq_dossier_at;
    o->search_add = sq_search_add;
    o->event_add = sq_event_add;
    o->event_list = sq_event_list;
    o->event_find = sq_event_find;
    o->stat_state_add = sq_stat_state_add;
    o->stat_states = sq_stat_states;
    o->idem_get = sq_idem_get;
    o->idem_put = sq_idem_put;
    o->lookup_failed = sq_lookup_failed;
    o->lookup_unlock = sq_lookup_unlock;
    o->dossier_changed = sq_dossier_changed;
    o->feed_max = sq_feed_max;
    o->feed = sq_feed;
}
