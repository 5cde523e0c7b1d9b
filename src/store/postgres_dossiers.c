/* postgres_dossiers.c: dossiers, their events, the search text, counters by state and
 * idempotency records in the PostgreSQL backend (store.h). Every write runs under the write
 * lock (postgres.c), so the daily code counter, the node's event sequence and the change feed's
 * cursor grow in commit order across every process on the database. */
#include "store/postgres_int.h"

#include <stdio.h>
#include <string.h>

/* pq_time binds an optional instant: 0 is "absent", stored as NULL. */
static void pq_time(PgQuery *q, int i, int64_t t)
{
    if (t)
        pq_int(q, i, t);
    else
        pq_text(q, i, NULL);
}

static int one_row(PgQuery *q, Err *e, const char *what)
{
    int n = pq_run(q, e, what);
    if (n == 0) {
        pq_done(q);
        return err_setf(e, ERR_IO, "", "Lỗi cơ sở dữ liệu", "%s: no row", what);
    }
    return n < 0 ? n : 0;
}

static int pg_event_id_next(Store *s, char out[48], Err *e)
{
    static const char sql[] =
        "UPDATE node SET event_seq = event_seq + 1 WHERE id = 1 RETURNING name, event_seq";
    PgQuery q;
    pq_init(&q, s, sql);
    int rc = one_row(&q, e, "event id");
    if (rc < 0)
        return rc;
    snprintf(out, 48, "%s-%lld", PQgetvalue(q.res, 0, 0), (long long)pq_col_int(&q, 0, 1));
    pq_done(&q);
    return 0;
}

static int pg_code_seen(Store *s, const char *unit, const char *yymmdd, int64_t seq, Err *e)
{
    static const char sql[] =
        "INSERT INTO code_counter (unit, day, last) VALUES ($1, $2, $3) "
        "ON CONFLICT (unit, day) DO UPDATE SET last = greatest(code_counter.last, $3)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, unit);
    pq_text(&q, 2, yymmdd);
    pq_int(&q, 3, seq);
    int rc = pq_exec(&q, e, "code counter");
    return rc < 0 ? rc : 0;
}

static int pg_code_next(Store *s, const char *unit, const char *yymmdd, int64_t *out_seq, Err *e)
{
    static const char sql[] = "INSERT INTO code_counter (unit, day, last) VALUES ($1, $2, 1) "
                              "ON CONFLICT (unit, day) DO UPDATE SET last = code_counter.last + 1 "
                              "RETURNING last";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, unit);
    pq_text(&q, 2, yymmdd);
    int rc = one_row(&q, e, "code counter");
    if (rc < 0)
        return rc;
    *out_seq = pq_col_int(&q, 0, 0);
    pq_done(&q);
    return 0;
}

/* The projection columns, in the order bind_projection and read_dossier use. */
#define PROJ_COLS                                                                                  \
    "state, submitted_at, received_at, due_at, appointment_at, paused_at, resolved_at, "           \
    "returned_at, stopped_at, last_at, current_unit, handler, outcome, rating, apologies, "        \
    "apology_late, supplements, supplement_late, components_digitized, result_digitized, "         \
    "paid_amount, paid_online, n_events, last_hash, paid_online_at, rated_at, resolved_by, "       \
    "overdue_from, due_override, due_override_seq, proposal, proposed_by, approval"

/* bind_projection binds the projection and the due override from parameter `first` on (33
 * parameters). */
