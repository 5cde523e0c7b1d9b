/* test_forms.c: the printable forms (web/pages/forms) in both sets, Circular 01/2018 and
 * Circular 03/2025: each renders a well-formed page under 50 KB that says what the form must say
 * (code, Vietnamese times, the applicant escaped, the QR code, the items, both appointments,
 * one row per hand-over with its timeliness, one ledger row per dossier), names officers by
 * their full names with their phones and the unit's head by title, keeps the receipt within
 * its one-sheet budget, prints missing data as dots, and refuses without output a form whose
 * event is absent or that the set has not. Values are built here, without a store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "web/pages/forms.h"

#include "app/record.h"
#include "htmlcheck.h"
#include "io/html.h"
#include "util/err.h"
#include "util/timefmt.h"

#include <stdlib.h>
#include <string.h>

enum { PAGE_MAX = 50 * 1024 };

static const char code[] = "000.01.52.H50-231016-0001";
static const Applicant applicant = {.name = "Nguyễn Văn An",
                                    .id_number = "045090001234",
                                    .phone = "0912345678",
                                    .address = "Thôn 1, xã Gio Linh",
                                    .email = "an@example.vn"};
static DossierComponent components[] = {{"Tờ khai đăng ký khai sinh", true},
                                        {"Giấy chứng sinh", false}};
static const char lookup_url[] = "https://motcua.quangtri.gov.vn/tra-cuu?code=000.01.52.H50-231016-"
                                 "0001";

/* at parses an ISO instant, failing the test if it is malformed. */
static int64_t at(const char *iso)
{
    int64_t t = 0;
    Err e;
    assert_int_equal(timefmt_parse_instant(iso, strlen(iso), &e, &t), 0);
    return t;
}

static Procedure procedure = {.code = "1.001193",
                              .name = "Thủ tục đăng ký khai sinh",
                              .limit_value = 3,
                              .limit_unit = "days"};

/* a_dossier returns a received dossier: received 16/10/2023 08:12, due 19/10/2023 08:12. */
static Dossier a_dossier(void)
{
    Dossier d = {
        .code = code,
        .procedure = "1.001193",
        .unit = "000.01.52.H50",
        .channel = "direct",
        .fee = 8000,
        .applicant = applicant,
        .components = components,
        .n_components = 2,
        .limit_value = 3,
        .limit_unit = "days",
    };
    d.p.state = STATE_RECEIVED;
    d.p.received_at = at("2023-10-16T08:12:00+07:00");
    d.p.due_at = at("2023-10-19T08:12:00+07:00");
    d.p.appointment_at = d.p.due_at;
    return d;
}

/* The arena the events of the tests are decoded into; freed when the process ends. */
static Arena *events_arena(void)
{
    static Arena *a;
    if (!a)
        a = arena_new();
    return a;
}

/* an_event returns the event of a stored row: action, instant, officer and fields (JSON). */
static Event an_event(const char *action, const char *when, const char *by, const char *payload)
{
    StoredEvent row = {.action = action, .by = by, .payload = payload ? payload : "{}"};
    row.at = at(when);
    Event ev;
    Err e;
    assert_int_equal(record_event_decode(events_arena(), &row, &ev, &e), 0);
    return ev;
}

/* The officers the events name (clerk1 received and asked; lanhdao1 decided), the one who
 * prints, and the unit's head. */
static const FormPerson people[] = {
    {"clerk1", "Lê Thị Bình", "Công chức Văn phòng - Thống kê", "0233 3825 123"},
    {"lanhdao1", "Phạm Văn Dũng", "Phó Chủ tịch UBND xã", NULL},
};
static const FormPerson printer = {"inphieu", "Đỗ Văn In", NULL, "0233 3825 999"};
static const FormPerson head = {"chutich", "Hoàng Văn Cường", "Chủ tịch UBND xã", NULL};

/* form_data returns the FormData every test starts from. */
static FormData form_data(const Dossier *d, const Event *events, size_t n_events)
{
    FormData fd = {
        .dossier = d,
        .events = events,
        .n_events = n_events,
        .procedure = &procedure,
        .unit_name = "UBND xã Gio Linh",
        .parent_unit_name = "UBND huyện Gio Linh",
        .place = "Gio Linh",
        .officer = &printer,
        .people = people,
        .n_people = sizeof people / sizeof people[0],
        .head = &head,
        .lookup_url = lookup_url,
        .now = at("2023-10-16T08:15:00+07:00"),
    };
    return fd;
}

/* render_in renders kind of basis, asserting success, a well-formed page under PAGE_MAX bytes
 * and the frame every form has, its number once; the caller frees the result. */
