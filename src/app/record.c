/* record.c: the typed records in JSON and back (see record.h). One reader and one writer per
 * field kind; which fields an event has comes from the action table (core/lifecycle). */
#include "app/record.h"

#include "app/jsonv.h"
#include "core/dossier_code.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ITEM_MAX_BYTES = 500, NAME_MAX_BYTES = 200, COMPONENTS_MAX = 100 };

/* at: where field f lives in ev. */
#define AT(type, ev, f)       ((type *)(void *)((char *)(ev) + (f)->offset))
#define AT_CONST(type, ev, f) ((const type *)(const void *)((const char *)(ev) + (f)->offset))

/* read_list reads a list of 1..max non-empty texts (NFC, at most ITEM_MAX_BYTES each). */
static int read_list(Arena *a, json_t *v, const ActionField *f, TextList *out, Err *e)
{
    size_t n = json_is_array(v) ? json_array_size(v) : 0;
    int ok = n >= 1 && n <= f->max;
    const char **items = arena_array(a, n + 1, sizeof *items);
    for (size_t i = 0; ok && i < n; i++) {
        json_t *holder = json_pack("{s:O}", f->name, json_array_get(v, i));
        ok = jsonv_text(a, holder, f->name, 1, ITEM_MAX_BYTES, &items[i], NULL) == 0;
        json_decref(holder);
    }
    if (!ok)
        return err_setf(e, ERR_INVALID, f->name,
                        "Trường %s phải là danh sách 1–100 mục, mỗi mục là chữ (tối đa 500 byte)",
                        "field %s must be a list of 1-100 texts of at most 500 bytes", f->name);
    *out = (TextList){items, n};
    return 0;
}

/* read_instant reads an ISO 8601 instant with its offset. */
static int read_instant(Arena *a, json_t *o, const char *key, bool required, int64_t *out, Err *e)
{
    const char *text;
    int rc = jsonv_str(a, o, key, required, 40, &text, e);
    if (rc < 0 || !text)
        return rc;
    if (timefmt_parse_instant(text, strlen(text), e, out) < 0)
        return err_setf(e, ERR_INVALID, key, "Trường %s phải là thời điểm ISO 8601 có múi giờ",
                        "field %s must be an ISO 8601 instant with an offset", key);
    return 0;
}

/* read_field reads field f of o into ev (absent: left zero). */
static int read_field(Arena *a, json_t *o, const ActionField *f, Event *ev, Err *e)
{
    json_t *v = json_object_get(o, f->name);
    if (!v || json_is_null(v))
        return 0;
    int flag = 0, rc;
    switch (f->kind) {
    case FIELD_TEXT:
    case FIELD_OFFICER:
    case FIELD_COMPONENT: return jsonv_str(a, o, f->name, 0, f->max, AT(const char *, ev, f), e);
    case FIELD_PARAGRAPH: return jsonv_text(a, o, f->name, 0, f->max, AT(const char *, ev, f), e);
    case FIELD_UNIT: {
        const char **to = AT(const char *, ev, f);
        if ((rc = jsonv_str(a, o, f->name, 0, f->max, to, e)) < 0)
            return rc;
        if (*to && !dossier_code_unit_valid(*to))
            return err_setf(e, ERR_INVALID, f->name, "Mã đơn vị không hợp lệ: %s",
                            "invalid unit code: %s", *to);
        return 0;
    }
    case FIELD_CHOICE: return jsonv_enum(o, f->name, 0, f->choices, AT(const char *, ev, f), e);
    case FIELD_LIST: return read_list(a, v, f, AT(TextList, ev, f), e);
    case FIELD_MONEY: return jsonv_int(o, f->name, 0, 0, 1000000000000LL, AT(int64_t, ev, f), e);
    case FIELD_FLAG:
        if ((rc = jsonv_bool(o, f->name, 0, &flag, e)) == 0)
            *AT(bool, ev, f) = flag;
        return rc;
    case FIELD_INSTANT: return read_instant(a, o, f->name, false, AT(int64_t, ev, f), e);
    }
    return 0;
}

int record_event_read(Arena *a, json_t *o, bool meta, Event *out, Err *e)
{
    const char *names[ACTION_COUNT + 1];
    for (int i = 0; i < ACTION_COUNT; i++)
        names[i] = lifecycle_action_name((Action)i);
    names[ACTION_COUNT] = NULL;
    if (!json_is_object(o))
        return err_set(e, ERR_INVALID, "events", "Mỗi sự kiện phải là một đối tượng JSON",
                       "each event must be a JSON object");
    const char *action;
    int rc = jsonv_enum(o, "action", 1, names, &action, e);
    if (rc < 0)
        return rc;
    Event ev = {.action = (Action)lifecycle_action_parse(action)};
    const ActionSpec *spec = lifecycle_action(ev.action);
    const char *keys[16];
    size_t k = 0;
    keys[k++] = "action";
    if (meta) {
        keys[k++] = "id";
        keys[k++] = "at";
        keys[k++] = "by";
    }
    for (size_t i = 0; i < spec->n_fields && k < 15; i++)
        keys[k++] = spec->fields[i].name;
    keys[k] = NULL;
    if ((rc = jsonv_only(o, keys, e)) < 0)
        return rc;
    if (meta && ((rc = jsonv_str(a, o, "id", 1, 64, &ev.id, e)) < 0 ||
                 (rc = read_instant(a, o, "at", true, &ev.at, e)) < 0 ||
                 (rc = jsonv_str(a, o, "by", 0, 128, &ev.by, e)) < 0))
        return rc;
    for (size_t i = 0; i < spec->n_fields; i++)
        if ((rc = read_field(a, o, &spec->fields[i], &ev, e)) < 0)
            return rc;
    *out = ev;
    return 0;
}

