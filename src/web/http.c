/* http.c: what handlers call (see http.h): request look-ups over the libmicrohttpd connection,
 * the resources the server lends a request (http_env.h), responses, and the one map from
 * ERR_* codes to HTTP statuses and error code names, with the docs/INTERFACES.md JSON error.
 *
 * Dependencies point down from here: http.c knows no handler, no page and not the daemon
 * (server.c calls it, never the other way round). */
#include "web/http.h"

#include "app/jsonv.h"
#include "app/signing.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "web/http_env.h"

#include <errno.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- requests ---- */

const char *req_query(Request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

int req_query_int(Request *req, const char *name, int64_t min, int64_t max, int64_t *out)
{
    const char *v = req_query(req, name);
    if (!v)
        return 0;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || *v == '\0' || *end || n < min || n > max) {
        char vi[200], en[200];
        snprintf(vi, sizeof vi, "Tham số %s phải là số nguyên từ %lld đến %lld", name,
                 (long long)min, (long long)max);
        snprintf(en, sizeof en, "%s must be a whole number from %lld to %lld", name, (long long)min,
                 (long long)max);
        return req_fail(req, ERR_INVALID, name, vi, en);
    }
    *out = n;
    return 0;
}

static enum MHD_Result append_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    (void)kind;
    StrBuf *sb = cls;
    if (sb->len)
        sb_putc(sb, '&');
    sb_puts(sb, key);
    if (value) {
        sb_putc(sb, '=');
        sb_puts(sb, value);
    }
    return MHD_YES;
}

const char *req_query_text(Request *req)
{
    StrBuf sb;
    sb_init(&sb, 64 * 1024);
    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, append_arg, &sb);
    const char *out = NULL;
    if (sb.len && !sb.err) {
        size_t n = sb.len > 500 ? 500 : sb.len;
        while (n < sb.len && (sb.data[n] & 0xC0) == 0x80) /* not inside a character */
            n--;
        out = arena_strndup(req->arena, sb.data, n);
    }
    sb_free(&sb);
    return out;
}

