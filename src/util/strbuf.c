/* strbuf.c: capped growable buffer with a sticky error (see strbuf.h). */
#include "util/strbuf.h"

#include "util/err.h"

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

/* utf8_len returns the length of the well-formed UTF-8 sequence at p (1 to 4), or 0. */
static size_t utf8_len(const unsigned char *p)
{
    size_t n = p[0] < 0x80                    ? 1
               : p[0] >= 0xC2 && p[0] <= 0xDF ? 2
               : (p[0] & 0xF0) == 0xE0        ? 3
               : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4
                                              : 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0))) ||
        (n == 4 && ((p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))))
        return 0; /* overlong, surrogate or beyond U+10FFFF */
    return n;
}

void sb_logfmt_value(StrBuf *sb, const char *s)
{
    int bare = *s != '\0';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        size_t n = utf8_len(p);
        if (*p <= ' ' || *p == '"' || *p == '=' || *p == '\\' || *p == 0x7f || n == 0)
            bare = 0;
        p += n ? n - 1 : 0;
    }
    if (bare) {
        sb_puts(sb, s);
        return;
    }
    sb_putc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            sb_putc(sb, '\\');
            sb_putc(sb, (char)*p);
        } else if (*p == '\n') {
            sb_puts(sb, "\\n");
        } else if (*p >= 0x80) {
            size_t n = utf8_len(p);
            if (n == 0)
                sb_appendf(sb, "\\x%02x", *p); /* not UTF-8: the log stays text */
            for (size_t i = 0; i < n; i++)
                sb_putc(sb, (char)p[i]);
            p += n ? n - 1 : 0;
        } else if (*p >= ' ' && *p != 0x7f) {
            sb_putc(sb, (char)*p);
        }
    }
    sb_putc(sb, '"');
}
