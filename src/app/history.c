/* history.c: appending an event to a dossier and replaying its history (see history.h). */
#include "app/history.h"

#include "app/calendars.h"
#include "app/portal.h"
#include "app/record.h"
#include "core/lookup_key.h"
#include "core/notice.h"
#include "util/secret.h"
#include "util/strbuf.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* initial_projection is the projection before the first event: what intake fixed. Replay
 * starts from the same. */
static void initial_projection(Dossier *d)
{
    bool approval = d->p.approval; /* fixed at receipt */
    dossier_init(&d->p, d->unit);
    d->p.approval = approval;
    for (size_t i = 0; i < d->n_components; i++)
        if (d->components[i].digitized && !d->p.components_digitized)
            d->p.components_digitized = DIGITIZED_MARK; /* a source's flag */
}

Dossier history_new(Arena *a, const DossierInput *in, const Procedure *p, const char *code,
                    bool full_online, int64_t fee, bool approval, int64_t now)
{
    unsigned char rnd[LOOKUP_KEY_RANDOM];
    char key[LOOKUP_KEY_LEN + 1];
    secret_random(rnd, sizeof rnd);
    lookup_key_make(rnd, key);
    Dossier d = {.code = code,
                 .procedure = p->code,
                 .unit = in->unit,
                 .channel = in->channel,
                 .full_online = full_online,
                 .fee = fee,
                 .applicant = in->applicant,
                 .components = in->components,
                 .n_components = in->n_components,
                 .limit_value = p->limit_value,
                 .limit_unit = p->limit_unit,
                 .created_at = now,
                 .p.approval = approval,
                 .lookup_key = arena_strdup(a, key),
                 .chain = in->chain,
                 .step = -1};
    initial_projection(&d);
    return d;
}

void history_code_day(int y, int m, int d, char out[7])
{
    snprintf(out, 7, "%02d%02d%02d", y % 100, m, d);
}

int history_error_in(Err *e, const char *where_vi, const char *where_en, int rc)
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

/* hex writes the lower-case hex of n bytes and a NUL into out (2n + 1 bytes). */
static void hex(const unsigned char *h, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[h[i] >> 4];
        out[2 * i + 1] = digits[h[i] & 15];
    }
    out[2 * n] = '\0';
}

/* digest writes the SHA-256 of o as compact JSON with sorted keys into out; takes o. */
static void digest(json_t *o, unsigned char out[32])
{
    char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    json_decref(o);
    secret_sha256(text, strlen(text), out);
    free(text);
}

void history_record_hash(const Dossier *d, unsigned char out[STORE_RECORD_HASH])
{
    digest(record_applicant_json(&d->applicant), out + 32 * RECORD_APPLICANT);
    digest(record_components_json(d->components, d->n_components), out + 32 * RECORD_COMPONENTS);
    digest(json_pack("{s:s, s:s, s:s, s:s?, s:b, s:I, s:i, s:s?, s:b, s:I, s:I}", "code", d->code,
                     "procedure", d->procedure, "unit", d->unit, "channel", d->channel,
                     "full_online", d->full_online, "fee", (json_int_t)d->fee, "limit_value",
                     d->limit_value, "limit_unit", d->limit_unit, "approval", d->p.approval,
                     "created_at", (json_int_t)d->created_at, "filed_at", (json_int_t)d->filed_at),
           out + 32 * RECORD_FILING);
}

