/* store.c: the store's entry points that are not operations of a backend: picking the
 * backend from a URL, and closing a connection with its cache slot (see store.h). */
#include "store/store.h"

#include "store/sqlite_int.h"

#include <string.h>

/* postgres_url: url names a PostgreSQL database. */
static int postgres_url(const char *url, Err *e)
{
    if (strncmp(url, "postgresql://", 13) != 0 && strncmp(url, "postgres://", 11) != 0)
        return 0;
    return err_set(e, ERR_INVALID, "db", "Chưa hỗ trợ PostgreSQL trong phiên bản này",
                   "the PostgreSQL backend is not available in this version");
}

int store_open(const char *url, StoreMode mode, Store **out, Err *e)
{
    int rc = postgres_url(url, e);
    return rc < 0 ? rc : sq_open(url, mode, 0, out, e);
}

int store_create(const char *url, int64_t now, Store **out, Err *e)
{
    int rc = postgres_url(url, e);
    return rc < 0 ? rc : sq_open(url, SQ_CREATE, now, out, e);
}

void store_close(Store *s)
{
    if (!s)
        return;
    if (s->cache_free)
        s->cache_free(s->cache);
    s->ops->close(s);
}
