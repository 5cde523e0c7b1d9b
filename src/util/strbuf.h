/* strbuf.h: a growable byte buffer with a cap and a sticky error (SQLite's StrAccum style):
 * appends past the cap or failing allocation set `err` and are ignored, so callers append
 * freely and check once at the end. The buffer is always NUL-terminated when data != NULL.
 * Memory comes from malloc; sb_free releases it, sb_take hands it to the caller. */
#ifndef MOTCUA_STRBUF_H
#define MOTCUA_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct StrBuf {
    char *data;
    size_t len, cap, max;
    int err; /* 0, or ERR_TOO_LARGE once an append would pass max */
} StrBuf;

/* sb_init prepares an empty buffer that may grow up to max bytes (0: no limit). */
void sb_init(StrBuf *sb, size_t max);

/* sb_free releases the buffer and resets it to empty. */
void sb_free(StrBuf *sb);

/* sb_take returns the malloc'd NUL-terminated contents (never NULL) and resets sb;
 * the caller frees it. */
char *sb_take(StrBuf *sb);

void sb_append(StrBuf *sb, const char *s, size_t n);
void sb_puts(StrBuf *sb, const char *s);
void sb_putc(StrBuf *sb, char c);
void sb_appendf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vappendf(StrBuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* sb_logfmt_value appends s as a logfmt value: bare when it has no space, quote, '=' or
 * control byte, else double-quoted with \" \\ \n escaped, other control bytes dropped and bytes
 * that are not well-formed UTF-8 written as \xNN (a log line stays valid text). */
void sb_logfmt_value(StrBuf *sb, const char *s);

#endif
