/* dossiers.c: intake, lifecycle actions and verification of dossiers (see dossiers.h). */
#include "store/dossiers.h"

#include "core/dossier_code.h"
#include "core/notice.h"
#include "core/vntext.h"
#include "store/calendars.h"
#include "util/secret.h"
#include "util/strbuf.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Duration dossiers_limit(int value, const char *unit)
{
    Duration d = {DURATION_WORKING_DAYS, value};
    if (unit && strcmp(unit, "hours") == 0)
        d.unit = DURATION_WORKING_HOURS;
    else if (unit && strcmp(unit, "calendar_days") == 0)
        d.unit = DURATION_CALENDAR_DAYS;
    return d;
}

char *dossiers_search_text(Arena *a, const DossierInput *in)
{
    char *name = vntext_fold(a, in->name, strlen(in->name));
    return arena_printf(a, "%s %s %s", name ? name : "", in->id_number ? in->id_number : "",
                        in->phone ? in->phone : "");
}

/* initial_projection is the projection before the first event: what intake fixed. Replay
 * (verify) starts from the same. */
static void initial_projection(Dossier *d)
{
    dossier_init(&d->p, d->unit);
    d->p.components_digitized = strstr(d->components, "\"digitized\":true") != NULL;
}

/* code_day writes the YYMMDD of a dossier code's date, the daily counter's key. */
static void code_day(int y, int m, int d, char out[7])
{
    snprintf(out, 7, "%02d%02d%02d", y % 100, m, d);
}

/* new_dossier is the dossier row of in, for procedure p, before its first event. */
static Dossier new_dossier(const DossierInput *in, const Procedure *p, const char *code,
                           int full_online, int64_t fee, int64_t now)
{
    Dossier d = {.code = code,
                 .procedure = p->code,
                 .unit = in->unit,
                 .channel = in->channel,
                 .full_online = full_online,
                 .fee = fee,
                 .applicant = in->applicant_json,
                 .applicant_name = in->name,
                 .components = in->components_json ? in->components_json : "[]",
                 .limit_value = p->limit_value,
                 .limit_unit = p->limit_unit,
                 .created_at = now};
    initial_projection(&d);
    return d;
}

/* chain_hash computes sha256(prev || canonical event) into out. The canonical form is the
 * event's fields as a compact JSON object with sorted keys. */
static void chain_hash(const char *code, const StoredEvent *ev, unsigned char out[32])
{
    json_t *payload = json_loads(ev->payload, 0, NULL);
    json_t *o = json_pack("{s:s, s:I, s:s, s:s?, s:s, s:s, s:o, s:i, s:s}", "dossier", code, "at",
                          (json_int_t)ev->at, "action", ev->action, "by", ev->by, "id",
                          ev->event_id, "from", ev->from_state, "payload",
                          payload ? payload : json_object(), "seq", ev->seq, "to", ev->to_state);
    char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    StrBuf sb;
    sb_init(&sb, 0);
    if (ev->has_prev)
        sb_append(&sb, (const char *)ev->prev_hash, 32);
    sb_puts(&sb, text);
    secret_sha256(sb.data, sb.len, out);
    sb_free(&sb);
    free(text);
}

/* count applies the report counter changes of one event (before -> after) for d, times sign,
 * to the counters or, with recount set, to verify's recount tables. */
static int count(Store *s, int recount, int sign, const Dossier *d, const DossierProjection *before,
                 int64_t at, Err *e)
{
    StatDossier fixed = {strcmp(d->channel, "online") == 0, d->full_online, d->fee > 0};
    StatChange ch[STATS_MAX_CHANGES];
    StatPayChange pay[2];
    size_t n_pay, n = stats_changes(&fixed, before, &d->p, at, ch, pay, &n_pay);
    for (size_t i = 0; i < n; i++)
        ch[i].delta *= sign;
    for (size_t i = 0; i < n_pay; i++)
        pay[i].delta *= sign;
    int rc =
        n || n_pay ? store_stat_apply(s, recount, d->unit, d->procedure, ch, n, pay, n_pay, e) : 0;
    OfficerChange oc[STATS_MAX_OFFICER_CHANGES];
    size_t no = stats_officer_changes(before, &d->p, oc);
    for (size_t i = 0; i < no; i++)
        oc[i].delta *= sign;
    if (rc == 0 && no)
        rc = store_stat_officer_apply(s, recount, d->unit, oc, no, e);
    return rc;
}