void history_chain_hash(const char *code, const StoredEvent *ev, unsigned char out[32])
{
    json_t *payload = json_loads(ev->payload, 0, NULL);
    json_t *o = json_pack("{s:s, s:I, s:s, s:s?, s:s, s:s, s:o, s:i, s:s}", "dossier", code, "at",
                          (json_int_t)ev->at, "action", ev->action, "by", ev->by, "id",
                          ev->event_id, "from", ev->from_state, "payload",
                          payload ? payload : json_object(), "seq", ev->seq, "to", ev->to_state);
    if (ev->has_record) {
        char h[2 * STORE_RECORD_HASH + 1];
        hex(ev->record_hash, STORE_RECORD_HASH, h);
        json_object_set_new(o, "record", json_string(h));
    }
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
    if (d->parent)
        return 0; /* a group's step: its parent counts once here, its agency reports the step */
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

/* notify queues the event for the webhooks that want it (the change feed's shape); with no
 * active webhook it renders nothing. */
static int notify(Store *s, const Dossier *d, const StoredEvent *st, const Event *ev, int64_t now,
                  Err *e)
{
    int rc = store_webhooks_active(s, e);
    if (rc <= 0)
        return rc;
    json_t *o =
        json_pack("{s:I, s:s, s:s, s:s, s:i, s:o}", "cursor", (json_int_t)st->feed, "dossier",
                  d->code, "unit", d->unit, "state", st->to_state, "portal_status",
                  lifecycle_portal_status(d->p.state), "event", record_event_json(ev));
    char *body = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    rc = store_outbox_enqueue(s, d->unit, st->action, d->code, body, now, e);
    free(body);
    return rc;
}

/* tell_applicant queues the message of this event to the applicant, if it has one. */
static int tell_applicant(Store *s, Arena *a, const Dossier *d, const Event *ev, int64_t now,
                          Err *e)
{
    StrBuf text;
    sb_init(&text, 0);
    Event told = *ev;
    if (ev->action == ACTION_REQUEST_PAYMENT && ev->amount <= 0 && d->fee > d->p.paid_amount)
        told.amount = d->fee - d->p.paid_amount; /* what is still due */
    const char *kind = notice_for(&told, &d->p, d->code, &text);
    if (!kind) {
        sb_free(&text);
        return 0;
    }
    if (d->lookup_key)
        notice_key(d->lookup_key, &text);
    char when[TIMEFMT_INSTANT_SIZE] = "";
    if (d->p.appointment_at)
        timefmt_format_instant(d->p.appointment_at, when, sizeof when);
    Notice n = {.dossier_code = d->code,
                .kind = kind,
                .unit = d->unit,
                .applicant = record_text(a, record_applicant_json(&d->applicant)),
                .message = arena_strdup(a, text.data),
                .appointment_at = when[0] ? when : NULL};
    sb_free(&text);
    return store_notification_add(s, &n, now, e);
}

/* record_payment numbers the e-receipt of a payment made here (an imported payment has its
 * own receipt elsewhere). The gateway's transaction id travels as the event's "receipt". */
static int record_payment(Store *s, Arena *a, const Dossier *d, const Event *ev, Err *e)
{
    if (ev->action != ACTION_PAY || ev->amount <= 0)
        return 0;
    Payment p = {.dossier = d->id,
                 .amount = ev->amount,
                 .online = ev->online,
                 .gateway_ref = ev->receipt,
                 .paid_at = ev->at};
    int y, m, day;
    timefmt_civil_from_days(timefmt_local_day(ev->at), &y, &m, &day);
    const char *receipt;
    return store_payment_add(s, a, d->unit, y, &p, &receipt, e);
}

/* mark_digitized marks the component of d that ev digitizes; 1 when one was marked (and the
 * components changed), 0 when none has that name or it was marked already. */
static int mark_digitized(Arena *a, Dossier *d, const Event *ev)
{
    if (ev->action != ACTION_DIGITIZE || !ev->component)
        return 0;
    for (size_t i = 0; i < d->n_components; i++) {
        if (!dossiers_same_name(a, d->components[i].name, ev->component))
            continue;
        if (d->components[i].digitized)
            return 0;
        DossierComponent *copy = arena_array(a, d->n_components, sizeof *copy);
        memcpy(copy, d->components, d->n_components * sizeof *copy);
        copy[i].digitized = true;
        d->components = copy;
        return 1;
    }
    return 0;
}

/* record_row writes what the event changed of the dossier row: a new dossier whole (with its
 * search text), else its components when marked and its projection. */
static int record_row(Store *s, Arena *a, Dossier *d, bool marked, const char *search_text, Err *e)
{
    int rc;
    if (d->id == 0) {
        DossierRow row = {
            .d = *d,
            .applicant = record_text(a, record_applicant_json(&d->applicant)),
            .components = record_text(a, record_components_json(d->components, d->n_components))};
        if ((rc = store_dossier_insert(s, &row, e)) < 0)
            return rc;
        d->id = row.d.id;
        return search_text ? store_search_add(s, d->id, search_text, e) : 0;
    }
    if (marked &&
        (rc = store_dossier_components(
             s, d->id, record_text(a, record_components_json(d->components, d->n_components)), e)) <
            0)
        return rc;
    return store_dossier_save(s, d, e);
}

int history_append(Store *s, Arena *a, Dossier *d, const Event *ev, int64_t now,
                   const char *search_text, AppendMode mode, Err *e)
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
                      .event_id = ev->id,
                      .action = lifecycle_action_name(ev->action),
                      .by = ev->by,
                      .from_state = lifecycle_state_name(from),
                      .to_state = lifecycle_state_name(d->p.state),
                      .payload = record_event_payload(a, ev),
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
    bool marked = mark_digitized(a, d, ev);
    /* the hash covers the dossier's code, not its row id: a new dossier's row is written once,
     * complete, and its event after it; and the record as this event leaves it */
    history_record_hash(d, st.record_hash);
    st.has_record = 1;
    history_chain_hash(d->code, &st, st.hash);
    memcpy(d->last_hash, st.hash, 32);
    if ((rc = record_row(s, a, d, marked, search_text, e)) < 0)
        return rc;
    st.dossier = d->id;
    if ((rc = store_event_add(s, &st, e)) < 0)
        return rc;
    Event stamped = *ev;
    stamped.id = st.event_id;
    if (mode == APPEND_LIVE && ((rc = notify(s, d, &st, &stamped, now, e)) < 0 ||
                                (rc = portal_enqueue(s, d, &stamped, now, e)) < 0 ||
                                (rc = tell_applicant(s, a, d, ev, now, e)) < 0 ||
                                (rc = record_payment(s, a, d, ev, e)) < 0))
        return rc;
    if (mode != APPEND_UNCOUNTED && (rc = count(s, 0, 1, d, &before, ev->at, e)) < 0)
        return rc;
    if (from != d->p.state) {
        if (from != STATE_NONE && (rc = store_stat_state_add(s, st.from_state, -1, e)) < 0)
            return rc;
        if ((rc = store_stat_state_add(s, st.to_state, 1, e)) < 0)
            return rc;
    }
    return 0;
}

