/* fuzz_request.c: libFuzzer target for request routing and form parsing. The first line of
 * the input is "METHOD PATH", matched against the application's real route table; the rest
 * is a form body (application/x-www-form-urlencoded), split at '&' and '=' and
 * percent-decoded as the server does. Beyond "no crash, no sanitizer report" it checks that a
 * matched route's parameters are non-empty single segments that occur in the path, and that
 * a decoded value is NUL-free UTF-8. The normal test run replays tests/fuzz/corpus/request/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vntext.h"
#include "web/form.h"
#include "web/routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_route(Arena *a, const char *line)
{
    const char *sp = strchr(line, ' ');
    if (!sp)
        return;
    char *method = arena_strndup(a, line, (size_t)(sp - line));
    const char *path = sp + 1;
    const char *params[HTTP_MAX_PARAMS];
    int n_params = -1;
    size_t index = (size_t)-1;
    if (router_match(routes, n_routes, method, path, a, params, &n_params, &index) != ROUTE_FOUND)
        return;
    if (index >= n_routes || n_params < 0 || n_params > HTTP_MAX_PARAMS)
        abort();
    for (int i = 0; i < n_params; i++)
        if (!params[i] || !*params[i] || strchr(params[i], '/') || !strstr(path, params[i]))
            abort();
}

static void check_form(Arena *a, const char *body, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && body[i] != '&' && body[i] != '=')
            continue;
        char *v = form_decode(a, body + start, i - start);
        if (v && !vntext_valid_utf8(v, strlen(v)))
            abort();
        start = i + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    Arena *a = arena_new();
    const char *text = (const char *)data;
    const char *nl = memchr(text, '\n', size);
    size_t first = nl ? (size_t)(nl - text) : size;
    if (!memchr(text, '\0', first))
        check_route(a, arena_strndup(a, text, first));
    if (nl)
        check_form(a, nl + 1, size - first - 1);
    arena_free(a);
    return 0;
}