static void bind_projection(PgQuery *q, int first, const Dossier *d)
{
    const DossierProjection *p = &d->p;
    int i = first;
    pq_text(q, i++, lifecycle_state_name(p->state));
    pq_time(q, i++, p->submitted_at);
    pq_time(q, i++, p->received_at);
    pq_time(q, i++, p->due_at);
    pq_time(q, i++, p->appointment_at);
    pq_time(q, i++, p->paused_at);
    pq_time(q, i++, p->resolved_at);
    pq_time(q, i++, p->returned_at);
    pq_time(q, i++, p->stopped_at);
    pq_time(q, i++, p->last_at);
    pq_text(q, i++, p->current_unit);
    pq_text(q, i++, p->handler);
    pq_text(q, i++, p->outcome);
    pq_text(q, i++, p->rating);
    pq_int(q, i++, p->apologies);
    pq_int(q, i++, p->apology_late);
    pq_int(q, i++, p->supplements);
    pq_int(q, i++, p->supplement_late);
    pq_int(q, i++, p->components_digitized);
    pq_int(q, i++, p->result_digitized);
    pq_int(q, i++, p->paid_amount);
    pq_int(q, i++, p->paid_online);
    pq_int(q, i++, p->n_events);
    pq_blob(q, i++, p->n_events ? d->last_hash : NULL, 32);
    pq_time(q, i++, p->paid_online_at);
    pq_time(q, i++, p->rated_at);
    pq_text(q, i++, p->resolved_by);
    pq_int(q, i++, p->overdue_from);
    pq_time(q, i++, d->due_override);
    pq_int(q, i++, d->due_override_seq);
    pq_text(q, i++, p->proposal);
    pq_text(q, i++, p->proposed_by);
    pq_int(q, i, p->approval);
}

static int pg_dossier_insert(Store *s, DossierRow *row, Err *e)
{
    static const char sql[] =
        "INSERT INTO dossier (code, procedure, unit, channel, full_online, fee, applicant, "
        "applicant_name, components, limit_value, limit_unit, created_at, " PROJ_COLS
        ", filed_at, lookup_key, parent, chain, step, agency) VALUES ($1, $2, $3, $4, $5, $6, $7, "
        "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, "
        "$26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, "
        "$44, $45, $46, $47, $48, $49, $50, $51) "
        "ON CONFLICT (code) DO NOTHING RETURNING id";
    Dossier *d = &row->d;
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, d->code);
    pq_text(&q, 2, d->procedure);
    pq_text(&q, 3, d->unit);
    pq_text(&q, 4, d->channel);
    pq_int(&q, 5, d->full_online);
    pq_int(&q, 6, d->fee);
    pq_text(&q, 7, row->applicant);
    pq_text(&q, 8, d->applicant.name);
    pq_text(&q, 9, row->components);
    pq_int(&q, 10, d->limit_value);
    pq_text(&q, 11, d->limit_unit);
    pq_int(&q, 12, d->created_at);
    bind_projection(&q, 13, d);
    pq_time(&q, 46, d->filed_at);
    pq_text(&q, 47, d->lookup_key);
    pq_time(&q, 48, d->parent); /* a row id, NULL when none */
    pq_text(&q, 49, d->chain);
    if (d->step >= 0)
        pq_int(&q, 50, d->step);
    else
        pq_text(&q, 50, NULL);
    pq_text(&q, 51, d->agency);
    int n = pq_run(&q, e, "dossier insert");
    if (n < 0)
        return n;
    if (n > 0)
        d->id = pq_col_int(&q, 0, 0);
    pq_done(&q);
    return n > 0 ? 0
                 : err_setf(e, ERR_CONFLICT, "code", "Mã hồ sơ %s đã có",
                            "dossier code %s already exists", d->code);
}

static int pg_dossier_save(Store *s, const Dossier *d, Err *e)
{
    static const char sql[] =
        "UPDATE dossier SET (" PROJ_COLS ") = ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
        "$13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, "
        "$31, $32, $33, $34) WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, d->id);
    bind_projection(&q, 2, d);
    int rc = pq_exec(&q, e, "dossier save");
    return rc < 0 ? rc : 0;
}

static int pg_dossier_components(Store *s, int64_t id, const char *components, Err *e)
{
    static const char sql[] = "UPDATE dossier SET components = $2 WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    pq_text(&q, 2, components);
    int rc = pq_exec(&q, e, "dossier components");
    return rc < 0 ? rc : 0;
}

/* The dossier's columns qualified by the alias d. */
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

