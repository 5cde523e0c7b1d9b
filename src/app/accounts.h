/* accounts.h: officers and API tokens, the one path shared by the CLI (motcua user, motcua
 * token), the admin pages and the admin API: creating officers with the profile the printed
 * forms read (full name, title, telephone), changing it and their passwords, disabling and
 * enabling them, finding a unit's head, and creating, listing and revoking tokens with an
 * expiry. Applies core/account rules, hashes with util/secret and writes through the store,
 * inside the caller's transaction; the caller passes the time. */
#ifndef MOTCUA_ACCOUNTS_H
#define MOTCUA_ACCOUNTS_H

#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

/* How the printed forms name an officer; each field optional (NULL or "" for none). */
typedef struct UserProfile {
    const char *full_name, *title, *phone;
} UserProfile;

/* A token lives this long by default: from its day to the same day a year later, included. */
enum { ACCOUNTS_TOKEN_DAYS = 365 };

/* accounts_add_user validates and stores a new user with profile (may be NULL); out_id (may be
 * NULL) gets its id. */
int accounts_add_user(Store *s, const char *name, const char *role, const char *unit,
                      const char *password, const UserProfile *profile, int64_t now,
                      int64_t *out_id, Err *e);

/* accounts_set_profile validates and replaces the profile of user name: a NULL or empty field
 * clears it. */
int accounts_set_profile(Store *s, const char *name, const UserProfile *profile, Err *e);

/* accounts_put_user stores user u as an interchange `user` line gives it: a new user with u's
 * role, unit, profile and disabled flag and no usable password (none is ever imported: set it
 * with `motcua user passwd`); an existing user gets u's role, unit, profile and disabled flag
 * (disabling ends their sessions) and keeps their password. u->password_hash is ignored. */
int accounts_put_user(Store *s, const User *u, int64_t now, Err *e);

/* accounts_set_password validates and stores a new password and ends the user's sessions. */
int accounts_set_password(Store *s, const char *name, const char *password, int64_t now, Err *e);

/* accounts_set_disabled disables user name (their sessions end at once and they cannot log in)
 * or enables them again. */
int accounts_set_disabled(Store *s, const char *name, bool disabled, Err *e);

/* accounts_unit_head finds the head of unit (who signs its apology, Mẫu 04): among the enabled
 * leaders of that unit itself (not of the units below it) who have a title, the one whose
 * title does not start with "Phó" (a deputy), else the first deputy; by user name among equals.
 * ERR_NOT_FOUND when the unit has no leader with a title. out's strings are from a. */
int accounts_unit_head(Store *s, Arena *a, const char *unit, User *out, Err *e);

/* accounts_token_expiry reads an expiry day "YYYY-MM-DD" (Vietnam time; the token works through
 * that day) into the instant the token is refused from: the next day's 00:00. NULL gives the
 * default, ACCOUNTS_TOKEN_DAYS after now's day. A day before now's is ERR_INVALID
 * (field "expires"). */
int accounts_token_expiry(const char *day, int64_t now, int64_t *out, Err *e);

/* accounts_add_token creates a bearer token for a system or a person, refused from expires_at
 * on (see accounts_token_expiry), and writes it (once; only its hash is stored) into out_token;
 * out_id (may be NULL) gets its id. */
int accounts_add_token(Store *s, const char *name, const char *role, const char *unit, int64_t now,
                       int64_t expires_at, char out_token[64], int64_t *out_id, Err *e);

/* accounts_revoke_tokens revokes at now the token whose id is name_or_id (all digits), or else
 * every unrevoked token called name_or_id; with under (not NULL) only tokens of that unit or
 * below. *out_n (may be NULL) gets how many were revoked. ERR_NOT_FOUND when none matches
 * (one revoked before does not match by name; by id it is ERR_CONFLICT). */
int accounts_revoke_tokens(Store *s, const char *name_or_id, const char *under, int64_t now,
                           int *out_n, Err *e);

#endif
