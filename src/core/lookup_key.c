/* lookup_key.c: making, reading and showing look-up keys (see lookup_key.h). */
#include "core/lookup_key.h"

#include <stdio.h>
#include <string.h>

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void lookup_key_make(const unsigned char rnd[LOOKUP_KEY_RANDOM], char out[LOOKUP_KEY_LEN + 1])
{
    /* 40 bits, five at a time */
    unsigned long long bits = 0;
    for (int i = 0; i < LOOKUP_KEY_RANDOM; i++)
        bits = bits << 8 | rnd[i];
    for (int i = LOOKUP_KEY_LEN - 1; i >= 0; i--) {
        out[i] = alphabet[bits & 31u];
        bits >>= 5;
    }
    out[LOOKUP_KEY_LEN] = '\0';
}

/* symbol is the alphabet's character that c stands for when typed, or 0. */
static char symbol(char c)
{
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (c == 'O')
        return '0';
    if (c == 'I' || c == 'L')
        return '1';
    return c && strchr(alphabet, c) ? c : 0;
}

bool lookup_key_read(const char *typed, char out[LOOKUP_KEY_LEN + 1])
{
    size_t n = 0;
    for (const char *p = typed; p && *p; p++) {
        if (*p == ' ' || *p == '-')
            continue;
        char c = symbol(*p);
        if (!c || n == LOOKUP_KEY_LEN)
            return false;
        out[n++] = c;
    }
    out[n] = '\0';
    return n == LOOKUP_KEY_LEN;
}

void lookup_key_show(const char *key, char out[LOOKUP_KEY_SHOWN_LEN + 1])
{
    if (key && strlen(key) == LOOKUP_KEY_LEN)
        snprintf(out, LOOKUP_KEY_SHOWN_LEN + 1, "%.4s-%.4s", key, key + 4);
    else
        snprintf(out, LOOKUP_KEY_SHOWN_LEN + 1, "%s", key ? key : "");
}

bool lookup_key_locked(int failures)
{
    return failures >= LOOKUP_KEY_MAX_FAILURES;
}
