/* admin_devices.c: the administrator's rating devices screen: GET /quan-tri/thiet-bi (the
 * devices in use of the admin's unit and below, with the queue counter each stands at), POST
 * /quan-tri/thiet-bi (register one, for a unit or at a counter: the answer shows its token
 * once, with the address and QR code that set up the counter's tablet, /may-danh-gia?token=)
 * and POST /quan-tri/thiet-bi/{id}/thu-hoi (take one out of use). Writes go through
 * web/actions as the API's (api/devices.c). */
#include "web/pages/pages.h"

#include "io/qr.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

/* What the page shows besides the list: the device just registered, or a failed post. */
typedef struct DevicesView {
    const DeviceNew *made;
    const DeviceNew *failed;
} DevicesView;

/* counter_name is the name of counter id among counters[0..n) ("" when none). */
static const char *counter_name(const QueueCounter *counters, size_t n, int64_t id)
{
    for (size_t i = 0; id && i < n; i++)
        if (counters[i].id == id)
            return counters[i].name;
    return "";
}

static void devices_table(StrBuf *sb, Request *req, const AdminUnits *au, const Device *ds,
                          size_t n, const QueueCounter *counters, size_t n_counters)
{
    html(sb, "<h2>Thiết bị đánh giá đang dùng</h2>\n<div class=\"table-wrap\"><table>\n<thead>"
             "<tr><th scope=\"col\">Số</th><th scope=\"col\">Tên</th><th scope=\"col\">Đơn vị"
             "</th><th scope=\"col\">Quầy</th><th scope=\"col\">Ngày đăng ký</th><th "
             "scope=\"col\"><span class=\"muted\">Thao tác</span></th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const Unit *u = admin_unit_find(au, ds[i].unit);
        html(sb, "<tr><td>%" PRId64 "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
             ds[i].id, ds[i].name, u ? u->name : ds[i].unit,
             counter_name(counters, n_counters, ds[i].counter),
             html_datetime(req->arena, ds[i].created_at));
        html(sb, "<form class=\"inline\" method=\"post\" action=\"%s\">",
             html_path(req->arena, "/quan-tri/thiet-bi/%" PRId64 "/thu-hoi", ds[i].id));
        page_csrf(sb, req);
        html(sb, "<button type=\"submit\" class=\"secondary\">Thu hồi</button></form></td></tr>\n");
    }
    if (n == 0)
        html(sb, "<tr><td colspan=\"6\">Chưa có thiết bị đánh giá nào.</td></tr>\n");
    html(sb, "</tbody></table></div>\n");
}

static void add_form(StrBuf *sb, Request *req, const AdminUnits *au, const DevicesView *v,
                     const QueueCounter *counters, size_t n_counters)
{
    const DeviceNew *d = v->failed;
    const Err *err = d ? &req->err : NULL;
    html(sb, "<h2 id=\"them\">Đăng ký thiết bị đánh giá</h2>\n<form class=\"stack\" "
             "method=\"post\" action=\"/quan-tri/thiet-bi\">");
    page_csrf(sb, req);
    widget_input(sb, &(Widget){.id = "d-name",
                               .name = "name",
                               .label = "Tên thiết bị",
                               .value = d ? d->name : NULL,
                               .maxlength = 128,
                               .required = 1,
                               .err = err});
    Widget w = {.id = "d-counter",
                .name = "counter",
                .label = "Đặt tại quầy",
                .hint = "Máy tính bảng tại quầy hỏi ý kiến sau mỗi lượt phục vụ",
                .err = err};
    widget_select_begin(sb, &w);
    for (size_t i = 0; i < n_counters; i++)
        html_option(sb, counters[i].code, counters[i].name, d ? d->counter : NULL);
    widget_select_end(sb, &w);
    w = (Widget){
        .id = "d-unit", .name = "unit", .label = "Đơn vị (khi không đặt tại quầy nào)", .err = err};
    widget_select_begin(sb, &w);
    admin_unit_options(sb, au, d ? d->unit : NULL);
    widget_select_end(sb, &w);
    html(sb, "<div><button type=\"submit\">Đăng ký</button></div></form>\n");
}

