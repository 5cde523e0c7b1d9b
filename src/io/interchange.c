/* interchange.c: JSONL import and export of catalogue records, officers and dossiers (see
 * interchange.h).
 * Each record type has one reader that validates a parsed line into a store record and
 * one writer that renders a store record; the same field names in both directions. */
#include "io/interchange.h"

#include "core/dossier_code.h"
#include "io/dossier_json.h"
#include "app/accounts.h"
#include "app/jsonv.h"
#include "app/chains.h"
#include "app/dossiers.h"
#include "app/queue.h"
#include "app/unitops.h"
#include "util/timefmt.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { NAME_MAX_BYTES = 512, LINE_MAX_BYTES = 16 * 1024 * 1024 };

static const char *const unit_levels[] = {"province", "district", "commune", "department", NULL};
static const char *const procedure_levels[] = {"province", "district", "commune", NULL};
static const char *const online_levels[] = {"full", "partial", "none", NULL};

static int check_code(const char *code, int (*valid)(const char *), const char *field, Err *e)
{
    if (code && !valid(code))
        return err_setf(e, ERR_INVALID, field, "Mã không hợp lệ: %s", "invalid code: %s", code);
    return 0;
}

static int check_date(const char *s, const char *field, Err *e)
{
    int32_t day;
    if (s && timefmt_parse_date(s, strlen(s), e, &day) < 0) {
        if (e)
            snprintf(e->field, sizeof e->field, "%s", field);
        return ERR_INVALID;
    }
    return 0;
}

/* A unit named by a parent or successor field before (or without) its own line: checked
 * once every line is read, so that forward references work and a dangling one is reported
 * with the line that made it. */
typedef struct PendingRef {
    struct PendingRef *next;
    long line;
    const char *field, *code;
    const char *unit; /* the unit whose field it is */
} PendingRef;

typedef struct ImportState {
    Arena *arena; /* lives for the whole import */
    PendingRef *pending;
    long line;
} ImportState;

/* note_ref remembers code (if set and not yet stored), unit's field, for the final check;
 * 1 when it did. */
static int note_ref(Store *s, ImportState *st, Arena *a, const char *unit, const char *field,
                    const char *code, Err *e)
{
    if (!code)
        return 0;
    Unit u;
    int rc = store_unit_get(s, a, code, &u, e);
    if (rc != ERR_NOT_FOUND)
        return rc;
    PendingRef *r = arena_alloc(st->arena, sizeof *r);
    r->line = st->line;
    r->field = field;
    r->code = arena_strdup(st->arena, code);
    r->unit = arena_strdup(st->arena, unit);
    r->next = st->pending;
    st->pending = r;
    return 1;
}

static int read_unit(Store *s, ImportState *st, Arena *a, json_t *o, Err *e)
{
    static const char *const keys[] = {"type",       "code",     "name",      "level",  "parent",
                                       "valid_from", "valid_to", "successor", "source", NULL};
    Unit u;
    int rc;
    if ((rc = jsonv_only(o, keys, e)) < 0 ||
        (rc = jsonv_str(a, o, "code", 1, 64, &u.code, e)) < 0 ||
        (rc = check_code(u.code, dossier_code_unit_valid, "code", e)) < 0 ||
        (rc = jsonv_str(a, o, "name", 1, NAME_MAX_BYTES, &u.name, e)) < 0 ||
        (rc = jsonv_enum(o, "level", 1, unit_levels, &u.level, e)) < 0 ||
        (rc = jsonv_str(a, o, "parent", 0, 64, &u.parent, e)) < 0 ||
        (rc = check_code(u.parent, dossier_code_unit_valid, "parent", e)) < 0 ||
        (rc = jsonv_str(a, o, "successor", 0, 64, &u.successor, e)) < 0 ||
        (rc = check_code(u.successor, dossier_code_unit_valid, "successor", e)) < 0 ||
        (rc = jsonv_str(a, o, "valid_from", 0, 10, &u.valid_from, e)) < 0 ||
        (rc = check_date(u.valid_from, "valid_from", e)) < 0 ||
        (rc = jsonv_str(a, o, "valid_to", 0, 10, &u.valid_to, e)) < 0 ||
        (rc = check_date(u.valid_to, "valid_to", e)) < 0)
        return rc;
    if (u.parent && strcmp(u.parent, u.code) == 0)
        return err_set(e, ERR_INVALID, "parent", "Đơn vị không thể là cấp trên của chính nó",
                       "a unit cannot be its own parent");
    if (u.valid_from && u.valid_to && strcmp(u.valid_from, u.valid_to) > 0)
        return err_set(e, ERR_INVALID, "valid_to", "Ngày hết hiệu lực trước ngày có hiệu lực",
                       "valid_to is before valid_from");
    /* a parent not stored yet is set once a later line defines it (check_pending) */
    if ((rc = note_ref(s, st, a, u.code, "parent", u.parent, e)) < 0)
        return rc;
    if (rc == 1)
        u.parent = NULL;
    if ((rc = note_ref(s, st, a, u.code, "successor", u.successor, e)) < 0)
        return rc;
    /* history is kept: a line without an end does not revive a unit that was dissolved (by a
     * unit operation, or an earlier line) */
    Unit stored;
    if (!u.valid_to && !u.successor && store_unit_get(s, a, u.code, &stored, e) == 0) {
        u.valid_to = stored.valid_to;
        u.successor = stored.successor;
    }
    return store_unit_put(s, &u, (int64_t)time(NULL), e);
}

