/* unitops.c: planning and applying unit operations (see unitops.h). A plan is built against a
 * snapshot of the units, users and tokens, so that showing it changes nothing; applying it
 * writes exactly the rows it lists. */
#include "app/unitops.h"

#include "app/accounts.h"
#include "app/history.h"
#include "app/jsonv.h"
#include "core/dossier_code.h"
#include "core/vntext.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* bounds of an operation record: a code, a name, the units it names (the messages say 64), the
 * dossiers a hand list assigns */
enum { CODE_MAX = 64, NAME_MAX = 500, MAX_UNITS = 64, MAX_ASSIGN = 1000000 };

/* ---- the `operation` record ---- */

/* read_codes reads the array of unit codes at key (absent: none). */
static int read_codes(Arena *a, json_t *o, const char *key, const char ***out, size_t *out_n,
                      Err *e)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    *out_n = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v) || json_array_size(v) > MAX_UNITS)
        return err_setf(e, ERR_INVALID, key, "%s phải là danh sách mã đơn vị (tối đa 64)",
                        "%s must be a list of unit codes (at most 64)", key);
    size_t n = json_array_size(v);
    const char **codes = arena_array(a, n ? n : 1, sizeof *codes);
    for (size_t i = 0; i < n; i++) {
        const char *c = json_string_value(json_array_get(v, i));
        if (!c || !dossier_code_unit_valid(c))
            return err_setf(e, ERR_INVALID, key, "%s: mã đơn vị không hợp lệ",
                            "%s: not a unit code", key);
        codes[i] = arena_strdup(a, c);
    }
    *out = codes;
    *out_n = n;
    return 0;
}

/* read_assign reads the hand assignments [{"dossier", "unit", "line"}] ("line": where the
 * entry stands in the list it came from, for messages; default its place here). */
static int read_assign(Arena *a, json_t *o, UnitOpSpec *sp, Err *e)
{
    json_t *v = json_object_get(o, "assign");
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v) || json_array_size(v) > MAX_ASSIGN)
        return err_set(e, ERR_INVALID, "assign", "assign phải là danh sách {dossier, unit}",
                       "assign must be a list of {dossier, unit}");
    size_t n = json_array_size(v);
    sp->assign = arena_array(a, n ? n : 1, sizeof *sp->assign);
    for (size_t i = 0; i < n; i++) {
        static const char *const keys[] = {"dossier", "unit", "line", NULL};
        json_t *x = json_array_get(v, i);
        UnitOpAssign *as = &sp->assign[i];
        int rc;
        if (!json_is_object(x))
            return err_set(e, ERR_INVALID, "assign", "assign phải là danh sách {dossier, unit}",
                           "assign must be a list of {dossier, unit}");
        if ((rc = jsonv_only(x, keys, e)) < 0 ||
            (rc = jsonv_str(a, x, "dossier", 1, CODE_MAX, &as->code, e)) < 0 ||
            (rc = jsonv_str(a, x, "unit", 1, CODE_MAX, &as->unit, e)) < 0)
            return rc;
        int64_t line = (int64_t)i + 1; /* the entry's place, unless its list says its line */
        if ((rc = jsonv_int(x, "line", 0, 1, INT32_MAX, &line, e)) < 0)
            return rc;
        as->line = (long)line;
    }
    sp->n_assign = n;
    return 0;
}

