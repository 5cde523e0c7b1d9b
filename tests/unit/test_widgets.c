/* test_widgets.c: the form controls of the pages: each kind with its label, kept value, flags
 * and the error beside it (only when the error is about that field), every string escaped,
 * well formed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "web/pages/widgets.h"

#include "htmlcheck.h"
#include "io/html.h"
#include "web/pages/layout.h"

#include <string.h>

/* An error about the field "phone", as a failed post leaves it in req->err. */
static Err phone_error(void)
{
    Err e;
    err_set(&e, ERR_INVALID, "phone", "Số điện thoại <không> hợp lệ", "invalid phone");
    return e;
}

static void assert_well_formed(const char *html)
{
    const char *why = htmlcheck(html);
    if (why)
        fail_msg("not well formed: %s in:\n%s", why, html);
}

static void test_input(void **state)
{
    (void)state;
    Err e = phone_error();
    StrBuf sb;
    sb_init(&sb, 0);
    widget_input(&sb, &(Widget){.id = "ap-phone",
                                .name = "phone",
                                .label = "Số điện thoại",
                                .type = "tel",
                                .value = "09\"<1>",
                                .hint = "Cần để tra cứu",
                                .required = 1,
                                .err = &e});
    assert_string_equal(sb.data, "<div><label for=\"ap-phone\">Số điện thoại</label>"
                                 "<span class=\"muted\">Cần để tra cứu</span>"
                                 "<input type=\"tel\" id=\"ap-phone\" name=\"phone\" "
                                 "value=\"09&quot;&lt;1&gt;\" required>"
                                 "<p class=\"field-error\" id=\"err-phone\">Số điện thoại "
                                 "&lt;không&gt; hợp lệ</p></div>\n");
    assert_well_formed(sb.data);
    sb_free(&sb);

    /* another field's error is not shown; no value, no attribute; text is the default type */
    sb_init(&sb, 0);
    widget_input(&sb, &(Widget){.id = "ap-name", .name = "name", .label = "Họ và tên", .err = &e});
    assert_string_equal(sb.data, "<div><label for=\"ap-name\">Họ và tên</label>"
                                 "<input type=\"text\" id=\"ap-name\" name=\"name\"></div>\n");
    sb_free(&sb);

    /* err_field: the error about another name stands beside this control */
    sb_init(&sb, 0);
    widget_input(
        &sb,
        &(Widget){
            .id = "new", .name = "new_phone", .label = "Mới", .err = &e, .err_field = "phone"});
    assert_non_null(strstr(sb.data, "name=\"new_phone\"><p class=\"field-error\" "
                                    "id=\"err-phone\">"));
    sb_free(&sb);
}

static void test_input_attributes(void **state)
{
    (void)state;
    StrBuf sb;
    sb_init(&sb, 0);
    /* every optional attribute, in the fixed order, then the flags */
    widget_input(&sb, &(Widget){.id = "key",
                                .name = "key",
                                .label = "4 số cuối",
                                .value = "",
                                .autocomplete = "off",
                                .inputmode = "numeric",
                                .pattern = "[0-9]{4}",
                                .placeholder = "1234",
                                .filter = "procedure",
                                .minlength = 4,
                                .maxlength = 4,
                                .no_spellcheck = 1,
                                .required = 1,
                                .autofocus = 1});
    assert_string_equal(sb.data,
                        "<div><label for=\"key\">4 số cuối</label><input type=\"text\" id=\"key\" "
                        "name=\"key\" value=\"\" autocomplete=\"off\" inputmode=\"numeric\" "
                        "pattern=\"[0-9]{4}\" placeholder=\"1234\" data-filter=\"procedure\" "
                        "minlength=\"4\" maxlength=\"4\" spellcheck=\"false\" required "
                        "autofocus></div>\n");
    sb_free(&sb);

    /* a number takes whole numbers from 0 unless told; bare leaves the <div> out */
    sb_init(&sb, 0);
    widget_input(&sb, &(Widget){.id = "fee", .name = "fee", .label = "Phí", .type = "number"});
    widget_input(&sb, &(Widget){.id = "y",
                                .name = "year",
                                .label = "Năm",
                                .type = "number",
                                .value = "2025",
                                .min = "1900",
                                .max = "2199",
                                .bare = 1});
    assert_string_equal(sb.data, "<div><label for=\"fee\">Phí</label><input type=\"number\" "
                                 "id=\"fee\" name=\"fee\" min=\"0\" step=\"1\"></div>\n"
                                 "<label for=\"y\">Năm</label><input type=\"number\" id=\"y\" "
                                 "name=\"year\" value=\"2025\" min=\"1900\" max=\"2199\" "
                                 "step=\"1\">");
    sb_free(&sb);
}

