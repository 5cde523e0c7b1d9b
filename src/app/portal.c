/* portal.c: a dossier in the portal's terms, queued, checked and compared (see portal.h). */
#include "app/portal.h"

#include "app/record.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* time_or_null: t as the portal writes it, or JSON null when there is none. */
static json_t *time_or_null(int64_t t)
{
    if (!t)
        return json_null();
    char s[PORTAL_TIME_SIZE];
    portal_time(t, s);
    return json_string(s);
}

static json_t *components(const Dossier *d)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < d->n_components; i++) {
        char id[24];
        snprintf(id, sizeof id, "%zu", i + 1);
        json_array_append_new(arr, json_pack("{s:s, s:s, s:i}", "MaThanhPhanHoSo", id,
                                             "TenTepDinhKem", d->components[i].name, "DuocSoHoa",
                                             d->components[i].digitized ? 1 : 0));
    }
    return arr;
}

/* numbered: n objects {key: "<code>-<suffix><i>"} (the rounds and results motcua records as
 * counts and flags). */
static json_t *numbered(const char *code, const char *key, const char *suffix, int n)
{
    json_t *arr = json_array();
    for (int i = 1; i <= n; i++) {
        char id[128];
        snprintf(id, sizeof id, "%s-%s%d", code, suffix, i);
        json_array_append_new(arr, json_pack("{s:s}", key, id));
    }
    return arr;
}

/* value: the value of field f for d. */
static json_t *value(const PortalField *f, const Dossier *d)
{
    const DossierProjection *p = &d->p;
    switch (f->source) {
    case PS_CODE: return json_string(d->code);
    case PS_VERSION: return json_integer(p->n_events);
    case PS_PROCEDURE: return json_string(d->procedure);
    case PS_UNIT: return json_string(d->unit);
    case PS_APPLICANT: return d->applicant.name ? json_string(d->applicant.name) : json_null();
    case PS_RECEIVED_AT: return time_or_null(p->received_at);
    case PS_DUE_AT: return time_or_null(p->appointment_at ? p->appointment_at : p->due_at);
    case PS_RESOLVED_AT: return time_or_null(p->resolved_at ? p->resolved_at : p->stopped_at);
    case PS_RETURNED_AT: return time_or_null(p->returned_at);
    case PS_STATUS: return json_integer(lifecycle_portal_status(p->state));
    case PS_CHANNEL: return json_integer(portal_channel(d->channel));
    case PS_PAID_ONLINE: return json_integer(p->paid_online ? 1 : 0);
    case PS_FEE: return json_integer(d->fee);
    case PS_COMPONENTS: return components(d);
    case PS_RESULTS:
        return numbered(d->code, "GiayToId", "KQ", p->result_digitized != DIGITIZED_NO);
    case PS_SUPPLEMENTS: return numbered(d->code, "HoSoBoSungId", "BS", p->supplements);
    case PS_COUNT: break;
    }
    return json_null();
}

json_t *portal_record(const Dossier *d)
{
    size_t n;
    const PortalField *f = portal_fields(&n);
    json_t *o = json_object();
    for (size_t i = 0; i < n; i++)
        json_object_set_new(o, f[i].portal, value(&f[i], d));
    return o;
}

json_t *portal_progress(const Dossier *d, const Event *ev)
{
    char at[PORTAL_TIME_SIZE];
    portal_time(ev->at, at);
    return json_pack("{s:s, s:i, s:s?, s:s, s:s?, s:s, s:i, s:o}", "MaHoSo", d->code, "PhienBan",
                     d->p.n_events, "NguoiXuLy", ev->by, "ThoiDiemXuLy", at, "PhongBanXuLy",
                     d->p.current_unit, "NoiDungXuLy", lifecycle_action_label(ev->action),
                     "TrangThai", lifecycle_portal_status(d->p.state), "NgayKetThucTheoQuyDinh",
                     time_or_null(d->p.due_at));
}

/* queue renders o (whose reference it takes) and queues it as service. */
static int queue(Store *s, const Dossier *d, const char *service, json_t *o, int64_t now, Err *e)
{
    char *body = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!body)
        return err_set(e, ERR_IO, "", "Không tạo được bản ghi đồng bộ",
                       "cannot render the portal record");
    int rc = store_portal_add(s, d->code, d->p.n_events, service, body, now, e);
    free(body);
    return rc;
}

int portal_enqueue(Store *s, const Dossier *d, const Event *ev, int64_t now, Err *e)
{
    if (d->parent)
        return 0;
    int rc = queue(s, d, PORTAL_SYNC, portal_record(d), now, e);
    return rc < 0 ? rc : queue(s, d, PORTAL_PROGRESS, portal_progress(d, ev), now, e);
}

