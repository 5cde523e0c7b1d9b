/* router.h: a route and the matcher (the application's table is routes.h). A pattern is a
 * path whose segments are literals or {name} placeholders that match one non-empty segment;
 * the matched segments become Request.params in order. HEAD matches GET routes. */
#ifndef MOTCUA_ROUTER_H
#define MOTCUA_ROUTER_H

#include "web/http.h"

enum {
    ROUTE_NO_CSRF = 1, /* unsafe method allowed without a CSRF token (login itself) */
    ROUTE_HTML = 2,    /* a page: errors render as a page; 401 sends to the login page */
    ROUTE_UPLOAD = 4,  /* a multipart/form-data body streamed to files (Request.uploads) */
    ROUTE_PUBLIC = 8,  /* posted without login (online filing, a supplement answered online):
                          an upload has the anonymous budget (UPLOAD_MAX_ANONYMOUS) */
    ROUTE_FILES = 16   /* a form that may carry files: a multipart body is streamed as
                          ROUTE_UPLOAD's, a urlencoded one read as any other */
};

typedef struct Route {
    const char *method;
    const char *pattern;
    Handler handler;
    int flags;
} Route;

typedef enum RouteResult {
    ROUTE_FOUND = 0,
    ROUTE_NO_PATH,  /* 404 */
    ROUTE_NO_METHOD /* 405: the path exists with another method */
} RouteResult;

/* router_match finds the route for method and path among routes[0..n). On ROUTE_FOUND it
 * writes the route's index and copies up to HTTP_MAX_PARAMS parameters into params
 * (allocated from a). */
RouteResult router_match(const Route *routes, size_t n, const char *method, const char *path,
                         Arena *a, const char **params, int *out_n_params, size_t *out_index);

#endif
