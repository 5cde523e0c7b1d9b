/* admin_calendar.c: the administrator's holidays screen: GET /quan-tri/ngay-nghi?year=YYYY
 * (the year's calendar of the admin's unit as `motcua calendar YEAR` shows it: days off with
 * their kind and legal source, swapped working days, Tết, Hùng Kings' day, the number of
 * working days) and POST /quan-tri/ngay-nghi (a provincial admin loads the year's official
 * schedule as TSV text, through calendars_set_year like PUT /api/v1/calendar/{year}; anyone
 * else gets 403). */
#include "web/pages/pages.h"

#include "io/calendar_json.h"
#include "app/calendars.h"
#include "util/timefmt.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TSV_MAX_BYTES = 256 * 1024 };

static const char *const kinds[] = {"holiday", "compensatory", "swapped_off", "swapped_working",
                                    NULL};
static const char *const kind_labels[] = {"Ngày lễ, Tết", "Nghỉ bù", "Nghỉ hoán đổi", "Làm bù"};

static const char *kind_label(const char *kind)
{
    for (int i = 0; kind && kinds[i]; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return kind_labels[i];
    return kind ? kind : "";
}

/* parse_year reads a year of the calendar's range; 0 when s is not one. */
static int parse_year(const char *s)
{
    char *end;
    errno = 0;
    long y = s ? strtol(s, &end, 10) : 0;
    if (!s || errno || end == s || *end || y < CALENDAR_MIN_YEAR || y > CALENDAR_MAX_YEAR)
        return 0;
    return (int)y;
}

/* date returns an ISO date of the calendar document as dd/mm/yyyy, after its weekday
 * ("Thứ Hai, 01/09/2025") when weekday is set; "" when absent (arena). */
static const char *date(Arena *a, json_t *v, int weekday)
{
    const char *iso = json_string_value(v);
    int32_t day;
    if (!iso || timefmt_parse_date(iso, strlen(iso), NULL, &day) < 0)
        return "";
    if (!weekday)
        return html_date(a, day);
    return arena_printf(a, "%s, %s", timefmt_weekday_name_vi(timefmt_weekday(day)),
                        html_date(a, day));
}

static void days_table(StrBuf *sb, Arena *a, json_t *days, const char *caption)
{
    html(sb,
         "<div class=\"table-wrap\"><table>\n<caption>%s</caption>\n<thead><tr><th "
         "scope=\"col\">Ngày</th><th scope=\"col\">Tên</th><th scope=\"col\">Loại</th><th "
         "scope=\"col\">Căn cứ</th></tr></thead>\n<tbody>\n",
         caption);
    size_t i;
    json_t *d;
    json_array_foreach(days, i, d)
    {
        html(sb, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
             date(a, json_object_get(d, "date"), 1), json_string_value(json_object_get(d, "name")),
             kind_label(json_string_value(json_object_get(d, "kind"))),
             json_string_value(json_object_get(d, "source")));
    }
    if (json_array_size(days) == 0)
        html(sb, "<tr><td colspan=\"4\" class=\"muted\">Không có</td></tr>\n");
    html(sb, "</tbody></table></div>\n");
}

/* schedule_tsv writes the year's entries in the TSV format, to start the form from. */
static const char *schedule_tsv(Arena *a, json_t *doc)
{
    StrBuf sb;
    sb_init(&sb, TSV_MAX_BYTES);
    sb_puts(&sb, "date\tkind\tname\tsource\n");
    const char *lists[] = {"days_off", "extra_working_days"};
    for (int l = 0; l < 2; l++) {
        size_t i;
        json_t *d;
        json_array_foreach(json_object_get(doc, lists[l]), i, d)
        {
            const char *cols[] = {"date", "kind", "name", "source"};
            for (int c = 0; c < 4; c++) {
                sb_puts(&sb, json_string_value(json_object_get(d, cols[c])));
                sb_putc(&sb, c < 3 ? '\t' : '\n');
            }
        }
    }
    const char *text = arena_strdup(a, sb.data && !sb.err ? sb.data : "");
    sb_free(&sb);
    return text;
}

/* year_field is the year input of both forms (the picker's and the schedule's). */
static Widget year_field(Request *req, const char *id, int year)
{
    return (Widget){.id = id,
                    .name = "year",
                    .label = "Năm",
                    .type = "number",
                    .value = arena_printf(req->arena, "%d", year),
                    .min = "1900",
                    .max = "2199"};
}

static void year_picker(StrBuf *sb, Request *req, int year)
{
    html(sb, "<form class=\"actions\" method=\"get\" action=\"/quan-tri/ngay-nghi\">");
    Widget w = year_field(req, "chon-nam", year);
    w.bare = 1;
    widget_input(sb, &w);
    html(sb, "<button type=\"submit\" class=\"secondary\">Xem</button></form>\n");
}

static void load_form(StrBuf *sb, Request *req, int year, const char *tsv)
{
    html(sb, "<h2 id=\"nap-lich\">Nạp lịch nghỉ chính thức của năm</h2>\n<p class=\"muted\">Dán "
             "nội dung tệp lịch nghỉ (dạng data/holidays/YYYY.tsv): dòng đầu là tiêu đề date, "
             "kind, name, source; mỗi dòng sau là một ngày, các cột cách nhau bởi dấu tab; kind "
             "là holiday, compensatory, swapped_off hoặc swapped_working. Lịch nạp thay thế toàn "
             "bộ lịch của năm đó.</p>\n<form class=\"stack\" method=\"post\" "
             "action=\"/quan-tri/ngay-nghi\">");
    page_csrf(sb, req);
    Widget w = year_field(req, "l-year", year);
    w.required = 1;
    w.err = &req->err;
    widget_input(sb, &w);
    widget_textarea(sb, &(Widget){.id = "l-tsv",
                                  .name = "tsv",
                                  .label = "Lịch nghỉ (TSV)",
                                  .value = tsv,
                                  .rows = 14,
                                  .no_spellcheck = 1,
                                  .required = 1,
                                  .err = &req->err});
    html(sb, "<div><button type=\"submit\">Nạp lịch nghỉ</button></div></form>\n");
}

/* calendar_page renders year's calendar; tsv is the form's text (NULL: the year's current
 * schedule). */
static int calendar_page(Request *req, Response *res, int year, const char *tsv, int status)
{
    Calendar cal;
    Err e;
    int rc = calendars_load(req_store(req), req->who.unit, &cal, &e);
    if (rc < 0) {
        req->err = e;
        return rc;
    }
    json_t *doc = calendar_year_json(&cal, year, &e);
    calendar_free(&cal);
    if (!doc) {
        req->err = e;
        return e.code;
    }
    int province = admin_is_province(req);
    Arena *a = req->arena;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Ngày nghỉ, ngày làm bù", "/quan-tri/ngay-nghi");
    admin_notice(&sb, req);
    admin_form_error(&sb, req);
    year_picker(&sb, req, year);
    html(&sb,
         "<h2>Lịch năm %d</h2>\n<dl class=\"kv\"><dt>Tết Nguyên đán (mùng 1 tháng Giêng)</dt>"
         "<dd>%s</dd><dt>Giỗ Tổ Hùng Vương (10 tháng 3 âm lịch)</dt><dd>%s</dd><dt>Số ngày làm "
         "việc của đơn vị</dt><dd>%s</dd></dl>\n",
         year, date(a, json_object_get(doc, "lunar_new_year"), 1),
         date(a, json_object_get(doc, "hung_kings_day"), 1),
         html_num(a, json_integer_value(json_object_get(doc, "working_days"))));
    days_table(&sb, a, json_object_get(doc, "days_off"), "Ngày nghỉ");
    days_table(&sb, a, json_object_get(doc, "extra_working_days"),
               "Ngày làm bù (ngày nghỉ hằng tuần phải đi làm)");
    if (province)
        load_form(&sb, req, year, tsv ? tsv : schedule_tsv(a, doc));
    else
        html(&sb, "<p class=\"muted\">Lịch nghỉ dùng chung cho cả tỉnh; chỉ quản trị cấp tỉnh "
                  "được nạp lịch nghỉ của năm.</p>\n");
    json_decref(doc);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_admin_calendar(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    if (rc < 0)
        return rc;
    if (strcmp(req->method, "GET") == 0) {
        const char *q = req_query(req, "year");
        int year = q ? parse_year(q) : page_this_year(req);
        if (!year) {
            req_fail(req, ERR_INVALID, "year", "Năm phải là số từ 1900 đến 2199",
                     "year must be between 1900 and 2199");
            return calendar_page(req, res, page_this_year(req), NULL, 400);
        }
        return calendar_page(req, res, year, NULL, 200);
    }
    if (!admin_is_province(req))
        return req_fail(req, ERR_FORBIDDEN, "unit",
                        "Chỉ quản trị cấp tỉnh được nạp lịch nghỉ của năm",
                        "only a provincial admin may load a year's holiday schedule");
    if ((rc = form_parse(req)) < 0)
        return rc;
    YearLoad y = {parse_year(form_get(req, "year")), form_get(req, "tsv"), req->who.name,
                  req_now(req)};
    if (!y.year)
        rc = req_fail(req, ERR_INVALID, "year", "Năm phải là số từ 1900 đến 2199",
                      "year must be between 1900 and 2199");
    else if (!y.tsv || !*y.tsv)
        rc = req_fail(req, ERR_INVALID, "tsv", "Hãy dán lịch nghỉ của năm",
                      "the schedule is required");
    else if (strlen(y.tsv) > TSV_MAX_BYTES)
        rc = req_fail(req, ERR_TOO_LARGE, "tsv", "Lịch nghỉ quá dài", "the schedule is too long");
    else if ((rc = req_write(req, actions_write_year, &y)) == 0)
        return admin_redirect(req, res, "/quan-tri/ngay-nghi", "year",
                              arena_printf(req->arena, "%d", y.year), "lich",
                              arena_printf(req->arena, "%d", y.year));
    if (strcmp(req->err.field, "year") != 0) /* "dòng N: ..." is about the text */
        snprintf(req->err.field, sizeof req->err.field, "tsv");
    return calendar_page(req, res, y.year ? y.year : page_this_year(req), y.tsv ? y.tsv : "",
                         http_status(rc));
}
