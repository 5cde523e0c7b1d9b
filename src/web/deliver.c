/* deliver.c: the sender thread of webhooks, messages to applicants and agencies' steps (see
 * deliver.h). */
#include "web/deliver.h"

#include "app/checkpoint.h"
#include "app/pending.h"
#include "app/unitops.h"
#include "app/signing.h"
#include "io/http_post.h"
#include "io/portal_client.h"
#include "util/log.h"
#include "util/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum {
    BATCH = 32,
    MAX_ATTEMPTS = 12,
    MAX_DELAY = 3600,
    TIMEOUT_MS = 5000,
    SWEEP_EVERY = 60, /* seconds between retention sweeps (store_purge) */
    SWEEP_ROUNDS = 20 /* batches per sweep at most, so as not to hold the writer long */
};

struct Deliverer {
    Store *store;
    Writer *writer;
    char *notify_cmd;
    char *files_dir; /* the document folder beside the database (pending uploads) */
    char *db;        /* the store, whose signing key signs the checkpoints */
    unsigned checkpoint_every;
    int64_t next_checkpoint;
    NetList webhook_allow; /* internal addresses a webhook may reach (a local relay) */
    int retry_base, stopping;
    int64_t next_sweep;
    PortalClient *portal;       /* NULL: no portal; its calls wait in their outbox */
    int64_t portal_pause_until; /* the portal is away: not called before */
    int portal_away;            /* how many rounds in a row it was away */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
};

typedef struct Outcome {
    int64_t id, now, next_at;
    int ok;
    const char *error;
} Outcome;

static int write_outcome(Store *s, void *ctx, Err *e)
{
    Outcome *o = ctx;
    return store_outbox_done(s, o->id, o->ok, o->error, o->now, o->next_at, e);
}

/* next_attempt: base x 2^attempts seconds, at most an hour; 0 after the last attempt. */
static int64_t next_attempt(const Deliverer *d, int attempts, int64_t now)
{
    if (attempts + 1 >= MAX_ATTEMPTS)
        return 0;
    int64_t delay = d->retry_base;
    for (int i = 0; i < attempts && delay < MAX_DELAY; i++)
        delay *= 2;
    return now + (delay < MAX_DELAY ? delay : MAX_DELAY);
}

static void send_one(Deliverer *d, const OutboxItem *it)
{
    char mac[65], sig[96], dossier[96], id[48];
    size_t len = strlen(it->body);
    secret_hmac_hex(it->secret, it->body, len, mac);
    snprintf(sig, sizeof sig, "X-Motcua-Signature: sha256=%s", mac);
    snprintf(dossier, sizeof dossier, "X-Motcua-Dossier: %s", it->dossier_code);
    snprintf(id, sizeof id, "X-Motcua-Delivery: %lld", (long long)it->id);
    const char *headers[] = {sig, dossier, id};
    int status = 0;
    Err e;
    int rc =
        http_post(it->url, &d->webhook_allow, headers, 3, it->body, len, TIMEOUT_MS, &status, &e);
    Outcome o = {.id = it->id, .now = (int64_t)time(NULL)};
    char error[300];
    o.ok = rc == 0 && status >= 200 && status < 300;
    if (!o.ok) {
        snprintf(error, sizeof error, "%s", rc < 0 ? e.message_en : "");
        if (rc == 0)
            snprintf(error, sizeof error, "HTTP status %d", status);
        o.error = error;
        o.next_at = next_attempt(d, it->attempts, o.now);
        LOG_WARN("webhook delivery %lld to %s failed (attempt %d): %s", (long long)it->id, it->url,
                 it->attempts + 1, error);
    }
    Err we;
    if (writer_run(d->writer, write_outcome, &o, &we) < 0)
        LOG_ERROR("cannot record webhook delivery %lld: %s", (long long)it->id, we.message_en);
}

static int write_step_outcome(Store *s, void *ctx, Err *e)
{
    Outcome *o = ctx;
    return store_delivery_done(s, o->id, o->ok, o->error, o->now, o->next_at, e);
}

/* send_step posts one signed step to its agency (the body as signed, the base64 signature in
 * X-Signature, the message id in X-Message-Id, which the agency takes once); a failure is
 * tried again with the webhooks' back-off, hourly at most, and never given up: a step must
 * reach its agency. */