/* bad: ERR_INVALID naming field f. */
static int bad(Err *e, const char *f)
{
    return err_setf(e, ERR_INVALID, f, "Trường %s thiếu hoặc sai kiểu, sai định dạng",
                    "field %s is missing, or of a wrong type or format", f);
}

/* int_in: v is an integer within [lo, hi]. */
static bool int_in(json_t *v, json_int_t lo, json_int_t hi)
{
    return json_is_integer(v) && json_integer_value(v) >= lo && json_integer_value(v) <= hi;
}

/* time_ok: v is a portal time (or null when optional). */
static bool time_ok(json_t *v, bool required)
{
    int64_t t;
    return (!required && json_is_null(v)) || portal_time_parse(json_string_value(v), &t);
}

int portal_check_record(json_t *rec, Err *e)
{
    if (!json_is_object(rec))
        return err_set(e, ERR_INVALID, "", "Bản ghi phải là một đối tượng JSON",
                       "the record must be a JSON object");
    const char *key;
    json_t *v;
    json_object_foreach(rec, key, v)
    {
        if (!portal_field(key))
            return err_setf(e, ERR_INVALID, key, "Trường %s không có trong đặc tả",
                            "field %s is not in the specification", key);
    }
    size_t n;
    const PortalField *f = portal_fields(&n);
    for (size_t i = 0; i < n; i++) {
        v = json_object_get(rec, f[i].portal);
        if (!v || (json_is_null(v) && !f[i].required)) {
            if (f[i].required)
                return bad(e, f[i].portal);
            continue;
        }
        bool ok = true;
        switch (f[i].format) {
        case PF_TEXT:
            ok = json_is_string(v) && json_string_length(v) > 0 && json_string_length(v) <= 500;
            break;
        case PF_TIME: ok = time_ok(v, f[i].required); break;
        case PF_INT:
            ok = f[i].source == PS_STATUS        ? int_in(v, 1, 10)
                 : f[i].source == PS_CHANNEL     ? int_in(v, 1, 3)
                 : f[i].source == PS_PAID_ONLINE ? int_in(v, 0, 2)
                 : f[i].source == PS_VERSION     ? int_in(v, 1, 1000000)
                                                 : int_in(v, 0, (json_int_t)1 << 52);
            break;
        case PF_LIST: {
            size_t k;
            json_t *item;
            ok = json_is_array(v);
            json_array_foreach(v, k, item) ok &= json_is_object(item) != 0;
            break;
        }
        }
        if (!ok)
            return bad(e, f[i].portal);
    }
    return 0;
}

int portal_check_progress(json_t *up, Err *e)
{
    json_t *code = json_object_get(up, "MaHoSo");
    if (!json_is_string(code) || json_string_length(code) == 0)
        return bad(e, "MaHoSo");
    if (!int_in(json_object_get(up, "PhienBan"), 1, 1000000))
        return bad(e, "PhienBan");
    if (!time_ok(json_object_get(up, "ThoiDiemXuLy"), true))
        return bad(e, "ThoiDiemXuLy");
    if (!int_in(json_object_get(up, "TrangThai"), 1, 10))
        return bad(e, "TrangThai");
    json_t *due = json_object_get(up, "NgayKetThucTheoQuyDinh");
    if (due && !time_ok(due, false))
        return bad(e, "NgayKetThucTheoQuyDinh");
    return 0;
}

/* any_digitized: some paper of list has DuocSoHoa 1. */
static bool any_digitized(json_t *list)
{
    size_t k;
    json_t *item;
    json_array_foreach(list, k, item) if (json_integer_value(json_object_get(item, "DuocSoHoa")) ==
                                          1) return true;
    return false;
}

unsigned portal_indicators(json_t *rec)
{
    unsigned bits = 0;
    if (json_is_string(json_object_get(rec, "NgayTiepNhan")))
        bits |= 1u << PI_SYNCED;
    if (json_integer_value(json_object_get(rec, "KenhThucHien")) == 2)
        bits |= 1u << PI_ONLINE;
    json_int_t paid = json_integer_value(json_object_get(rec, "DuocThanhToanTrucTuyen"));
    if (paid == 1 || paid == 2)
        bits |= 1u << PI_PAID_ONLINE;
    if (json_array_size(json_object_get(rec, "DanhSachGiayToKetQua")) > 0)
        bits |= 1u << PI_E_RESULT;
    if (any_digitized(json_object_get(rec, "TaiLieuNop")))
        bits |= 1u << PI_DIGITIZED;
    return bits;
}

