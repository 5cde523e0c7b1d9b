/* html.c: the HTML builder: the formatted writer and the strings it takes, the single appends,
 * page layouts, the national heading of forms and SVG bar charts (see html.h). The only place
 * allowed to put non-literal bytes into a page: through esc_html, esc_url, or digits and
 * punctuation it formats itself. */
#include "io/html.h"

#include "core/vntext.h"
#include "util/escape.h"
#include "util/log.h"
#include "util/timefmt.h"
#include "util/utf8.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the formatted writer ---- */

/* How a %s argument is written: esc_html for a page, esc_url for a URL. */
typedef void (*Escaper)(StrBuf *sb, const char *s);

/* The integer types a conversion may name (see html.h for the accepted pairs). */
typedef enum IntSize {
    SIZE_INT,
    SIZE_LONG,
    SIZE_LLONG,
    SIZE_INTMAX,
    SIZE_SIZE,
    SIZE_PTRDIFF
} IntSize;

/* refuse reports a conversion html does not take, a programming error, and aborts. */
static void refuse(const char *fmt)
{
    log_msg(LOG_LEVEL_ERROR, "html: unsupported conversion in format \"%s\"", fmt);
    abort();
}

/* signed_arg reads a signed integer of the given size, or refuses the conversion. */
static intmax_t signed_arg(const char *fmt, va_list *ap, IntSize size)
{
    switch (size) {
    case SIZE_INT: return va_arg(*ap, int);
    case SIZE_LONG: return va_arg(*ap, long);
    case SIZE_LLONG: return va_arg(*ap, long long);
    case SIZE_INTMAX: return va_arg(*ap, intmax_t);
    case SIZE_PTRDIFF: return va_arg(*ap, ptrdiff_t);
    case SIZE_SIZE: break; /* %zd: ssize_t is not ISO C */
    }
    refuse(fmt);
    return 0;
}

/* unsigned_arg reads an unsigned integer of the given size, or refuses the conversion. */
static uintmax_t unsigned_arg(const char *fmt, va_list *ap, IntSize size)
{
    switch (size) {
    case SIZE_INT: return va_arg(*ap, unsigned);
    case SIZE_LONG: return va_arg(*ap, unsigned long);
    case SIZE_LLONG: return va_arg(*ap, unsigned long long);
    case SIZE_INTMAX: return va_arg(*ap, uintmax_t);
    case SIZE_SIZE: return va_arg(*ap, size_t);
    case SIZE_PTRDIFF: break; /* %tu: no ISO C type */
    }
    refuse(fmt);
    return 0;
}

/* format appends fmt to sb: literal bytes as they are, %s through esc, integers in decimal,
 * %% as '%'; anything else aborts (see html). */
static void format(StrBuf *sb, Escaper esc, const char *fmt, va_list *ap)
{
    const char *p = fmt, *run = fmt;
    while (*p) {
        if (*p != '%') {
            p++;
            continue;
        }
        sb_append(sb, run, (size_t)(p - run));
        p++;
        IntSize size = SIZE_INT;
        if (*p == 'l') {
            p++;
            size = SIZE_LONG;
            if (*p == 'l') {
                p++;
                size = SIZE_LLONG;
            }
        } else if (*p == 'j' || *p == 'z' || *p == 't') {
            size = *p == 'j' ? SIZE_INTMAX : *p == 'z' ? SIZE_SIZE : SIZE_PTRDIFF;
            p++;
        }
        char digits[24]; /* the longest is "-9223372036854775808" */
        switch (*p) {
        case 'd':
        case 'i':
            snprintf(digits, sizeof digits, "%jd", signed_arg(fmt, ap, size));
            sb_puts(sb, digits);
            break;
        case 'u':
            snprintf(digits, sizeof digits, "%ju", unsigned_arg(fmt, ap, size));
            sb_puts(sb, digits);
            break;
        case 's': {
            if (size != SIZE_INT)
                refuse(fmt);
            const char *s = va_arg(*ap, const char *);
            if (s)
                esc(sb, s);
            break;
        }
        case '%':
            if (size != SIZE_INT)
                refuse(fmt);
            sb_putc(sb, '%');
            break;
        default: refuse(fmt);
        }
        run = ++p;
    }
    sb_append(sb, run, (size_t)(p - run));
}

void html(StrBuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    format(sb, esc_html, fmt, &ap);
    va_end(ap);
}

/* ---- strings for %s ---- */

