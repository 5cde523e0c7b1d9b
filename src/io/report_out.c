/* report_out.c: the report as JSON, CSV and text (see report_out.h). */
#include "io/report_out.h"

#include "core/vntext.h"
#include "util/escape.h"
#include "util/timefmt.h"
#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

static json_t *date_json(int32_t day)
{
    char buf[TIMEFMT_DATE_SIZE];
    timefmt_format_date(day, buf, sizeof buf);
    return json_string(buf);
}

static json_t *row_json(const ReportRow *r)
{
    return json_pack(
        "{s:{s:I, s:I, s:I, s:I}, s:{s:I, s:I, s:I, s:I}, s:{s:I, s:I, s:I}, s:I}", "received",
        "total", (json_int_t)r->received_total, "carried_over", (json_int_t)r->carried_over,
        "online", (json_int_t)r->online, "direct_postal", (json_int_t)r->direct_postal, "resolved",
        "total", (json_int_t)r->resolved_total, "early", (json_int_t)r->early, "on_time",
        (json_int_t)r->on_time, "late", (json_int_t)r->late, "in_progress", "total",
        (json_int_t)r->in_progress_total, "within_deadline", (json_int_t)r->within_deadline,
        "overdue", (json_int_t)r->overdue, "stopped", (json_int_t)r->stopped);
}

json_t *report_json(const Report *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "from", date_json(r->q.from));
    json_object_set_new(o, "to", date_json(r->q.to));
    char as_of[TIMEFMT_INSTANT_SIZE];
    timefmt_format_instant(r->as_of, as_of, sizeof as_of);
    json_object_set_new(o, "as_of", json_string(as_of));
    json_object_set_new(o, "unit", r->q.unit ? json_string(r->q.unit) : json_null());
    json_object_set_new(o, "units", json_string(reports_units_name(r)));
    if (r->q.by != STAT_BY_NONE)
        json_object_set_new(o, "by", json_string(reports_group_name(r->q.by)));
    json_object_set_new(o, "total", row_json(&r->total));
    json_t *rows = json_array();
    for (size_t i = 0; i < r->n_lines; i++) {
        json_t *row = json_pack("{s:s, s:s}", "key", r->lines[i].key, "name", r->lines[i].name);
        json_t *body = row_json(&r->lines[i].row);
        json_object_update(row, body);
        json_decref(body);
        json_array_append_new(rows, row);
    }
    json_object_set_new(o, "rows", rows);
    json_t *ind = json_object();
    for (int i = 0; i < STATS_N_INDICATORS; i++) {
        const Indicator *x = &r->indicators[i];
        json_t *v =
            json_pack("{s:f, s:I, s:I}", "value", (double)x->value_x100 / 100.0, "numerator",
                      (json_int_t)x->numerator, "denominator", (json_int_t)x->denominator);
        if (x->scored) {
            json_object_set_new(v, "points", json_real((double)x->points_x100 / 100.0));
            json_object_set_new(v, "max", json_integer(x->max_points));
        }
        json_object_set_new(ind, x->key, v);
    }
    json_object_set_new(o, "indicators", ind);
    const ReportRow *t = &r->total;
    json_object_set_new(o, "digitization",
                        json_pack("{s:{s:I, s:I, s:I}, s:{s:I, s:I, s:I}}", "components",
                                  "digitized", (json_int_t)t->components_digitized, "with_file",
                                  (json_int_t)t->components_filed, "source_mark",
                                  (json_int_t)(t->components_digitized - t->components_filed),
                                  "results", "electronic", (json_int_t)t->results_digitized,
                                  "with_file", (json_int_t)t->results_filed, "source_mark",
                                  (json_int_t)(t->results_digitized - t->results_filed)));
    return o;
}

const char *report_digitization_note(Arena *a, const Report *r)
{
    const ReportRow *t = &r->total;
    int64_t marked = t->components_digitized - t->components_filed,
            results = t->results_digitized - t->results_filed;
    if (!marked && !results)
        return NULL;
    return arena_printf(a,
                        "Số hóa: trong %s hồ sơ có thành phần được số hóa, %s hồ sơ có tệp lưu "
                        "trong hệ thống và %s hồ sơ được tính theo đánh dấu của hệ thống nguồn "
                        "(dữ liệu chuyển sang, không kèm tệp); trong %s hồ sơ có kết quả điện tử, "
                        "%s có tệp kết quả và %s theo đánh dấu của hệ thống nguồn.",
                        vntext_number(a, t->components_digitized),
                        vntext_number(a, t->components_filed), vntext_number(a, marked),
                        vntext_number(a, t->results_digitized), vntext_number(a, t->results_filed),
                        vntext_number(a, results));
}

