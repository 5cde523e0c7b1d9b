/* dossier_json.c: the API's and the interchange format's dossier objects (see
 * dossier_json.h); the records inside them go through app/record.c. */
#include "io/dossier_json.h"

#include "app/jsonv.h"
#include "app/record.h"
#include "core/chain.h"
#include "core/deadline.h"
#include "core/dossier_code.h"

#include <stdio.h>
#include <string.h>

static const char *const channels[] = {"online", "direct", "postal", NULL};

int dossier_json_intake(Arena *a, json_t *o, const char *const *allow_extra, DossierInput *out,
                        Err *e)
{
    static const char *const base[] = {"procedure", "unit",      "channel",    "full_online",
                                       "fee",       "applicant", "components", "intake_action"};
    const char *keys[48];
    size_t k = 0;
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
        keys[k++] = base[i];
    if (!allow_extra)
        keys[k++] = "chain"; /* an intake, not an interchange line */
    for (size_t i = 0; allow_extra && allow_extra[i] && k < 47; i++)
        keys[k++] = allow_extra[i];
    keys[k] = NULL;
    DossierInput d = {0};
    int rc;
    /* a group (chain) is filed in place of a procedure: one of the two */
    bool group = !allow_extra && json_object_get(o, "chain") && !json_object_get(o, "procedure");
    if ((rc = jsonv_only(o, keys, e)) < 0 ||
        (rc = jsonv_str(a, o, group ? "chain" : "procedure", 1, 32, group ? &d.chain : &d.procedure,
                        e)) < 0 ||
        (rc = jsonv_str(a, o, "unit", 1, 64, &d.unit, e)) < 0 ||
        (rc = jsonv_enum(o, "channel", 1, channels, &d.channel, e)) < 0)
        return rc;
    if (!allow_extra && json_object_get(o, "chain") && !group)
        return err_set(e, ERR_INVALID, "chain", "Chỉ ghi một trong hai: procedure hoặc chain",
                       "give procedure or chain, not both");
    const char *code = group ? d.chain : d.procedure;
    if (!dossier_code_procedure_valid(code))
        return err_setf(e, ERR_INVALID, group ? "chain" : "procedure",
                        "Mã thủ tục không hợp lệ: %s", "invalid procedure code: %s", code);
    if (!dossier_code_unit_valid(d.unit))
        return err_setf(e, ERR_INVALID, "unit", "Mã đơn vị không hợp lệ: %s",
                        "invalid unit code: %s", d.unit);
    d.has_full_online = json_object_get(o, "full_online") != NULL;
    d.has_fee = json_object_get(o, "fee") != NULL;
    int full_online = 0;
    if ((rc = jsonv_bool(o, "full_online", 0, &full_online, e)) < 0 ||
        (rc = jsonv_int(o, "fee", 0, 0, 1000000000000LL, &d.fee, e)) < 0 ||
        (rc = record_applicant_read(a, json_object_get(o, "applicant"), allow_extra != NULL,
                                    &d.applicant, e)) < 0 ||
        (rc = record_components_read(a, json_object_get(o, "components"), &d.components,
                                     &d.n_components, e)) < 0)
        return rc;
    d.full_online = full_online;
    json_t *decision = json_object_get(o, "intake_action");
    if (decision && !json_is_null(decision)) {
        Event *ev = arena_alloc(a, sizeof *ev);
        if ((rc = record_event_read(a, decision, false, ev, e)) < 0) {
            if (e && !strcmp(e->field, "events"))
                snprintf(e->field, sizeof e->field, "intake_action");
            return rc;
        }
        d.decision = ev;
    }
    *out = d;
    return 0;
}

/* read_group reads what makes a line part of a group: "chain" on a parent, "parent", "step"
 * and "agency" on a step ("children" is derived). */
static int read_group(Arena *a, json_t *o, DossierRecord *r, Err *e)
{
    int64_t step = -1;
    int rc;
    if ((rc = jsonv_str(a, o, "chain", 0, 32, &r->in.chain, e)) < 0 ||
        (rc = jsonv_str(a, o, "parent", 0, 64, &r->parent, e)) < 0 ||
        (rc = jsonv_int(o, "step", 0, 0, CHAIN_STEPS_MAX - 1, &step, e)) < 0 ||
        (rc = jsonv_enum(o, "agency", 0, chain_agencies, &r->agency, e)) < 0)
        return rc;
    if (r->in.chain && r->parent)
        return err_set(e, ERR_INVALID, "parent", "Hồ sơ nhóm không thể là một bước",
                       "a group's parent cannot be a step");
    if (!r->parent != (step < 0) || !r->parent != !r->agency)
        return err_set(e, ERR_INVALID, "parent", "Một bước ghi đủ parent, step và agency",
                       "a step gives parent, step and agency together");
    r->step = (int)step;
    return 0;
}

