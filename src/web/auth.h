/* auth.h: who is calling and what they may do. Identifies the caller from the session
 * cookie or a bearer token, checks CSRF tokens on cookie-authenticated writes, and answers
 * every permission question through core/access with the target unit's place relative to
 * the caller's unit. Every handler that needs a login calls auth_require. */
#ifndef MOTCUA_AUTH_H
#define MOTCUA_AUTH_H

#include "store/store.h"
#include "web/http.h"

#define AUTH_COOKIE      "motcua_session"
#define AUTH_CSRF_HEADER "X-CSRF-Token"

enum { AUTH_SESSION_SECONDS = 12 * 3600 };

/* auth_identify fills req->who from the session cookie or the Authorization header.
 * An unknown or expired cookie leaves the caller anonymous; a bad bearer token is an
 * error (401), since a system that sends one expects it to work. */
int auth_identify(Request *req);

/* auth_check_csrf requires the X-CSRF-Token header (or a `csrf` form field, for pages) to
 * equal the session's token. */
int auth_check_csrf(Request *req);

/* auth_require_dossier: the caller may use perm on d, a dossier received by or now at a unit
 * in their scope. 0, or req->err filled (401/403). */
int auth_require_dossier(Request *req, Permission perm, const Dossier *d);

/* auth_require_login identifies the caller and requires an officer or a system: the server
 * asks it before it reads the body of an API upload, so that no one unknown can make it
 * write a file. ERR_AUTH otherwise. */
int auth_require_login(Request *req);

/* auth_require returns 0 when the caller may use perm on unit (NULL: the caller's own
 * unit); else 401 for the public, 403 for an officer out of role or scope. */
int auth_require(Request *req, Permission perm, const char *unit);

/* auth_login checks a user name and password, throttled by the name from this address (five
 * failures in 15 minutes: someone guessing elsewhere does not lock its owner out) and by the
 * address (thirty); on success it creates a session and writes the cookie value and CSRF
 * token (arena strings). */
int auth_login(Request *req, const char *username, const char *password, const char **out_cookie,
               const char **out_csrf);

/* auth_check_password checks the logged-in officer's current password (before a change),
 * with the throttling of auth_login: ERR_SEMANTIC naming old_password when it is wrong,
 * ERR_THROTTLED after too many failures. */
int auth_check_password(Request *req, const char *password);

/* auth_logout ends the caller's session. */
int auth_logout(Request *req);

/* auth_cookie_header returns the Set-Cookie value for token (NULL: expire the cookie). */
const char *auth_cookie_header(Request *req, const char *token);

#endif