/* The keys an exported operation adds to the record (read_applied), and its states. */
static const char *const applied_keys[] = {"state", "applied_at", "by", "summary", NULL};
static const char *const op_states[] = {"planned", "done", NULL};

/* read_applied reads what an export says of an operation that was applied where it came from
 * ("state": "done", "applied_at", "by", "summary") into row, and removes those keys from o so
 * that the rest reads as the operation record. row->state stays NULL for an operation to run. */
static int read_applied(Arena *a, json_t *o, UnitOpRow *row, Err *e)
{
    const char *at = NULL;
    int rc;
    if ((rc = jsonv_enum(o, "state", 0, op_states, &row->state, e)) < 0 ||
        (rc = jsonv_str(a, o, "applied_at", 0, 40, &at, e)) < 0 ||
        (rc = jsonv_str(a, o, "by", 0, 64, &row->by, e)) < 0 ||
        (rc = jsonv_str(a, o, "summary", 0, 500, &row->summary, e)) < 0)
        return rc;
    if (row->state && strcmp(row->state, "done") == 0) {
        if (!at || timefmt_parse_instant(at, strlen(at), e, &row->applied_at) < 0)
            return err_set(e, ERR_INVALID, "applied_at",
                           "Thao tác đã thực hiện cần applied_at (thời điểm ISO 8601)",
                           "a done operation needs applied_at (an ISO 8601 instant)");
    } else if (at || row->summary) {
        return err_set(e, ERR_INVALID, "applied_at",
                       "applied_at và summary chỉ dùng cho thao tác đã thực hiện (state done)",
                       "applied_at and summary belong to a done operation");
    } else {
        row->state = NULL; /* planned (or not said): it runs as if entered now */
    }
    for (size_t i = 0; applied_keys[i]; i++)
        json_object_del(o, applied_keys[i]);
    return 0;
}

/* read_operation applies a unit operation (app/unitops.h) entered by the import at once, or
 * records it as planned. One an export marks done was applied where it came from: its effect
 * is in the unit and dossier lines, so it is only recorded, as done. One recorded already with
 * the same record is skipped, so that a file imported twice changes nothing. */
static int read_operation(Store *s, Arena *a, json_t *o, ImportCounts *c, Err *e)
{
    UnitOpSpec spec;
    UnitOpRow *rows, done = {0};
    size_t n;
    json_t *copy = json_copy(o);
    int rc = read_applied(a, copy, &done, e);
    if (rc == 0)
        rc = unitops_read(a, copy, &spec, e);
    json_decref(copy);
    if (rc < 0 || (rc = store_unit_op_list(s, a, NULL, &rows, &n, e)) < 0)
        return rc;
    json_t *canon = unitops_json(&spec);
    char *text = json_dumps(canon, JSON_COMPACT);
    json_decref(canon);
    bool seen = false;
    for (size_t i = 0; i < n && !seen; i++)
        seen = strcmp(rows[i].spec, text) == 0;
    done.spec = arena_strdup(a, text);
    free(text);
    if (seen)
        return 0;
    if (done.state) {
        done.kind = unitop_kind_name(spec.kind);
        done.effective = spec.effective;
        done.state = "planned"; /* added as every operation is, then marked done at its instant */
        done.created_at = done.applied_at;
        rc = store_unit_op_add(s, &done, e);
        if (rc == 0)
            rc = store_unit_op_done(s, done.id, done.applied_at, done.summary, e);
    } else {
        rc = unitops_run(s, a, &spec, done.by ? done.by : "import", (int64_t)time(NULL), NULL, NULL,
                         e);
    }
    if (rc == 0)
        c->operations++;
    return rc;
}

static int read_field(Store *s, Arena *a, json_t *o, Err *e)
{
    static const char *const keys[] = {"type", "code", "name", "source", NULL};
    Field f;
    int rc;
    if ((rc = jsonv_only(o, keys, e)) < 0 ||
        (rc = jsonv_str(a, o, "code", 1, 16, &f.code, e)) < 0 ||
        (rc = check_code(f.code, dossier_code_field_valid, "code", e)) < 0 ||
        (rc = jsonv_str(a, o, "name", 1, NAME_MAX_BYTES, &f.name, e)) < 0)
        return rc;
    return store_field_put(s, &f, e);
}

/* read_processing reads {"days": N} | {"hours": N} | {"calendar_days": N}. */
static int read_processing(json_t *o, Procedure *p, Err *e)
{
    static const char *const units[] = {"days", "hours", "calendar_days", NULL};
    json_t *v = json_object_get(o, "processing");
    if (!v || !json_is_object(v) || json_object_size(v) != 1)
        return err_set(e, ERR_INVALID, "processing",
                       "Trường processing phải có đúng một khóa: days, hours hoặc calendar_days",
                       "processing must have exactly one key: days, hours or calendar_days");
    int rc = jsonv_only(v, units, e);
    for (int i = 0; rc == 0 && units[i]; i++) {
        int64_t n = 0;
        if (!json_object_get(v, units[i]))
            continue;
        if ((rc = jsonv_int(v, units[i], 1, 1, 3650, &n, e)) < 0)
            break;
        p->limit_value = (int)n;
        p->limit_unit = units[i];
    }
    if (rc < 0 && e)
        snprintf(e->field, sizeof e->field, "processing");
    return rc;
}