/* notify queues the event for the webhooks that want it (DESIGN §7 change feed shape); with
 * no active webhook it renders nothing. */
static int notify(Store *s, const Dossier *d, const StoredEvent *st, int64_t now, Err *e)
{
    int rc = store_webhooks_active(s, e);
    if (rc <= 0)
        return rc;
    json_t *o =
        json_pack("{s:I, s:s, s:s, s:s, s:i, s:o}", "cursor", (json_int_t)st->feed, "dossier",
                  d->code, "unit", d->unit, "state", st->to_state, "portal_status",
                  lifecycle_portal_status(d->p.state), "event", dossier_json_event_render(st));
    char *body = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    rc = store_outbox_enqueue(s, d->unit, st->action, d->code, body, now, e);
    free(body);
    return rc;
}

/* items_text joins the papers to supplement of an event's payload with ", " (NULL if none). */
static const char *items_text(Arena *a, const char *payload)
{
    json_t *o = json_loads(payload ? payload : "{}", 0, NULL), *v;
    size_t i;
    StrBuf sb;
    sb_init(&sb, 64 * 1024);
    json_array_foreach(json_object_get(o, "items"), i, v)
    {
        if (i)
            sb_puts(&sb, ", ");
        sb_puts(&sb, json_string_value(v) ? json_string_value(v) : "");
    }
    json_decref(o);
    const char *r = sb.data ? arena_strdup(a, sb.data) : NULL;
    sb_free(&sb);
    return r;
}

/* tell_applicant queues the message of this event to the applicant, if it has one. */
static int tell_applicant(Store *s, Arena *a, const Dossier *d, const DossierEvent *ev,
                          const char *payload, int64_t now, Err *e)
{
    const char *items = ev->action == ACTION_REQUEST_SUPPLEMENT ? items_text(a, payload) : NULL;
    /* room for the whole reason and every paper: a message cut short would be cut mid-letter */
    size_t cap = 600 + (items ? strlen(items) : 0) + (ev->reason ? strlen(ev->reason) : 0);
    char *text = arena_alloc(a, cap);
    const char *kind = notice_for(ev->action, &d->p, d->code, ev->reason, items, text, cap);
    if (!kind)
        return 0;
    char when[TIMEFMT_INSTANT_SIZE] = "";
    if (d->p.appointment_at)
        timefmt_format_instant(d->p.appointment_at, when, sizeof when);
    Notice n = {.dossier_code = d->code,
                .kind = kind,
                .unit = d->unit,
                .applicant = d->applicant,
                .message = text,
                .appointment_at = when[0] ? when : NULL};
    return store_notification_add(s, &n, now, e);
}

/* record_payment numbers the e-receipt of a payment made here (an imported payment has its
 * own receipt elsewhere). The gateway's transaction id travels as the event's "receipt". */
static int record_payment(Store *s, Arena *a, const Dossier *d, const DossierEvent *ev,
                          const char *payload, Err *e)
{
    if (ev->action != ACTION_PAY || ev->amount <= 0)
        return 0;
    json_t *o = json_loads(payload ? payload : "{}", 0, NULL);
    const char *ref = json_string_value(json_object_get(o, "receipt"));
    Payment p = {.dossier = d->id,
                 .amount = ev->amount,
                 .online = ev->online,
                 .gateway_ref = ref ? arena_strdup(a, ref) : NULL,
                 .paid_at = ev->at};
    json_decref(o);
    int y, m, day;
    timefmt_civil_from_days(timefmt_local_day(ev->at), &y, &m, &day);
    const char *receipt;
    return store_payment_add(s, a, d->unit, y, &p, &receipt, e);
}

/* same_name: two component names are the same one, whatever their diacritics and case. */
static int same_name(Arena *a, const char *x, const char *y)
{
    const char *fx = vntext_fold(a, x, strlen(x)), *fy = vntext_fold(a, y, strlen(y));
    return fx && fy && strcmp(fx, fy) == 0;
}

/* mark_digitized returns the components (JSON, as intake renders them) with the one named
 * marked digitized, or NULL when there is no component of that name. */
