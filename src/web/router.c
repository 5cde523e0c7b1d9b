/* router.c: matching a method and path against the route table (see router.h). */
#include "web/router.h"

#include <string.h>

/* match_path compares pattern and path segment by segment, collecting placeholders. */
static int match_path(const char *pattern, const char *path, Arena *a, const char **params,
                      int *n_params)
{
    int n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p != '/' || *s != '/')
            return 0;
        p++, s++;
        const char *pe = strchr(p, '/'), *se = strchr(s, '/');
        size_t pl = pe ? (size_t)(pe - p) : strlen(p);
        size_t sl = se ? (size_t)(se - s) : strlen(s);
        if (pl >= 2 && p[0] == '{' && p[pl - 1] == '}') {
            if (sl == 0 || n >= HTTP_MAX_PARAMS)
                return 0;
            if (a)
                params[n] = arena_strndup(a, s, sl);
            n++;
        } else if (pl != sl || memcmp(p, s, pl) != 0) {
            return 0;
        }
        p += pl, s += sl;
    }
    if (*p || *s)
        return 0;
    *n_params = n;
    return 1;
}

RouteResult router_match(const Route *rs, size_t n, const char *method, const char *path, Arena *a,
                         const char **params, int *out_n_params, size_t *out_index)
{
    int path_seen = 0, np = 0;
    const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
    for (size_t i = 0; i < n; i++) {
        if (!match_path(rs[i].pattern, path, NULL, params, &np))
            continue;
        path_seen = 1;
        if (strcmp(rs[i].method, m) != 0)
            continue;
        match_path(rs[i].pattern, path, a, params, &np);
        *out_n_params = np;
        *out_index = i;
        return ROUTE_FOUND;
    }
    return path_seen ? ROUTE_NO_METHOD : ROUTE_NO_PATH;
}