static int read_components(Arena *a, json_t *o, Procedure *p, Err *e)
{
    static const char *const keys[] = {"name", "required", NULL};
    json_t *arr = json_object_get(o, "components");
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) > 100)
        return err_set(e, ERR_INVALID, "components",
                       "Trường components phải là danh sách (tối đa 100 thành phần)",
                       "components must be an array of at most 100 items");
    p->n_components = json_array_size(arr);
    p->components = arena_array(a, p->n_components ? p->n_components : 1, sizeof(Component));
    size_t i;
    json_t *c;
    json_array_foreach(arr, i, c)
    {
        int rc, req = 1;
        if (!json_is_object(c))
            return err_set(e, ERR_INVALID, "components", "Mỗi thành phần hồ sơ phải là đối tượng",
                           "each component must be an object");
        if ((rc = jsonv_only(c, keys, e)) < 0 ||
            (rc = jsonv_str(a, c, "name", 1, NAME_MAX_BYTES, &p->components[i].name, e)) < 0 ||
            (rc = jsonv_bool(c, "required", 0, &req, e)) < 0)
            return rc;
        p->components[i].required = req;
    }
    return 0;
}

/* read_levels reads a procedure's levels by day [{"from", "level"}] (absent: levels kept as
 * stored; [] clears them), days ascending. */
static int read_levels(Arena *a, json_t *o, Procedure *p, Err *e)
{
    static const char *const keys[] = {"from", "level", NULL};
    json_t *arr = json_object_get(o, "levels");
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) > 20)
        return err_set(e, ERR_INVALID, "levels",
                       "levels phải là danh sách {from, level} (tối đa 20)",
                       "levels must be a list of {from, level} (at most 20)");
    p->n_levels = json_array_size(arr);
    p->levels = arena_array(a, p->n_levels ? p->n_levels : 1, sizeof *p->levels);
    size_t i;
    json_t *l;
    json_array_foreach(arr, i, l)
    {
        int rc;
        ProcedureLevel *pl = &p->levels[i];
        if (!json_is_object(l))
            return err_set(e, ERR_INVALID, "levels", "Mỗi mục của levels phải là đối tượng",
                           "each item of levels must be an object");
        if ((rc = jsonv_only(l, keys, e)) < 0 ||
            (rc = jsonv_str(a, l, "from", 1, 10, &pl->from, e)) < 0 ||
            (rc = check_date(pl->from, "levels", e)) < 0 ||
            (rc = jsonv_enum(l, "level", 1, procedure_levels, &pl->level, e)) < 0)
            return rc;
        if (i && strcmp(p->levels[i - 1].from, pl->from) >= 0)
            return err_set(e, ERR_INVALID, "levels", "Các ngày của levels phải tăng dần",
                           "the days of levels must ascend");
    }
    return 0;
}

static int read_procedure(Store *s, Arena *a, json_t *o, Err *e)
{
    static const char *const keys[] = {"type",     "code",       "name",   "field", "level",
                                       "levels",   "processing", "online", "fee",   "components",
                                       "approval", "source",     NULL};
    Procedure p = {0};
    int64_t fee = 0;
    int rc;
    if ((rc = jsonv_only(o, keys, e)) < 0 ||
        (rc = jsonv_str(a, o, "code", 1, 32, &p.code, e)) < 0 ||
        (rc = check_code(p.code, dossier_code_procedure_valid, "code", e)) < 0 ||
        (rc = jsonv_str(a, o, "name", 1, NAME_MAX_BYTES * 2, &p.name, e)) < 0 ||
        (rc = jsonv_str(a, o, "field", 1, 16, &p.field, e)) < 0 ||
        (rc = jsonv_enum(o, "level", 1, procedure_levels, &p.level, e)) < 0 ||
        (rc = read_processing(o, &p, e)) < 0 ||
        (rc = jsonv_enum(o, "online", 1, online_levels, &p.online, e)) < 0 ||
        (rc = jsonv_int(o, "fee", 0, 0, 1000000000000LL, &fee, e)) < 0 ||
        (rc = jsonv_bool(o, "approval", 0, &p.approval, e)) < 0 ||
        (rc = read_components(a, o, &p, e)) < 0 || (rc = read_levels(a, o, &p, e)) < 0)
        return rc;
    p.fee = fee;
    Field f;
    if (store_field_get(s, a, p.field, &f, e) == ERR_NOT_FOUND)
        return err_setf(e, ERR_INVALID, "field", "Lĩnh vực %s chưa được khai báo trước đó",
                        "field %s is not defined by an earlier line", p.field);
    return store_procedure_put(s, &p, (int64_t)time(NULL), e);
}

/* read_steps reads a chain's steps: [{"procedure", "agency", "after": [index, ...]}], each
 * procedure defined by an earlier line. */
