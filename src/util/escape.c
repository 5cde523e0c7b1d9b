/* escape.c: HTML, CSV and URL escapers (see escape.h). */
#include "util/escape.h"

#include <string.h>

void esc_html(StrBuf *sb, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *rep;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        sb_append(sb, run, (size_t)(s - run));
        sb_puts(sb, rep);
        run = s + 1;
    }
    sb_append(sb, run, (size_t)(s - run));
}

void esc_csv(StrBuf *sb, const char *s)
{
    sb_putc(sb, '"');
    if (strchr("=+-@\t\r", *s) && *s)
        sb_putc(sb, '\'');
    for (; *s; s++) {
        if (*s == '"')
            sb_putc(sb, '"');
        sb_putc(sb, *s);
    }
    sb_putc(sb, '"');
}

void esc_url(StrBuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            sb_putc(sb, (char)*p);
        } else {
            char b[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            sb_append(sb, b, 3);
        }
    }
}
