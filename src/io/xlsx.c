/* xlsx.c: the official report as a Biểu 06/VPCP/KSTT workbook and the queue's figures (see
 * xlsx.h). The layout of the
 * form's columns comes from io/report_out (report_form_*), so that the xlsx, HTML and the other
 * renderings agree. Every libxlsxwriter call that can fail is checked; the first failure is
 * kept and reported after the workbook is closed (closing also frees it). The build compiles
 * this file alone with -DMOTCUA_XLSX_TU, so that util/banned.h reads libxlsxwriter's headers
 * (whose macros name strncpy) before it poisons the banned names. */
#include "io/xlsx.h"

#include "core/vntext.h"
#include "io/report_out.h"
#include "util/arena.h"
#include "util/timefmt.h"

#include <xlsxwriter.h>

#include <stdio.h>
#include <string.h>

/* Format flags for fmt(). */
enum {
    F_BOLD = 1 << 0,
    F_ITALIC = 1 << 1,
    F_BORDER = 1 << 2,
    F_WRAP = 1 << 3,
    F_CENTER = 1 << 4,
    F_RIGHT = 1 << 5,
    F_LEFT = 1 << 6
};

/* Row numbers (0-based) of the form's sheet; the data starts under the column numbers. */
enum {
    ROW_FORM_NO = 0,
    ROW_TITLE = 1,
    ROW_UNIT = 2,
    ROW_PERIOD = 3,
    ROW_MEASURE = 4,
    ROW_HEAD1 = 5,
    ROW_HEAD2 = 6,
    ROW_COLNO = 7,
    ROW_DATA = 8
};

#define LAST_COL (REPORT_FORM_COLS - 1)

typedef struct Xlsx {
    lxw_workbook *wb;
    lxw_error err;    /* the first failure, LXW_NO_ERROR if none */
    const char *what; /* the call that failed first */
} Xlsx;

/* check keeps the first failure of a libxlsxwriter call. */
static void check(Xlsx *x, lxw_error err, const char *what)
{
    if (err != LXW_NO_ERROR && x->err == LXW_NO_ERROR) {
        x->err = err;
        x->what = what;
    }
}

/* fmt adds a format: Times New Roman (the font of administrative documents) at size points,
 * vertically centred, with the flags and an optional number format. */
static lxw_format *fmt(Xlsx *x, unsigned flags, double size, const char *num_format)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_format");
        return NULL;
    }
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (flags & F_BOLD)
        format_set_bold(f);
    if (flags & F_ITALIC)
        format_set_italic(f);
    if (flags & F_BORDER)
        format_set_border(f, LXW_BORDER_THIN);
    if (flags & F_WRAP)
        format_set_text_wrap(f);
    if (flags & F_CENTER)
        format_set_align(f, LXW_ALIGN_CENTER);
    if (flags & F_RIGHT)
        format_set_align(f, LXW_ALIGN_RIGHT);
    if (flags & F_LEFT)
        format_set_align(f, LXW_ALIGN_LEFT);
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

static void put_str(Xlsx *x, lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    check(x, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s ? s : "", f),
          "worksheet_write_string");
}

static void put_num(Xlsx *x, lxw_worksheet *ws, int row, int col, double v, lxw_format *f)
{
    check(x, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, f),
          "worksheet_write_number");
}

/* merge writes s over the range; a one-cell range is written as a plain cell (Excel rejects
 * single-cell merges). */
static void merge(Xlsx *x, lxw_worksheet *ws, int r1, int c1, int r2, int c2, const char *s,
                  lxw_format *f)
{
    if (r1 == r2 && c1 == c2)
        put_str(x, ws, r1, c1, s, f);
    else
        check(x,
              worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2, (lxw_col_t)c2,
                                    s ? s : "", f),
              "worksheet_merge_range");
}

static void set_row(Xlsx *x, lxw_worksheet *ws, int row, double height)
{
    check(x, worksheet_set_row(ws, (lxw_row_t)row, height, NULL), "worksheet_set_row");
}

