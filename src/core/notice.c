/* notice.c: messages to applicants (see notice.h). */
#include "core/notice.h"

#include "core/lookup_key.h"
#include "util/timefmt.h"

const char *notice_for(const Event *ev, const DossierProjection *p, const char *code, StrBuf *out)
{
    char when[TIMEFMT_VI_DATETIME_SIZE] = "";
    if (p->appointment_at)
        timefmt_format_vi_datetime(p->appointment_at, when, sizeof when);
    const char *why = ev->reason ? ev->reason : "";
    switch (ev->action) {
    case ACTION_SUBMIT:
        sb_appendf(out, "Hồ sơ %s đã được nộp trực tuyến và đang chờ cán bộ tiếp nhận.", code);
        return "submitted";
    case ACTION_RECEIVE:
        sb_appendf(out, "Hồ sơ %s đã được tiếp nhận. Hẹn trả kết quả lúc %s.", code, when);
        return "received";
    case ACTION_REQUEST_SUPPLEMENT:
        sb_appendf(out, "Hồ sơ %s cần bổ sung, hoàn thiện: %s", code, why);
        for (size_t i = 0; i < ev->items.n; i++) {
            if (i == 0)
                sb_puts(out, *why ? ". Giấy tờ cần bổ sung: " : "giấy tờ cần bổ sung: ");
            else
                sb_puts(out, ", ");
            sb_puts(out, ev->items.v[i]);
        }
        return "supplement";
    case ACTION_REFUSE:
        sb_appendf(out, "Hồ sơ %s không được tiếp nhận. Lý do: %s", code, why);
        return "refused";
    case ACTION_APOLOGIZE:
        sb_appendf(out,
                   "Xin lỗi ông/bà: hồ sơ %s chưa giải quyết được đúng hẹn (%s). Hẹn lại lúc %s.",
                   code, why, when);
        return "apology";
    case ACTION_RESOLVE:
        sb_appendf(out, "Hồ sơ %s đã có kết quả%s. Mời ông/bà nhận kết quả.", code,
                   p->outcome && p->outcome[0] == 'r' ? " (không chấp thuận)" : "");
        return "result";
    default: return NULL;
    }
}

void notice_key(const char *key, StrBuf *out)
{
    char shown[LOOKUP_KEY_SHOWN_LEN + 1];
    lookup_key_show(key, shown);
    sb_appendf(out, "\nMã tra cứu hồ sơ: %s", shown);
}