/* field_json is the value of field f of ev, or NULL when it is not given. */
static json_t *field_json(const Event *ev, const ActionField *f)
{
    switch (f->kind) {
    case FIELD_LIST: {
        const TextList *l = AT_CONST(TextList, ev, f);
        if (!l->n)
            return NULL;
        json_t *arr = json_array();
        for (size_t i = 0; i < l->n; i++)
            json_array_append_new(arr, json_string(l->v[i]));
        return arr;
    }
    case FIELD_MONEY: {
        int64_t n = *AT_CONST(int64_t, ev, f);
        return n ? json_integer(n) : NULL;
    }
    case FIELD_FLAG: return *AT_CONST(bool, ev, f) ? json_true() : NULL;
    case FIELD_INSTANT: {
        int64_t t = *AT_CONST(int64_t, ev, f);
        return t ? record_instant(t) : NULL;
    }
    default: {
        const char *s = *AT_CONST(const char *, ev, f);
        return s ? json_string(s) : NULL;
    }
    }
}

json_t *record_event_fields(const Event *ev)
{
    const ActionSpec *spec = lifecycle_action(ev->action);
    json_t *o = json_object();
    for (size_t i = 0; spec && i < spec->n_fields; i++) {
        json_t *v = field_json(ev, &spec->fields[i]);
        if (v)
            json_object_set_new(o, spec->fields[i].name, v);
    }
    return o;
}

const char *record_event_payload(Arena *a, const Event *ev)
{
    json_t *o = record_event_fields(ev);
    char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    const char *r = arena_strdup(a, text);
    free(text);
    return r;
}

json_t *record_event_json(const Event *ev)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", ev->id ? json_string(ev->id) : json_null());
    json_object_set_new(o, "at", record_instant(ev->at));
    json_object_set_new(o, "action", json_string(lifecycle_action_name(ev->action)));
    if (ev->by)
        json_object_set_new(o, "by", json_string(ev->by));
    json_t *fields = record_event_fields(ev);
    json_object_update(o, fields);
    json_decref(fields);
    return o;
}

int record_event_decode(Arena *a, const StoredEvent *row, Event *out, Err *e)
{
    json_t *o;
    int rc = jsonv_parse(row->payload, strlen(row->payload), &o, e);
    if (rc < 0)
        return rc;
    json_object_set_new(o, "action", json_string(row->action));
    rc = record_event_read(a, o, false, out, e);
    json_decref(o);
    if (rc < 0)
        return rc;
    out->id = row->event_id;
    out->at = row->at;
    out->by = row->by;
    return 0;
}