const char *report_period_line(Arena *a, const Report *r)
{
    char from[TIMEFMT_DATE_SIZE], to[TIMEFMT_DATE_SIZE], as_of[TIMEFMT_VI_DATETIME_SIZE];
    timefmt_format_vi_date(r->q.from, from, sizeof from);
    timefmt_format_vi_date(r->q.to, to, sizeof to);
    if (!r->ongoing)
        return arena_printf(a, "Từ ngày %s đến ngày %s", from, to);
    timefmt_format_vi_datetime(r->as_of, as_of, sizeof as_of);
    return arena_printf(a, "Từ ngày %s đến ngày %s (kỳ chưa kết thúc: số liệu tính đến %s)", from,
                        to, as_of);
}

static const char *const indicator_labels[][2] = {
    {"resolved_on_time_rate", "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn"},
    {"progress_766", "Tiến độ giải quyết (Chỉ số 2.1, QĐ 766)"},
    {"online_rate", "Tỷ lệ hồ sơ nộp trực tuyến"},
    {"full_online_rate", "Tỷ lệ hồ sơ trực tuyến toàn trình"},
    {"components_digitized_rate", "Tỷ lệ hồ sơ có thành phần được số hóa"},
    {"results_digitized_rate", "Tỷ lệ hồ sơ có kết quả điện tử"},
    {"online_payment_rate", "Tỷ lệ hồ sơ thanh toán trực tuyến"},
    {"satisfaction_rate", "Tỷ lệ hài lòng"},
};

const char *report_indicator_label(const char *key)
{
    for (size_t i = 0; i < sizeof indicator_labels / sizeof indicator_labels[0]; i++)
        if (strcmp(indicator_labels[i][0], key) == 0)
            return indicator_labels[i][1];
    return key;
}

/* The columns of Biểu 06/VPCP/KSTT (3-13), then the dossiers stopped or withdrawn. */
static const char *const csv_heads[] = {"STT",
                                        "Mã",
                                        "Tên",
                                        "Tổng số hồ sơ nhận giải quyết",
                                        "Trực tuyến",
                                        "Trực tiếp, dịch vụ bưu chính",
                                        "Từ kỳ trước",
                                        "Tổng số đã giải quyết",
                                        "Trước hạn",
                                        "Đúng hạn",
                                        "Quá hạn",
                                        "Tổng số đang giải quyết",
                                        "Trong hạn",
                                        "Quá hạn",
                                        "Dừng xử lý, rút hồ sơ"};

static void csv_row(StrBuf *sb, char sep, const char *no, const char *key, const char *name,
                    const ReportRow *r)
{
    esc_csv(sb, no);
    sb_putc(sb, sep);
    esc_csv(sb, key);
    sb_putc(sb, sep);
    esc_csv(sb, name);
    const int64_t v[] = {r->received_total,  r->online,         r->direct_postal,
                         r->carried_over,    r->resolved_total, r->early,
                         r->on_time,         r->late,           r->in_progress_total,
                         r->within_deadline, r->overdue,        r->stopped};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        sb_appendf(sb, "%c%lld", sep, (long long)v[i]);
    sb_puts(sb, "\r\n");
}

void report_csv(StrBuf *sb, const Report *r, ReportCsv flavour)
{
    char sep = flavour == REPORT_CSV_EXCEL ? ';' : ',';
    if (flavour == REPORT_CSV_EXCEL)
        sb_puts(sb, "\xEF\xBB\xBF"); /* the byte order mark: Excel then reads UTF-8 */
    for (size_t i = 0; i < sizeof csv_heads / sizeof csv_heads[0]; i++) {
        if (i)
            sb_putc(sb, sep);
        if (strchr(csv_heads[i], sep)) /* the headings are ours: only the separator needs quotes */
            sb_appendf(sb, "\"%s\"", csv_heads[i]);
        else
            sb_puts(sb, csv_heads[i]);
    }
    sb_puts(sb, "\r\n");
    char no[24];
    for (size_t i = 0; i < r->n_lines; i++) {
        snprintf(no, sizeof no, "%zu", i + 1);
        csv_row(sb, sep, no, r->lines[i].key, r->lines[i].name, &r->lines[i].row);
    }
    csv_row(sb, sep, "", "", "Tổng cộng", &r->total);
}

