/* json_fixture.h: what the JSON codec tests (test_record.c, test_dossier_json.c) share: an
 * arena made before each test and freed after it, and JSON text parsed the way the program
 * parses it (app/jsonv.c). Include it after <cmocka.h>. */
#ifndef MOTCUA_TEST_JSON_FIXTURE_H
#define MOTCUA_TEST_JSON_FIXTURE_H

#include "app/jsonv.h"
#include "util/arena.h"

#include <string.h>

static Arena *arena;

static int setup(void **state)
{
    (void)state;
    arena = arena_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_free(arena);
    return 0;
}

/* parse parses JSON text, failing the test when it is malformed. */
static json_t *parse(const char *text)
{
    json_t *o;
    Err e;
    assert_int_equal(jsonv_parse(text, strlen(text), &o, &e), 0);
    return o;
}

#endif