static void send_step(Deliverer *d, const AgencyDelivery *it)
{
    char sig64[SECRET_B64_MAX], sig[160], id[128];
    secret_b64(it->signature, 64, sig64);
    snprintf(sig, sizeof sig, "X-Signature: %s", sig64);
    snprintf(id, sizeof id, "X-Message-Id: %s", it->message_id);
    const char *headers[] = {"X-Sender: motcua", sig, id};
    int status = 0;
    Err e;
    int rc = http_post(it->url, &d->webhook_allow, headers, 3, it->body, strlen(it->body),
                       TIMEOUT_MS, &status, &e);
    Outcome o = {.id = it->id, .now = (int64_t)time(NULL)};
    char error[300];
    o.ok = rc == 0 && status >= 200 && status < 300;
    if (!o.ok) {
        snprintf(error, sizeof error, "%s", rc < 0 ? e.message_en : "");
        if (rc == 0)
            snprintf(error, sizeof error, "HTTP status %d", status);
        o.error = error;
        o.next_at = next_attempt(d, it->attempts, o.now);
        if (!o.next_at)
            o.next_at = o.now + MAX_DELAY;
        LOG_WARN("step %s to %s failed (attempt %d): %s", it->message_id, it->url, it->attempts + 1,
                 error);
    }
    Err we;
    if (writer_run(d->writer, write_step_outcome, &o, &we) < 0)
        LOG_ERROR("cannot record the delivery of %s: %s", it->message_id, we.message_en);
}

/* The outcomes of one round of portal calls, recorded in one writer job. */
typedef struct PortalRound {
    Outcome o[BATCH];
    char error[BATCH][300];
    size_t n;
} PortalRound;

