/* report_html.c: the official report as one self-contained, printable HTML page (see
 * report_out.h): Biểu 06/VPCP/KSTT with merged headings, the indicators and two monthly SVG
 * charts. All markup goes through the HTML builder (io/html.h); the form's columns come from
 * report_form_* so that this page and the xlsx agree. The page carries its own stylesheet
 * (html_print_begin) and a few style attributes, so it reads the same saved to a file. */
#include "io/report_out.h"

#include "util/arena.h"
#include "util/timefmt.h"
#include "io/html.h"

/* period appends "Từ ngày 15/11/2021 đến ngày 14/10/2023". */
static void period(StrBuf *sb, const Report *r)
{
    HTML_LIT(sb, "Từ ngày ");
    html_date_vi(sb, r->q.from);
    HTML_LIT(sb, " đến ngày ");
    html_date_vi(sb, r->q.to);
}

static void title_block(StrBuf *sb, const Report *r)
{
    HTML_LIT(sb, "<p style=\"text-align:right\"><strong>Biểu số 06/VPCP/KSTT</strong></p>\n"
                 "<h1 class=\"form-title\">TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI "
                 "CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH</h1>\n"
                 "<p style=\"text-align:center\"><strong>");
    html_text(sb, r->unit_name ? r->unit_name : "Tất cả đơn vị");
    HTML_LIT(sb, "</strong></p>\n<p style=\"text-align:center\"><em>");
    period(sb, r);
    HTML_LIT(sb, "</em></p>\n<p style=\"text-align:right\"><em>Đơn vị tính: Số hồ sơ "
                 "TTHC</em></p>\n");
}

void report_html_headings(StrBuf *sb)
{
    HTML_LIT(sb, "<tr>");
    for (int col = 1; col <= REPORT_FORM_COLS; col++) {
        int first, last;
        const char *group = report_form_group(col, &first, &last);
        if (!group) {
            HTML_LIT(sb, "<th rowspan=\"2\" scope=\"col\">");
            html_text(sb, report_form_head(col));
            HTML_LIT(sb, "</th>");
        } else if (col == first) {
            HTML_LIT(sb, "<th scope=\"colgroup\"");
            html_attr_int(sb, "colspan", last - first + 1);
            sb_putc(sb, '>');
            html_text(sb, group);
            HTML_LIT(sb, "</th>");
        }
    }
    HTML_LIT(sb, "</tr>\n<tr>");
    for (int col = 1; col <= REPORT_FORM_COLS; col++) {
        int first, last;
        if (!report_form_group(col, &first, &last))
            continue;
        HTML_LIT(sb, "<th scope=\"col\">");
        html_text(sb, report_form_head(col));
        HTML_LIT(sb, "</th>");
    }
    HTML_LIT(sb, "</tr>\n");
}

/* form_head appends the table's head: two rows of headings, then the column numbers. */
static void form_head(StrBuf *sb)
{
    HTML_LIT(sb, "<thead>\n");
    report_html_headings(sb);
    HTML_LIT(sb, "<tr style=\"text-align:center;font-style:italic\">");
    for (int col = 1; col <= REPORT_FORM_COLS; col++) {
        HTML_LIT(sb, "<td>(");
        html_int(sb, col);
        HTML_LIT(sb, ")</td>");
    }
    HTML_LIT(sb, "</tr>\n</thead>\n");
}

/* form_row appends one line of the table (no: its STT, 0 for the total row). */
static void form_row(StrBuf *sb, size_t no, const char *name, const ReportRow *r)
{
    int64_t v[REPORT_FORM_NUMBERS];
    report_form_values(r, v);
    if (no) {
        HTML_LIT(sb, "<tr><td style=\"text-align:center\">");
        html_int(sb, (int64_t)no);
        HTML_LIT(sb, "</td><td style=\"text-align:left\">");
        html_text(sb, name);
    } else {
        HTML_LIT(sb, "<tr style=\"font-weight:bold\"><td></td><td style=\"text-align:left\">"
                     "Tổng cộng");
    }
    HTML_LIT(sb, "</td>");
    for (int i = 0; i < REPORT_FORM_NUMBERS; i++) {
        HTML_LIT(sb, "<td>");
        html_num_vi(sb, v[i]);
        HTML_LIT(sb, "</td>");
    }
    HTML_LIT(sb, "</tr>\n");
}