const char *portal_differs(json_t *ours, json_t *theirs)
{
    if (!theirs)
        return "MaHoSo";
    size_t n;
    const PortalField *f = portal_fields(&n);
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_object_get(ours, f[i].portal), *y = json_object_get(theirs, f[i].portal);
        bool xn = !x || json_is_null(x), yn = !y || json_is_null(y);
        if (xn != yn || (!xn && !json_equal(x, y)))
            return f[i].portal;
    }
    return NULL;
}

const char *portal_lookup_query(Arena *a, int32_t from, int32_t to)
{
    char f[PORTAL_TIME_SIZE], t[PORTAL_TIME_SIZE];
    portal_time(timefmt_local_instant(from, 0), f);
    portal_time(timefmt_local_instant(to, 0), t);
    f[8] = t[8] = '\0';
    json_t *q = json_pack("{s:s, s:s}", "TuNgay", f, "DenNgay", t);
    const char *text = record_text(a, q);
    return text;
}

/* tally counts rec in the status and indicator counts. */
static void tally(json_t *rec, long status[11], long indicator[PI_COUNT])
{
    json_int_t st = json_integer_value(json_object_get(rec, "TrangThaiHoSo"));
    if (st >= 1 && st <= 10)
        status[st]++;
    unsigned bits = portal_indicators(rec);
    for (int i = 0; i < PI_COUNT; i++)
        indicator[i] += (bits >> i) & 1u;
}

/* add_diff appends a differing dossier to out (the array grows from a). */
static void add_diff(Arena *a, PortalReconcile *out, size_t *cap, const char *code,
                     const char *field, bool ours_missing)
{
    if (out->n_diffs == *cap) {
        size_t n = *cap ? *cap * 2 : 64;
        PortalDiff *more = arena_array(a, n, sizeof *more);
        if (out->n_diffs)
            memcpy(more, out->diffs, out->n_diffs * sizeof *more);
        out->diffs = more;
        *cap = n;
    }
    out->diffs[out->n_diffs++] = (PortalDiff){arena_strdup(a, code), field, ours_missing};
}

int portal_reconcile(Store *s, Arena *a, int32_t from, int32_t to, const char *unit, json_t *theirs,
                     PortalReconcile *out, Err *e)
{
    *out = (PortalReconcile){0};
    json_t *list = json_object_get(theirs, "DanhSach");
    if (!json_is_array(list))
        return err_set(e, ERR_INVALID, "portal", "Cổng DVCQG không trả danh sách hồ sơ",
                       "the portal's answer has no list of dossiers");
    /* the portal's records of the period under unit, by code */
    json_t *held = json_object();
    size_t i, cap = 0;
    json_t *rec;
    int rc = 0;
    json_array_foreach(list, i, rec)
    {
        const char *code = json_string_value(json_object_get(rec, "MaHoSo"));
        const char *u = json_string_value(json_object_get(rec, "MaDonVi"));
        int within = 1;
        if (!code || !u)
            continue;
        if (unit && (rc = store_unit_within(s, u, unit, &within, e)) < 0)
            break;
        if (within)
            json_object_set(held, code, rec);
    }
    DossierQuery q = {.under = unit,
                      .received_from = timefmt_local_instant(from, 0),
                      .received_to = timefmt_local_instant(to + 1, 0),
                      .limit = 500};
    for (size_t n = q.limit; rc == 0 && n == q.limit;) {
        Arena *page = arena_new();
        Dossier *ds;
        if ((rc = dossiers_search(s, page, &q, &ds, &n, e)) == 0) {
            for (size_t k = 0; k < n; k++) {
                q.after = ds[k].id;
                if (ds[k].parent)
                    continue;
                json_t *ours = portal_record(&ds[k]);
                json_t *their = json_object_get(held, ds[k].code);
                out->compared++;
                tally(ours, out->ours_status, out->ours_indicator);
                const char *field = portal_differs(ours, their);
                if (field)
                    add_diff(a, out, &cap, ds[k].code, field, false);
                json_decref(ours);
                json_object_del(held, ds[k].code);
            }
        }
        arena_free(page);
    }
    json_array_foreach(list, i, rec)
    {
        const char *code = json_string_value(json_object_get(rec, "MaHoSo"));
        int within = 1;
        const char *u = json_string_value(json_object_get(rec, "MaDonVi"));
        if (!code || !u || (unit && (store_unit_within(s, u, unit, &within, e) < 0 || !within)))
            continue;
        tally(rec, out->theirs_status, out->theirs_indicator);
        if (rc == 0 && json_object_get(held, code))
            add_diff(a, out, &cap, code, "MaHoSo", true);
    }
    json_decref(held);
    return rc;
}
