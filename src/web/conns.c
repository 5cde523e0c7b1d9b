/* conns.c: per-address connection caps and request deadlines (see conns.h). The records of
 * open connections form one list under a mutex; per-address counts live in a small
 * open-addressed table under the same mutex. The reaper shuts a socket down only while its
 * record is listed, which the CLOSED notification undoes before libmicrohttpd closes the
 * socket: a descriptor number is never touched after it could have been reused. */
#include "web/conns.h"

#include "util/log.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

enum { SLOTS = 8192 }; /* more than the server's connection limit: the table never fills */

struct Conn {
    Conn *prev, *next;
    int fd;
    NetAddr addr;
    int counted;               /* counted against its address */
    _Atomic int64_t mark;      /* monotonic ms the current request's deadline runs from */
    _Atomic uint64_t received; /* body bytes of the current request */
    _Atomic int waiting;       /* 1 while a request is awaited or arriving */
};

typedef struct Slot {
    NetAddr addr;
    unsigned n; /* 0: free */
} Slot;

struct Conns {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t reaper;
    int stopping;
    unsigned per_address, deadline_s, min_rate;
    int64_t refusal_logged; /* ms of the last refusal logged: one a second at most */
    NetList exempt;
    Conn *head;
    Slot slots[SLOTS];
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint32_t hash(const NetAddr *a)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < sizeof a->b; i++)
        h = (h ^ a->b[i]) * 16777619u;
    return h;
}

/* slot returns addr's slot, or (create) a free one claimed for it; NULL when there is none.
 * Deleting keeps probe chains whole: a slot whose count falls to 0 keeps its address until
 * reused by the same one, so lookups walk past it (the table is large and the addresses of
 * a day are few). */
static Slot *slot(Conns *cs, const NetAddr *addr, int create)
{
    uint32_t h = hash(addr);
    Slot *free_slot = NULL;
    for (uint32_t i = 0; i < SLOTS; i++) {
        Slot *s = &cs->slots[(h + i) % SLOTS];
        if (memcmp(&s->addr, addr, sizeof *addr) == 0 && (s->n || create))
            return s;
        if (!s->n && !free_slot)
            free_slot = s;
        if (!s->n && memcmp(&s->addr, &(NetAddr){0}, sizeof *addr) == 0)
            break; /* never used: the chain ends here */
    }
    if (create && free_slot)
        free_slot->addr = *addr;
    return create ? free_slot : NULL;
}

/* reap shuts down every listed connection whose request is past its deadline at now (ms). */
static void reap(Conns *cs, int64_t now)
{
    for (Conn *c = cs->head; c; c = c->next) {
        if (!atomic_load(&c->waiting))
            continue;
        int64_t due =
            atomic_load(&c->mark) + (int64_t)cs->deadline_s * 1000 +
            (int64_t)(atomic_load(&c->received) * 1000 / (cs->min_rate ? cs->min_rate : 1));
        if (now < due)
            continue;
        /* also an idle keep-alive connection that sent nothing since its last answer: an
         * information, not a warning */
        char text[NETADDR_TEXT];
        netaddr_format(&c->addr, text);
        LOG_INFO("closing a connection from %s: no whole request within %u s", text,
                 cs->deadline_s);
        atomic_store(&c->waiting, 0); /* once */
        shutdown(c->fd, SHUT_RDWR);
    }
}

static void *reaper(void *arg)
{
    Conns *cs = arg;
    pthread_mutex_lock(&cs->lock);
    while (!cs->stopping) {
        reap(cs, now_ms());
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&cs->wake, &cs->lock, &until);
    }
    pthread_mutex_unlock(&cs->lock);
    return NULL;
}

Conns *conns_start(unsigned per_address, unsigned deadline_s, unsigned min_rate,
                   const NetList *exempt)
{
    Conns *cs = calloc(1, sizeof *cs);
    if (!cs)
        abort();
    cs->per_address = per_address;
    cs->deadline_s = deadline_s;
    cs->min_rate = min_rate;
    if (exempt)
        cs->exempt = *exempt;
    pthread_mutex_init(&cs->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&cs->wake, &attr);
    pthread_condattr_destroy(&attr);
    if (pthread_create(&cs->reaper, NULL, reaper, cs) != 0) {
        pthread_cond_destroy(&cs->wake);
        pthread_mutex_destroy(&cs->lock);
        free(cs);
        return NULL;
    }
    return cs;
}

void conns_stop(Conns *cs)
{
    if (!cs)
        return;
    pthread_mutex_lock(&cs->lock);
    cs->stopping = 1;
    pthread_cond_signal(&cs->wake);
    pthread_mutex_unlock(&cs->lock);
    pthread_join(cs->reaper, NULL);
    while (cs->head) /* libmicrohttpd has closed every connection: nothing should remain */
        conns_close(cs, cs->head);
    pthread_cond_destroy(&cs->wake);
    pthread_mutex_destroy(&cs->lock);
    free(cs);
}

int conns_admit(Conns *cs, const NetAddr *addr)
{
    if (!cs->per_address || netlist_has(&cs->exempt, addr))
        return 1;
    int64_t now = now_ms();
    pthread_mutex_lock(&cs->lock);
    Slot *s = slot(cs, addr, 0);
    int ok = !s || s->n < cs->per_address;
    int log = !ok && now - cs->refusal_logged >= 1000; /* a flood logs once a second */
    if (log)
        cs->refusal_logged = now;
    pthread_mutex_unlock(&cs->lock);
    if (log) {
        char text[NETADDR_TEXT];
        netaddr_format(addr, text);
        LOG_WARN("refusing connections from %s: it has %u open already", text, cs->per_address);
    }
    return ok;
}

Conn *conns_open(Conns *cs, const NetAddr *addr, int fd)
{
    Conn *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->fd = fd;
    c->addr = *addr;
    atomic_store(&c->mark, now_ms());
    atomic_store(&c->waiting, 1);
    pthread_mutex_lock(&cs->lock);
    if (cs->per_address && !netlist_has(&cs->exempt, addr)) {
        Slot *s = slot(cs, addr, 1);
        if (s) {
            s->n++;
            c->counted = 1;
            /* the accept policy's look and this count are not one step: threads accepting
             * at once may pass it together; past the cap, the socket goes at once */
            if (s->n > cs->per_address) {
                atomic_store(&c->waiting, 0);
                shutdown(fd, SHUT_RDWR);
            }
        }
    }
    c->next = cs->head;
    if (cs->head)
        cs->head->prev = c;
    cs->head = c;
    pthread_mutex_unlock(&cs->lock);
    return c;
}

void conns_close(Conns *cs, Conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&cs->lock);
    if (c->counted) {
        Slot *s = slot(cs, &c->addr, 0);
        if (s)
            s->n--;
    }
    if (c->prev)
        c->prev->next = c->next;
    else
        cs->head = c->next;
    if (c->next)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&cs->lock);
    free(c);
}

void conns_received(Conn *c, uint64_t n)
{
    if (c)
        atomic_fetch_add(&c->received, n);
}

void conns_arrived(Conn *c)
{
    if (c)
        atomic_store(&c->waiting, 0);
}

void conns_answered(Conn *c)
{
    if (!c)
        return;
    atomic_store(&c->received, 0);
    atomic_store(&c->mark, now_ms());
    atomic_store(&c->waiting, 1);
}