static int read_steps(Store *s, Arena *a, json_t *o, Chain *c, Err *e)
{
    static const char *const keys[] = {"procedure", "agency", "after", NULL};
    json_t *arr = json_object_get(o, "steps");
    if (!arr || !json_is_array(arr) || json_array_size(arr) < 1 ||
        json_array_size(arr) > CHAIN_STEPS_MAX)
        return err_set(e, ERR_INVALID, "steps", "Trường steps phải là danh sách từ 1 đến 16 bước",
                       "steps must be an array of 1 to 16 steps");
    c->n_steps = json_array_size(arr);
    c->steps = arena_array(a, c->n_steps, sizeof(ChainStep));
    size_t i;
    json_t *st;
    json_array_foreach(arr, i, st)
    {
        ChainStep *step = &c->steps[i];
        char n[24];
        snprintf(n, sizeof n, "%zu", i + 1);
        int rc;
        if (!json_is_object(st))
            return err_set(e, ERR_INVALID, "steps", "Mỗi bước phải là đối tượng",
                           "each step must be an object");
        if ((rc = jsonv_only(st, keys, e)) < 0 ||
            (rc = jsonv_str(a, st, "procedure", 1, 32, &step->procedure, e)) < 0 ||
            (rc = jsonv_enum(st, "agency", 1, chain_agencies, &step->agency, e)) < 0)
            return rc;
        json_t *after = json_object_get(st, "after"), *v;
        if (after && !json_is_array(after))
            return err_setf(e, ERR_INVALID, "after", "Bước %s: after phải là danh sách chỉ số",
                            "step %s: after must be an array of indexes", n);
        size_t j;
        json_array_foreach(after, j, v)
        {
            json_int_t k = json_is_integer(v) ? json_integer_value(v) : -1;
            if (k < 0 || (size_t)k >= i)
                return err_setf(e, ERR_INVALID, "after",
                                "Bước %s chỉ có thể chờ các bước đứng trước nó (chỉ số từ 0)",
                                "step %s may only wait for steps before it (indexes from 0)", n);
            step->after |= 1u << k;
        }
        Procedure p;
        if ((rc = store_procedure_get(s, a, step->procedure, &p, e)) == ERR_NOT_FOUND)
            return err_setf(e, ERR_INVALID, "procedure", "Thủ tục %s chưa được khai báo trước đó",
                            "procedure %s is not defined by an earlier line", step->procedure);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* read_chain reads an interconnected group (core/chain.h). */
static int read_chain(Store *s, Arena *a, json_t *o, Err *e)
{
    static const char *const keys[] = {"type",   "code",  "name",   "limit",
                                       "cutoff", "steps", "source", NULL};
    static const char *const limit_keys[] = {"days", NULL};
    Chain c = {0};
    const char *cutoff = NULL;
    int64_t days = 0;
    int rc;
    if ((rc = jsonv_only(o, keys, e)) < 0 ||
        (rc = jsonv_str(a, o, "code", 1, 32, &c.code, e)) < 0 ||
        (rc = check_code(c.code, dossier_code_procedure_valid, "code", e)) < 0 ||
        (rc = jsonv_str(a, o, "name", 1, NAME_MAX_BYTES * 2, &c.name, e)) < 0 ||
        (rc = jsonv_str(a, o, "cutoff", 0, 5, &cutoff, e)) < 0)
        return rc;
    json_t *limit = json_object_get(o, "limit");
    if (!limit || !json_is_object(limit) || jsonv_only(limit, limit_keys, NULL) < 0 ||
        jsonv_int(limit, "days", 1, 1, 365, &days, NULL) < 0)
        return err_set(e, ERR_INVALID, "limit",
                       "Trường limit phải là {\"days\": N}, N từ 1 đến 365 ngày làm việc",
                       "limit must be {\"days\": N}, N from 1 to 365 working days");
    c.limit_days = (int)days;
    c.cutoff = cutoff ? chain_cutoff_parse(cutoff) : -1;
    if (cutoff && c.cutoff < 0)
        return err_set(e, ERR_INVALID, "cutoff", "Giờ chốt tiếp nhận phải có dạng HH:MM",
                       "the cut-off must be HH:MM");
    if ((rc = read_steps(s, a, o, &c, e)) < 0 || (rc = chain_check(&c, e)) < 0)
        return rc;
    return store_chain_put(s, &c, (int64_t)time(NULL), e);
}

/* read_user reads an officer (never a password) and stores it through app/accounts. */
static int read_user(Store *s, Arena *a, json_t *o, Err *e)
{
    static const char *const keys[] = {"type",  "name",  "role",     "unit", "full_name",
                                       "title", "phone", "disabled", NULL};
    User u = {0};
    int rc;
    if ((rc = jsonv_only(o, keys, e)) < 0 ||
        (rc = jsonv_str(a, o, "name", 1, 64, &u.name, e)) < 0 ||
        (rc = jsonv_str(a, o, "role", 1, 32, &u.role, e)) < 0 ||
        (rc = jsonv_str(a, o, "unit", 1, 64, &u.unit, e)) < 0 ||
        (rc = jsonv_str(a, o, "full_name", 0, 200, &u.full_name, e)) < 0 ||
        (rc = jsonv_str(a, o, "title", 0, 200, &u.title, e)) < 0 ||
        (rc = jsonv_str(a, o, "phone", 0, 20, &u.phone, e)) < 0 ||
        (rc = jsonv_bool(o, "disabled", 0, &u.disabled, e)) < 0)
        return rc;
    return accounts_put_user(s, &u, (int64_t)time(NULL), e);
}

/* read_queue_group reads a counter group of the queue and stores it through app/queue. */
static int read_queue_group(Store *s, Arena *a, json_t *o, Err *e)
{
    static const char *const keys[] = {"type", "code", "prefix", "name", "unit", "field", NULL};
    QueueGroup g = {0};
    int rc;
    if ((rc = jsonv_only(o, keys, e)) < 0 ||
        (rc = jsonv_str(a, o, "code", 1, 32, &g.code, e)) < 0 ||
        (rc = jsonv_str(a, o, "prefix", 1, 8, &g.prefix, e)) < 0 ||
        (rc = jsonv_str(a, o, "name", 1, 200, &g.name, e)) < 0 ||
        (rc = jsonv_str(a, o, "unit", 1, 64, &g.unit, e)) < 0 ||
        (rc = jsonv_str(a, o, "field", 0, 16, &g.field, e)) < 0)
        return rc;
    return queue_group_save(s, a, &g, e);
}

/* read_queue_counter reads a counter of the queue and stores it through app/queue. */
static int read_queue_counter(Store *s, Arena *a, json_t *o, Err *e)
{
    static const char *const keys[] = {"type", "code", "name", "unit", "group", NULL};
    QueueCounter c = {0};
    const char *group;
    int rc;
    if ((rc = jsonv_only(o, keys, e)) < 0 ||
        (rc = jsonv_str(a, o, "code", 1, 32, &c.code, e)) < 0 ||
        (rc = jsonv_str(a, o, "name", 1, 200, &c.name, e)) < 0 ||
        (rc = jsonv_str(a, o, "unit", 0, 64, &c.unit, e)) < 0 ||
        (rc = jsonv_str(a, o, "group", 1, 32, &group, e)) < 0)
        return rc;
    return queue_counter_save(s, a, &c, group, e);
}

static int read_dossier(Store *s, Arena *a, json_t *o, ImportCounts *c, Err *e)
{
    DossierRecord r;
    size_t added = 0;
    int rc = dossier_json_record(a, o, &r, e);
    if (rc == 0)
        rc = dossiers_import(s, a, &r, (int64_t)time(NULL), &added, e);
    if (rc == 0) {
        c->dossiers++;
        c->events += (long)added;
    }
    return rc;
}

/* apply_object validates one record object and applies it; counts what it applied. */
static int apply_object(Store *s, ImportState *st, Arena *a, json_t *o, ImportCounts *c, Err *e)
{
    static const char *const types[] = {"unit",      "field",       "procedure",     "chain",
                                        "user",      "queue_group", "queue_counter", "dossier",
                                        "operation", NULL};
    int rc;
    const char *type = NULL;
    if (!json_is_object(o))
        rc = err_set(e, ERR_INVALID, "", "Mỗi dòng phải là một đối tượng JSON",
                     "each line must be a JSON object");
    else
        rc = jsonv_enum(o, "type", 1, types, &type, e);
    if (rc == 0) {
        if (strcmp(type, "unit") == 0 && (rc = read_unit(s, st, a, o, e)) == 0)
            c->units++;
        else if (strcmp(type, "field") == 0 && (rc = read_field(s, a, o, e)) == 0)
            c->fields++;
        else if (strcmp(type, "procedure") == 0 && (rc = read_procedure(s, a, o, e)) == 0)
            c->procedures++;
        else if (strcmp(type, "chain") == 0 && (rc = read_chain(s, a, o, e)) == 0)
            c->chains++;
        else if (strcmp(type, "user") == 0 && (rc = read_user(s, a, o, e)) == 0)
            c->users++;
        else if (strcmp(type, "queue_group") == 0 && (rc = read_queue_group(s, a, o, e)) == 0)
            c->queue_groups++;
        else if (strcmp(type, "queue_counter") == 0 && (rc = read_queue_counter(s, a, o, e)) == 0)
            c->queue_counters++;
        else if (strcmp(type, "dossier") == 0)
            rc = read_dossier(s, a, o, c, e);
        else if (strcmp(type, "operation") == 0)
            rc = read_operation(s, a, o, c, e);
    }
    return rc;
}

/* apply_line validates one parsed line and applies it; counts what it applied. */
static int apply_line(Store *s, ImportState *st, Arena *a, const char *line, size_t len,
                      ImportCounts *c, Err *e)
{
    json_t *o;
    int rc = jsonv_parse(line, len, &o, e);
    if (rc < 0)
        return rc;
    rc = apply_object(s, st, a, o, c, e);
    json_decref(o);
    return rc;
}

/* prefix_line rewrites e's messages as "dòng N: ..." / "line N: ...". */
static void prefix_line(Err *e, long line)
{
    if (!e)
        return;
    char vi[256], en[256];
    snprintf(vi, sizeof vi, "dòng %ld: %s", line, e->message);
    snprintf(en, sizeof en, "line %ld: %s", line, e->message_en);
    snprintf(e->message, sizeof e->message, "%s", vi);
    snprintf(e->message_en, sizeof e->message_en, "%s", en);
}

/* check_pending sets the parents that later lines defined, leaves empty (and counts) those
 * no line defines (a sub-tree synced without the units above it), and fails with the line of
 * the first successor no line defines. */
static int check_pending(Store *s, ImportState *st, ImportCounts *c, Err *e)
{
    PendingRef *first = NULL;
    Arena *a = arena_new();
    int rc = 0;
    for (PendingRef *r = st->pending; r && rc == 0; r = r->next) {
        Unit u;
        int found = store_unit_get(s, a, r->code, &u, e);
        if (found < 0 && found != ERR_NOT_FOUND) {
            rc = found;
        } else if (strcmp(r->field, "parent") == 0) {
            if (found == ERR_NOT_FOUND)
                c->parents_left_out++;
            else if ((rc = store_unit_get(s, a, r->unit, &u, e)) == 0 && !u.parent) {
                u.parent = r->code;
                rc = store_unit_put(s, &u, (int64_t)time(NULL), e);
            }
            if (rc < 0)
                prefix_line(e, r->line);
        } else if (found == ERR_NOT_FOUND && (!first || r->line < first->line)) {
            first = r;
        }
    }
    arena_free(a);
    if (rc < 0 || !first)
        return rc;
    char field[64];
    snprintf(field, sizeof field, "%s", first->field);
    err_setf(e, ERR_INVALID, field, "Không có đơn vị %s (không dòng nào khai báo)",
             "unit %s is not defined by any line", first->code);
    prefix_line(e, first->line);
    return ERR_INVALID;
}

int interchange_import_lines(Store *s, FILE *in, ImportProgress progress, void *ctx,
                             ImportCounts *out_counts, Err *e)
{
    ImportCounts c = {0};
    ImportState st = {.arena = arena_new()};
    char *line = NULL;
    size_t cap = 0;
    long bytes = 0;
    ssize_t n;
    int rc = 0;
    while ((n = getline(&line, &cap, in)) >= 0) {
        c.lines++;
        st.line = c.lines;
        bytes += n;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len > LINE_MAX_BYTES) {
            rc = err_set(e, ERR_INVALID, "", "Dòng quá dài", "line too long");
        } else if (len == 0) {
            continue; /* blank lines are allowed, e.g. a trailing newline */
        } else {
            Arena *a = arena_new();
            rc = apply_line(s, &st, a, line, len, &c, e);
            arena_free(a);
        }
        if (rc < 0) {
            prefix_line(e, c.lines);
            break;
        }
        if (progress && c.lines % 4096 == 0)
            progress(ctx, c.lines, bytes);
    }
    free(line);
    if (rc == 0 && ferror(in))
        rc = err_set(e, ERR_IO, "", "Lỗi đọc tệp nhập", "read error on input");
    if (rc == 0)
        rc = check_pending(s, &st, &c, e);
    arena_free(st.arena);
    if (rc == 0 && progress)
        progress(ctx, c.lines, bytes);
    if (rc == 0 && out_counts)
        *out_counts = c;
    return rc;
}

int interchange_apply_record(Store *s, Arena *a, json_t *o, Err *e)
{
    ImportCounts c = {0};
    ImportState st = {.arena = a};
    int rc = apply_object(s, &st, a, o, &c, e);
    for (PendingRef *r = st.pending; rc == 0 && r; r = r->next) {
        Unit u;
        rc = store_unit_get(s, a, r->code, &u, e);
        if (rc == ERR_NOT_FOUND)
            rc = err_setf(e, ERR_INVALID, r->field, "Không có đơn vị %s", "no unit %s", r->code);
    }
    return rc;
}

int interchange_import(Store *s, FILE *in, ImportProgress progress, void *ctx,
                       ImportCounts *out_counts, Err *e)
{
    int rc = store_begin(s, e);
    if (rc < 0)
        return rc;
    rc = interchange_import_lines(s, in, progress, ctx, out_counts, e);
    if (rc == 0)
        rc = store_commit(s, e);
    if (rc < 0)
        store_rollback(s);
    return rc;
}

/* ---- export ---- */

static int put_line(FILE *out, json_t *o, Err *e)
{
    int rc = json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc < 0 || fputc('\n', out) == EOF)
        return err_set(e, ERR_IO, "", "Không ghi được dữ liệu xuất", "write error on output");
    return 0;
}

