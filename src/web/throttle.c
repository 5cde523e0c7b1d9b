/* throttle.c: a fixed-size open-addressed table of failure windows (see throttle.h).
 * When the table is full, the probe sequence's oldest entry is replaced. */
#include "web/throttle.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 8192, PROBES = 8, KEY_MAX = 96 };

typedef struct Entry {
    char key[KEY_MAX];
    int failures;
    int64_t window_start;
} Entry;

struct Throttle {
    pthread_mutex_t lock;
    int max_failures, window_s;
    Entry slots[SLOTS];
};

Throttle *throttle_new(int max_failures, int window_s)
{
    Throttle *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    pthread_mutex_init(&t->lock, NULL);
    t->max_failures = max_failures;
    t->window_s = window_s;
    return t;
}

void throttle_free(Throttle *t)
{
    if (!t)
        return;
    pthread_mutex_destroy(&t->lock);
    free(t);
}

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* find returns key's entry, or (create) a free or the oldest slot reset to key. */
static Entry *find(Throttle *t, const char *key, int create)
{
    uint32_t h = hash(key);
    Entry *oldest = NULL;
    for (int i = 0; i < PROBES; i++) {
        Entry *e = &t->slots[(h + (uint32_t)i) % SLOTS];
        if (strncmp(e->key, key, KEY_MAX - 1) == 0 && e->key[0])
            return e;
        if (!oldest || e->window_start < oldest->window_start)
            oldest = e;
    }
    if (!create)
        return NULL;
    memset(oldest, 0, sizeof *oldest);
    size_t n = strlen(key);
    memcpy(oldest->key, key, n < KEY_MAX - 1 ? n : KEY_MAX - 1);
    return oldest;
}

int64_t throttle_blocked(Throttle *t, const char *key, int64_t now)
{
    int64_t wait = 0;
    pthread_mutex_lock(&t->lock);
    Entry *e = find(t, key, 0);
    if (e && e->failures >= t->max_failures && now < e->window_start + t->window_s)
        wait = e->window_start + t->window_s - now;
    pthread_mutex_unlock(&t->lock);
    return wait;
}

/* current returns key's entry (made if need be) with its window restarted when it is over;
 * the caller holds the lock. */
static Entry *current(Throttle *t, const char *key, int64_t now)
{
    Entry *e = find(t, key, 1);
    if (now >= e->window_start + t->window_s) {
        e->window_start = now;
        e->failures = 0;
    }
    return e;
}

void throttle_fail(Throttle *t, const char *key, int64_t now)
{
    pthread_mutex_lock(&t->lock);
    current(t, key, now)->failures++;
    pthread_mutex_unlock(&t->lock);
}

int64_t throttle_take(Throttle *t, const char *key, int64_t now)
{
    int64_t wait = 0;
    pthread_mutex_lock(&t->lock);
    Entry *e = current(t, key, now);
    if (e->failures >= t->max_failures)
        wait = e->window_start + t->window_s - now;
    else
        e->failures++;
    pthread_mutex_unlock(&t->lock);
    return wait;
}

void throttle_reset(Throttle *t, const char *key)
{
    pthread_mutex_lock(&t->lock);
    Entry *e = find(t, key, 0);
    if (e)
        memset(e, 0, sizeof *e);
    pthread_mutex_unlock(&t->lock);
}