int dossier_json_record(Arena *a, json_t *o, DossierRecord *out, Err *e)
{
    /* what export writes besides the intake fields: accepted, and ignored on import */
    static const char *const extra[] = {"type",
                                        "code",
                                        "received_at",
                                        "due_at",
                                        "approval",
                                        "proposal",
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
                                        "chain",
                                        "children",
                                        "parent",
                                        "step",
                                        "agency",
                                        NULL};
    DossierRecord r = {.step = -1};
    int rc = dossier_json_intake(a, o, extra, &r.in, e);
    const char *received = NULL, *due = NULL;
    if (rc == 0)
        rc = jsonv_str(a, o, "code", 1, 64, &r.code, e);
    if (rc == 0)
        rc = jsonv_str(a, o, "received_at", 0, 40, &received, e);
    if (rc == 0)
        rc = jsonv_str(a, o, "due_at", 0, 40, &due, e);
    int approval = 0;
    r.has_approval = json_object_get(o, "approval") != NULL;
    if (rc == 0)
        rc = jsonv_bool(o, "approval", 0, &approval, e);
    r.approval = approval;
    if (rc == 0)
        rc = read_group(a, o, &r, e);
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
    for (size_t i = 0; i < r.n_events; i++) {
        if ((rc = record_event_read(a, json_array_get(evs, i), true, &r.events[i], e)) < 0) {
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
            if (strcmp(r.events[j].id, r.events[i].id) == 0)
                return err_setf(e, ERR_INVALID, "events", "Mã sự kiện %s lặp lại",
                                "event id %s appears twice", r.events[i].id);
    }
    *out = r;
    return 0;
}

/* classification returns the class name of d at now, or NULL when none applies. */
static const char *classification(const Dossier *d, int64_t now)
{
    int c = dossier_classify(&d->p, now);
    return c < 0 ? NULL : deadline_class_name((DeadlineClass)c);
}

json_t *dossier_json_receipt(const Dossier *d, const char *receipt_url)
{
    const DossierProjection *p = &d->p;
    return json_pack("{s:s, s:s?, s:s, s:o, s:o, s:o, s:s}", "code", d->code, "lookup_key",
                     d->lookup_key, "state", lifecycle_state_name(p->state), "due_at",
                     record_instant(p->due_at), "appointment_at", record_instant(p->appointment_at),
                     "received_at", record_instant(p->received_at), "receipt_url", receipt_url);
}

void dossier_json_status(json_t *o, const Dossier *d, int64_t now)
{
    const DossierProjection *p = &d->p;
    json_object_set_new(o, "state", json_string(lifecycle_state_name(p->state)));
    json_object_set_new(o, "state_label", json_string(lifecycle_state_label(p->state)));
    json_object_set_new(o, "portal_status", json_integer(lifecycle_portal_status(p->state)));
    /* a dossier refused at intake in a source system: when it was handed in there */
    json_object_set_new(o, "received_at",
                        record_instant(p->received_at ? p->received_at : d->filed_at));
    json_object_set_new(o, "appointment_at", record_instant(p->appointment_at));
    json_object_set_new(o, "resolved_at", record_instant(p->resolved_at));
    json_object_set_new(o, "returned_at", record_instant(p->returned_at));
    const char *cls = classification(d, now);
    json_object_set_new(o, "classification", cls ? json_string(cls) : json_null());
}

json_t *dossier_json_render(const Dossier *d, const Event *events, size_t n_events, int64_t now)
{
    const DossierProjection *p = &d->p;
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(d->code));
    json_object_set_new(o, "procedure", json_string(d->procedure));
    json_object_set_new(o, "unit", json_string(d->unit));
    json_object_set_new(o, "channel", json_string(d->channel));
    json_object_set_new(o, "full_online", json_boolean(d->full_online));
    json_object_set_new(o, "fee", json_integer(d->fee));
    json_object_set_new(o, "applicant", record_applicant_json(&d->applicant));
    json_object_set_new(o, "due_at", record_instant(p->due_at));
    json_object_set_new(o, "components", record_components_json(d->components, d->n_components));
    dossier_json_status(o, d, now);
    json_object_set_new(o, "submitted_at", record_instant(p->submitted_at));
    json_object_set_new(o, "stopped_at", record_instant(p->stopped_at));
    json_object_set_new(o, "current_unit", json_string(p->current_unit));
    json_object_set_new(o, "handler", p->handler ? json_string(p->handler) : json_null());
    json_object_set_new(o, "outcome", p->outcome ? json_string(p->outcome) : json_null());
    json_object_set_new(o, "approval", json_boolean(p->approval));
    json_object_set_new(o, "proposal", p->proposal ? json_string(p->proposal) : json_null());
    json_object_set_new(o, "apologies", json_integer(p->apologies));
    json_object_set_new(o, "apology_late", json_boolean(p->apology_late));
    json_object_set_new(o, "supplement_late", json_boolean(p->supplement_late));
    json_object_set_new(o, "result_digitized", json_boolean(p->result_digitized));
    json_object_set_new(o, "paid_amount", json_integer(p->paid_amount));
    json_object_set_new(o, "rating", p->rating ? json_string(p->rating) : json_null());
    if (events) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n_events; i++)
            json_array_append_new(arr, record_event_json(&events[i]));
        json_object_set_new(o, "events", arr);
    }
    return o;
}

void dossier_json_group(json_t *o, const Dossier *d, const Dossier *children, size_t n_children,
                        const char *parent_code, int64_t now)
{
    if (d->chain) {
        json_object_set_new(o, "chain", json_string(d->chain));
        json_t *arr = json_array();
        for (size_t i = 0; i < n_children; i++) {
            const Dossier *c = &children[i];
            const char *cls = classification(c, now);
            json_array_append_new(arr,
                                  json_pack("{s:s, s:i, s:s, s:s?, s:s, s:o, s:o}", "code", c->code,
                                            "step", c->step, "procedure", c->procedure, "agency",
                                            c->agency, "state", lifecycle_state_name(c->p.state),
                                            "due_at", record_instant(c->p.due_at), "classification",
                                            cls ? json_string(cls) : json_null()));
        }
        json_object_set_new(o, "children", arr);
    }
    if (d->parent) {
        json_object_set_new(o, "parent", parent_code ? json_string(parent_code) : json_null());
        json_object_set_new(o, "step", json_integer(d->step));
        json_object_set_new(o, "agency", d->agency ? json_string(d->agency) : json_null());
    }
}