static char *render_in(FormBasis basis, FormKind kind, const FormData *fd)
{
    StrBuf sb;
    sb_init(&sb, 0);
    Err e;
    err_clear(&e);
    int rc = form_render(&sb, basis, kind, fd, &e);
    if (rc != 0)
        fail_msg("form_render(%d) = %d: %s", (int)kind, rc, e.message_en);
    assert_int_equal(sb.err, 0);
    const char *why = htmlcheck_page(sb.data);
    if (why)
        fail_msg("not a well-formed page: %s in:\n%s", why, sb.data);
    assert_true(sb.len < PAGE_MAX);
    assert_non_null(strstr(sb.data, "<!DOCTYPE html>"));
    assert_non_null(strstr(sb.data, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_non_null(strstr(sb.data, "Độc lập - Tự do - Hạnh phúc"));
    assert_non_null(strstr(sb.data, "class=\"no-print\""));
    assert_non_null(strstr(sb.data, "onclick=\"window.print()\""));
    assert_int_equal(htmlcheck_count(sb.data, "<script"), 0);
    char number[32];
    snprintf(number, sizeof number, "Mẫu số %s", form_number(basis, kind));
    assert_int_equal(htmlcheck_count(sb.data, number), 1);
    assert_non_null(strstr(sb.data, form_title(basis, kind)));
    return sb_take(&sb);
}

/* render renders kind in the set of Circular 01/2018, as render_in. */
static char *render(FormKind kind, const FormData *fd)
{
    return render_in(FORM_BASIS_TT01_2018, kind, fd);
}

/* refuse_in asserts that kind of basis fails with code and appends nothing to a buffer holding
 * "<p>". */
static void refuse_in(FormBasis basis, FormKind kind, const FormData *fd, int code_expected,
                      const char *message)
{
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, "<p>");
    Err e;
    err_clear(&e);
    assert_int_equal(form_render(&sb, basis, kind, fd, &e), code_expected);
    assert_int_equal(e.code, code_expected);
    assert_true(e.message[0] != '\0');
    assert_true(e.message_en[0] != '\0');
    if (message)
        assert_string_equal(e.message, message);
    assert_string_equal(sb.data, "<p>");
    sb_free(&sb);
}

/* refuse is refuse_in under Circular 01/2018. */
static void refuse(FormKind kind, const FormData *fd, int code_expected, const char *message)
{
    refuse_in(FORM_BASIS_TT01_2018, kind, fd, code_expected, message);
}

/* assert_has fails unless needle occurs in html (printing the page otherwise). */
static void assert_has(const char *html, const char *needle)
{
    if (!strstr(html, needle))
        fail_msg("missing \"%s\" in:\n%s", needle, html);
}

/* assert_before fails unless second occurs after the first occurrence of first. */
static void assert_before(const char *html, const char *first, const char *second)
{
    const char *a = strstr(html, first);
    if (!a || !strstr(a + strlen(first), second))
        fail_msg("\"%s\" is not followed by \"%s\"", first, second);
}

static void test_receipt(void **state)
{
    (void)state;
    Dossier d = a_dossier();
    Event ev[] = {an_event("receive", "2023-10-16T08:12:00+07:00", "clerk1", NULL)};
    FormData fd = form_data(&d, ev, 1);
    char *html = render(FORM_RECEIPT, &fd);
    assert_has(html, "size: A5");
    assert_has(html, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    assert_has(html, "UBND HUYỆN GIO LINH");
    assert_has(html, "UBND XÃ GIO LINH");
    assert_has(html, "Gio Linh, ngày 16 tháng 10 năm 2023");
    assert_has(html, "Mã hồ sơ: <strong class=\"dossier-code\">000.01.52.H50-231016-0001</strong>");
    assert_has(html, "tiếp nhận hồ sơ của: <strong class=\"applicant\">Nguyễn Văn An</strong>");
    assert_has(html, "Địa chỉ: Thôn 1, xã Gio Linh");
    assert_has(html, "Số điện thoại: 0912345678; Email: an@example.vn");
    assert_has(html, "Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh");
    assert_has(html, "<td>Tờ khai đăng ký khai sinh</td><td>Bản điện tử</td>");
    assert_has(html, "<td>Giấy chứng sinh</td><td>Bản giấy</td>");
    assert_has(html, "Số lượng hồ sơ: 01 (bộ)");
    assert_has(html, "Thời gian giải quyết hồ sơ theo quy định là: 3 ngày làm việc");
    assert_has(html, "Thời gian nhận hồ sơ: 08 giờ 12 phút, ngày 16/10/2023");
    assert_has(html, "Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 12 phút, ngày 19/10/2023");
    assert_has(html, "Đăng ký nhận kết quả tại: UBND xã Gio Linh");
    assert_has(html, "Phí, lệ phí: 8.000 đồng (chưa nộp)");
    assert_int_equal(htmlcheck_count(html, "<svg"), 1);
    assert_has(html, "aria-label=\"Mã QR: https://motcua.quangtri.gov.vn/tra-cuu?code=");
    assert_has(html, "Quét mã để tra cứu hồ sơ");
    assert_has(html, "NGƯỜI NỘP HỒ SƠ");
    assert_has(html, "NGƯỜI TIẾP NHẬN HỒ SƠ");
    /* the receiving officer (the receive event's) by full name, not the one printing */
    assert_has(html, "<strong class=\"signer\">Lê Thị Bình</strong>");
    assert_has(html, "<em class=\"signer-title\">Công chức Văn phòng - Thống kê</em>");
    assert_null(strstr(html, "Đỗ Văn In"));
    assert_null(strstr(html, "clerk1"));
    free(html);

    /* paid, and an apology moved the appointment: the receipt shows the current one */
    d.p.paid_amount = 8000;
    d.p.appointment_at = at("2023-10-23T07:05:00+07:00");
    html = render(FORM_RECEIPT, &fd);
    assert_has(html, "Phí, lệ phí: 8.000 đồng (đã nộp)");
    assert_has(html, "Thời gian trả kết quả giải quyết hồ sơ: 07 giờ 05 phút, ngày 23/10/2023");
    free(html);
}

/* Every piece of text from the data is escaped: applicant, procedure, unit, officer, components. */
static void test_receipt_escapes(void **state)
{
    (void)state;
    Dossier d = a_dossier();
    d.applicant = (Applicant){.name = "Trần <b>\"Bé\"</b> & Co",
                              .phone = "0912345678",
                              .address = "<script>alert(1)</script>"};
    DossierComponent paper = {"Giấy <i>tờ</i> & bản sao", false};
    d.components = &paper;
    d.n_components = 1;
    Procedure pr = procedure;
    pr.name = "Đăng ký <kết hôn> & 'ly hôn'";
    FormData fd = form_data(&d, NULL, 0);
    fd.procedure = &pr;
    fd.unit_name = "UBND <xã> A&B";
    FormPerson officer = {"le.binh", "Lê \"Bình\"", NULL, NULL};
    fd.officer = &officer; /* no events: the officer printing signs */
    char *html = render(FORM_RECEIPT, &fd);
    assert_has(html, "Trần &lt;b&gt;&quot;Bé&quot;&lt;/b&gt; &amp; Co");
    assert_has(html, "&lt;script&gt;alert(1)&lt;/script&gt;");
    assert_has(html, "Giấy &lt;i&gt;tờ&lt;/i&gt; &amp; bản sao");
    assert_has(html, "Đăng ký &lt;kết hôn&gt; &amp; &#39;ly hôn&#39;");
    assert_has(html, "UBND &lt;XÃ&gt; A&amp;B");
    assert_has(html, "Lê &quot;Bình&quot;");
    assert_null(strstr(html, "<b>"));
    assert_null(strstr(html, "<script>"));
    assert_null(strstr(html, "<i>"));
    /* component without "digitized" is paper; no e-mail prints as dots */
    assert_has(html, "Bản giấy");
    assert_has(html, "Email: …………");
    free(html);
}

/* Time limits in working hours and calendar days. */
static void test_receipt_limits(void **state)
{
    (void)state;
    Dossier d = a_dossier();
    FormData fd = form_data(&d, NULL, 0);
    d.limit_value = 4;
    d.limit_unit = "hours";
    char *html = render(FORM_RECEIPT, &fd);
    assert_has(html, "theo quy định là: 4 giờ làm việc</div>");
    free(html);
    d.limit_value = 10;
    d.limit_unit = "calendar_days";
    html = render(FORM_RECEIPT, &fd);
    assert_has(html, "theo quy định là: 10 ngày</div>");
    free(html);
    /* no limit on the dossier: the procedure's */
    d.limit_unit = NULL;
    html = render(FORM_RECEIPT, &fd);
    assert_has(html, "theo quy định là: 3 ngày làm việc</div>");
    free(html);
}

/* Absent data prints as dots and nothing crashes. */
static void test_receipt_missing_data(void **state)
{
    (void)state;
    Dossier d = {.code = NULL, .procedure = "1.001193"};
    d.p.received_at = at("2023-10-16T08:12:00+07:00");
    FormData fd = {.dossier = &d}; /* no unit, officer, place, date, procedure, URL */
    char *html = render(FORM_RECEIPT, &fd);
    assert_has(html, "Mã hồ sơ: <strong class=\"dossier-code\">…………</strong>");
    assert_has(html, "tiếp nhận hồ sơ của: <strong class=\"applicant\">…………</strong>");
    assert_has(html, "Nội dung yêu cầu giải quyết: 1.001193");
    assert_has(html, "Địa chỉ: …………");
    assert_has(html, "theo quy định là: …………");
    assert_has(html, "Thời gian trả kết quả giải quyết hồ sơ: …… giờ …… phút, ngày ……");
    assert_has(html, "ngày ... tháng ... năm ...");
    assert_null(strstr(html, "<svg"));
    assert_null(strstr(html, "Phí, lệ phí"));
    free(html);
}

static void test_receipt_refused(void **state)
{
    (void)state;
    Dossier d = a_dossier();
    d.p.received_at = 0; /* refused at the counter, or only submitted online */
    FormData fd = form_data(&d, NULL, 0);
    refuse(FORM_RECEIPT, &fd, ERR_SEMANTIC, "Hồ sơ chưa được tiếp nhận");

    /* a look-up URL too long for a QR code: the error of qr_svg, nothing appended */
    d = a_dossier();
    char *url = malloc(4001);
    memset(url, 'a', 4000);
    url[4000] = '\0';
    fd.lookup_url = url;
    refuse(FORM_RECEIPT, &fd, ERR_TOO_LARGE, NULL);
    free(url);
}

static void test_supplement(void **state)
{
    (void)state;
    Dossier d = a_dossier();
    d.p.state = STATE_SUPPLEMENT;
    Event ev[] = {
        an_event("receive", "2023-10-16T08:12:00+07:00", "clerk1", NULL),
        an_event("request_supplement", "2023-10-16T09:00:00+07:00", "clerk1",
                 "{\"items\":[\"Bản cũ\"],\"reason\":\"Lần một\"}"),
        an_event("supplement", "2023-10-17T09:00:00+07:00", "clerk1", NULL),
        an_event("request_supplement", "2023-10-17T10:30:00+07:00", "clerk1",
                 "{\"items\":[\"Bản sao giấy chứng sinh\",\"Tờ khai có chữ ký <người đi "
                 "khai>\"],\"reason\":\"Tờ khai chưa ký & thiếu giấy chứng sinh\"}"),
    };
    FormData fd = form_data(&d, ev, 4);
    char *html = render(FORM_SUPPLEMENT, &fd);
    assert_has(html, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
    assert_has(html, "size: A5");
    assert_has(html, "000.01.52.H50-231016-0001");
    assert_has(html, "<strong class=\"applicant\">Nguyễn Văn An</strong>");
    assert_has(html, "Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh");
    assert_has(html, "Ngày yêu cầu bổ sung: 10 giờ 30 phút, ngày 17/10/2023");
    assert_int_equal(htmlcheck_count(html, "<tr class=\"item\">"), 2);
    assert_has(html, "<td style=\"text-align: center\">1</td><td>Bản sao giấy chứng sinh</td>");
    assert_has(html, "<td style=\"text-align: center\">2</td><td>Tờ khai có chữ ký &lt;người đi "
                     "khai&gt;</td>");
    assert_has(html, "Lý do: Tờ khai chưa ký &amp; thiếu giấy chứng sinh");
    assert_null(strstr(html, "Bản cũ")); /* the latest request only */
    assert_null(strstr(html, "Lần một"));
    /* the officer who asked, by full name and phone, not the one printing */
    assert_has(html, "liên hệ với Lê Thị Bình, số điện thoại 0233 3825 123");
    assert_null(strstr(html, "0233 3825 999"));
    assert_has(html, "NGƯỜI HƯỚNG DẪN");
    assert_has(html, "<strong class=\"signer\">Lê Thị Bình</strong>");
    free(html);

    /* no request: refused */
    fd.n_events = 1;
    refuse(FORM_SUPPLEMENT, &fd, ERR_SEMANTIC, "Hồ sơ chưa có yêu cầu bổ sung");
}

static void test_refusal(void **state)
{
    (void)state;
    Dossier d = a_dossier();
    d.p.state = STATE_REFUSED;
    d.p.received_at = 0;
    Event ev[] = {an_event("refuse", "2023-10-16T08:20:00+07:00", "clerk1",
                           "{\"reason\":\"Không thuộc thẩm quyền <của xã>\"}")};
    FormData fd = form_data(&d, ev, 1);
    char *html = render(FORM_REFUSAL, &fd);
    assert_has(html, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
    assert_has(html, "000.01.52.H50-231016-0001");
    assert_has(html, "<strong class=\"applicant\">Nguyễn Văn An</strong>");
    assert_has(html, "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: "
                     "<span class=\"reason\">Không thuộc thẩm quyền &lt;của xã&gt;</span>");
    assert_has(html, "Ngày thông báo: 08 giờ 20 phút, ngày 16/10/2023");
    assert_has(html, "NGƯỜI NỘP HỒ SƠ");
    assert_has(html, "NGƯỜI TỪ CHỐI");
    free(html);

    /* a rejecting resolution and a stop count too; an approving one does not */
    Event rejected[] = {
        an_event("receive", "2023-10-16T08:12:00+07:00", "clerk1", NULL),
        an_event("resolve", "2023-10-18T08:12:00+07:00", "leader1",
                 "{\"outcome\":\"rejected\",\"reason\":\"Hồ sơ giả mạo\"}"),
    };
    fd.events = rejected;
    fd.n_events = 2;
    html = render(FORM_REFUSAL, &fd);
    assert_has(html, "<span class=\"reason\">Hồ sơ giả mạo</span>");
    free(html);
    Event stopped[] = {
        an_event("receive", "2023-10-16T08:12:00+07:00", "clerk1", NULL),
        an_event("stop", "2023-10-17T08:12:00+07:00", "leader1", "{}"),
    };
    fd.events = stopped;
    html = render(FORM_REFUSAL, &fd);
    assert_has(html, "<span class=\"reason\">…………</span>");
    free(html);
    Event approved[] = {
        an_event("receive", "2023-10-16T08:12:00+07:00", "clerk1", NULL),
        an_event("resolve", "2023-10-18T08:12:00+07:00", "leader1", "{\"outcome\":\"approved\"}"),
    };
    fd.events = approved;
    refuse(FORM_REFUSAL, &fd, ERR_SEMANTIC, NULL);
}

static void test_apology(void **state)
{
    (void)state;
    Dossier d = a_dossier();
    d.p.state = STATE_PROCESSING;
    d.p.apologies = 1;
    d.p.appointment_at = at("2023-10-23T07:05:00+07:00");
    Event ev[] = {
        an_event("receive", "2023-10-16T08:12:00+07:00", "clerk1", NULL),
        an_event("apologize", "2023-10-17T16:00:00+07:00", "leader1",
                 "{\"new_appointment\":\"2023-10-23T07:05:00+07:00\","
                 "\"reason\":\"Phòng Tư pháp chậm thẩm định\"}"),
    };
    FormData fd = form_data(&d, ev, 2);
    char *html = render(FORM_APOLOGY, &fd);
    assert_has(html, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
    assert_has(html, "Kính gửi: Ông/Bà <strong class=\"applicant\">Nguyễn Văn An</strong>");
    assert_has(html, "Ngày 16/10/2023, UBND xã Gio Linh tiếp nhận giải quyết hồ sơ đề nghị: "
                     "Thủ tục đăng ký khai sinh");
    assert_has(html, "000.01.52.H50-231016-0001");
    assert_has(html, "Thời gian hẹn trả kết quả giải quyết hồ sơ: <span class=\"due\">08 giờ 12 "
                     "phút, ngày 19/10/2023</span>");
    assert_has(html, "Lý do: Phòng Tư pháp chậm thẩm định");
    assert_has(html, "xin lỗi Ông/Bà");
    assert_has(html, "<strong class=\"new-appointment\">07 giờ 05 phút, ngày 23/10/2023</strong>");
    /* the unit's head signs under their title */
    assert_has(html, "<strong>CHỦ TỊCH UBND XÃ</strong><br><em>(Ký, ghi rõ họ tên và đóng dấu)");
    assert_has(html, "<strong class=\"signer\">Hoàng Văn Cường</strong>");
    assert_null(strstr(html, "THỦ TRƯỞNG CƠ QUAN"));
    free(html);

    /* a head without a title, or none: the form's own heading */
    FormPerson untitled = {"chutich", "Hoàng Văn Cường", NULL, NULL};
    fd.head = &untitled;
    html = render(FORM_APOLOGY, &fd);
    assert_has(html, "<strong>THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ</strong>");
    assert_has(html, "<strong class=\"signer\">Hoàng Văn Cường</strong>");
    free(html);
    fd.head = NULL;
    html = render(FORM_APOLOGY, &fd);
    assert_has(html, "<strong>THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ</strong>");
    assert_null(strstr(html, "class=\"signer\""));
    free(html);

    /* an apology without its own appointment and reason: the dossier's appointment, dots */
    ev[1].new_appointment = 0;
    ev[1].reason = NULL;
    html = render(FORM_APOLOGY, &fd);
    assert_has(html, "<strong class=\"new-appointment\">07 giờ 05 phút, ngày 23/10/2023</strong>");
    assert_has(html, "Lý do: …………");
    free(html);

    /* no apology: refused with the message in both languages, nothing appended */
    fd.n_events = 1;
    refuse(FORM_APOLOGY, &fd, ERR_SEMANTIC, "Hồ sơ chưa có thư xin lỗi");
    Err e;
    StrBuf sb;
    sb_init(&sb, 0);
    assert_int_equal(form_render(&sb, FORM_BASIS_TT01_2018, FORM_APOLOGY, &fd, &e), ERR_SEMANTIC);
    assert_string_equal(e.message_en, "the dossier has no apology");
    assert_int_equal(sb.len, 0);
    sb_free(&sb);
}

/* control renders Mẫu 05 for a dossier resolved at `resolved` and returns the page. */
static char *control(const char *resolved)
{
    static const Unit units[] = {{.code = "000.00.21.H50", .name = "Phòng Tư pháp huyện Gio Linh"}};
    Dossier d = a_dossier();
    d.p.state = STATE_RETURNED;
    d.p.resolved_at = at(resolved);
    Event ev[] = {
        an_event("receive", "2023-10-16T08:12:00+07:00", "clerk1", NULL),
        an_event("transfer", "2023-10-16T09:00:00+07:00", "clerk1",
                 "{\"handler\":\"chuyenvien1\",\"note\":\"Chuyển thẩm định\","
                 "\"to\":\"000.00.21.H50\"}"),
        an_event("comment", "2023-10-16T10:00:00+07:00", "chuyenvien1", "{\"text\":\"x\"}"),
        an_event("transfer", "2023-10-17T09:00:00+07:00", "chuyenvien1",
                 "{\"handler\":\"lanhdao <1>\"}"),
        an_event("pay", "2023-10-17T09:30:00+07:00", "clerk1", "{\"amount\":8000}"),
        an_event("resolve", resolved, "lanhdao1", "{\"outcome\":\"approved\"}"),
        an_event("return", "2023-10-19T10:00:00+07:00", "clerk1", NULL),
    };
    FormData fd = form_data(&d, ev, sizeof ev / sizeof ev[0]);
    fd.units = units;
    fd.n_units = 1;
    return render(FORM_CONTROL, &fd);
}

static void test_control(void **state)
{
    (void)state;
    char *html = control("2023-10-18T15:30:00+07:00");
    assert_has(html, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
    assert_has(html, "000.01.52.H50-231016-0001");
    assert_has(html, "(Kèm theo hồ sơ của: <strong class=\"applicant\">Nguyễn Văn An</strong>)");
    assert_has(html, "Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh");
    assert_has(html, "Ngày nhận hồ sơ: 08 giờ 12 phút, ngày 16/10/2023");
    assert_has(html, "Ngày hẹn trả kết quả: 08 giờ 12 phút, ngày 19/10/2023");
    assert_has(html, "Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Tư pháp huyện Gio Linh");
    assert_has(html, "<th>TÊN CƠ QUAN</th><th>THỜI GIAN GIAO, NHẬN HỒ SƠ</th>");
    assert_has(html, "KẾT QUẢ GIẢI QUYẾT HỒ SƠ");
    assert_has(html, "<th>GHI CHÚ</th>");
    /* receive, transfer, transfer, resolve, return: not the comment nor the payment */
    assert_int_equal(htmlcheck_count(html, "<tr class=\"step\">"), 5);
    assert_has(html, "1. Giao: Tổ chức, cá nhân (Nguyễn Văn An)<br>2. Nhận: Bộ phận tiếp nhận và "
                     "trả kết quả</td><td>08 giờ 12 phút, ngày 16/10/2023");
    /* officers with an account by their full names, others by the name the event carries */
    assert_has(html, "2. Nhận: Phòng Tư pháp huyện Gio Linh – chuyenvien1</td>"
                     "<td>09 giờ 00 phút, ngày 16/10/2023<br>Người giao: Lê Thị Bình<br>"
                     "Người nhận: chuyenvien1</td><td class=\"result\">Trong hạn</td>"
                     "<td>Chuyển thẩm định</td>");
    assert_has(html, "08 giờ 12 phút, ngày 16/10/2023<br>Người giao: Nguyễn Văn An<br>Người nhận: "
                     "Lê Thị Bình</td>");
    assert_has(html, "<br>Người giao: Phạm Văn Dũng<br>Người nhận: …………</td>");
    assert_null(strstr(html, "clerk1"));
    assert_has(html, "1. Giao: Phòng Tư pháp huyện Gio Linh – chuyenvien1<br>2. Nhận: lanhdao "
                     "&lt;1&gt;</td>");
    assert_has(html, "1. Giao: lanhdao &lt;1&gt;<br>2. Nhận: Bộ phận tiếp nhận và trả kết quả");
    assert_has(html, "1. Giao: Bộ phận tiếp nhận và trả kết quả<br>2. Nhận: Tổ chức, cá nhân "
                     "(Nguyễn Văn An)</td><td>10 giờ 00 phút, ngày 19/10/2023");
    /* resolved the day before the due date: early */
    assert_int_equal(htmlcheck_count(html, "<td class=\"result\">Trước hạn</td>"), 1);
    assert_int_equal(htmlcheck_count(html, "<td class=\"result\">Đúng hạn</td>"), 0);
    assert_int_equal(htmlcheck_count(html, "Quá hạn</td>"), 0);
    free(html);

    /* on the due date, before the due time: on time */
    html = control("2023-10-19T08:00:00+07:00");
    assert_int_equal(htmlcheck_count(html, "<td class=\"result\">Đúng hạn</td>"), 1);
    assert_int_equal(htmlcheck_count(html, "<td class=\"result\">Trước hạn</td>"), 0);
    free(html);

    /* after the due time: late */
    html = control("2023-10-19T09:00:00+07:00");
    assert_int_equal(htmlcheck_count(html, "<td class=\"result\">Quá hạn</td>"), 1);
    assert_int_equal(htmlcheck_count(html, "<td class=\"result\">Đúng hạn</td>"), 0);
    free(html);

    /* no events: one blank row */
    Dossier d = a_dossier();
    FormData fd = form_data(&d, NULL, 0);
    html = render(FORM_CONTROL, &fd);
    assert_int_equal(htmlcheck_count(html, "<tr class=\"step\">"), 1);
    assert_has(html, "Cơ quan (bộ phận) giải quyết hồ sơ: UBND xã Gio Linh");
    assert_has(html, "Cơ quan phối hợp giải quyết hồ sơ: …………");
    free(html);
}

static void test_ledger(void **state)
{
    (void)state;
    Dossier ds[3];
    for (size_t i = 0; i < 3; i++)
        ds[i] = a_dossier();
    ds[0].p.state = STATE_RETURNED;
    ds[0].p.resolved_at = at("2023-10-18T15:30:00+07:00");
    ds[0].p.returned_at = at("2023-10-19T10:00:00+07:00");
    ds[1].code = "000.01.52.H50-231016-0002";
    ds[1].applicant = (Applicant){.name = "Võ <Thị> & Em", .address = "Thôn 2"};
    ds[1].procedure = "2.000635";
    ds[2].code = "000.01.52.H50-231017-0001";
    ds[2].p.state = STATE_PROCESSING;
    const char *names[] = {"Thủ tục đăng ký khai sinh", NULL, "Thủ tục đăng ký kết hôn"};
    FormData fd = {
        .unit_name = "UBND xã Gio Linh",
        .place = "Gio Linh",
        .now = at("2023-12-31T16:00:00+07:00"),
        .ledger = ds,
        .n_ledger = 3,
        .ledger_procedure_names = names,
        .ledger_year = 2023,
    };
    char *html = render(FORM_LEDGER, &fd);
    assert_has(html, "size: A4 landscape");
    assert_has(html, "SỔ THEO DÕI HỒ SƠ");
    assert_has(html, "<strong>Năm 2023</strong>");
    assert_has(html, "<th>STT</th><th>Mã hồ sơ</th><th>Tên thủ tục hành chính</th>");
    assert_int_equal(htmlcheck_count(html, "<tr class=\"ledger-row\">"), 3);
    assert_has(html, "<tr class=\"ledger-row\"><td style=\"text-align: center\">1</td>"
                     "<td>000.01.52.H50-231016-0001</td><td>Thủ tục đăng ký khai sinh</td>"
                     "<td style=\"text-align: center\">01</td><td>Nguyễn Văn An</td>"
                     "<td>Thôn 1, xã Gio Linh<br>0912345678</td><td>08:12 16/10/2023</td>"
                     "<td>08:12 19/10/2023</td><td>15:30 18/10/2023</td><td>10:00 19/10/2023</td>"
                     "<td></td><td>Đã trả kết quả (Trước hạn)</td></tr>");
    assert_has(html, "<td style=\"text-align: center\">2</td><td>000.01.52.H50-231016-0002</td>"
                     "<td>2.000635</td>");
    assert_has(html, "<td>Võ &lt;Thị&gt; &amp; Em</td><td>Thôn 2</td>");
    assert_has(html, "<td>000.01.52.H50-231017-0001</td><td>Thủ tục đăng ký kết hôn</td>");
    assert_has(html, "<td>Đang xử lý</td>");
    free(html);

    /* a later page numbers on; an empty ledger says so */
    fd.ledger_first = 100;
    html = render(FORM_LEDGER, &fd);
    assert_has(html, "<td style=\"text-align: center\">101</td>");
    assert_has(html, "<td style=\"text-align: center\">103</td>");
    free(html);
    fd.n_ledger = 0;
    html = render(FORM_LEDGER, &fd);
    assert_has(html, "Không có hồ sơ");
    assert_int_equal(htmlcheck_count(html, "<tr class=\"ledger-row\">"), 0);
    free(html);
}

/* A ledger of many rows stays well formed; a capped buffer gives ERR_TOO_LARGE. */
static void test_too_large(void **state)
{
    (void)state;
    enum { N = 400 };
    Dossier *ds = calloc(N, sizeof *ds);
    for (size_t i = 0; i < N; i++)
        ds[i] = a_dossier();
    FormData fd = {.ledger = ds, .n_ledger = N};
    StrBuf sb;
    sb_init(&sb, 0);
    Err e;
    assert_int_equal(form_render(&sb, FORM_BASIS_TT01_2018, FORM_LEDGER, &fd, &e), 0);
    assert_null(htmlcheck_page(sb.data));
    assert_int_equal(htmlcheck_count(sb.data, "<tr class=\"ledger-row\">"), N);
    sb_free(&sb);
    sb_init(&sb, 4096);
    err_clear(&e);
    assert_int_equal(form_render(&sb, FORM_BASIS_TT01_2018, FORM_LEDGER, &fd, &e), ERR_TOO_LARGE);
    assert_int_equal(e.code, ERR_TOO_LARGE);
    sb_free(&sb);
    free(ds);
}

/* ---- Circular 03/2025 ---- */

/* a_dossier_2025 is a_dossier received on 1 July 2025, the first day of Circular 03/2025. */
static Dossier a_dossier_2025(void)
{
    Dossier d = a_dossier();
    d.code = "000.01.52.H50-250701-0001";
    d.p.received_at = at("2025-07-01T08:05:00+07:00");
    d.p.due_at = at("2025-07-04T08:05:00+07:00");
    d.p.appointment_at = d.p.due_at;
    return d;
}

static void test_tt03_receipt(void **state)
{
    (void)state;
    Dossier d = a_dossier_2025();
    Event ev[] = {an_event("receive", "2025-07-01T08:05:00+07:00", "clerk1", NULL)};
    FormData fd = form_data(&d, ev, 1);
    assert_int_equal(formset_basis(&d, ev, 1), FORM_BASIS_TT03_2025);
    char *html = render_in(FORM_BASIS_TT03_2025, FORM_RECEIPT, &fd);
    assert_has(html, "<strong>Mẫu số 01</strong>");
    assert_has(html, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    assert_has(html, "Số định danh cá nhân/tổ chức: 045090001234");
    assert_has(html, "Người được ủy quyền (nếu có): …………");
    assert_has(html, "4. Thời gian nhận hồ sơ: 08 giờ 05 phút, ngày 01/07/2025");
    assert_has(html, "5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 05 phút, ngày 04/07/2025");
    assert_has(html, "6. Đăng ký nhận kết quả tại: UBND xã Gio Linh");
    assert_has(html, "Vào Sổ theo dõi hồ sơ, Quyển số: …………");
    assert_has(html, "(Ký và ghi rõ họ tên; ký số nếu là biểu mẫu điện tử)");
    assert_has(html, "<strong class=\"signer\">Lê Thị Bình</strong>");
    free(html);

    /* no identity number: Circular 03/2025 keeps the line for the hand, 01/2018 leaves it out */
    d.applicant.id_number = NULL;
    html = render_in(FORM_BASIS_TT03_2025, FORM_RECEIPT, &fd);
    assert_has(html, "Số định danh cá nhân/tổ chức: …………");
    free(html);
    html = render(FORM_RECEIPT, &fd);
    assert_null(strstr(html, "Số định danh"));
    assert_null(strstr(html, "ủy quyền"));
    assert_null(strstr(html, "ký số"));
    free(html);
}

/* The receipt keeps to one A5 sheet: its body is compact (11 pt, tight table cells, a shorter
 * room to sign) and the QR code floats beside the first lines instead of taking its own;
 * tests/browser/test_print.py counts the pages Chromium prints. */
static void test_receipt_budget(void **state)
{
    (void)state;
    Dossier d = a_dossier_2025();
    FormData fd = form_data(&d, NULL, 0);
    char *html = render_in(FORM_BASIS_TT03_2025, FORM_RECEIPT, &fd);
    assert_has(html, ".form-compact { font-size: 11pt; line-height: 1.25 }");
    assert_has(html, ".form-compact .form-sign-room { height: 14mm }");
    assert_has(html, ".form-qr { float: right;");
    assert_has(html, "<div class=\"form-compact\">\n<div class=\"form-qr\"><svg");
    free(html);
}

static void test_tt03_refusal_and_stop(void **state)
{
    (void)state;
    Dossier d = a_dossier_2025();
    d.p.state = STATE_REFUSED;
    d.p.received_at = 0;
    Event refused[] = {an_event("refuse", "2025-07-01T08:20:00+07:00", "clerk1",
                                "{\"reason\":\"Không thuộc thẩm quyền\"}")};
    FormData fd = form_data(&d, refused, 1);
    assert_int_equal(formset_basis(&d, refused, 1), FORM_BASIS_TT03_2025);
    char *html = render_in(FORM_BASIS_TT03_2025, FORM_REFUSAL, &fd);
    assert_has(html, "<strong>Mẫu số 03</strong>");
    assert_has(html, "<h1 class=\"form-title\">PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ</h1>");
    assert_has(html, "UBND xã Gio Linh thông báo không tiếp nhận hồ sơ này với lý do cụ thể như "
                     "sau: <span class=\"reason\">Không thuộc thẩm quyền</span>");
    free(html);

    /* a rejection is not a refused intake */
    d = a_dossier_2025();
    Event rejected[] = {
        an_event("receive", "2025-07-01T08:05:00+07:00", "clerk1", NULL),
        an_event("resolve", "2025-07-02T10:00:00+07:00", "lanhdao1",
                 "{\"outcome\":\"rejected\",\"reason\":\"Không đủ điều kiện\"}"),
    };
    fd = form_data(&d, rejected, 2);
    html = render_in(FORM_BASIS_TT03_2025, FORM_REFUSAL, &fd);
    assert_has(html, "thông báo không giải quyết hồ sơ này");
    assert_has(html, "<strong class=\"signer\">Phạm Văn Dũng</strong>");
    free(html);

    /* a stop after a request to withdraw: the stop notice, not the refusal */
    Event stopped[] = {
        an_event("receive", "2025-07-01T08:05:00+07:00", "clerk1", NULL),
        an_event("request_withdrawal", "2025-07-02T09:00:00+07:00", "clerk1",
                 "{\"reason\":\"Đổi ý\"}"),
        an_event("stop", "2025-07-02T10:00:00+07:00", "lanhdao1",
                 "{\"reason\":\"Công dân rút hồ sơ\"}"),
    };
    d.p.state = STATE_STOPPED;
    fd = form_data(&d, stopped, 3);
    refuse_in(FORM_BASIS_TT03_2025, FORM_REFUSAL, &fd, ERR_SEMANTIC, NULL);
    html = render_in(FORM_BASIS_TT03_2025, FORM_STOP_NOTICE, &fd);
    assert_has(html, "<strong>Mẫu số 05</strong>");
    assert_has(html, "<h1 class=\"form-title\">THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ</h1>");
    assert_has(html, "Mã hồ sơ: <strong class=\"dossier-code\">000.01.52.H50-250701-0001");
    assert_has(html, "Thời gian nhận hồ sơ: 08 giờ 05 phút, ngày 01/07/2025");
    assert_has(html, "UBND xã Gio Linh thông báo dừng giải quyết hồ sơ nêu trên theo đề nghị rút "
                     "hồ sơ của Ông/Bà với lý do cụ thể như sau: <span class=\"reason\">Công dân "
                     "rút hồ sơ</span>");
    assert_has(html, "Ngày thông báo: 10 giờ 00 phút, ngày 02/07/2025");
    /* the officer who stopped it: no phone on their account, dots */
    assert_has(html, "liên hệ với Phạm Văn Dũng, số điện thoại ………… để được hướng dẫn.");
    assert_has(html, "NGƯỜI THÔNG BÁO");
    free(html);
    /* a stop without a request to withdraw says no more than its reason */
    stopped[1] = stopped[0];
    html = render_in(FORM_BASIS_TT03_2025, FORM_STOP_NOTICE, &fd);
    assert_has(html, "dừng giải quyết hồ sơ nêu trên với lý do");
    free(html);

    /* Circular 01/2018 has no stop notice: its Mẫu 03 tells of the stop */
    refuse(FORM_STOP_NOTICE, &fd, ERR_NOT_FOUND, NULL);
    html = render(FORM_REFUSAL, &fd);
    assert_has(html, "không tiếp nhận, giải quyết hồ sơ này");
    free(html);
    /* no stop, no notice */
    fd.n_events = 1;
    refuse_in(FORM_BASIS_TT03_2025, FORM_STOP_NOTICE, &fd, ERR_SEMANTIC,
              "Hồ sơ chưa bị dừng giải quyết");
}

static void test_tt03_apology_and_control(void **state)
{
    (void)state;
    Dossier d = a_dossier_2025();
    Event ev[] = {
        an_event("receive", "2025-07-01T08:05:00+07:00", "clerk1", NULL),
        an_event("transfer", "2025-07-01T09:00:00+07:00", "clerk1", "{\"handler\":\"lanhdao1\"}"),
        an_event("apologize", "2025-07-03T16:00:00+07:00", "lanhdao1",
                 "{\"new_appointment\":\"2025-07-08T08:00:00+07:00\",\"reason\":\"Chờ xác "
                 "minh\"}"),
    };
    FormData fd = form_data(&d, ev, 3);
    char *html = render_in(FORM_BASIS_TT03_2025, FORM_APOLOGY, &fd);
    assert_has(html, "<strong>Mẫu số 04</strong>");
    assert_has(html, "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT");
    assert_has(html, "xin lỗi Ông/Bà và đề nghị Ông/Bà đồng ý gia hạn thời gian giải quyết hồ sơ, "
                     "hẹn trả kết quả vào <strong class=\"new-appointment\">08 giờ 00 phút, ngày "
                     "08/07/2025</strong>");
    assert_has(html, "<strong>CHỦ TỊCH UBND XÃ</strong>");
    free(html);
    html = render_in(FORM_BASIS_TT03_2025, FORM_CONTROL, &fd);
    assert_has(html, "<strong>Mẫu số 06</strong>");
    assert_has(html, "2. Nhận: Phạm Văn Dũng</td>");
    free(html);
}

/* The book of 2025 spans the switch: one part per circular, in its columns, numbered on. */
static void test_ledger_spanning_the_switch(void **state)
{
    (void)state;
    static const Unit units[] = {{.code = "000.00.21.H50", .name = "Phòng Tư pháp"}};
    Dossier ds[3] = {a_dossier(), a_dossier_2025(), a_dossier_2025()};
    ds[0].code = "000.01.52.H50-250630-0001";
    ds[0].p.received_at = at("2025-06-30T16:00:00+07:00");
    ds[1].p.state = STATE_RETURNED;
    ds[1].p.current_unit = "000.00.21.H50";
    ds[1].p.resolved_at = at("2025-07-03T10:00:00+07:00");
    ds[1].p.returned_at = at("2025-07-03T15:00:00+07:00");
    ds[2].code = "000.01.52.H50-251231-0001";
    ds[2].channel = "online";
    ds[2].p.received_at = at("2025-12-31T09:00:00+07:00");
    const char *names[] = {NULL, "Thủ tục đăng ký khai sinh", NULL};
    FormData fd = {.unit_name = "UBND xã Gio Linh",
                   .ledger_procedure_names = names,
                   .units = units,
                   .n_units = 1,
                   .ledger = ds,
                   .n_ledger = 3,
                   .ledger_year = 2025};
    char *html = render_in(FORM_BASIS_TT03_2025, FORM_LEDGER, &fd);
    assert_has(html, "<strong>Mẫu số 06 và 07</strong>");
    assert_has(html, "<strong>Năm 2025</strong>");
    assert_has(html, "<h2 class=\"ledger-part\">Phần I: hồ sơ tiếp nhận đến trước ngày 01/07/2025 "
                     "(Mẫu số 06, Thông tư 01/2018/TT-VPCP)</h2>");
    assert_has(html, "<h2 class=\"ledger-part\">Phần II: hồ sơ tiếp nhận từ ngày 01/07/2025 "
                     "(Mẫu số 07, Thông tư 03/2025/TT-VPCP)</h2>");
    assert_int_equal(htmlcheck_count(html, "<tr class=\"ledger-row\">"), 3);
    assert_int_equal(htmlcheck_count(html, "<th>Số lượng hồ sơ (bộ)</th>"), 1);
    assert_int_equal(htmlcheck_count(html, "<th>Cơ quan chủ trì giải quyết</th>"), 1);
    assert_has(html, "<td style=\"text-align: center\">1</td><td>000.01.52.H50-250630-0001</td>");
    /* part II numbers on, with the lead agency and how the result went back */
    assert_has(html, "<td style=\"text-align: center\">2</td><td>000.01.52.H50-250701-0001</td>"
                     "<td>Thủ tục đăng ký khai sinh</td><td>Nguyễn Văn An</td>"
                     "<td>Thôn 1, xã Gio Linh<br>0912345678</td><td>Phòng Tư pháp</td>"
                     "<td>08:05 01/07/2025</td><td>08:05 04/07/2025</td><td>15:00 03/07/2025</td>"
                     "<td>Trực tiếp</td><td></td><td>Đã trả kết quả (Trước hạn)</td></tr>");
    assert_has(html, "<td style=\"text-align: center\">3</td><td>000.01.52.H50-251231-0001</td>");
    assert_before(html, "Phần I:", "-250630-0001");
    assert_before(html, "-250630-0001", "Phần II:");
    free(html);

    /* a book of one set has no parts */
    fd.ledger = ds + 1;
    fd.ledger_procedure_names = names + 1;
    fd.n_ledger = 2;
    html = render_in(FORM_BASIS_TT03_2025, FORM_LEDGER, &fd);
    assert_has(html, "<strong>Mẫu số 07</strong>");
    assert_null(strstr(html, "<h2 class=\"ledger-part\">"));
    free(html);
}

static void test_invalid(void **state)
{
    (void)state;
    Dossier d = a_dossier();
    FormData fd = form_data(&d, NULL, 0);
    refuse((FormKind)0, &fd, ERR_INVALID, NULL);
    refuse((FormKind)FORM_KIND_COUNT, &fd, ERR_INVALID, NULL);
    refuse_in((FormBasis)FORM_BASIS_COUNT, FORM_RECEIPT, &fd, ERR_INVALID, NULL);
    refuse(FORM_RECEIPT, NULL, ERR_INVALID, NULL);
    refuse(FORM_FEE_RECEIPT, &fd, ERR_SEMANTIC, NULL); /* no payment */
    fd.dossier = NULL;
    for (int k = FORM_RECEIPT; k <= FORM_CONTROL; k++)
        refuse((FormKind)k, &fd, ERR_INVALID, NULL);
}

static void test_kind_parse(void **state)
{
    (void)state;
    static const char *const ok[][3] = {
        {"01", "mau-01", "1"}, {"02", "mau-02", "2"}, {"03", "mau-03", "3"}, {"04", "mau-04", "4"},
        {"05", "mau-05", "5"}, {"06", "mau-06", "6"}, {"07", "mau-07", "7"}};
    /* Circular 01/2018: 01-06 are the kinds of the same value */
    for (int k = 0; k < 6; k++)
        for (int j = 0; j < 3; j++)
            assert_int_equal(form_kind_parse(FORM_BASIS_TT01_2018, ok[k][j]), k + 1);
    /* Circular 03/2025: the stop notice is 05, the control sheet 06, the ledger 07 */
    static const FormKind tt03[] = {FORM_RECEIPT,     FORM_SUPPLEMENT, FORM_REFUSAL, FORM_APOLOGY,
                                    FORM_STOP_NOTICE, FORM_CONTROL,    FORM_LEDGER};
    for (int k = 0; k < 7; k++) {
        for (int j = 0; j < 3; j++)
            assert_int_equal(form_kind_parse(FORM_BASIS_TT03_2025, ok[k][j]), tt03[k]);
        assert_string_equal(form_number(FORM_BASIS_TT03_2025, tt03[k]), ok[k][0]);
    }
    for (int b = 0; b < FORM_BASIS_COUNT; b++)
        assert_int_equal(form_kind_parse((FormBasis)b, "bien-lai"), FORM_FEE_RECEIPT);
    static const char *const bad[] = {"",    "0",     "00",     "08",  "8",      "001",
                                      "1x",  "mau-",  "mau-08", "mau", "MAU-01", " 01",
                                      "01 ", "mau01", "-1",     "10"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        for (int b = 0; b < FORM_BASIS_COUNT; b++)
            assert_int_equal(form_kind_parse((FormBasis)b, bad[i]), FORM_NONE);
    assert_int_equal(form_kind_parse(FORM_BASIS_TT01_2018, "07"), FORM_NONE);
    assert_int_equal(form_kind_parse(FORM_BASIS_TT01_2018, NULL), FORM_NONE);
    assert_string_equal(form_title(FORM_BASIS_TT01_2018, FORM_APOLOGY),
                        "Phiếu xin lỗi và hẹn lại ngày trả kết quả");
    assert_string_equal(form_title(FORM_BASIS_TT03_2025, FORM_APOLOGY),
                        "Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết");
    assert_string_equal(form_title(FORM_BASIS_TT01_2018, FORM_STOP_NOTICE), "");
    assert_null(form_number(FORM_BASIS_TT01_2018, FORM_STOP_NOTICE));
    assert_string_equal(form_number(FORM_BASIS_TT01_2018, FORM_FEE_RECEIPT), "bien-lai");
    assert_string_equal(form_title(FORM_BASIS_TT01_2018, (FormKind)FORM_KIND_COUNT), "");
}

/* A signed form carries the mark in the unit's signature block (a control sheet, which has
 * none, at its foot); its canonical content is sorted compact JSON of what it states, and
 * changes with any of it. */
static void test_signed(void **state)
{
    (void)state;
    static const char verify[] =
        "https://motcua.quangtri.gov.vn/xac-thuc?ma=AbCdEfGhIjKlMnOpQrStUv";
    Dossier d = a_dossier();
    Event ev[] = {an_event("receive", "2023-10-16T08:12:00+07:00", "clerk1", NULL)};
    ev[0].id = "e1"; /* as a stored event has */
    FormData fd = form_data(&d, ev, 1);
    char *plain = render(FORM_RECEIPT, &fd);
    assert_null(strstr(plain, "verify-url"));
    fd.verify_url = verify;
    fd.signed_by = "UBND xã <Gio Linh>";
    char *html = render(FORM_RECEIPT, &fd);
    assert_int_equal(htmlcheck_count(html, "<svg"), 2); /* the look-up's and the signature's */
    assert_before(html, "NGƯỜI TIẾP NHẬN HỒ SƠ", "class=\"form-sign-room form-stamp\"");
    assert_has(html, "Đã ký số: <span class=\"signed-by\">UBND xã &lt;Gio Linh&gt;</span>");
    assert_has(html, "<a class=\"verify-url\" href=\"https://motcua.quangtri.gov.vn/xac-thuc?"
                     "ma=AbCdEfGhIjKlMnOpQrStUv\">");
    assert_int_equal(htmlcheck_count(html, "class=\"form-sign-room form-stamp\""), 1);
    free(plain);
    free(html);
    html = render(FORM_CONTROL, &fd);
    assert_int_equal(htmlcheck_count(html, "<div class=\"form-stamp\">"), 1);
    free(html);

    Arena *a = arena_new();
    const char *what, *content, *again, *renamed;
    Err e;
    assert_int_equal(form_content(a, FORM_BASIS_TT01_2018, FORM_RECEIPT, &fd, &what, &content, &e),
                     0);
    assert_string_equal(what, "form-01");
    assert_string_equal(
        content,
        "{\"applicant\":\"Nguyễn Văn An\",\"appointment_at\":\"2023-10-19T08:12:00+07:00\","
        "\"basis\":\"Thông tư 01/2018/TT-VPCP\",\"dossier\":\"000.01.52.H50-231016-0001\","
        "\"due_at\":\"2023-10-19T08:12:00+07:00\",\"event\":{\"action\":\"receive\","
        "\"at\":\"2023-10-16T08:12:00+07:00\",\"by\":\"clerk1\",\"id\":\"e1\"},"
        "\"form\":\"01\",\"procedure\":\"Thủ tục đăng ký khai sinh\","
        "\"received_at\":\"2023-10-16T08:12:00+07:00\","
        "\"title\":\"Giấy tiếp nhận hồ sơ và hẹn trả kết quả\","
        "\"unit\":\"000.01.52.H50\",\"unit_name\":\"UBND xã Gio Linh\"}");
    assert_int_equal(form_content(a, FORM_BASIS_TT01_2018, FORM_RECEIPT, &fd, &what, &again, &e),
                     0);
    assert_string_equal(content, again); /* the same form, the same content */
    d.applicant.name = "Nguyễn Văn Ân";
    assert_int_equal(form_content(a, FORM_BASIS_TT01_2018, FORM_RECEIPT, &fd, &what, &renamed, &e),
                     0);
    assert_string_not_equal(content, renamed);
    assert_null(strstr(content, "045090001234")); /* the identity number stays off it */
    assert_int_equal(form_content(a, FORM_BASIS_TT01_2018, FORM_LEDGER, &fd, &what, &again, &e),
                     ERR_INVALID);
    assert_int_equal(form_content(a, FORM_BASIS_TT01_2018, FORM_APOLOGY, &fd, &what, &again, &e),
                     ERR_SEMANTIC); /* no apology: no form to sign */
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_receipt),
        cmocka_unit_test(test_receipt_escapes),
        cmocka_unit_test(test_receipt_limits),
        cmocka_unit_test(test_receipt_missing_data),
        cmocka_unit_test(test_receipt_refused),
        cmocka_unit_test(test_supplement),
        cmocka_unit_test(test_refusal),
        cmocka_unit_test(test_apology),
        cmocka_unit_test(test_control),
        cmocka_unit_test(test_ledger),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_kind_parse),
        cmocka_unit_test(test_tt03_receipt),
        cmocka_unit_test(test_receipt_budget),
        cmocka_unit_test(test_tt03_refusal_and_stop),
        cmocka_unit_test(test_tt03_apology_and_control),
        cmocka_unit_test(test_ledger_spanning_the_switch),
        cmocka_unit_test(test_signed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
