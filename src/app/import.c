/* import.c: a source system's dossier line (docs/INTERFACES.md interchange): a new dossier replayed
 * through the lifecycle, or a known one's new events (see dossiers.h). Import trusts what the
 * source decided and checks what makes the data coherent. */
#include "app/dossiers.h"

#include "app/chains.h"
#include "app/history.h"
#include "app/record.h"
#include "core/dossier_code.h"

#include <stdio.h>
#include <string.h>

/* event_error prefixes e's messages with the event's position in the line. */
static int event_error(Err *e, size_t i, int rc)
{
    char vi[32], en[32];
    snprintf(vi, sizeof vi, "sự kiện %zu", i + 1);
    snprintf(en, sizeof en, "event %zu", i + 1);
    return history_error_in(e, vi, en, rc);
}

/* group_checks: a group's step names a parent dossier already here that files a group whose
 * step of that index is the line's procedure at the line's agency, in the same unit; *out_parent
 * gets the parent's row id (0 for a line that is no step). */
static int group_checks(Store *s, Arena *a, const DossierRecord *r, int64_t *out_parent, Err *e)
{
    *out_parent = 0;
    if (!r->parent)
        return 0;
    Dossier parent;
    Chain c;
    Err nf;
    int rc = dossiers_get(s, a, r->parent, &parent, &nf);
    if (rc == ERR_NOT_FOUND || (rc == 0 && !parent.chain))
        return err_setf(e, ERR_INVALID, "parent",
                        "Không có hồ sơ nhóm %s (dòng của hồ sơ nhóm phải đứng trước)",
                        "no group dossier %s (the parent's line comes first)", r->parent);
    if (rc < 0) {
        *e = nf;
        return rc;
    }
    if ((rc = store_chain_get(s, a, parent.chain, &c, e)) < 0)
        return rc;
    if ((size_t)r->step >= c.n_steps || strcmp(c.steps[r->step].procedure, r->in.procedure) != 0 ||
        strcmp(c.steps[r->step].agency, r->agency) != 0 || strcmp(parent.unit, r->in.unit) != 0)
        return err_setf(e, ERR_INVALID, "step",
                        "Bước, thủ tục, cơ quan hoặc đơn vị không khớp với nhóm của hồ sơ %s",
                        "the step, procedure, agency or unit does not match the group of %s",
                        r->parent);
    *out_parent = parent.id;
    return 0;
}

/* import_checks: the code's format and unit, and the references of the line. */
static int import_checks(Store *s, Arena *a, const DossierRecord *r, Procedure *out_p, Err *e)
{
    char unit[UNIT_CODE_LEN + 1];
    int y, m, d;
    long long seq;
    if (dossier_code_parse(r->code, unit, &y, &m, &d, &seq) < 0)
        return err_setf(e, ERR_INVALID, "code", "Mã hồ sơ không hợp lệ: %s",
                        "invalid dossier code: %s", r->code);
    if (strcmp(unit, r->in.unit) != 0)
        return err_set(e, ERR_INVALID, "code", "Mã hồ sơ không thuộc đơn vị tiếp nhận (unit)",
                       "the dossier code does not belong to the receiving unit");
    int rc = r->in.chain ? chains_parent_procedure(s, a, r->in.chain, out_p, e)
                         : store_procedure_get(s, a, r->in.procedure, out_p, e);
    if (rc == ERR_NOT_FOUND && r->in.chain)
        return err_setf(e, ERR_INVALID, "chain", "Không có nhóm thủ tục liên thông %s",
                        "unknown interconnected group %s", r->in.chain);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_INVALID, "procedure", "Không có thủ tục %s", "unknown procedure %s",
                        r->in.procedure);
    if (rc == 0 && strcmp(out_p->code, r->in.procedure) != 0)
        return err_setf(
            e, ERR_INVALID, "procedure", "Hồ sơ nhóm được nộp theo thủ tục của bước đầu tiên (%s)",
            "a group's dossier is filed under its first step's procedure (%s)", out_p->code);
    Unit u;
    if (rc == 0 && (rc = store_unit_get(s, a, r->in.unit, &u, e)) == ERR_NOT_FOUND)
        return err_setf(e, ERR_INVALID, "unit", "Không có đơn vị %s", "unknown unit %s",
                        r->in.unit);
    for (size_t i = 0; rc == 0 && i < r->n_events; i++) {
        if (r->events[i].to && store_unit_get(s, a, r->events[i].to, &u, e) < 0)
            return event_error(e, i,
                               err_setf(e, ERR_INVALID, "to", "Không có đơn vị %s",
                                        "unknown unit %s", r->events[i].to));
    }
    return rc;
}

