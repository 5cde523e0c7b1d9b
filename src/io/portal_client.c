/* portal_client.c: the portal's API calls (see portal_client.h). */
#include "io/portal_client.h"

#include "io/http_post.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { TIMEOUT_MS = 10000, URL_MAX = 600 };

struct PortalClient {
    char base[URL_MAX];
    char *user, *password;
    char session[256];
    NetList anywhere; /* the operator names the portal (or a relay): any address */
};

PortalClient *portal_client_new(const char *base, const char *credentials)
{
    if (!base || strlen(base) >= URL_MAX - 32 || !http_url_valid(base))
        return NULL;
    PortalClient *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    snprintf(c->base, sizeof c->base, "%s", base);
    size_t n = strlen(c->base);
    if (n && c->base[n - 1] == '/')
        c->base[n - 1] = '\0';
    const char *colon = credentials ? strchr(credentials, ':') : NULL;
    c->user = colon ? strndup(credentials, (size_t)(colon - credentials))
                    : strdup(credentials ? credentials : "");
    c->password = strdup(colon ? colon + 1 : "");
    if (!c->user || !c->password)
        abort();
    netlist_parse("0.0.0.0/0,::/0", &c->anywhere);
    return c;
}

void portal_client_free(PortalClient *c)
{
    if (!c)
        return;
    free(c->user);
    if (c->password) {
        memset(c->password, 0, strlen(c->password));
        free(c->password);
    }
    free(c);
}

/* post posts body to {base}/{path} with the session when there is one; the answer's JSON
 * object in *out (a new reference) or an error as portal_client_call's. */
static int post(PortalClient *c, const char *path, const char *body, json_t **out, Err *e)
{
    char url[URL_MAX + 64], auth[300];
    snprintf(url, sizeof url, "%s/%s", c->base, path);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", c->session);
    const char *headers[] = {c->session[0] ? auth : NULL};
    StrBuf ans;
    sb_init(&ans, 0);
    int status = 0;
    int rc = http_post_answer(url, &c->anywhere, headers, 1, body, strlen(body), TIMEOUT_MS,
                              &status, &ans, e);
    json_t *o = rc == 0 && ans.data ? json_loadb(ans.data, ans.len, 0, NULL) : NULL;
    sb_free(&ans);
    if (rc < 0) {
        char why[256];
        snprintf(why, sizeof why, "%s", e->message_en);
        return err_setf(e, ERR_UNAVAILABLE, "portal", "Không kết nối được Cổng DVCQG (%s)",
                        "the portal cannot be reached (%s)", why);
    }
    if (status == 401 || status == 403) {
        json_decref(o);
        c->session[0] = '\0';
        return err_set(e, ERR_AUTH, "portal", "Cổng DVCQG từ chối phiên hoặc thông tin xác thực",
                       "the portal refused the session or the credentials");
    }
    if (status >= 500 || !json_is_object(o)) {
        json_decref(o);
        char st[16];
        snprintf(st, sizeof st, "%d", status);
        return err_setf(e, status == 503 ? ERR_UNAVAILABLE : ERR_IO, "portal",
                        "Cổng DVCQG trả lời HTTP %s", "the portal answered HTTP %s", st);
    }
    json_t *code = json_object_get(o, "error_code");
    if (!json_is_integer(code) || json_integer_value(code) != 0) {
        const char *msg = json_string_value(json_object_get(o, "message"));
        err_setf(e, ERR_INVALID, "portal", "Cổng DVCQG không nhận: %s",
                 "the portal refused the call: %s", msg ? msg : "(no message)");
        json_decref(o);
        return ERR_INVALID;
    }
    *out = o;
    return 0;
}

int portal_client_call(PortalClient *c, const char *service, const char *body, StrBuf *answer,
                       Err *e)
{
    json_t *o = NULL;
    if (!c->session[0]) {
        json_t *cred = json_pack("{s:s, s:s}", "username", c->user, "password", c->password);
        char *text = json_dumps(cred, JSON_COMPACT);
        json_decref(cred);
        int rc = post(c, "token", text, &o, e);
        free(text);
        if (rc < 0)
            return rc == ERR_INVALID
                       ? err_set(e, ERR_AUTH, "portal", "Cổng DVCQG không cấp phiên làm việc",
                                 "the portal gave no session")
                       : rc;
        const char *session = json_string_value(json_object_get(o, "session"));
        if (!session || strlen(session) >= sizeof c->session || strpbrk(session, "\r\n")) {
            json_decref(o);
            return err_set(e, ERR_AUTH, "portal", "Cổng DVCQG không cấp phiên làm việc",
                           "the portal gave no session");
        }
        snprintf(c->session, sizeof c->session, "%s", session);
        json_decref(o);
    }
    int rc = post(c, service, body, &o, e);
    if (rc < 0)
        return rc;
    if (answer) {
        char *text = json_dumps(o, JSON_COMPACT);
        sb_puts(answer, text);
        free(text);
    }
    json_decref(o);
    return 0;
}

int portal_client_retry(PortalClient *c, const char *service, const char *body, StrBuf *answer,
                        int tries, Err *e)
{
    int rc = portal_client_call(c, service, body, answer, e);
    for (int i = 1; i < tries && (rc == ERR_IO || rc == ERR_UNAVAILABLE); i++) {
        sleep(1);
        rc = portal_client_call(c, service, body, answer, e);
    }
    return rc;
}
