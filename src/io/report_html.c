/* report_html.c: the official report as one self-contained, printable HTML page (see
 * report_out.h): Biểu 06/VPCP/KSTT with merged headings, the indicators and two monthly SVG
 * charts. All markup goes through the HTML builder (io/html.h); the form's columns come from
 * report_form_* so that this page and the xlsx agree. The page carries its own stylesheet
 * (html_print_begin) and a few style attributes, so it reads the same saved to a file. */
#include "io/report_out.h"

#include "io/html.h"
#include "util/arena.h"

/* title_block appends the form's number, title, unit and period. */
static void title_block(StrBuf *sb, Arena *a, const Report *r)
{
    html(sb,
         "<p style=\"text-align:right\"><strong>Biểu số 06/VPCP/KSTT</strong></p>\n"
         "<h1 class=\"form-title\">TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, "
         "ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH</h1>\n"
         "<p style=\"text-align:center\"><strong>%s</strong></p>\n"
         "<p style=\"text-align:center\"><em>%s</em></p>\n"
         "<p style=\"text-align:right\"><em>Đơn vị tính: Số hồ sơ TTHC</em></p>\n",
         r->unit_name ? r->unit_name : "Tất cả đơn vị", report_period_line(a, r));
}

void report_html_headings(StrBuf *sb)
{
    html(sb, "<tr>");
    for (int col = 1; col <= REPORT_FORM_COLS; col++) {
        int first, last;
        const char *group = report_form_group(col, &first, &last);
        if (!group)
            html(sb, "<th rowspan=\"2\" scope=\"col\">%s</th>", report_form_head(col));
        else if (col == first)
            html(sb, "<th scope=\"colgroup\" colspan=\"%d\">%s</th>", last - first + 1, group);
    }
    html(sb, "</tr>\n<tr>");
    for (int col = 1; col <= REPORT_FORM_COLS; col++) {
        int first, last;
        if (report_form_group(col, &first, &last))
            html(sb, "<th scope=\"col\">%s</th>", report_form_head(col));
    }
    html(sb, "</tr>\n");
}

/* form_head appends the table's head: two rows of headings, then the column numbers. */
static void form_head(StrBuf *sb)
{
    html(sb, "<thead>\n");
    report_html_headings(sb);
    html(sb, "<tr style=\"text-align:center;font-style:italic\">");
    for (int col = 1; col <= REPORT_FORM_COLS; col++)
        html(sb, "<td>(%d)</td>", col);
    html(sb, "</tr>\n</thead>\n");
}

/* form_row appends one line of the table (no: its STT, 0 for the total row). */
static void form_row(StrBuf *sb, Arena *a, size_t no, const char *name, const ReportRow *r)
{
    int64_t v[REPORT_FORM_NUMBERS];
    report_form_values(r, v);
    if (no)
        html(sb, "<tr><td style=\"text-align:center\">%zu</td><td style=\"text-align:left\">%s", no,
             name);
    else
        html(sb, "<tr style=\"font-weight:bold\"><td></td><td style=\"text-align:left\">Tổng cộng");
    html(sb, "</td>");
    for (int i = 0; i < REPORT_FORM_NUMBERS; i++)
        html(sb, "<td>%s</td>", html_num(a, v[i]));
    html(sb, "</tr>\n");
}

static void form_table(StrBuf *sb, Arena *a, const Report *r)
{
    html(sb, "<table class=\"form-table\">\n");
    form_head(sb);
    html(sb, "<tbody style=\"text-align:right\">\n");
    for (size_t i = 0; i < r->n_lines; i++)
        form_row(sb, a, i + 1, r->lines[i].name, &r->lines[i].row);
    form_row(sb, a, 0, NULL, &r->total);
    html(sb,
         "</tbody>\n</table>\n<p><em>Ghi chú: cột Đúng hạn gồm cả %s hồ sơ dừng xử lý, rút hồ "
         "sơ (tính cả vào cột Tổng số đã giải quyết).</em></p>\n",
         html_num(a, r->total.stopped));
}

static void signers(StrBuf *sb)
{
    html(sb, "<div style=\"display:flex;justify-content:space-between;text-align:center;"
             "margin:4mm 0 24mm\">\n"
             "<div style=\"flex:0 0 40%%\"><p><br></p><p><strong>NGƯỜI LẬP BIỂU</strong></p>"
             "<p><em>(Ký, ghi rõ họ tên)</em></p></div>\n"
             "<div style=\"flex:0 0 40%%\"><p><em>......, ngày ..... tháng ..... năm "
             ".....</em></p><p><strong>THỦ TRƯỞNG ĐƠN VỊ</strong></p>"
             "<p><em>(Ký, ghi rõ họ tên, đóng dấu)</em></p></div>\n</div>\n");
}