/* approval_of: whether the line's dossier went through a leader's approval: as the line says,
 * else as its history shows (a source that recorded no proposal did not ask for one, whatever
 * the catalogue asks of dossiers received here). */
static bool approval_of(const DossierRecord *r)
{
    if (r->has_approval)
        return r->approval;
    for (size_t i = 0; i < r->n_events; i++)
        if (r->events[i].action == ACTION_PROPOSE)
            return true;
    return false;
}

/* import_new creates a dossier from its line. A dossier refused at intake has no receive
 * event; its received_at (the source's filing instant) is kept and counts nowhere as a
 * receipt. */
static int import_new(Store *s, Arena *a, const DossierRecord *r, const Procedure *p,
                      int64_t parent, int64_t now, Err *e)
{
    const DossierInput *in = &r->in;
    int online = strcmp(in->channel, "online") == 0;
    Dossier d = history_new(a, in, p, r->code,
                            in->has_full_online ? in->full_online
                                                : online && strcmp(p->online, "full") == 0,
                            in->has_fee ? in->fee : p->fee, approval_of(r), now);
    d.parent = parent; /* a step counts in no report here, from its first event (history.c) */
    d.step = parent ? r->step : -1;
    d.agency = parent ? r->agency : NULL;
    /* the code was issued by the source: motcua's own counter must go past it */
    char unit[UNIT_CODE_LEN + 1], yymmdd[7];
    int y, m, day;
    long long seq;
    int rc = 0;
    if (dossier_code_parse(r->code, unit, &y, &m, &day, &seq) == 0) { /* import_checks: it is */
        history_code_day(y, m, day, yymmdd);
        if ((rc = store_code_seen(s, unit, yymmdd, seq, e)) < 0)
            return rc;
    }
    if (r->due_at) {
        d.due_override = r->due_at;
        d.due_override_seq = history_due_seq(r->events, r->n_events);
    }
    bool receipt = false;
    for (size_t i = 0; i < r->n_events; i++)
        receipt |= r->events[i].action == ACTION_RECEIVE;
    if (!receipt)
        d.filed_at = r->received_at; /* refused elsewhere at intake: never a receipt here */
    for (size_t i = 0; i < r->n_events; i++) {
        if ((rc = history_append(s, a, &d, &r->events[i], now,
                                 i == 0 ? dossiers_search_text(a, &in->applicant) : NULL,
                                 APPEND_IMPORTED, e)) < 0)
            return event_error(e, i, rc);
        if (d.due_override && (int)i + 1 == d.due_override_seq &&
            (rc = history_override_due(s, &d, r->events[i].at, 0, 1, e)) < 0)
            return rc;
    }
    if (r->received_at && receipt && d.p.received_at != r->received_at)
        return err_set(e, ERR_INVALID, "received_at",
                       "received_at không khớp với sự kiện tiếp nhận (receive)",
                       "received_at does not match the receive event");

    /* append saved the row after each event; an override after the last one is not yet */
    return d.due_override && d.due_override_seq == (int)r->n_events ? store_dossier_save(s, &d, e)
                                                                    : 0;
}

