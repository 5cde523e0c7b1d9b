/* portal_client.h: the calls of the national public-service portal's API as motcua makes
 * them: a session first (POST {base}/token with the credentials; the answer's "session"),
 * then each service (POST {base}/{service}: DongBoHoSoMC, CapNhatTienDoHoSoMC, TraCuuHoSo)
 * with "Authorization: Bearer {session}"; the portal's answer is JSON whose error_code 0 means
 * taken. The paths and the token call are motcua's (the portal's current specification is
 * not public, docs/PORTAL.md); the service names are the practitioners' [P OCPS]. Not
 * thread-safe: one client per thread. */
#ifndef MOTCUA_PORTAL_CLIENT_H
#define MOTCUA_PORTAL_CLIENT_H

#include "util/err.h"
#include "util/strbuf.h"

typedef struct PortalClient PortalClient;

/* portal_client_new: a client of the portal at base (http://host:port[/path]) with
 * credentials "user:password" (NULL: none). NULL when base is not an http URL. */
PortalClient *portal_client_new(const char *base, const char *credentials);

void portal_client_free(PortalClient *c);

/* portal_client_call obtains a session when it has none, then posts body to service and puts
 * the answer's JSON text in answer (may be NULL). 0 when the portal took it (error_code 0);
 * ERR_UNAVAILABLE when the portal cannot be reached or answers 503 (it is away: try again
 * later); ERR_IO when this call failed otherwise (another 5xx, an answer without JSON); ERR_AUTH
 * when it refuses the credentials or the session (which is dropped: the next call asks a new one);
 * ERR_INVALID when it refused the call (error_code not 0), with the portal's message. */
int portal_client_call(PortalClient *c, const char *service, const char *body, StrBuf *answer,
                       Err *e);

/* portal_client_retry is portal_client_call made up to tries times, a second apart, while the
 * portal is away or fails the call (ERR_UNAVAILABLE, ERR_IO): a look-up someone waits for. */
int portal_client_retry(PortalClient *c, const char *service, const char *body, StrBuf *answer,
                        int tries, Err *e);

#endif
