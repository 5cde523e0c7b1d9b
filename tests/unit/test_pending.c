/* test_pending.c: pending uploads (app/pending.h) on a real SQLite store and document folder in
 * a temporary directory: the form token's shape, a parked file found only with its own token
 * and only while its file is there, a post of the same form keeping it alive, and the sweep:
 * nothing before PENDING_KEEP, then rows and files, PENDING_BATCH at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/pending.h"
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char TOKEN[] = "Ijqvc_0Y9QB1OcsiFUYWoZquUBhXMfx2xOZ8h10XKXs";
static const char OTHER[] = "NpfSRmBA63kDyXjNGxFtkvjRh_gkb7XKqm4ViNfxnow";
static const char SHA[] = "56c2ac043c28d3543275a6f50b593a6beb0b6888ed8159ac02e3e7f4a32ccb26";
enum { T0 = 1775000000 };

/* A store, its document folder and an arena for what the tests read. */
typedef struct Test {
    Fixture *store;
    Store *s;
    char files[128];
    Arena *a;
} Test;

static int setup(void **state)
{
    Test *f = calloc(1, sizeof *f);
    f->store = fixture_new(T0);
    f->s = f->store->s;
    snprintf(f->files, sizeof f->files, "%s.files", f->store->db);
    f->a = arena_new();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Test *f = *state;
    char pending[160];
    snprintf(pending, sizeof pending, "%s/pending", f->files);
    rmdir(pending); /* emptied by each test */
    rmdir(f->files);
    fixture_free(f->store);
    arena_free(f->a);
    free(f);
    return 0;
}

/* park writes a temporary file of size bytes and keeps it as the pending upload sha256 of
 * token, posted at `at`. */
static void park(Test *f, const char *token, const char *sha256, int64_t size, int64_t at)
{
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%s/upload", f->store->dir);
    FILE *out = fopen(tmp, "w");
    assert_non_null(out);
    for (int64_t i = 0; i < size; i++)
        fputc('x', out);
    fclose(out);
    PendingUpload u = {.token = token,
                       .sha256 = sha256,
                       .filename = "ảnh chụp.jpg",
                       .mime = "image/jpeg",
                       .size = size,
                       .created_at = at};
    Err e;
    assert_int_equal(pending_park(f->a, f->files, tmp, &u, &e), 0);
    assert_int_equal(store_begin(f->s, &e), 0);
    assert_int_equal(pending_record(f->s, &u, &e), 0);
    assert_int_equal(store_commit(f->s, &e), 0);
}

static long sweep(Test *f, int64_t now)
{
    Err e;
    long n = -1;
    assert_int_equal(store_begin(f->s, &e), 0);
    assert_int_equal(pending_sweep(f->s, f->files, now, &n, &e), 0);
    assert_int_equal(store_commit(f->s, &e), 0);
    return n;
}

static int found(Test *f, const char *token, const char *sha256)
{
    PendingUpload u;
    Err e;
    int rc = pending_find(f->s, f->a, f->files, token, sha256, &u, &e);
    if (rc == 0) {
        assert_string_equal(u.filename, "ảnh chụp.jpg");
        assert_string_equal(u.mime, "image/jpeg");
    } else {
        assert_int_equal(rc, ERR_NOT_FOUND);
    }
    return rc == 0;
}

static void test_token_shape(void **state)
{
    (void)state;
    assert_true(pending_valid_token(TOKEN));
    assert_false(pending_valid_token(NULL));
    assert_false(pending_valid_token(""));
    assert_false(pending_valid_token("Ijqvc_0Y9QB1OcsiFUYWoZquUBhXMfx2xOZ8h10XKX"));   /* 42 */
    assert_false(pending_valid_token("Ijqvc_0Y9QB1OcsiFUYWoZquUBhXMfx2xOZ8h10XKXss")); /* 44 */
    assert_false(pending_valid_token("Ijqvc/0Y9QB1OcsiFUYWoZquUBhXMfx2xOZ8h10XKXs"));  /* a path */
    assert_false(pending_valid_token("Ijqvc.0Y9QB1OcsiFUYWoZquUBhXMfx2xOZ8h10XKXs"));
}

static void test_found_with_its_token_while_its_file_is_there(void **state)
{
    Test *f = *state;
    park(f, TOKEN, SHA, 3, T0);
    assert_true(found(f, TOKEN, SHA));
    assert_false(found(f, OTHER, SHA));                /* another form's token */
    assert_false(found(f, "../../etc", SHA));          /* not a token */
    assert_false(found(f, TOKEN, "56c2ac043c28d354")); /* not a SHA-256 */
    unlink(pending_path(f->a, f->files, TOKEN, SHA));
    assert_false(found(f, TOKEN, SHA)); /* its file gone: as if swept */
}

static void test_swept_a_day_after_the_last_post(void **state)
{
    Test *f = *state;
    park(f, TOKEN, SHA, 5, T0);
    park(f, OTHER, SHA, 5, T0 + 3600);
    assert_int_equal(sweep(f, T0 + PENDING_KEEP), 0); /* a day, not more: kept */
    park(f, TOKEN, SHA, 5, T0 + 7200);                /* the form posted again */
    assert_int_equal(sweep(f, T0 + 3600 + PENDING_KEEP + 1), 1);
    assert_false(found(f, OTHER, SHA));
    struct stat sb;
    assert_int_equal(stat(pending_path(f->a, f->files, OTHER, SHA), &sb), -1);
    assert_true(found(f, TOKEN, SHA));
    assert_int_equal(sweep(f, T0 + 7200 + PENDING_KEEP + 1), 1);
    assert_false(found(f, TOKEN, SHA));
    assert_int_equal(stat(pending_path(f->a, f->files, TOKEN, SHA), &sb), -1);
}

static void test_swept_a_batch_at_a_time(void **state)
{
    Test *f = *state;
    char sha[65];
    for (int i = 0; i <= PENDING_BATCH; i++) {
        snprintf(sha, sizeof sha, "%064x", i);
        park(f, TOKEN, sha, 1, T0 + i);
    }
    int64_t late = T0 + PENDING_BATCH + PENDING_KEEP + 1;
    assert_int_equal(sweep(f, late), PENDING_BATCH);
    assert_int_equal(sweep(f, late), 1);
    assert_int_equal(sweep(f, late), 0);
    snprintf(sha, sizeof sha, "%064x", PENDING_BATCH);
    assert_false(found(f, TOKEN, sha));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_shape),
        cmocka_unit_test_setup_teardown(test_found_with_its_token_while_its_file_is_there, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_swept_a_day_after_the_last_post, setup, teardown),
        cmocka_unit_test_setup_teardown(test_swept_a_batch_at_a_time, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
