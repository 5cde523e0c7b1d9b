/* form.h: HTML form submissions (application/x-www-form-urlencoded): parsed once per request
 * into the request's arena, every name and value percent-decoded and checked as UTF-8. */
#ifndef MOTCUA_FORM_H
#define MOTCUA_FORM_H

#include "web/http.h"

/* form_parse parses req's body (once); ERR_INVALID (400) for a body that is not a form or
 * not valid UTF-8. */
int form_parse(Request *req);

/* form_get returns the first value of name, or NULL (also when the body is not a form). */
const char *form_get(Request *req, const char *name);

/* form_all writes every value of name (checkbox lists) into out (arena) and returns their
 * number. */
size_t form_all(Request *req, const char *name, const char ***out);

/* form_decode percent-decodes s[0..n) ('+' as space) into the arena; NULL when it is not
 * valid UTF-8 or holds a NUL. */
char *form_decode(Arena *a, const char *s, size_t n);

#endif