/* import_more adds the events of a line that the dossier has not seen, then recounts it. */
static int import_more(Store *s, Arena *a, Dossier *d, const DossierRecord *r, int64_t parent,
                       int64_t now, size_t *out_new, Err *e)
{
    if (strcmp(d->procedure, r->in.procedure) != 0 || strcmp(d->channel, r->in.channel) != 0 ||
        !d->chain != !r->in.chain || d->parent != parent || (parent && d->step != r->step))
        return err_set(e, ERR_INVALID, "code",
                       "Mã hồ sơ đã có cho một hồ sơ khác (thủ tục, kênh hoặc nhóm khác)",
                       "the code belongs to another dossier (procedure, channel or group differs)");
    size_t n_new = 0;
    bool *is_new = arena_array(a, r->n_events + 1, sizeof *is_new);
    for (size_t i = 0; i < r->n_events; i++) {
        StoredEvent st;
        Event known;
        Err nf;
        int rc = store_event_find(s, a, d->id, r->events[i].id, &st, &nf);
        if (rc == ERR_NOT_FOUND) {
            is_new[i] = true;
            n_new++;
            continue;
        }
        if (rc < 0 || (rc = record_event_decode(a, &st, &known, &nf)) < 0) {
            *e = nf;
            return rc;
        }
        if (!record_event_same(&known, &r->events[i]))
            return event_error(
                e, i,
                err_setf(e, ERR_INVALID, "events", "Sự kiện %s đã có với nội dung khác",
                         "event %s already exists with other content", r->events[i].id));
    }
    int override_changed = r->due_at && r->due_at != d->due_override;
    *out_new = n_new;
    if (!n_new && !override_changed)
        return 0;
    Event *evs;
    size_t n;
    Dossier tmp;
    int rc = dossiers_events(s, a, d->id, &evs, &n, e);
    /* take the dossier's whole contribution out of the counters, add the events, put the
     * recomputed contribution back: the counters stay equal to a replay of the history */
    if (rc == 0)
        rc = history_replay(s, d, evs, n, -1, 0, &tmp, e);
    for (size_t i = 0; rc == 0 && i < r->n_events; i++)
        if (is_new[i] &&
            (rc = history_append(s, a, d, &r->events[i], now, NULL, APPEND_UNCOUNTED, e)) < 0)
            return event_error(e, i, rc);
    if (rc == 0 && r->due_at) {
        d->due_override = r->due_at;
        d->due_override_seq = 0; /* after the last event moving the due date, found by replay */
    }
    if (rc == 0)
        rc = dossiers_events(s, a, d->id, &evs, &n, e);
    if (rc == 0)
        rc = history_replay(s, d, evs, n, 1, 0, &tmp, e);
    if (rc == 0) {
        d->p = tmp.p;
        d->due_override_seq = tmp.due_override_seq;
        rc = store_dossier_save(s, d, e);
    }
    return rc;
}

int dossiers_import(Store *s, Arena *a, const DossierRecord *r, int64_t now, size_t *out_new_events,
                    Err *e)
{
    Procedure p;
    int64_t parent;
    int rc = import_checks(s, a, r, &p, e);
    if (rc < 0 || (rc = group_checks(s, a, r, &parent, e)) < 0)
        return rc;
    /* a file a digitize event names is not here (the interchange carries no files): the event
     * comes in as a source's mark, as the same line would again */
    DossierRecord own = *r;
    own.events = arena_array(a, r->n_events + 1, sizeof *own.events);
    for (size_t i = 0; i < r->n_events; i++) {
        own.events[i] = r->events[i];
        own.events[i].file = NULL;
    }
    r = &own;
    Dossier d;
    Err nf;
    rc = dossiers_get(s, a, r->code, &d, &nf);
    if (rc == ERR_NOT_FOUND) {
        *out_new_events = r->n_events;
        return import_new(s, a, r, &p, parent, now, e);
    }
    if (rc < 0) {
        *e = nf;
        return rc;
    }
    return import_more(s, a, &d, r, parent, now, out_new_events, e);
}
