/* accounts.h: creating officers and tokens and changing passwords, the one path shared by
 * the CLI (motcua user, motcua token) and the admin API. Applies core/account rules,
 * hashes with util/secret and writes through the store, inside the caller's transaction. */
#ifndef MOTCUA_ACCOUNTS_H
#define MOTCUA_ACCOUNTS_H

#include "store/store.h"

#include <stdint.h>

/* accounts_add_user validates and stores a new user; out_id (may be NULL) gets its id. */
int accounts_add_user(Store *s, const char *name, const char *role, const char *unit,
                      const char *password, int64_t now, int64_t *out_id, Err *e);

/* accounts_set_password validates and stores a new password and ends the user's sessions. */
int accounts_set_password(Store *s, const char *name, const char *password, int64_t now, Err *e);

/* accounts_add_token creates a bearer token for a system or a person and writes it (once;
 * only its hash is stored) into out_token. */
int accounts_add_token(Store *s, const char *name, const char *role, const char *unit, int64_t now,
                       char out_token[64], Err *e);

#endif
