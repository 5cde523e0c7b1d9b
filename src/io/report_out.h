/* report_out.h: the official report rendered for machines, terminals and browsers: JSON
 * (exactly the docs/INTERFACES.md shape), CSV (Biểu 06 columns, formula-safe), a text table and an
 * HTML page (io/report_html.c); the layout of Biểu 06/VPCP/KSTT shared with io/xlsx.c. */
#ifndef MOTCUA_REPORT_OUT_H
#define MOTCUA_REPORT_OUT_H

#include "app/reports.h"
#include "util/strbuf.h"

#include <jansson.h>

/* report_json renders the report; the caller owns the result. */
json_t *report_json(const Report *r);

/* The two CSV flavours: RFC 4180 (UTF-8 without a byte order mark, comma-separated) for
 * programs, and the one a spreadsheet in Vietnamese regional settings opens as it is: a UTF-8
 * byte order mark (without it Excel reads the bytes in the Windows code page) and semicolons,
 * the list separator where the decimal separator is a comma, as in vi-VN. */
typedef enum ReportCsv { REPORT_CSV_PLAIN = 0, REPORT_CSV_EXCEL } ReportCsv;

/* report_csv appends the report as CSV of the given flavour: a header line, one line per row,
 * a total line; lines end in CRLF. */
void report_csv(StrBuf *sb, const Report *r, ReportCsv flavour);

/* report_text appends the report as a terminal table with vi-VN numbers. */
void report_text(StrBuf *sb, const Report *r);

/* report_period_line returns "Từ ngày 01/12/2026 đến ngày 31/12/2026" and, for a period that
 * has not ended, the moment its dossiers in progress were judged at: "(kỳ chưa kết thúc: số
 * liệu tính đến 16:05 15/12/2026)" (allocated from a). */
const char *report_period_line(Arena *a, const Report *r);

/* report_digitization_note: the note that tells the dossiers counted as digitized (a
 * component) or with an electronic result by a file stored here from those counted by a source
 * system's mark (imported, no file); NULL when every one has its file. */
const char *report_digitization_note(Arena *a, const Report *r);

/* report_indicator_label: the Vietnamese name of an indicator key. */
const char *report_indicator_label(const char *key);

/* Biểu 06/VPCP/KSTT (docs/DOMAIN.md §6.1) has 13 columns: 1 STT, 2 the line's name, 3-13 numbers.
 */
enum { REPORT_FORM_COLS = 13, REPORT_FORM_NUMBERS = 11 };

/* report_form_head: the heading of column col (1..13): for columns 3-13 the second-level
 * heading under its group ("Tổng số", "Trong đó: Trực tuyến", ...); NULL out of range. */
const char *report_form_head(int col);

/* report_form_group: the first-level heading over column col (3..13), e.g. "Số hồ sơ nhận giải
 * quyết", with the span of columns it covers in out_first/out_last; NULL for columns 1 and 2,
 * whose heading spans both header rows. */
const char *report_form_group(int col, int *out_first, int *out_last);

/* report_form_values writes columns 3-13 of the form for row r into out[0..10]. The form has
 * no column for stopped dossiers: as provincial systems do, they are folded into column 9
 * ("Đúng hạn") and so into column 7 ("Tổng số đã giải quyết"), which keeps column 3 = column 7
 * + column 11. The renderings say so in a note under the table. */
void report_form_values(const ReportRow *r, int64_t out[REPORT_FORM_NUMBERS]);

/* report_html_headings appends the two heading rows of Biểu 06 (merged groups above their
 * columns), for the printable page and the report screen alike. */
void report_html_headings(StrBuf *sb);

/* report_html appends the report as a complete printable HTML page (A4 landscape): the title
 * block, the Biểu 06 table with merged headings, vi-VN numbers, the note on stopped dossiers
 * and the signer block; the indicators with value, numerator, denominator and points; and two
 * SVG bar charts month by month from r->months (received by channel, resolved by
 * timeliness). Everything goes through the HTML builder (io/html.h). */
void report_html(StrBuf *sb, const Report *r);

#endif