static void form_table(StrBuf *sb, const Report *r)
{
    HTML_LIT(sb, "<table class=\"form-table\">\n");
    form_head(sb);
    HTML_LIT(sb, "<tbody style=\"text-align:right\">\n");
    for (size_t i = 0; i < r->n_lines; i++)
        form_row(sb, i + 1, r->lines[i].name, &r->lines[i].row);
    form_row(sb, 0, NULL, &r->total);
    HTML_LIT(sb, "</tbody>\n</table>\n<p><em>Ghi chú: cột Đúng hạn gồm cả ");
    html_num_vi(sb, r->total.stopped);
    HTML_LIT(sb,
             " hồ sơ dừng xử lý, rút hồ sơ (tính cả vào cột Tổng số đã giải quyết).</em></p>\n");
}

static void signers(StrBuf *sb)
{
    HTML_LIT(sb, "<div style=\"display:flex;justify-content:space-between;text-align:center;"
                 "margin:4mm 0 24mm\">\n"
                 "<div style=\"flex:0 0 40%\"><p><br></p><p><strong>NGƯỜI LẬP BIỂU</strong></p>"
                 "<p><em>(Ký, ghi rõ họ tên)</em></p></div>\n"
                 "<div style=\"flex:0 0 40%\"><p><em>......, ngày ..... tháng ..... năm "
                 ".....</em></p><p><strong>THỦ TRƯỞNG ĐƠN VỊ</strong></p>"
                 "<p><em>(Ký, ghi rõ họ tên, đóng dấu)</em></p></div>\n</div>\n");
}

static void indicators(StrBuf *sb, const Report *r)
{
    HTML_LIT(sb, "<h2 style=\"break-before:page\">Chỉ số đánh giá chất lượng giải quyết thủ tục "
                 "hành chính (Quyết định 766/QĐ-TTg)</h2>\n<table class=\"form-table\">\n"
                 "<thead><tr><th scope=\"col\">STT</th><th scope=\"col\">Chỉ số</th>"
                 "<th scope=\"col\">Giá trị</th><th scope=\"col\">Tử số</th>"
                 "<th scope=\"col\">Mẫu số</th><th scope=\"col\">Điểm</th></tr></thead>\n"
                 "<tbody style=\"text-align:right\">\n");
    for (int i = 0; i < STATS_N_INDICATORS; i++) {
        const Indicator *x = &r->indicators[i];
        HTML_LIT(sb, "<tr><td style=\"text-align:center\">");
        html_int(sb, i + 1);
        HTML_LIT(sb, "</td><td style=\"text-align:left\">");
        html_text(sb, report_indicator_label(x->key));
        HTML_LIT(sb, "</td><td>");
        html_decimal_vi(sb, x->value_x100, 2);
        HTML_LIT(sb, "%</td><td>");
        html_num_vi(sb, x->numerator);
        HTML_LIT(sb, "</td><td>");
        html_num_vi(sb, x->denominator);
        HTML_LIT(sb, "</td><td>");
        if (x->scored) {
            html_decimal_vi(sb, x->points_x100, 2);
            HTML_LIT(sb, "/");
            html_int(sb, x->max_points);
        }
        HTML_LIT(sb, "</td></tr>\n");
    }
    HTML_LIT(sb, "</tbody>\n</table>\n<p><em>Điểm theo Bộ chỉ số ban hành kèm theo Quyết định "
                 "766/QĐ-TTg; để trống: chỉ số không tính điểm.</em></p>\n");
}

/* charts appends the two monthly charts and, since an SVG is one image to a screen reader, the
 * same figures as a table. */
