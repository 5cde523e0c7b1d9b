/* dossier_json.c: reading and writing dossiers and events as JSON (see dossier_json.h). */
#include "io/dossier_json.h"

#include "core/deadline.h"
#include "core/dossier_code.h"
#include "core/vntext.h"
#include "io/jsonv.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

enum { NAME_MAX_BYTES = 200, TEXT_MAX_BYTES = 2000 };

static const char *const channels[] = {"online", "direct", "postal", NULL};

/* check_digits accepts an optional leading '+' (phone) then min..max characters of digits
 * (and, for identity numbers of businesses, upper-case letters and '-'). */
static int check_number(const char *s, const char *field, int phone, Err *e)
{
    if (!s)
        return 0;
    size_t n = strlen(s), i = phone && s[0] == '+' ? 1 : 0, digits = 0;
    int ok = n <= 20;
    for (; ok && i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (phone ? !(c == ' ' || c == '.') : !((c >= 'A' && c <= 'Z') || c == '-'))
            ok = 0;
    }
    if (!ok || digits < (phone ? 8u : 6u))
        return err_setf(e, ERR_INVALID, field,
                        phone ? "Số điện thoại không hợp lệ: %s" : "Số định danh không hợp lệ: %s",
                        phone ? "invalid phone number: %s" : "invalid identity number: %s", s);
    return 0;
}

static int read_applicant(Arena *a, json_t *o, DossierInput *d, Err *e)
{
    static const char *const keys[] = {"name", "id_number", "phone", "address", "email", NULL};
    json_t *ap = json_object_get(o, "applicant");
    if (!json_is_object(ap))
        return err_set(e, ERR_INVALID, "applicant", "Thiếu thông tin người nộp (applicant)",
                       "applicant must be an object");
    int rc;
    if ((rc = jsonv_only(ap, keys, e)) < 0 ||
        (rc = jsonv_str(a, ap, "name", 1, NAME_MAX_BYTES, &d->name, e)) < 0 ||
        (rc = jsonv_str(a, ap, "id_number", 0, 20, &d->id_number, e)) < 0 ||
        (rc = check_number(d->id_number, "id_number", 0, e)) < 0 ||
        (rc = jsonv_str(a, ap, "phone", 0, 20, &d->phone, e)) < 0 ||
        (rc = check_number(d->phone, "phone", 1, e)) < 0 ||
        (rc = jsonv_str(a, ap, "address", 0, 500, &d->address, e)) < 0 ||
        (rc = jsonv_str(a, ap, "email", 0, 254, &d->email, e)) < 0)
        return rc;
    if (d->email && !strchr(d->email, '@'))
        return err_set(e, ERR_INVALID, "email", "Địa chỉ thư điện tử không hợp lệ",
                       "invalid e-mail address");
    if (!d->id_number && !d->phone)
        return err_set(e, ERR_INVALID, "phone",
                       "Cần số điện thoại hoặc số định danh để người nộp tra cứu hồ sơ",
                       "a phone or identity number is needed for the applicant's look-up");
    json_t *out = json_object();
    json_object_set_new(out, "name", json_string(d->name));
    const char *opt[][2] = {{"id_number", d->id_number},
                            {"phone", d->phone},
                            {"address", d->address},
                            {"email", d->email}};
    for (size_t i = 0; i < 4; i++)
        if (opt[i][1])
            json_object_set_new(out, opt[i][0], json_string(opt[i][1]));
    char *text = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    d->applicant_json = arena_strdup(a, text);
    free(text);
    json_decref(out);
    return 0;
}

