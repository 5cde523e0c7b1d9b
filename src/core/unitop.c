/* unitop.c: unit operation kinds and the split rules (see unitop.h). */
#include "core/unitop.h"

#include "core/vntext.h"

#include <string.h>

static const char *const kind_names[UNITOP_KIND_COUNT] = {"merge", "split", "rename", "move",
                                                          "abolish"};
static const char *const rule_names[] = {"commune", "procedure", "hand"};

int unitop_kind_parse(const char *name)
{
    for (int k = 0; name && k < UNITOP_KIND_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0)
            return k;
    return -1;
}

const char *unitop_kind_name(UnitOpKind kind)
{
    return kind >= 0 && kind < UNITOP_KIND_COUNT ? kind_names[kind] : "";
}

int unitop_rule_parse(const char *name)
{
    for (int r = 0; name && r < (int)(sizeof rule_names / sizeof rule_names[0]); r++)
        if (strcmp(name, rule_names[r]) == 0)
            return r;
    return -1;
}

const char *unitop_rule_name(UnitOpRule rule)
{
    return rule >= 0 && rule <= UNITOP_BY_HAND ? rule_names[rule] : "";
}

char *unitop_place_key(Arena *a, const char *unit_name)
{
    if (!unit_name)
        return NULL;
    char *key = vntext_fold(a, unit_name, strlen(unit_name));
    if (!key)
        return NULL;
    if (strncmp(key, "ubnd", 4) == 0 && (key[4] == ' ' || key[4] == '\0'))
        key += key[4] ? 5 : 4;
    return *key ? key : NULL;
}

/* word_char: a byte that continues a word (folded text is ASCII letters and digits, or UTF-8
 * of what folding keeps). */
static int word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* found: key occurs in text with a word boundary on both sides. */
static int found(const char *text, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = strstr(text, key); p; p = strstr(p + 1, key)) {
        int start = p == text || !word_char((unsigned char)p[-1]);
        if (start && !word_char((unsigned char)p[n]))
            return 1;
    }
    return 0;
}

int unitop_match_place(const char *folded_address, const char *const *keys, size_t n)
{
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; folded_address && i < n; i++) {
        size_t len = keys[i] ? strlen(keys[i]) : 0;
        if (len > best_len && found(folded_address, keys[i])) {
            best = (int)i;
            best_len = len;
        }
    }
    return best;
}

int unitop_match_level(const char *level, const char *const *levels, size_t n)
{
    for (size_t i = 0; level && i < n; i++)
        if (levels[i] && strcmp(level, levels[i]) == 0)
            return (int)i;
    return -1;
}
