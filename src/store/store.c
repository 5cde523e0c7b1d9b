/* store.c: the store's entry points that are not operations of a backend: picking the
 * backend from a URL, failing an operation a backend lacks, and closing a connection with its cache
 * slot (see store.h). */
#include "store/store.h"

#include "store/postgres_int.h"
#include "store/sqlite_int.h"

#include <string.h>

/* postgres_url: url names a PostgreSQL database. */
static int postgres_url(const char *url)
{
    return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

int store_open(const char *url, StoreMode mode, Store **out, Err *e)
{
    return postgres_url(url) ? pg_open(url, mode, 0, out, e) : sq_open(url, mode, 0, out, e);
}

int store_create(const char *url, int64_t now, Store **out, Err *e)
{
    return postgres_url(url) ? pg_open(url, PG_CREATE, now, out, e)
                             : sq_open(url, SQ_CREATE, now, out, e);
}

bool store_is_file(const char *url)
{
    return !postgres_url(url);
}

int store_missing(const char *op, Err *e)
{
    return err_setf(e, ERR_UNAVAILABLE, "db",
                    "Chức năng này chưa có trên loại cơ sở dữ liệu đang dùng (%s)",
                    "this store's backend does not implement %s yet", op);
}

void store_close(Store *s)
{
    if (!s)
        return;
    if (s->cache_free)
        s->cache_free(s->cache);
    s->ops->close(s);
}
