/* test_router.c: route matching (literals, placeholders, 404 vs 405, HEAD as GET) and the
 * sanity of the application's route table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "web/metrics.h"
#include "web/router.h"
#include "web/routes.h"

#include <string.h>

static int h_a(Request *req, Response *res)
{
    (void)req, (void)res;
    return 0;
}

static int h_b(Request *req, Response *res)
{
    (void)req, (void)res;
    return 1;
}

static const Route table[] = {
    {"GET", "/healthz", h_a, 0},
    {"GET", "/api/v1/dossiers", h_a, 0},
    {"POST", "/api/v1/dossiers", h_b, 0},
    {"GET", "/api/v1/dossiers/{code}", h_a, 0},
    {"POST", "/api/v1/dossiers/{code}/events", h_b, 0},
    {"GET", "/api/v1/units/{unit}/users/{name}", h_a, 0},
};
static const size_t n_table = sizeof table / sizeof table[0];

static RouteResult match(const char *method, const char *path, Arena *a, const char **params,
                         int *np, size_t *idx)
{
    return router_match(table, n_table, method, path, a, params, np, idx);
}

static void test_literal_and_params(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *params[HTTP_MAX_PARAMS];
    int np = -1;
    size_t idx = 99;
    assert_int_equal(match("GET", "/healthz", a, params, &np, &idx), ROUTE_FOUND);
    assert_int_equal(idx, 0);
    assert_int_equal(np, 0);
    assert_int_equal(match("POST", "/api/v1/dossiers", a, params, &np, &idx), ROUTE_FOUND);
    assert_int_equal(idx, 2);
    assert_int_equal(
        match("GET", "/api/v1/dossiers/000.00.00.H50-231002-0001", a, params, &np, &idx),
        ROUTE_FOUND);
    assert_int_equal(idx, 3);
    assert_int_equal(np, 1);
    assert_string_equal(params[0], "000.00.00.H50-231002-0001");
    assert_int_equal(match("POST", "/api/v1/dossiers/X-1/events", a, params, &np, &idx),
                     ROUTE_FOUND);
    assert_int_equal(idx, 4);
    assert_string_equal(params[0], "X-1");
    assert_int_equal(match("GET", "/api/v1/units/U1/users/bob", a, params, &np, &idx), ROUTE_FOUND);
    assert_int_equal(np, 2);
    assert_string_equal(params[0], "U1");
    assert_string_equal(params[1], "bob");
    arena_free(a);
}

static void test_not_found_and_method(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *params[HTTP_MAX_PARAMS];
    int np;
    size_t idx;
    assert_int_equal(match("GET", "/nope", a, params, &np, &idx), ROUTE_NO_PATH);
    assert_int_equal(match("GET", "/healthz/", a, params, &np, &idx), ROUTE_NO_PATH);
    assert_int_equal(match("GET", "/healthzz", a, params, &np, &idx), ROUTE_NO_PATH);
    assert_int_equal(match("GET", "/api/v1/dossiers/", a, params, &np, &idx), ROUTE_NO_PATH);
    assert_int_equal(match("GET", "/api/v1/dossiers//events", a, params, &np, &idx), ROUTE_NO_PATH);
    assert_int_equal(match("GET", "", a, params, &np, &idx), ROUTE_NO_PATH);
    assert_int_equal(match("DELETE", "/healthz", a, params, &np, &idx), ROUTE_NO_METHOD);
    assert_int_equal(match("PUT", "/api/v1/dossiers/X", a, params, &np, &idx), ROUTE_NO_METHOD);
    assert_int_equal(match("HEAD", "/healthz", a, params, &np, &idx), ROUTE_FOUND);
    arena_free(a);
}

static void test_application_routes(void **state)
{
    (void)state;
    /* every route is reachable: no (method, pattern) pair shadows a later one; metrics count
     * each route (and "no route") separately */
    assert_true(n_routes > 0);
    assert_true(n_routes < METRICS_MAX_ROUTES);
    for (size_t i = 0; i < n_routes; i++) {
        assert_true(routes[i].pattern[0] == '/');
        assert_non_null(routes[i].handler);
        for (size_t j = i + 1; j < n_routes; j++)
            assert_false(strcmp(routes[i].method, routes[j].method) == 0 &&
                         strcmp(routes[i].pattern, routes[j].pattern) == 0);
    }
    Arena *a = arena_new();
    const char *params[HTTP_MAX_PARAMS];
    int np;
    size_t idx;
    assert_int_equal(
        router_match(routes, n_routes, "POST", "/api/v1/session", a, params, &np, &idx),
        ROUTE_FOUND);
    assert_true(routes[idx].flags & ROUTE_NO_CSRF);
    assert_int_equal(
        router_match(routes, n_routes, "DELETE", "/api/v1/session", a, params, &np, &idx),
        ROUTE_FOUND);
    assert_false(routes[idx].flags & ROUTE_NO_CSRF);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_and_params),
        cmocka_unit_test(test_not_found_and_method),
        cmocka_unit_test(test_application_routes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