static int read_components(Arena *a, json_t *o, DossierInput *d, Err *e)
{
    static const char *const keys[] = {"name", "digitized", NULL};
    json_t *arr = json_object_get(o, "components");
    if (!arr || json_is_null(arr)) {
        d->components_json = "[]";
        return 0;
    }
    if (!json_is_array(arr) || json_array_size(arr) > 100)
        return err_set(e, ERR_INVALID, "components",
                       "Trường components phải là danh sách (tối đa 100 thành phần)",
                       "components must be an array of at most 100 items");
    size_t n = json_array_size(arr), i;
    d->n_components = n;
    d->component_names = arena_array(a, n + 1, sizeof *d->component_names);
    d->component_digitized = arena_array(a, n + 1, sizeof *d->component_digitized);
    json_t *out = json_array(), *c;
    int rc = 0;
    json_array_foreach(arr, i, c)
    {
        int dig = 0;
        if (!json_is_object(c)) {
            rc = err_set(e, ERR_INVALID, "components", "Mỗi thành phần hồ sơ phải là đối tượng",
                         "each component must be an object");
            break;
        }
        if ((rc = jsonv_only(c, keys, e)) < 0 ||
            (rc = jsonv_str(a, c, "name", 1, 500, &d->component_names[i], e)) < 0 ||
            (rc = jsonv_bool(c, "digitized", 0, &dig, e)) < 0)
            break;
        d->component_digitized[i] = dig;
        json_array_append_new(
            out, json_pack("{s:s, s:b}", "name", d->component_names[i], "digitized", dig));
    }
    if (rc == 0) {
        char *text = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER);
        d->components_json = arena_strdup(a, text);
        free(text);
    }
    json_decref(out);
    return rc;
}

int dossier_json_intake(Arena *a, json_t *o, const char *const *allow_extra, DossierInput *out,
                        Err *e)
{
    static const char *const base[] = {"procedure", "unit",      "channel",   "full_online",
                                       "fee",       "applicant", "components"};
    const char *keys[32];
    size_t k = 0;
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
        keys[k++] = base[i];
    for (size_t i = 0; allow_extra && allow_extra[i] && k < 31; i++)
        keys[k++] = allow_extra[i];
    keys[k] = NULL;
    DossierInput d = {0};
    int rc;
    if ((rc = jsonv_only(o, keys, e)) < 0 ||
        (rc = jsonv_str(a, o, "procedure", 1, 32, &d.procedure, e)) < 0 ||
        (rc = jsonv_str(a, o, "unit", 1, 64, &d.unit, e)) < 0 ||
        (rc = jsonv_enum(o, "channel", 1, channels, &d.channel, e)) < 0)
        return rc;
    if (!dossier_code_procedure_valid(d.procedure))
        return err_setf(e, ERR_INVALID, "procedure", "Mã thủ tục không hợp lệ: %s",
                        "invalid procedure code: %s", d.procedure);
    if (!dossier_code_unit_valid(d.unit))
        return err_setf(e, ERR_INVALID, "unit", "Mã đơn vị không hợp lệ: %s",
                        "invalid unit code: %s", d.unit);
    d.has_full_online = json_object_get(o, "full_online") != NULL;
    d.has_fee = json_object_get(o, "fee") != NULL;
    if ((rc = jsonv_bool(o, "full_online", 0, &d.full_online, e)) < 0 ||
        (rc = jsonv_int(o, "fee", 0, 0, 1000000000000LL, &d.fee, e)) < 0 ||
        (rc = read_applicant(a, o, &d, e)) < 0 || (rc = read_components(a, o, &d, e)) < 0)
        return rc;
    *out = d;
    return 0;
}

/* The fields each action takes besides action, id, at and by. */
static const char *const *action_keys(Action a)
{
    static const char *const none[] = {NULL};
    static const char *const transfer[] = {"to", "handler", "note", NULL};
    static const char *const reasoned[] = {"reason", NULL};
    static const char *const supplement_req[] = {"reason", "items", NULL};
    static const char *const payment_req[] = {"amount", "reason", NULL};
    static const char *const pay[] = {"amount", "online", "receipt", NULL};
    static const char *const resolve[] = {"outcome", "reason", "result_digitized", NULL};
    static const char *const apologize[] = {"reason", "new_appointment", NULL};
    static const char *const digitize[] = {"component", "result", NULL};
    static const char *const rate[] = {"level", "comment", NULL};
    static const char *const comment[] = {"text", NULL};
    switch (a) {
    case ACTION_TRANSFER: return transfer;
    case ACTION_REFUSE:
    case ACTION_STOP:
    case ACTION_REQUEST_WITHDRAWAL: return reasoned;
    case ACTION_REQUEST_SUPPLEMENT: return supplement_req;
    case ACTION_SUPPLEMENT: return none;
    case ACTION_REQUEST_PAYMENT: return payment_req;
    case ACTION_PAY: return pay;
    case ACTION_RESOLVE: return resolve;
    case ACTION_APOLOGIZE: return apologize;
    case ACTION_DIGITIZE: return digitize;
    case ACTION_RATE: return rate;
    case ACTION_COMMENT: return comment;
    default: return none;
    }
}

