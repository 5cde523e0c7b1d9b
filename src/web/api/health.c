/* health.c: GET /healthz (the store answers, for anyone) and GET /metrics (Prometheus text
 * format, for administrators, integration tokens and the addresses serve --metrics-allow
 * names). */
#include "web/api/api.h"

#include "app/dossiers.h"
#include "util/strbuf.h"
#include "web/metrics.h"

#include <string.h>

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

/* render_states appends the dossier counts by state (kept with every event: no scan). */
static int render_states(Request *req, StrBuf *sb)
{
    Store *s = req_store(req);
    int64_t by_state[STATE_COUNT];
    if (!s || dossiers_by_state(s, req->arena, by_state, &req->err) < 0)
        return req->err.code ? req->err.code : ERR_UNAVAILABLE;
    sb_puts(sb, "# HELP motcua_dossiers Dossiers by state.\n# TYPE motcua_dossiers gauge\n");
    for (int st = 1; st < STATE_COUNT; st++)
        sb_appendf(sb, "motcua_dossiers{state=\"%s\"} %lld\n", lifecycle_state_name((State)st),
                   (long long)by_state[st]);
    return 0;
}

int api_metrics(Request *req, Response *res)
{
    /* what is filed and how the server fares is no one's business but the operators' */
    Role r = req->who.role;
    if (!req_metrics_allowed(req) && r != ROLE_ADMIN && r != ROLE_INTEGRATION)
        return req_fail(req, r == ROLE_NONE ? ERR_AUTH : ERR_FORBIDDEN, "Authorization",
                        "Số liệu vận hành chỉ dành cho quản trị hệ thống, hệ thống tích hợp hoặc "
                        "địa chỉ được phép (serve --metrics-allow)",
                        "metrics need an admin or integration token, or an allowed address");
    StrBuf sb;
    sb_init(&sb, 0);
    int rc = render_states(req, &sb);
    if (rc < 0) {
        sb_free(&sb);
        return rc;
    }
    metrics_render(&sb);
    res_text(res, 200, "text/plain; version=0.0.4; charset=utf-8", sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return 0;
}