static void indicators(StrBuf *sb, Arena *a, const Report *r)
{
    html(sb, "<h2 style=\"break-before:page\">Chỉ số đánh giá chất lượng giải quyết thủ tục "
             "hành chính (Quyết định 766/QĐ-TTg)</h2>\n<table class=\"form-table\">\n"
             "<thead><tr><th scope=\"col\">STT</th><th scope=\"col\">Chỉ số</th>"
             "<th scope=\"col\">Giá trị</th><th scope=\"col\">Tử số</th>"
             "<th scope=\"col\">Mẫu số</th><th scope=\"col\">Điểm</th></tr></thead>\n"
             "<tbody style=\"text-align:right\">\n");
    for (int i = 0; i < STATS_N_INDICATORS; i++) {
        const Indicator *x = &r->indicators[i];
        html(sb,
             "<tr><td style=\"text-align:center\">%d</td><td style=\"text-align:left\">%s</td>"
             "<td>%s%%</td><td>%s</td><td>%s</td><td>",
             i + 1, report_indicator_label(x->key), html_decimal(a, x->value_x100, 2),
             html_num(a, x->numerator), html_num(a, x->denominator));
        if (x->scored)
            html(sb, "%s/%d", html_decimal(a, x->points_x100, 2), x->max_points);
        html(sb, "</td></tr>\n");
    }
    html(sb, "</tbody>\n</table>\n<p><em>Điểm theo Bộ chỉ số ban hành kèm theo Quyết định "
             "766/QĐ-TTg; để trống: chỉ số không tính điểm.</em></p>\n");
    const char *note = report_digitization_note(a, r);
    if (note)
        html(sb, "<p class=\"digitization-note\"><em>%s</em></p>\n", note);
}

/* charts appends the two monthly charts and, since an SVG is one image to a screen reader, the
 * same figures as a table. */
static void charts(StrBuf *sb, Arena *a, const Report *r)
{
    html(sb, "<h2>Diễn biến theo tháng</h2>\n");
    if (r->n_months == 0) {
        html(sb, "<p>Không có số liệu theo tháng trong kỳ.</p>\n");
        return;
    }
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

    html(sb, "<figure style=\"margin:0 0 6mm\">\n");
    html_svg_bar_chart(sb, "Hồ sơ tiếp nhận theo tháng, theo kênh", labels, received, 2, n,
                       received_names);
    html(sb, "\n<figcaption>Hồ sơ tiếp nhận theo tháng: trực tuyến; trực tiếp và dịch vụ bưu "
             "chính</figcaption>\n</figure>\n<figure style=\"margin:0 0 6mm\">\n");
    html_svg_bar_chart(sb, "Hồ sơ đã giải quyết theo tháng, theo thời hạn", labels, resolved, 2, n,
                       resolved_names);
    html(sb, "\n<figcaption>Hồ sơ đã giải quyết theo tháng: trước hạn, đúng hạn; quá "
             "hạn</figcaption>\n</figure>\n");

    html(sb, "<table class=\"form-table\">\n<caption>Số liệu theo tháng</caption>\n"
             "<thead><tr><th scope=\"col\">Tháng</th><th scope=\"col\">Trực tuyến</th>"
             "<th scope=\"col\">Trực tiếp, bưu chính</th>"
             "<th scope=\"col\">Trước hạn, đúng hạn</th><th scope=\"col\">Quá hạn</th>"
             "</tr></thead>\n<tbody style=\"text-align:right\">\n");
    for (size_t i = 0; i < n; i++)
        html(sb,
             "<tr><td style=\"text-align:center\">%s</td><td>%s</td><td>%s</td><td>%s</td>"
             "<td>%s</td></tr>\n",
             labels[i], html_num(a, online[i]), html_num(a, direct[i]), html_num(a, in_time[i]),
             html_num(a, late[i]));
    html(sb, "</tbody>\n</table>\n");
}

void report_html(StrBuf *sb, const Report *r)
{
    Arena *a = arena_new();
    html_print_begin(sb,
                     arena_printf(a, "Biểu số 06/VPCP/KSTT – %s – %s đến %s",
                                  r->unit_name ? r->unit_name : "Tất cả đơn vị",
                                  html_date(a, r->q.from), html_date(a, r->q.to)),
                     HTML_PAPER_A4_LANDSCAPE);
    html(sb, "<main>\n");
    title_block(sb, a, r);
    form_table(sb, a, r);
    signers(sb);
    indicators(sb, a, r);
    charts(sb, a, r);
    html(sb, "</main>\n");
    html_print_end(sb);
    arena_free(a);
}
