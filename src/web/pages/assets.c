/* assets.c: GET /assets/{name}: the stylesheet and script compiled into the binary
 * (assets/), so that no page asks any other host for anything. */
#include "web/pages/pages.h"

#include "util/embed.h"

#include <stdio.h>
#include <string.h>

int page_asset(Request *req, Response *res)
{
    static const struct {
        const char *ext, *type;
    } types[] = {{".css", "text/css; charset=utf-8"},
                 {".js", "text/javascript; charset=utf-8"},
                 {".svg", "image/svg+xml"}};
    char name[128];
    snprintf(name, sizeof name, "assets/%s", req->params[0]);
    const EmbeddedFile *f = strstr(req->params[0], "..") ? NULL : embed_find(name);
    const char *type = NULL;
    for (size_t i = 0; f && i < sizeof types / sizeof types[0]; i++) {
        size_t n = strlen(f->name), m = strlen(types[i].ext);
        if (n > m && strcmp(f->name + n - m, types[i].ext) == 0)
            type = types[i].type;
    }
    if (!f || !type)
        return req_fail(req, ERR_NOT_FOUND, "", "Không có tệp này", "no such asset");
    res_text(res, 200, type, (const char *)f->data, f->size);
    res_header(res, "Cache-Control", "public, max-age=86400");
    return 0;
}
