/* notice.c: messages to applicants (see notice.h). */
#include "core/notice.h"

#include "util/timefmt.h"

#include <stdio.h>

const char *notice_for(Action a, const DossierProjection *p, const char *code, const char *reason,
                       const char *items, char *out, size_t cap)
{
    char when[TIMEFMT_VI_DATETIME_SIZE] = "";
    if (p->appointment_at)
        timefmt_format_vi_datetime(p->appointment_at, when, sizeof when);
    const char *why = reason ? reason : "";
    switch (a) {
    case ACTION_SUBMIT:
        snprintf(out, cap, "Hồ sơ %s đã được nộp trực tuyến và đang chờ cán bộ tiếp nhận.", code);
        return "submitted";
    case ACTION_RECEIVE:
        snprintf(out, cap, "Hồ sơ %s đã được tiếp nhận. Hẹn trả kết quả lúc %s.", code, when);
        return "received";
    case ACTION_REQUEST_SUPPLEMENT:
        snprintf(out, cap, "Hồ sơ %s cần bổ sung, hoàn thiện: %s%s%s", code, why,
                 items && *items ? (*why ? ". Giấy tờ cần bổ sung: " : "giấy tờ cần bổ sung: ")
                                 : "",
                 items ? items : "");
        return "supplement";
    case ACTION_REFUSE:
        snprintf(out, cap, "Hồ sơ %s không được tiếp nhận. Lý do: %s", code, why);
        return "refused";
    case ACTION_APOLOGIZE:
        snprintf(out, cap,
                 "Xin lỗi ông/bà: hồ sơ %s chưa giải quyết được đúng hẹn (%s). Hẹn lại lúc %s.",
                 code, why, when);
        return "apology";
    case ACTION_RESOLVE:
        snprintf(out, cap, "Hồ sơ %s đã có kết quả%s. Mời ông/bà nhận kết quả.", code,
                 p->outcome && p->outcome[0] == 'r' ? " (không chấp thuận)" : "");
        return "result";
    default: return NULL;
    }
}
