/* test_report_out.c: the renderings of the official report from a Report built here with known
 * numbers (the seed's Gio Linh figures, docs/DOMAIN.md §6.1 and §16): the HTML page (well formed,
 * the 13 Biểu 06 headings under merged groups, vi-VN numbers, the stopped-dossier fold and its
 * note, the indicators, the two charts, its size), the xlsx workbook (a zip whose sheets hold the
 * numbers as numeric cells under the merged headings, A4 landscape), the CSV (15 columns,
 * formula-safe names) and the text table. Expected figures are written out in the test, not
 * recomputed with the code under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/report_out.h"
#include "io/xlsx.h"

#include "htmlcheck.h"
#include "util/timefmt.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* A line of the test report: received online, direct/postal, carried over; resolved early, on
 * time, late; in progress within deadline, overdue; stopped. */
static ReportRow row_of(int64_t online, int64_t direct, int64_t carried, int64_t early,
                        int64_t on_time, int64_t late, int64_t within, int64_t overdue,
                        int64_t stopped)
{
    ReportRow r = {0};
    r.online = online;
    r.direct_postal = direct;
    r.carried_over = carried;
    r.received_total = online + direct + carried;
    r.early = early;
    r.on_time = on_time;
    r.late = late;
    r.resolved_total = early + on_time + late;
    r.within_deadline = within;
    r.overdue = overdue;
    r.in_progress_total = within + overdue;
    r.stopped = stopped;
    return r;
}

/* The hostile name checks escaping in HTML and formula neutralisation in CSV. */
#define HOSTILE_NAME "=SUM(A1) <Đất đai> & \"x\""

static ReportLine gio_linh_lines[3];
static StatMonth gio_linh_months[12];

/* gio_linh fills r with the Gio Linh 2023 figures split over three fields: received 66,597 =
 * 25,470 online + 40,820 direct/postal + 307 carried over; resolved 66,136 (52,130 early,
 * 13,835 on time, 171 late); 461 in progress, none overdue; nothing stopped. */
static void gio_linh(Report *r)
{
    memset(r, 0, sizeof *r);
    r->q.from = timefmt_days_from_civil(2023, 1, 1);
    r->q.to = timefmt_days_from_civil(2023, 12, 31);
    r->q.unit = "000.00.21.H50";
    r->q.by = STAT_BY_FIELD;
    r->unit_name = "UBND huyện Gio Linh";
    gio_linh_lines[0] =
        (ReportLine){"HT", "Hộ tịch", row_of(10000, 20000, 100, 25000, 4800, 100, 200, 0, 0)};
    gio_linh_lines[1] =
        (ReportLine){"CT", "Chứng thực", row_of(5470, 15820, 7, 15000, 6237, 0, 60, 0, 0)};
    gio_linh_lines[2] =
        (ReportLine){"DD", HOSTILE_NAME, row_of(10000, 5000, 200, 12130, 2798, 71, 201, 0, 0)};
    r->lines = gio_linh_lines;
    r->n_lines = 3;
    for (size_t i = 0; i < r->n_lines; i++)
        stats_row_add(&r->total, &r->lines[i].row);
    /* the indicator inputs: 80.6 % full online, 31.99 % / 40.99 % digitized, 1.4 % paid online,
     * 95 % satisfied */
    r->total.full_online = 20529;
    r->total.components_digitized = 21304;
    r->total.results_digitized = 27109;
    r->total.fee_dossiers = 10000;
    r->total.paid_online = 140;
    r->total.ratings = 200;
    r->total.ratings_good = 190;
    stats_indicators(&r->total, r->indicators);
    for (int m = 0; m < 12; m++)
        gio_linh_months[m] = (StatMonth){2023, m + 1, 2000 + 10 * m, 3400 - 10 * m, 5400 + m, m};
    r->months = gio_linh_months;
    r->n_months = 12;
}