/* read_items checks request_supplement's items: an array of 1..100 non-empty strings. */
static int check_items(json_t *o, Err *e)
{
    json_t *items = json_object_get(o, "items");
    if (!items)
        return 0;
    size_t i, n = json_is_array(items) ? json_array_size(items) : 0;
    json_t *v;
    int ok = n >= 1 && n <= 100;
    json_array_foreach(items, i, v) ok =
        ok && json_is_string(v) && json_string_length(v) > 0 && json_string_length(v) <= 500;
    if (!ok)
        return err_set(e, ERR_INVALID, "items",
                       "Trường items phải là danh sách 1–100 giấy tờ cần bổ sung",
                       "items must be a list of 1-100 papers to supplement");
    return 0;
}

/* nfc_copy is v with its strings (and those of an array) in NFC, as stored text must be;
 * NULL for a string that is not text (an embedded NUL). */
static json_t *nfc_copy(Arena *a, json_t *v)
{
    if (json_is_string(v)) {
        const char *s = vntext_nfc(a, json_string_value(v), json_string_length(v));
        return s ? json_string(s) : NULL;
    }
    if (!json_is_array(v))
        return json_incref(v);
    json_t *r = json_array(), *x;
    size_t i;
    json_array_foreach(v, i, x)
    {
        json_t *c = nfc_copy(a, x);
        if (!c) {
            json_decref(r);
            return NULL;
        }
        json_array_append_new(r, c);
    }
    return r;
}