static int write_portal_round(Store *s, void *ctx, Err *e)
{
    PortalRound *r = ctx;
    for (size_t i = 0; i < r->n; i++) {
        Outcome *o = &r->o[i];
        int rc = store_portal_done(s, o->id, o->ok, o->error, o->now, o->next_at, e);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* send_portal makes the due portal calls, a dossier's in order (the store gives only the first
 * waiting call of each). A call the portal refuses is tried again with the back-off, hourly at
 * most, and never given up: its dossier's later calls wait behind it, and its page shows why
 * (as a call that failed otherwise: an error of the portal's).
 * When the portal cannot be reached, or refuses the session, the round stops and the portal
 * is left alone for the back-off (the calls keep their order and their attempts). Returns how
 * many calls were due. */
static size_t send_portal(Deliverer *d, Arena *a)
{
    int64_t now = (int64_t)time(NULL);
    if (!d->portal || now < d->portal_pause_until)
        return 0;
    PortalItem *items;
    size_t n = 0;
    Err e;
    if (store_portal_due(d->store, a, now, BATCH, &items, &n, &e) < 0) {
        LOG_ERROR("cannot read the portal's outbox: %s", e.message_en);
        return 0;
    }
    PortalRound *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    for (size_t i = 0; i < n; i++) {
        int rc = portal_client_call(d->portal, items[i].service, items[i].body, NULL, &e);
        if (rc == ERR_UNAVAILABLE || rc == ERR_AUTH) {
            d->portal_pause_until = next_attempt(d, d->portal_away < 8 ? d->portal_away : 8, now);
            d->portal_away++;
            LOG_WARN("portal away, calls wait: %s", e.message_en);
            break;
        }
        d->portal_away = 0;
        Outcome *o = &r->o[r->n];
        *o = (Outcome){.id = items[i].id, .now = (int64_t)time(NULL), .ok = rc == 0};
        if (rc < 0) {
            snprintf(r->error[r->n], sizeof r->error[r->n], "%s", e.message_en);
            o->error = r->error[r->n];
            o->next_at = next_attempt(d, items[i].attempts, o->now);
            if (!o->next_at)
                o->next_at = o->now + MAX_DELAY;
            LOG_WARN("portal refused %s of %s version %d (attempt %d): %s", items[i].service,
                     items[i].dossier_code, items[i].version, items[i].attempts + 1, o->error);
        }
        r->n++;
    }
    Err we;
    if (r->n && writer_run(d->writer, write_portal_round, r, &we) < 0)
        LOG_ERROR("cannot record the portal's calls: %s", we.message_en);
    size_t done = r->n;
    free(r);
    return done;
}

static int write_sent(Store *s, void *ctx, Err *e)
{
    Outcome *o = ctx;
    return store_notification_done(s, o->id, o->ok, o->error, o->now, o->next_at, e);
}

/* run_command runs `sh -c cmd` with input on its stdin; 0 when it exits 0 within the
 * timeout, else -1 with why. */
static int run_command(const char *cmd, const char *input, char *why, size_t cap)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        snprintf(why, cap, "pipe: %s", strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[0], STDIN_FILENO);
    char *argv[] = {"/bin/sh", "-c", (char *)cmd, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[0]);
    if (rc != 0) {
        close(fds[1]);
        snprintf(why, cap, "cannot start the notify command: %s", strerror(rc));
        return -1;
    }
    size_t len = strlen(input), done = 0;
    while (done < len) {
        ssize_t n = write(fds[1], input + done, len - done);
        if (n <= 0)
            break; /* the command stopped reading: its exit status decides */
        done += (size_t)n;
    }
    close(fds[1]);
    int status = 0;
    for (int waited = 0;; waited += 10) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (waited >= TIMEOUT_MS) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            snprintf(why, cap, "the notify command took longer than %d ms", TIMEOUT_MS);
            return -1;
        }
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    snprintf(why, cap, "the notify command failed (status %d)",
             WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return -1;
}

static void send_notification(Deliverer *d, const Notification *n)
{
    char why[256] = "";
    Outcome o = {.id = n->id};
    o.ok = run_command(d->notify_cmd, n->body, why, sizeof why) == 0;
    o.now = (int64_t)time(NULL);
    if (!o.ok) {
        o.error = why;
        o.next_at = next_attempt(d, n->attempts, o.now);
        LOG_WARN("message %lld for dossier %s not sent (attempt %d): %s", (long long)n->id,
                 n->dossier_code, n->attempts + 1, why);
    }
    Err we;
    if (writer_run(d->writer, write_sent, &o, &we) < 0)
        LOG_ERROR("cannot record message %lld: %s", (long long)n->id, we.message_en);
}

typedef struct Sweep {
    int64_t now;
    const char *files_dir;
    long rows;
} Sweep;

static int write_sweep(Store *s, void *ctx, Err *e)
{
    Sweep *sw = ctx;
    long pending = 0;
    int rc = store_purge(s, sw->now, &sw->rows, e);
    if (rc == 0 && (rc = pending_sweep(s, sw->files_dir, sw->now, &pending, e)) == 0)
        sw->rows += pending;
    return rc;
}

/* The planned unit operation a writer job applies (app/unitops.h). */
typedef struct UnitOpJob {
    int64_t id, now;
} UnitOpJob;

static int write_unit_op(Store *s, void *ctx, Err *e)
{
    UnitOpJob *job = ctx;
    Arena *a = arena_new();
    int rc = unitops_apply_planned(s, a, job->id, job->now, e);
    arena_free(a);
    return rc;
}

/* unit_ops applies the planned unit operations whose day has come, each in its own job: at the
 * first sweep after local midnight. One that fails is logged and tried again next minute. */
static void unit_ops(Deliverer *d, int64_t now)
{
    Arena *a = arena_new();
    int64_t *ids;
    size_t n = 0;
    Err e;
    if (unitops_due(d->store, a, now, &ids, &n, &e) < 0)
        LOG_ERROR("cannot read the planned unit operations: %s", e.message_en);
    for (size_t i = 0; i < n; i++) {
        UnitOpJob job = {ids[i], now};
        if (writer_run(d->writer, write_unit_op, &job, &e) < 0)
            LOG_ERROR("planned unit operation %lld not applied (tried again in a minute): %s",
                      (long long)ids[i], e.message_en);
        else
            LOG_INFO("planned unit operation %lld applied", (long long)ids[i]);
    }
    arena_free(a);
}

/* sweep runs the retention sweep once a minute, a few bounded batches at a time: old rows,
 * and pending uploads nobody posted again (app/pending.h); then the unit operations planned
 * for a day that has come. */
static void sweep(Deliverer *d)
{
    int64_t now = (int64_t)time(NULL);
    if (now < d->next_sweep)
        return;
    d->next_sweep = now + SWEEP_EVERY;
    long total = 0;
    Sweep sw = {.now = now, .files_dir = d->files_dir, .rows = 1};
    for (int i = 0; i < SWEEP_ROUNDS && sw.rows > 0; i++) {
        Err e;
        if (writer_run(d->writer, write_sweep, &sw, &e) < 0) {
            LOG_ERROR("retention sweep failed: %s", e.message_en);
            return;
        }
        total += sw.rows;
    }
    if (total)
        LOG_INFO("retention sweep: %ld old rows and pending uploads deleted", total);
    unit_ops(d, now);
}

typedef struct Checkpoint {
    const char *key;
    int64_t now;
    long n;
} Checkpoint;

static int write_checkpoint(Store *s, void *ctx, Err *e)
{
    Checkpoint *c = ctx;
    return checkpoint_make(s, c->key, c->now, &c->n, e);
}

/* checkpoint signs the units' chain heads every checkpoint_every seconds, the first time
 * that long after the start (a minute at most); a store without a signing key has nothing
 * to sign with. */
static void checkpoint(Deliverer *d)
{
    int64_t now = (int64_t)time(NULL);
    if (!d->checkpoint_every)
        return;
    if (!d->next_checkpoint)
        d->next_checkpoint =
            now + (d->checkpoint_every < SWEEP_EVERY ? d->checkpoint_every : SWEEP_EVERY);
    if (now < d->next_checkpoint)
        return;
    d->next_checkpoint = now + d->checkpoint_every;
    Arena *a = arena_new();
    Checkpoint c = {.now = now};
    Err e;
    if (signing_key(a, d->db, d->files_dir, 0, &c.key, &e) == 0) {
        if (writer_run(d->writer, write_checkpoint, &c, &e) < 0)
            LOG_ERROR("signed checkpoint failed: %s", e.message_en);
        else if (c.n)
            LOG_INFO("signed %ld checkpoints", c.n);
    }
    arena_free(a);
}

static void *loop(void *arg)
{
    Deliverer *d = arg;
    pthread_setname_np(pthread_self(), "deliver"); /* as top -H and perf show it */
    pthread_mutex_lock(&d->lock);
    while (!d->stopping) {
        pthread_mutex_unlock(&d->lock);
        Arena *a = arena_new();
        OutboxItem *items;
        size_t n = 0;
        Err e;
        if (store_outbox_due(d->store, a, (int64_t)time(NULL), BATCH, &items, &n, &e) < 0)
            LOG_ERROR("cannot read the outbox: %s", e.message_en);
        for (size_t i = 0; i < n; i++)
            send_one(d, &items[i]);
        AgencyDelivery *steps;
        size_t ns = 0;
        if (store_delivery_due(d->store, a, (int64_t)time(NULL), BATCH, &steps, &ns, &e) < 0)
            LOG_ERROR("cannot read the agencies' outbox: %s", e.message_en);
        for (size_t i = 0; i < ns; i++)
            send_step(d, &steps[i]);
        if (ns == BATCH)
            n = BATCH;
        Notification *msgs;
        size_t nm = 0;
        if (d->notify_cmd &&
            store_notification_due(d->store, a, (int64_t)time(NULL), BATCH, &msgs, &nm, &e) < 0)
            LOG_ERROR("cannot read the notification outbox: %s", e.message_en);
        for (size_t i = 0; i < nm; i++)
            send_notification(d, &msgs[i]);
        if (nm == BATCH)
            n = BATCH;
        if (send_portal(d, a) == BATCH)
            n = BATCH;
        arena_free(a);
        sweep(d);
        checkpoint(d);
        pthread_mutex_lock(&d->lock);
        if (n == BATCH || d->stopping)
            continue; /* more may be due at once */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 500 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&d->wake, &d->lock, &until);
    }
    pthread_mutex_unlock(&d->lock);
    return NULL;
}

