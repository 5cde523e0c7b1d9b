/* migrate.h: numbered schema migrations (src/store/migrations/NNNN_name.sql, embedded in
 * the binary) recorded in schema_version. */
#ifndef MOTCUA_MIGRATE_H
#define MOTCUA_MIGRATE_H

#include "store/store.h"

/* migrate_run brings s to the newest schema when apply is set: it applies, in order, every
 * migration not recorded yet, each recorded as applied at now; otherwise it only checks that s
 * is a motcua store with every migration applied.
 * Each migration runs in its own transaction together with its schema_version row, through
 * the backend's exec_script and schema_record operations. */
int migrate_run(Store *s, int apply, int64_t now, Err *e);

#endif
