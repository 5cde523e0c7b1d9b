/* accesslog.c: reading the access log for leaders (see accesslog.h). */
#include "web/accesslog.h"

#include "util/timefmt.h"
#include "web/auth.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* day_of reads a local day "YYYY-MM-DD" (absent or "": dflt) into *out. */
static int day_of(Request *req, const char *v, const char *param, int32_t dflt, int32_t *out)
{
    Err ignored;
    if (!v || !*v) {
        *out = dflt;
        return 0;
    }
    if (timefmt_parse_date(v, strlen(v), &ignored, out) < 0)
        return req_fail(req, ERR_INVALID, param, "Ngày phải có dạng YYYY-MM-DD",
                        "a date must be YYYY-MM-DD");
    return 0;
}

int accesslog_read(Request *req, const AccessParams *p, AccessQuery *q)
{
    *q = (AccessQuery){.unit = req_query(req, p->unit),
                       .from = req_query(req, p->from),
                       .to = req_query(req, p->to),
                       .before = req_query(req, p->cursor)};
    if (q->unit && !*q->unit)
        q->unit = NULL;
    int rc = auth_require(req, PERM_ACCESS_LOG, q->unit);
    if (rc < 0)
        return rc;
    if (!q->unit)
        q->unit = req->who.unit;
    int32_t today = timefmt_local_day(req_now(req));
    q->to_day = today; /* what a form shows again when a date is malformed */
    q->from_day = today - 29;
    int64_t before = 0;
    if ((rc = day_of(req, q->to, p->to, today, &q->to_day)) < 0 ||
        (rc = day_of(req, q->from, p->from, q->to_day - 29, &q->from_day)) < 0)
        return rc;
    if (q->from_day > q->to_day)
        return req_fail(req, ERR_INVALID, p->from, "Ngày bắt đầu sau ngày kết thúc",
                        "the first day is after the last");
    if (q->before && *q->before) {
        char *end;
        errno = 0;
        before = strtoll(q->before, &end, 10);
        if (errno || *end || before <= 0)
            return req_fail(req, ERR_INVALID, p->cursor, "Vị trí trang không hợp lệ",
                            "invalid cursor");
    }
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    if ((rc = store_access_log_list(s, req->arena, q->unit, timefmt_local_instant(q->from_day, 0),
                                    timefmt_local_instant(q->to_day + 1, 0), before, ACCESSLOG_PAGE,
                                    &q->rows, &q->n, &req->err)) < 0)
        return rc;
    q->next = q->n == ACCESSLOG_PAGE ? q->rows[q->n - 1].id : 0;
    return 0;
}

const char *accesslog_what_label(Arena *a, const char *what)
{
    static const struct {
        const char *what, *label;
    } labels[] = {
        {"view", "Xem hồ sơ"},
        {"document", "Tải tài liệu của hồ sơ"},
        {"receipt", "In biên lai thu phí, lệ phí"},
        {"search", "Tìm hồ sơ"},
        {"worklist", "Danh sách hồ sơ của tôi"},
        {"counter", "Danh sách tại quầy một cửa"},
        {"ledger", "In sổ theo dõi hồ sơ"},
        {"reusable", "Tìm kết quả để dùng lại theo số định danh"},
        {"export", "Xuất dữ liệu (dòng lệnh)"},
    };
    for (size_t i = 0; what && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(what, labels[i].what) == 0)
            return labels[i].label;
    if (what && strncmp(what, "form-", 5) == 0)
        return arena_printf(a, "In Mẫu %s", what + 5);
    return what ? what : "";
}
