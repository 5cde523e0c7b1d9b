/* limits.c: the public's limits per address and in all (see limits.h). */
#include "web/limits.h"

#include "app/dossiers.h"
#include "web/throttle.h"

/* take counts one event of this address in the throttle of kind (none configured: no limit). */
static int take(Request *req, ThrottleKind kind, const char *vi, const char *en)
{
    Throttle *t = req_throttle(req, kind);
    int64_t wait = t ? throttle_take(t, req->client_ip, req_now(req)) : 0;
    if (wait <= 0)
        return 0;
    req->retry_after = wait;
    return req_fail(req, ERR_THROTTLED, "", vi, en);
}

int limits_filing(Request *req)
{
    int rc = take(req, THROTTLE_FILING_IP,
                  "Địa chỉ mạng này đã nộp quá nhiều hồ sơ trực tuyến trong một giờ; vui lòng nộp "
                  "lại sau hoặc nộp trực tiếp tại bộ phận một cửa",
                  "too many online filings from this address in an hour; try again later");
    int64_t max = req_max_pending_online(req);
    if (rc < 0 || max <= 0)
        return rc;
    Store *s = req_store(req);
    int64_t by_state[STATE_COUNT];
    if (!s || dossiers_by_state(s, req->arena, by_state, &req->err) < 0)
        return req->err.code ? req->err.code : ERR_UNAVAILABLE;
    if (by_state[STATE_SUBMITTED] >= max)
        return req_fail(req, ERR_UNAVAILABLE, "",
                        "Hệ thống đang có quá nhiều hồ sơ nộp trực tuyến chờ tiếp nhận; vui lòng "
                        "nộp lại sau ít giờ hoặc nộp trực tiếp tại bộ phận một cửa",
                        "too many online filings wait to be received; try again later");
    return 0;
}

int limits_lookup(Request *req)
{
    return take(req, THROTTLE_LOOKUP_RATE_IP,
                "Địa chỉ mạng này tra cứu quá nhiều lần trong một phút; vui lòng thử lại sau",
                "too many look-ups from this address in a minute; try again later");
}
