/* throttle.h: counting events per key (a user name, an address) in a window and refusing
 * further attempts once a key has too many: failures against password guessing at login and
 * code enumeration at the public look-up; every request against an address that files or
 * looks up too fast. In memory, bounded, thread-safe; a restart forgets it (documented
 * trade-off: a guesser gains one window per restart). */
#ifndef MOTCUA_THROTTLE_H
#define MOTCUA_THROTTLE_H

#include <stdint.h>

typedef struct Throttle Throttle;

/* throttle_new allows max_failures per key within window_s seconds. */
Throttle *throttle_new(int max_failures, int window_s);
void throttle_free(Throttle *t);

/* throttle_blocked returns 0 when key may try now, else the seconds until it may. */
int64_t throttle_blocked(Throttle *t, const char *key, int64_t now);

/* throttle_fail records one failure of key at now. */
void throttle_fail(Throttle *t, const char *key, int64_t now);

/* throttle_take counts one event of key at now and returns 0, or, when key has had its
 * max_failures within the window already, counts nothing and returns the seconds until it may
 * try again: a rate limit in one call. */
int64_t throttle_take(Throttle *t, const char *key, int64_t now);

/* throttle_reset forgets key's failures (after a success). */
void throttle_reset(Throttle *t, const char *key);

#endif
