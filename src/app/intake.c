/* intake.c: a new dossier, checked against its procedure and unit, its code issued and, at the
 * counter, its legal clock started (see dossiers.h). */
#include "app/dossiers.h"

#include "app/chains.h"
#include "app/history.h"
#include "core/dossier_code.h"
#include "util/timefmt.h"

#include <string.h>

/* check_components fails when a required component of p is missing from the intake. */
static int check_components(Arena *a, const Procedure *p, const DossierInput *in, Err *e)
{
    for (size_t i = 0; i < p->n_components; i++) {
        if (!p->components[i].required)
            continue;
        bool found = false;
        for (size_t j = 0; !found && j < in->n_components; j++)
            found = dossiers_same_name(a, p->components[i].name, in->components[j].name);
        if (!found)
            return err_setf(e, ERR_SEMANTIC, "components", "Thiếu thành phần hồ sơ bắt buộc: %s",
                            "a required component is missing: %s", p->components[i].name);
    }
    return 0;
}

/* check_unit: the receiving unit exists and has not been merged away. */
static int check_unit(Store *s, Arena *a, const char *code, int64_t now, Err *e)
{
    Unit u;
    int rc = store_unit_get(s, a, code, &u, e);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_SEMANTIC, "unit", "Không có đơn vị %s", "no unit %s", code);
    if (rc < 0)
        return rc;
    int open = dossiers_unit_open(&u, now);
    if (open < 0)
        return err_setf(e, ERR_SEMANTIC, "unit", "Đơn vị chỉ hoạt động từ ngày %s",
                        "the unit exists only from %s", u.valid_from);
    if (open > 0)
        return err_setf(e, ERR_SEMANTIC, "unit",
                        "Đơn vị đã giải thể hoặc sáp nhập; hãy nộp tại đơn vị kế thừa %s",
                        "the unit no longer exists; file with its successor %s",
                        u.successor ? u.successor : "");
    return 0;
}

/* check_decision: an intake that does not receive refuses or guides, by someone who may, with
 * what the printed form needs (a refused or incomplete dossier need not hold every paper). */
static int check_decision(const Event *ev, const Actor *who, Err *e)
{
    if (ev->action != ACTION_RECEIVE && ev->action != ACTION_REFUSE && ev->action != ACTION_GUIDE)
        return err_set(e, ERR_INVALID, "intake_action",
                       "Khi tiếp nhận chỉ có thể tiếp nhận, từ chối hoặc hướng dẫn bổ sung",
                       "an intake receives, refuses or guides");
    if (!lifecycle_role_may(who->role, ev->action))
        return err_setf(e, ERR_FORBIDDEN, "intake_action", "Vai trò của bạn không được \"%s\"",
                        "your role may not take this action (%s)",
                        lifecycle_action_label(ev->action));
    return lifecycle_check_live(ev, e);
}

int dossiers_intake_check(Store *s, Arena *a, const DossierInput *in, const Actor *who, int64_t now,
                          Procedure *p, Err *e)
{
    if (in->chain)
        return chains_intake_check(s, a, in, who, now, p, e);
    int rc = store_procedure_get(s, a, in->procedure, p, e);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_SEMANTIC, "procedure", "Không có thủ tục %s", "no procedure %s",
                        in->procedure);
    if (rc < 0 || (rc = check_unit(s, a, in->unit, now, e)) < 0)
        return rc;
    if (strcmp(in->channel, "online") == 0 && strcmp(p->online, "none") == 0)
        return err_set(e, ERR_SEMANTIC, "channel",
                       "Thủ tục này chưa cung cấp dịch vụ công trực tuyến",
                       "this procedure is not offered online");
    if (who->role == ROLE_NONE && strcmp(in->channel, "online") != 0)
        return err_set(e, ERR_SEMANTIC, "channel", "Công dân chỉ nộp hồ sơ trực tuyến tại đây",
                       "citizens file online here");
    if (in->has_fee && in->fee != p->fee)
        return err_set(e, ERR_SEMANTIC, "fee", "Phí, lệ phí không đúng với thủ tục",
                       "the fee differs from the procedure's fee");
    if (in->decision)
        return check_decision(in->decision, who, e);
    return check_components(a, p, in, e);
}

int dossiers_intake(Store *s, Arena *a, const DossierInput *in, const Procedure *p,
                    const Actor *who, int64_t now, Dossier *out, Err *e)
{
    int y, m, dd;
    timefmt_civil_from_days(timefmt_local_day(now), &y, &m, &dd);
    char yymmdd[7], code[DOSSIER_CODE_MAX];
    history_code_day(y, m, dd, yymmdd);
    int64_t seq;
    int rc;
    if ((rc = store_code_next(s, in->unit, yymmdd, &seq, e)) < 0)
        return rc;
    if (dossier_code_format(in->unit, y, m, dd, seq, code) < 0)
        return err_set(e, ERR_SEMANTIC, "unit", "Không cấp được mã hồ sơ cho ngày này",
                       "cannot issue a dossier code for this date");
    /* a paper filed here is digitized when its file is attached (documents), whatever the
     * intake says: copies with the mark cleared */
    DossierInput filed = *in;
    filed.components = arena_array(a, in->n_components + 1, sizeof *filed.components);
    for (size_t i = 0; i < in->n_components; i++)
        filed.components[i] = (DossierComponent){in->components[i].name, false};
    in = &filed;
    Dossier d = history_new(a, in, p, arena_strdup(a, code),
                            strcmp(in->channel, "online") == 0 && strcmp(p->online, "full") == 0,
                            p->fee, p->approval, now);
    Event ev = in->decision ? *in->decision : (Event){.action = ACTION_RECEIVE};
    if (who->role == ROLE_NONE)
        ev = (Event){.action = ACTION_SUBMIT};
    ev.id = NULL;
    ev.at = now;
    ev.by = who->name;
    rc =
        history_append(s, a, &d, &ev, now, dossiers_search_text(a, &in->applicant), APPEND_LIVE, e);
    if (rc < 0 || (rc = chains_after(s, a, &d, STATE_NONE, who, now, e)) < 0)
        return rc;
    *out = d;
    return 0;
}