int unitops_read(Arena *a, json_t *o, UnitOpSpec *out, Err *e)
{
    static const char *const keys[] = {"type",      "kind", "from",   "into",  "name", "level",
                                       "effective", "rule", "assign", "users", NULL};
    static const char *const kinds[] = {"merge", "split", "rename", "move", "abolish", NULL};
    static const char *const rules[] = {"commune", "procedure", "hand", NULL};
    static const char *const levels[] = {"province", "district", "commune", "department", NULL};
    static const char *const users[] = {"move", "disable", NULL};
    UnitOpSpec sp = {0};
    const char *kind, *rule = NULL, *who = NULL;
    int32_t day;
    int rc;
    if ((rc = jsonv_only(o, keys, e)) < 0 || (rc = jsonv_enum(o, "kind", 1, kinds, &kind, e)) < 0 ||
        (rc = read_codes(a, o, "from", &sp.from, &sp.n_from, e)) < 0 ||
        (rc = read_codes(a, o, "into", &sp.into, &sp.n_into, e)) < 0 ||
        (rc = jsonv_str(a, o, "name", 0, NAME_MAX, &sp.name, e)) < 0 ||
        (rc = jsonv_enum(o, "level", 0, levels, &sp.level, e)) < 0 ||
        (rc = jsonv_str(a, o, "effective", 1, 10, &sp.effective, e)) < 0 ||
        (rc = jsonv_enum(o, "rule", 0, rules, &rule, e)) < 0 ||
        (rc = jsonv_enum(o, "users", 0, users, &who, e)) < 0 ||
        (rc = read_assign(a, o, &sp, e)) < 0)
        return rc;
    if (timefmt_parse_date(sp.effective, strlen(sp.effective), e, &day) < 0)
        return err_set(e, ERR_INVALID, "effective", "Ngày hiệu lực phải có dạng YYYY-MM-DD",
                       "effective must be a date YYYY-MM-DD");
    sp.kind = (UnitOpKind)unitop_kind_parse(kind);
    sp.rule = rule ? (UnitOpRule)unitop_rule_parse(rule) : UNITOP_BY_COMMUNE;
    sp.level = arena_strdup(a, sp.level);
    sp.disable_users = who && strcmp(who, "disable") == 0;
    bool shape;
    switch (sp.kind) {
    case UNITOP_MERGE: shape = sp.n_from >= 1 && sp.n_into == 1; break;
    case UNITOP_SPLIT: shape = sp.n_from == 1 && sp.n_into >= 2; break;
    case UNITOP_RENAME: shape = sp.n_from == 1 && sp.n_into <= 1 && sp.name; break;
    case UNITOP_MOVE: shape = sp.n_from == 1 && sp.n_into == 1; break;
    default: shape = sp.n_from == 0 && sp.n_into == 0 && sp.level; break;
    }
    if (!shape)
        return err_setf(e, ERR_INVALID, "kind",
                        "Thao tác %s cần: merge from A B into C; split from A into B C; rename "
                        "from A [into MÃ MỚI] name; move from A into ĐƠN VỊ CHA; abolish level",
                        "%s needs: merge from A B into C; split from A into B C; rename from A "
                        "[into NEWCODE] name; move from A into PARENT; abolish level",
                        kind);
    if (sp.n_assign && !(sp.kind == UNITOP_SPLIT && sp.rule == UNITOP_BY_HAND))
        return err_set(e, ERR_INVALID, "assign", "assign chỉ dùng khi tách theo danh sách (hand)",
                       "assign belongs to a split by hand");
    *out = sp;
    return 0;
}

/* trim strips ASCII white space at both ends of s in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

int unitops_list(const char *text, json_t *assign, Err *e)
{
    long n = 0;
    for (const char *p = text; p && *p; n++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[512];
        if (len >= sizeof line)
            len = sizeof line - 1; /* too long for a code pair: fails below */
        memcpy(line, p, len);
        line[len] = '\0';
        p = nl ? nl + 1 : NULL;
        char *code = trim(line), *sep = strpbrk(code, " \t,");
        if (!*code || *code == '#')
            continue;
        char *unit = sep ? trim(sep + 1) : NULL;
        if (sep)
            *sep = '\0';
        char issuer[UNIT_CODE_LEN + 1];
        int y, m, d;
        long long seq;
        if (!unit || !dossier_code_unit_valid(unit) ||
            dossier_code_parse(code, issuer, &y, &m, &d, &seq) < 0) {
            char where[24];
            snprintf(where, sizeof where, "%ld", n + 1);
            return err_setf(e, ERR_INVALID, "assign", "dòng %s: cần \"MÃ-HỒ-SƠ MÃ-ĐƠN-VỊ\"",
                            "line %s: want \"DOSSIER-CODE UNIT-CODE\"", where);
        }
        json_array_append_new(assign, json_pack("{s:s, s:s, s:I}", "dossier", code, "unit", unit,
                                                "line", (json_int_t)(n + 1)));
    }
    return 0;
}