/* take returns the contents of url as a string of a and frees url ("" if it overflowed). */
static const char *take(Arena *a, StrBuf *url)
{
    const char *s = arena_strdup(a, url->err || !url->data ? "" : url->data);
    sb_free(url);
    return s;
}

/* url_path appends path to url as a site-local path: one leading '/', each segment
 * percent-encoded (esc_url), the slashes between segments kept. */
static void url_path(StrBuf *url, const char *path)
{
    while (*path == '/')
        path++;
    sb_putc(url, '/');
    StrBuf copy; /* a writable copy, cut at each '/' so that esc_url sees one segment */
    sb_init(&copy, 0);
    sb_puts(&copy, path);
    char *seg = copy.data;
    while (seg) {
        char *slash = strchr(seg, '/');
        if (slash)
            *slash = '\0';
        esc_url(url, seg);
        if (!slash)
            break;
        sb_putc(url, '/');
        seg = slash + 1;
    }
    if (copy.err && !url->err)
        url->err = copy.err;
    sb_free(&copy);
}

/* url_string returns html_url's URL of path and the key, value pairs of ap, from a. */
static const char *url_string(Arena *a, const char *path, va_list *ap)
{
    StrBuf url;
    sb_init(&url, 0);
    url_path(&url, path ? path : "");
    int first = 1;
    for (;;) {
        const char *key = va_arg(*ap, const char *);
        if (!key)
            break;
        const char *value = va_arg(*ap, const char *);
        if (!value)
            continue;
        sb_putc(&url, first ? '?' : '&');
        first = 0;
        esc_url(&url, key);
        sb_putc(&url, '=');
        esc_url(&url, value);
    }
    return take(a, &url);
}

const char *html_url(Arena *a, const char *path, ...)
{
    va_list ap;
    va_start(ap, path);
    const char *url = url_string(a, path, &ap);
    va_end(ap);
    return url;
}

const char *html_path(Arena *a, const char *fmt, ...)
{
    if (fmt[0] != '/' || fmt[1] == '/')
        refuse(fmt);
    StrBuf url;
    sb_init(&url, 0);
    va_list ap;
    va_start(ap, fmt);
    format(&url, esc_url, fmt, &ap);
    va_end(ap);
    return take(a, &url);
}

const char *html_num(Arena *a, int64_t n)
{
    return vntext_number(a, n);
}

const char *html_decimal(Arena *a, int64_t value, int decimals)
{
    return vntext_decimal(a, value, decimals);
}

const char *html_percent(Arena *a, int64_t numerator, int64_t denominator)
{
    return vntext_percent(a, numerator, denominator);
}

const char *html_date(Arena *a, int32_t day)
{
    char buf[TIMEFMT_DATE_SIZE];
    return arena_strdup(a, timefmt_format_vi_date(day, buf, sizeof buf) >= 0 ? buf : "");
}

const char *html_datetime(Arena *a, int64_t t)
{
    char buf[TIMEFMT_VI_DATETIME_SIZE];
    return arena_strdup(a, timefmt_format_vi_datetime(t, buf, sizeof buf) >= 0 ? buf : "");
}

/* ---- single appends ---- */

void html_option(StrBuf *sb, const char *value, const char *label, const char *selected)
{
    int on = selected && value && strcmp(selected, value) == 0;
    html(sb, "<option value=\"%s\"%s>%s</option>", value, on ? " selected" : "", label);
}

void html_text_upper(StrBuf *sb, const char *s)
{
    if (!s)
        return;
    Arena *a = arena_new();
    const char *u = vntext_upper(a, s, strlen(s));
    html(sb, "%s", u ? u : s);
    arena_free(a);
}

void html_date_long_vi(StrBuf *sb, int32_t day)
{
    char buf[TIMEFMT_VI_LONG_SIZE];
    html(sb, "%s",
         timefmt_format_vi_long_date(day, buf, sizeof buf) >= 0 ? buf
                                                                : "ngày ... tháng ... năm ...");
}

/* ---- pages, printable forms, charts ---- */

/* head_begin appends everything of a page's head common to screens and printable forms. */
static void head_begin(StrBuf *sb, const char *title)
{
    html(sb,
         "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>%s</title>\n",
         title);
}

void html_page_begin(StrBuf *sb, const char *title)
{
    head_begin(sb, title);
    html(sb, "<link rel=\"stylesheet\" href=\"/assets/app.css\">\n</head>\n<body>\n");
}

void html_page_end(StrBuf *sb)
{
    html(sb, "</body>\n</html>\n");
}

