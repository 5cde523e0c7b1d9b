/* html.h: the HTML builder (STYLE.md, "Output is escaped by construction"). Every byte of a page
 * goes through it. A page writes one line of markup with one call, as Fossil's `@ ... %h(...)`
 * does:
 *
 *     html(sb, "<li><a href=\"%s\">%s</a> %s đồng</li>\n", url, p->name, html_num(a, p->fee));
 *
 * The format is the markup, a string literal (GCC's printf format check, under -Wformat=2,
 * refuses anything else and type-checks every argument); %s is always escaped text; numbers,
 * dates and URLs come from the helpers below as strings for %s. There is no raw conversion.
 *
 * Everything appends to a caller-owned StrBuf and inherits its sticky error: callers append
 * freely and check sb->err once at the end. Strings are expected to be valid UTF-8 without NUL
 * (the web and import layers validate input); a NULL string is written as empty. The helpers
 * that return strings allocate them from the caller's arena; nothing else allocates beyond the
 * StrBuf (a few calls use a short-lived scratch arena internally). All functions are
 * thread-safe on distinct buffers and arenas. */
#ifndef MOTCUA_HTML_H
#define MOTCUA_HTML_H

#include "util/arena.h"
#include "util/strbuf.h"

#include <stddef.h>
#include <stdint.h>

/* html appends fmt to sb with its conversions replaced:
 *   %s                         the argument as escaped text: & < > " ' become &amp; &lt; &gt;
 *                              &quot; &#39;, in element content and attribute values alike;
 *                              NULL writes nothing. A boolean attribute may come this way,
 *                              `selected ? " selected" : ""`: it has nothing to escape.
 *   %d %i, %ld %lld %jd %td    a signed integer in plain decimal ("-1234567"; PRId64 is one)
 *   %u, %lu %llu %ju %zu       an unsigned integer in plain decimal (PRIu64 is one)
 *   %%                         a percent sign
 * Everything else of fmt is written as it is. Any other conversion, flag, width or precision
 * (%x, %c, %5d, %.3s, %hd, %zd ...) is a programming error: it logs the format and aborts,
 * whatever the data. Vietnamese grouping, dates, percentages and URLs come from the html_num,
 * html_date, html_percent, html_url ... helpers below. */
