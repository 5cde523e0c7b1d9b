/* lookup_key.h: the citizen's look-up key of a dossier: 8 characters of the Crockford base-32
 * alphabet (digits and capitals without I, L, O and U: nothing to misread), 40 random bits,
 * printed as "K7QM-2XRD" on Mẫu 01 and the online filing's confirmation and sent in the
 * messages to the applicant. With the dossier code it opens the public look-up, the result
 * download, the online payment and the rating. Typed keys are read forgivingly: any case,
 * spaces and hyphens ignored, O read as 0, I and L as 1. Pure: the random bytes come from the
 * caller (util/secret). */
#ifndef MOTCUA_LOOKUP_KEY_H
#define MOTCUA_LOOKUP_KEY_H

#include <stdbool.h>

enum {
    LOOKUP_KEY_LEN = 8,       /* characters of a key as stored */
    LOOKUP_KEY_RANDOM = 5,    /* random bytes a key is made of (40 bits) */
    LOOKUP_KEY_SHOWN_LEN = 9, /* as printed: two groups of four and a hyphen */
    /* wrong keys a dossier's public look-up takes before it locks until an officer unlocks
     * it (docs/INTERFACES.md §3) */
    LOOKUP_KEY_MAX_FAILURES = 10
};

/* lookup_key_make writes the key made of the random bytes rnd, and a NUL, into out. */
void lookup_key_make(const unsigned char rnd[LOOKUP_KEY_RANDOM], char out[LOOKUP_KEY_LEN + 1]);

/* lookup_key_read reads a key as a person types it into out (LOOKUP_KEY_LEN characters and a
 * NUL); false when typed is not 8 characters of the alphabet once read forgivingly. */
bool lookup_key_read(const char *typed, char out[LOOKUP_KEY_LEN + 1]);

/* lookup_key_show writes key as printed ("K7QM-2XRD") into out; key itself when it is not a
 * stored key (an empty string for NULL). */
void lookup_key_show(const char *key, char out[LOOKUP_KEY_SHOWN_LEN + 1]);

/* lookup_key_locked: a dossier whose public look-up has taken failures wrong keys is locked. */
bool lookup_key_locked(int failures);

#endif
