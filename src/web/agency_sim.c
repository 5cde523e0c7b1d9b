/* agency_sim.c: an agency's system, simulated (see agency_sim.h). */
#include "web/agency_sim.h"

#include "app/record.h"
#include "core/chain.h"
#include "io/http_post.h"
#include "util/log.h"
#include "util/secret.h"
#include "web/server.h"
#include "web/simbody.h"

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RETRY_S = 2, TIMEOUT_MS = 5000 };

/* An answer waiting to go to motcua: its body and when. */
typedef struct Job {
    char *body;
    int64_t at;
} Job;

struct AgencySim {
    AgencySimConfig cfg;
    struct MHD_Daemon *daemon;
    unsigned port;
    int64_t started;
    NetList anywhere; /* motcua may be on this machine: every address is allowed */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stopping;
    Job *jobs;
    size_t n_jobs, cap_jobs;
    char **seen; /* the steps' ids taken */
    size_t n_seen, cap_seen;
};

/* A request's body as it arrives. */
static void *grow(void *p, size_t *cap, size_t elem)
{
    *cap = *cap ? *cap * 2 : 16;
    void *q = realloc(p, *cap * elem);
    if (!q)
        abort();
    return q;
}

/* queue adds an answer (o, whose reference it takes) to send at `at`; under the lock. */
static void queue(AgencySim *sim, json_t *o, int64_t at)
{
    char *body = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    if (!body)
        abort();
    if (sim->n_jobs == sim->cap_jobs)
        sim->jobs = grow(sim->jobs, &sim->cap_jobs, sizeof *sim->jobs);
    sim->jobs[sim->n_jobs++] = (Job){body, at};
    pthread_cond_signal(&sim->wake);
}

/* take handles one posted step: its HTTP status. A step taken before is answered 200 again
 * and queues nothing; one that motcua's key did not sign (when it is known) is 401. */
static unsigned take(AgencySim *sim, const char *body, size_t len, const char *signature)
{
    int64_t now = (int64_t)time(NULL);
    if (now < sim->started + sim->cfg.down_for_s)
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    unsigned char sig[64];
    if (sim->cfg.check_motcua && (secret_unb64(signature, sig, 64) < 0 ||
                                  !secret_sign_verify(sim->cfg.motcua_key, body, len, sig)))
        return MHD_HTTP_UNAUTHORIZED;
    uint32_t r;
    secret_random(&r, sizeof r);
    if ((double)r / 4294967296.0 < sim->cfg.fail_rate)
        return MHD_HTTP_INTERNAL_SERVER_ERROR;
    json_error_t je;
    json_t *o = json_loadb(body, len, 0, &je);
    const char *id = json_string_value(json_object_get(o, "id"));
    const char *dossier = json_string_value(json_object_get(o, "dossier"));
    const char *type = json_string_value(json_object_get(o, "type"));
    if (!id || !dossier || !type || strcmp(type, "step") != 0 || strlen(dossier) > 64) {
        json_decref(o);
        return MHD_HTTP_BAD_REQUEST;
    }
    unsigned char h[32];
    char answers[65], ack_id[128], result_id[128];
    secret_sha256(body, len, h);
    for (int i = 0; i < 32; i++)
        snprintf(answers + 2 * i, 3, "%02x", h[i]);
    const char *kind = sim->cfg.kind;
    snprintf(ack_id, sizeof ack_id, "%s-ack-%s", kind, dossier);
    snprintf(result_id, sizeof result_id, "%s-result-%s", kind, dossier);
    pthread_mutex_lock(&sim->lock);
    int seen = 0;
    for (size_t i = 0; i < sim->n_seen && !seen; i++)
        seen = strcmp(sim->seen[i], id) == 0;
    if (!seen) {
        if (sim->n_seen == sim->cap_seen)
            sim->seen = grow(sim->seen, &sim->cap_seen, sizeof *sim->seen);
        sim->seen[sim->n_seen++] = strdup(id);
        queue(sim,
              json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", ack_id, "agency", kind, "dossier",
                        dossier, "type", "ack", "answers", answers),
              now);
        queue(sim,
              json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", result_id, "agency", kind,
                        "dossier", dossier, "type", "result", "outcome", "approved", "answers",
                        answers),
              now + sim->cfg.delay_s);
        LOG_INFO("agency %s took step %s", kind, id);
    }
    pthread_mutex_unlock(&sim->lock);
    json_decref(o);
    return MHD_HTTP_OK;
}