/* The report's total must be the seed's, or the expectations below test nothing. */
static void test_fixture(void **state)
{
    (void)state;
    Report r;
    gio_linh(&r);
    assert_int_equal(r.total.received_total, 66597);
    assert_int_equal(r.total.online, 25470);
    assert_int_equal(r.total.direct_postal, 40820);
    assert_int_equal(r.total.carried_over, 307);
    assert_int_equal(r.total.resolved_total, 66136);
    assert_int_equal(r.total.early + r.total.on_time, 65965);
    assert_int_equal(r.total.late, 171);
    assert_int_equal(r.total.in_progress_total, 461);
    assert_int_equal(r.total.overdue, 0);
    assert_int_equal(r.total.received_total,
                     r.total.resolved_total + r.total.in_progress_total + r.total.stopped);
    assert_string_equal(r.indicators[2].key, "online_rate");
    assert_int_equal(r.indicators[2].value_x100, 3824);
}

static void assert_well_formed(const char *html)
{
    const char *why = htmlcheck_page(html);
    if (why)
        fail_msg("not a well-formed page: %s", why);
}

/* count returns the number of occurrences of needle in s. */
static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + strlen(needle), needle))
        n++;
    return n;
}

/* assert_before fails unless a occurs in s, and b occurs after it. */
static void assert_before(const char *s, const char *a, const char *b)
{
    const char *pa = strstr(s, a);
    if (!pa)
        fail_msg("missing: %s", a);
    if (!strstr(pa + strlen(a), b))
        fail_msg("missing after %s: %s", a, b);
}

static char *render_html(const Report *r)
{
    StrBuf sb;
    sb_init(&sb, 0);
    report_html(&sb, r);
    assert_int_equal(sb.err, 0);
    return sb_take(&sb);
}

static void test_form_layout(void **state)
{
    (void)state;
    assert_string_equal(report_form_head(1), "STT");
    assert_string_equal(report_form_head(2), "Lĩnh vực, công việc giải quyết theo cấp");
    assert_string_equal(report_form_head(4), "Trong đó: Trực tuyến");
    assert_string_equal(report_form_head(13), "Quá hạn");
    assert_null(report_form_head(0));
    assert_null(report_form_head(14));
    int first = 0, last = 0;
    assert_null(report_form_group(2, &first, &last));
    assert_string_equal(report_form_group(5, &first, &last), "Số hồ sơ nhận giải quyết");
    assert_int_equal(first, 3);
    assert_int_equal(last, 6);
    assert_string_equal(report_form_group(9, &first, &last), "Số hồ sơ đã giải quyết");
    assert_int_equal(first, 7);
    assert_int_equal(last, 10);
    assert_string_equal(report_form_group(13, &first, &last), "Số hồ sơ đang giải quyết");
    assert_int_equal(first, 11);
    assert_int_equal(last, 13);

    /* stopped dossiers fold into columns 9 and 7; column 3 = 7 + 11 still holds */
    ReportRow r = row_of(10, 4, 1, 1, 2, 3, 4, 1, 4);
    int64_t v[REPORT_FORM_NUMBERS];
    report_form_values(&r, v);
    const int64_t want[REPORT_FORM_NUMBERS] = {15, 10, 4, 1, 10, 1, 6, 3, 5, 4, 1};
    for (int i = 0; i < REPORT_FORM_NUMBERS; i++)
        assert_int_equal(v[i], want[i]);
    assert_int_equal(v[0], v[4] + v[8]);
}

