/* act.c: one lifecycle action on a dossier, as the pages and the API take it (see
 * dossiers.h). */
#include "app/dossiers.h"

#include "app/chains.h"
#include "app/history.h"

#include <stdio.h>

/* check_references: a transfer's unit and officer must exist. */
static int check_references(Store *s, Arena *a, const Event *ev, Err *e)
{
    if (ev->to) {
        Unit u;
        int rc = store_unit_get(s, a, ev->to, &u, e);
        if (rc == ERR_NOT_FOUND)
            return err_setf(e, ERR_SEMANTIC, "to", "Không có đơn vị %s", "no unit %s", ev->to);
        if (rc < 0)
            return rc;
    }
    if (ev->handler) {
        User u;
        int rc = store_user_get(s, a, ev->handler, &u, e);
        if (rc == ERR_NOT_FOUND)
            return err_setf(e, ERR_SEMANTIC, "handler", "Không có cán bộ %s", "no officer %s",
                            ev->handler);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* check_payment: a payment recorded here is never more than what is still due (fee - paid). */
static int check_payment(const Dossier *d, const Event *ev, Err *e)
{
    int64_t due = d->fee - d->p.paid_amount;
    if (ev->action != ACTION_PAY || ev->amount <= due || ev->amount <= 0)
        return 0;
    char vi[160], en[120];
    snprintf(vi, sizeof vi, "Số tiền nộp vượt quá số còn phải nộp (%lld đồng)",
             (long long)(due > 0 ? due : 0));
    snprintf(en, sizeof en, "the amount exceeds what is still due (%lld dong)",
             (long long)(due > 0 ? due : 0));
    return err_set(e, ERR_SEMANTIC, "amount", vi, en);
}

/* append stamps ev with now and who and appends it to d (history_append, as motcua's own). */
static int append(Store *s, Arena *a, Dossier *d, const Event *ev, const char *who, int64_t now,
                  Err *e)
{
    Event stamped = *ev;
    stamped.id = NULL;
    stamped.at = now;
    stamped.by = who;
    return history_append(s, a, d, &stamped, now, NULL, APPEND_LIVE, e);
}

/* act takes ev as dossiers_act says; backed: a digitize event that a stored file backs
 * (documents.c), the one way a paper becomes digitized here. */
static int act(Store *s, Arena *a, const char *code, const Event *ev, const Actor *who, int64_t now,
               bool backed, Dossier *out, Err *e)
{
    if (ev->action == ACTION_DIGITIZE && !backed)
        return err_set(e, ERR_SEMANTIC, "action",
                       "Giấy tờ được số hóa khi tải tệp lên (tài liệu điện tử của hồ sơ)",
                       "a paper is digitized by uploading its file: POST "
                       "/api/v1/dossiers/{code}/documents");
    if (!lifecycle_role_may(who->role, ev->action))
        return err_setf(e, ERR_FORBIDDEN, "action", "Vai trò của bạn không được \"%s\"",
                        "your role may not take this action (%s)",
                        lifecycle_action_label(ev->action));
    Dossier d;
    int rc = dossiers_get(s, a, code, &d, e);
    if (rc < 0)
        return rc;
    State before = d.p.state; /* what the group's rules compare with (app/chains.h) */
    if ((rc = dossier_allows(&d.p, ev->action, e)) < 0 || (rc = lifecycle_check_live(ev, e)) < 0 ||
        (rc = chains_check_act(&d, ev, e)) < 0 || (rc = check_references(s, a, ev, e)) < 0 ||
        (rc = check_payment(&d, ev, e)) < 0 || (rc = append(s, a, &d, ev, who->name, now, e)) < 0 ||
        (rc = chains_after(s, a, &d, before, who, now, e)) < 0)
        return rc;
    if (out)
        *out = d;
    return 0;
}

int dossiers_act(Store *s, Arena *a, const char *code, const Event *ev, const Actor *who,
                 int64_t now, Dossier *out, Err *e)
{
    return act(s, a, code, ev, who, now, false, out, e);
}

int dossiers_digitize(Store *s, Arena *a, const char *code, const char *component,
                      const char *sha256, const Actor *who, int64_t now, Dossier *out, Err *e)
{
    Event ev = {
        .action = ACTION_DIGITIZE, .component = component, .result = !component, .file = sha256};
    return act(s, a, code, &ev, who, now, true, out, e);
}

int dossiers_pay_online(Store *s, Arena *a, const char *code, int64_t amount, const char *ref,
                        int64_t now, Err *e)
{
    Dossier d;
    int rc = dossiers_get(s, a, code, &d, e);
    if (rc < 0)
        return rc;
    if (amount > d.fee - d.p.paid_amount) /* paid meanwhile, at the counter or by another order */
        return err_set(e, ERR_CONFLICT, "amount", "Hồ sơ đã nộp đủ phí, lệ phí",
                       "the fee of this dossier has been paid already");
    Event ev = {.action = ACTION_PAY, .amount = amount, .online = true, .receipt = ref};
    return append(s, a, &d, &ev, "cổng thanh toán", now, e);
}