static void read_dossier(Arena *a, const PgQuery *q, int r, void *v)
{
    DossierRow *row = v;
    memset(row, 0, sizeof *row);
    Dossier *d = &row->d;
    d->id = pq_col_int(q, r, 0);
    d->code = pq_col_text(a, q, r, 1);
    d->procedure = pq_col_text(a, q, r, 2);
    d->unit = pq_col_text(a, q, r, 3);
    d->channel = pq_col_text(a, q, r, 4);
    d->full_online = (int)pq_col_int(q, r, 5);
    d->fee = pq_col_int(q, r, 6);
    row->applicant = pq_col_text(a, q, r, 7);
    d->applicant.name = pq_col_text(a, q, r, 8);
    row->components = pq_col_text(a, q, r, 9);
    d->limit_value = (int)pq_col_int(q, r, 10);
    d->limit_unit = pq_col_text(a, q, r, 11);
    d->created_at = pq_col_int(q, r, 12);
    DossierProjection *p = &d->p;
    int i = 13;
    p->state = lifecycle_state_parse(PQgetvalue(q->res, r, i++));
    p->submitted_at = pq_col_int(q, r, i++);
    p->received_at = pq_col_int(q, r, i++);
    p->due_at = pq_col_int(q, r, i++);
    p->appointment_at = pq_col_int(q, r, i++);
    p->paused_at = pq_col_int(q, r, i++);
    p->resolved_at = pq_col_int(q, r, i++);
    p->returned_at = pq_col_int(q, r, i++);
    p->stopped_at = pq_col_int(q, r, i++);
    p->last_at = pq_col_int(q, r, i++);
    p->current_unit = pq_col_text(a, q, r, i++);
    p->handler = pq_col_text(a, q, r, i++);
    p->outcome = pq_col_text(a, q, r, i++);
    p->rating = pq_col_text(a, q, r, i++);
    p->apologies = (int)pq_col_int(q, r, i++);
    p->apology_late = (int)pq_col_int(q, r, i++);
    p->supplements = (int)pq_col_int(q, r, i++);
    p->supplement_late = (int)pq_col_int(q, r, i++);
    p->components_digitized = (Digitized)pq_col_int(q, r, i++);
    p->result_digitized = (Digitized)pq_col_int(q, r, i++);
    p->paid_amount = pq_col_int(q, r, i++);
    p->paid_online = (int)pq_col_int(q, r, i++);
    p->n_events = (int)pq_col_int(q, r, i++);
    pq_col_blob(q, r, i++, d->last_hash, 32);
    p->paid_online_at = pq_col_int(q, r, i++);
    p->rated_at = pq_col_int(q, r, i++);
    p->resolved_by = pq_col_text(a, q, r, i++);
    p->overdue_from = (int)pq_col_int(q, r, i++);
    d->due_override = pq_col_int(q, r, i++);
    d->due_override_seq = (int)pq_col_int(q, r, i++);
    p->proposal = pq_col_text(a, q, r, i++);
    p->proposed_by = pq_col_text(a, q, r, i++);
    p->approval = (int)pq_col_int(q, r, i++);
    d->filed_at = pq_col_int(q, r, i++);
    d->lookup_key = pq_col_text(a, q, r, i++);
    d->lookup_failures = (int)pq_col_int(q, r, i++);
    d->parent = pq_col_int(q, r, i++); /* a row id, 0 when none */
    d->chain = pq_col_text(a, q, r, i++);
    d->step = pq_col_null(q, r, i) ? -1 : (int)pq_col_int(q, r, i);
    i++;
    d->agency = pq_col_text(a, q, r, i);
}

static int dossier_one(PgQuery *q, Arena *a, DossierRow *out, Err *e, const char *key)
{
    int n = pq_run(q, e, "dossier get");
    if (n < 0)
        return n;
    if (n > 0)
        read_dossier(a, q, 0, out);
    pq_done(q);
    return n > 0 ? 0
                 : err_setf(e, ERR_NOT_FOUND, "code", "Không có hồ sơ %s", "no dossier %s", key);
}