int dossier_json_event(Arena *a, json_t *o, int meta, DossierEvent *out, const char **out_payload,
                       const char **out_id, Err *e)
{
    static const char *const actions[] = {"submit",
                                          "receive",
                                          "refuse",
                                          "transfer",
                                          "request_supplement",
                                          "supplement",
                                          "request_payment",
                                          "pay",
                                          "request_withdrawal",
                                          "stop",
                                          "resolve",
                                          "return",
                                          "apologize",
                                          "digitize",
                                          "rate",
                                          "comment",
                                          NULL};
    if (!json_is_object(o))
        return err_set(e, ERR_INVALID, "events", "Mỗi sự kiện phải là một đối tượng JSON",
                       "each event must be a JSON object");
    const char *action;
    int rc = jsonv_enum(o, "action", 1, actions, &action, e);
    if (rc < 0)
        return rc;
    DossierEvent ev = {.action = (Action)lifecycle_action_parse(action)};
    const char *const *own = action_keys(ev.action);
    const char *keys[16];
    size_t k = 0;
    keys[k++] = "action";
    if (meta) {
        keys[k++] = "id";
        keys[k++] = "at";
        keys[k++] = "by";
    }
    for (size_t i = 0; own[i] && k < 15; i++)
        keys[k++] = own[i];
    keys[k] = NULL;
    if ((rc = jsonv_only(o, keys, e)) < 0)
        return rc;
    const char *id = NULL, *at = NULL, *appointment = NULL;
    int64_t amount = 0;
    if (meta && ((rc = jsonv_str(a, o, "id", 1, 64, &id, e)) < 0 ||
                 (rc = jsonv_str(a, o, "at", 1, 40, &at, e)) < 0 ||
                 (rc = jsonv_str(a, o, "by", 0, 128, &ev.by, e)) < 0))
        return rc;
    if (at && (rc = timefmt_parse_instant(at, strlen(at), e, &ev.at)) < 0) {
        if (e)
            snprintf(e->field, sizeof e->field, "at");
        return rc;
    }
    if ((rc = jsonv_str(a, o, "to", 0, 64, &ev.to_unit, e)) < 0 ||
        (rc = jsonv_str(a, o, "handler", 0, 64, &ev.handler, e)) < 0 ||
        (rc = jsonv_str(a, o, "reason", 0, TEXT_MAX_BYTES, &ev.reason, e)) < 0 ||
        (rc = jsonv_str(a, o, "outcome", 0, 16, &ev.outcome, e)) < 0 ||
        (rc = jsonv_bool(o, "result_digitized", 0, &ev.result_digitized, e)) < 0 ||
        (rc = jsonv_str(a, o, "component", 0, 500, &ev.component, e)) < 0 ||
        (rc = jsonv_bool(o, "result", 0, &ev.result, e)) < 0 ||
        (rc = jsonv_int(o, "amount", 0, 0, 1000000000000LL, &amount, e)) < 0 ||
        (rc = jsonv_bool(o, "online", 0, &ev.online, e)) < 0 ||
        (rc = jsonv_str(a, o, "new_appointment", 0, 40, &appointment, e)) < 0 ||
        (rc = jsonv_str(a, o, "level", 0, 32, &ev.level, e)) < 0 || (rc = check_items(o, e)) < 0)
        return rc;
    const char *text;
    if ((rc = jsonv_str(a, o, "note", 0, TEXT_MAX_BYTES, &text, e)) < 0 ||
        (rc = jsonv_str(a, o, "text", 0, TEXT_MAX_BYTES, &text, e)) < 0 ||
        (rc = jsonv_str(a, o, "comment", 0, TEXT_MAX_BYTES, &text, e)) < 0 ||
        (rc = jsonv_str(a, o, "receipt", 0, 64, &text, e)) < 0)
        return rc;
    if (ev.to_unit && !dossier_code_unit_valid(ev.to_unit))
        return err_setf(e, ERR_INVALID, "to", "Mã đơn vị không hợp lệ: %s", "invalid unit code: %s",
                        ev.to_unit);
    if (ev.action == ACTION_COMMENT && !json_object_get(o, "text"))
        return err_set(e, ERR_INVALID, "text", "Cần nội dung ghi chú", "a comment needs text");
    ev.amount = amount;
    if (appointment && (rc = timefmt_parse_instant(appointment, strlen(appointment), e,
                                                   &ev.new_appointment)) < 0) {
        if (e)
            snprintf(e->field, sizeof e->field, "new_appointment");
        return rc;
    }
    /* the payload: the action's own fields, canonical (sorted keys, compact) */
    json_t *payload = json_object();
    for (size_t i = 0; own[i]; i++) {
        json_t *v = json_object_get(o, own[i]), *c = v && !json_is_null(v) ? nfc_copy(a, v) : NULL;
        if (v && !json_is_null(v) && !c) {
            json_decref(payload);
            return err_setf(e, ERR_INVALID, own[i], "Trường %s chứa ký tự không hợp lệ",
                            "field %s is not valid UTF-8 text", own[i]);
        }
        if (c)
            json_object_set_new(payload, own[i], c);
    }
    char *p = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(payload);
    *out_payload = arena_strdup(a, p);
    free(p);
    /* strings in ev that came from jsonv_* live in the arena; ev.level etc. too */
    *out = ev;
    if (out_id)
        *out_id = id;
    return 0;
}