static void set_cols(Xlsx *x, lxw_worksheet *ws, int c1, int c2, double width)
{
    check(x, worksheet_set_column(ws, (lxw_col_t)c1, (lxw_col_t)c2, width, NULL),
          "worksheet_set_column");
}

/* page_setup: A4, landscape or portrait, fitted to one page wide, small margins. */
static void page_setup(lxw_worksheet *ws, int landscape)
{
    if (landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    worksheet_center_horizontally(ws);
    worksheet_fit_to_pages(ws, 1, 0);
}

typedef struct FormFormats {
    lxw_format *form_no, *title, *unit, *period, *measure, *head, *colno;
    lxw_format *stt, *name, *num, *total_label, *total_num, *note, *sign, *sign_hint;
} FormFormats;

static void form_formats(Xlsx *x, FormFormats *f)
{
    f->form_no = fmt(x, F_BOLD | F_RIGHT, 11, NULL);
    f->title = fmt(x, F_BOLD | F_CENTER | F_WRAP, 13, NULL);
    f->unit = fmt(x, F_BOLD | F_CENTER, 12, NULL);
    f->period = fmt(x, F_ITALIC | F_CENTER, 12, NULL);
    f->measure = fmt(x, F_ITALIC | F_RIGHT, 11, NULL);
    f->head = fmt(x, F_BOLD | F_CENTER | F_WRAP | F_BORDER, 10, NULL);
    f->colno = fmt(x, F_ITALIC | F_CENTER | F_BORDER, 10, NULL);
    f->stt = fmt(x, F_CENTER | F_BORDER, 11, NULL);
    f->name = fmt(x, F_LEFT | F_WRAP | F_BORDER, 11, NULL);
    f->num = fmt(x, F_RIGHT | F_BORDER, 11, "#,##0");
    f->total_label = fmt(x, F_BOLD | F_LEFT | F_BORDER, 11, NULL);
    f->total_num = fmt(x, F_BOLD | F_RIGHT | F_BORDER, 11, "#,##0");
    f->note = fmt(x, F_ITALIC | F_LEFT | F_WRAP, 11, NULL);
    f->sign = fmt(x, F_BOLD | F_CENTER, 12, NULL);
    f->sign_hint = fmt(x, F_ITALIC | F_CENTER, 11, NULL);
}

/* form_row writes one line of the table at row: STT, name, columns 3-13. */
static void form_row(Xlsx *x, lxw_worksheet *ws, int row, const char *stt, const char *name,
                     const ReportRow *rr, lxw_format *f_stt, lxw_format *f_name, lxw_format *f_num)
{
    int64_t v[REPORT_FORM_NUMBERS];
    report_form_values(rr, v);
    put_str(x, ws, row, 0, stt, f_stt);
    put_str(x, ws, row, 1, name, f_name);
    for (int i = 0; i < REPORT_FORM_NUMBERS; i++)
        put_num(x, ws, row, 2 + i, (double)v[i], f_num);
}

/* form_sheet lays out Biểu 06 on ws. */
static void form_sheet(Xlsx *x, lxw_worksheet *ws, const Report *r, Arena *a)
{
    FormFormats f;
    form_formats(x, &f);
    char buf[256];

    set_cols(x, ws, 0, 0, 5);
    set_cols(x, ws, 1, 1, 34);
    set_cols(x, ws, 2, LAST_COL, 11);

    /* Title block */
    merge(x, ws, ROW_FORM_NO, 9, ROW_FORM_NO, LAST_COL, "Biểu số 06/VPCP/KSTT", f.form_no);
    merge(x, ws, ROW_TITLE, 0, ROW_TITLE, LAST_COL,
          "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP "
          "GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
          f.title);
    set_row(x, ws, ROW_TITLE, 36);
    merge(x, ws, ROW_UNIT, 0, ROW_UNIT, LAST_COL, r->unit_name ? r->unit_name : "Tất cả đơn vị",
          f.unit);
    merge(x, ws, ROW_PERIOD, 0, ROW_PERIOD, LAST_COL, report_period_line(a, r), f.period);
    merge(x, ws, ROW_MEASURE, 9, ROW_MEASURE, LAST_COL, "Đơn vị tính: Số hồ sơ TTHC", f.measure);

    /* Two header rows: columns 1-2 span both; 3-13 sit under their group. */
    for (int col = 1; col <= REPORT_FORM_COLS; col++) {
        int first, last;
        const char *group = report_form_group(col, &first, &last);
        if (!group) {
            merge(x, ws, ROW_HEAD1, col - 1, ROW_HEAD2, col - 1, report_form_head(col), f.head);
            continue;
        }
        if (col == first)
            merge(x, ws, ROW_HEAD1, first - 1, ROW_HEAD1, last - 1, group, f.head);
        put_str(x, ws, ROW_HEAD2, col - 1, report_form_head(col), f.head);
    }
    set_row(x, ws, ROW_HEAD1, 30);
    set_row(x, ws, ROW_HEAD2, 45);
    for (int col = 1; col <= REPORT_FORM_COLS; col++) {
        snprintf(buf, sizeof buf, "(%d)", col);
        put_str(x, ws, ROW_COLNO, col - 1, buf, f.colno);
    }

    /* One row per line, then the total */
    int row = ROW_DATA;
    for (size_t i = 0; i < r->n_lines; i++, row++) {
        snprintf(buf, sizeof buf, "%zu", i + 1);
        form_row(x, ws, row, buf, r->lines[i].name, &r->lines[i].row, f.stt, f.name, f.num);
    }
    form_row(x, ws, row, "", "Tổng cộng", &r->total, f.total_label, f.total_label, f.total_num);
    row += 2;

    snprintf(buf, sizeof buf,
             "Ghi chú: cột Đúng hạn gồm cả %s hồ sơ dừng xử lý, rút hồ sơ (tính cả vào cột "
             "Tổng số đã giải quyết).",
             vntext_number(a, r->total.stopped));
    merge(x, ws, row, 0, row, LAST_COL, buf, f.note);
    row += 2;

    /* Signer block */
    merge(x, ws, row, 8, row, LAST_COL, "......, ngày ..... tháng ..... năm .....", f.sign_hint);
    row++;
    merge(x, ws, row, 0, row, 4, "NGƯỜI LẬP BIỂU", f.sign);
    merge(x, ws, row, 8, row, LAST_COL, "THỦ TRƯỞNG ĐƠN VỊ", f.sign);
    row++;
    merge(x, ws, row, 0, row, 4, "(Ký, ghi rõ họ tên)", f.sign_hint);
    merge(x, ws, row, 8, row, LAST_COL, "(Ký, ghi rõ họ tên, đóng dấu)", f.sign_hint);

    page_setup(ws, 1);
    check(x, worksheet_repeat_rows(ws, ROW_HEAD1, ROW_COLNO), "worksheet_repeat_rows");
    check(x, worksheet_print_area(ws, 0, 0, (lxw_row_t)row + 4, LAST_COL), "worksheet_print_area");
    worksheet_freeze_panes(ws, ROW_DATA, 2);
}

/* indicator_sheet lists the indicators: label, value (%), numerator, denominator, points and
 * the maximum (blank when Decision 766 does not score the indicator). */
static void indicator_sheet(Xlsx *x, lxw_worksheet *ws, const Report *r, Arena *a)
{
    lxw_format *title = fmt(x, F_BOLD | F_CENTER | F_WRAP, 13, NULL);
    lxw_format *unit = fmt(x, F_BOLD | F_CENTER, 12, NULL);
    lxw_format *period = fmt(x, F_ITALIC | F_CENTER, 12, NULL);
    lxw_format *head = fmt(x, F_BOLD | F_CENTER | F_WRAP | F_BORDER, 11, NULL);
    lxw_format *stt = fmt(x, F_CENTER | F_BORDER, 11, NULL);
    lxw_format *name = fmt(x, F_LEFT | F_WRAP | F_BORDER, 11, NULL);
    lxw_format *pct = fmt(x, F_RIGHT | F_BORDER, 11, "0.00");
    lxw_format *num = fmt(x, F_RIGHT | F_BORDER, 11, "#,##0");
    lxw_format *blank = fmt(x, F_BORDER, 11, NULL);
    lxw_format *note = fmt(x, F_ITALIC | F_LEFT | F_WRAP, 11, NULL);
    char buf[128];
    enum { LAST = 6 };

    set_cols(x, ws, 0, 0, 5);
    set_cols(x, ws, 1, 1, 46);
    set_cols(x, ws, 2, 2, 12);
    set_cols(x, ws, 3, 4, 13);
    set_cols(x, ws, 5, LAST, 9);

    merge(x, ws, 0, 0, 0, LAST,
          "CHỈ SỐ ĐÁNH GIÁ CHẤT LƯỢNG GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (QUYẾT ĐỊNH 766/QĐ-TTg)",
          title);
    set_row(x, ws, 0, 36);
    merge(x, ws, 1, 0, 1, LAST, r->unit_name ? r->unit_name : "Tất cả đơn vị", unit);
    merge(x, ws, 2, 0, 2, LAST, report_period_line(a, r), period);

    static const char *const heads[] = {"STT",    "Chỉ số", "Giá trị (%)", "Tử số",
                                        "Mẫu số", "Điểm",   "Điểm tối đa"};
    for (int c = 0; c <= LAST; c++)
        put_str(x, ws, 4, c, heads[c], head);
    set_row(x, ws, 4, 30);
    int row = 5;
    for (int i = 0; i < STATS_N_INDICATORS; i++, row++) {
        const Indicator *ind = &r->indicators[i];
        snprintf(buf, sizeof buf, "%d", i + 1);
        put_str(x, ws, row, 0, buf, stt);
        put_str(x, ws, row, 1, report_indicator_label(ind->key), name);
        put_num(x, ws, row, 2, (double)ind->value_x100 / 100.0, pct);
        put_num(x, ws, row, 3, (double)ind->numerator, num);
        put_num(x, ws, row, 4, (double)ind->denominator, num);
        if (ind->scored) {
            put_num(x, ws, row, 5, (double)ind->points_x100 / 100.0, pct);
            put_num(x, ws, row, 6, (double)ind->max_points, num);
        } else {
            check(x, worksheet_write_blank(ws, (lxw_row_t)row, 5, blank), "worksheet_write_blank");
            check(x, worksheet_write_blank(ws, (lxw_row_t)row, 6, blank), "worksheet_write_blank");
        }
    }
    row++;
    merge(x, ws, row, 0, row, LAST,
          "Điểm theo Bộ chỉ số ban hành kèm theo Quyết định 766/QĐ-TTg; để trống: chỉ số không "
          "tính điểm. Giá trị làm tròn đến hai chữ số thập phân.",
          note);
    set_row(x, ws, row, 30);
    page_setup(ws, 0);
}

/* book_open starts the workbook at path titled title into x; ERR_IO when it cannot. */
static int book_open(Xlsx *x, const char *path, const char *title, Err *e)
{
    *x = (Xlsx){.wb = workbook_new(path), .err = LXW_NO_ERROR, .what = ""};
    if (!x->wb)
        return err_setf(e, ERR_IO, "", "Không tạo được tệp Excel %s",
                        "cannot create the xlsx workbook %s", path);
    char *t = (char *)title;
    char author[] = "motcua";
    lxw_doc_properties props = {.title = t, .author = author};
    check(x, workbook_set_properties(x->wb, &props), "workbook_set_properties");
    return 0;
}

/* book_close writes and frees the workbook; ERR_IO naming the first failure of any call. */
static int book_close(Xlsx *x, const char *path, Err *e)
{
    lxw_error closed = workbook_close(x->wb); /* writes the file and frees the workbook */
    check(x, closed, "workbook_close");
    if (x->err == LXW_NO_ERROR)
        return 0;
    char en[256];
    snprintf(en, sizeof en, "cannot write the xlsx file %s: %s (%s)", path, lxw_strerror(x->err),
             x->what);
    char vi[256];
    snprintf(vi, sizeof vi, "Không ghi được tệp Excel %s", path);
    return err_set(e, ERR_IO, "", vi, en);
}

int xlsx_report(const Report *r, const char *path, Err *e)
{
    Xlsx x;
    int rc = book_open(&x, path, "Biểu số 06/VPCP/KSTT", e);
    if (rc < 0)
        return rc;
    Arena *a = arena_new();
    lxw_worksheet *form = workbook_add_worksheet(x.wb, "Biểu 06");
    lxw_worksheet *ind = workbook_add_worksheet(x.wb, "Chỉ số");
    if (!form || !ind)
        check(&x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet");
    else {
        form_sheet(&x, form, r, a);
        indicator_sheet(&x, ind, r, a);
    }
    arena_free(a);
    return book_close(&x, path, e);
}

int xlsx_queue_figures(const QueueFigureRow *rows, size_t n, const QueueFigures *total,
                       const char *title, const char *period, const char *path, Err *e)
{
    Xlsx x;
    int rc = book_open(&x, path, title, e);
    if (rc < 0)
        return rc;
    lxw_worksheet *ws = workbook_add_worksheet(x.wb, "Thời gian chờ");
    if (!ws) {
        check(&x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet");
        return book_close(&x, path, e);
    }
    lxw_format *f_title = fmt(&x, F_BOLD | F_CENTER, 13, NULL);
    lxw_format *f_period = fmt(&x, F_ITALIC | F_CENTER, 11, NULL);
    lxw_format *head = fmt(&x, F_BOLD | F_CENTER | F_WRAP | F_BORDER, 11, NULL);
    lxw_format *name = fmt(&x, F_LEFT | F_WRAP | F_BORDER, 11, NULL);
    lxw_format *num = fmt(&x, F_RIGHT | F_BORDER, 11, "#,##0");
    lxw_format *bold = fmt(&x, F_BOLD | F_LEFT | F_BORDER, 11, NULL);
    lxw_format *bold_num = fmt(&x, F_BOLD | F_RIGHT | F_BORDER, 11, "#,##0");
    static const char *const heads[] = {"Mã",
                                        "Tên",
                                        "Số lượt gọi",
                                        "Đã phục vụ",
                                        "Vắng mặt",
                                        "Chuyển nhóm",
                                        "Chờ trung bình (giây)",
                                        "Chờ lâu nhất (giây)",
                                        "Phục vụ trung bình (giây)",
                                        "Phục vụ lâu nhất (giây)"};
    enum { N_COLS = sizeof heads / sizeof heads[0] };
    merge(&x, ws, 0, 0, 0, N_COLS - 1, title, f_title);
    merge(&x, ws, 1, 0, 1, N_COLS - 1, period, f_period);
    for (int c = 0; c < N_COLS; c++)
        put_str(&x, ws, 3, c, heads[c], head);
    set_row(&x, ws, 3, 45);
    set_cols(&x, ws, 0, 0, 14);
    set_cols(&x, ws, 1, 1, 30);
    set_cols(&x, ws, 2, N_COLS - 1, 12);
    for (size_t i = 0; i <= n; i++) {
        const QueueFigures *f = i < n ? &rows[i].f : total;
        int row = 4 + (int)i;
        put_str(&x, ws, row, 0, i < n ? rows[i].key : "Tổng", i < n ? name : bold);
        put_str(&x, ws, row, 1, i < n ? rows[i].label : "", i < n ? name : bold);
        const double v[] = {(double)f->called,
                            (double)f->done,
                            (double)f->skipped,
                            (double)f->transferred,
                            (double)queue_wait_avg(f),
                            (double)f->wait_max,
                            (double)queue_service_avg(f),
                            (double)f->service_max};
        for (int c = 0; c < 8; c++)
            put_num(&x, ws, row, 2 + c, v[c], i < n ? num : bold_num);
    }
    page_setup(ws, 1);
    return book_close(&x, path, e);
}