static int pg_dossier_get(Store *s, Arena *a, const char *code, DossierRow *out, Err *e)
{
    static const char sql[] = "SELECT " DOSSIER_COLS_D " FROM dossier d WHERE code = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    return dossier_one(&q, a, out, e, code);
}

static int pg_dossier_get_id(Store *s, Arena *a, int64_t id, DossierRow *out, Err *e)
{
    static const char sql[] = "SELECT " DOSSIER_COLS_D " FROM dossier d WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    return dossier_one(&q, a, out, e, "");
}

/* fts_words turns the FTS5 query of DossierQuery.fts ("w1" "w2" "w3"*: quoted words, "" a quote
 * within one, a final * a prefix) into one POSIX regular expression per word that matches it
 * as a whole word (or a word's start) of the folded search text, at most n; the rest are NULL.
 * The search text has only letters, digits and spaces, so every other character is escaped. */
static void fts_words(Arena *a, const char *fts, const char *out[], int n)
{
    for (int i = 0; i < n; i++)
        out[i] = NULL;
    int k = 0;
    for (const char *p = fts; p && *p && k < n;) {
        if (*p != '"') {
            p++;
            continue;
        }
        size_t cap = 2 * strlen(p) + 32, len = 0;
        char *re = arena_alloc(a, cap);
        len += (size_t)snprintf(re, cap, "(^|[^a-z0-9])");
        for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
            if (*p == '"')
                p++;
            unsigned char c = (unsigned char)*p;
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80))
                re[len++] = '\\';
            re[len++] = *p;
        }
        if (*p == '"')
            p++;
        int prefix = *p == '*';
        snprintf(re + len, cap - len, "%s", prefix ? "" : "([^a-z0-9]|$)");
        out[k++] = re;
    }
}

