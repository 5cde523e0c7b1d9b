/* checkpoint.h: signed checkpoints of the units' hash-chain heads (docs/ARCHITECTURE.md §10).
 * Whoever can write the database file could rebuild a dossier's whole chain after editing it;
 * a checkpoint, signed with the unit's certificate, fixes the head (last seq and hash) of every
 * dossier of the unit that moved since the unit's previous checkpoint, so a rebuilt chain no
 * longer matches a signed head. `motcua checkpoint` and the server (every hour by default)
 * make them; `motcua verify` checks them. Write functions run inside the caller's
 * transaction; nothing here reads the clock. */
#ifndef MOTCUA_CHECKPOINT_H
#define MOTCUA_CHECKPOINT_H

#include "store/store.h"

/* checkpoint_make makes, at now, one checkpoint for each unit with a valid certificate whose
 * dossiers moved since its last one, signed under the server's signing key; *out_n gets how
 * many. Its content: {"unit", "at", "feed", "heads": [[code, seq, hash hex], ...]} as compact
 * JSON with sorted keys. */
int checkpoint_make(Store *s, const char *key, int64_t now, long *out_n, Err *e);

/* checkpoint_verify checks every signature the store keeps: each checkpoint's, and every head
 * it lists against the events now stored; each form's over its content and each result's over
 * its file under the document folder dir (NULL: results are not checked). Each problem (naming the
 * dossier) goes to report and is counted in *out_problems. A revoked certificate is no integrity
 * problem. */
int checkpoint_verify(Store *s, const char *dir, void (*report)(void *ctx, const char *problem),
                      void *ctx, long *out_problems, Err *e);

#endif
