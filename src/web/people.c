/* people.c: the population register asked from a request (see people.h). */
#include "web/people.h"

#include "io/http_post.h"
#include "util/log.h"

#include <string.h>

enum { ANSWER_MAX = 16 * 1024, TIMEOUT_MS = 3000 };

int people_fetch(Request *req, const char *id_number, Applicant *out)
{
    if (!people_id_valid(id_number))
        return req_fail(req, ERR_INVALID, "id_number", "Số định danh cá nhân gồm 12 chữ số",
                        "a personal identity number has 12 digits");
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    const char *url, *source;
    Err e;
    int rc = people_url(s, req->arena, id_number, &url, &source, &e);
    if (rc == ERR_NOT_FOUND)
        return req_fail(req, ERR_NOT_FOUND, "", "Chưa khai báo CSDL dân cư (agency population)",
                        "no population register is configured (agency population)");
    if (rc < 0) {
        req->err = e;
        return rc;
    }
    HttpAnswer ans;
    if (http_get(url, req_webhook_allow(req), "X-Signature", ANSWER_MAX, TIMEOUT_MS, &ans, &e) <
        0) {
        LOG_WARN("population register %s: %s", source, e.message_en);
        return req_fail(req, ERR_UNAVAILABLE, "", "CSDL dân cư không trả lời",
                        "the population register does not answer");
    }
    if (ans.status == 404)
        rc = req_fail(req, ERR_NOT_FOUND, "id_number", "CSDL dân cư không có số định danh này",
                      "the population register knows no such identity number");
    else if (ans.status != 200 ||
             people_answer(s, req->arena, id_number, ans.body, ans.len,
                           ans.header ? ans.header : "", req_now(req), out, &e) < 0) {
        LOG_WARN("population register %s: HTTP %d%s%s", source, ans.status,
                 ans.status == 200 ? ", answer refused: " : "",
                 ans.status == 200 ? e.message_en : "");
        rc = req_fail(req, ERR_UNAVAILABLE, "", "CSDL dân cư trả lời không hợp lệ",
                      "the population register's answer is not valid");
    }
    http_answer_free(&ans);
    return rc;
}

void people_prefill(Request *req, Applicant *ap)
{
    Applicant person;
    Err kept = req->err; /* a miss here is no error of the request */
    if (people_id_valid(ap->id_number) && people_fetch(req, ap->id_number, &person) == 0)
        people_take(ap, &person);
    req->err = kept;
}