static bool same_text(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

bool record_event_same(const Event *x, const Event *y)
{
    if (x->action != y->action || x->at != y->at || !same_text(x->by, y->by))
        return false;
    const ActionSpec *spec = lifecycle_action(x->action);
    for (size_t i = 0; spec && i < spec->n_fields; i++) {
        json_t *vx = field_json(x, &spec->fields[i]), *vy = field_json(y, &spec->fields[i]);
        bool same = (!vx && !vy) || (vx && vy && json_equal(vx, vy));
        json_decref(vx);
        json_decref(vy);
        if (!same)
            return false;
    }
    return true;
}

/* check_number accepts an optional leading '+' (phone) then up to 20 characters of digits
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

/* read_identity reads an applicant's "identity": {"source" (the register's URL), "at"}. */
static int read_identity(Arena *a, json_t *ap, Applicant *d, Err *e)
{
    static const char *const keys[] = {"source", "at", NULL};
    json_t *o = json_object_get(ap, "identity");
    const char *at = NULL;
    int rc;
    if (!o || json_is_null(o))
        return 0;
    if (!json_is_object(o) || (rc = jsonv_only(o, keys, e)) < 0 ||
        (rc = jsonv_str(a, o, "source", 1, 500, &d->identity_source, e)) < 0 ||
        (rc = jsonv_str(a, o, "at", 1, 40, &at, e)) < 0 ||
        timefmt_parse_instant(at, strlen(at), e, &d->identity_at) < 0)
        return err_set(e, ERR_INVALID, "identity",
                       "identity phải là {\"source\", \"at\"} (thời điểm ISO 8601)",
                       "identity must be {\"source\", \"at\"} (an ISO 8601 instant)");
    return 0;
}

int record_applicant_read(Arena *a, json_t *ap, bool identity, Applicant *out, Err *e)
{
    static const char *const keys[] = {"name",  "id_number",  "phone",    "address",
                                       "email", "birth_date", "identity", NULL};
    if (!json_is_object(ap))
        return err_set(e, ERR_INVALID, "applicant", "Thiếu thông tin người nộp (applicant)",
                       "applicant must be an object");
    if (!identity && json_object_get(ap, "identity"))
        return err_set(e, ERR_INVALID, "identity",
                       "Chỉ hệ thống ghi nguồn định danh (identity) khi tra cứu CSDL dân cư",
                       "only the server records an identity, from the population register");
    Applicant d = {0};
    int32_t born;
    int rc;
    if ((rc = jsonv_only(ap, keys, e)) < 0 ||
        (rc = jsonv_str(a, ap, "birth_date", 0, 10, &d.birth_date, e)) < 0)
        return rc;
    if (d.birth_date && timefmt_parse_date(d.birth_date, strlen(d.birth_date), NULL, &born) < 0)
        return err_set(e, ERR_INVALID, "birth_date", "Ngày sinh phải có dạng YYYY-MM-DD",
                       "birth_date must be a date YYYY-MM-DD");
    if ((rc = read_identity(a, ap, &d, e)) < 0 ||
        (rc = jsonv_str(a, ap, "name", 1, NAME_MAX_BYTES, &d.name, e)) < 0 ||
        (rc = jsonv_str(a, ap, "id_number", 0, 20, &d.id_number, e)) < 0 ||
        (rc = check_number(d.id_number, "id_number", 0, e)) < 0 ||
        (rc = jsonv_str(a, ap, "phone", 0, 20, &d.phone, e)) < 0 ||
        (rc = check_number(d.phone, "phone", 1, e)) < 0 ||
        (rc = jsonv_str(a, ap, "address", 0, 500, &d.address, e)) < 0 ||
        (rc = jsonv_str(a, ap, "email", 0, 254, &d.email, e)) < 0)
        return rc;
    if (d.email && !strchr(d.email, '@'))
        return err_set(e, ERR_INVALID, "email", "Địa chỉ thư điện tử không hợp lệ",
                       "invalid e-mail address");
    if (!d.id_number && !d.phone)
        return err_set(e, ERR_INVALID, "phone",
                       "Cần số điện thoại hoặc số định danh để người nộp tra cứu hồ sơ",
                       "a phone or identity number is needed for the applicant's look-up");
    *out = d;
    return 0;
}

json_t *record_applicant_json(const Applicant *ap)
{
    json_t *o = json_object();
    const char *fields[][2] = {{"name", ap->name},   {"id_number", ap->id_number},
                               {"phone", ap->phone}, {"address", ap->address},
                               {"email", ap->email}, {"birth_date", ap->birth_date}};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i][1])
            json_object_set_new(o, fields[i][0], json_string(fields[i][1]));
    if (ap->identity_source)
        json_object_set_new(o, "identity",
                            json_pack("{s:s, s:o}", "source", ap->identity_source, "at",
                                      record_instant(ap->identity_at)));
    return o;
}

int record_components_read(Arena *a, json_t *arr, DossierComponent **out, size_t *out_n, Err *e)
{
    static const char *const keys[] = {"name", "digitized", NULL};
    *out = NULL;
    *out_n = 0;
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) > COMPONENTS_MAX)
        return err_set(e, ERR_INVALID, "components",
                       "Trường components phải là danh sách (tối đa 100 thành phần)",
                       "components must be an array of at most 100 items");
    size_t n = json_array_size(arr), i;
    DossierComponent *cs = arena_array(a, n + 1, sizeof *cs);
    json_t *c;
    json_array_foreach(arr, i, c)
    {
        int dig = 0, rc;
        if (!json_is_object(c))
            return err_set(e, ERR_INVALID, "components", "Mỗi thành phần hồ sơ phải là đối tượng",
                           "each component must be an object");
        if ((rc = jsonv_only(c, keys, e)) < 0 ||
            (rc = jsonv_str(a, c, "name", 1, 500, &cs[i].name, e)) < 0 ||
            (rc = jsonv_bool(c, "digitized", 0, &dig, e)) < 0)
            return rc;
        cs[i].digitized = dig;
    }
    *out = cs;
    *out_n = n;
    return 0;
}

json_t *record_components_json(const DossierComponent *c, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            arr, json_pack("{s:s, s:b}", "name", c[i].name, "digitized", (int)c[i].digitized));
    return arr;
}

const char *record_text(Arena *a, json_t *o)
{
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    const char *r = arena_strdup(a, text ? text : "");
    free(text);
    return r;
}

json_t *record_instant(int64_t t)
{
    if (!t)
        return json_null();
    char buf[TIMEFMT_INSTANT_SIZE];
    timefmt_format_instant(t, buf, sizeof buf);
    return json_string(buf);
}
