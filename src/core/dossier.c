/* dossier.c: the event -> projection step (see dossier.h). */
#include "core/dossier.h"

#include "core/deadline.h"

#include <string.h>

void dossier_init(DossierProjection *d, const char *unit)
{
    memset(d, 0, sizeof *d);
    d->state = STATE_NONE;
    d->current_unit = unit;
}

int dossier_classify(const DossierProjection *p, int64_t now)
{
    if (!p->due_at)
        return -1;
    if (p->resolved_at)
        return (int)deadline_classify_resolved(p->due_at, p->resolved_at);
    if (p->state == STATE_STOPPED || p->state == STATE_REFUSED)
        return -1;
    /* while the clock is stopped (waiting for papers or a payment) the dossier is within its
     * deadline, as Biểu 06 counts it ("Trong hạn, bao gồm cả hồ sơ chờ bổ sung") */
    if (p->paused_at)
        return DEADLINE_WITHIN;
    return (int)deadline_classify_unfinished(p->due_at, now);
}

static int illegal(Err *e, State s, Action a)
{
    char vi[256], en[256];
    snprintf(vi, sizeof vi, "Không thể \"%s\" khi hồ sơ đang ở trạng thái \"%s\"",
             lifecycle_action_label(a), s == STATE_NONE ? "chưa có" : lifecycle_state_label(s));
    snprintf(en, sizeof en, "action %s is not allowed in state %s", lifecycle_action_name(a),
             s == STATE_NONE ? "(new)" : lifecycle_state_name(s));
    return err_set(e, ERR_SEMANTIC, "action", vi, en);
}

/* due sets due_at and, unless an apology set its own, the appointment. */
static void set_due(DossierProjection *d, int64_t due)
{
    d->due_at = due;
    if (d->apologies == 0)
        d->appointment_at = due;
}

/* update_overdue keeps overdue_from (see dossier.h) in step with the clock after an event at
 * instant at: open while received, unfinished, not paused and with a due date, starting on
 * the due day or the event's day if that is later; an open interval stays unless the due
 * date moved. old_due is the due date before the event. */
static void update_overdue(DossierProjection *n, int64_t old_due, int64_t at)
{
    int open = n->received_at && n->due_at && !n->paused_at && !lifecycle_is_final(n->state);
    if (!open) {
        n->overdue_from = 0;
        return;
    }
    if (n->overdue_from && n->due_at == old_due)
        return;
    int32_t due_day = timefmt_local_day(n->due_at), day = timefmt_local_day(at);
    n->overdue_from = (due_day > day ? due_day : day) + 1;
}

void dossier_set_due(DossierProjection *d, int64_t due, int64_t at)
{
    int64_t old = d->due_at;
    set_due(d, due);
    update_overdue(d, old, at);
}

/* check_outcome: a resolution or a proposal says approved or rejected, and a rejection why. */
static int check_outcome(const Event *ev, Err *e)
{
    if (!ev->outcome ||
        (strcmp(ev->outcome, "approved") != 0 && strcmp(ev->outcome, "rejected") != 0))
        return err_set(e, ERR_INVALID, "outcome",
                       "Kết quả phải là approved (chấp thuận) hoặc rejected (từ chối)",
                       "outcome must be approved or rejected");
    if (strcmp(ev->outcome, "rejected") == 0 && !ev->reason)
        return err_set(e, ERR_INVALID, "reason", "Từ chối giải quyết phải nêu lý do",
                       "a rejection needs a reason");
    return 0;
}

/* resolve records the result: at instant at, outcome, the officer whose work it was. */
static void resolve(DossierProjection *n, int64_t at, const char *outcome, const char *by)
{
    n->resolved_at = at;
    n->resolved_by = by;
    n->outcome = outcome;
    n->paused_at = 0;
}

int dossier_allows(const DossierProjection *d, Action a, Err *e)
{
    State to;
    if (lifecycle_next(d->state, a, &to) < 0)
        return illegal(e, d->state, a);
    if (!lifecycle_applies(a, d->approval))
        return d->approval
                   ? err_set(e, ERR_SEMANTIC, "action",
                             "Kết quả của thủ tục này phải được lãnh đạo phê duyệt: hãy trình "
                             "phê duyệt (propose)",
                             "this procedure's result needs a leader's approval: propose it")
                   : err_set(e, ERR_SEMANTIC, "action",
                             "Thủ tục này không cần phê duyệt: hãy ghi nhận kết quả (resolve)",
                             "this procedure needs no approval: resolve it");
    return 0;
}

