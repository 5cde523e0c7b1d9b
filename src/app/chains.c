/* chains.c: a group's parent and children (see chains.h). */
#include "app/chains.h"

#include "app/agencies.h"
#include "app/calendars.h"
#include "app/history.h"
#include "core/deadline.h"
#include "core/dossier_code.h"
#include "util/strbuf.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

/* The actor of what the group does by itself (a step stopped, the group's result). */
static const char group_actor[] = "liên thông";

/* as_parent makes p, the first step's procedure of c, what a parent of c takes of it. */
static void as_parent(const Chain *c, Procedure *p)
{
    p->limit_value = c->limit_days;
    p->limit_unit = "days";
    p->fee = 0;
    p->approval = 0;
}

int chains_parent_procedure(Store *s, Arena *a, const char *chain, Procedure *out, Err *e)
{
    Chain c;
    int rc = store_chain_get(s, a, chain, &c, e);
    if (rc == 0 && (rc = store_procedure_get(s, a, c.steps[0].procedure, out, e)) == 0)
        as_parent(&c, out);
    return rc;
}

int chains_intake_check(Store *s, Arena *a, const DossierInput *in, const Actor *who, int64_t now,
                        Procedure *p, Err *e)
{
    Chain c;
    int rc = store_chain_get(s, a, in->chain, &c, e);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_SEMANTIC, "chain", "Không có nhóm thủ tục liên thông %s",
                        "no interconnected group %s", in->chain);
    if (rc < 0)
        return rc;
    if (in->has_fee)
        return err_set(e, ERR_SEMANTIC, "fee",
                       "Nhóm liên thông không có phí chung; phí của từng bước theo thủ tục",
                       "a group has no fee of its own; each step has its procedure's");
    if (in->decision)
        return err_set(e, ERR_SEMANTIC, "intake_action",
                       "Nhóm liên thông được tiếp nhận cả nhóm; từ chối hoặc hướng dẫn từng thủ "
                       "tục không áp dụng",
                       "an interconnected group is received whole; refuse or guide does not "
                       "apply");
    DossierInput step = *in;
    step.chain = NULL;
    for (size_t i = c.n_steps; i-- > 0;) { /* the first step last: p is its procedure */
        step.procedure = c.steps[i].procedure;
        if ((rc = dossiers_intake_check(s, a, &step, who, now, p, e)) < 0)
            return rc;
    }
    as_parent(&c, p);
    return 0;
}

int chains_as_procedure(Store *s, Arena *a, const char *code, Procedure *out, Err *e)
{
    Chain c;
    int rc = store_chain_get(s, a, code, &c, e);
    if (rc < 0)
        return rc;
    Procedure g = {.code = c.code,
                   .name = c.name,
                   .limit_value = c.limit_days,
                   .limit_unit = "days",
                   .online = "full"};
    size_t cap = 0;
    Procedure *ps = arena_array(a, c.n_steps, sizeof *ps);
    for (size_t i = 0; i < c.n_steps; i++) {
        if ((rc = store_procedure_get(s, a, c.steps[i].procedure, &ps[i], e)) < 0)
            return rc;
        cap += ps[i].n_components;
        if (strcmp(ps[i].online, "none") == 0)
            g.online = "none";
        else if (strcmp(ps[i].online, "partial") == 0 && strcmp(g.online, "full") == 0)
            g.online = "partial";
    }
    g.components = arena_array(a, cap ? cap : 1, sizeof *g.components);
    for (size_t i = 0; i < c.n_steps; i++)
        for (size_t j = 0; j < ps[i].n_components; j++) {
            const Component *k = &ps[i].components[j];
            size_t m = 0;
            while (m < g.n_components && !dossiers_same_name(a, g.components[m].name, k->name))
                m++;
            if (m == g.n_components)
                g.components[g.n_components++] = *k;
            else
                g.components[m].required |= k->required;
        }
    g.field = ps[0].field;
    g.level = ps[0].level; /* where it is filed: the first step's */
    *out = g;
    return 0;
}

int chains_check_act(const Dossier *d, const Event *ev, Err *e)
{
    if (d->chain && (ev->action == ACTION_RESOLVE || ev->action == ACTION_PROPOSE))
        return err_set(e, ERR_SEMANTIC, "action",
                       "Kết quả của nhóm liên thông theo kết quả các bước của nhóm",
                       "an interconnected group's result follows its steps");
    return 0;
}

int chains_children(Store *s, Arena *a, int64_t parent, Dossier **out, size_t *out_n, Err *e)
{
    int64_t *ids;
    size_t n;
    int rc = store_dossier_children(s, a, parent, &ids, &n, e);
    if (rc < 0)
        return rc;
    Dossier *ds = arena_array(a, n ? n : 1, sizeof *ds);
    for (size_t i = 0; i < n; i++)
        if ((rc = dossiers_get_id(s, a, ids[i], &ds[i], e)) < 0)
            return rc;
    *out = ds;
    *out_n = n;
    return 0;
}

