/* sqlite_queue.c: the counter queue in the SQLite backend (store.h): groups and counters,
 * tickets numbered per issuing group and day, the legs the waiting and service figures come
 * from. The order of the queue is the time a ticket was queued in its group, then its id. */
#include "store/sqlite_int.h"

#include <string.h>

/* SUB binds ?1 as the unit whose subtree a list keeps (NULL: every unit). */
#define SUB                                                                                        \
    "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION SELECT unit.code FROM unit JOIN sub ON "         \
    "unit.parent = sub.code) "
#define GROUP_COLS   "id, code, prefix, name, unit, field"
#define COUNTER_COLS "id, code, name, unit, group_id"
#define TICKET_COLS                                                                                \
    "id, issue_group, day, seq, number, follow_key, group_id, state, issued_at, queued_at, "       \
    "counter_id, officer, called_at, calls, dossier, rating"

static int64_t col_int(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

static void read_group(Arena *a, sqlite3_stmt *st, void *v)
{
    QueueGroup *g = v;
    g->id = sqlite3_column_int64(st, 0);
    g->code = sq_col_text(a, st, 1);
    g->prefix = sq_col_text(a, st, 2);
    g->name = sq_col_text(a, st, 3);
    g->unit = sq_col_text(a, st, 4);
    g->field = sq_col_text(a, st, 5);
}

static void read_counter(Arena *a, sqlite3_stmt *st, void *v)
{
    QueueCounter *c = v;
    c->id = sqlite3_column_int64(st, 0);
    c->code = sq_col_text(a, st, 1);
    c->name = sq_col_text(a, st, 2);
    c->unit = sq_col_text(a, st, 3);
    c->group = sqlite3_column_int64(st, 4);
}

static void read_ticket(Arena *a, sqlite3_stmt *st, void *v)
{
    QueueTicket *t = v;
    t->id = sqlite3_column_int64(st, 0);
    t->issue_group = sqlite3_column_int64(st, 1);
    t->day = (int32_t)sqlite3_column_int64(st, 2);
    t->seq = sqlite3_column_int64(st, 3);
    t->number = sq_col_text(a, st, 4);
    t->follow_key = sq_col_text(a, st, 5);
    t->group = sqlite3_column_int64(st, 6);
    int state = queue_state_parse((const char *)sqlite3_column_text(st, 7));
    t->state = state < 0 ? QUEUE_ISSUED : (QueueState)state;
    t->issued_at = sqlite3_column_int64(st, 8);
    t->queued_at = sqlite3_column_int64(st, 9);
    t->counter = col_int(st, 10);
    t->officer = sq_col_text(a, st, 11);
    t->called_at = col_int(st, 12);
    t->calls = sqlite3_column_int64(st, 13);
    t->dossier = sq_col_text(a, st, 14);
    t->rating = sq_col_text(a, st, 15);
}

static void read_leg(Arena *a, sqlite3_stmt *st, void *v)
{
    QueueLeg *l = v;
    l->counter = sqlite3_column_int64(st, 0);
    l->group = sqlite3_column_int64(st, 1);
    l->officer = sq_col_text(a, st, 2);
    l->queued_at = sqlite3_column_int64(st, 3);
    l->called_at = sqlite3_column_int64(st, 4);
    l->ended_at = col_int(st, 5);
    int outcome = sqlite3_column_type(st, 6) == SQLITE_NULL
                      ? (int)QUEUE_CALLED
                      : queue_state_parse((const char *)sqlite3_column_text(st, 6));
    l->outcome = outcome < 0 ? QUEUE_CALLED : (QueueState)outcome;
}

/* one reads the one row st finds with read; ERR_NOT_FOUND naming the field `what`, with the
 * messages vi and en, when there is none. */
static int one(Store *s, Arena *a, sqlite3_stmt *st, void (*read)(Arena *, sqlite3_stmt *, void *),
               void *out, const char *what, const char *vi, const char *en, Err *e)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read(a, st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, what);
    return err_set(e, ERR_NOT_FOUND, what, vi, en);
}