static json_t *opt_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* start returns a new record object, with "type" first when with_type is set. */
static json_t *start(const char *type, int with_type)
{
    json_t *o = json_object();
    if (with_type)
        json_object_set_new(o, "type", json_string(type));
    return o;
}

json_t *interchange_unit_json(const Unit *u, int with_type)
{
    json_t *o = start("unit", with_type);
    json_object_set_new(o, "code", json_string(u->code));
    json_object_set_new(o, "name", json_string(u->name));
    json_object_set_new(o, "level", json_string(u->level));
    json_object_set_new(o, "parent", opt_str(u->parent));
    if (u->valid_from)
        json_object_set_new(o, "valid_from", json_string(u->valid_from));
    if (u->valid_to)
        json_object_set_new(o, "valid_to", json_string(u->valid_to));
    if (u->successor)
        json_object_set_new(o, "successor", json_string(u->successor));
    return o;
}

json_t *interchange_field_json(const Field *f, int with_type)
{
    json_t *o = start("field", with_type);
    json_object_set_new(o, "code", json_string(f->code));
    json_object_set_new(o, "name", json_string(f->name));
    return o;
}

json_t *interchange_procedure_json(const Procedure *p, int with_type)
{
    json_t *o = start("procedure", with_type);
    json_object_set_new(o, "code", json_string(p->code));
    json_object_set_new(o, "name", json_string(p->name));
    json_object_set_new(o, "field", json_string(p->field));
    json_object_set_new(o, "level", json_string(p->level));
    json_object_set_new(o, "processing", json_pack("{s:i}", p->limit_unit, p->limit_value));
    json_object_set_new(o, "online", json_string(p->online));
    json_object_set_new(o, "fee", json_integer(p->fee));
    json_object_set_new(o, "approval", json_boolean(p->approval));
    json_t *cs = json_array();
    for (size_t i = 0; i < p->n_components; i++)
        json_array_append_new(cs, json_pack("{s:s, s:b}", "name", p->components[i].name, "required",
                                            p->components[i].required));
    json_object_set_new(o, "components", cs);
    if (p->n_levels) {
        json_t *ls = json_array();
        for (size_t i = 0; i < p->n_levels; i++)
            json_array_append_new(ls, json_pack("{s:s, s:s}", "from", p->levels[i].from, "level",
                                                p->levels[i].level));
        json_object_set_new(o, "levels", ls);
    }
    return o;
}