static void charts(StrBuf *sb, const Report *r)
{
    HTML_LIT(sb, "<h2>Diễn biến theo tháng</h2>\n");
    if (r->n_months == 0) {
        HTML_LIT(sb, "<p>Không có số liệu theo tháng trong kỳ.</p>\n");
        return;
    }
    Arena *a = arena_new();
    size_t n = r->n_months;
    const char **labels = arena_array(a, n, sizeof *labels);
    int64_t *online = arena_array(a, n, sizeof *online);
    int64_t *direct = arena_array(a, n, sizeof *direct);
    int64_t *in_time = arena_array(a, n, sizeof *in_time);
    int64_t *late = arena_array(a, n, sizeof *late);
    for (size_t i = 0; i < n; i++) {
        const StatMonth *m = &r->months[i];
        labels[i] = arena_printf(a, "%02d/%04d", m->month, m->year);
        online[i] = m->online;
        direct[i] = m->direct_postal;
        in_time[i] = m->early_on_time;
        late[i] = m->late;
    }
    const int64_t *received[] = {online, direct};
    static const char *const received_names[] = {"Trực tuyến", "Trực tiếp, bưu chính"};
    const int64_t *resolved[] = {in_time, late};
    static const char *const resolved_names[] = {"Trước hạn, đúng hạn", "Quá hạn"};

    HTML_LIT(sb, "<figure style=\"margin:0 0 6mm\">\n");
    html_svg_bar_chart(sb, "Hồ sơ tiếp nhận theo tháng, theo kênh", labels, received, 2, n,
                       received_names);
    HTML_LIT(sb, "\n<figcaption>Hồ sơ tiếp nhận theo tháng: trực tuyến; trực tiếp và dịch vụ bưu "
                 "chính</figcaption>\n</figure>\n<figure style=\"margin:0 0 6mm\">\n");
    html_svg_bar_chart(sb, "Hồ sơ đã giải quyết theo tháng, theo thời hạn", labels, resolved, 2, n,
                       resolved_names);
    HTML_LIT(sb, "\n<figcaption>Hồ sơ đã giải quyết theo tháng: trước hạn, đúng hạn; quá "
                 "hạn</figcaption>\n</figure>\n");

    HTML_LIT(sb, "<table class=\"form-table\">\n<caption>Số liệu theo tháng</caption>\n"
                 "<thead><tr><th scope=\"col\">Tháng</th><th scope=\"col\">Trực tuyến</th>"
                 "<th scope=\"col\">Trực tiếp, bưu chính</th>"
                 "<th scope=\"col\">Trước hạn, đúng hạn</th><th scope=\"col\">Quá hạn</th>"
                 "</tr></thead>\n<tbody style=\"text-align:right\">\n");
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(sb, "<tr><td style=\"text-align:center\">");
        html_text(sb, labels[i]);
        const int64_t v[] = {online[i], direct[i], in_time[i], late[i]};
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
            HTML_LIT(sb, "</td><td>");
            html_num_vi(sb, v[k]);
        }
        HTML_LIT(sb, "</td></tr>\n");
    }
    HTML_LIT(sb, "</tbody>\n</table>\n");
    arena_free(a);
}

void report_html(StrBuf *sb, const Report *r)
{
    Arena *a = arena_new();
    char from[TIMEFMT_DATE_SIZE] = "", to[TIMEFMT_DATE_SIZE] = "";
    timefmt_format_vi_date(r->q.from, from, sizeof from);
    timefmt_format_vi_date(r->q.to, to, sizeof to);
    html_print_begin(sb,
                     arena_printf(a, "Biểu số 06/VPCP/KSTT – %s – %s đến %s",
                                  r->unit_name ? r->unit_name : "Tất cả đơn vị", from, to),
                     HTML_PAPER_A4_LANDSCAPE);
    arena_free(a);
    HTML_LIT(sb, "<main>\n");
    title_block(sb, r);
    form_table(sb, r);
    signers(sb);
    indicators(sb, r);
    charts(sb, r);
    HTML_LIT(sb, "</main>\n");
    html_print_end(sb);
}
