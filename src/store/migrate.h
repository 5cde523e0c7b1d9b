/* migrate.h: numbered schema migrations (src/store/migrations/NNNN_name.sql, embedded in
 * the binary) recorded in schema_version. Shared by every backend; each backend provides
 * the two primitives below. */
#ifndef MOTCUA_MIGRATE_H
#define MOTCUA_MIGRATE_H

#include "store/store.h"

/* migrate_run brings s to the newest schema when apply is set; otherwise it only checks
 * that s is a motcua store at the newest version. Each migration runs in its own
 * transaction together with its schema_version row. */
int migrate_run(Store *s, int apply, Err *e);

/* Backend primitives. store_exec_script runs literal SQL with no parameters;
 * store_schema_record inserts the schema_version row of one migration. */
int store_exec_script(Store *s, const char *sql, Err *e);
int store_schema_record(Store *s, int version, const char *name, Err *e);

#endif