static int pg_dossier_search(Store *s, Arena *a, const DossierQuery *q, DossierRow **out,
                             size_t *out_n, Err *e)
{
    /* One statement per order (a fixed set, never a built string), sharing their filters.
     * $3 is set when there are words, $14..$21 the words' expressions. */
#define SEARCH_SUBTREE                                                                             \
    "WITH RECURSIVE sub(code) AS (SELECT $1::text UNION SELECT unit.code FROM unit JOIN sub "      \
    "ON unit.parent = sub.code) "
#define SEARCH_WORDS                                                                               \
    "($14::text IS NULL OR t.text ~ $14) AND ($15::text IS NULL OR t.text ~ $15) AND "             \
    "($16::text IS NULL OR t.text ~ $16) AND ($17::text IS NULL OR t.text ~ $17) AND "             \
    "($18::text IS NULL OR t.text ~ $18) AND ($19::text IS NULL OR t.text ~ $19) AND "             \
    "($20::text IS NULL OR t.text ~ $20) AND ($21::text IS NULL OR t.text ~ $21) "
#define SEARCH_FILTERS                                                                             \
    "AND ($1::text IS NULL OR d.unit IN (SELECT code FROM sub) OR d.current_unit IN (SELECT "      \
    "code FROM sub)) AND ($2::text IS NULL OR d.state = $2) AND ($4::text IS NULL OR d.code = "    \
    "$4) AND ($5::text IS NULL OR d.handler = $5) AND ($6::bigint IS NULL OR (d.due_at < $6 AND "  \
    "($7 = 0 OR d.overdue_from > 0))) AND ($10::bigint IS NULL OR d.received_at >= $10) AND "      \
    "($11::bigint IS NULL OR d.received_at < $11) "
    static const char newest[] = SEARCH_SUBTREE
        "SELECT " DOSSIER_COLS_D " FROM dossier d WHERE $3::text IS NULL " SEARCH_FILTERS
        "AND ($8 = 0 OR d.id < $8) AND $12::text IS NULL AND $13 = $13 AND $14::text IS NULL "
        "AND $15::text IS NULL AND $16::text IS NULL AND $17::text IS NULL AND $18::text IS NULL "
        "AND $19::text IS NULL AND $20::text IS NULL AND $21::text IS NULL "
        "ORDER BY d.id DESC LIMIT $9";
    static const char matched[] = SEARCH_SUBTREE
        "SELECT " DOSSIER_COLS_D " FROM dossier_search t JOIN dossier d ON d.id = t.dossier "
        "WHERE $3::text IS NOT NULL AND " SEARCH_WORDS SEARCH_FILTERS
        "AND ($8 = 0 OR d.id < $8) AND $12::text IS NULL AND $13 = $13 "
        "ORDER BY d.id DESC LIMIT $9";
    /* a code, or a day's number in every unit: one look-up per candidate code */
    static const char by_code[] = SEARCH_SUBTREE
        "SELECT " DOSSIER_COLS_D " FROM dossier d WHERE d.code IN (SELECT $4::text UNION ALL "
        "SELECT u.code || $12 FROM unit u WHERE $12::text IS NOT NULL) AND $3::text IS NULL "
        "AND $14::text IS NULL AND $15::text IS NULL AND $16::text IS NULL AND $17::text IS NULL "
        "AND $18::text IS NULL AND $19::text IS NULL AND $20::text IS NULL AND $21::text IS "
        "NULL " SEARCH_FILTERS
        "AND ($13 = 0 OR d.due_at IS NOT NULL) AND ($8 = 0 OR CASE WHEN $13 <> 0 "
        "THEN d.id > $8 ELSE d.id < $8 END) ORDER BY CASE WHEN $13 <> 0 THEN d.due_at END, "
        "CASE WHEN $13 <> 0 THEN d.id END, d.id DESC LIMIT $9";
    static const char by_due[] = SEARCH_SUBTREE
        "SELECT " DOSSIER_COLS_D " FROM dossier d WHERE ($3::text IS NULL OR d.id IN "
        "(SELECT t.dossier FROM dossier_search t WHERE " SEARCH_WORDS ")) " SEARCH_FILTERS
        "AND ($8 = 0 OR d.id > $8) AND d.due_at IS NOT NULL AND $12::text IS NULL AND $13 = $13 "
        "ORDER BY d.due_at, d.id LIMIT $9";
#undef SEARCH_FILTERS
#undef SEARCH_WORDS
#undef SEARCH_SUBTREE
    PgQuery p;
    pq_init(&p, s,
            q->code || q->code_suffix ? by_code
            : q->by_due               ? by_due
            : q->fts                  ? matched
                                      : newest);
    const char *words[8];
    fts_words(a, q->fts, words, 8);
    pq_text(&p, 1, q->under);
    pq_text(&p, 2, q->state);
    pq_text(&p, 3, q->fts);
    pq_text(&p, 4, q->code);
    pq_text(&p, 5, q->handler);
    pq_time(&p, 6, q->due_before);
    pq_int(&p, 7, q->overdue_at);
    pq_int(&p, 8, q->after);
    pq_int(&p, 9, (int64_t)q->limit);
    pq_time(&p, 10, q->received_from);
    pq_time(&p, 11, q->received_to);
    pq_text(&p, 12, q->code_suffix);
    pq_int(&p, 13, q->by_due);
    for (int i = 0; i < 8; i++)
        pq_text(&p, 14 + i, q->code || q->code_suffix ? NULL : words[i]);
    return pq_collect(&p, a, sizeof(DossierRow), read_dossier, (void **)out, out_n, e,
                      "dossier search");
}

static int pg_dossier_at(Store *s, Arena *a, const char *unit, const char *state, DossierRow **out,
                         size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " DOSSIER_COLS_D " FROM dossier d WHERE d.current_unit = $1 "
                              "AND d.state = $2 ORDER BY d.id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, unit);
    pq_text(&q, 2, state);
    return pq_collect(&q, a, sizeof(DossierRow), read_dossier, (void **)out, out_n, e,
                      "dossiers at");
}