int history_due_seq(const Event *evs, size_t n)
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

int history_override_due(Store *s, Dossier *d, int64_t at, int recount, int sign, Err *e)
{
    DossierProjection before = d->p;
    dossier_set_due(&d->p, d->due_override, at);
    return sign ? count(s, recount, sign, d, &before, at, e) : 0;
}

int history_replay(Store *s, const Dossier *d, const Event *evs, size_t n, int sign, int recount,
                   Dossier *out, Err *e)
{
    int override_after = d->due_override_seq ? d->due_override_seq : history_due_seq(evs, n);
    Calendar cal;
    int rc = calendars_load(s, d->unit, &cal, e);
    if (rc < 0)
        return rc;
    Dossier r = *d;
    initial_projection(&r);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        DossierProjection before = r.p;
        rc = dossier_apply(&r.p, &evs[i], &cal, dossiers_limit(d->limit_value, d->limit_unit), e);
        if (rc == 0 && sign)
            rc = count(s, recount, sign, &r, &before, evs[i].at, e);
        if (rc == 0 && d->due_override && (int)i + 1 == override_after)
            rc = history_override_due(s, &r, evs[i].at, recount, sign, e);
    }
    calendar_free(&cal);
    r.due_override_seq = override_after;
    if (rc == 0)
        *out = r;
    return rc;
}
