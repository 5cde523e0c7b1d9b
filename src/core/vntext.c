/* vntext.c: Vietnamese text folding and formatting on utf8proc (see vntext.h). */
#include "core/vntext.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/utf8.h"

int vntext_valid_utf8(const char *s, size_t len)
{
    return memchr(s, '\0', len) == NULL && utf8_valid(s, len);
}

/* map runs utf8proc_map and copies the result into the arena. */
static char *map(Arena *a, const char *s, size_t len, utf8proc_option_t options)
{
    if (!vntext_valid_utf8(s, len))
        return NULL;
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out, options);
    if (n < 0)
        return NULL;
    char *r = arena_strndup(a, (const char *)out, (size_t)n);
    free(out);
    return r;
}

char *vntext_nfc(Arena *a, const char *s, size_t len)
{
    return map(a, s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

char *vntext_fold(Arena *a, const char *s, size_t len)
{
    char *m = map(a, s, len,
                  UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    if (!m)
        return NULL;
    /* đ (U+0111, C4 91) and Đ (U+0110, C4 90; case-folded to đ already) have no
     * decomposition: replace them with d. Collapse white space at the same time. */
    char *w = m;
    int space = 1; /* drop leading space */
    for (const char *r = m; *r; r++) {
        unsigned char c = (unsigned char)*r;
        if (c == 0xC4 && ((unsigned char)r[1] == 0x91 || (unsigned char)r[1] == 0x90)) {
            *w++ = 'd';
            r++;
            space = 0;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            if (!space)
                *w++ = ' ';
            space = 1;
        } else {
            *w++ = (char)c;
            space = 0;
        }
    }
    if (w > m && w[-1] == ' ')
        w--;
    *w = '\0';
    return m;
}

static int is_letter(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_vowel(char c)
{
    return c && strchr("aeiouy", c) != NULL;
}

char *vntext_search_key(Arena *a, const char *s, size_t len)
{
    char *k = vntext_fold(a, s, len);
    if (!k)
        return NULL;
    /* the fold is lower case ASCII for every Vietnamese letter, so the syllable's letters are
     * bytes here; a y ends a syllable when no letter follows it */
    for (char *p = k; *p; p++) {
        if (*p != 'y' || p == k || is_letter(p[1]) || !is_letter(p[-1]))
            continue;
        int after_consonant = !is_vowel(p[-1]);
        int after_qu = p[-1] == 'u' && p - k >= 2 && p[-2] == 'q';
        if (after_consonant || after_qu)
            *p = 'i';
    }
    return k;
}

/* upper_cp is the per-code-point mapping for vntext_upper (utf8proc_custom_func). */
static utf8proc_int32_t upper_cp(utf8proc_int32_t cp, void *data)
{
    (void)data;
    return utf8proc_toupper(cp);
}

char *vntext_upper(Arena *a, const char *s, size_t len)
{
    if (!vntext_valid_utf8(s, len))
        return NULL;
    /* The custom mapping runs on each code point before decomposition, so a precomposed
     * lower-case letter and its NFD spelling both end up as the composed upper-case letter. */
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n =
        utf8proc_map_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                            UTF8PROC_STABLE | UTF8PROC_COMPOSE, upper_cp, NULL);
    if (n < 0)
        return NULL;
    char *r = arena_strndup(a, (const char *)out, (size_t)n);
    free(out);
    return r;
}

/* group writes the digits of u with '.' every three from the right into buf (reversed
 * construction), returning the start. */
static char *group(char *end, uint64_t u)
{
    char *p = end;
    *p = '\0';
    int k = 0;
    do {
        if (k && k % 3 == 0)
            *--p = '.';
        *--p = (char)('0' + u % 10);
        u /= 10;
        k++;
    } while (u);
    return p;
}

char *vntext_number(Arena *a, int64_t n)
{
    return vntext_decimal(a, n, 0);
}

char *vntext_decimal(Arena *a, int64_t value, int decimals)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    uint64_t u = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    char buf[48];
    char *p = group(buf + 30, u / scale);
    char frac[8] = "";
    if (decimals) {
        uint64_t f = u % scale;
        for (int i = decimals - 1; i >= 0; i--) {
            frac[i] = (char)('0' + f % 10);
            f /= 10;
        }
        frac[decimals] = '\0';
    }
    return arena_printf(a, "%s%s%s%s", value < 0 ? "-" : "", p, decimals ? "," : "", frac);
}

char *vntext_percent(Arena *a, int64_t numerator, int64_t denominator)
{
    if (denominator == 0)
        return arena_strdup(a, "0,00");
    /* hundredths of a percent, rounded half-up: (20000 n + d) / (2 d). Counts of dossiers
     * are far below the 4.6e14 where 20000 n would overflow. */
    int64_t v = (numerator * 20000 + denominator) / (denominator * 2);
    return vntext_decimal(a, v, 2);
}