static int pg_dossier_next_id(Store *s, int64_t after, int64_t *out_id, Err *e)
{
    static const char sql[] = "SELECT min(id) FROM dossier WHERE id > $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, after);
    int rc = one_row(&q, e, "dossier next");
    if (rc < 0)
        return rc;
    *out_id = pq_col_int(&q, 0, 0);
    pq_done(&q);
    return 0;
}

static int pg_search_add(Store *s, int64_t dossier, const char *text, Err *e)
{
    static const char sql[] = "INSERT INTO dossier_search (dossier, text) VALUES ($1, $2) "
                              "ON CONFLICT (dossier) DO UPDATE SET text = $2";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, dossier);
    pq_text(&q, 2, text);
    int rc = pq_exec(&q, e, "search add");
    return rc < 0 ? rc : 0;
}

#define EVENT_COLS                                                                                 \
    "e.feed, e.dossier, e.seq, e.event_id, e.at, e.action, e.by, e.from_state, e.to_state, "       \
    "e.payload, e.prev_hash, e.hash, e.recorded_at, e.record_hash"

static int pg_event_add(Store *s, StoredEvent *ev, Err *e)
{
    static const char sql[] =
        "INSERT INTO dossier_event (dossier, seq, event_id, at, action, by, from_state, "
        "to_state, payload, prev_hash, hash, recorded_at, record_hash) VALUES ($1, $2, $3, $4, "
        "$5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING RETURNING feed";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, ev->dossier);
    pq_int(&q, 2, ev->seq);
    pq_text(&q, 3, ev->event_id);
    pq_int(&q, 4, ev->at);
    pq_text(&q, 5, ev->action);
    pq_text(&q, 6, ev->by);
    pq_text(&q, 7, ev->from_state);
    pq_text(&q, 8, ev->to_state);
    pq_text(&q, 9, ev->payload ? ev->payload : "{}");
    pq_blob(&q, 10, ev->has_prev ? ev->prev_hash : NULL, 32);
    pq_blob(&q, 11, ev->hash, 32);
    pq_int(&q, 12, ev->recorded_at);
    pq_blob(&q, 13, ev->has_record ? ev->record_hash : NULL, STORE_RECORD_HASH);
    int n = pq_run(&q, e, "event add");
    if (n < 0)
        return n;
    if (n > 0)
        ev->feed = pq_col_int(&q, 0, 0);
    pq_done(&q);
    return n > 0 ? 0
                 : err_setf(e, ERR_CONFLICT, "id", "Sự kiện %s đã có", "event %s already exists",
                            ev->event_id);
}

static void read_event(Arena *a, const PgQuery *q, int r, void *v)
{
    StoredEvent *ev = v;
    memset(ev, 0, sizeof *ev);
    ev->feed = pq_col_int(q, r, 0);
    ev->dossier = pq_col_int(q, r, 1);
    ev->seq = (int)pq_col_int(q, r, 2);
    ev->event_id = pq_col_text(a, q, r, 3);
    ev->at = pq_col_int(q, r, 4);
    ev->action = pq_col_text(a, q, r, 5);
    ev->by = pq_col_text(a, q, r, 6);
    ev->from_state = pq_col_text(a, q, r, 7);
    ev->to_state = pq_col_text(a, q, r, 8);
    ev->payload = pq_col_text(a, q, r, 9);
    ev->has_prev = pq_col_blob(q, r, 10, ev->prev_hash, 32);
    pq_col_blob(q, r, 11, ev->hash, 32);
    ev->recorded_at = pq_col_int(q, r, 12);
    ev->has_record = pq_col_blob(q, r, 13, ev->record_hash, STORE_RECORD_HASH);
}

static int pg_event_list(Store *s, Arena *a, int64_t dossier, StoredEvent **out, size_t *out_n,
                         Err *e)
{
    static const char sql[] =
        "SELECT " EVENT_COLS " FROM dossier_event e WHERE dossier = $1 ORDER BY seq";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, dossier);
    return pq_collect(&q, a, sizeof(StoredEvent), read_event, (void **)out, out_n, e, "event list");
}

