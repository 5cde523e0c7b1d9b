/* postgres_queue.c: the counter queue in the PostgreSQL backend (store.h, migration 0022):
 * groups and counters, tickets numbered per issuing group and day, the legs the waiting and
 * service figures come from. The statements are SQLite's (sqlite_queue.c); the order of the
 * queue is the time a ticket was queued in its group, then its id. */
#include "store/postgres_int.h"

#include <string.h>

/* SUB: $1 is the unit whose subtree a list keeps (NULL: every unit). */
#define SUB                                                                                        \
    "WITH RECURSIVE sub(code) AS (SELECT $1::text UNION SELECT unit.code FROM unit JOIN sub ON "   \
    "unit.parent = sub.code) "
#define GROUP_COLS   "id, code, prefix, name, unit, field"
#define COUNTER_COLS "id, code, name, unit, group_id"
#define TICKET_COLS                                                                                \
    "id, issue_group, day, seq, number, follow_key, group_id, state, issued_at, queued_at, "       \
    "counter_id, officer, called_at, calls, dossier, rating"

static const char NO_GROUP_VI[] = "Không có nhóm quầy này", NO_GROUP_EN[] = "no such counter group";
static const char NO_COUNTER_VI[] = "Không có quầy này", NO_COUNTER_EN[] = "no such counter";
static const char NO_TICKET_VI[] = "Không có số thứ tự này",
                  NO_TICKET_EN[] = "no such queue ticket";

static void read_group(Arena *a, const PgQuery *q, int r, void *v)
{
    QueueGroup *g = v;
    g->id = pq_col_int(q, r, 0);
    g->code = pq_col_text(a, q, r, 1);
    g->prefix = pq_col_text(a, q, r, 2);
    g->name = pq_col_text(a, q, r, 3);
    g->unit = pq_col_text(a, q, r, 4);
    g->field = pq_col_text(a, q, r, 5);
}

static void read_counter(Arena *a, const PgQuery *q, int r, void *v)
{
    QueueCounter *c = v;
    c->id = pq_col_int(q, r, 0);
    c->code = pq_col_text(a, q, r, 1);
    c->name = pq_col_text(a, q, r, 2);
    c->unit = pq_col_text(a, q, r, 3);
    c->group = pq_col_int(q, r, 4);
}

static void read_ticket(Arena *a, const PgQuery *q, int r, void *v)
{
    QueueTicket *t = v;
    t->id = pq_col_int(q, r, 0);
    t->issue_group = pq_col_int(q, r, 1);
    t->day = (int32_t)pq_col_int(q, r, 2);
    t->seq = pq_col_int(q, r, 3);
    t->number = pq_col_text(a, q, r, 4);
    t->follow_key = pq_col_text(a, q, r, 5);
    t->group = pq_col_int(q, r, 6);
    int state = queue_state_parse(PQgetvalue(q->res, r, 7));
    t->state = state < 0 ? QUEUE_ISSUED : (QueueState)state;
    t->issued_at = pq_col_int(q, r, 8);
    t->queued_at = pq_col_int(q, r, 9);
    t->counter = pq_col_int(q, r, 10);
    t->officer = pq_col_text(a, q, r, 11);
    t->called_at = pq_col_int(q, r, 12);
    t->calls = pq_col_int(q, r, 13);
    t->dossier = pq_col_text(a, q, r, 14);
    t->rating = pq_col_text(a, q, r, 15);
}

static void read_leg(Arena *a, const PgQuery *q, int r, void *v)
{
    QueueLeg *l = v;
    l->counter = pq_col_int(q, r, 0);
    l->group = pq_col_int(q, r, 1);
    l->officer = pq_col_text(a, q, r, 2);
    l->queued_at = pq_col_int(q, r, 3);
    l->called_at = pq_col_int(q, r, 4);
    l->ended_at = pq_col_int(q, r, 5);
    int outcome =
        pq_col_null(q, r, 6) ? (int)QUEUE_CALLED : queue_state_parse(PQgetvalue(q->res, r, 6));
    l->outcome = outcome < 0 ? QUEUE_CALLED : (QueueState)outcome;
}