/* codes_json is codes as a JSON array. */
static json_t *codes_json(const char *const *codes, size_t n)
{
    json_t *v = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(v, json_string(codes[i]));
    return v;
}

json_t *unitops_json(const UnitOpSpec *sp)
{
    json_t *o = json_pack("{s:s, s:s}", "type", "operation", "kind", unitop_kind_name(sp->kind));
    if (sp->n_from)
        json_object_set_new(o, "from", codes_json(sp->from, sp->n_from));
    if (sp->n_into)
        json_object_set_new(o, "into", codes_json(sp->into, sp->n_into));
    if (sp->name)
        json_object_set_new(o, "name", json_string(sp->name));
    if (sp->level)
        json_object_set_new(o, "level", json_string(sp->level));
    json_object_set_new(o, "effective", json_string(sp->effective));
    if (sp->kind == UNITOP_SPLIT)
        json_object_set_new(o, "rule", json_string(unitop_rule_name(sp->rule)));
    if (sp->n_assign) {
        json_t *as = json_array();
        for (size_t i = 0; i < sp->n_assign; i++)
            json_array_append_new(as, json_pack("{s:s, s:s}", "dossier", sp->assign[i].code, "unit",
                                                sp->assign[i].unit));
        json_object_set_new(o, "assign", as);
    }
    json_object_set_new(o, "users", json_string(sp->disable_users ? "disable" : "move"));
    return o;
}

/* ---- the plan ---- */

/* What a plan is built from, and the lists it grows. */
typedef struct Builder {
    Store *s;
    Arena *a;
    Err *e;
    const UnitOpSpec *sp;
    const char *day_before; /* the dissolved units' valid_to */
    Unit *units;            /* every unit, by code */
    size_t n_units;
    User *users;
    size_t n_users;
    ApiToken *tokens;
    size_t n_tokens;
    UnitPlan *p;
    size_t cap_units, cap_dossiers, cap_accounts;
} Builder;

/* grow makes room for one more element in *v (n used, *cap allocated). */
static void grow(Arena *a, void **v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return;
    size_t bigger = *cap ? *cap * 2 : 16;
    void *w = arena_array(a, bigger, size);
    if (n)
        memcpy(w, *v, n * size);
    *v = w;
    *cap = bigger;
}

static int by_code(const void *x, const void *y)
{
    return strcmp(((const Unit *)x)->code, ((const Unit *)y)->code);
}

/* find returns the unit called code, as it stands before the operation, or NULL. */
static const Unit *find(const Builder *b, const char *code)
{
    Unit key = {.code = code};
    return code ? bsearch(&key, b->units, b->n_units, sizeof *b->units, by_code) : NULL;
}

/* live: u has not been dissolved (no successor, no end of validity before the operation). */
static bool live(const Builder *b, const Unit *u)
{
    return u && !u->successor && (!u->valid_to || strcmp(u->valid_to, b->sp->effective) >= 0);
}

/* need_live finds the live unit code (ERR_NOT_FOUND or ERR_SEMANTIC naming field). */
static int need_live(Builder *b, const char *code, const char *field, const Unit **out)
{
    const Unit *u = find(b, code);
    if (!u)
        return err_setf(b->e, ERR_NOT_FOUND, field, "Không có đơn vị %s", "no unit %s", code);
    if (!live(b, u))
        return err_setf(b->e, ERR_SEMANTIC, field, "Đơn vị đã giải thể (đơn vị → kế thừa): %s",
                        "unit dissolved (unit → successor): %s",
                        arena_printf(b->a, "%s → %s", code, u->successor ? u->successor : "-"));
    *out = u;
    return 0;
}

/* change returns the plan's change of unit code, adding it (unchanged) when absent; a new unit
 * (not in the store) starts empty. */
static UnitChange *change(Builder *b, const char *code)
{
    UnitPlan *p = b->p;
    for (size_t i = 0; i < p->n_units; i++)
        if (strcmp(p->units[i].after.code, code) == 0)
            return &p->units[i];
    grow(b->a, (void **)&p->units, p->n_units, &b->cap_units, sizeof *p->units);
    UnitChange *c = &p->units[p->n_units++];
    const Unit *u = find(b, code);
    if (u)
        c->before = *u;
    c->after = u ? *u : (Unit){.code = code};
    return c;
}

