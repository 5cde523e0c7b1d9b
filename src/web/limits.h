/* limits.h: what the public may ask of the server without a login (docs/INTERFACES.md §3), so
 * that anonymous filing cannot fill the disk and the queues, nor look-ups the threads: online
 * filings per hour and look-ups per minute from one address (the client's, behind trusted
 * proxies), and online filings waiting for a clerk in the whole store. The size of one
 * filing's files together is the server's (UPLOAD_MAX_ANONYMOUS, checked as they arrive). */
#ifndef MOTCUA_LIMITS_H
#define MOTCUA_LIMITS_H

#include "web/http.h"

/* limits_filing counts one anonymous online filing from this address: ERR_THROTTLED (429,
 * Retry-After set) past the filings an address may make in an hour, ERR_UNAVAILABLE (503)
 * when the store holds as many online filings not yet received as it takes. */
int limits_filing(Request *req);

/* limits_lookup counts one public look-up (or payment, rating) from this address:
 * ERR_THROTTLED (429, Retry-After set) past the look-ups an address may make in a minute. */
int limits_lookup(Request *req);

#endif