static void test_html(void **state)
{
    (void)state;
    Report r;
    gio_linh(&r);
    char *html = render_html(&r);
    assert_well_formed(html);
    assert_true(strlen(html) < 50 * 1024);

    /* title block */
    assert_non_null(strstr(html, "<!DOCTYPE html>"));
    assert_non_null(strstr(html, "Biểu số 06/VPCP/KSTT"));
    assert_non_null(strstr(html, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, "
                                 "ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"));
    assert_non_null(strstr(html, "UBND huyện Gio Linh"));
    assert_non_null(strstr(html, "Từ ngày 01/01/2023 đến ngày 31/12/2023"));
    assert_non_null(strstr(html, "Đơn vị tính: Số hồ sơ TTHC"));
    assert_non_null(strstr(html, "size: A4 landscape"));

    /* the two header rows, in order, with their spans, then the column numbers */
    assert_before(html, "<th rowspan=\"2\" scope=\"col\">STT</th>",
                  "<th rowspan=\"2\" scope=\"col\">Lĩnh vực, công việc giải quyết theo cấp</th>");
    assert_non_null(strstr(html, "colspan=\"4\">Số hồ sơ nhận giải quyết</th>"));
    assert_non_null(strstr(html, "colspan=\"4\">Số hồ sơ đã giải quyết</th>"));
    assert_non_null(strstr(html, "colspan=\"3\">Số hồ sơ đang giải quyết</th>"));
    assert_non_null(strstr(html, "<th scope=\"col\">Tổng số</th><th scope=\"col\">Trong đó: Trực "
                                 "tuyến</th><th scope=\"col\">Trực tiếp, dịch vụ bưu chính</th>"
                                 "<th scope=\"col\">Từ kỳ trước</th><th scope=\"col\">Tổng số</th>"
                                 "<th scope=\"col\">Trước hạn</th><th scope=\"col\">Đúng hạn</th>"
                                 "<th scope=\"col\">Quá hạn</th><th scope=\"col\">Tổng số</th>"
                                 "<th scope=\"col\">Trong hạn</th><th scope=\"col\">Quá hạn</th>"));
    assert_before(html, "<td>(1)</td><td>(2)</td>", "<td>(12)</td><td>(13)</td>");

    /* the lines, escaped, then the total in vi-VN numbers */
    assert_before(html, ">1</td><td style=\"text-align:left\">Hộ tịch</td><td>30.100</td>",
                  ">2</td><td style=\"text-align:left\">Chứng thực</td><td>21.297</td>");
    assert_non_null(strstr(html, "=SUM(A1) &lt;Đất đai&gt; &amp; &quot;x&quot;</td>"));
    assert_null(strstr(html, "<Đất đai>"));
    assert_non_null(strstr(html, "Tổng cộng</td><td>66.597</td><td>25.470</td><td>40.820</td>"
                                 "<td>307</td><td>66.136</td><td>52.130</td><td>13.835</td>"
                                 "<td>171</td><td>461</td><td>461</td><td>0</td></tr>"));
    assert_non_null(strstr(html, "Ghi chú: cột Đúng hạn gồm cả 0 hồ sơ dừng xử lý, rút hồ sơ"));

    /* signers */
    assert_before(html, "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ");
    assert_non_null(strstr(html, "(Ký, ghi rõ họ tên)"));

    /* indicators: value with %, numerator, denominator, points */
    assert_non_null(strstr(html, "Tỷ lệ hồ sơ nộp trực tuyến</td><td>38,24%</td><td>25.470</td>"
                                 "<td>66.597</td><td>4,59/6</td>"));
    assert_non_null(strstr(html, "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn</td><td>99,74%</td>"
                                 "<td>65.965</td><td>66.136</td><td></td>"));
    assert_non_null(strstr(html, "<td>19,95/20</td>"));

    /* the two charts, their series and months, and the figures as a table */
    assert_int_equal(count(html, "<svg"), 2);
    assert_before(html, "Hồ sơ tiếp nhận theo tháng, theo kênh",
                  "Hồ sơ đã giải quyết theo tháng, theo thời hạn");
    assert_non_null(strstr(html, "Trực tiếp, bưu chính"));
    assert_non_null(strstr(html, "Trước hạn, đúng hạn"));
    assert_non_null(strstr(html, "<title>Trực tuyến: 01/2023: 2.000</title>"));
    assert_non_null(strstr(html, "<title>Quá hạn: 12/2023: 11</title>"));
    assert_non_null(strstr(html, ">12/2023</td><td>2.110</td><td>3.290</td><td>5.411</td>"
                                 "<td>11</td></tr>"));
    free(html);
}