static int sq_queue_group_put(Store *s, QueueGroup *g, Err *e)
{
    static const char sql[] =
        "INSERT INTO queue_group (code, prefix, name, unit, field) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (code) DO UPDATE SET prefix = excluded.prefix, name = excluded.name, "
        "unit = excluded.unit, field = excluded.field RETURNING id";
    PREP(st, sql);
    sq_bind_text(st, 1, g->code);
    sq_bind_text(st, 2, g->prefix);
    sq_bind_text(st, 3, g->name);
    sq_bind_text(st, 4, g->unit);
    sq_bind_text(st, 5, g->field);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        g->id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, e, "queue group put");
}

static int sq_queue_group_get(Store *s, Arena *a, const char *code, QueueGroup *out, Err *e)
{
    static const char sql[] = "SELECT " GROUP_COLS " FROM queue_group WHERE code = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, code);
    return one(s, a, st, read_group, out, "group", "Không có nhóm quầy này",
               "no such counter group", e);
}

static int sq_queue_group_by_id(Store *s, Arena *a, int64_t id, QueueGroup *out, Err *e)
{
    static const char sql[] = "SELECT " GROUP_COLS " FROM queue_group WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    return one(s, a, st, read_group, out, "group", "Không có nhóm quầy này",
               "no such counter group", e);
}

static int sq_queue_group_list(Store *s, Arena *a, const char *under, QueueGroup **out,
                               size_t *out_n, Err *e)
{
    static const char sql[] = SUB "SELECT " GROUP_COLS " FROM queue_group WHERE ?1 IS NULL OR "
                                  "unit IN (SELECT code FROM sub) ORDER BY unit, prefix";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    return sq_collect(s, a, st, sizeof(QueueGroup), read_group, (void **)out, out_n, e);
}

static int sq_queue_counter_put(Store *s, QueueCounter *c, Err *e)
{
    static const char sql[] =
        "INSERT INTO queue_counter (code, name, unit, group_id) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit = excluded.unit, "
        "group_id = excluded.group_id RETURNING id";
    PREP(st, sql);
    sq_bind_text(st, 1, c->code);
    sq_bind_text(st, 2, c->name);
    sq_bind_text(st, 3, c->unit);
    sqlite3_bind_int64(st, 4, c->group);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        c->id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, e, "queue counter put");
}

static int sq_queue_counter_get(Store *s, Arena *a, const char *code, QueueCounter *out, Err *e)
{
    static const char sql[] = "SELECT " COUNTER_COLS " FROM queue_counter WHERE code = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, code);
    return one(s, a, st, read_counter, out, "counter", "Không có quầy này", "no such counter", e);
}

static int sq_queue_counter_by_id(Store *s, Arena *a, int64_t id, QueueCounter *out, Err *e)
{
    static const char sql[] = "SELECT " COUNTER_COLS " FROM queue_counter WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    return one(s, a, st, read_counter, out, "counter", "Không có quầy này", "no such counter", e);
}

static int sq_queue_counter_list(Store *s, Arena *a, const char *under, QueueCounter **out,
                                 size_t *out_n, Err *e)
{
    static const char sql[] = SUB "SELECT " COUNTER_COLS " FROM queue_counter WHERE ?1 IS NULL "
                                  "OR unit IN (SELECT code FROM sub) ORDER BY code";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    return sq_collect(s, a, st, sizeof(QueueCounter), read_counter, (void **)out, out_n, e);
}

static int sq_queue_seq_last(Store *s, int64_t group, int32_t day, int64_t *out, Err *e)
{
    static const char sql[] =
        "SELECT coalesce(max(seq), 0) FROM queue_ticket WHERE issue_group = ?1 AND day = ?2";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, group);
    sqlite3_bind_int64(st, 2, day);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, e, "queue seq");
}

/* bind_ticket binds t's columns as ?1.. in TICKET_COLS order, less the id (an update uses
 * those it changes; SQLite numbers parameters up to the highest one named). */
