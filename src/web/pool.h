/* pool.h: a fixed set of threads that run queued work items in arrival order. The server
 * hands it the requests that may write (docs/ARCHITECTURE.md §5): each of them waits while the
 * single writer commits, so they must not hold up libmicrohttpd's event threads, and as many as the
 * pool has threads can share one group commit. */
#ifndef MOTCUA_POOL_H
#define MOTCUA_POOL_H

typedef struct Pool Pool;

/* pool_start starts n threads that call run(item) for each pushed item; NULL if no thread
 * could be started. */
Pool *pool_start(unsigned n, void (*run)(void *item));

/* pool_push queues item; a thread of the pool runs it as soon as one is free. */
void pool_push(Pool *p, void *item);

/* pool_stop runs every item still queued, then stops the threads and frees the pool. */
void pool_stop(Pool *p);

#endif