/* returning_id runs an INSERT or upsert ... RETURNING id into out_id. */
static int returning_id(PgQuery *q, int64_t *out_id, Err *e, const char *what)
{
    int n = pq_run(q, e, what);
    if (n < 0)
        return n;
    if (n > 0)
        *out_id = pq_col_int(q, 0, 0);
    pq_done(q);
    return 0;
}

/* count_of runs a query of one number into out. */
static int count_of(PgQuery *q, int64_t *out, Err *e, const char *what)
{
    int n = pq_run(q, e, what);
    if (n < 0)
        return n;
    *out = n > 0 ? pq_col_int(q, 0, 0) : 0;
    pq_done(q);
    return 0;
}

static int pg_queue_group_put(Store *s, QueueGroup *g, Err *e)
{
    static const char sql[] =
        "INSERT INTO queue_group (code, prefix, name, unit, field) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (code) DO UPDATE SET prefix = excluded.prefix, name = excluded.name, "
        "unit = excluded.unit, field = excluded.field RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, g->code);
    pq_text(&q, 2, g->prefix);
    pq_text(&q, 3, g->name);
    pq_text(&q, 4, g->unit);
    pq_text(&q, 5, g->field);
    return returning_id(&q, &g->id, e, "queue group put");
}

static int pg_queue_group_get(Store *s, Arena *a, const char *code, QueueGroup *out, Err *e)
{
    static const char sql[] = "SELECT " GROUP_COLS " FROM queue_group WHERE code = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    return pq_one(&q, a, read_group, out, "group", NO_GROUP_VI, NO_GROUP_EN, e);
}

static int pg_queue_group_by_id(Store *s, Arena *a, int64_t id, QueueGroup *out, Err *e)
{
    static const char sql[] = "SELECT " GROUP_COLS " FROM queue_group WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    return pq_one(&q, a, read_group, out, "group", NO_GROUP_VI, NO_GROUP_EN, e);
}

static int pg_queue_group_list(Store *s, Arena *a, const char *under, QueueGroup **out,
                               size_t *out_n, Err *e)
{
    static const char sql[] =
        SUB "SELECT " GROUP_COLS " FROM queue_group WHERE $1::text IS NULL OR unit IN (SELECT "
            "code FROM sub) ORDER BY unit COLLATE \"C\", prefix COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    return pq_collect(&q, a, sizeof(QueueGroup), read_group, (void **)out, out_n, e,
                      "queue groups");
}

static int pg_queue_counter_put(Store *s, QueueCounter *c, Err *e)
{
    static const char sql[] =
        "INSERT INTO queue_counter (code, name, unit, group_id) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit = excluded.unit, "
        "group_id = excluded.group_id RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, c->code);
    pq_text(&q, 2, c->name);
    pq_text(&q, 3, c->unit);
    pq_int(&q, 4, c->group);
    return returning_id(&q, &c->id, e, "queue counter put");
}

static int pg_queue_counter_get(Store *s, Arena *a, const char *code, QueueCounter *out, Err *e)
{
    static const char sql[] = "SELECT " COUNTER_COLS " FROM queue_counter WHERE code = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    return pq_one(&q, a, read_counter, out, "counter", NO_COUNTER_VI, NO_COUNTER_EN, e);
}

static int pg_queue_counter_by_id(Store *s, Arena *a, int64_t id, QueueCounter *out, Err *e)
{
    static const char sql[] = "SELECT " COUNTER_COLS " FROM queue_counter WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    return pq_one(&q, a, read_counter, out, "counter", NO_COUNTER_VI, NO_COUNTER_EN, e);
}

static int pg_queue_counter_list(Store *s, Arena *a, const char *under, QueueCounter **out,
                                 size_t *out_n, Err *e)
{
    static const char sql[] =
        SUB "SELECT " COUNTER_COLS " FROM queue_counter WHERE $1::text IS NULL OR unit IN "
            "(SELECT code FROM sub) ORDER BY code COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    return pq_collect(&q, a, sizeof(QueueCounter), read_counter, (void **)out, out_n, e,
                      "queue counters");
}

static int pg_queue_seq_last(Store *s, int64_t group, int32_t day, int64_t *out, Err *e)
{
    static const char sql[] =
        "SELECT coalesce(max(seq), 0) FROM queue_ticket WHERE issue_group = $1 AND day = $2";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, group);
    pq_int(&q, 2, day);
    return count_of(&q, out, e, "queue seq");
}