static int pg_event_find(Store *s, Arena *a, int64_t dossier, const char *event_id,
                         StoredEvent *out, Err *e)
{
    static const char sql[] =
        "SELECT " EVENT_COLS " FROM dossier_event e WHERE dossier = $1 AND event_id = $2";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, dossier);
    pq_text(&q, 2, event_id);
    int n = pq_run(&q, e, "event find");
    if (n < 0)
        return n;
    if (n > 0)
        read_event(a, &q, 0, out);
    pq_done(&q);
    return n > 0 ? 0
                 : err_setf(e, ERR_NOT_FOUND, "id", "Không có sự kiện %s", "no event %s", event_id);
}

static int pg_stat_state_add(Store *s, const char *state, int delta, Err *e)
{
    static const char sql[] = "INSERT INTO stat_state (state, n) VALUES ($1, $2) "
                              "ON CONFLICT (state) DO UPDATE SET n = stat_state.n + $2";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, state);
    pq_int(&q, 2, delta);
    int rc = pq_exec(&q, e, "stat state");
    return rc < 0 ? rc : 0;
}

static int pg_stat_states(Store *s, Arena *a, const char ***out_states, int64_t **out_n,
                          size_t *out_count, Err *e)
{
    static const char sql[] = "SELECT state, n FROM stat_state ORDER BY state COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    int n = pq_run(&q, e, "stat states");
    if (n < 0)
        return n;
    const char **states = arena_array(a, (size_t)n + 1, sizeof *states);
    int64_t *counts = arena_array(a, (size_t)n + 1, sizeof *counts);
    for (int i = 0; i < n; i++) {
        states[i] = pq_col_text(a, &q, i, 0);
        counts[i] = pq_col_int(&q, i, 1);
    }
    pq_done(&q);
    *out_states = states;
    *out_n = counts;
    *out_count = (size_t)n;
    return 0;
}

static int pg_idem_get(Store *s, Arena *a, const char *principal, const char *key,
                       unsigned char out_request[32], int *out_status, const char **out_body,
                       Err *e)
{
    static const char sql[] =
        "SELECT request, status, body FROM idempotency WHERE principal = $1 AND key = $2";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, principal);
    pq_text(&q, 2, key);
    int n = pq_run(&q, e, "idempotency get");
    if (n < 0)
        return n;
    if (n > 0) {
        pq_col_blob(&q, 0, 0, out_request, 32);
        *out_status = (int)pq_col_int(&q, 0, 1);
        *out_body = pq_col_text(a, &q, 0, 2);
    }
    pq_done(&q);
    return n > 0 ? 0 : err_set(e, ERR_NOT_FOUND, "Idempotency-Key", "", "");
}

static int pg_idem_put(Store *s, const char *principal, const char *key,
                       const unsigned char request[32], int status, const char *body, int64_t now,
                       Err *e)
{
    static const char sql[] = "INSERT INTO idempotency (principal, key, request, status, body, "
                              "created_at) VALUES ($1, $2, $3, $4, $5, $6)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, principal);
    pq_text(&q, 2, key);
    pq_blob(&q, 3, request, 32);
    pq_int(&q, 4, status);
    pq_text(&q, 5, body);
    pq_int(&q, 6, now);
    int rc = pq_exec(&q, e, "idempotency put");
    return rc < 0 ? rc : 0;
}

static int pg_lookup_failed(Store *s, int64_t id, int *out_failures, Err *e)
{
    static const char sql[] = "UPDATE dossier SET lookup_failures = lookup_failures + 1 "
                              "WHERE id = $1 RETURNING lookup_failures";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    int rc = one_row(&q, e, "lookup failures");
    if (rc < 0)
        return rc;
    *out_failures = (int)pq_col_int(&q, 0, 0);
    pq_done(&q);
    return 0;
}