int dossier_apply(DossierProjection *d, const Event *ev, const Calendar *cal, Duration limit,
                  Err *e)
{
    int rc = dossier_allows(d, ev->action, e);
    if (rc < 0)
        return rc;
    State to;
    lifecycle_next(d->state, ev->action, &to);
    if (d->n_events > 0 && ev->at < d->last_at)
        return err_set(e, ERR_SEMANTIC, "at", "Thời điểm sự kiện sớm hơn sự kiện trước đó",
                       "event is earlier than the previous event");
    DossierProjection n = *d; /* work on a copy: d changes only on success */
    int64_t due;
    switch (ev->action) {
    case ACTION_SUBMIT: n.submitted_at = ev->at; break;
    case ACTION_RECEIVE:
        n.received_at = ev->at;
        if ((rc = deadline_due_at(cal, ev->at, limit, e, &due)) == 0)
            set_due(&n, due);
        break;
    case ACTION_REFUSE:       /* refused at intake: never received, never stopped */
    case ACTION_GUIDE: break; /* guided at intake: never received either */
    case ACTION_TRANSFER:
        if (!ev->to && !ev->handler)
            return err_set(e, ERR_INVALID, "to", "Cần nơi chuyển đến (đơn vị hoặc người xử lý)",
                           "a transfer needs a unit (to) or a handler");
        if (ev->to)
            n.current_unit = ev->to;
        n.handler = ev->handler;
        break;
    case ACTION_HANDOVER: /* the unit that takes over; the officer and the clock stay */
        if (!ev->to)
            return err_set(e, ERR_INVALID, "to", "Chuyển giao cần đơn vị tiếp nhận (to)",
                           "a handover needs the unit that takes over (to)");
        n.current_unit = ev->to;
        break;
    case ACTION_REQUEST_SUPPLEMENT:
        n.supplements++;
        n.paused_at = ev->at;
        if (deadline_supplement_request_late(cal, n.received_at, ev->at))
            n.supplement_late = 1;
        break;
    case ACTION_SUPPLEMENT:
        /* Decree 61 Art 19(4): the time limit restarts from the complete dossier */
        n.paused_at = 0;
        if ((rc = deadline_restart(cal, ev->at, limit, e, &due)) == 0)
            set_due(&n, due);
        break;
    case ACTION_REQUEST_PAYMENT: n.paused_at = ev->at; break;
    case ACTION_PAY:
        if (ev->amount < 0)
            return err_set(e, ERR_INVALID, "amount", "Số tiền không hợp lệ", "invalid amount");
        n.paid_amount += ev->amount;
        n.paid_online |= ev->online;
        if (ev->online && !n.paid_online_at)
            n.paid_online_at = ev->at;
        if (d->state == STATE_AWAITING_PAYMENT) {
            rc = deadline_resume(cal, n.due_at, n.paused_at, ev->at, e, &due);
            if (rc == 0) {
                set_due(&n, due);
                n.paused_at = 0;
            }
        }
        break;
    case ACTION_REQUEST_WITHDRAWAL: break;
    case ACTION_STOP: n.stopped_at = ev->at; break;
    case ACTION_RESOLVE:
    case ACTION_PROPOSE:
        if ((rc = check_outcome(ev, e)) < 0)
            return rc;
        if (ev->action == ACTION_PROPOSE) {
            n.proposal = ev->outcome;
            n.proposed_by = ev->by;
            break;
        }
        resolve(&n, ev->at, ev->outcome, ev->by);
        if (ev->result_digitized && !n.result_digitized)
            n.result_digitized = DIGITIZED_MARK;
        break;
    case ACTION_APPROVE: /* the result is issued now; the work was the proposer's */
        resolve(&n, ev->at, n.proposal, n.proposed_by);
        n.proposal = n.proposed_by = NULL;
        break;
    case ACTION_SEND_BACK: n.proposal = n.proposed_by = NULL; break;
    case ACTION_RETURN: n.returned_at = ev->at; break;
    case ACTION_APOLOGIZE: {
        DeadlineApology ap;
        if (!ev->new_appointment)
            return err_set(e, ERR_INVALID, "new_appointment", "Cần ngày hẹn trả mới",
                           "an apology needs a new appointment");
        rc = deadline_apology(cal, n.due_at, n.apologies, ev->at, ev->new_appointment, e, &ap);
        if (rc == 0) {
            n.apologies++;
            n.apology_late |= ap.late ? 1 : 0;
            n.appointment_at = ap.appointment_at;
        } else if (e) {
            snprintf(e->field, sizeof e->field, "%s",
                     rc == ERR_CONFLICT ? "action" : "new_appointment");
        }
        break;
    }
    case ACTION_DIGITIZE: {
        if (!ev->result && !ev->component)
            return err_set(e, ERR_INVALID, "component",
                           "Cần tên thành phần hồ sơ hoặc result: true",
                           "digitize needs a component name or result: true");
        Digitized *mark = ev->result ? &n.result_digitized : &n.components_digitized;
        if (ev->file)
            *mark = DIGITIZED_FILE;
        else if (!*mark)
            *mark = DIGITIZED_MARK;
        break;
    }
    case ACTION_RATE:
        if (!lifecycle_rating_valid(ev->level))
            return err_set(e, ERR_INVALID, "level",
                           "Mức đánh giá phải là very_satisfied, satisfied hoặc dissatisfied",
                           "level must be very_satisfied, satisfied or dissatisfied");
        if (n.rating)
            return err_set(e, ERR_CONFLICT, "action", "Hồ sơ này đã được đánh giá",
                           "this dossier has already been rated");
        n.rating = ev->level;
        n.rated_at = ev->at;
        break;
    case ACTION_COMMENT: break;
    default: return illegal(e, d->state, ev->action);
    }
    if (rc < 0)
        return rc;
    n.state = to;
    update_overdue(&n, d->due_at, ev->at);
    n.last_at = ev->at;
    n.n_events++;
    *d = n;
    return 0;
}