/* heir_of follows code's successors, as they stand before the operation, to the unit at the
 * end of the chain. */
static const char *heir_of(const Builder *b, const char *code)
{
    for (int depth = 0; depth < 32; depth++) {
        const Unit *u = find(b, code);
        if (!u || live(b, u) || !u->successor)
            return code;
        code = u->successor;
    }
    return code;
}

/* handed_over: the states a dossier follows its unit in (the action table's). */
static bool handed_over(State st)
{
    State next;
    return lifecycle_next(st, ACTION_HANDOVER, &next) == 0;
}

/* Where each open dossier of a split goes. */
typedef struct Placer {
    const char **keys; /* place keys of the units that end in a target */
    int *key_target;
    size_t n_keys;
    const char **levels; /* the targets' levels */
    struct {
        const char *code, *level;
    } procs[64];
    size_t n_procs;
    UnitOpAssign *hand; /* by dossier code */
} Placer;

static int by_dossier(const void *x, const void *y)
{
    return strcmp(((const UnitOpAssign *)x)->code, ((const UnitOpAssign *)y)->code);
}

/* target_index is the index of code among the split's targets, or -1. */
static int target_index(const UnitOpSpec *sp, const char *code)
{
    for (size_t i = 0; code && i < sp->n_into; i++)
        if (strcmp(sp->into[i], code) == 0)
            return (int)i;
    return -1;
}

static int placer_init(Builder *b, Placer *pl)
{
    const UnitOpSpec *sp = b->sp;
    memset(pl, 0, sizeof *pl);
    if (sp->rule == UNITOP_BY_COMMUNE) {
        /* every unit whose chain of successors ends in a target is a place of that target:
         * the target itself and the communes merged into it before (the unit split, still
         * live until this operation, is a place of none) */
        pl->keys = arena_array(b->a, b->n_units + 1, sizeof *pl->keys);
        pl->key_target = arena_array(b->a, b->n_units + 1, sizeof *pl->key_target);
        for (size_t i = 0; i < b->n_units; i++) {
            int t = target_index(sp, heir_of(b, b->units[i].code));
            const char *key = t >= 0 ? unitop_place_key(b->a, b->units[i].name) : NULL;
            if (key) {
                pl->keys[pl->n_keys] = key;
                pl->key_target[pl->n_keys++] = t;
            }
        }
    } else if (sp->rule == UNITOP_BY_PROCEDURE) {
        pl->levels = arena_array(b->a, sp->n_into, sizeof *pl->levels);
        for (size_t i = 0; i < sp->n_into; i++)
            pl->levels[i] = find(b, sp->into[i])->level;
    } else {
        pl->hand = arena_array(b->a, sp->n_assign ? sp->n_assign : 1, sizeof *pl->hand);
        memcpy(pl->hand, sp->assign, sp->n_assign * sizeof *pl->hand);
        qsort(pl->hand, sp->n_assign, sizeof *pl->hand, by_dossier);
        for (size_t i = 0; i < sp->n_assign; i++) {
            if (target_index(sp, pl->hand[i].unit) < 0)
                return err_setf(b->e, ERR_INVALID, "assign",
                                "dòng %s không phải đơn vị được tách ra",
                                "line %s is not one of the split's targets",
                                arena_printf(b->a, "%ld: %s", pl->hand[i].line, pl->hand[i].unit));
            if (i && strcmp(pl->hand[i].code, pl->hand[i - 1].code) == 0)
                return err_setf(b->e, ERR_INVALID, "assign", "dòng %s: hồ sơ được giao hai lần",
                                "line %s: dossier assigned twice",
                                arena_printf(b->a, "%ld: %s", pl->hand[i].line, pl->hand[i].code));
        }
    }
    return 0;
}

/* procedure_level finds the level that handled a procedure on the operation's day (the
 * catalogue's assignment by date; a few procedures, each looked up once). */