/* Stopped dossiers are folded into "Đúng hạn" and the total resolved, with the note. */
static void test_html_fold(void **state)
{
    (void)state;
    Report r;
    memset(&r, 0, sizeof r);
    r.q.from = timefmt_days_from_civil(2023, 7, 1);
    r.q.to = timefmt_days_from_civil(2023, 9, 30);
    r.total = row_of(10, 4, 1, 1, 2, 3, 4, 1, 4);
    stats_indicators(&r.total, r.indicators);
    char *html = render_html(&r);
    assert_well_formed(html);
    assert_non_null(strstr(html, "Tất cả đơn vị"));
    assert_non_null(strstr(html, "Tổng cộng</td><td>15</td><td>10</td><td>4</td><td>1</td>"
                                 "<td>10</td><td>1</td><td>6</td><td>3</td><td>5</td><td>4</td>"
                                 "<td>1</td></tr>"));
    assert_non_null(strstr(html, "cột Đúng hạn gồm cả 4 hồ sơ dừng xử lý, rút hồ sơ"));
    /* no lines: the total alone; no months: no chart */
    assert_non_null(strstr(html,
                           "<tbody style=\"text-align:right\">\n<tr style=\"font-weight:bold\">"
                           "<td></td><td style=\"text-align:left\">Tổng cộng</td>"));
    assert_null(strstr(html, "<svg"));
    assert_non_null(strstr(html, "Không có số liệu theo tháng"));
    free(html);
}

/* A typical year by field (40 fields, 12 months) stays under 50 KB; hostile unit names are
 * escaped in the title and the heading. */
static void test_html_size(void **state)
{
    (void)state;
    enum { N = 40 };
    static ReportLine lines[N];
    static char names[N][64];
    Report r;
    gio_linh(&r);
    memset(&r.total, 0, sizeof r.total);
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "Lĩnh vực thứ %d của cấp huyện, cấp xã", i + 1);
        lines[i] = (ReportLine){"F", names[i],
                                row_of(123456, 234567, 3456, 200000, 150000, 1234, 9000, 1245, 0)};
        stats_row_add(&r.total, &lines[i].row);
    }
    r.lines = lines;
    r.n_lines = N;
    r.unit_name = "<script>x</script>";
    char *html = render_html(&r);
    assert_well_formed(html);
    assert_true(strlen(html) < 50 * 1024);
    assert_null(strstr(html, "<script>"));
    assert_int_equal(count(html, "&lt;script&gt;x&lt;/script&gt;"), 2);
    assert_non_null(strstr(html, ">40</td><td style=\"text-align:left\">Lĩnh vực thứ 40"));
    free(html);
}

/* ---- a minimal zip reader, to look inside the workbook ---- */

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

static unsigned char *read_file(const char *path, size_t *out_n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    assert_true(n > 0);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *out_n = (size_t)n;
    return buf;
}

/* zip_entry returns the inflated member `name` of the zip in z[0..n) as a NUL-terminated
 * malloc'd string, or NULL if absent. Reads the central directory (local headers may defer
 * their sizes to a data descriptor). */
static char *zip_entry(const unsigned char *z, size_t n, const char *name)
{
    assert_true(n >= 22);
    size_t eocd = n - 22;
    while (eocd > 0 && le32(z + eocd) != 0x06054b50)
        eocd--;
    assert_int_equal(le32(z + eocd), 0x06054b50);
    size_t entries = le16(z + eocd + 10), p = le32(z + eocd + 16);
    for (size_t i = 0; i < entries; i++) {
        assert_true(p + 46 <= n);
        assert_int_equal(le32(z + p), 0x02014b50);
        uint32_t method = le16(z + p + 10), csize = le32(z + p + 20), usize = le32(z + p + 24);
        uint32_t nlen = le16(z + p + 28), xlen = le16(z + p + 30), clen = le16(z + p + 32);
        uint32_t local = le32(z + p + 42);
        if (nlen == strlen(name) && memcmp(z + p + 46, name, nlen) == 0) {
            const unsigned char *data =
                z + local + 30 + le16(z + local + 26) + le16(z + local + 28);
            char *out = malloc(usize + 1);
            assert_non_null(out);
            if (method == 0) {
                memcpy(out, data, usize);
            } else {
                assert_int_equal(method, 8);
                z_stream s = {0};
                assert_int_equal(inflateInit2(&s, -MAX_WBITS), Z_OK);
                s.next_in = (unsigned char *)data;
                s.avail_in = csize;
                s.next_out = (unsigned char *)out;
                s.avail_out = usize;
                assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
                inflateEnd(&s);
            }
            out[usize] = '\0';
            return out;
        }
        p += 46 + nlen + xlen + clen;
    }
    return NULL;
}