void html_print_begin(StrBuf *sb, const char *title, HtmlPaper paper)
{
    head_begin(sb, title);
    /* The page box and, on screen, a sheet of the same width so that the preview matches the
     * print (A5 148 mm, A4 210 mm, A4 landscape 297 mm, less the 12 mm margins). */
    switch (paper) {
    case HTML_PAPER_A4:
        html(sb, "<style>\n@page { size: A4; margin: 12mm }\n"
                 "@media screen { body { max-width: 186mm } }\n");
        break;
    case HTML_PAPER_A4_LANDSCAPE:
        html(sb, "<style>\n@page { size: A4 landscape; margin: 12mm }\n"
                 "@media screen { body { max-width: 273mm } }\n");
        break;
    case HTML_PAPER_A5:
    default:
        html(sb, "<style>\n@page { size: A5; margin: 12mm }\n"
                 "@media screen { body { max-width: 124mm } }\n");
        break;
    }
    html(sb, "body { font-family: \"Times New Roman\", Times, serif; font-size: 12pt;"
             " line-height: 1.35; color: #000; background: #fff; margin: 0 auto }\n"
             "@media screen { body { padding: 12mm; box-shadow: 0 0 4mm #999; margin: 4mm auto }"
             " }\n"
             "@media print { .no-print { display: none } }\n"
             ".nh { display: flex; justify-content: space-between; gap: 3mm;"
             " text-align: center; font-size: 10.5pt }\n"
             ".nh p { margin: 0 }\n"
             ".nh-agency { flex: 0 0 40%% }\n"
             ".nh-nation { flex: 1 1 auto }\n"
             ".nh-rule { border: 0; border-top: 1px solid #000; width: 30%%; margin: 1mm auto }\n"
             ".nh-nation .nh-rule { width: 55%% }\n"
             ".nh-date { font-style: italic; margin-top: 2mm }\n"
             ".form-title { text-align: center; font-weight: bold; font-size: 13pt;"
             " margin: 5mm 0 3mm }\n"
             ".form-table { border-collapse: collapse; width: 100%% }\n"
             ".form-table th, .form-table td { border: 1px solid #000; padding: 1mm;"
             " vertical-align: top }\n"
             ".form-sign { width: 100%%; margin-top: 4mm; border-collapse: collapse;"
             " break-inside: avoid }\n"
             ".form-signer { width: 50%%; text-align: center; vertical-align: top }\n"
             ".form-sign-room { height: 20mm }\n"
             ".form-qr { float: right; width: 26mm; margin: 0 0 1mm 2mm; text-align: center;"
             " font-size: 8pt; line-height: 1.1 }\n"
             ".form-stamp { display: flex; align-items: center; justify-content: center;"
             " gap: 2mm; font-size: 8pt; line-height: 1.1; text-align: left }\n"
             ".form-stamp svg { width: 14mm; height: 14mm; flex: none }\n"
             ".form-compact { font-size: 11pt; line-height: 1.25 }\n"
             ".form-compact .form-table th, .form-compact .form-table td { padding: 0.5mm 1mm }\n"
             ".form-compact .form-sign { margin-top: 2mm }\n"
             ".form-compact .form-sign-room { height: 14mm }\n"
             ".ledger-part { font-size: 11pt; margin: 4mm 0 2mm }\n"
             "</style>\n</head>\n<body>\n");
}

void html_print_end(StrBuf *sb)
{
    html(sb, "</body>\n</html>\n");
}

void html_national_heading(StrBuf *sb, const HtmlHeading *h)
{
    html(sb, "<header class=\"nh\">\n<div class=\"nh-agency\">\n");
    if (h->parent_agency && *h->parent_agency) {
        html(sb, "<p class=\"nh-parent\">");
        html_text_upper(sb, h->parent_agency);
        html(sb, "</p>\n");
    }
    html(sb, "<p class=\"nh-unit\"><strong>");
    html_text_upper(sb, h->agency);
    html(sb, "</strong></p>\n<hr class=\"nh-rule\">\n");
    if (h->number && *h->number)
        html(sb, "<p class=\"nh-number\">Số: %s</p>\n", h->number);
    html(sb, "</div>\n<div class=\"nh-nation\">\n"
             "<p class=\"nh-country\"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p>\n"
             "<p class=\"nh-motto\"><strong>Độc lập - Tự do - Hạnh phúc</strong></p>\n"
             "<hr class=\"nh-rule\">\n<p class=\"nh-date\">");
    if (h->place && *h->place)
        html(sb, "%s, ", h->place);
    html_date_long_vi(sb, h->day);
    html(sb, "</p>\n</div>\n</header>\n");
}