const char *req_header(Request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

Upload *req_upload(Request *req, const char *field)
{
    for (size_t i = 0; i < req->n_uploads; i++)
        if (strcmp(req->uploads[i].field, field) == 0)
            return &req->uploads[i];
    return NULL;
}

const char *req_cookie(Request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

/* sent_as_json: the request's Content-Type is application/json (any parameters after it). */
static int sent_as_json(Request *req)
{
    static const char want[] = "application/json";
    const char *t = req_header(req, "Content-Type");
    size_t n = sizeof want - 1;
    return t && strncasecmp(t, want, n) == 0 && (t[n] == '\0' || t[n] == ';' || t[n] == ' ');
}

int req_json(Request *req, json_t **out)
{
    /* a form or text/plain body is what another site's page can send without asking */
    if (!sent_as_json(req))
        return req_fail(req, ERR_MEDIA_TYPE, "Content-Type",
                        "Nội dung yêu cầu phải là JSON, gửi với tiêu đề Content-Type: "
                        "application/json",
                        "the request body must be JSON sent as Content-Type: application/json");
    if (!req->body_len)
        return req_fail(req, ERR_INVALID, "", "Thiếu nội dung yêu cầu (JSON)",
                        "request body (JSON) is missing");
    json_t *o;
    int rc = jsonv_parse(req->body, req->body_len, &o, &req->err);
    if (rc < 0)
        return rc;
    if (!json_is_object(o)) {
        json_decref(o);
        return req_fail(req, ERR_INVALID, "", "Nội dung yêu cầu phải là một đối tượng JSON",
                        "request body must be a JSON object");
    }
    *out = o;
    return 0;
}

int req_fail(Request *req, int code, const char *field, const char *vi, const char *en)
{
    return err_set(&req->err, code, field, vi, en);
}

int64_t req_now(Request *req)
{
    (void)req;
    return (int64_t)time(NULL);
}

/* ---- what the server lends a request ---- */

Store *req_store(Request *req)
{
    HttpEnv *env = req->env;
    Store *s = pthread_getspecific(env->reader_key);
    if (!s) {
        Err e;
        if (store_open(env->db, STORE_READER, &s, &e) < 0) {
            LOG_ERROR("cannot open read connection: %s", e.message_en);
            req_fail(req, ERR_UNAVAILABLE, "", "Hệ thống lưu trữ tạm thời không sẵn sàng",
                     "storage unavailable");
            return NULL;
        }
        pthread_setspecific(env->reader_key, s);
    }
    return s;
}

int req_write(Request *req, WriteFn fn, void *ctx)
{
    return writer_run(req->env->writer, fn, ctx, &req->err);
}

const char *req_files_dir(Request *req)
{
    return req->env->files;
}

int req_signing_key(Request *req, int create, const char **out, Err *e)
{
    return signing_key(req->arena, req->env->db, req->env->files, create, out, e);
}

struct Throttle *req_throttle(Request *req, ThrottleKind kind)
{
    return req->env->throttles[kind];
}

const char *req_payment_secret(Request *req)
{
    return req->env->payment_secret;
}

int req_test_gateway(Request *req)
{
    return req->env->test_gateway;
}

int64_t req_max_pending_online(Request *req)
{
    return req->env->max_pending_online;
}

const NetList *req_webhook_allow(Request *req)
{
    return &req->env->webhook_allow;
}

const char *req_portal(Request *req, const char **credentials)
{
    *credentials = req->env->portal_credentials;
    return req->env->portal_url;
}

int req_metrics_allowed(Request *req)
{
    NetAddr a;
    return netaddr_parse(req->client_ip, &a) && netlist_has(&req->env->metrics_allow, &a);
}

/* ---- responses ---- */

void res_header(Response *res, const char *name, const char *value)
{
    if (res->n_headers < HTTP_MAX_HEADERS) {
        res->header_names[res->n_headers] = name;
        res->header_values[res->n_headers] = value;
        res->n_headers++;
    }
}

void res_text(Response *res, int status, const char *content_type, const char *text, size_t len)
{
    free(res->body);
    res->body = malloc(len + 1);
    if (!res->body)
        abort();
    memcpy(res->body, text, len);
    res->body[len] = '\0';
    res->len = len;
    res->status = status;
    res->content_type = content_type;
}

void res_redirect(Response *res, const char *location)
{
    res_text(res, 303, "text/plain; charset=utf-8", "", 0);
    res_header(res, "Location", location);
}

void res_json(Response *res, int status, json_t *o)
{
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(o);
    if (!text)
        abort();
    free(res->body);
    res->body = text;
    res->len = strlen(text);
    res->status = status;
    res->content_type = "application/json; charset=utf-8";
}

void res_file(Response *res, int status, const char *content_type, int fd, uint64_t size)
{
    free(res->body);
    res->body = NULL;
    res->len = 0;
    res->status = status;
    res->content_type = content_type;
    res->has_file = 1;
    res->file_fd = fd;
    res->file_size = size;
}

/* ---- errors ---- */

/* The one map of errors: each ERR_* code's HTTP status and the code name its JSON error
 * carries. The rows with ERR_OK are statuses only the server answers, before any handler
 * runs (a method the path does not take, a URL too long); a code not listed is 500. */
static const struct {
    int code;
    int status;
    const char *name;
} errors[] = {
    {ERR_INVALID, 400, "bad_request"},
    {ERR_AUTH, 401, "unauthenticated"},
    {ERR_FORBIDDEN, 403, "forbidden"},
    {ERR_NOT_FOUND, 404, "not_found"},
    {ERR_OK, 405, "method_not_allowed"},
    {ERR_CONFLICT, 409, "conflict"},
    {ERR_TOO_LARGE, 413, "payload_too_large"},
    {ERR_OK, 414, "uri_too_long"},
    {ERR_MEDIA_TYPE, 415, "unsupported_media_type"},
    {ERR_SEMANTIC, 422, "unprocessable"},
    {ERR_THROTTLED, 429, "too_many_requests"},
    {ERR_IO, 500, "internal"},
    {ERR_UNAVAILABLE, 503, "unavailable"},
};
enum { N_ERRORS = sizeof errors / sizeof errors[0] };

int http_status(int code)
{
    for (int i = 0; i < N_ERRORS; i++)
        if (errors[i].code != ERR_OK && errors[i].code == code)
            return errors[i].status;
    return 500;
}

/* error_name is the code name of the JSON error answered with status. */
static const char *error_name(int status)
{
    for (int i = 0; i < N_ERRORS; i++)
        if (errors[i].status == status)
            return errors[i].name;
    return "internal";
}

void res_error(Response *res, int status, const Err *e)
{
    json_t *err = json_object();
    json_object_set_new(err, "code", json_string(error_name(status)));
    json_object_set_new(err, "message", json_string(e->message[0] ? e->message : "Lỗi"));
    json_object_set_new(err, "message_en", json_string(e->message_en[0] ? e->message_en : "error"));
    json_object_set_new(err, "field", json_string(e->field)); /* "" when no field is at fault */
    res_json(res, status, json_pack("{s:o}", "error", err));
}