json_t *interchange_chain_json(const Chain *c, int with_type)
{
    json_t *o = start("chain", with_type);
    json_object_set_new(o, "code", json_string(c->code));
    json_object_set_new(o, "name", json_string(c->name));
    json_object_set_new(o, "limit", json_pack("{s:i}", "days", c->limit_days));
    if (c->cutoff >= 0) {
        char cutoff[6];
        chain_cutoff_format(c->cutoff, cutoff);
        json_object_set_new(o, "cutoff", json_string(cutoff));
    }
    json_t *steps = json_array();
    for (size_t i = 0; i < c->n_steps; i++) {
        json_t *after = json_array();
        for (size_t k = 0; k < i; k++)
            if (c->steps[i].after & (1u << k))
                json_array_append_new(after, json_integer((json_int_t)k));
        json_array_append_new(steps,
                              json_pack("{s:s, s:s, s:o}", "procedure", c->steps[i].procedure,
                                        "agency", c->steps[i].agency, "after", after));
    }
    json_object_set_new(o, "steps", steps);
    return o;
}

static int export_catalogue(Store *s, FILE *out, Err *e)
{
    Arena *a = arena_new();
    Unit *units;
    Field *fields;
    Procedure *procs;
    Chain *chains;
    size_t nu, nf, np, nc;
    int rc = store_unit_list(s, a, &units, &nu, e);
    if (rc == 0)
        rc = store_field_list(s, a, &fields, &nf, e);
    if (rc == 0)
        rc = store_procedure_search(s, a, NULL, NULL, (size_t)-1 / 2, &procs, &np, e);
    /* units in dependency order: a parent before its children */
    for (size_t done = 0, pass = 0; rc == 0 && done < nu && pass <= nu; pass++) {
        for (size_t i = 0; rc == 0 && i < nu; i++) {
            if (!units[i].code)
                continue;
            int parent_pending = 0;
            for (size_t j = 0; units[i].parent && j < nu; j++)
                parent_pending |= units[j].code && strcmp(units[j].code, units[i].parent) == 0;
            if (parent_pending && pass < nu)
                continue;
            rc = put_line(out, interchange_unit_json(&units[i], 1), e);
            units[i].code = NULL;
            done++;
        }
    }
    for (size_t i = 0; rc == 0 && i < nf; i++)
        rc = put_line(out, interchange_field_json(&fields[i], 1), e);
    for (size_t i = 0; rc == 0 && i < np; i++)
        rc = put_line(out, interchange_procedure_json(&procs[i], 1), e);
    if (rc == 0)
        rc = store_chain_list(s, a, &chains, &nc, e);
    for (size_t i = 0; rc == 0 && i < nc; i++)
        rc = put_line(out, interchange_chain_json(&chains[i], 1), e);
    arena_free(a);
    return rc;
}