/* ---- SVG bar chart ---- */

/* Geometry of the chart in viewBox units (about CSS pixels at 720 px wide). */
enum {
    CHART_WIDTH = 720,
    CHART_PLOT_HEIGHT = 240,
    CHART_FONT = 12,
    CHART_CHAR_WIDTH = 7, /* a rough average glyph width at CHART_FONT, for layout */
    CHART_LEGEND_HEIGHT = 28,
    CHART_TOP = 12,
    CHART_RIGHT = 16,
    CHART_MAX_TICKS = 5
};

/* A largest value that keeps every product below far from overflow; taller bars are cut. */
#define CHART_VALUE_MAX INT64_C(1000000000000000)

static const char *const chart_palette[] = {"#1f5fa8", "#e07b00", "#2e8b57",
                                            "#b03a2e", "#6a4c93", "#5f6b73"};

/* text_width counts the code points of s (NULL: 0), for the layout of labels. */
static size_t text_width(const char *s)
{
    return s ? utf8_count(s, strlen(s)) : 0;
}

/* nice_step returns the gridline step for values up to max (1..CHART_VALUE_MAX): the smallest
 * of 1, 2, 5 times a power of ten that needs at most CHART_MAX_TICKS steps. */
static int64_t nice_step(int64_t max)
{
    int64_t raw = max / CHART_MAX_TICKS + (max % CHART_MAX_TICKS != 0);
    int64_t p = 1;
    while (p <= raw / 10)
        p *= 10;
    if (p >= raw)
        return p;
    if (2 * p >= raw)
        return 2 * p;
    if (5 * p >= raw)
        return 5 * p;
    return 10 * p;
}

static int64_t clamp_value(int64_t v)
{
    return v < 0 ? 0 : v > CHART_VALUE_MAX ? CHART_VALUE_MAX : v;
}

/* svg_line appends an SVG <line> from (x1, y1) to (x2, y2). */
static void svg_line(StrBuf *sb, int64_t x1, int64_t y1, int64_t x2, int64_t y2)
{
    html(sb, "<line x1=\"%" PRId64 "\" y1=\"%" PRId64 "\" x2=\"%" PRId64 "\" y2=\"%" PRId64 "\"/>",
         x1, y1, x2, y2);
}