void html(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- strings for %s, allocated from a (the request's arena in pages) ---- */

/* html_url returns the site-local URL path?key1=value1&key2=value2 for href and action
 * attributes and redirects; the arguments after path are key, value pairs ending with NULL
 * (the compiler checks it), and a pair whose value is NULL is left out. The path is written
 * with exactly one leading '/' (added if missing, extra ones dropped, so "//evil.example"
 * cannot become a protocol-relative link) and every segment between slashes is
 * percent-encoded with esc_url, so a dossier code may be spliced in as-is and "javascript:..."
 * or a '?' inside a segment are neutralised. Keys and values are percent-encoded too. The
 * result is not HTML-escaped: %s does that (& -> &amp;). */
const char *html_url(Arena *a, const char *path, ...) __attribute__((sentinel));

/* html_path returns the URL fmt (a string literal starting with a single '/') with each %s
 * argument percent-encoded whole by esc_url (a '/' in it too) and integers in decimal, as
 * html does: html_path(a, "/ho-so/%s/thao-tac", code), html_path(a, "/tra-cuu?ma=%s&key=%s",
 * code, key). For paths of a fixed shape; html_url leaves out absent query values. A NULL
 * argument writes nothing. Aborts when fmt does not start with one '/' (a programming
 * error). */
const char *html_path(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* html_num returns n with vi-VN grouping: 1234567 -> "1.234.567" (vntext_number). */
const char *html_num(Arena *a, int64_t n);

/* html_decimal returns value / 10^decimals the vi-VN way: (459, 2) -> "4,59" (vntext_decimal;
 * decimals is clamped to 0..6). */
const char *html_decimal(Arena *a, int64_t value, int decimals);

/* html_percent returns numerator/denominator as a percentage with two decimals, rounded
 * half-up, without the % sign: (25470, 66597) -> "38,24"; a zero denominator gives "0,00"
 * (vntext_percent). */
const char *html_percent(Arena *a, int64_t numerator, int64_t denominator);

/* html_date returns the local day number `day` as "16/10/2023"; "" for a day outside years
 * 0000-9999 (never produced by the parsers). */
const char *html_date(Arena *a, int32_t day);

/* html_datetime returns the instant t in Vietnam time as "08:12 16/10/2023"; "" outside years
 * 0000-9999. */
const char *html_datetime(Arena *a, int64_t t);

/* ---- single appends ---- */

/* html_option appends <option value="value">label</option>, selected when selected (a value
 * or NULL) equals value. */
void html_option(StrBuf *sb, const char *value, const char *label, const char *selected);

/* html_text_upper appends s upper-cased the Vietnamese way ("UBND xã Gio Linh" -> "UBND XÃ GIO
 * LINH", see vntext_upper) and escaped. Text that is not valid UTF-8 is written escaped but not
 * upper-cased. Uses a scratch arena, freed before returning. */
void html_text_upper(StrBuf *sb, const char *s);

/* html_date_long_vi appends "ngày 16 tháng 10 năm 2023" (Decree 30/2020 style, see
 * timefmt_format_vi_long_date). Out of range: the blank "ngày ... tháng ... năm ...". */
void html_date_long_vi(StrBuf *sb, int32_t day);

/* ---- pages, printable forms, charts ---- */

/* html_page_begin appends the start of an HTML5 page up to and including <body>: the doctype,
 * <html lang="vi">, <meta charset="utf-8">, the viewport, the escaped <title> and the site
 * stylesheet /assets/app.css. Close it with html_page_end. */
void html_page_begin(StrBuf *sb, const char *title);

/* html_page_end appends </body></html>. */
void html_page_end(StrBuf *sb);

/* Paper sizes for printable forms: receipts (Mẫu 01-05) are A5, the ledger (Mẫu 06) A4. */
typedef enum HtmlPaper {
    HTML_PAPER_A5 = 0,
    HTML_PAPER_A4 = 1,
    HTML_PAPER_A4_LANDSCAPE = 2
} HtmlPaper;

/* html_print_begin appends the start of a self-contained printable form up to <body>: the same
 * head as html_page_begin but, instead of the site stylesheet, an inline <style> with
 * `@page { size: A5; margin: 12mm }` (or A4, A4 landscape), Times New Roman, black on white, and
 * the classes the form parts use (.nh for html_national_heading, .form-title, .form-table,
 * .form-sign with its .form-signer cells and their .form-sign-room, .form-qr floated beside
 * the first lines, .form-compact for a form that must keep to one A5 sheet, .no-print). Close
 * it with html_print_end. */
void html_print_begin(StrBuf *sb, const char *title, HtmlPaper paper);

/* html_print_end appends </body></html>. */
void html_print_end(StrBuf *sb);

/* The national heading of a Circular 01/2018 form (layout of Decree 30/2020 Appendix I). */
typedef struct HtmlHeading {
    const char *parent_agency; /* line above the agency, e.g. "UBND huyện Gio Linh"; may be NULL */
    const char *agency;        /* e.g. "UBND xã Gio Linh"; written in upper case, bold */
    const char *number;        /* document number after "Số: ", e.g. "125/TNHS"; may be NULL */
    const char *place;         /* place of issue, e.g. "Gio Linh" */
    int32_t day;               /* local day number of the document date */
} HtmlHeading;

/* html_national_heading appends the two-column heading block of a form: on the left the parent
 * agency and the agency in upper case with a short rule under them (and the number line), on the
 * right "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc" with its rule, then
 * "<place>, ngày 16 tháng 10 năm 2023" in italics. Styled by html_print_begin's stylesheet. */
void html_national_heading(StrBuf *sb, const HtmlHeading *h);

/* html_svg_bar_chart appends an inline, accessible SVG grouped bar chart (no script):
 * <svg role="img" aria-label="title"> with a <title>, a legend (when series_names is not NULL),
 * a y axis with 1-5 gridlines labelled in vi-VN numbers from 0 to a round maximum, one group of
 * n_series bars per point labelled labels[p] under the x axis (slanted when they would not fit),
 * and a <title> on each bar: "series name: label: value". series[s][p] is the value of series s
 * at point p; negative values are drawn as 0 and values above 10^15 as 10^15 (the tooltip keeps
 * the true value). labels or series_names may be NULL (no x labels, no legend), as may any of
 * their elements (empty text); slanted labels past 40 characters may be cut at the edge. The
 * SVG scales to its container's width (viewBox, width="100%"). n_series or n_points of 0 gives
 * the axes alone. Series colours cycle through a fixed palette of 6. role="img" makes the chart
 * one image to screen readers, so a page should also show the figures in a table. */
void html_svg_bar_chart(StrBuf *sb, const char *title, const char *const labels[],
                        const int64_t *const series[], size_t n_series, size_t n_points,
                        const char *const series_names[]);

#endif
