/* idem.c: Idempotency-Key and one-time form tokens (see idem.h). */
#include "web/idem.h"

#include "util/secret.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

int idem_begin(Request *req, Idem *im)
{
    memset(im, 0, sizeof *im);
    im->key = req_header(req, "Idempotency-Key");
    if (!im->key)
        return 0;
    size_t n = strlen(im->key);
    int ok = n >= 1 && n <= 128;
    for (size_t i = 0; ok && i < n; i++)
        ok = im->key[i] > ' ' && im->key[i] < 0x7f;
    if (!ok)
        return req_fail(req, ERR_INVALID, "Idempotency-Key",
                        "Idempotency-Key gồm 1–128 ký tự ASCII in được",
                        "Idempotency-Key must be 1-128 printable ASCII characters");
    const Principal *w = &req->who;
    im->principal = w->role == ROLE_NONE ? arena_printf(req->arena, "public:%s", req->client_ip)
                                         : arena_printf(req->arena, "%s:%s",
                                                        w->via_session ? "user" : "token", w->name);
    StrBuf sb;
    sb_init(&sb, 0);
    sb_puts(&sb, req->method);
    sb_putc(&sb, ' ');
    sb_puts(&sb, req->path);
    sb_putc(&sb, '\n');
    sb_append(&sb, req->body, req->body_len);
    if (req->n_uploads) { /* a multipart upload: its fields and the files' contents */
        for (size_t i = 0; i < req->n_form; i++) {
            sb_putc(&sb, '\n');
            sb_puts(&sb, req->form_keys[i]);
            sb_putc(&sb, '=');
            sb_puts(&sb, req->form_values[i]);
        }
        for (size_t i = 0; i < req->n_uploads; i++) {
            sb_puts(&sb, "\nfile:");
            /* the part "file" hashes as before there were several, so that a retry across an
             * upgrade still matches */
            if (strcmp(req->uploads[i].field, "file") != 0) {
                sb_puts(&sb, req->uploads[i].field);
                sb_putc(&sb, ':');
            }
            sb_puts(&sb, req->uploads[i].sha256);
        }
    }
    secret_sha256(sb.data, sb.len, im->request);
    sb_free(&sb);
    return 0;
}

void idem_begin_form(Request *req, Idem *im, const char *token)
{
    memset(im, 0, sizeof *im);
    im->key = token;
    im->principal = "public";
    const char *what = arena_printf(req->arena, "%s %s form", req->method, req->path);
    secret_sha256(what, strlen(what), im->request);
}

int idem_check(Store *s, Arena *a, Idem *im, Err *e)
{
    if (!im->key)
        return 0;
    unsigned char stored[32];
    int rc = store_idem_get(s, a, im->principal, im->key, stored, &im->status, &im->body, e);
    if (rc == ERR_NOT_FOUND)
        return 0;
    if (rc < 0)
        return rc;
    if (memcmp(stored, im->request, 32) != 0)
        return err_set(e, ERR_SEMANTIC, "Idempotency-Key",
                       "Idempotency-Key này đã dùng cho một yêu cầu khác",
                       "this Idempotency-Key was used for a different request");
    im->replayed = 1;
    return 0;
}

int idem_store(Store *s, Request *req, Idem *im, int status, json_t *o, const char **body, Err *e)
{
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!text)
        abort();
    *body = arena_strdup(req->arena, text);
    free(text);
    return im->key ? store_idem_put(s, im->principal, im->key, im->request, status, *body,
                                    req_now(req), e)
                   : 0;
}

void idem_respond(const Idem *im, Response *res, int status, const char *body)
{
    const char *text = im->replayed ? im->body : body;
    res_text(res, im->replayed ? im->status : status, "application/json; charset=utf-8", text,
             strlen(text));
    if (im->replayed)
        res_header(res, "Idempotent-Replayed", "true");
}