static void test_xlsx(void **state)
{
    (void)state;
    Report r;
    gio_linh(&r);
    char dir[] = "/tmp/test_report_out.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/bieu06.xlsx", dir);
    Err e;
    err_clear(&e);
    assert_int_equal(xlsx_report(&r, path, &e), 0);

    size_t n;
    unsigned char *z = read_file(path, &n);
    assert_true(n > 4);
    assert_memory_equal(z, "PK\x03\x04", 4);

    /* two sheets, named as the form and the indicators */
    char *wb = zip_entry(z, n, "xl/workbook.xml");
    assert_non_null(wb);
    assert_before(wb, "name=\"Biểu 06\"", "name=\"Chỉ số\"");
    free(wb);

    /* the strings: title, headings, the total row's label, the note, the signers */
    char *ss = zip_entry(z, n, "xl/sharedStrings.xml");
    assert_non_null(ss);
    static const char *const strings[] = {
        "Biểu số 06/VPCP/KSTT",
        ("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI "
         "QUYẾT THỦ TỤC HÀNH CHÍNH"),
        "UBND huyện Gio Linh",
        "Từ ngày 01/01/2023 đến ngày 31/12/2023",
        "Đơn vị tính: Số hồ sơ TTHC",
        "Số hồ sơ nhận giải quyết",
        "Số hồ sơ đã giải quyết",
        "Số hồ sơ đang giải quyết",
        "Trong đó: Trực tuyến",
        "Trực tiếp, dịch vụ bưu chính",
        "Từ kỳ trước",
        "Trước hạn",
        "Đúng hạn",
        "Trong hạn",
        "(13)",
        "Tổng cộng",
        "=SUM(A1) &lt;Đất đai&gt; &amp; \"x\"",
        "Ghi chú: cột Đúng hạn gồm cả 0 hồ sơ dừng xử lý, rút hồ sơ",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký, ghi rõ họ tên)",
        "Tỷ lệ hồ sơ nộp trực tuyến",
    };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        if (!strstr(ss, strings[i]))
            fail_msg("missing string: %s", strings[i]);
    free(ss);

    /* the form: merged headings, numeric cells for the total row (row 12: 8 header rows and 3
     * lines), page setup */
    char *s1 = zip_entry(z, n, "xl/worksheets/sheet1.xml");
    assert_non_null(s1);
    static const char *const merges[] = {"A6:A7", "B6:B7", "C6:F6", "G6:J6", "K6:M6", "A2:M2"};
    for (size_t i = 0; i < sizeof merges / sizeof merges[0]; i++) {
        char ref[32];
        snprintf(ref, sizeof ref, "<mergeCell ref=\"%s\"/>", merges[i]);
        if (!strstr(s1, ref))
            fail_msg("missing merge %s", merges[i]);
    }
    static const char *const total[] = {
        "C12",   "66597", "D12",   "25470", "E12", "40820", "F12", "307", "G12", "66136", "H12",
        "52130", "I12",   "13835", "J12",   "171", "K12",   "461", "L12", "461", "M12",   "0"};
    for (size_t i = 0; i < sizeof total / sizeof total[0]; i += 2) {
        char cell[32], value[32];
        snprintf(cell, sizeof cell, "<c r=\"%s\"", total[i]);
        snprintf(value, sizeof value, "><v>%s</v></c>", total[i + 1]);
        const char *c = strstr(s1, cell);
        if (!c)
            fail_msg("missing cell %s", total[i]);
        const char *end = strstr(c, "</c>");
        assert_non_null(end);
        /* a number cell: <c r="C12" s="N"><v>66597</v></c>, no t="s" (shared string) */
        char body[128];
        snprintf(body, sizeof body, "%.*s</c>", (int)(end - c), c);
        if (strstr(body, " t=\"") || !strstr(body, value))
            fail_msg("cell %s is not the number %s: %s", total[i], total[i + 1], body);
    }
    assert_non_null(strstr(s1, "paperSize=\"9\""));
    assert_non_null(strstr(s1, "orientation=\"landscape\""));
    assert_non_null(strstr(s1, "<pane "));
    free(s1);

    /* the indicators: 38.24 % of 66,597, 4.59 of 6 points */
    char *s2 = zip_entry(z, n, "xl/worksheets/sheet2.xml");
    assert_non_null(s2);
    assert_non_null(strstr(s2, "<v>38.24</v>"));
    assert_non_null(strstr(s2, "<v>4.59</v>"));
    assert_non_null(strstr(s2, "<v>19.95</v>"));
    free(s2);

    /* the number format of the table is the thousands-grouped one */
    char *styles = zip_entry(z, n, "xl/styles.xml");
    assert_non_null(styles);
    assert_non_null(strstr(styles, "formatCode=\"#,##0\""));
    free(styles);
    free(z);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void test_xlsx_error(void **state)
{
    (void)state;
    Report r;
    gio_linh(&r);
    Err e;
    err_clear(&e);
    assert_int_equal(xlsx_report(&r, "/nonexistent-dir/x/bieu06.xlsx", &e), ERR_IO);
    assert_int_equal(e.code, ERR_IO);
    assert_non_null(strstr(e.message, "Không ghi được tệp Excel"));
    assert_non_null(strstr(e.message_en, "cannot write the xlsx file"));
    assert_int_equal(access("/nonexistent-dir/x/bieu06.xlsx", F_OK), -1);
}

