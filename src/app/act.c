/* act.c: one lifecycle action on a dossier, as the pages and the API take it (see
 * dossiers.h). */
#include "app/dossiers.h"

#include "app/history.h"

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

int dossiers_act(Store *s, Arena *a, const char *code, const Event *ev, const Actor *who,
                 int64_t now, Dossier *out, Err *e)
{
    if (!lifecycle_role_may(who->role, ev->action))
        return err_setf(e, ERR_FORBIDDEN, "action", "Vai trò của bạn không được \"%s\"",
                        "your role may not take this action (%s)",
                        lifecycle_action_label(ev->action));
    int rc = lifecycle_check_required(ev, e);
    Dossier d;
    if (rc < 0 || (rc = dossiers_get(s, a, code, &d, e)) < 0 ||
        (rc = check_references(s, a, ev, e)) < 0)
        return rc;
    Event stamped = *ev;
    stamped.id = NULL;
    stamped.at = now;
    stamped.by = who->name;
    if ((rc = history_append(s, a, &d, &stamped, now, NULL, APPEND_LIVE, e)) < 0)
        return rc;
    if (out)
        *out = d;
    return 0;
}