/* answer_citizen answers the population register's GET /citizens/{id_number}. */
static enum MHD_Result answer_citizen(AgencySim *sim, struct MHD_Connection *c, const char *url)
{
    static const char prefix[] = "/citizens/";
    const Applicant *p = NULL;
    unsigned status = MHD_HTTP_NOT_FOUND;
    uint32_t r;
    secret_random(&r, sizeof r);
    if ((int64_t)time(NULL) < sim->started + sim->cfg.down_for_s)
        status = MHD_HTTP_SERVICE_UNAVAILABLE;
    else if ((double)r / 4294967296.0 < sim->cfg.fail_rate)
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    else if (strncmp(url, prefix, sizeof prefix - 1) == 0)
        for (size_t i = 0; i < sim->cfg.n_people && !p; i++)
            if (strcmp(sim->cfg.people[i].id_number, url + sizeof prefix - 1) == 0)
                p = &sim->cfg.people[i];
    struct MHD_Response *res;
    if (p) {
        json_t *o = record_applicant_json(p);
        char *body = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(o);
        if (!body)
            abort();
        unsigned char sig[64];
        char sig64[SECRET_B64_MAX];
        secret_sign(sim->cfg.secret_key, body, strlen(body), sig);
        secret_b64(sig, 64, sig64);
        res = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
        MHD_add_response_header(res, "X-Signature", sig64);
        MHD_add_response_header(res, "Content-Type", "application/json");
        status = MHD_HTTP_OK;
    } else {
        res = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    }
    enum MHD_Result rc = MHD_queue_response(c, status, res);
    MHD_destroy_response(res);
    return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *size, void **state)
{
    (void)version;
    AgencySim *sim = cls;
    SimBody *b;
    if (!simbody_gather(state, data, size, &b))
        return MHD_YES;
    if (strcmp(method, "GET") == 0 && strcmp(sim->cfg.kind, AGENCY_POPULATION) == 0)
        return answer_citizen(sim, c, url);
    unsigned status = strcmp(method, "POST") != 0 ? MHD_HTTP_METHOD_NOT_ALLOWED
                      : b->too_big
                          ? MHD_HTTP_CONTENT_TOO_LARGE
                          : take(sim, b->data ? b->data : "", b->len,
                                 MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Signature"));
    struct MHD_Response *res = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result rc = MHD_queue_response(c, status, res);
    MHD_destroy_response(res);
    return rc;
}

/* post signs body and posts it to motcua's inbound endpoint: 1 when motcua took it (2xx) or
 * refused it for good (4xx other than 401, 408, 429: retrying cannot help), else 0. */
static int post(AgencySim *sim, const char *body)
{
    unsigned char sig[64];
    char sig64[SECRET_B64_MAX], h_sig[160], h_kind[64], url[600];
    secret_sign(sim->cfg.secret_key, body, strlen(body), sig);
    secret_b64(sig, 64, sig64);
    snprintf(h_sig, sizeof h_sig, "X-Signature: %s", sig64);
    snprintf(h_kind, sizeof h_kind, "X-Agency: %s", sim->cfg.kind);
    snprintf(url, sizeof url, "%s/api/v1/agency-messages", sim->cfg.motcua_url);
    const char *headers[] = {h_sig, h_kind, "Content-Type: application/json"};
    int status = 0;
    Err e;
    if (http_post(url, &sim->anywhere, headers, 3, body, strlen(body), TIMEOUT_MS, &status, &e) <
        0) {
        LOG_WARN("agency %s: motcua unreachable: %s", sim->cfg.kind, e.message_en);
        return 0;
    }
    if (status >= 400 && status < 500 && status != 401 && status != 408 && status != 429)
        LOG_WARN("agency %s: motcua refused %s (HTTP %d)", sim->cfg.kind, body, status);
    return (status >= 200 && status < 300) ||
           (status >= 400 && status < 500 && status != 401 && status != 408 && status != 429);
}

static void *loop(void *arg)
{
    AgencySim *sim = arg;
    pthread_mutex_lock(&sim->lock);
    while (!sim->stopping) {
        int64_t now = (int64_t)time(NULL);
        Job job = {0};
        for (size_t i = 0; i < sim->n_jobs && !job.body; i++)
            if (sim->jobs[i].at <= now) {
                job = sim->jobs[i];
                sim->jobs[i] = sim->jobs[--sim->n_jobs];
            }
        if (job.body) {
            pthread_mutex_unlock(&sim->lock);
            int done = post(sim, job.body);
            pthread_mutex_lock(&sim->lock);
            if (done) {
                free(job.body);
            } else { /* motcua is away: the same message later */
                if (sim->n_jobs == sim->cap_jobs)
                    sim->jobs = grow(sim->jobs, &sim->cap_jobs, sizeof *sim->jobs);
                sim->jobs[sim->n_jobs++] = (Job){job.body, now + RETRY_S};
            }
            continue;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 200 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&sim->wake, &sim->lock, &until);
    }
    pthread_mutex_unlock(&sim->lock);
    return NULL;
}

int agency_sim_start(const AgencySimConfig *cfg, AgencySim **out, Err *e)
{
    struct sockaddr_storage ss;
    int ipv6 = 0;
    int rc = server_parse_listen(cfg->listen, &ss, &ipv6, e);
    if (rc < 0)
        return rc;
    AgencySim *sim = calloc(1, sizeof *sim);
    if (!sim)
        abort();
    sim->cfg = *cfg;
    sim->started = (int64_t)time(NULL);
    netlist_parse("0.0.0.0/0,::/0", &sim->anywhere);
    pthread_mutex_init(&sim->lock, NULL);
    pthread_cond_init(&sim->wake, NULL);
    sim->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | (ipv6 ? MHD_USE_IPv6 : 0), 0, NULL,
        NULL, on_request, sim, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_NOTIFY_COMPLETED, simbody_completed, sim, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
        MHD_OPTION_END);
    if (!sim->daemon || pthread_create(&sim->thread, NULL, loop, sim) != 0) {
        if (sim->daemon)
            MHD_stop_daemon(sim->daemon);
        pthread_cond_destroy(&sim->wake);
        pthread_mutex_destroy(&sim->lock);
        free(sim);
        return err_setf(e, ERR_IO, "listen", "Không lắng nghe được tại %s",
                        "cannot listen on %s (address in use?)", cfg->listen);
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(sim->daemon, MHD_DAEMON_INFO_BIND_PORT);
    sim->port = di ? di->port : 0;
    *out = sim;
    return 0;
}

unsigned agency_sim_port(const AgencySim *sim)
{
    return sim->port;
}

void agency_sim_stop(AgencySim *sim)
{
    if (!sim)
        return;
    MHD_stop_daemon(sim->daemon);
    pthread_mutex_lock(&sim->lock);
    sim->stopping = 1;
    pthread_cond_signal(&sim->wake);
    pthread_mutex_unlock(&sim->lock);
    pthread_join(sim->thread, NULL);
    for (size_t i = 0; i < sim->n_jobs; i++)
        free(sim->jobs[i].body);
    for (size_t i = 0; i < sim->n_seen; i++)
        free(sim->seen[i]);
    free(sim->jobs);
    free(sim->seen);
    pthread_cond_destroy(&sim->wake);
    pthread_mutex_destroy(&sim->lock);
    memset(sim->cfg.secret_key, 0, sizeof sim->cfg.secret_key);
    free(sim);
}