static const char *mark_digitized(Arena *a, const char *components, const char *name)
{
    json_t *arr = json_loads(components, 0, NULL), *c;
    const char *r = NULL;
    size_t i;
    json_array_foreach(arr, i, c)
    {
        const char *n = json_string_value(json_object_get(c, "name"));
        if (n && same_name(a, n, name)) {
            json_object_set_new(c, "digitized", json_true());
            char *text = json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
            r = arena_strdup(a, text);
            free(text);
            break;
        }
    }
    json_decref(arr);
    return r;
}

/* append applies ev to d and records it: the dossier row (inserted on the first event), the
 * event with its hash, the counters by state, the report counters (unless counting is 0:
 * the import of more events recounts the whole dossier instead) and, for a new dossier, the
 * search text. A live event (not an imported one, which happened elsewhere and earlier)
 * also goes to the webhooks and, if it says something to the applicant, to the
 * notification outbox. */
static int append(Store *s, Arena *a, Dossier *d, const DossierEvent *ev, const char *payload,
                  const char *event_id, int64_t now, const char *search_text, int counting,
                  int live, Err *e)
{
    Calendar cal;
    int rc = calendars_load(s, d->unit, &cal, e);
    if (rc < 0)
        return rc;
    State from = d->p.state;
    DossierProjection before = d->p;
    rc = dossier_apply(&d->p, ev, &cal, dossiers_limit(d->limit_value, d->limit_unit), e);
    calendar_free(&cal);
    if (rc < 0)
        return rc;
    StoredEvent st = {.seq = d->p.n_events,
                      .event_id = event_id,
                      .action = lifecycle_action_name(ev->action),
                      .by = ev->by,
                      .from_state = lifecycle_state_name(from),
                      .to_state = lifecycle_state_name(d->p.state),
                      .payload = payload ? payload : "{}",
                      .at = ev->at,
                      .recorded_at = now,
                      .has_prev = st.seq > 1};
    char id[48];
    if (!st.event_id) {
        if ((rc = store_event_id_next(s, id, e)) < 0)
            return rc;
        st.event_id = arena_strdup(a, id);
    }
    if (st.has_prev)
        memcpy(st.prev_hash, d->last_hash, 32);
    /* the hash covers the dossier's code, not its row id: a new dossier's row is written once,
     * complete, and its event after it */
    chain_hash(d->code, &st, st.hash);
    memcpy(d->last_hash, st.hash, 32);
    int is_new = d->id == 0;
    if (is_new && (rc = store_dossier_insert(s, d, e)) < 0)
        return rc;
    if (search_text && (rc = store_search_add(s, d->id, search_text, e)) < 0)
        return rc;
    st.dossier = d->id;
    if ((rc = store_event_add(s, &st, e)) < 0)
        return rc;
    if (live && ((rc = notify(s, d, &st, now, e)) < 0 ||
                 (rc = tell_applicant(s, a, d, ev, payload, now, e)) < 0 ||
                 (rc = record_payment(s, a, d, ev, payload, e)) < 0))
        return rc;
    const char *marked = ev->action == ACTION_DIGITIZE && ev->component
                             ? mark_digitized(a, d->components, ev->component)
                             : NULL;
    if (marked && !is_new) {
        d->components = marked;
        if ((rc = store_dossier_components(s, d, e)) < 0)
            return rc;
    }
    if ((!is_new && (rc = store_dossier_save(s, d, e)) < 0) ||
        (counting && (rc = count(s, 0, 1, d, &before, ev->at, e)) < 0))
        return rc;
    if (from != d->p.state) {
        if (from != STATE_NONE && (rc = store_stat_state_add(s, st.from_state, -1, e)) < 0)
            return rc;
        if ((rc = store_stat_state_add(s, st.to_state, 1, e)) < 0)
            return rc;
    }
    return 0;
}

/* check_components fails when a required component of p is missing from the intake. */
static int check_components(Arena *a, const Procedure *p, const DossierInput *in, Err *e)
{
    for (size_t i = 0; i < p->n_components; i++) {
        if (!p->components[i].required)
            continue;
        int found = 0;
        for (size_t j = 0; !found && j < in->n_components; j++)
            found = same_name(a, p->components[i].name, in->component_names[j]);
        if (!found)
            return err_setf(e, ERR_SEMANTIC, "components", "Thiếu thành phần hồ sơ bắt buộc: %s",
                            "a required component is missing: %s", p->components[i].name);
    }
    return 0;
}