int dossier_json_record(Arena *a, json_t *o, DossierRecord *out, Err *e)
{
    /* what export writes besides the intake fields: accepted, and ignored on import */
    static const char *const extra[] = {"type",
                                        "code",
                                        "received_at",
                                        "due_at",
                                        "events",
                                        "state",
                                        "state_label",
                                        "portal_status",
                                        "appointment_at",
                                        "resolved_at",
                                        "classification",
                                        "submitted_at",
                                        "returned_at",
                                        "stopped_at",
                                        "current_unit",
                                        "handler",
                                        "outcome",
                                        "apologies",
                                        "apology_late",
                                        "supplement_late",
                                        "result_digitized",
                                        "paid_amount",
                                        "rating",
                                        NULL};
    DossierRecord r = {0};
    int rc = dossier_json_intake(a, o, extra, &r.in, e);
    const char *received = NULL, *due = NULL;
    if (rc == 0)
        rc = jsonv_str(a, o, "code", 1, 64, &r.code, e);
    if (rc == 0)
        rc = jsonv_str(a, o, "received_at", 0, 40, &received, e);
    if (rc == 0)
        rc = jsonv_str(a, o, "due_at", 0, 40, &due, e);
    if (rc < 0)
        return rc;
    if (received && timefmt_parse_instant(received, strlen(received), e, &r.received_at) < 0)
        return err_set(e, ERR_INVALID, "received_at",
                       "received_at phải là thời điểm ISO 8601 có múi giờ",
                       "received_at must be an ISO 8601 instant with an offset");
    if (due && timefmt_parse_instant(due, strlen(due), e, &r.due_at) < 0)
        return err_set(e, ERR_INVALID, "due_at", "due_at phải là thời điểm ISO 8601 có múi giờ",
                       "due_at must be an ISO 8601 instant with an offset");
    json_t *evs = json_object_get(o, "events");
    /* a bound far above any real history, so that what export writes imports again */
    if (!json_is_array(evs) || json_array_size(evs) == 0 || json_array_size(evs) > 100000)
        return err_set(e, ERR_INVALID, "events",
                       "Trường events phải là danh sách 1–100.000 sự kiện",
                       "events must be an array of 1-100,000 events");
    r.n_events = json_array_size(evs);
    r.events = arena_array(a, r.n_events, sizeof *r.events);
    r.payloads = arena_array(a, r.n_events, sizeof *r.payloads);
    r.ids = arena_array(a, r.n_events, sizeof *r.ids);
    for (size_t i = 0; i < r.n_events; i++) {
        if ((rc = dossier_json_event(a, json_array_get(evs, i), 1, &r.events[i], &r.payloads[i],
                                     &r.ids[i], e)) < 0) {
            if (e) {
                char en[256], vi[256];
                snprintf(en, sizeof en, "event %zu: %s", i + 1, e->message_en);
                snprintf(vi, sizeof vi, "sự kiện %zu: %s", i + 1, e->message);
                snprintf(e->message_en, sizeof e->message_en, "%s", en);
                snprintf(e->message, sizeof e->message, "%s", vi);
            }
            return rc;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(r.ids[j], r.ids[i]) == 0)
                return err_setf(e, ERR_INVALID, "events", "Mã sự kiện %s lặp lại",
                                "event id %s appears twice", r.ids[i]);
    }
    *out = r;
    return 0;
}

int dossier_json_event_from_stored(Arena *a, const StoredEvent *st, DossierEvent *out, Err *e)
{
    json_t *o;
    int rc = jsonv_parse(st->payload, strlen(st->payload), &o, e);
    if (rc < 0)
        return rc;
    json_object_set_new(o, "action", json_string(st->action));
    const char *payload;
    rc = dossier_json_event(a, o, 0, out, &payload, NULL, e);
    json_decref(o);
    if (rc < 0)
        return rc;
    out->at = st->at;
    out->by = st->by;
    return 0;
}

json_t *dossier_json_instant(int64_t t)
{
    if (!t)
        return json_null();
    char buf[TIMEFMT_INSTANT_SIZE];
    timefmt_format_instant(t, buf, sizeof buf);
    return json_string(buf);
}

json_t *dossier_json_event_render(const StoredEvent *ev)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(ev->event_id));
    json_object_set_new(o, "at", dossier_json_instant(ev->at));
    json_object_set_new(o, "action", json_string(ev->action));
    if (ev->by)
        json_object_set_new(o, "by", json_string(ev->by));
    json_t *payload = json_loads(ev->payload, 0, NULL);
    if (payload)
        json_object_update(o, payload);
    json_decref(payload);
    return o;
}