/* pad appends s[0..n) and spaces up to width columns (counting UTF-8 characters). */
static void pad(StrBuf *sb, const char *s, size_t n, int width, int right)
{
    size_t chars = utf8_count(s, n);
    if (right)
        for (size_t i = chars; i < (size_t)width; i++)
            sb_putc(sb, ' ');
    sb_append(sb, s, n);
    if (!right)
        for (size_t i = chars; i < (size_t)width; i++)
            sb_putc(sb, ' ');
}

/* pad_str is pad for a NUL-terminated string. */
static void pad_str(StrBuf *sb, const char *s, int width, int right)
{
    pad(sb, s, strlen(s), width, right);
}

/* text_row appends one line of the table: the name's first 27 characters (a longer name is cut at
 * a character boundary), then the numbers. */
static void text_row(StrBuf *sb, Arena *a, const char *name, const ReportRow *r)
{
    size_t n = strlen(name);
    pad(sb, name, utf8_offset(name, n, 27), 28, 0);
    const int64_t v[] = {r->received_total,  r->online,         r->direct_postal,
                         r->carried_over,    r->resolved_total, r->early,
                         r->on_time,         r->late,           r->in_progress_total,
                         r->within_deadline, r->overdue,        r->stopped};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        pad_str(sb, vntext_number(a, v[i]), 9, 1);
    sb_putc(sb, '\n');
}

void report_text(StrBuf *sb, const Report *r)
{
    Arena *a = arena_new();
    sb_appendf(sb, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\n%s\n%s\n\n",
               r->unit_name ? r->unit_name : "Tất cả đơn vị", report_period_line(a, r));
    pad_str(sb, "", 28, 0);
    static const char *const heads[] = {"Nhận", "T.tuyến", "T.tiếp",  "Kỳ trước", "Đã GQ", "Tr.hạn",
                                        "Đúng", "Quá",     "Đang GQ", "Tr.hạn",   "Quá",   "Dừng"};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        pad_str(sb, heads[i], 9, 1);
    sb_putc(sb, '\n');
    for (size_t i = 0; i < r->n_lines; i++)
        text_row(sb, a, r->lines[i].name, &r->lines[i].row);
    text_row(sb, a, "Tổng cộng", &r->total);
    sb_puts(sb, "\nChỉ số:\n");
    for (int i = 0; i < STATS_N_INDICATORS; i++) {
        const Indicator *x = &r->indicators[i];
        sb_appendf(sb, "  %s: %s%% (%s/%s)", report_indicator_label(x->key),
                   vntext_decimal(a, x->value_x100, 2), vntext_number(a, x->numerator),
                   vntext_number(a, x->denominator));
        if (x->scored)
            sb_appendf(sb, ", %s/%d điểm", vntext_decimal(a, x->points_x100, 2), x->max_points);
        sb_putc(sb, '\n');
    }
    const char *note = report_digitization_note(a, r);
    if (note)
        sb_appendf(sb, "\n%s\n", note);
    arena_free(a);
}

/* The two header rows of Biểu 06: the groups over columns 3-6, 7-10 and 11-13. */
static const char *const form_heads[REPORT_FORM_COLS] = {
    "STT",
    "Lĩnh vực, công việc giải quyết theo cấp",
    "Tổng số",
    "Trong đó: Trực tuyến",
    "Trực tiếp, dịch vụ bưu chính",
    "Từ kỳ trước",
    "Tổng số",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Tổng số",
    "Trong hạn",
    "Quá hạn",
};

static const struct {
    const char *head;
    int first, last;
} form_groups[] = {
    {"Số hồ sơ nhận giải quyết", 3, 6},
    {"Số hồ sơ đã giải quyết", 7, 10},
    {"Số hồ sơ đang giải quyết", 11, 13},
};

const char *report_form_head(int col)
{
    return col >= 1 && col <= REPORT_FORM_COLS ? form_heads[col - 1] : NULL;
}

const char *report_form_group(int col, int *out_first, int *out_last)
{
    for (size_t i = 0; i < sizeof form_groups / sizeof form_groups[0]; i++)
        if (col >= form_groups[i].first && col <= form_groups[i].last) {
            *out_first = form_groups[i].first;
            *out_last = form_groups[i].last;
            return form_groups[i].head;
        }
    return NULL;
}

void report_form_values(const ReportRow *r, int64_t out[REPORT_FORM_NUMBERS])
{
    const int64_t v[REPORT_FORM_NUMBERS] = {r->received_total,
                                            r->online,
                                            r->direct_postal,
                                            r->carried_over,
                                            r->resolved_total + r->stopped,
                                            r->early,
                                            r->on_time + r->stopped,
                                            r->late,
                                            r->in_progress_total,
                                            r->within_deadline,
                                            r->overdue};
    memcpy(out, v, sizeof v);
}