int dossiers_unit_open(const Unit *u, int64_t now)
{
    char today[TIMEFMT_DATE_SIZE];
    timefmt_format_date(timefmt_local_day(now), today, sizeof today);
    if (u->valid_from && strcmp(today, u->valid_from) < 0)
        return -1;
    return u->valid_to && strcmp(u->valid_to, today) < 0 ? 1 : 0;
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

int dossiers_intake_check(Store *s, Arena *a, const DossierInput *in, const Actor *who, int64_t now,
                          Procedure *p, Err *e)
{
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
    return check_components(a, p, in, e);
}

int dossiers_intake(Store *s, Arena *a, const DossierInput *in, const Procedure *p,
                    const Actor *who, int64_t now, Dossier *out, Err *e)
{
    int y, m, dd;
    timefmt_civil_from_days(timefmt_local_day(now), &y, &m, &dd);
    char yymmdd[7], code[DOSSIER_CODE_MAX];
    code_day(y, m, dd, yymmdd);
    int64_t seq;
    int rc;
    if ((rc = store_code_next(s, in->unit, yymmdd, &seq, e)) < 0)
        return rc;
    if (dossier_code_format(in->unit, y, m, dd, seq, code) < 0)
        return err_set(e, ERR_SEMANTIC, "unit", "Không cấp được mã hồ sơ cho ngày này",
                       "cannot issue a dossier code for this date");
    Dossier d = new_dossier(in, p, arena_strdup(a, code),
                            strcmp(in->channel, "online") == 0 && strcmp(p->online, "full") == 0,
                            p->fee, now);
    DossierEvent ev = {.action = who->role == ROLE_NONE ? ACTION_SUBMIT : ACTION_RECEIVE,
                       .at = now,
                       .by = who->name};
    if ((rc = append(s, a, &d, &ev, "{}", NULL, now, dossiers_search_text(a, in), 1, 1, e)) < 0)
        return rc;
    *out = d;
    return 0;
}

/* check_references: a transfer's unit and handler must exist. */
static int check_references(Store *s, Arena *a, const DossierEvent *ev, Err *e)
{
    if (ev->to_unit) {
        Unit u;
        int rc = store_unit_get(s, a, ev->to_unit, &u, e);
        if (rc == ERR_NOT_FOUND)
            return err_setf(e, ERR_SEMANTIC, "to", "Không có đơn vị %s", "no unit %s", ev->to_unit);
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

int dossiers_act(Store *s, Arena *a, const char *code, const DossierEvent *ev, const char *payload,
                 const Actor *who, int64_t now, Dossier *out, Err *e)
{
    if (!lifecycle_role_may(who->role, ev->action))
        return err_setf(e, ERR_FORBIDDEN, "action", "Vai trò của bạn không được \"%s\"",
                        "your role may not take this action (%s)",
                        lifecycle_action_label(ev->action));
    Dossier d;
    int rc = store_dossier_get(s, a, code, &d, e);
    if (rc < 0 || (rc = check_references(s, a, ev, e)) < 0)
        return rc;
    DossierEvent stamped = *ev;
    stamped.at = now;
    stamped.by = who->name;
    if ((rc = append(s, a, &d, &stamped, payload, NULL, now, NULL, 1, 1, e)) < 0)
        return rc;
    if (out)
        *out = d;
    return 0;
}

/* ---- import ---- */

static int replay(Store *s, Arena *a, const Dossier *d, const StoredEvent *evs, size_t n, int sign,
                  int recount, Dossier *out, Err *e);

/* error_in prefixes e's messages with where the error is ("sự kiện 3" / "event 3"). */
static int error_in(Err *e, const char *where_vi, const char *where_en, int rc)
{
    if (e) {
        char vi[256], en[256];
        snprintf(vi, sizeof vi, "%s: %s", where_vi, e->message);
        snprintf(en, sizeof en, "%s: %s", where_en, e->message_en);
        snprintf(e->message, sizeof e->message, "%s", vi);
        snprintf(e->message_en, sizeof e->message_en, "%s", en);
    }
    return rc;
}

/* event_error prefixes e's messages with the event's position in the line. */
static int event_error(Err *e, size_t i, int rc)
{
    char vi[32], en[32];
    snprintf(vi, sizeof vi, "sự kiện %zu", i + 1);
    snprintf(en, sizeof en, "event %zu", i + 1);
    return error_in(e, vi, en, rc);
}

static int same_text(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* same_payload: a stored payload and a line's are the same event's, also when the stored one
 * came in decomposed (NFD) before event text was normalised; the hash covers it as stored. */
static int same_payload(Arena *a, const char *stored, const char *line)
{
    if (same_text(stored, line))
        return 1;
    const char *nfc = stored ? vntext_nfc(a, stored, strlen(stored)) : NULL;
    return nfc && line && strcmp(nfc, line) == 0;
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
    int rc = store_procedure_get(s, a, r->in.procedure, out_p, e);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_INVALID, "procedure", "Không có thủ tục %s", "unknown procedure %s",
                        r->in.procedure);
    Unit u;
    if (rc == 0 && (rc = store_unit_get(s, a, r->in.unit, &u, e)) == ERR_NOT_FOUND)
        return err_setf(e, ERR_INVALID, "unit", "Không có đơn vị %s", "unknown unit %s",
                        r->in.unit);
    for (size_t i = 0; rc == 0 && i < r->n_events; i++) {
        if (r->events[i].to_unit && store_unit_get(s, a, r->events[i].to_unit, &u, e) < 0)
            return event_error(e, i,
                               err_setf(e, ERR_INVALID, "to", "Không có đơn vị %s",
                                        "unknown unit %s", r->events[i].to_unit));
    }
    return rc;
}

/* due_seq is the seq of the last of evs that sets the due date (a receipt, a supplement, a
 * payment that ends a wait for payment), or n when none does: where a source system's due
 * date (an imported line's due_at) takes the place of the computed one. By kind, not by a
 * change of value: a recomputation may land on the same instant and must still give way. */
static int due_seq(const DossierEvent *evs, size_t n)
{
    int seq = (int)n;
    State st = STATE_NONE;
    for (size_t i = 0; i < n; i++) {
        Action a = evs[i].action;
        if (a == ACTION_RECEIVE || a == ACTION_SUPPLEMENT ||
            (a == ACTION_PAY && st == STATE_AWAITING_PAYMENT))
            seq = (int)i + 1;
        State next;
        if (lifecycle_next(st, a, &next) == 0)
            st = next;
    }
    return seq;
}

/* override_due puts d's due override in place of the computed due date after the event at
 * instant at; with sign != 0 the counter changes are applied times sign (see replay). */
static int override_due(Store *s, Dossier *d, int64_t at, int recount, int sign, Err *e)
{
    DossierProjection before = d->p;
    dossier_set_due(&d->p, d->due_override, at);
    return sign ? count(s, recount, sign, d, &before, at, e) : 0;
}

/* import_new creates a dossier from its line. */
static int import_new(Store *s, Arena *a, const DossierRecord *r, const Procedure *p, int64_t now,
                      Err *e)
{
    const DossierInput *in = &r->in;
    int online = strcmp(in->channel, "online") == 0;
    Dossier d = new_dossier(in, p, r->code,
                            in->has_full_online ? in->full_online
                                                : online && strcmp(p->online, "full") == 0,
                            in->has_fee ? in->fee : p->fee, now);
    /* the code was issued by the source: motcua's own counter must go past it */
    char unit[UNIT_CODE_LEN + 1], yymmdd[7];
    int y, m, day;
    long long seq;
    int rc = 0;
    if (dossier_code_parse(r->code, unit, &y, &m, &day, &seq) == 0) { /* import_checks: it is */
        code_day(y, m, day, yymmdd);
        if ((rc = store_code_seen(s, unit, yymmdd, seq, e)) < 0)
            return rc;
    }
    if (r->due_at) {
        d.due_override = r->due_at;
        d.due_override_seq = due_seq(r->events, r->n_events);
    }
    for (size_t i = 0; i < r->n_events; i++) {
        if ((rc = append(s, a, &d, &r->events[i], r->payloads[i], r->ids[i], now,
                         i == 0 ? dossiers_search_text(a, in) : NULL, 1, 0, e)) < 0)
            return event_error(e, i, rc);
        if (d.due_override && (int)i + 1 == d.due_override_seq &&
            (rc = override_due(s, &d, r->events[i].at, 0, 1, e)) < 0)
            return rc;
    }
    if (r->received_at && d.p.received_at != r->received_at)
        return err_set(e, ERR_INVALID, "received_at",
                       "received_at không khớp với sự kiện tiếp nhận (receive)",
                       "received_at does not match the receive event");
    /* append saved the row after each event; an override after the last one is not yet */
    return d.due_override && d.due_override_seq == (int)r->n_events ? store_dossier_save(s, &d, e)
                                                                    : 0;
}

/* import_more adds the events of a line that the dossier has not seen, then recounts it. */
static int import_more(Store *s, Arena *a, Dossier *d, const DossierRecord *r, int64_t now,
                       size_t *out_new, Err *e)
{
    if (strcmp(d->procedure, r->in.procedure) != 0 || strcmp(d->channel, r->in.channel) != 0)
        return err_set(e, ERR_INVALID, "code",
                       "Mã hồ sơ đã có cho một hồ sơ khác (thủ tục hoặc kênh khác)",
                       "the code belongs to another dossier (procedure or channel differs)");
    size_t n_new = 0;
    int *is_new = arena_array(a, r->n_events + 1, sizeof *is_new);
    for (size_t i = 0; i < r->n_events; i++) {
        StoredEvent st;
        Err nf;
        int rc = store_event_find(s, a, d->id, r->ids[i], &st, &nf);
        if (rc == ERR_NOT_FOUND) {
            is_new[i] = 1;
            n_new++;
            continue;
        }
        if (rc < 0) {
            *e = nf;
            return rc;
        }
        if (st.at != r->events[i].at ||
            !same_text(st.action, lifecycle_action_name(r->events[i].action)) ||
            !same_text(st.by, r->events[i].by) || !same_payload(a, st.payload, r->payloads[i]))
            return event_error(e, i,
                               err_setf(e, ERR_INVALID, "events",
                                        "Sự kiện %s đã có với nội dung khác",
                                        "event %s already exists with other content", r->ids[i]));
    }
    int override_changed = r->due_at && r->due_at != d->due_override;
    *out_new = n_new;
    if (!n_new && !override_changed)
        return 0;
    StoredEvent *evs;
    size_t n;
    Dossier tmp;
    int rc = store_event_list(s, a, d->id, &evs, &n, e);
    /* take the dossier's whole contribution out of the counters, add the events, put the
     * recomputed contribution back: the counters stay equal to a replay of the history */
    if (rc == 0)
        rc = replay(s, a, d, evs, n, -1, 0, &tmp, e);
    for (size_t i = 0; rc == 0 && i < r->n_events; i++)
        if (is_new[i] && (rc = append(s, a, d, &r->events[i], r->payloads[i], r->ids[i], now, NULL,
                                      0, 0, e)) < 0)
            return event_error(e, i, rc);
    if (rc == 0 && r->due_at) {
        d->due_override = r->due_at;
        d->due_override_seq = 0; /* after the last event moving the due date, found by replay */
    }
    if (rc == 0)
        rc = store_event_list(s, a, d->id, &evs, &n, e);
    if (rc == 0)
        rc = replay(s, a, d, evs, n, 1, 0, &tmp, e);
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
    int rc = import_checks(s, a, r, &p, e);
    if (rc < 0)
        return rc;
    Dossier d;
    Err nf;
    rc = store_dossier_get(s, a, r->code, &d, &nf);
    if (rc == ERR_NOT_FOUND) {
        *out_new_events = r->n_events;
        return import_new(s, a, r, &p, now, e);
    }
    if (rc < 0) {
        *e = nf;
        return rc;
    }
    return import_more(s, a, &d, r, now, out_new_events, e);
}

/* ---- verification ---- */

typedef struct Report {
    void (*fn)(void *ctx, const char *problem);
    void *ctx;
    long n;
} Report;

/* problem reports what is wrong with dossier code (or "*"), in Vietnamese and English. */
static void problem(Report *r, const char *code, const char *vi, const char *en)
{
    char msg[1100];
    snprintf(msg, sizeof msg, "hồ sơ %s: %s / dossier %s: %s", code, vi, code, en);
    r->n++;
    if (r->fn)
        r->fn(r->ctx, msg);
}

/* what projection_diff finds differing, in Vietnamese and English */
static const char *const diffs[][2] = {
    {"trạng thái khác với các sự kiện", "state differs from its events"},
    {"các mốc thời gian khác với các sự kiện", "dates differ from its events"},
    {"các số đếm khác với các sự kiện", "counts differ from its events"},
    {"đơn vị, kết quả hoặc đánh giá khác với các sự kiện",
     "unit, outcome or rating differs from its events"},
};

/* projection_diff compares what replay computes with what is stored: NULL when they agree,
 * else what differs {Vietnamese, English}. */
static const char *const *projection_diff(const DossierProjection *x, const DossierProjection *y)
{
#define SAME_STR(f) ((x->f == NULL) == (y->f == NULL) && (!x->f || strcmp(x->f, y->f) == 0))
    if (x->state != y->state)
        return diffs[0];
    if (x->received_at != y->received_at || x->due_at != y->due_at ||
        x->appointment_at != y->appointment_at || x->resolved_at != y->resolved_at ||
        x->returned_at != y->returned_at || x->stopped_at != y->stopped_at)
        return diffs[1];
    if (x->apologies != y->apologies || x->supplements != y->supplements ||
        x->paid_amount != y->paid_amount || x->paid_online != y->paid_online ||
        x->result_digitized != y->result_digitized || x->n_events != y->n_events)
        return diffs[2];
    if (!SAME_STR(current_unit) || !SAME_STR(outcome) || !SAME_STR(rating))
        return diffs[3];
    return NULL;
#undef SAME_STR
}

/* replay recomputes out (a copy of d) from d's stored events and due override, from the
 * intake projection. With sign != 0 each step's counter changes are applied times sign (to the
 * recount tables with recount set). A stored event that does not replay is ERR_SEMANTIC. */
static int replay(Store *s, Arena *a, const Dossier *d, const StoredEvent *evs, size_t n, int sign,
                  int recount, Dossier *out, Err *e)
{
    DossierEvent *des = arena_array(a, n ? n : 1, sizeof *des);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = dossier_json_event_from_stored(a, &evs[i], &des[i], e);
    int override_after = d->due_override_seq ? d->due_override_seq : due_seq(des, n);
    Calendar cal;
    if (rc < 0 || (rc = calendars_load(s, d->unit, &cal, e)) < 0)
        return rc;
    Dossier r = *d;
    initial_projection(&r);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        DossierProjection before = r.p;
        rc = dossier_apply(&r.p, &des[i], &cal, dossiers_limit(d->limit_value, d->limit_unit), e);
        if (rc == 0 && sign)
            rc = count(s, recount, sign, &r, &before, des[i].at, e);
        if (rc == 0 && d->due_override && (int)i + 1 == override_after)
            rc = override_due(s, &r, des[i].at, recount, sign, e);
    }
    calendar_free(&cal);
    r.due_override_seq = override_after;
    if (rc == 0)
        *out = r;
    return rc;
}

/* check_chain reports the first break in the events' sequence or hash chain; 0 if none. */
static int check_chain(const Dossier *d, const StoredEvent *evs, size_t n, Report *r)
{
    const unsigned char *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        const StoredEvent *ev = &evs[i];
        unsigned char h[32];
        if (ev->seq != (int)i + 1) {
            problem(r, d->code, "số thứ tự sự kiện bị hở", "event sequence has a gap");
            return 1;
        }
        if ((prev == NULL) != !ev->has_prev || (prev && memcmp(prev, ev->prev_hash, 32) != 0)) {
            problem(r, d->code, "chuỗi băm bị đứt (mã băm trước không khớp)",
                    "hash chain broken (previous hash does not match)");
            return 1;
        }
        chain_hash(d->code, ev, h);
        if (memcmp(h, ev->hash, 32) != 0) {
            problem(r, d->code, "chuỗi băm bị đứt (một sự kiện đã bị sửa)",
                    "hash chain broken (an event was altered)");
            return 1;
        }
        prev = ev->hash;
    }
    if (n && memcmp(d->last_hash, evs[n - 1].hash, 32) != 0) {
        problem(r, d->code, "mã băm cuối không khớp với sự kiện cuối",
                "last hash does not match its last event");
        return 1;
    }
    return 0;
}

/* load_one reads dossier id and its events. */
static int load_one(Store *s, Arena *a, int64_t id, Dossier *d, StoredEvent **evs, size_t *n,
                    Err *e)
{
    int rc = store_dossier_get_id(s, a, id, d, e);
    return rc < 0 ? rc : store_event_list(s, a, id, evs, n, e);
}

static int verify_one(Store *s, int64_t id, int64_t *counts, Report *r, Err *e)
{
    Arena *a = arena_new();
    Dossier d, replayed;
    StoredEvent *evs;
    size_t n;
    int rc = load_one(s, a, id, &d, &evs, &n, e);
    if (rc == 0 && !check_chain(&d, evs, n, r)) {
        Err why;
        const char *const *diff;
        int replay_rc = replay(s, a, &d, evs, n, 1, 1, &replayed, &why);
        if (replay_rc == ERR_SEMANTIC || replay_rc == ERR_INVALID || replay_rc == ERR_CONFLICT)
            problem(r, d.code, why.message, why.message_en);
        else if (replay_rc < 0)
            rc = replay_rc, *e = why;
        else if ((diff = projection_diff(&replayed.p, &d.p)))
            problem(r, d.code, diff[0], diff[1]);
    }
    if (rc == 0 && d.p.state > STATE_NONE && d.p.state < STATE_COUNT)
        counts[d.p.state]++;
    arena_free(a);
    return rc;
}

/* recount_one replays dossier id into the recount tables and counts its stored state. */
static int recount_one(Store *s, int64_t id, int64_t *counts, Err *e)
{
    Arena *a = arena_new();
    Dossier d, replayed;
    StoredEvent *evs;
    size_t n;
    int rc = load_one(s, a, id, &d, &evs, &n, e);
    if (rc == 0 && (rc = replay(s, a, &d, evs, n, 1, 1, &replayed, e)) < 0)
        error_in(e, arena_printf(a, "hồ sơ %s", d.code), arena_printf(a, "dossier %s", d.code), rc);
    if (rc == 0 && d.p.state > STATE_NONE && d.p.state < STATE_COUNT)
        counts[d.p.state]++;
    arena_free(a);
    return rc;
}

int dossiers_recount(Store *s, long *out_dossiers, long *out_changed, Err *e)
{
    int64_t counts[STATE_COUNT] = {0}, id = 0;
    long n = 0;
    int rc = store_stat_recount_begin(s, e);
    while (rc == 0 && (rc = store_dossier_next_id(s, id, &id, e)) == 0 && id) {
        rc = recount_one(s, id, counts, e);
        n++;
    }
    if (rc == 0)
        rc = store_stat_compare(s, NULL, NULL, out_changed, e);
    if (rc == 0)
        rc = store_stat_recount_apply(s, counts, e);
    *out_dossiers = n;
    return rc;
}

int dossiers_verify(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                    long *out_problems, Err *e)
{
    Report r = {report, ctx, 0};
    int64_t counts[STATE_COUNT] = {0}, id = 0;
    int rc = store_stat_recount_begin(s, e);
    if (rc < 0)
        return rc;
    while ((rc = store_dossier_next_id(s, id, &id, e)) == 0 && id)
        if ((rc = verify_one(s, id, counts, &r, e)) < 0)
            break;
    if (rc < 0)
        return rc;
    Arena *a = arena_new();
    const char **states;
    int64_t *stored;
    size_t n;
    rc = store_stat_states(s, a, &states, &stored, &n, e);
    for (int st = 1; rc == 0 && st < STATE_COUNT; st++) {
        int64_t have = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(states[i], lifecycle_state_name((State)st)) == 0)
                have = stored[i];
        if (have != counts[st]) {
            char vi[160], en[160];
            snprintf(vi, sizeof vi, "bộ đếm trạng thái %s là %lld, đếm lại được %lld",
                     lifecycle_state_name((State)st), (long long)have, (long long)counts[st]);
            snprintf(en, sizeof en, "counter of state %s is %lld, recount %lld",
                     lifecycle_state_name((State)st), (long long)have, (long long)counts[st]);
            problem(&r, "*", vi, en);
        }
    }
    arena_free(a);
    long differ = 0;
    if (rc == 0 && (rc = store_stat_compare(s, report, ctx, &differ, e)) == 0)
        r.n += differ;
    if (rc < 0)
        return rc;
    *out_problems = r.n;
    return 0;
}