static int devices_page(Request *req, Response *res, const AdminUnits *au, const DevicesView *v,
                        int status)
{
    Device *ds;
    QueueCounter *counters;
    size_t n, n_counters;
    Store *s = req_store(req);
    int rc = store_device_list(s, req->arena, req->who.unit, &ds, &n, &req->err);
    if (rc < 0 || (rc = store_queue_counter_list(s, req->arena, req->who.unit, &counters,
                                                 &n_counters, &req->err)) < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Thiết bị đánh giá", "/quan-tri/thiet-bi");
    admin_notice(&sb, req);
    admin_form_error(&sb, req);
    if (v->made) {
        const char *setup = html_url(req->arena, "/may-danh-gia", "token", v->made->token, NULL);
        html(&sb,
             "<div class=\"notice\" role=\"status\"><p>Đã đăng ký thiết bị số %" PRId64 " “%s”. "
             "Mã của thiết bị chỉ hiện một lần: mở địa chỉ dưới đây (hoặc quét mã QR) trên máy "
             "tính bảng đó để cài đặt.</p><p><code class=\"token\" id=\"device-token\">%s</code>"
             "</p><p><a id=\"device-setup\" href=\"%s\">%s</a></p>",
             v->made->out.id, v->made->out.name, v->made->token, setup, setup);
        Err ignored;
        qr_svg(&sb, arena_printf(req->arena, "%s%s", page_base_url(req), setup), 3, &ignored);
        html(&sb, "</div>\n");
    }
    devices_table(&sb, req, au, ds, n, counters, n_counters);
    add_form(&sb, req, au, v, counters, n_counters);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_admin_devices(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0)
        return rc;
    return devices_page(req, res, &au, &(DevicesView){0}, 200);
}

int page_admin_device_add(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    DeviceNew *d = arena_array(req->arena, 1, sizeof *d);
    *d = (DeviceNew){.arena = req->arena,
                     .name = form_get(req, "name"),
                     .counter = admin_form_opt(req, "counter"),

                     .by = req->who.name,
                     .now = req_now(req)};
    QueueCounter c;
    Err ignored;
    if (!d->counter) /* the unit chosen serves only a device at no counter */
        d->unit = admin_form_opt(req, "unit");
    else if (store_queue_counter_get(req_store(req), req->arena, d->counter, &c, &ignored) == 0)
        d->unit = c.unit; /* a counter's device is of the counter's unit */
    else
        rc = req_fail(req, ERR_INVALID, "counter", "Không có quầy này", "no such counter");
    if (rc == 0 && (!d->unit || !admin_unit_find(&au, d->unit)))
        rc = req_fail(req, ERR_FORBIDDEN, "unit", "Đơn vị này không thuộc phạm vi quản lý",
                      "this unit is outside your scope");
    if (rc == 0 && (rc = req_write(req, actions_write_device, d)) == 0)
        return devices_page(req, res, &au, &(DevicesView){.made = d}, 201);
    return devices_page(req, res, &au, &(DevicesView){.failed = d}, http_status(rc));
}

int page_admin_device_revoke(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0)
        return rc;
    char *end;
    errno = 0;
    long long id = strtoll(req->params[0], &end, 10);
    Device d;
    if (errno || *end || id <= 0 ||
        store_device_get(req_store(req), req->arena, id, &d, &req->err) < 0 ||
        !admin_unit_find(&au, d.unit)) /* another unit's: as if none */
        rc = req_fail(req, ERR_NOT_FOUND, "id", "Không có thiết bị này", "no such device");
    DeviceRevoke r = {id, req_now(req)};
    if (rc == 0 && (rc = req_write(req, actions_write_device_revoke, &r)) == 0)
        return admin_redirect(req, res, "/quan-tri/thiet-bi", NULL, NULL, "thu-hoi-thiet-bi",
                              req->params[0]);
    return devices_page(req, res, &au, &(DevicesView){0}, http_status(rc));
}