static void test_csv(void **state)
{
    (void)state;
    Report r;
    gio_linh(&r);
    StrBuf sb;
    sb_init(&sb, 0);
    report_csv(&sb, &r, REPORT_CSV_PLAIN);
    assert_int_equal(sb.err, 0);
    /* the header: 15 columns (commas outside quotes + 1) */
    const char *eol = strstr(sb.data, "\r\n");
    assert_non_null(eol);
    int fields = 1, quoted = 0;
    for (const char *p = sb.data; p < eol; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == ',' && !quoted)
            fields++;
    }
    assert_int_equal(fields, 15);
    assert_true(strncmp(sb.data, "STT,Mã,Tên,Tổng số hồ sơ nhận giải quyết,", 40) == 0);
    assert_non_null(strstr(sb.data, "\"1\",\"HT\",\"Hộ tịch\",30100,10000,20000,100,29900,25000,"
                                    "4800,100,200,200,0,0\r\n"));
    /* a name starting with = is neutralised and quotes are doubled */
    assert_non_null(strstr(sb.data, "\"DD\",\"'=SUM(A1) <Đất đai> & \"\"x\"\"\",15200,"));
    assert_non_null(strstr(sb.data, "\"\",\"\",\"Tổng cộng\",66597,25470,40820,307,66136,52130,"
                                    "13835,171,461,461,0,0\r\n"));
    /* the total is the last line */
    assert_int_equal(strcmp(sb.data + sb.len - 2, "\r\n"), 0);
    assert_int_equal(count(sb.data, "\r\n"), 5);
    sb_free(&sb);
}

/* The CSV for a spreadsheet in Vietnamese settings: a byte order mark, semicolons, the same
 * quoting and numbers. */
static void test_csv_excel(void **state)
{
    (void)state;
    Report r;
    gio_linh(&r);
    gio_linh_lines[0].name = "Hộ tịch; chứng thực";
    StrBuf sb;
    sb_init(&sb, 0);
    report_csv(&sb, &r, REPORT_CSV_EXCEL);
    assert_int_equal(sb.err, 0);
    assert_true(strncmp(sb.data,
                        "\xEF\xBB\xBFSTT;Mã;Tên;Tổng số hồ sơ nhận giải quyết;Trực tuyến;"
                        "Trực tiếp, dịch vụ bưu chính;",
                        strlen("\xEF\xBB\xBFSTT;Mã;Tên;Tổng số hồ sơ nhận giải quyết;Trực tuyến;"
                               "Trực tiếp, dịch vụ bưu chính;")) == 0);
    assert_null(strchr(sb.data + 3, '\xEF'));
    assert_non_null(strstr(sb.data, "\"1\";\"HT\";\"Hộ tịch; chứng thực\";30100;10000;20000;100;"
                                    "29900;25000;4800;100;200;200;0;0\r\n"));
    assert_non_null(strstr(sb.data, "\"\";\"\";\"Tổng cộng\";66597;25470;40820;307;66136;52130;"
                                    "13835;171;461;461;0;0\r\n"));
    assert_null(strstr(sb.data, ",66597"));
    sb_free(&sb);
}