static int procedure_level(Builder *b, Placer *pl, const char *code, const char **out)
{
    for (size_t i = 0; i < pl->n_procs; i++)
        if (strcmp(pl->procs[i].code, code) == 0)
            return *out = pl->procs[i].level, 0;
    const char *level;
    int rc = store_procedure_level_at(b->s, b->a, code, b->sp->effective, &level, b->e);
    if (rc < 0)
        return rc;
    if (pl->n_procs < sizeof pl->procs / sizeof pl->procs[0])
        pl->procs[pl->n_procs].code = code, pl->procs[pl->n_procs++].level = level;
    *out = level;
    return 0;
}

/* place writes the index of the target dossier d goes to (-1: no rule placed it). */
static int place(Builder *b, Placer *pl, const Dossier *d, int *out)
{
    const UnitOpSpec *sp = b->sp;
    if (sp->rule == UNITOP_BY_COMMUNE) {
        const char *addr = d->applicant.address;
        const char *folded = addr ? vntext_fold(b->a, addr, strlen(addr)) : NULL;
        int k = unitop_match_place(folded, pl->keys, pl->n_keys);
        *out = k >= 0 ? pl->key_target[k] : -1;
        return 0;
    }
    if (sp->rule == UNITOP_BY_PROCEDURE) {
        const char *level;
        int rc = procedure_level(b, pl, d->procedure, &level);
        if (rc < 0)
            return rc;
        *out = unitop_match_level(level, pl->levels, sp->n_into);
        return 0;
    }
    UnitOpAssign key = {.code = d->code};
    const UnitOpAssign *as = bsearch(&key, pl->hand, sp->n_assign, sizeof *pl->hand, by_dossier);
    if (!as)
        return err_setf(b->e, ERR_INVALID, "assign",
                        "Hồ sơ %s đang mở nhưng không có trong danh sách",
                        "open dossier %s is missing from the list", d->code);
    *out = target_index(sp, as->unit);
    return 0;
}

/* hand_over lists the open dossiers now at unit code, going to heir (a split: by its rule). */
static int hand_over(Builder *b, const char *code, const char *heir)
{
    UnitPlan *p = b->p;
    Placer pl;
    int rc;
    if (b->sp->kind == UNITOP_SPLIT && (rc = placer_init(b, &pl)) < 0)
        return rc;
    size_t listed = 0;
    for (int st = 1; st < STATE_COUNT; st++) {
        if (!handed_over((State)st))
            continue;
        Dossier *ds;
        size_t n;
        if ((rc = dossiers_at(b->s, b->a, code, (State)st, &ds, &n, b->e)) < 0)
            return rc;
        for (size_t i = 0; i < n; i++) {
            grow(b->a, (void **)&p->dossiers, p->n_dossiers, &b->cap_dossiers, sizeof *p->dossiers);
            Handover *h = &p->dossiers[p->n_dossiers++];
            h->d = ds[i];
            h->to = heir;
            if (b->sp->kind == UNITOP_SPLIT) {
                int t;
                if ((rc = place(b, &pl, &ds[i], &t)) < 0)
                    return rc;
                h->by_default = t < 0;
                h->to = b->sp->into[t < 0 ? 0 : t];
            }
            p->by_state[st]++;
            p->n_default += h->by_default;
            listed++;
        }
    }
    if (b->sp->kind == UNITOP_SPLIT && b->sp->rule == UNITOP_BY_HAND && b->sp->n_assign > listed)
        return err_setf(b->e, ERR_INVALID, "assign",
                        "Danh sách có hồ sơ không đang mở tại đơn vị bị tách (trong danh sách / "
                        "đang mở): %s",
                        "the list names dossiers not open at the unit split (listed / open): %s",
                        arena_printf(b->a, "%zu / %zu", b->sp->n_assign, listed));
    return 0;
}

/* accounts lists the users and live tokens of unit code: moved to heir, or disabled. */
static void accounts(Builder *b, const char *code, const char *heir)
{
    UnitPlan *p = b->p;
    const char *to = b->sp->disable_users ? NULL : heir;
    for (size_t i = 0; i < b->n_users; i++) {
        if (strcmp(b->users[i].unit, code) != 0 || (b->users[i].disabled && !to))
            continue;
        grow(b->a, (void **)&p->accounts, p->n_accounts, &b->cap_accounts, sizeof *p->accounts);
        p->accounts[p->n_accounts++] = (AccountChange){b->users[i].name, code, to, 0};
    }
    for (size_t i = 0; i < b->n_tokens; i++) {
        if (strcmp(b->tokens[i].unit, code) != 0 || b->tokens[i].revoked_at)
            continue;
        grow(b->a, (void **)&p->accounts, p->n_accounts, &b->cap_accounts, sizeof *p->accounts);
        p->accounts[p->n_accounts++] =
            (AccountChange){b->tokens[i].name, code, to, b->tokens[i].id};
    }
}

