/* health.c: GET /healthz (the store answers) and GET /metrics (Prometheus text format). */
#include "web/api/api.h"

#include "util/strbuf.h"
#include "web/metrics.h"

int api_healthz(Request *req, Response *res)
{
    Store *s = req_store(req);
    int version = 0;
    if (!s || store_schema_version(s, &version, &req->err) < 0)
        return req_fail(req, ERR_UNAVAILABLE, "", "Hệ thống lưu trữ không sẵn sàng",
                        "storage unavailable");
    res_json(res, 200, json_pack("{s:s, s:i}", "status", "ok", "schema_version", version));
    return 0;
}

int api_metrics(Request *req, Response *res)
{
    (void)req;
    StrBuf sb;
    sb_init(&sb, 0);
    metrics_render(&sb);
    res_text(res, 200, "text/plain; version=0.0.4; charset=utf-8", sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return 0;
}
