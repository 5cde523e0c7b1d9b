/* portal_sim.c: the national portal, simulated (see portal_sim.h). */
#include "web/portal_sim.h"

#include "app/portal.h"
#include "util/log.h"
#include "util/secret.h"
#include "web/server.h"
#include "web/simbody.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct PortalSim {
    PortalSimConfig cfg;
    struct MHD_Daemon *daemon;
    unsigned port;
    int64_t started;
    pthread_mutex_t lock;
    json_t *records;  /* MaHoSo -> the record held */
    json_t *progress; /* MaHoSo -> its progress updates, in the order taken */
    json_t *sessions; /* session -> true */
    FILE *keep;
};

/* An answer: HTTP status and the JSON object (a new reference). */
typedef struct Answer {
    unsigned status;
    json_t *body;
    bool changed; /* the call changed what the simulator holds (the file keeps it) */
} Answer;

static Answer answer(unsigned status, int error_code, const char *message)
{
    return (Answer){status, json_pack("{s:i, s:s}", "error_code", error_code, "message", message),
                    false};
}

/* taken: the answer to a call that changed what the simulator holds. */
static Answer taken(void)
{
    Answer a = answer(MHD_HTTP_OK, 0, "Thành công");
    a.changed = true;
    return a;
}

/* take_record applies a checked sync record; under the lock. error_code 0 when taken (or
 * taken before), else why not. */
static Answer take_record(PortalSim *sim, json_t *rec)
{
    Err e;
    if (portal_check_record(rec, &e) < 0)
        return answer(MHD_HTTP_OK, 1, e.message);
    const char *code = json_string_value(json_object_get(rec, "MaHoSo"));
    json_t *held = json_object_get(sim->records, code);
    json_int_t version = json_integer_value(json_object_get(rec, "PhienBan"));
    if (held && version <= json_integer_value(json_object_get(held, "PhienBan")))
        return answer(MHD_HTTP_OK, 0, "Đã nhận phiên bản này trước đó");
    int from = held ? (int)json_integer_value(json_object_get(held, "TrangThaiHoSo")) : 0;
    int to = (int)json_integer_value(json_object_get(rec, "TrangThaiHoSo"));
    if (held && !portal_transition_ok(from, to))
        return answer(MHD_HTTP_OK, 2, "Chuyển trạng thái hồ sơ không hợp lệ");
    json_object_set(sim->records, code, rec);
    return taken();
}

static Answer take_progress(PortalSim *sim, json_t *up)
{
    Err e;
    if (portal_check_progress(up, &e) < 0)
        return answer(MHD_HTTP_OK, 1, e.message);
    const char *code = json_string_value(json_object_get(up, "MaHoSo"));
    if (!json_object_get(sim->records, code))
        return answer(MHD_HTTP_OK, 3, "Chưa có hồ sơ này trên Cổng");
    json_t *list = json_object_get(sim->progress, code);
    if (!list) {
        list = json_array();
        json_object_set_new(sim->progress, code, list);
    }
    size_t i;
    json_t *v;
    json_array_foreach(
        list, i,
        v) if (json_equal(json_object_get(v, "PhienBan"),
                          json_object_get(
                              up, "PhienBan"))) return answer(MHD_HTTP_OK, 0,
                                                              "Đã nhận phiên bản này trước đó");
    json_array_append(list, up);
    return taken();
}

/* in_list: list is absent, or an array holding the string s. */
static bool in_list(json_t *list, const char *s)
{
    if (!list)
        return true;
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) if (s && json_is_string(v) &&
                                       strcmp(json_string_value(v), s) == 0) return true;
    return false;
}

/* lookup answers one dossier by MaHoSo, or the records received in [TuNgay, DenNgay]
 * (yyyyMMdd) of the units MaDonVi (an array; absent: all), with their counts per status and
 * per 766 indicator; under the lock. */