/* dissolve ends unit code the day before the operation with successor heir; the live units
 * below it move to children_to; its open dossiers, users and tokens go to heir. */
static int dissolve(Builder *b, const char *code, const char *heir, const char *children_to)
{
    UnitChange *c = change(b, code);
    c->after.valid_to = b->day_before;
    c->after.successor = heir;
    for (size_t i = 0; i < b->n_units; i++)
        if (b->units[i].parent && strcmp(b->units[i].parent, code) == 0 && live(b, &b->units[i]))
            change(b, b->units[i].code)->after.parent = children_to;
    accounts(b, code, heir);
    return hand_over(b, code, heir);
}

static int plan_merge(Builder *b)
{
    const UnitOpSpec *sp = b->sp;
    const char *into = sp->into[0];
    const Unit *first, *u, *target = find(b, into);
    int rc;
    if ((rc = need_live(b, sp->from[0], "from", &first)) < 0)
        return rc;
    if (target && (rc = need_live(b, into, "into", &target)) < 0)
        return rc;
    if (!target) {
        if (!sp->name)
            return err_setf(b->e, ERR_INVALID, "name", "Đơn vị mới %s cần tên (--name)",
                            "the new unit %s needs a name (--name)", into);
        UnitChange *c = change(b, into);
        c->after = (Unit){.code = into,
                          .name = sp->name,
                          .level = first->level,
                          .parent = first->parent,
                          .valid_from = sp->effective};
    } else if (sp->name) {
        change(b, into)->after.name = sp->name;
    }
    for (size_t i = 0; i < sp->n_from; i++) {
        if ((rc = need_live(b, sp->from[i], "from", &u)) < 0)
            return rc;
        if (strcmp(u->level, first->level) != 0)
            return err_set(b->e, ERR_SEMANTIC, "from", "Chỉ hợp nhất các đơn vị cùng cấp",
                           "only units of one level merge");
        if (strcmp(sp->from[i], into) != 0 && (rc = dissolve(b, sp->from[i], into, into)) < 0)
            return rc;
    }
    return 0;
}

static int plan_split(Builder *b)
{
    const UnitOpSpec *sp = b->sp;
    const Unit *from, *t;
    int rc;
    if ((rc = need_live(b, sp->from[0], "from", &from)) < 0)
        return rc;
    for (size_t i = 0; i < sp->n_into; i++) {
        if ((rc = need_live(b, sp->into[i], "into", &t)) < 0)
            return rc;
        if (strcmp(sp->into[i], sp->from[0]) == 0 || target_index(sp, sp->into[i]) != (int)i)
            return err_set(b->e, ERR_SEMANTIC, "into",
                           "Các đơn vị được tách ra phải khác nhau và khác đơn vị bị tách",
                           "the targets must differ from each other and from the unit split");
    }
    return dissolve(b, sp->from[0], sp->into[0], from->parent);
}

static int plan_rename(Builder *b)
{
    const UnitOpSpec *sp = b->sp;
    const Unit *u;
    int rc;
    if ((rc = need_live(b, sp->from[0], "from", &u)) < 0)
        return rc;
    if (!sp->n_into || strcmp(sp->into[0], u->code) == 0) {
        change(b, u->code)->after.name = sp->name;
        return 0;
    }
    if (find(b, sp->into[0]))
        return err_setf(b->e, ERR_CONFLICT, "into", "Mã %s đã có", "code %s exists already",
                        sp->into[0]);
    change(b, sp->into[0])->after = (Unit){.code = sp->into[0],
                                           .name = sp->name,
                                           .level = u->level,
                                           .parent = u->parent,
                                           .valid_from = sp->effective};
    return dissolve(b, u->code, sp->into[0], sp->into[0]);
}

