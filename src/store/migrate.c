/* migrate.c: applies the embedded schema migrations in order (see migrate.h). */
#include "store/migrate.h"

#include "util/embed.h"

#include <stdio.h>
#include <string.h>

/* version_of parses NNNN from ".../NNNN_name.sql"; -1 when the name does not fit. */
static int version_of(const char *prefix, const char *name)
{
    const char *base = name + strlen(prefix);
    int v = 0, digits = 0;
    while (*base >= '0' && *base <= '9') {
        v = v * 10 + (*base++ - '0');
        digits++;
    }
    return digits == 4 && *base == '_' ? v : -1;
}

static int latest_version(const char *prefix)
{
    int latest = 0;
    for (const EmbeddedFile *f = embed_next(prefix, NULL); f; f = embed_next(prefix, f))
        if (version_of(prefix, f->name) > latest)
            latest = version_of(prefix, f->name);
    return latest;
}

int migrate_run(Store *s, const char *prefix, int apply, int64_t now, Err *e)
{
    int rc, current = 0;
    if (apply) {
        rc = store_exec_script(s,
                               "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER "
                               "PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
                               e);
        if (rc < 0)
            return rc;
    }
    if (store_schema_version(s, &current, e) < 0)
        return err_set(e, ERR_INVALID, "db",
                       "Không phải cơ sở dữ liệu motcua; hãy chạy motcua init",
                       "not a motcua database; run motcua init");
    int latest = latest_version(prefix);
    if (current > latest)
        return err_set(e, ERR_INVALID, "db", "Cơ sở dữ liệu mới hơn phiên bản chương trình này",
                       "the database schema is newer than this program");
    /* every migration not yet recorded, in order: not only those above the highest, so that
     * one numbered below it (work merged from another branch) is not skipped */
    for (const EmbeddedFile *f = embed_next(prefix, NULL); f; f = embed_next(prefix, f)) {
        int v = version_of(prefix, f->name);
        bool done;
        if ((rc = store_schema_applied(s, v, &done, e)) < 0)
            return rc;
        if (done)
            continue;
        if (!apply)
            return err_set(e, ERR_INVALID, "db",
                           "Cơ sở dữ liệu cần nâng cấp; hãy chạy motcua init --db ...",
                           "the database schema is out of date; run motcua init");
        if ((rc = store_begin(s, e)) < 0)
            return rc;
        rc = store_exec_script(s, (const char *)f->data, e);
        if (rc == 0)
            rc = store_schema_record(s, v, f->name + strlen(prefix), now, e);
        if (rc == 0)
            rc = store_commit(s, e);
        if (rc < 0) {
            store_rollback(s);
            return rc;
        }
    }
    return 0;
}