static Answer lookup(PortalSim *sim, json_t *q)
{
    const char *code = json_string_value(json_object_get(q, "MaHoSo"));
    if (code) {
        Answer a = answer(MHD_HTTP_OK, 0, "Thành công");
        json_t *held = json_object_get(sim->records, code);
        json_object_set(a.body, "HoSo", held ? held : json_null());
        json_object_set(a.body, "TienDo", json_object_get(sim->progress, code));
        return a;
    }
    const char *from = json_string_value(json_object_get(q, "TuNgay"));
    const char *to = json_string_value(json_object_get(q, "DenNgay"));
    json_t *units = json_object_get(q, "MaDonVi");
    if (!from || !to || strlen(from) != 8 || strlen(to) != 8 || (units && !json_is_array(units)))
        return answer(MHD_HTTP_OK, 1, "Cần MaHoSo, hoặc TuNgay và DenNgay (yyyyMMdd)");
    json_t *list = json_array(), *by_status = json_object(), *by_ind = json_object();
    const char *key;
    json_t *rec;
    json_object_foreach(sim->records, key, rec)
    {
        const char *at = json_string_value(json_object_get(rec, "NgayTiepNhan"));
        if (!at || strncmp(at, from, 8) < 0 || strncmp(at, to, 8) > 0 ||
            !in_list(units, json_string_value(json_object_get(rec, "MaDonVi"))))
            continue;
        json_array_append(list, rec);
        char st[8];
        snprintf(st, sizeof st, "%d",
                 (int)json_integer_value(json_object_get(rec, "TrangThaiHoSo")));
        json_object_set_new(by_status, st,
                            json_integer(json_integer_value(json_object_get(by_status, st)) + 1));
        unsigned bits = portal_indicators(rec);
        for (int i = 0; i < PI_COUNT; i++)
            if (bits & (1u << i)) {
                const char *n = portal_indicator_name((PortalIndicator)i);
                json_object_set_new(
                    by_ind, n, json_integer(json_integer_value(json_object_get(by_ind, n)) + 1));
            }
    }
    Answer a = answer(MHD_HTTP_OK, 0, "Thành công");
    json_object_set_new(a.body, "DanhSach", list);
    json_object_set_new(a.body, "SoLuongTheoTrangThai", by_status);
    json_object_set_new(a.body, "SoLuongTheoChiSo", by_ind);
    return a;
}

/* corrupt sets one field of a held record: a portal that went wrong, for reconcile's tests. */
static Answer corrupt(PortalSim *sim, json_t *q)
{
    const char *code = json_string_value(json_object_get(q, "MaHoSo"));
    const char *field = json_string_value(json_object_get(q, "field"));
    json_t *held = code ? json_object_get(sim->records, code) : NULL;
    if (!held || !field || !portal_field(field) || !json_object_get(q, "value"))
        return answer(MHD_HTTP_BAD_REQUEST, 1, "Cần MaHoSo đã có, field và value");
    json_object_set(held, field, json_object_get(q, "value"));
    return taken();
}

/* apply runs service on body o; under the lock. The calls that change what it holds are kept
 * when there is a file. */
static Answer apply(PortalSim *sim, const char *service, json_t *o, bool replay)
{
    Answer a = strcmp(service, PORTAL_SYNC) == 0       ? take_record(sim, o)
               : strcmp(service, PORTAL_PROGRESS) == 0 ? take_progress(sim, o)
               : strcmp(service, "admin/corrupt") == 0 ? corrupt(sim, o)
                                                       : lookup(sim, o);
    if (!replay && a.changed && sim->keep) {
        json_t *line = json_pack("{s:s, s:O}", "service", service, "body", o);
        char *text = json_dumps(line, JSON_COMPACT);
        json_decref(line);
        if (!text || fprintf(sim->keep, "%s\n", text) < 0 || fflush(sim->keep) != 0)
            LOG_ERROR("portal-sim: cannot keep a call in its file");
        free(text);
    }
    return a;
}

/* session_ok: the request carries a session this simulator gave. */
static bool session_ok(PortalSim *sim, struct MHD_Connection *c)
{
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    return auth && strncmp(auth, "Bearer ", 7) == 0 && json_object_get(sim->sessions, auth + 7);
}

static Answer token(PortalSim *sim, json_t *o)
{
    const char *user = json_string_value(json_object_get(o, "username"));
    const char *pass = json_string_value(json_object_get(o, "password"));
    if (sim->cfg.credentials) {
        const char *colon = strchr(sim->cfg.credentials, ':');
        size_t nu = colon ? (size_t)(colon - sim->cfg.credentials) : strlen(sim->cfg.credentials);
        if (!user || !pass || strlen(user) != nu || strncmp(user, sim->cfg.credentials, nu) != 0 ||
            strcmp(pass, colon ? colon + 1 : "") != 0)
            return answer(MHD_HTTP_UNAUTHORIZED, 401, "Sai thông tin xác thực");
    }
    unsigned char r[24];
    char session[SECRET_B64_MAX];
    secret_random(r, sizeof r);
    secret_b64(r, sizeof r, session);
    json_object_set_new(sim->sessions, session, json_true());
    Answer a = answer(MHD_HTTP_OK, 0, "Thành công");
    json_object_set_new(a.body, "session", json_string(session));
    return a;
}