static int plan_move(Builder *b)
{
    const UnitOpSpec *sp = b->sp;
    const Unit *u, *parent;
    int rc;
    if ((rc = need_live(b, sp->from[0], "from", &u)) < 0 ||
        (rc = need_live(b, sp->into[0], "into", &parent)) < 0)
        return rc;
    int below;
    if ((rc = store_unit_within(b->s, parent->code, u->code, &below, b->e)) < 0)
        return rc;
    if (below)
        return err_set(b->e, ERR_SEMANTIC, "into",
                       "Đơn vị cha mới không được là chính nó hoặc đơn vị trực thuộc nó",
                       "the new parent must not be the unit itself or below it");
    change(b, u->code)->after.parent = parent->code;
    return 0;
}

static int plan_abolish(Builder *b)
{
    size_t n = 0;
    int rc;
    for (size_t i = 0; i < b->n_units; i++) {
        const Unit *u = &b->units[i];
        if (strcmp(u->level, b->sp->level) != 0 || !live(b, u))
            continue;
        if (!u->parent)
            return err_setf(b->e, ERR_SEMANTIC, "level",
                            "Đơn vị %s không có đơn vị cha để tiếp nhận",
                            "unit %s has no parent to take over", u->code);
        if ((rc = dissolve(b, u->code, u->parent, u->parent)) < 0)
            return rc;
        n++;
    }
    if (!n)
        return err_setf(b->e, ERR_SEMANTIC, "level", "Không còn đơn vị cấp %s",
                        "no live unit of level %s", b->sp->level);
    return 0;
}

int unitops_plan(Store *s, Arena *a, const UnitOpSpec *spec, int64_t now, UnitPlan *out, Err *e)
{
    int32_t day;
    if (timefmt_parse_date(spec->effective, strlen(spec->effective), e, &day) < 0)
        return err_set(e, ERR_INVALID, "effective", "Ngày hiệu lực phải có dạng YYYY-MM-DD",
                       "effective must be a date YYYY-MM-DD");
    char before[16];
    timefmt_format_date(day - 1, before, sizeof before);
    UnitPlan p = {.spec = *spec, .planned = day > timefmt_local_day(now)};
    Builder b = {
        .s = s, .a = a, .e = e, .sp = spec, .day_before = arena_strdup(a, before), .p = &p};
    int rc;
    if ((rc = store_unit_list(s, a, &b.units, &b.n_units, e)) < 0 ||
        (rc = store_user_list(s, a, NULL, &b.users, &b.n_users, e)) < 0 ||
        (rc = store_token_list(s, a, NULL, &b.tokens, &b.n_tokens, e)) < 0)
        return rc;
    qsort(b.units, b.n_units, sizeof *b.units, by_code);
    switch (spec->kind) {
    case UNITOP_MERGE: rc = plan_merge(&b); break;
    case UNITOP_SPLIT: rc = plan_split(&b); break;
    case UNITOP_RENAME: rc = plan_rename(&b); break;
    case UNITOP_MOVE: rc = plan_move(&b); break;
    default: rc = plan_abolish(&b); break;
    }
    if (rc < 0)
        return rc;
    if (p.planned) { /* checked now, listed and applied on its day */
        p.n_units = p.n_dossiers = p.n_accounts = p.n_default = 0;
        memset(p.by_state, 0, sizeof p.by_state);
    }
    *out = p;
    return 0;
}

/* ---- applying ---- */

/* apply writes plan p as operation id: the units, a handover event on each dossier, the
 * accounts. */
