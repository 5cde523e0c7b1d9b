/* search_words.c: search keys and catalogue query words for both backends (see
 * search_words.h). */
#include "store/search_words.h"

#include "core/vntext.h"

#include <string.h>

char *store_search_key(Arena *a, const char *text)
{
    char *f = vntext_search_key(a, text, strlen(text));
    return f ? f : arena_strdup(a, "");
}

int store_search_words(Arena *a, const char *q_key, const char *out[STORE_SEARCH_WORDS])
{
    for (int i = 0; i < STORE_SEARCH_WORDS; i++)
        out[i] = NULL;
    char *words = arena_strdup(a, q_key ? q_key : "");
    int n = 0;
    for (char *w = words, *next; w && *w && n < STORE_SEARCH_WORDS; w = next) {
        next = n + 1 < STORE_SEARCH_WORDS ? strchr(w, ' ') : NULL;
        if (next)
            *next++ = '\0';
        out[n++] = w;
    }
    return n;
}