/* export_queue writes the counter groups and the counters of the queue of unit and below (NULL:
 * all), as import reads them. */
static int export_queue(Store *s, FILE *out, const char *unit, Err *e)
{
    Arena *a = arena_new();
    QueueGroup *gs;
    QueueCounter *cs;
    size_t ng, nc;
    int rc = store_queue_group_list(s, a, unit, &gs, &ng, e);
    for (size_t i = 0; rc == 0 && i < ng; i++) {
        json_t *o =
            json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "queue_group", "code", gs[i].code,
                      "prefix", gs[i].prefix, "name", gs[i].name, "unit", gs[i].unit);
        if (gs[i].field)
            json_object_set_new(o, "field", json_string(gs[i].field));
        rc = put_line(out, o, e);
    }
    if (rc == 0)
        rc = store_queue_counter_list(s, a, unit, &cs, &nc, e);
    for (size_t i = 0; rc == 0 && i < nc; i++) {
        QueueGroup g;
        if ((rc = store_queue_group_by_id(s, a, cs[i].group, &g, e)) == 0)
            rc = put_line(out,
                          json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "queue_counter", "code",
                                    cs[i].code, "name", cs[i].name, "unit", cs[i].unit, "group",
                                    g.code),
                          e);
    }
    arena_free(a);
    return rc;
}

