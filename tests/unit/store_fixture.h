/* store_fixture.h: a fresh SQLite store in a temporary folder of its own, for the unit tests
 * that need a real store (test_dossiers.c, test_pending.c). Include it after <cmocka.h>. */
#ifndef MOTCUA_TEST_STORE_FIXTURE_H
#define MOTCUA_TEST_STORE_FIXTURE_H

#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct Fixture {
    char dir[64], db[96]; /* the folder, and the store's file in it */
    Store *s;
} Fixture;

/* fixture_new makes the folder and a store in it, its migrations recorded at now. */
static inline Fixture *fixture_new(int64_t now)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "/tmp/motcua-test-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    Err e;
    assert_int_equal(store_create(f->db, now, &f->s, &e), 0);
    return f;
}

/* fixture_free closes the store and removes it and the folder, which holds nothing else by
 * then. */
static inline void fixture_free(Fixture *f)
{
    store_close(f->s);
    char path[128];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", f->db, suffix[i]);
        unlink(path);
    }
    rmdir(f->dir);
    free(f);
}

#endif