static Answer handle(PortalSim *sim, struct MHD_Connection *c, const char *url, const char *body,
                     size_t len)
{
    if (time(NULL) < sim->started + sim->cfg.down_for_s)
        return answer(MHD_HTTP_SERVICE_UNAVAILABLE, 503, "Cổng đang bảo trì");
    uint32_t r;
    secret_random(&r, sizeof r);
    if ((double)r / 4294967296.0 < sim->cfg.fail_rate)
        return answer(MHD_HTTP_INTERNAL_SERVER_ERROR, 500, "Lỗi hệ thống");
    json_t *o = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return answer(MHD_HTTP_BAD_REQUEST, 1, "Nội dung phải là một đối tượng JSON");
    }
    static const char *const services[] = {PORTAL_SYNC, PORTAL_PROGRESS, "TraCuuHoSo",
                                           "admin/corrupt", NULL};
    const char *service = NULL;
    for (int i = 0; services[i] && !service; i++)
        if (strcmp(url + 1, services[i]) == 0)
            service = services[i];
    Answer a;
    pthread_mutex_lock(&sim->lock);
    if (strcmp(url, "/token") == 0)
        a = token(sim, o);
    else if (!service)
        a = answer(MHD_HTTP_NOT_FOUND, 404, "Không có dịch vụ này");
    else if (strcmp(service, "admin/corrupt") != 0 && !session_ok(sim, c))
        a = answer(MHD_HTTP_UNAUTHORIZED, 401, "Phiên làm việc không hợp lệ");
    else
        a = apply(sim, service, o, false);
    pthread_mutex_unlock(&sim->lock);
    json_decref(o);
    return a;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *size, void **state)
{
    (void)version;
    PortalSim *sim = cls;
    SimBody *b;
    if (!simbody_gather(state, data, size, &b))
        return MHD_YES;
    Answer a = strcmp(method, "POST") != 0
                   ? answer(MHD_HTTP_METHOD_NOT_ALLOWED, 405, "Chỉ nhận POST")
               : b->too_big ? answer(MHD_HTTP_CONTENT_TOO_LARGE, 413, "Nội dung quá lớn")
                            : handle(sim, c, url, b->data ? b->data : "", b->len);
    char *text = json_dumps(a.body, JSON_COMPACT);
    json_decref(a.body);
    if (!text)
        abort();
    struct MHD_Response *res =
        MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    MHD_add_response_header(res, "Content-Type", "application/json; charset=utf-8");
    enum MHD_Result rc = MHD_queue_response(c, a.status, res);
    MHD_destroy_response(res);
    return rc;
}

/* replay reads back the calls kept in the file, then keeps appending to it. */
static int replay(PortalSim *sim, Err *e)
{
    FILE *f = fopen(sim->cfg.keep_file, "r");
    if (f) {
        json_error_t je;
        json_t *line;
        long n = 0;
        while ((line = json_loadf(f, JSON_DISABLE_EOF_CHECK, &je))) {
            const char *service = json_string_value(json_object_get(line, "service"));
            json_t *body = json_object_get(line, "body");
            if (service && json_is_object(body)) {
                Answer a = apply(sim, service, body, true);
                json_decref(a.body);
                n++;
            }
            json_decref(line);
        }
        fclose(f);
        LOG_INFO("portal-sim: %ld calls read back from %s", n, sim->cfg.keep_file);
    }
    if (!(sim->keep = fopen(sim->cfg.keep_file, "a")))
        return err_setf(e, ERR_IO, "keep", "Không ghi được %s", "cannot write %s",
                        sim->cfg.keep_file);
    return 0;
}

int portal_sim_start(const PortalSimConfig *cfg, PortalSim **out, Err *e)
{
    struct sockaddr_storage ss;
    int ipv6 = 0;
    int rc = server_parse_listen(cfg->listen, &ss, &ipv6, e);
    if (rc < 0)
        return rc;
    PortalSim *sim = calloc(1, sizeof *sim);
    if (!sim)
        abort();
    sim->cfg = *cfg;
    sim->started = (int64_t)time(NULL);
    sim->records = json_object();
    sim->progress = json_object();
    sim->sessions = json_object();
    pthread_mutex_init(&sim->lock, NULL);
    if (cfg->keep_file && (rc = replay(sim, e)) < 0) {
        portal_sim_stop(sim);
        return rc;
    }
    sim->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | (ipv6 ? MHD_USE_IPv6 : 0), 0, NULL,
        NULL, on_request, sim, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_NOTIFY_COMPLETED, simbody_completed, sim, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
        MHD_OPTION_END);
    if (!sim->daemon) {
        portal_sim_stop(sim);
        return err_setf(e, ERR_IO, "listen", "Không lắng nghe được tại %s",
                        "cannot listen on %s (address in use?)", cfg->listen);
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(sim->daemon, MHD_DAEMON_INFO_BIND_PORT);
    sim->port = di ? di->port : 0;
    *out = sim;
    return 0;
}

unsigned portal_sim_port(const PortalSim *sim)
{
    return sim->port;
}

void portal_sim_stop(PortalSim *sim)
{
    if (!sim)
        return;
    if (sim->daemon)
        MHD_stop_daemon(sim->daemon);
    if (sim->keep)
        fclose(sim->keep);
    json_decref(sim->records);
    json_decref(sim->progress);
    json_decref(sim->sessions);
    pthread_mutex_destroy(&sim->lock);
    free(sim);
}
