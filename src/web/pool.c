/* pool.c: the thread pool of pool.h: one mutex-protected FIFO, threads waiting on a
 * condition variable. Items are linked through a small node allocated per push. */
#include "web/pool.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct Node {
    void *item;
    struct Node *next;
} Node;

struct Pool {
    void (*run)(void *item);
    pthread_mutex_t lock;
    pthread_cond_t work;
    Node *head, *tail;
    int stopping;
    unsigned n;
    pthread_t threads[];
};

static void *loop(void *arg)
{
    Pool *p = arg;
    pthread_setname_np(pthread_self(), "request"); /* as top -H and perf show it */
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->head && !p->stopping)
            pthread_cond_wait(&p->work, &p->lock);
        Node *node = p->head;
        if (!node)
            break;
        p->head = node->next;
        if (!p->head)
            p->tail = NULL;
        pthread_mutex_unlock(&p->lock);
        p->run(node->item);
        free(node);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

Pool *pool_start(unsigned n, void (*run)(void *item))
{
    Pool *p = calloc(1, sizeof *p + n * sizeof(pthread_t));
    if (!p)
        abort();
    p->run = run;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    for (; p->n < n; p->n++)
        if (pthread_create(&p->threads[p->n], NULL, loop, p) != 0)
            break;
    if (p->n == 0) {
        pool_stop(p);
        return NULL;
    }
    return p;
}

void pool_push(Pool *p, void *item)
{
    Node *node = malloc(sizeof *node);
    if (!node)
        abort();
    node->item = item;
    node->next = NULL;
    pthread_mutex_lock(&p->lock);
    if (p->tail)
        p->tail->next = node;
    else
        p->head = node;
    p->tail = node;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
}

void pool_stop(Pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->n; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->work);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
