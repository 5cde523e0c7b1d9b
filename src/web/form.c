/* form.c: parsing urlencoded forms (see form.h). Dependencies point down: pages, actions and
 * auth -> form -> http; form calls nothing else of web/. */
#include "web/form.h"

#include "core/vntext.h"

#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *form_decode(Arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *w = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            *w++ = ' ';
        } else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            *w++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else if (s[i] == '%') {
            return NULL;
        } else {
            *w++ = s[i];
        }
    }
    *w = '\0';
    size_t len = (size_t)(w - out);
    if (!vntext_valid_utf8(out, len))
        return NULL;
    char *nfc = vntext_nfc(a, out, len);
    return nfc;
}

int form_parse(Request *req)
{
    if (req->form_parsed)
        return 0;
    const char *ct = req_header(req, "Content-Type");
    req->form_parsed = 1;
    if (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33) != 0)
        return 0;
    size_t cap = 8, n = 0;
    req->form_keys = arena_array(req->arena, cap, sizeof *req->form_keys);
    req->form_values = arena_array(req->arena, cap, sizeof *req->form_values);
    const char *p = req->body, *end = req->body + req->body_len;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p)), *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        if (stop > p) {
            const char *kend = eq ? eq : stop;
            char *k = form_decode(req->arena, p, (size_t)(kend - p));
            char *v = eq ? form_decode(req->arena, eq + 1, (size_t)(stop - eq - 1))
                         : arena_strdup(req->arena, "");
            if (!k || !v)
                return req_fail(req, ERR_INVALID, "", "Dữ liệu biểu mẫu không hợp lệ",
                                "the form data is not valid UTF-8 urlencoded text");
            if (n == cap) {
                const char **nk = arena_array(req->arena, cap * 2, sizeof *nk);
                const char **nv = arena_array(req->arena, cap * 2, sizeof *nv);
                memcpy(nk, req->form_keys, cap * sizeof *nk);
                memcpy(nv, req->form_values, cap * sizeof *nv);
                req->form_keys = nk;
                req->form_values = nv;
                cap *= 2;
            }
            req->form_keys[n] = k;
            req->form_values[n] = v;
            n++;
        }
        p = stop + 1;
    }
    req->n_form = n;
    return 0;
}

const char *form_get(Request *req, const char *name)
{
    if (form_parse(req) < 0)
        return NULL;
    for (size_t i = 0; i < req->n_form; i++)
        if (strcmp(req->form_keys[i], name) == 0)
            return req->form_values[i];
    return NULL;
}

size_t form_all(Request *req, const char *name, const char ***out)
{
    size_t n = 0;
    if (form_parse(req) < 0) {
        *out = NULL;
        return 0;
    }
    const char **vals = arena_array(req->arena, req->n_form + 1, sizeof *vals);
    for (size_t i = 0; i < req->n_form; i++)
        if (strcmp(req->form_keys[i], name) == 0)
            vals[n++] = req->form_values[i];
    *out = vals;
    return n;
}
