/* test_notice.c: what each lifecycle action tells the applicant (core/notice): the kind and the
 * Vietnamese message of filing, receipt with the appointment, the papers to supplement (all of
 * them, with or without a reason), a fee to pay with its amount, refusal, apology with the new
 * appointment and the result; the actions that tell nothing append nothing; a long reason is never
 * cut; the look-up key's line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/notice.h"

#include <stdlib.h>
#include <string.h>

static const char code[] = "000.01.52.H50-231016-0001";

/* tell returns the message of ev (the caller frees it) and its kind in *kind. */
static char *tell(const Event *ev, const DossierProjection *p, const char **kind)
{
    StrBuf sb;
    sb_init(&sb, 0);
    *kind = notice_for(ev, p, code, &sb);
    return sb_take(&sb);
}

static void test_messages(void **state)
{
    (void)state;
    DossierProjection p;
    dossier_init(&p, "000.01.52.H50");
    /* 2023-10-19 08:12 in Vietnam */
    p.appointment_at = timefmt_local_instant(timefmt_days_from_civil(2023, 10, 19), 8 * 3600 + 720);
    const char *papers[] = {"Bản sao CCCD", "Ảnh 4x6"};
    static const struct {
        Event ev;
        const char *kind, *text;
    } cases[] = {
        {{.action = ACTION_SUBMIT},
         "submitted",
         "Hồ sơ 000.01.52.H50-231016-0001 đã được nộp trực tuyến và đang chờ cán bộ tiếp nhận."},
        {{.action = ACTION_RECEIVE},
         "received",
         "Hồ sơ 000.01.52.H50-231016-0001 đã được tiếp nhận. Hẹn trả kết quả lúc 08:12 "
         "19/10/2023."},
        {{.action = ACTION_REFUSE, .reason = "Không thuộc thẩm quyền"},
         "refused",
         "Hồ sơ 000.01.52.H50-231016-0001 không được tiếp nhận. Lý do: Không thuộc thẩm quyền"},
        {{.action = ACTION_APOLOGIZE, .reason = "thẩm định chậm"},
         "apology",
         "Xin lỗi ông/bà: hồ sơ 000.01.52.H50-231016-0001 chưa giải quyết được đúng hẹn (thẩm định "
         "chậm). Hẹn lại lúc 08:12 19/10/2023."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *kind;
        char *text = tell(&cases[i].ev, &p, &kind);
        assert_string_equal(kind, cases[i].kind);
        assert_string_equal(text, cases[i].text);
        free(text);
    }
    const char *kind;
    Event sup = {
        .action = ACTION_REQUEST_SUPPLEMENT, .reason = "Thiếu giấy tờ", .items = {papers, 2}};
    char *text = tell(&sup, &p, &kind);
    assert_string_equal(kind, "supplement");
    assert_string_equal(text, "Hồ sơ 000.01.52.H50-231016-0001 cần bổ sung, hoàn thiện: Thiếu giấy "
                              "tờ. Giấy tờ cần bổ sung: Bản sao CCCD, Ảnh 4x6");
    free(text);
    sup.reason = NULL;
    text = tell(&sup, &p, &kind);
    assert_string_equal(text, "Hồ sơ 000.01.52.H50-231016-0001 cần bổ sung, hoàn thiện: giấy tờ "
                              "cần bổ sung: Bản sao CCCD, Ảnh 4x6");
    free(text);
    Event resolve = {.action = ACTION_RESOLVE, .outcome = "approved"};
    p.outcome = "approved";
    text = tell(&resolve, &p, &kind);
    assert_string_equal(kind, "result");
    assert_string_equal(text,
                        "Hồ sơ 000.01.52.H50-231016-0001 đã có kết quả. Mời ông/bà nhận kết quả.");
    free(text);
    p.outcome = "rejected";
    text = tell(&resolve, &p, &kind);
    assert_non_null(strstr(text, "đã có kết quả (không chấp thuận)."));
    free(text);
    /* a fee to pay: the amount in vi-VN form, the reason, and where to pay */
    Event pay = {
        .action = ACTION_REQUEST_PAYMENT, .amount = 1250000, .reason = "Lệ phí cấp bản sao"};
    text = tell(&pay, &p, &kind);
    assert_string_equal(kind, "payment");
    assert_string_equal(text, "Hồ sơ 000.01.52.H50-231016-0001 cần thực hiện nghĩa vụ tài chính: "
                              "nộp 1.250.000 đồng (Lệ phí cấp bản sao). Ông/bà nộp tại Bộ phận Một "
                              "cửa, hoặc thanh toán trực tuyến ở mục Tra cứu hồ sơ với mã hồ sơ. "
                              "Hồ sơ được giải quyết tiếp sau khi nộp đủ.");
    free(text);
    pay.amount = 0;
    pay.reason = NULL;
    text = tell(&pay, &p, &kind);
    assert_true(
        strncmp(
            text, "Hồ sơ 000.01.52.H50-231016-0001 cần thực hiện nghĩa vụ tài chính. Ông/bà nộp",
            strlen(
                "Hồ sơ 000.01.52.H50-231016-0001 cần thực hiện nghĩa vụ tài chính. Ông/bà nộp")) ==
        0);
    free(text);
}

static void test_silent_actions(void **state)
{
    (void)state;
    DossierProjection p;
    dossier_init(&p, "U");
    static const Action silent[] = {ACTION_TRANSFER, ACTION_SUPPLEMENT, ACTION_PAY,
                                    ACTION_STOP,     ACTION_RETURN,     ACTION_DIGITIZE,
                                    ACTION_RATE,     ACTION_COMMENT,    ACTION_REQUEST_WITHDRAWAL};
    for (size_t i = 0; i < sizeof silent / sizeof silent[0]; i++) {
        Event ev = {.action = silent[i], .reason = "x"};
        const char *kind;
        char *text = tell(&ev, &p, &kind);
        assert_null(kind);
        assert_string_equal(text, "");
        free(text);
    }
}

static void test_long_reason_is_whole(void **state)
{
    (void)state;
    DossierProjection p;
    dossier_init(&p, "U");
    char reason[3001];
    memset(reason, 'x', 2999);
    memcpy(reason + 2999, "!", 2);
    Event ev = {.action = ACTION_REFUSE, .reason = reason};
    const char *kind;
    char *text = tell(&ev, &p, &kind);
    assert_non_null(strstr(text, reason));
    assert_int_equal(text[strlen(text) - 1], '!');
    free(text);
}

static void test_key_line(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    sb_puts(&sb, "Hồ sơ đã được tiếp nhận.");
    notice_key("K7QM2XRD", &sb);
    assert_string_equal(sb.data, "Hồ sơ đã được tiếp nhận.\nMã tra cứu hồ sơ: K7QM-2XRD");
    sb_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_silent_actions),
        cmocka_unit_test(test_long_reason_is_whole),
        cmocka_unit_test(test_key_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
