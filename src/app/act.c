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
    int rc;
    if ((rc = dossiers_get(s, a, code, &d, e)) < 0 ||
        (rc = dossier_allows(&d.p, ev->action, e)) < 0 || (rc = lifecycle_check_live(ev, e)) < 0 ||
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