/* bind_changing binds the columns a ticket's life changes from parameter i on, in the order
 * group_id, state, queued_at, counter_id, officer, called_at, calls, dossier, rating. */
static void bind_changing(PgQuery *q, int i, const QueueTicket *t)
{
    pq_int(q, i++, t->group);
    pq_text(q, i++, queue_state_name(t->state));
    pq_int(q, i++, t->queued_at);
    if (t->counter)
        pq_int(q, i++, t->counter);
    else
        pq_text(q, i++, NULL);
    pq_text(q, i++, t->officer);
    if (t->called_at)
        pq_int(q, i++, t->called_at);
    else
        pq_text(q, i++, NULL);
    pq_int(q, i++, t->calls);
    pq_text(q, i++, t->dossier);
    pq_text(q, i, t->rating);
}

static int pg_queue_ticket_add(Store *s, QueueTicket *t, Err *e)
{
    static const char sql[] =
        "INSERT INTO queue_ticket (issue_group, day, seq, number, follow_key, issued_at, "
        "group_id, state, queued_at, counter_id, officer, called_at, calls, dossier, rating) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, t->issue_group);
    pq_int(&q, 2, t->day);
    pq_int(&q, 3, t->seq);
    pq_text(&q, 4, t->number);
    pq_text(&q, 5, t->follow_key);
    pq_int(&q, 6, t->issued_at);
    bind_changing(&q, 7, t);
    return returning_id(&q, &t->id, e, "queue ticket add");
}

static int pg_queue_ticket_save(Store *s, const QueueTicket *t, Err *e)
{
    static const char sql[] =
        "UPDATE queue_ticket SET group_id = $2, state = $3, queued_at = $4, counter_id = $5, "
        "officer = $6, called_at = $7, calls = $8, dossier = $9, rating = $10 WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, t->id);
    bind_changing(&q, 2, t);
    int rc = pq_exec(&q, e, "queue ticket save");
    return rc < 0 ? rc : 0;
}

static int pg_queue_ticket_get(Store *s, Arena *a, int64_t id, QueueTicket *out, Err *e)
{
    static const char sql[] = "SELECT " TICKET_COLS " FROM queue_ticket WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    return pq_one(&q, a, read_ticket, out, "ticket", NO_TICKET_VI, NO_TICKET_EN, e);
}

static int pg_queue_ticket_by_key(Store *s, Arena *a, const char *key, QueueTicket *out, Err *e)
{
    static const char sql[] = "SELECT " TICKET_COLS " FROM queue_ticket WHERE follow_key = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, key);
    return pq_one(&q, a, read_ticket, out, "ticket", NO_TICKET_VI, NO_TICKET_EN, e);
}

static int pg_queue_ticket_next(Store *s, Arena *a, int64_t group, int32_t day, QueueTicket *out,
                                Err *e)
{
    static const char sql[] =
        "SELECT " TICKET_COLS " FROM queue_ticket WHERE group_id = $1 AND day = $2 AND state IN "
        "('issued', 'transferred') ORDER BY queued_at, id LIMIT 1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, group);
    pq_int(&q, 2, day);
    return pq_one(&q, a, read_ticket, out, "ticket", NO_TICKET_VI, NO_TICKET_EN, e);
}

static int pg_queue_ticket_skipped(Store *s, Arena *a, int64_t group, int32_t day,
                                   QueueTicket **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " TICKET_COLS " FROM queue_ticket WHERE group_id = $1 AND "
                              "day = $2 AND state = 'skipped' ORDER BY called_at DESC, id DESC";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, group);
    pq_int(&q, 2, day);
    return pq_collect(&q, a, sizeof(QueueTicket), read_ticket, (void **)out, out_n, e,
                      "queue skipped");
}

static int pg_queue_ahead(Store *s, const QueueTicket *t, int64_t *out, Err *e)
{
    static const char sql[] =
        "SELECT count(*) FROM queue_ticket WHERE group_id = $1 AND day = $2 AND state IN "
        "('issued', 'transferred') AND (queued_at < $3 OR (queued_at = $3 AND id < $4))";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, t->group);
    pq_int(&q, 2, t->day);
    pq_int(&q, 3, t->queued_at);
    pq_int(&q, 4, t->id);
    return count_of(&q, out, e, "queue ahead");
}