static int apply(Store *s, Arena *a, const UnitPlan *p, int64_t id, const char *who, int64_t now,
                 Err *e)
{
    int rc;
    for (size_t i = 0; i < p->n_units; i++)
        if ((rc = store_unit_put(s, &p->units[i].after, now, e)) < 0)
            return rc;
    const char *op = arena_printf(a, "%lld", (long long)id);
    for (size_t i = 0; i < p->n_dossiers; i++) {
        Dossier d = p->dossiers[i].d;
        Event ev = {.action = ACTION_HANDOVER,
                    .at = now > d.p.last_at ? now : d.p.last_at,
                    .by = who,
                    .from = d.p.current_unit,
                    .to = p->dossiers[i].to,
                    .operation = op};
        if ((rc = history_append(s, a, &d, &ev, now, NULL, APPEND_LIVE, e)) < 0)
            return history_error_in(e, arena_printf(a, "hồ sơ %s", d.code),
                                    arena_printf(a, "dossier %s", d.code), rc);
    }
    for (size_t i = 0; i < p->n_accounts; i++) {
        const AccountChange *ac = &p->accounts[i];
        if (ac->token)
            rc = ac->to ? store_token_set_unit(s, ac->token, ac->to, e)
                        : store_token_revoke(s, ac->token, now, e);
        else if (!ac->to)
            rc = accounts_set_disabled(s, ac->name, true, e);
        else {
            User u;
            if ((rc = store_user_get(s, a, ac->name, &u, e)) == 0)
                rc = store_user_set_role(s, ac->name, u.role, ac->to, e);
        }
        if (rc < 0)
            return rc;
    }
    return 0;
}

const char *unitops_summary(Arena *a, const UnitPlan *p)
{
    size_t moved = 0;
    for (size_t i = 0; i < p->n_accounts; i++)
        moved += p->accounts[i].to != NULL;
    return arena_printf(a,
                        "%s %s: %zu units, %zu dossiers handed over (%zu by default), %zu "
                        "accounts moved, %zu disabled",
                        unitop_kind_name(p->spec.kind), p->spec.effective, p->n_units,
                        p->n_dossiers, p->n_default, moved, p->n_accounts - moved);
}

int unitops_run(Store *s, Arena *a, const UnitOpSpec *spec, const char *who, int64_t now,
                UnitPlan *out_plan, int64_t *out_id, Err *e)
{
    UnitPlan p;
    int rc = unitops_plan(s, a, spec, now, &p, e);
    if (rc < 0)
        return rc;
    json_t *o = unitops_json(spec);
    char *text = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    UnitOpRow row = {.kind = unitop_kind_name(spec->kind),
                     .effective = spec->effective,
                     .spec = arena_strdup(a, text),
                     .state = "planned",
                     .by = who,
                     .created_at = now};
    free(text);
    if ((rc = store_unit_op_add(s, &row, e)) < 0)
        return rc;
    if (!p.planned && ((rc = apply(s, a, &p, row.id, who, now, e)) < 0 ||
                       (rc = store_unit_op_done(s, row.id, now, unitops_summary(a, &p), e)) < 0))
        return rc;
    if (out_plan)
        *out_plan = p;
    if (out_id)
        *out_id = row.id;
    return 0;
}

/* due_rows lists the planned operations whose day has come by now. */
static int due_rows(Store *s, Arena *a, int64_t now, UnitOpRow **out, size_t *out_n, Err *e)
{
    char today[16];
    timefmt_format_date(timefmt_local_day(now), today, sizeof today);
    return store_unit_op_list(s, a, today, out, out_n, e);
}

int unitops_due(Store *s, Arena *a, int64_t now, int64_t **out_ids, size_t *out_n, Err *e)
{
    UnitOpRow *rows;
    size_t n;
    int rc = due_rows(s, a, now, &rows, &n, e);
    if (rc < 0)
        return rc;
    int64_t *ids = arena_array(a, n ? n : 1, sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = rows[i].id;
    *out_ids = ids;
    *out_n = n;
    return 0;
}

int unitops_apply_planned(Store *s, Arena *a, int64_t id, int64_t now, Err *e)
{
    UnitOpRow *rows;
    size_t n;
    int rc = due_rows(s, a, now, &rows, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (rows[i].id != id)
            continue;
        json_t *o = NULL;
        UnitOpSpec spec;
        UnitPlan p;
        if ((rc = jsonv_parse(rows[i].spec, strlen(rows[i].spec), &o, e)) == 0 &&
            (rc = unitops_read(a, o, &spec, e)) == 0 &&
            (rc = unitops_plan(s, a, &spec, now, &p, e)) == 0 &&
            (rc = apply(s, a, &p, id, rows[i].by ? rows[i].by : "motcua", now, e)) == 0)
            rc = store_unit_op_done(s, id, now, unitops_summary(a, &p), e);
        json_decref(o);
    }
    return rc;
}
