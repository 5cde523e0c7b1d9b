/* migrate.h: numbered schema migrations (src/store/migrations/NNNN_name.sql for SQLite,
 * src/store/migrations_pg/ for PostgreSQL, embedded in the binary) recorded in
 * schema_version. A number means the same schema change on both engines. */
#ifndef MOTCUA_MIGRATE_H
#define MOTCUA_MIGRATE_H

#include "store/store.h"

/* migrate_run brings s to the newest schema of the migrations embedded under prefix when apply is
 * set: it applies, in order, every migration not recorded yet, each recorded as applied at now;
 * otherwise it only checks that s is a motcua store with every migration applied. Each migration
 * runs in its own transaction together with its schema_version row, through the backend's
 * exec_script and schema_record operations. */
int migrate_run(Store *s, const char *prefix, int apply, int64_t now, Err *e);

#endif