static void bind_ticket(sqlite3_stmt *st, const QueueTicket *t)
{
    sqlite3_bind_int64(st, 1, t->issue_group);
    sqlite3_bind_int64(st, 2, t->day);
    sqlite3_bind_int64(st, 3, t->seq);
    sq_bind_text(st, 4, t->number);
    sq_bind_text(st, 5, t->follow_key);
    sqlite3_bind_int64(st, 6, t->group);
    sq_bind_text(st, 7, queue_state_name(t->state));
    sqlite3_bind_int64(st, 8, t->issued_at);
    sqlite3_bind_int64(st, 9, t->queued_at);
    if (t->counter)
        sqlite3_bind_int64(st, 10, t->counter);
    sq_bind_text(st, 11, t->officer);
    if (t->called_at)
        sqlite3_bind_int64(st, 12, t->called_at);
    sqlite3_bind_int64(st, 13, t->calls);
    sq_bind_text(st, 14, t->dossier);
    sq_bind_text(st, 15, t->rating);
}

static int sq_queue_ticket_add(Store *s, QueueTicket *t, Err *e)
{
    static const char sql[] =
        "INSERT INTO queue_ticket (issue_group, day, seq, number, follow_key, group_id, state, "
        "issued_at, queued_at, counter_id, officer, called_at, calls, dossier, rating) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
    PREP(st, sql);
    bind_ticket(st, t);
    int rc = sq_step_done(s, st, e, "queue ticket add");
    if (rc == 0)
        t->id = sqlite3_last_insert_rowid(sq(s)->db);
    return rc;
}

static int sq_queue_ticket_save(Store *s, const QueueTicket *t, Err *e)
{
    static const char sql[] =
        "UPDATE queue_ticket SET group_id = ?6, state = ?7, queued_at = ?9, counter_id = ?10, "
        "officer = ?11, called_at = ?12, calls = ?13, dossier = ?14, rating = ?15 WHERE id = ?16";
    PREP(st, sql);
    bind_ticket(st, t);
    sqlite3_bind_int64(st, 16, t->id);
    return sq_step_done(s, st, e, "queue ticket save");
}

static int sq_queue_ticket_get(Store *s, Arena *a, int64_t id, QueueTicket *out, Err *e)
{
    static const char sql[] = "SELECT " TICKET_COLS " FROM queue_ticket WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    return one(s, a, st, read_ticket, out, "ticket", "Không có số thứ tự này",
               "no such queue ticket", e);
}

static int sq_queue_ticket_by_key(Store *s, Arena *a, const char *key, QueueTicket *out, Err *e)
{
    static const char sql[] = "SELECT " TICKET_COLS " FROM queue_ticket WHERE follow_key = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, key);
    return one(s, a, st, read_ticket, out, "ticket", "Không có số thứ tự này",
               "no such queue ticket", e);
}

static int sq_queue_ticket_next(Store *s, Arena *a, int64_t group, int32_t day, QueueTicket *out,
                                Err *e)
{
    static const char sql[] =
        "SELECT " TICKET_COLS " FROM queue_ticket WHERE group_id = ?1 AND day = ?2 AND state IN "
        "('issued', 'transferred') ORDER BY queued_at, id LIMIT 1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, group);
    sqlite3_bind_int64(st, 2, day);
    return one(s, a, st, read_ticket, out, "ticket", "Không có số thứ tự này",
               "no such queue ticket", e);
}

static int sq_queue_ahead(Store *s, const QueueTicket *t, int64_t *out, Err *e)
{
    static const char sql[] =
        "SELECT count(*) FROM queue_ticket WHERE group_id = ?1 AND day = ?2 AND state IN "
        "('issued', 'transferred') AND (queued_at < ?3 OR (queued_at = ?3 AND id < ?4))";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, t->group);
    sqlite3_bind_int64(st, 2, t->day);
    sqlite3_bind_int64(st, 3, t->queued_at);
    sqlite3_bind_int64(st, 4, t->id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : sq_fail(s, e, "queue ahead");
}

static int sq_queue_ticket_at(Store *s, Arena *a, int64_t counter, QueueTicket *out, Err *e)
{
    static const char sql[] =
        "SELECT " TICKET_COLS " FROM queue_ticket WHERE counter_id = ?1 AND state IN ('called', "
        "'serving') ORDER BY called_at DESC, id DESC LIMIT 1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, counter);
    return one(s, a, st, read_ticket, out, "ticket", "Không có số thứ tự này",
               "no such queue ticket", e);
}

