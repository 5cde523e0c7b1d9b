/* writer.h: the single writer (docs/ARCHITECTURE.md §5). One thread owns the write connection;
 * request threads queue write jobs and wait. The writer takes every queued job, runs each inside
 * its own savepoint of one transaction, commits once (group commit: one fsync for the batch) and
 * then wakes every waiter. A job that fails is rolled back to its savepoint alone; a failed commit
 * fails the whole batch, so nothing unacknowledged is half-written and nothing acknowledged is
 * lost. */
#ifndef MOTCUA_WRITER_H
#define MOTCUA_WRITER_H

#include "store/store.h"
#include "util/err.h"

typedef struct Writer Writer;

/* WriteFn runs inside a write transaction on the writer connection. */
typedef int (*WriteFn)(Store *s, void *ctx, Err *e);

/* writer_start opens the write connection to db and starts the thread. */
int writer_start(const char *db, Writer **out, Err *e);

/* writer_run queues fn(ctx) and waits for the commit of its batch: 0 once it is durable, or
 * the job's own error, or ERR_UNAVAILABLE when the batch could not be committed. */
int writer_run(Writer *w, WriteFn fn, void *ctx, Err *e);

/* writer_stop finishes the queued jobs, stops the thread and closes the connection. */
void writer_stop(Writer *w);

#endif