static void test_textarea(void **state)
{
    (void)state;
    Err e;
    err_set(&e, ERR_INVALID, "tsv", "dòng 2: ngày không hợp lệ", "line 2: bad date");
    StrBuf sb;
    sb_init(&sb, 0);
    widget_textarea(&sb, &(Widget){.id = "l-tsv",
                                   .name = "tsv",
                                   .label = "Lịch nghỉ",
                                   .value = "date\tkind\n</textarea><script>",
                                   .rows = 14,
                                   .no_spellcheck = 1,
                                   .required = 1,
                                   .err = &e});
    assert_string_equal(sb.data, "<div><label for=\"l-tsv\">Lịch nghỉ</label><textarea "
                                 "id=\"l-tsv\" name=\"tsv\" rows=\"14\" spellcheck=\"false\" "
                                 "required>date\tkind\n&lt;/textarea&gt;&lt;script&gt;</textarea>"
                                 "<p class=\"field-error\" id=\"err-tsv\">dòng 2: ngày không hợp "
                                 "lệ</p></div>\n");
    assert_well_formed(sb.data);
    sb_free(&sb);
}

static void test_select(void **state)
{
    (void)state;
    Err e;
    err_set(&e, ERR_INVALID, "unit", "Hãy chọn cơ quan", "choose an office");
    Widget w = {.id = "ap-unit",
                .name = "unit",
                .label = "Nộp tại",
                .none = "Chọn cơ quan",
                .required = 1,
                .err = &e};
    StrBuf sb;
    sb_init(&sb, 0);
    widget_select_begin(&sb, &w);
    html_option(&sb, "A&1", "Xã <A>", "B");
    html_option(&sb, "B", "Xã B", "B");
    widget_select_end(&sb, &w);
    assert_string_equal(sb.data, "<div><label for=\"ap-unit\">Nộp tại</label><select "
                                 "id=\"ap-unit\" name=\"unit\" required><option value=\"\">Chọn "
                                 "cơ quan</option><option value=\"A&amp;1\">Xã &lt;A&gt;</option>"
                                 "<option value=\"B\" selected>Xã B</option></select>"
                                 "<p class=\"field-error\" id=\"err-unit\">Hãy chọn cơ quan</p>"
                                 "</div>\n");
    assert_well_formed(sb.data);
    sb_free(&sb);
}

static void test_check(void **state)
{
    (void)state;
    Err e;
    err_set(&e, ERR_INVALID, "channel", "Hãy chọn hình thức nộp", "choose a channel");
    StrBuf sb;
    sb_init(&sb, 0);
    html(&sb, "<fieldset><legend>Hình thức</legend>");
    widget_check(&sb, &(Widget){.type = "radio",
                                .id = "channel-direct",
                                .name = "channel",
                                .value = "direct",
                                .label = "Trực tiếp",
                                .checked = 1,
                                .required = 1});
    widget_check(&sb, &(Widget){.type = "radio",
                                .id = "channel-postal",
                                .name = "channel",
                                .value = "postal",
                                .label = "Bưu chính <x>",
                                .required = 1});
    page_field_error(&sb, &e, "channel");
    html(&sb, "</fieldset>");
    assert_string_equal(sb.data,
                        "<fieldset><legend>Hình thức</legend>"
                        "<label class=\"check\" for=\"channel-direct\"><input type=\"radio\" "
                        "id=\"channel-direct\" "
                        "name=\"channel\" value=\"direct\" checked required> Trực tiếp</label>"
                        "<label class=\"check\" for=\"channel-postal\"><input type=\"radio\" "
                        "id=\"channel-postal\" "
                        "name=\"channel\" value=\"postal\" required> Bưu chính &lt;x&gt;</label>"
                        "<p class=\"field-error\" id=\"err-channel\">Hãy chọn hình thức nộp</p>"
                        "</fieldset>");
    assert_well_formed(sb.data);
    sb_free(&sb);

    /* a check box by default, its hint in bold, its own error when given */
    err_set(&e, ERR_INVALID, "online", "Không áp dụng", "not applicable");
    sb_init(&sb, 0);
    widget_check(&sb, &(Widget){.id = "c-0",
                                .name = "online",
                                .value = "1",
                                .label = "Trực tuyến",
                                .hint = "(bắt buộc)",
                                .err = &e});
    assert_string_equal(sb.data, "<label class=\"check\" for=\"c-0\"><input type=\"checkbox\" "
                                 "id=\"c-0\" "
                                 "name=\"online\" value=\"1\"> Trực tuyến <strong>(bắt buộc)"
                                 "</strong></label><p class=\"field-error\" id=\"err-online\">"
                                 "Không áp dụng</p>");
    sb_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input),    cmocka_unit_test(test_input_attributes),
        cmocka_unit_test(test_textarea), cmocka_unit_test(test_select),
        cmocka_unit_test(test_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