int deliver_start(const char *db, const char *files, Writer *w, int retry_base,
                  const char *notify_cmd, const NetList *webhook_allow, unsigned checkpoint_every,
                  const char *portal_url, const char *portal_credentials, Deliverer **out, Err *e)
{
    PortalClient *portal = NULL;
    if (portal_url && !(portal = portal_client_new(portal_url, portal_credentials)))
        return err_set(e, ERR_INVALID, "portal-url",
                       "Địa chỉ Cổng DVCQG phải có dạng http://máy:cổng/đường-dẫn",
                       "the portal URL must be http://host:port/path");
    Deliverer *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    if (webhook_allow)
        d->webhook_allow = *webhook_allow;
    int rc = store_open(db, STORE_OPEN, &d->store, e);
    if (rc < 0) {
        portal_client_free(portal);
        free(d);
        return rc;
    }
    d->writer = w;
    d->notify_cmd = notify_cmd ? strdup(notify_cmd) : NULL;
    if (!(d->files_dir = strdup(files)))
        abort();
    if (!(d->db = strdup(db)))
        abort();
    d->checkpoint_every = checkpoint_every;
    d->retry_base = retry_base > 0 ? retry_base : 10;
    d->portal = portal;
    pthread_mutex_init(&d->lock, NULL);
    pthread_cond_init(&d->wake, NULL);
    if (pthread_create(&d->thread, NULL, loop, d) != 0) {
        store_close(d->store);
        portal_client_free(d->portal);
        free(d->notify_cmd);
        free(d->files_dir);
        free(d->db);
        free(d);
        return err_set(e, ERR_IO, "", "Không khởi động được luồng gửi webhook",
                       "cannot start the webhook sender");
    }
    *out = d;
    return 0;
}

void deliver_stop(Deliverer *d)
{
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    d->stopping = 1;
    pthread_cond_signal(&d->wake);
    pthread_mutex_unlock(&d->lock);
    pthread_join(d->thread, NULL);
    store_close(d->store);
    pthread_cond_destroy(&d->wake);
    pthread_mutex_destroy(&d->lock);
    portal_client_free(d->portal);
    free(d->notify_cmd);
    free(d->files_dir);
    free(d->db);
    free(d);
}