static int sq_queue_ticket_last(Store *s, Arena *a, int64_t counter, QueueTicket *out, Err *e)
{
    static const char sql[] =
        "SELECT " TICKET_COLS " FROM queue_ticket WHERE id = (SELECT ticket FROM queue_call "
        "WHERE counter_id = ?1 AND outcome = 'done' ORDER BY ended_at DESC, id DESC LIMIT 1)";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, counter);
    return one(s, a, st, read_ticket, out, "ticket", "Không có số thứ tự này",
               "no such queue ticket", e);
}

static int sq_queue_ticket_skipped(Store *s, Arena *a, int64_t group, int32_t day,
                                   QueueTicket **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " TICKET_COLS " FROM queue_ticket WHERE group_id = ?1 AND "
                              "day = ?2 AND state = 'skipped' ORDER BY called_at DESC, id DESC";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, group);
    sqlite3_bind_int64(st, 2, day);
    return sq_collect(s, a, st, sizeof(QueueTicket), read_ticket, (void **)out, out_n, e);
}

static int sq_queue_leg_open(Store *s, const QueueTicket *t, Err *e)
{
    static const char sql[] = "INSERT INTO queue_call (ticket, group_id, counter_id, officer, "
                              "queued_at, called_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, t->id);
    sqlite3_bind_int64(st, 2, t->group);
    sqlite3_bind_int64(st, 3, t->counter);
    sq_bind_text(st, 4, t->officer);
    sqlite3_bind_int64(st, 5, t->queued_at);
    sqlite3_bind_int64(st, 6, t->called_at);
    return sq_step_done(s, st, e, "queue leg open");
}

static int sq_queue_leg_close(Store *s, int64_t ticket, int64_t ended_at, QueueState outcome,
                              Err *e)
{
    static const char sql[] = "UPDATE queue_call SET ended_at = ?2, outcome = ?3 WHERE id = "
                              "(SELECT max(id) FROM queue_call WHERE ticket = ?1) AND ended_at "
                              "IS NULL";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, ticket);
    sqlite3_bind_int64(st, 2, ended_at);
    sq_bind_text(st, 3, queue_state_name(outcome));
    return sq_step_done(s, st, e, "queue leg close");
}

static int sq_queue_legs(Store *s, Arena *a, const char *under, int64_t from, int64_t to,
                         QueueLeg **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        SUB "SELECT counter_id, group_id, officer, queued_at, called_at, ended_at, outcome FROM "
            "queue_call WHERE called_at >= ?2 AND called_at < ?3 AND (?1 IS NULL OR counter_id "
            "IN (SELECT id FROM queue_counter WHERE unit IN (SELECT code FROM sub))) ORDER BY "
            "called_at, id";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    return sq_collect(s, a, st, sizeof(QueueLeg), read_leg, (void **)out, out_n, e);
}

void sq_queue_ops(StoreOps *o)
{
    o->queue_group_put = sq_queue_group_put;
    o->queue_group_get = sq_queue_group_get;
    o->queue_group_by_id = sq_queue_group_by_id;
    o->queue_group_list = sq_queue_group_list;
    o->queue_counter_put = sq_queue_counter_put;
    o->queue_counter_get = sq_queue_counter_get;
    o->queue_counter_by_id = sq_queue_counter_by_id;
    o->queue_counter_list = sq_queue_counter_list;
    o->queue_seq_last = sq_queue_seq_last;
    o->queue_ticket_add = sq_queue_ticket_add;
    o->queue_ticket_save = sq_queue_ticket_save;
    o->queue_ticket_get = sq_queue_ticket_get;
    o->queue_ticket_by_key = sq_queue_ticket_by_key;
    o->queue_ticket_next = sq_queue_ticket_next;
    o->queue_ahead = sq_queue_ahead;
    o->queue_ticket_at = sq_queue_ticket_at;
    o->queue_ticket_last = sq_queue_ticket_last;
    o->queue_ticket_skipped = sq_queue_ticket_skipped;
    o->queue_leg_open = sq_queue_leg_open;
    o->queue_leg_close = sq_queue_leg_close;
    o->queue_legs = sq_queue_legs;
}
