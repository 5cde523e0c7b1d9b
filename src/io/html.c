/* html.c: the HTML builder, page layouts, the national heading of forms and SVG bar charts
 * (see html.h). The only place allowed to put non-literal bytes into a page: through esc_html,
 * esc_url, or digits and punctuation it formats itself. */
#include "io/html.h"

#include "core/vntext.h"
#include "util/arena.h"
#include "util/escape.h"
#include "util/timefmt.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void html_text(StrBuf *sb, const char *s)
{
    if (s)
        esc_html(sb, s);
}

void html_text_upper(StrBuf *sb, const char *s)
{
    if (!s)
        return;
    Arena *a = arena_new();
    const char *u = vntext_upper(a, s, strlen(s));
    esc_html(sb, u ? u : s);
    arena_free(a);
}

void html_attr_impl(StrBuf *sb, const char *name, const char *value)
{
    sb_putc(sb, ' ');
    sb_puts(sb, name); /* a string literal: see the html_attr macro */
    HTML_LIT(sb, "=\"");
    html_text(sb, value);
    sb_putc(sb, '"');
}

void html_attr_int_impl(StrBuf *sb, const char *name, int64_t n)
{
    sb_putc(sb, ' ');
    sb_puts(sb, name); /* a string literal: see the html_attr_int macro */
    HTML_LIT(sb, "=\"");
    html_int(sb, n);
    sb_putc(sb, '"');
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

void html_url_attr_impl(StrBuf *sb, const char *name, const char *path, ...)
{
    StrBuf url;
    sb_init(&url, 0);
    url_path(&url, path ? path : "");
    int first = 1;
    va_list ap;
    va_start(ap, path);
    for (;;) {
        const char *key = va_arg(ap, const char *);
        if (!key)
            break;
        const char *value = va_arg(ap, const char *);
        if (!value)
            continue;
        sb_putc(&url, first ? '?' : '&');
        first = 0;
        esc_url(&url, key);
        sb_putc(&url, '=');
        esc_url(&url, value);
    }
    va_end(ap);
    sb_putc(sb, ' ');
    sb_puts(sb, name); /* a string literal: see the html_url_attr macro */
    HTML_LIT(sb, "=\"");
    if (url.err) {
        if (!sb->err)
            sb->err = url.err;
    } else {
        esc_html(sb, url.data);
    }
    sb_putc(sb, '"');
    sb_free(&url);
}

void html_option(StrBuf *sb, const char *value, const char *label, const char *selected)
{
    HTML_LIT(sb, "<option");
    html_attr(sb, "value", value);
    if (selected && strcmp(selected, value) == 0)
        HTML_LIT(sb, " selected");
    HTML_LIT(sb, ">");
    html_text(sb, label);
    HTML_LIT(sb, "</option>");
}

void html_int(StrBuf *sb, int64_t n)
{
    sb_appendf(sb, "%" PRId64, n);
}

void html_num_vi(StrBuf *sb, int64_t n)
{
    Arena *a = arena_new();
    sb_puts(sb, vntext_number(a, n));
    arena_free(a);
}

void html_decimal_vi(StrBuf *sb, int64_t value, int decimals)
{
    Arena *a = arena_new();
    sb_puts(sb, vntext_decimal(a, value, decimals));
    arena_free(a);
}

void html_percent_vi(StrBuf *sb, int64_t numerator, int64_t denominator)
{
    Arena *a = arena_new();
    sb_puts(sb, vntext_percent(a, numerator, denominator));
    arena_free(a);
}

void html_date_vi(StrBuf *sb, int32_t day)
{
    char buf[TIMEFMT_DATE_SIZE];
    if (timefmt_format_vi_date(day, buf, sizeof buf) >= 0)
        sb_puts(sb, buf);
}

void html_datetime_vi(StrBuf *sb, int64_t t)
{
    char buf[TIMEFMT_VI_DATETIME_SIZE];
    if (timefmt_format_vi_datetime(t, buf, sizeof buf) >= 0)
        sb_puts(sb, buf);
}

void html_date_long_vi(StrBuf *sb, int32_t day)
{
    char buf[TIMEFMT_VI_LONG_SIZE];
    if (timefmt_format_vi_long_date(day, buf, sizeof buf) >= 0)
        html_text(sb, buf);
    else
        HTML_LIT(sb, "ngày ... tháng ... năm ...");
}

/* head_begin appends everything of a page's head common to screens and printable forms. */
static void head_begin(StrBuf *sb, const char *title)
{
    HTML_LIT(sb, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>");
    html_text(sb, title);
    HTML_LIT(sb, "</title>\n");
}

void html_page_begin(StrBuf *sb, const char *title)
{
    head_begin(sb, title);
    HTML_LIT(sb, "<link rel=\"stylesheet\" href=\"/assets/app.css\">\n</head>\n<body>\n");
}

void html_page_end(StrBuf *sb)
{
    HTML_LIT(sb, "</body>\n</html>\n");
}

void html_print_begin(StrBuf *sb, const char *title, HtmlPaper paper)
{
    head_begin(sb, title);
    /* The page box and, on screen, a sheet of the same width so that the preview matches the
     * print (A5 148 mm, A4 210 mm, A4 landscape 297 mm, less the 12 mm margins). */
    switch (paper) {
    case HTML_PAPER_A4:
        HTML_LIT(sb, "<style>\n@page { size: A4; margin: 12mm }\n"
                     "@media screen { body { max-width: 186mm } }\n");
        break;
    case HTML_PAPER_A4_LANDSCAPE:
        HTML_LIT(sb, "<style>\n@page { size: A4 landscape; margin: 12mm }\n"
                     "@media screen { body { max-width: 273mm } }\n");
        break;
    case HTML_PAPER_A5:
    default:
        HTML_LIT(sb, "<style>\n@page { size: A5; margin: 12mm }\n"
                     "@media screen { body { max-width: 124mm } }\n");
        break;
    }
    HTML_LIT(sb,
             "body { font-family: \"Times New Roman\", Times, serif; font-size: 12pt;"
             " line-height: 1.35; color: #000; background: #fff; margin: 0 auto }\n"
             "@media screen { body { padding: 12mm; box-shadow: 0 0 4mm #999; margin: 4mm auto }"
             " }\n"
             "@media print { .no-print { display: none } }\n"
             ".nh { display: flex; justify-content: space-between; gap: 3mm;"
             " text-align: center; font-size: 10.5pt }\n"
             ".nh p { margin: 0 }\n"
             ".nh-agency { flex: 0 0 40% }\n"
             ".nh-nation { flex: 1 1 auto }\n"
             ".nh-rule { border: 0; border-top: 1px solid #000; width: 30%; margin: 1mm auto }\n"
             ".nh-nation .nh-rule { width: 55% }\n"
             ".nh-date { font-style: italic; margin-top: 2mm }\n"
             ".form-title { text-align: center; font-weight: bold; font-size: 13pt;"
             " margin: 5mm 0 3mm }\n"
             ".form-table { border-collapse: collapse; width: 100% }\n"
             ".form-table th, .form-table td { border: 1px solid #000; padding: 1mm;"
             " vertical-align: top }\n"
             "</style>\n</head>\n<body>\n");
}

void html_print_end(StrBuf *sb)
{
    HTML_LIT(sb, "</body>\n</html>\n");
}

void html_national_heading(StrBuf *sb, const HtmlHeading *h)
{
    HTML_LIT(sb, "<header class=\"nh\">\n<div class=\"nh-agency\">\n");
    if (h->parent_agency && *h->parent_agency) {
        HTML_LIT(sb, "<p class=\"nh-parent\">");
        html_text_upper(sb, h->parent_agency);
        HTML_LIT(sb, "</p>\n");
    }
    HTML_LIT(sb, "<p class=\"nh-unit\"><strong>");
    html_text_upper(sb, h->agency);
    HTML_LIT(sb, "</strong></p>\n<hr class=\"nh-rule\">\n");
    if (h->number && *h->number) {
        HTML_LIT(sb, "<p class=\"nh-number\">Số: ");
        html_text(sb, h->number);
        HTML_LIT(sb, "</p>\n");
    }
    HTML_LIT(sb, "</div>\n<div class=\"nh-nation\">\n"
                 "<p class=\"nh-country\"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p>\n"
                 "<p class=\"nh-motto\"><strong>Độc lập - Tự do - Hạnh phúc</strong></p>\n"
                 "<hr class=\"nh-rule\">\n<p class=\"nh-date\">");
    if (h->place && *h->place) {
        html_text(sb, h->place);
        HTML_LIT(sb, ", ");
    }
    html_date_long_vi(sb, h->day);
    HTML_LIT(sb, "</p>\n</div>\n</header>\n");
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

/* utf8_width counts the code points of s (bytes that do not continue a sequence). */
static size_t utf8_width(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
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
    HTML_LIT(sb, "<line");
    html_attr_int(sb, "x1", x1);
    html_attr_int(sb, "y1", y1);
    html_attr_int(sb, "x2", x2);
    html_attr_int(sb, "y2", y2);
    HTML_LIT(sb, "/>");
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

    /* Margins: the left one fits the widest y label, the bottom one the x labels, slanted
     * by 45 degrees when the widest does not fit under its group (then the left margin also
     * makes room for the first one). */
    StrBuf tick;
    sb_init(&tick, 0);
    html_num_vi(&tick, y_max);
    int64_t left = 12 + (int64_t)utf8_width(tick.data) * CHART_CHAR_WIDTH;
    sb_free(&tick);
    if (left < 40)
        left = 40;
    int64_t plot_w = CHART_WIDTH - left - CHART_RIGHT;
    int64_t group_w = n_points ? plot_w / (int64_t)n_points : plot_w;
    size_t label_cp = 0;
    for (size_t p = 0; labels && p < n_points; p++)
        if (utf8_width(labels[p]) > label_cp)
            label_cp = utf8_width(labels[p]);
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

    HTML_LIT(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\"");
    html_attr(sb, "aria-label", title);
    HTML_LIT(sb, " viewBox=\"0 0 ");
    html_int(sb, CHART_WIDTH);
    sb_putc(sb, ' ');
    html_int(sb, height);
    HTML_LIT(sb, "\" width=\"100%\" font-size=\"12\" font-family=\"sans-serif\">\n<title>");
    html_text(sb, title);
    HTML_LIT(sb, "</title>\n");

    if (has_legend) {
        HTML_LIT(sb, "<g class=\"chart-legend\">\n");
        int64_t slot = plot_w / (int64_t)n_series;
        for (size_t s = 0; s < n_series; s++) {
            int64_t x = left + (int64_t)s * slot;
            HTML_LIT(sb, "<rect");
            html_attr_int(sb, "x", x);
            html_attr_int(sb, "y", CHART_TOP);
            HTML_LIT(sb, " width=\"12\" height=\"12\"");
            html_attr(sb, "fill", chart_palette[s % 6]);
            HTML_LIT(sb, "/><text");
            html_attr_int(sb, "x", x + 18);
            html_attr_int(sb, "y", CHART_TOP + 11);
            HTML_LIT(sb, ">");
            html_text(sb, series_names[s]);
            HTML_LIT(sb, "</text>\n");
        }
        HTML_LIT(sb, "</g>\n");
    }

    /* Gridlines and y labels, 0 at the axis up to y_max at the top. */
    HTML_LIT(sb, "<g class=\"chart-y\" stroke=\"#ccc\">");
    for (int64_t i = 1; i <= n_ticks; i++) {
        int64_t y = base - CHART_PLOT_HEIGHT * i / n_ticks;
        svg_line(sb, left, y, left + plot_w, y);
    }
    HTML_LIT(sb, "</g>\n<g class=\"chart-y-labels\" text-anchor=\"end\">\n");
    for (int64_t i = 0; i <= n_ticks; i++) {
        int64_t y = base - CHART_PLOT_HEIGHT * i / n_ticks;
        HTML_LIT(sb, "<text");
        html_attr_int(sb, "x", left - 6);
        html_attr_int(sb, "y", y + 4);
        HTML_LIT(sb, ">");
        html_num_vi(sb, step * i);
        HTML_LIT(sb, "</text>\n");
    }
    HTML_LIT(sb, "</g>\n");

    /* The bars: a group per point, centred in its slot, 70 % of the slot wide. */
    HTML_LIT(sb, "<g class=\"chart-bars\">\n");
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
            HTML_LIT(sb, "<rect");
            html_attr_int(sb, "x", x0 + (int64_t)s * bar_w);
            html_attr_int(sb, "y", base - h);
            html_attr_int(sb, "width", bar_w);
            html_attr_int(sb, "height", h);
            html_attr(sb, "fill", chart_palette[s % 6]);
            HTML_LIT(sb, "><title>");
            if (series_names) {
                html_text(sb, series_names[s]);
                HTML_LIT(sb, ": ");
            }
            if (labels) {
                html_text(sb, labels[p]);
                HTML_LIT(sb, ": ");
            }
            html_num_vi(sb, series[s][p]);
            HTML_LIT(sb, "</title></rect>\n");
        }
    }
    HTML_LIT(sb, "</g>\n");

    /* The axes and the x labels. */
    HTML_LIT(sb, "<g class=\"chart-axes\" stroke=\"#000\">");
    svg_line(sb, left, top, left, base);
    svg_line(sb, left, base, left + plot_w, base);
    HTML_LIT(sb, "</g>\n");
    if (labels && n_points) {
        if (slanted)
            HTML_LIT(sb, "<g class=\"chart-x-labels\" text-anchor=\"end\">\n");
        else
            HTML_LIT(sb, "<g class=\"chart-x-labels\" text-anchor=\"middle\">\n");
        for (size_t p = 0; p < n_points; p++) {
            int64_t cx = left + plot_w * (int64_t)p / (int64_t)n_points + group_w / 2;
            int64_t y = base + 18;
            HTML_LIT(sb, "<text");
            html_attr_int(sb, "x", cx);
            html_attr_int(sb, "y", y);
            if (slanted) {
                HTML_LIT(sb, " transform=\"rotate(-45 ");
                html_int(sb, cx);
                sb_putc(sb, ' ');
                html_int(sb, y);
                HTML_LIT(sb, ")\"");
            }
            HTML_LIT(sb, ">");
            html_text(sb, labels[p]);
            HTML_LIT(sb, "</text>\n");
        }
        HTML_LIT(sb, "</g>\n");
    }
    HTML_LIT(sb, "</svg>\n");
}