static int pg_queue_ticket_at(Store *s, Arena *a, int64_t counter, QueueTicket *out, Err *e)
{
    static const char sql[] =
        "SELECT " TICKET_COLS " FROM queue_ticket WHERE counter_id = $1 AND state IN ('called', "
        "'serving') ORDER BY called_at DESC, id DESC LIMIT 1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, counter);
    return pq_one(&q, a, read_ticket, out, "ticket", NO_TICKET_VI, NO_TICKET_EN, e);
}

static int pg_queue_ticket_last(Store *s, Arena *a, int64_t counter, QueueTicket *out, Err *e)
{
    static const char sql[] =
        "SELECT " TICKET_COLS " FROM queue_ticket WHERE id = (SELECT ticket FROM queue_call "
        "WHERE counter_id = $1 AND outcome = 'done' ORDER BY ended_at DESC, id DESC LIMIT 1)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, counter);
    return pq_one(&q, a, read_ticket, out, "ticket", NO_TICKET_VI, NO_TICKET_EN, e);
}

static int pg_queue_leg_open(Store *s, const QueueTicket *t, Err *e)
{
    static const char sql[] = "INSERT INTO queue_call (ticket, group_id, counter_id, officer, "
                              "queued_at, called_at) VALUES ($1, $2, $3, $4, $5, $6)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, t->id);
    pq_int(&q, 2, t->group);
    pq_int(&q, 3, t->counter);
    pq_text(&q, 4, t->officer);
    pq_int(&q, 5, t->queued_at);
    pq_int(&q, 6, t->called_at);
    int rc = pq_exec(&q, e, "queue leg open");
    return rc < 0 ? rc : 0;
}

static int pg_queue_leg_close(Store *s, int64_t ticket, int64_t ended_at, QueueState outcome,
                              Err *e)
{
    static const char sql[] = "UPDATE queue_call SET ended_at = $2, outcome = $3 WHERE id = "
                              "(SELECT max(id) FROM queue_call WHERE ticket = $1) AND ended_at "
                              "IS NULL";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, ticket);
    pq_int(&q, 2, ended_at);
    pq_text(&q, 3, queue_state_name(outcome));
    int rc = pq_exec(&q, e, "queue leg close");
    return rc < 0 ? rc : 0;
}

static int pg_queue_legs(Store *s, Arena *a, const char *under, int64_t from, int64_t to,
                         QueueLeg **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        SUB "SELECT counter_id, group_id, officer, queued_at, called_at, ended_at, outcome FROM "
            "queue_call WHERE called_at >= $2 AND called_at < $3 AND ($1::text IS NULL OR "
            "counter_id IN (SELECT id FROM queue_counter WHERE unit IN (SELECT code FROM sub))) "
            "ORDER BY called_at, id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    pq_int(&q, 2, from);
    pq_int(&q, 3, to);
    return pq_collect(&q, a, sizeof(QueueLeg), read_leg, (void **)out, out_n, e, "queue legs");
}

void pg_queue_ops(StoreOps *o)
{
    o->queue_group_put = pg_queue_group_put;
    o->queue_group_get = pg_queue_group_get;
    o->queue_group_by_id = pg_queue_group_by_id;
    o->queue_group_list = pg_queue_group_list;
    o->queue_counter_put = pg_queue_counter_put;
    o->queue_counter_get = pg_queue_counter_get;
    o->queue_counter_by_id = pg_queue_counter_by_id;
    o->queue_counter_list = pg_queue_counter_list;
    o->queue_seq_last = pg_queue_seq_last;
    o->queue_ticket_add = pg_queue_ticket_add;
    o->queue_ticket_save = pg_queue_ticket_save;
    o->queue_ticket_get = pg_queue_ticket_get;
    o->queue_ticket_by_key = pg_queue_ticket_by_key;
    o->queue_ticket_next = pg_queue_ticket_next;
    o->queue_ahead = pg_queue_ahead;
    o->queue_ticket_at = pg_queue_ticket_at;
    o->queue_ticket_last = pg_queue_ticket_last;
    o->queue_ticket_skipped = pg_queue_ticket_skipped;
    o->queue_leg_open = pg_queue_leg_open;
    o->queue_leg_close = pg_queue_leg_close;
    o->queue_legs = pg_queue_legs;
}