void html_svg_bar_chart(StrBuf *sb, const char *title, const char *const labels[],
                        const int64_t *const series[], size_t n_series, size_t n_points,
                        const char *const series_names[])
{
    /* The y scale: 0 .. n_ticks * step. */
    int64_t max = 0;
    for (size_t s = 0; s < n_series; s++)
        for (size_t p = 0; p < n_points; p++)
            if (clamp_value(series[s][p]) > max)
                max = clamp_value(series[s][p]);
    int64_t step = nice_step(max > 0 ? max : 1);
    int64_t n_ticks = max > step ? (max + step - 1) / step : 1;
    int64_t y_max = n_ticks * step;
    Arena *a = arena_new(); /* the vi-VN numbers */

    /* Margins: the left one fits the widest y label, the bottom one the x labels, slanted
     * by 45 degrees when the widest does not fit under its group (then the left margin also
     * makes room for the first one). */
    int64_t left = 12 + (int64_t)text_width(html_num(a, y_max)) * CHART_CHAR_WIDTH;
    if (left < 40)
        left = 40;
    int64_t plot_w = CHART_WIDTH - left - CHART_RIGHT;
    int64_t group_w = n_points ? plot_w / (int64_t)n_points : plot_w;
    size_t label_cp = 0;
    for (size_t p = 0; labels && p < n_points; p++)
        if (text_width(labels[p]) > label_cp)
            label_cp = text_width(labels[p]);
    int64_t label_w = (int64_t)(label_cp > 40 ? 40 : label_cp) * CHART_CHAR_WIDTH;
    int slanted = label_w > group_w - 4;
    if (slanted) {
        /* a slanted label runs down and to the left of its group: keep the first one in view
         * (the leftmost 40 characters at most; longer labels are cut at the left edge) */
        int64_t need = label_w * 7 / 10 - group_w / 2;
        if (need > left) {
            left = need;
            plot_w = CHART_WIDTH - left - CHART_RIGHT;
            group_w = plot_w / (int64_t)n_points;
        }
    }
    int64_t bottom = slanted ? 24 + label_w * 7 / 10 : 28;
    int has_legend = series_names && n_series > 0;
    int64_t top = CHART_TOP + (has_legend ? CHART_LEGEND_HEIGHT : 0);
    int64_t base = top + CHART_PLOT_HEIGHT; /* y of the x axis */
    int64_t height = base + bottom;

    html(sb,
         "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""
         " aria-label=\"%s\" viewBox=\"0 0 %d %" PRId64 "\" width=\"100%%\" font-size=\"12\""
         " font-family=\"sans-serif\">\n<title>%s</title>\n",
         title, CHART_WIDTH, height, title);

    if (has_legend) {
        html(sb, "<g class=\"chart-legend\">\n");
        int64_t slot = plot_w / (int64_t)n_series;
        for (size_t s = 0; s < n_series; s++) {
            int64_t x = left + (int64_t)s * slot;
            html(sb,
                 "<rect x=\"%" PRId64 "\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                 "<text x=\"%" PRId64 "\" y=\"%d\">%s</text>\n",
                 x, CHART_TOP, chart_palette[s % 6], x + 18, CHART_TOP + 11, series_names[s]);
        }
        html(sb, "</g>\n");
    }

    /* Gridlines and y labels, 0 at the axis up to y_max at the top. */
    html(sb, "<g class=\"chart-y\" stroke=\"#ccc\">");
    for (int64_t i = 1; i <= n_ticks; i++) {
        int64_t y = base - CHART_PLOT_HEIGHT * i / n_ticks;
        svg_line(sb, left, y, left + plot_w, y);
    }
    html(sb, "</g>\n<g class=\"chart-y-labels\" text-anchor=\"end\">\n");
    for (int64_t i = 0; i <= n_ticks; i++) {
        int64_t y = base - CHART_PLOT_HEIGHT * i / n_ticks;
        html(sb, "<text x=\"%" PRId64 "\" y=\"%" PRId64 "\">%s</text>\n", left - 6, y + 4,
             html_num(a, step * i));
    }
    html(sb, "</g>\n");

    /* The bars: a group per point, centred in its slot, 70 % of the slot wide. */
    html(sb, "<g class=\"chart-bars\">\n");
    int64_t bar_w = n_series ? group_w * 7 / 10 / (int64_t)n_series : 0;
    if (bar_w < 1)
        bar_w = 1;
    for (size_t p = 0; p < n_points; p++) {
        int64_t gx = left + plot_w * (int64_t)p / (int64_t)n_points;
        int64_t x0 = gx + (group_w - bar_w * (int64_t)n_series) / 2;
        for (size_t s = 0; s < n_series; s++) {
            int64_t v = clamp_value(series[s][p]);
            /* rounded to the nearest unit; a non-zero value stays visible */
            int64_t h = (v * CHART_PLOT_HEIGHT * 2 + y_max) / (y_max * 2);
            if (v > 0 && h < 1)
                h = 1;
            html(sb,
                 "<rect x=\"%" PRId64 "\" y=\"%" PRId64 "\" width=\"%" PRId64 "\" height=\"%" PRId64
                 "\" fill=\"%s\"><title>",
                 x0 + (int64_t)s * bar_w, base - h, bar_w, h, chart_palette[s % 6]);
            if (series_names)
                html(sb, "%s: ", series_names[s]);
            if (labels)
                html(sb, "%s: ", labels[p]);
            html(sb, "%s</title></rect>\n", html_num(a, series[s][p]));
        }
    }
    html(sb, "</g>\n");

    /* The axes and the x labels. */
    html(sb, "<g class=\"chart-axes\" stroke=\"#000\">");
    svg_line(sb, left, top, left, base);
    svg_line(sb, left, base, left + plot_w, base);
    html(sb, "</g>\n");
    if (labels && n_points) {
        html(sb, "<g class=\"chart-x-labels\" text-anchor=\"%s\">\n", slanted ? "end" : "middle");
        for (size_t p = 0; p < n_points; p++) {
            int64_t cx = left + plot_w * (int64_t)p / (int64_t)n_points + group_w / 2;
            int64_t y = base + 18;
            html(sb, "<text x=\"%" PRId64 "\" y=\"%" PRId64 "\"", cx, y);
            if (slanted)
                html(sb, " transform=\"rotate(-45 %" PRId64 " %" PRId64 ")\"", cx, y);
            html(sb, ">%s</text>\n", labels[p]);
        }
        html(sb, "</g>\n");
    }
    html(sb, "</svg>\n");
    arena_free(a);
}