static int pg_lookup_unlock(Store *s, int64_t id, Err *e)
{
    static const char sql[] = "UPDATE dossier SET lookup_failures = 0 WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    int rc = pq_exec(&q, e, "lookup unlock");
    return rc < 0 ? rc : 0;
}

static void read_id(Arena *a, const PgQuery *q, int r, void *v)
{
    (void)a;
    *(int64_t *)v = pq_col_int(q, r, 0);
}

static int pg_dossier_changed(Store *s, Arena *a, int64_t since, const char *under,
                              int64_t after_id, size_t limit, int64_t **out_ids, size_t *out_n,
                              Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT $3::text UNION SELECT unit.code FROM unit JOIN sub "
        "ON unit.parent = sub.code) "
        "SELECT id FROM dossier WHERE id > $2 AND ($3::text IS NULL OR unit IN (SELECT code FROM "
        "sub)) AND ($1 = 0 OR EXISTS (SELECT 1 FROM dossier_event WHERE dossier_event.dossier = "
        "dossier.id AND feed > $1)) ORDER BY id LIMIT $4";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, since);
    pq_int(&q, 2, after_id);
    pq_text(&q, 3, under);
    pq_int(&q, 4, (int64_t)limit);
    return pq_collect(&q, a, sizeof(int64_t), read_id, (void **)out_ids, out_n, e,
                      "dossier changed");
}

static int pg_feed_max(Store *s, int64_t *out, Err *e)
{
    static const char sql[] = "SELECT coalesce(max(feed), 0) FROM dossier_event";
    PgQuery q;
    pq_init(&q, s, sql);
    int rc = one_row(&q, e, "feed max");
    if (rc < 0)
        return rc;
    *out = pq_col_int(&q, 0, 0);
    pq_done(&q);
    return 0;
}

static void read_feed(Arena *a, const PgQuery *q, int r, void *v)
{
    FeedEntry *f = v;
    read_event(a, q, r, &f->ev);
    f->code = pq_col_text(a, q, r, 14);
    f->unit = pq_col_text(a, q, r, 15);
}

static int pg_feed(Store *s, Arena *a, int64_t after, const char *under, size_t limit,
                   FeedEntry **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT $2::text UNION SELECT unit.code FROM unit JOIN sub "
        "ON unit.parent = sub.code) "
        "SELECT " EVENT_COLS ", d.code, d.unit FROM dossier_event e JOIN dossier d ON d.id = "
        "e.dossier WHERE e.feed > $1 AND ($2::text IS NULL OR d.unit IN (SELECT code FROM sub)) "
        "ORDER BY e.feed LIMIT $3";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, after);
    pq_text(&q, 2, under);
    pq_int(&q, 3, (int64_t)limit);
    return pq_collect(&q, a, sizeof(FeedEntry), read_feed, (void **)out, out_n, e, "feed");
}

void pg_dossier_ops(StoreOps *o)
{
    o->event_id_next = pg_event_id_next;
    o->code_seen = pg_code_seen;
    o->code_next = pg_code_next;
    o->dossier_insert = pg_dossier_insert;
    o->dossier_save = pg_dossier_save;
    o->dossier_components = pg_dossier_components;
    o->dossier_get = pg_dossier_get;
    o->dossier_get_id = pg_dossier_get_id;
    o->dossier_search = pg_dossier_search;
    o->dossier_next_id = pg_dossier_next_id;
    o->dossier_at = pg_dossier_at;
    o->search_add = pg_search_add;
    o->event_add = pg_event_add;
    o->event_list = pg_event_list;
    o->event_find = pg_event_find;
    o->stat_state_add = pg_stat_state_add;
    o->stat_states = pg_stat_states;
    o->idem_get = pg_idem_get;
    o->idem_put = pg_idem_put;
    o->lookup_failed = pg_lookup_failed;
    o->lookup_unlock = pg_lookup_unlock;
    o->dossier_changed = pg_dossier_changed;
    o->feed_max = pg_feed_max;
    o->feed = pg_feed;
}