/* export_operations writes the unit operations in the order they were entered: a planned one
 * as entered, one applied with "state": "done", when and by whom, and what it did (import
 * records it without running it again: its effect is in the unit and dossier lines). */
static int export_operations(Store *s, FILE *out, Err *e)
{
    Arena *a = arena_new();
    UnitOpRow *rows;
    size_t n;
    int rc = store_unit_op_list(s, a, NULL, &rows, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        json_t *o;
        if ((rc = jsonv_parse(rows[i].spec, strlen(rows[i].spec), &o, e)) < 0)
            break;
        if (strcmp(rows[i].state, "done") == 0) {
            char at[40];
            timefmt_format_instant(rows[i].applied_at, at, sizeof at);
            json_object_set_new(o, "state", json_string("done"));
            json_object_set_new(o, "applied_at", json_string(at));
            if (rows[i].summary)
                json_object_set_new(o, "summary", json_string(rows[i].summary));
        }
        if (rows[i].by)
            json_object_set_new(o, "by", json_string(rows[i].by));
        rc = put_line(out, o, e);
    }
    arena_free(a);
    return rc;
}

/* export_users writes the officers of unit and below (NULL: all), without their passwords. */
static int export_users(Store *s, FILE *out, const char *unit, Err *e)
{
    Arena *a = arena_new();
    User *users;
    size_t n;
    int rc = store_user_list(s, a, unit, &users, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const User *u = &users[i];
        json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "type", "user", "name", u->name, "role",
                              u->role, "unit", u->unit);
        if (u->full_name)
            json_object_set_new(o, "full_name", json_string(u->full_name));
        if (u->title)
            json_object_set_new(o, "title", json_string(u->title));
        if (u->phone)
            json_object_set_new(o, "phone", json_string(u->phone));
        json_object_set_new(o, "disabled", json_boolean(u->disabled));
        rc = put_line(out, o, e);
    }
    arena_free(a);
    return rc;
}

/* export_group adds to o what links d to its group, as the API shows it: a parent's chain and
 * children, a step's parent (by code), index and agency. A parent's row comes before its
 * children's (it is filed first), so an import meets it first. */
static int export_group(Store *s, Arena *a, json_t *o, const Dossier *d, int64_t now, Err *e)
{
    Dossier *kids = NULL, parent = {0};
    size_t n = 0;
    int rc = d->chain    ? chains_children(s, a, d->id, &kids, &n, e)
             : d->parent ? dossiers_get_id(s, a, d->parent, &parent, e)
                         : 0;
    if (rc == 0)
        dossier_json_group(o, d, kids, n, d->parent ? parent.code : NULL, now);
    return rc;
}

/* export_dossiers writes the dossiers changed after since, a batch of ids at a time. */
static int export_dossiers(Store *s, FILE *out, int64_t since, const char *unit, Err *e)
{
    int64_t after = 0, now = (int64_t)time(NULL);
    for (;;) {
        Arena *a = arena_new();
        int64_t *ids;
        size_t n;
        int rc = store_dossier_changed(s, a, since, unit, after, 512, &ids, &n, e);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            Dossier d;
            Event *evs;
            size_t ne;
            rc = dossiers_get_id(s, a, ids[i], &d, e);
            if (rc == 0)
                rc = dossiers_events(s, a, d.id, &evs, &ne, e);
            if (rc == 0) {
                json_t *o = json_pack("{s:s}", "type", "dossier");
                json_t *body = dossier_json_render(&d, evs, ne, now);
                json_object_update(o, body);
                json_decref(body);
                if ((rc = export_group(s, a, o, &d, now, e)) == 0)
                    rc = put_line(out, o, e);
                else
                    json_decref(o);
            }
            after = ids[i];
        }
        arena_free(a);
        if (rc < 0 || n < 512)
            return rc;
    }
}

int interchange_export(Store *s, FILE *out, int64_t since, const char *unit, int64_t *out_cursor,
                       Err *e)
{
    int rc = store_read_begin(s, e);
    if (rc < 0)
        return rc;
    rc = store_feed_max(s, out_cursor, e);
    if (rc == 0)
        rc = export_catalogue(s, out, e);
    if (rc == 0)
        rc = export_users(s, out, unit, e);
    if (rc == 0)
        rc = export_queue(s, out, unit, e);
    if (rc == 0)
        rc = export_dossiers(s, out, since, unit, e);
    if (rc == 0)
        rc = export_operations(s, out, e);
    store_read_end(s);
    return rc;
}
