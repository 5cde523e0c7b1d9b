/* utf8.c: the UTF-8 decoder and the scans built on it (see utf8.h). */
#include "util/utf8.h"

size_t utf8_decode(const char *s, size_t n, uint32_t *out_cp)
{
    const unsigned char *p = (const unsigned char *)s;
    /* The range the second byte must fall in; later bytes are always 80..BF. A narrower range
     * after E0, ED, F0 and F4 is what excludes overlongs, surrogates and values > U+10FFFF. */
    unsigned lo = 0x80, hi = 0xBF;
    size_t len;
    uint32_t cp;

    if (n == 0)
        return 0;
    if (p[0] < 0x80) {
        len = 1;
        cp = p[0];
    } else if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        len = 2;
        cp = p[0] & 0x1Fu;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        len = 3;
        cp = p[0] & 0x0Fu;
        lo = p[0] == 0xE0 ? 0xA0 : 0x80;
        hi = p[0] == 0xED ? 0x9F : 0xBF;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        len = 4;
        cp = p[0] & 0x07u;
        lo = p[0] == 0xF0 ? 0x90 : 0x80;
        hi = p[0] == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0; /* a continuation byte, C0, C1 or F5..FF */
    }
    for (size_t i = 1; i < len; i++) {
        if (i >= n || p[i] < lo || p[i] > hi)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
        lo = 0x80;
        hi = 0xBF;
    }
    if (out_cp)
        *out_cp = cp;
    return len;
}

/* The length of the unit at s[0..n), n > 0: a well-formed sequence, else one byte. */
static size_t unit_len(const char *s, size_t n)
{
    size_t len = utf8_decode(s, n, NULL);
    return len ? len : 1;
}

bool utf8_valid(const char *s, size_t n)
{
    for (size_t pos = 0, len; pos < n; pos += len) {
        len = utf8_decode(s + pos, n - pos, NULL);
        if (len == 0)
            return false;
    }
    return true;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t pos = 0; pos < n; pos += unit_len(s + pos, n - pos))
        count++;
    return count;
}

size_t utf8_cut(const char *s, size_t n, size_t max)
{
    size_t pos = 0;
    if (n <= max)
        return n;
    for (;;) {
        size_t len = unit_len(s + pos, n - pos);
        if (pos + len > max)
            return pos;
        pos += len;
    }
}

size_t utf8_offset(const char *s, size_t n, size_t k)
{
    size_t pos = 0;
    for (size_t i = 0; i < k && pos < n; i++)
        pos += unit_len(s + pos, n - pos);
    return pos;
}
