/* admin.c: what the administrator's screens share (see admin.h). */
#include "web/pages/admin.h"

#include "io/html.h"
#include "io/interchange.h"
#include "web/form.h"
#include "web/pages/layout.h"

#include <stdlib.h>
#include <string.h>

/* A unit's place in the parent index: children of a unit are contiguous. */
typedef struct ParentKey {
    const char *parent, *code;
    size_t index;
} ParentKey;

/* by_parent orders keys by parent code (no parent first), then by code. */
static int by_parent(const void *pa, const void *pb)
{
    const ParentKey *a = pa, *b = pb;
    int c = strcmp(a->parent, b->parent);
    return c ? c : strcmp(a->code, b->code);
}

/* first_child returns the position in keys[0..n) of the first unit whose parent is code. */
static size_t first_child(const ParentKey *keys, size_t n, const char *code)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(keys[mid].parent, code) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int admin_units_load(Request *req, AdminUnits *out)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Unit *all;
    size_t n;
    int rc = store_unit_list(s, req->arena, &all, &n, &req->err);
    if (rc < 0)
        return rc;
    /* a depth-first walk from the admin's unit, each unit at most once (parent links from an
     * import may form a cycle) */
    ParentKey *keys = arena_array(req->arena, n ? n : 1, sizeof *keys);
    size_t root = n;
    for (size_t i = 0; i < n; i++) {
        keys[i] = (ParentKey){all[i].parent ? all[i].parent : "", all[i].code, i};
        if (strcmp(all[i].code, req->who.unit) == 0)
            root = i;
    }
    qsort(keys, n, sizeof *keys, by_parent);
    AdminUnits au = {arena_array(req->arena, n ? n : 1, sizeof(Unit)),
                     arena_array(req->arena, n ? n : 1, sizeof(int)), 0};
    if (root < n) {
        unsigned char *seen = arena_alloc(req->arena, n);
        memset(seen, 0, n);
        size_t *stack = arena_array(req->arena, n, sizeof *stack);
        int *depth = arena_array(req->arena, n, sizeof *depth);
        size_t top = 0;
        stack[top] = root;
        depth[top++] = 0;
        seen[root] = 1;
        while (top) {
            top--;
            size_t u = stack[top];
            int d = depth[top];
            au.units[au.n] = all[u];
            au.depth[au.n++] = d;
            /* push the children in reverse so that they come out in code order */
            size_t from = first_child(keys, n, all[u].code), to = from;
            while (to < n && strcmp(keys[to].parent, all[u].code) == 0)
                to++;
            for (size_t k = to; k > from; k--) {
                size_t c = keys[k - 1].index;
                if (seen[c])
                    continue;
                seen[c] = 1;
                stack[top] = c;
                depth[top++] = d + 1;
            }
        }
    }
    *out = au;
    return 0;
}

const Unit *admin_unit_find(const AdminUnits *au, const char *code)
{
    for (size_t i = 0; code && i < au->n; i++)
        if (strcmp(au->units[i].code, code) == 0)
            return &au->units[i];
    return NULL;
}

const char *admin_unit_indent(const AdminUnits *au, size_t i)
{
    static const char *const dashes[] = {"", "— ", "— — ", "— — — ", "— — — — "};
    int d = au->depth[i];
    return dashes[d < 0 ? 0 : d > 4 ? 4 : d];
}

void admin_unit_options(StrBuf *sb, const AdminUnits *au, const char *selected)
{
    for (size_t i = 0; i < au->n; i++) {
        const Unit *u = &au->units[i];
        int on = selected && strcmp(selected, u->code) == 0;
        html(sb, "<option value=\"%s\"%s>%s%s</option>", u->code, on ? " selected" : "",
             admin_unit_indent(au, i), u->name);
    }
}

int admin_is_province(Request *req)
{
    Unit u;
    Err ignore;
    return store_unit_get(req_store(req), req->arena, req->who.unit, &u, &ignore) == 0 &&
           strcmp(u.level, "province") == 0;
}

void admin_form_error(StrBuf *sb, Request *req)
{
    if (req->err.code)
        page_notice(sb, req->err.message, 1);
}

/* What a redirect back says: the `xong` query value -> the message before the `ten` value. */
static const struct {
    const char *key, *message;
} done_messages[] = {
    {"them", "Đã thêm người dùng"},
    {"mat-khau", "Đã đặt lại mật khẩu của"},
    {"thong-tin", "Đã lưu thông tin của"},
    {"khoa", "Đã khóa tài khoản"},
    {"mo-khoa", "Đã mở khóa tài khoản"},
    {"thu-hoi", "Đã thu hồi mã truy cập số"},
    {"don-vi", "Đã lưu đơn vị"},
    {"gio", "Đã lưu giờ làm việc của đơn vị"},
    {"thu-tuc", "Đã lưu thủ tục"},
    {"lich", "Đã nạp lịch nghỉ năm"},
    {"sap-xep", "Đã ghi thao tác sắp xếp đơn vị số"},
    {"thu-hoi-thiet-bi", "Đã thu hồi thiết bị đánh giá số"},
    {"nhap-cts", "Đã nhập chứng thư số của đơn vị"},
    {"thu-hoi-cts", "Đã thu hồi chứng thư số số"},
    {"lien-thong", "Đã lưu nhóm liên thông"},
    {"co-quan", "Đã lưu cơ quan liên thông"},
    {"nhom-quay", "Đã lưu nhóm quầy"},
    {"quay", "Đã lưu quầy"},
};

void admin_notice(StrBuf *sb, Request *req)
{
    const char *done = req_query(req, "xong"), *name = req_query(req, "ten");
    for (size_t i = 0; done && i < sizeof done_messages / sizeof done_messages[0]; i++) {
        if (strcmp(done, done_messages[i].key) != 0)
            continue;
        html(sb, "<p class=\"notice\" role=\"status\">%s", done_messages[i].message);
        if (name && *name)
            html(sb, " %s", name);
        html(sb, ".</p>\n");
    }
}

int admin_redirect(Request *req, Response *res, const char *path, const char *key,
                   const char *value, const char *done, const char *name)
{
    res_redirect(res, key ? html_url(req->arena, path, key, value, "xong", done, "ten", name, NULL)
                          : html_url(req->arena, path, "xong", done, "ten", name, NULL));
    return 0;
}

const char *admin_form_opt(Request *req, const char *name)
{
    const char *v = form_get(req, name);
    return v && *v ? v : NULL;
}

void admin_set_opt(json_t *o, const char *key, const char *value)
{
    if (value)
        json_object_set_new(o, key, json_string(value));
}

int admin_write_record(Store *s, void *ctx, Err *e)
{
    Arena *a = arena_new();
    int rc = interchange_apply_record(s, a, ctx, e);
    arena_free(a);
    return rc;
}
