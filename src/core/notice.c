/* notice.c: messages to applicants (see notice.h). */
#include "core/notice.h"

#include "core/vntext.h"
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
    case ACTION_GUIDE:
        sb_appendf(out,
                   ev->action == ACTION_GUIDE
                       ? "Hồ sơ %s chưa được tiếp nhận, cần bổ sung, hoàn thiện: %s"
                       : "Hồ sơ %s cần bổ sung, hoàn thiện: %s",
                   code, why);
        for (size_t i = 0; i < ev->items.n; i++) {
            if (i == 0)
                sb_puts(out, *why ? ". Giấy tờ cần bổ sung: " : "giấy tờ cần bổ sung: ");
            else
                sb_puts(out, ", ");
            sb_puts(out, ev->items.v[i]);
        }
        return ev->action == ACTION_GUIDE ? "guidance" : "supplement";
    case ACTION_REQUEST_PAYMENT: {
        sb_appendf(out, "Hồ sơ %s cần thực hiện nghĩa vụ tài chính", code);
        if (ev->amount > 0) {
            Arena *a = arena_new();
            sb_appendf(out, ": nộp %s đồng", vntext_number(a, ev->amount));
            arena_free(a);
        }
        if (*why)
            sb_appendf(out, " (%s)", why);
        sb_puts(out, ". Ông/bà nộp tại Bộ phận Một cửa, hoặc thanh toán trực tuyến ở mục Tra cứu "
                     "hồ sơ với mã hồ sơ. Hồ sơ được giải quyết tiếp sau khi nộp đủ.");
        return "payment";
    }
    case ACTION_REFUSE:
        sb_appendf(out, "Hồ sơ %s không được tiếp nhận. Lý do: %s", code, why);
        return "refused";
    case ACTION_APOLOGIZE:
        sb_appendf(out,
                   "Xin lỗi ông/bà: hồ sơ %s chưa giải quyết được đúng hẹn (%s). Hẹn lại lúc %s.",
                   code, why, when);
        return "apology";
    case ACTION_RESOLVE:
    case ACTION_APPROVE:
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
