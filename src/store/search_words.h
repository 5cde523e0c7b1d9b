/* search_words.h: what both backends do alike with search text before it reaches SQL
 * (store-internal): the key a name is stored and matched under, and a catalogue query split
 * into its words. Internal to src/store/. */
#ifndef MOTCUA_SEARCH_WORDS_H
#define MOTCUA_SEARCH_WORDS_H

#include "store/store.h"

/* store_search_key returns the search key of text (core/vntext's vntext_search_key) allocated
 * from a; "" if text is not valid UTF-8. */
char *store_search_key(Arena *a, const char *text);

/* store_search_words splits q_key (words separated by one space; NULL or "": none) into at
 * most STORE_SEARCH_WORDS words, the last taking what is left as one phrase; out[i] is NULL
 * past the last word. Returns the number of words. */
int store_search_words(Arena *a, const char *q_key, const char *out[STORE_SEARCH_WORDS]);

#endif
