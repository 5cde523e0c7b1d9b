/* strbuf.c: capped growable buffer with a sticky error (see strbuf.h). */
#include "util/strbuf.h"

#include "util/err.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_init(StrBuf *sb, size_t max)
{
    sb->data = NULL;
    sb->len = sb->cap = 0;
    sb->max = max;
    sb->err = 0;
}

void sb_free(StrBuf *sb)
{
    free(sb->data);
    sb_init(sb, sb->max);
}

char *sb_take(StrBuf *sb)
{
    char *p = sb->data;
    if (!p) {
        p = malloc(1);
        if (!p)
            abort();
        p[0] = '\0';
    }
    sb_init(sb, sb->max);
    return p;
}

static int grow(StrBuf *sb, size_t extra)
{
    if (sb->err)
        return -1;
    if (extra > (size_t)-1 / 2 - sb->len || (sb->max && sb->len + extra > sb->max)) {
        sb->err = ERR_TOO_LARGE;
        return -1;
    }
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < need)
        cap *= 2;
    char *p = realloc(sb->data, cap);
    if (!p)
        abort(); /* out of memory: see STYLE.md */
    sb->data = p;
    sb->cap = cap;
    return 0;
}

void sb_append(StrBuf *sb, const char *s, size_t n)
{
    if (grow(sb, n) < 0)
        return;
    if (n)
        memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void sb_puts(StrBuf *sb, const char *s)
{
    sb_append(sb, s, strlen(s));
}

void sb_putc(StrBuf *sb, char c)
{
    sb_append(sb, &c, 1);
}

void sb_vappendf(StrBuf *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || grow(sb, (size_t)n) < 0)
        return;
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void sb_appendf(StrBuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vappendf(sb, fmt, ap);
    va_end(ap);
}

void sb_logfmt_value(StrBuf *sb, const char *s)
{
    size_t n = strlen(s);
    int bare = n > 0 && utf8_valid(s, n);
    for (size_t i = 0; i < n && bare; i++) {
        unsigned char c = (unsigned char)s[i];
        bare = c > ' ' && c != '"' && c != '=' && c != '\\' && c != 0x7f;
    }
    if (bare) {
        sb_append(sb, s, n);
        return;
    }
    sb_putc(sb, '"');
    for (size_t i = 0, len; i < n; i += len) {
        unsigned char c = (unsigned char)s[i];
        len = 1;
        if (c == '"' || c == '\\') {
            sb_putc(sb, '\\');
            sb_putc(sb, (char)c);
        } else if (c == '\n') {
            sb_puts(sb, "\\n");
        } else if (c >= 0x80) {
            len = utf8_decode(s + i, n - i, NULL);
            if (len == 0) {
                sb_appendf(sb, "\\x%02x", c); /* not UTF-8: the log stays text */
                len = 1;
            } else {
                sb_append(sb, s + i, len);
            }
        } else if (c >= ' ' && c != 0x7f) {
            sb_putc(sb, (char)c);
        }
    }
    sb_putc(sb, '"');
}