/* A period that has not ended says when its open dossiers were judged. */
static void test_period_line(void **state)
{
    (void)state;
    Report r;
    gio_linh(&r);
    Arena *a = arena_new();
    assert_string_equal(report_period_line(a, &r), "Từ ngày 01/01/2023 đến ngày 31/12/2023");
    r.ongoing = 1;
    r.as_of = timefmt_local_instant(timefmt_days_from_civil(2023, 12, 15), 16 * 3600 + 5 * 60);
    assert_string_equal(report_period_line(a, &r), "Từ ngày 01/01/2023 đến ngày 31/12/2023 (kỳ "
                                                   "chưa kết thúc: số liệu tính đến 16:05 "
                                                   "15/12/2023)");
    json_t *o = report_json(&r);
    assert_string_equal(json_string_value(json_object_get(o, "as_of")),
                        "2023-12-15T16:05:00+07:00");
    json_decref(o);
    arena_free(a);
}

static void test_text(void **state)
{
    (void)state;
    Report r;
    gio_linh(&r);
    StrBuf sb;
    sb_init(&sb, 0);
    report_text(&sb, &r);
    assert_int_equal(sb.err, 0);
    assert_non_null(
        strstr(sb.data, "UBND huyện Gio Linh\nTừ ngày 01/01/2023 đến ngày 31/12/2023\n"));
    const char *total = strstr(sb.data, "Tổng cộng");
    assert_non_null(total);
    assert_non_null(strstr(total, "66.597   25.470   40.820      307   66.136   52.130   13.835"
                                  "      171      461      461        0        0\n"));
    assert_non_null(strstr(sb.data, "Tỷ lệ hồ sơ nộp trực tuyến: 38,24% (25.470/66.597), "
                                    "4,59/6 điểm\n"));
    sb_free(&sb);
}

/* The name column is 28 characters wide whatever the bytes: a name is padded by characters and a
 * longer one cut after its 27th character. */
static void test_text_names(void **state)
{
    (void)state;
    Report r;
    gio_linh(&r);
    gio_linh_lines[1].name = "Lĩnh vực đất đai, tài nguyên và môi trường";
    StrBuf sb;
    sb_init(&sb, 0);
    report_text(&sb, &r);
    assert_int_equal(sb.err, 0);
    /* "Hộ tịch": 7 characters (11 bytes), 21 spaces, then 30.100 received right-aligned in 9 */
    assert_non_null(strstr(sb.data, "\nHộ tịch                        30.100   10.000"));
    /* the first 27 characters (36 bytes), one space, then 21.297 received */
    assert_non_null(strstr(sb.data, "\nLĩnh vực đất đai, tài nguyê    21.297    5.470"));
    assert_null(strstr(sb.data, "nguyên"));
    sb_free(&sb);
}

static void test_json(void **state)
{
    (void)state;
    Report r;
    gio_linh(&r);
    json_t *o = report_json(&r);
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(json_object_get(o, "total"), "received"), "total")),
                     66597);
    json_t *online = json_object_get(json_object_get(o, "indicators"), "online_rate");
    assert_true(json_real_value(json_object_get(online, "value")) == 38.24);
    assert_int_equal(json_array_size(json_object_get(o, "rows")), 3);
    json_decref(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture),     cmocka_unit_test(test_form_layout),
        cmocka_unit_test(test_html),        cmocka_unit_test(test_html_fold),
        cmocka_unit_test(test_html_size),   cmocka_unit_test(test_xlsx),
        cmocka_unit_test(test_xlsx_error),  cmocka_unit_test(test_csv),
        cmocka_unit_test(test_text),        cmocka_unit_test(test_text_names),
        cmocka_unit_test(test_json),        cmocka_unit_test(test_csv_excel),
        cmocka_unit_test(test_period_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