/* classification returns the class name of d at now, or NULL when none applies. */
static const char *classification(const Dossier *d, int64_t now)
{
    const DossierProjection *p = &d->p;
    if (!p->due_at)
        return NULL;
    if (p->resolved_at)
        return deadline_class_name(deadline_classify_resolved(p->due_at, p->resolved_at));
    if (p->state == STATE_STOPPED || p->state == STATE_REFUSED)
        return NULL;
    /* while the clock is stopped (waiting for papers or a payment) the dossier is within its
     * deadline, as Biểu 06 counts it ("Trong hạn, bao gồm cả hồ sơ chờ bổ sung") */
    if (p->paused_at)
        return deadline_class_name(DEADLINE_WITHIN);
    return deadline_class_name(deadline_classify_unfinished(p->due_at, now));
}

json_t *dossier_json_receipt(const Dossier *d, const char *receipt_url)
{
    const DossierProjection *p = &d->p;
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:s}", "code", d->code, "state",
                     lifecycle_state_name(p->state), "due_at", dossier_json_instant(p->due_at),
                     "appointment_at", dossier_json_instant(p->appointment_at), "received_at",
                     dossier_json_instant(p->received_at), "receipt_url", receipt_url);
}

void dossier_json_status(json_t *o, const Dossier *d, int64_t now)
{
    const DossierProjection *p = &d->p;
    json_object_set_new(o, "state", json_string(lifecycle_state_name(p->state)));
    json_object_set_new(o, "state_label", json_string(lifecycle_state_label(p->state)));
    json_object_set_new(o, "portal_status", json_integer(lifecycle_portal_status(p->state)));
    json_object_set_new(o, "received_at", dossier_json_instant(p->received_at));
    json_object_set_new(o, "appointment_at", dossier_json_instant(p->appointment_at));
    json_object_set_new(o, "resolved_at", dossier_json_instant(p->resolved_at));
    json_object_set_new(o, "returned_at", dossier_json_instant(p->returned_at));
    const char *cls = classification(d, now);
    json_object_set_new(o, "classification", cls ? json_string(cls) : json_null());
}

json_t *dossier_json_render(const Dossier *d, const StoredEvent *events, size_t n_events,
                            int64_t now)
{
    const DossierProjection *p = &d->p;
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(d->code));
    json_object_set_new(o, "procedure", json_string(d->procedure));
    json_object_set_new(o, "unit", json_string(d->unit));
    json_object_set_new(o, "channel", json_string(d->channel));
    json_object_set_new(o, "full_online", json_boolean(d->full_online));
    json_object_set_new(o, "fee", json_integer(d->fee));
    json_t *ap = json_loads(d->applicant, 0, NULL);
    json_object_set_new(o, "applicant", ap ? ap : json_object());
    json_object_set_new(o, "due_at", dossier_json_instant(p->due_at));
    json_t *cs = json_loads(d->components, 0, NULL);
    json_object_set_new(o, "components", cs ? cs : json_array());
    dossier_json_status(o, d, now);
    json_object_set_new(o, "submitted_at", dossier_json_instant(p->submitted_at));
    json_object_set_new(o, "stopped_at", dossier_json_instant(p->stopped_at));
    json_object_set_new(o, "current_unit", json_string(p->current_unit));
    json_object_set_new(o, "handler", p->handler ? json_string(p->handler) : json_null());
    json_object_set_new(o, "outcome", p->outcome ? json_string(p->outcome) : json_null());
    json_object_set_new(o, "apologies", json_integer(p->apologies));
    json_object_set_new(o, "apology_late", json_boolean(p->apology_late));
    json_object_set_new(o, "supplement_late", json_boolean(p->supplement_late));
    json_object_set_new(o, "result_digitized", json_boolean(p->result_digitized));
    json_object_set_new(o, "paid_amount", json_integer(p->paid_amount));
    json_object_set_new(o, "rating", p->rating ? json_string(p->rating) : json_null());
    if (events) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n_events; i++)
            json_array_append_new(arr, dossier_json_event_render(&events[i]));
        json_object_set_new(o, "events", arr);
    }
    return o;
}
