/* writer.c: the group-commit writer thread (see writer.h). */
#include "web/writer.h"

#include "util/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_BATCH = 512 };

typedef struct Job {
    WriteFn fn;
    void *ctx;
    Err *err;
    int rc, done;
    pthread_cond_t finished; /* signalled once done is set */
    struct Job *next;
} Job;

struct Writer {
    Store *store;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t work;
    Job *head, *tail;
    int stopping;
};

/* run_batch applies jobs[0..n) in one transaction, one savepoint each. */
static void run_batch(Writer *w, Job **jobs, int n)
{
    Err e;
    int rc = store_begin(w->store, &e);
    for (int i = 0; i < n; i++) {
        Job *j = jobs[i];
        if (rc < 0) {
            j->rc = rc;
            *j->err = e;
            continue;
        }
        err_clear(j->err);
        j->rc = store_savepoint(w->store, j->err);
        if (j->rc == 0)
            j->rc = j->fn(w->store, j->ctx, j->err);
        if (j->rc == 0)
            j->rc = store_release(w->store, j->err);
        else
            store_rollback_savepoint(w->store);
    }
    if (rc == 0 && (rc = store_commit(w->store, &e)) < 0) {
        store_rollback(w->store);
        LOG_ERROR("group commit of %d writes failed: %s", n, e.message_en);
        for (int i = 0; i < n; i++) {
            if (jobs[i]->rc == 0) {
                jobs[i]->rc = ERR_UNAVAILABLE;
                err_set(jobs[i]->err, ERR_UNAVAILABLE, "",
                        "Chưa ghi được dữ liệu (lỗi lưu trữ, ví dụ ổ đĩa đầy); vui lòng thử lại",
                        "the write could not be committed (storage failure, e.g. disk full); "
                        "retry");
            }
        }
    }
}

static void *loop(void *arg)
{
    Writer *w = arg;
    pthread_setname_np(pthread_self(), "writer"); /* as top -H and perf show it */
    Job *batch[MAX_BATCH];
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->head && !w->stopping)
            pthread_cond_wait(&w->work, &w->lock);
        if (!w->head && w->stopping)
            break;
        int n = 0;
        while (w->head && n < MAX_BATCH) {
            batch[n++] = w->head;
            w->head = w->head->next;
        }
        if (!w->head)
            w->tail = NULL;
        pthread_mutex_unlock(&w->lock);
        run_batch(w, batch, n);
        pthread_mutex_lock(&w->lock);
        for (int i = 0; i < n; i++) {
            batch[i]->done = 1;
            pthread_cond_signal(&batch[i]->finished);
        }
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

int writer_start(const char *db, Writer **out, Err *e)
{
    Writer *w = calloc(1, sizeof *w);
    if (!w)
        abort();
    int rc = store_open(db, STORE_OPEN, &w->store, e);
    if (rc < 0) {
        free(w);
        return rc;
    }
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->work, NULL);
    if (pthread_create(&w->thread, NULL, loop, w) != 0) {
        store_close(w->store);
        free(w);
        return err_set(e, ERR_IO, "", "Không khởi động được luồng ghi", "cannot start writer");
    }
    *out = w;
    return 0;
}

int writer_run(Writer *w, WriteFn fn, void *ctx, Err *e)
{
    Job j = {.fn = fn, .ctx = ctx, .err = e};
    pthread_mutex_lock(&w->lock);
    if (w->stopping) {
        pthread_mutex_unlock(&w->lock);
        return err_set(e, ERR_UNAVAILABLE, "", "Hệ thống đang dừng", "shutting down");
    }
    pthread_cond_init(&j.finished, NULL);
    if (w->tail)
        w->tail->next = &j;
    else
        w->head = &j;
    w->tail = &j;
    pthread_cond_signal(&w->work);
    while (!j.done)
        pthread_cond_wait(&j.finished, &w->lock);
    pthread_mutex_unlock(&w->lock);
    pthread_cond_destroy(&j.finished);
    return j.rc;
}

void writer_stop(Writer *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = 1;
    pthread_cond_signal(&w->work);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    store_close(w->store);
    pthread_cond_destroy(&w->work);
    pthread_mutex_destroy(&w->lock);
    free(w);
}