/* append appends ev (stamped at now, by by) to d as motcua's own action. */
static int append(Store *s, Arena *a, Dossier *d, Event ev, const char *by, int64_t now,
                  AppendMode mode, Err *e)
{
    ev.id = NULL;
    ev.at = now;
    ev.by = by;
    return history_append(s, a, d, &ev, now, NULL, mode, e);
}

/* new_child files step i of c for parent: its own code, the step's procedure, the parent's
 * applicant and papers, received at now by who. */
static int new_child(Store *s, Arena *a, const Dossier *parent, const Chain *c, size_t i,
                     const Actor *who, int64_t now, Err *e)
{
    Procedure p;
    int rc = store_procedure_get(s, a, c->steps[i].procedure, &p, e);
    int y, m, dd;
    timefmt_civil_from_days(timefmt_local_day(now), &y, &m, &dd);
    char yymmdd[7], code[DOSSIER_CODE_MAX];
    history_code_day(y, m, dd, yymmdd);
    int64_t seq;
    if (rc < 0 || (rc = store_code_next(s, parent->unit, yymmdd, &seq, e)) < 0)
        return rc;
    if (dossier_code_format(parent->unit, y, m, dd, seq, code) < 0)
        return err_set(e, ERR_SEMANTIC, "unit", "Không cấp được mã hồ sơ cho ngày này",
                       "cannot issue a dossier code for this date");
    DossierInput in = {.procedure = p.code,
                       .unit = parent->unit,
                       .channel = parent->channel,
                       .applicant = parent->applicant,
                       .components = parent->components,
                       .n_components = parent->n_components};
    Dossier d =
        history_new(a, &in, &p, arena_strdup(a, code),
                    parent->full_online && strcmp(p.online, "full") == 0, p.fee, p.approval, now);
    d.parent = parent->id;
    d.step = (int)i;
    d.agency = c->steps[i].agency;
    /* the parent's receipt told the applicant: the steps' receipts tell nothing more */
    Event ev = {.action = ACTION_RECEIVE, .at = now, .by = who->name};
    rc = history_append(s, a, &d, &ev, now, dossiers_search_text(a, &d.applicant), APPEND_IMPORTED,
                        e);
    return rc < 0 ? rc : agencies_send_step(s, a, &d, parent, now, e);
}

/* start gives a parent just received its group's deadline and its children, and moves it on
 * to processing. */
static int start(Store *s, Arena *a, Dossier *parent, const Actor *who, int64_t now, Err *e)
{
    Chain c;
    Calendar cal;
    int64_t due;
    int rc = store_chain_get(s, a, parent->chain, &c, e);
    if (rc < 0 || (rc = calendars_load(s, parent->unit, &cal, e)) < 0)
        return rc;
    rc = chain_due_at(&c, &cal, parent->p.received_at, e, &due);
    calendar_free(&cal);
    if (rc < 0)
        return rc;
    parent->due_override = due;
    parent->due_override_seq = parent->p.n_events;
    if ((rc = history_override_due(s, parent, now, 0, 1, e)) < 0)
        return rc;
    for (size_t i = 0; i < c.n_steps; i++)
        if ((rc = new_child(s, a, parent, &c, i, who, now, e)) < 0)
            return rc;
    Event to = {.action = ACTION_TRANSFER, .to = parent->unit};
    return append(s, a, parent, to, who->name, now, APPEND_LIVE, e);
}

/* step_state is what became of a child, as its group sees it. */
static ChainStepState step_state(const Dossier *d)
{
    State st = d->p.state;
    if (st == STATE_REFUSED || st == STATE_STOPPED)
        return CHAIN_STEP_FAILED;
    if (st == STATE_RESOLVED || st == STATE_RETURNED)
        return d->p.outcome && strcmp(d->p.outcome, "approved") == 0 ? CHAIN_STEP_DONE
                                                                     : CHAIN_STEP_FAILED;
    return CHAIN_STEP_OPEN;
}

/* stop_open stops every open child of parent (the parent was stopped). */
static int stop_open(Store *s, Arena *a, const Dossier *parent, int64_t now, Err *e)
{
    Dossier *kids;
    size_t n;
    int rc = chains_children(s, a, parent->id, &kids, &n, e);
    Event stop = {.action = ACTION_STOP,
                  .reason = arena_printf(a, "Hồ sơ liên thông %s đã dừng", parent->code)};
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (!lifecycle_is_final(kids[i].p.state) &&
            dossier_allows(&kids[i].p, ACTION_STOP, NULL) == 0)
            rc = append(s, a, &kids[i], stop, group_actor, now, APPEND_LIVE, e);
    return rc;
}

/* failed_steps names the failed steps of the group ("1.004194 (bước 2)", ...), from a. */
static const char *failed_steps(Arena *a, const Dossier *kids, size_t n,
                                const ChainStepState *states)
{
    StrBuf sb;
    sb_init(&sb, 4096);
    for (size_t i = 0; i < n; i++)
        if (states[i] == CHAIN_STEP_FAILED)
            sb_appendf(&sb, "%sbước %zu (%s, hồ sơ %s)", sb.len ? "; " : "", i + 1,
                       kids[i].procedure, kids[i].code);
    const char *text = arena_strdup(a, sb.data && !sb.err ? sb.data : "");
    sb_free(&sb);
    return text;
}

/* follow applies the group's rules after an event on one of parent id's children. */
static int follow(Store *s, Arena *a, int64_t parent_id, int64_t now, Err *e)
{
    Dossier parent, *kids;
    Chain c;
    size_t n;
    int rc = dossiers_get_id(s, a, parent_id, &parent, e);
    if (rc < 0 || (rc = store_chain_get(s, a, parent.chain, &c, e)) < 0 ||
        (rc = chains_children(s, a, parent_id, &kids, &n, e)) < 0)
        return rc;
    if (n != c.n_steps)
        return err_setf(e, ERR_IO, "", "Nhóm liên thông %s thiếu hồ sơ của một bước",
                        "interconnected group %s lacks a step's dossier", parent.code);
    ChainStepState states[CHAIN_STEPS_MAX];
    for (size_t i = 0; i < n; i++)
        states[i] = step_state(&kids[i]);
    uint32_t stop = chain_stopped_by(&c, states);
    for (size_t i = 0; i < n; i++) {
        if (!(stop & (1u << i)))
            continue;
        size_t cause = 0;
        while (cause < i &&
               !((c.steps[i].after & (1u << cause)) && states[cause] != CHAIN_STEP_DONE))
            cause++;
        Event ev = {.action = ACTION_STOP,
                    .reason = arena_printf(a,
                                           "Bước %zu của hồ sơ liên thông %s (hồ sơ %s) không "
                                           "hoàn thành nên bước này dừng",
                                           cause + 1, parent.code, kids[cause].code)};
        if (dossier_allows(&kids[i].p, ACTION_STOP, NULL) < 0)
            continue; /* waiting for the leader's approval of a result: it decides */
        if ((rc = append(s, a, &kids[i], ev, group_actor, now, APPEND_LIVE, e)) < 0)
            return rc;
        states[i] = CHAIN_STEP_FAILED;
    }
    ChainOutcome out = chain_outcome(&c, states);
    if (out == CHAIN_OPEN || parent.p.state != STATE_PROCESSING)
        return 0;
    Event res = {.action = ACTION_RESOLVE, .outcome = "approved"};
    if (out == CHAIN_REJECTED) {
        res.outcome = "rejected";
        res.reason = arena_printf(a, "Không hoàn thành: %s", failed_steps(a, kids, n, states));
    }
    return append(s, a, &parent, res, group_actor, now, APPEND_LIVE, e);
}

int chains_after(Store *s, Arena *a, Dossier *d, State before, const Actor *who, int64_t now,
                 Err *e)
{
    if (d->chain && before != STATE_RECEIVED && d->p.state == STATE_RECEIVED)
        return start(s, a, d, who, now, e);
    if (d->chain && before != STATE_STOPPED && d->p.state == STATE_STOPPED)
        return stop_open(s, a, d, now, e);
    if (d->parent && before != d->p.state)
        return follow(s, a, d->parent, now, e);
    return 0;
}

int chains_alerts(Store *s, Arena *a, const char *under, int64_t now, size_t limit,
                  ChainAlert **out, size_t *out_n, Err *e)
{
    OpenStep *open;
    size_t n, k = 0;
    int rc = store_steps_open(s, a, under, limit, &open, &n, e);
    ChainAlert *alerts = arena_array(a, n ? n : 1, sizeof *alerts);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        Dossier d;
        Calendar cal;
        if ((rc = dossiers_get_id(s, a, open[i].id, &d, e)) < 0 ||
            (rc = calendars_load(s, d.unit, &cal, e)) < 0)
            break;
        unsigned bits = chain_step_alerts(&cal, d.p.received_at, open[i].first_in_at,
                                          dossier_classify(&d.p, now) == DEADLINE_OVERDUE, now);
        calendar_free(&cal);
        if (bits)
            alerts[k++] = (ChainAlert){d, bits};
    }
    if (rc < 0)
        return rc;
    *out = alerts;
    *out_n = k;
    return 0;
}
