/* test_throttle.c: failure windows: blocking after the limit, expiry, reset, independence
 * of keys, a full table (eviction keeps working), and the rate limit of throttle_take. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "web/throttle.h"

#include <stdio.h>

static void test_blocks_after_limit(void **state)
{
    (void)state;
    Throttle *t = throttle_new(3, 60);
    int64_t now = 1000;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(throttle_blocked(t, "u:bob", now), 0);
        throttle_fail(t, "u:bob", now);
    }
    assert_int_equal(throttle_blocked(t, "u:bob", now), 60);
    assert_int_equal(throttle_blocked(t, "u:bob", now + 59), 1);
    assert_int_equal(throttle_blocked(t, "u:bob", now + 60), 0); /* the window has passed */
    assert_int_equal(throttle_blocked(t, "u:alice", now), 0);    /* keys are independent */
    throttle_free(t);
}

static void test_window_restarts(void **state)
{
    (void)state;
    Throttle *t = throttle_new(2, 10);
    throttle_fail(t, "k", 0);
    throttle_fail(t, "k", 11); /* the first failure has expired: count restarts */
    assert_int_equal(throttle_blocked(t, "k", 11), 0);
    throttle_fail(t, "k", 12);
    assert_true(throttle_blocked(t, "k", 12) > 0);
    throttle_reset(t, "k");
    assert_int_equal(throttle_blocked(t, "k", 12), 0);
    throttle_free(t);
}

static void test_many_keys(void **state)
{
    (void)state;
    Throttle *t = throttle_new(1, 100);
    char key[32];
    for (int i = 0; i < 50000; i++) {
        snprintf(key, sizeof key, "ip:10.0.%d.%d", i / 256, i % 256);
        throttle_fail(t, key, i);
    }
    /* the newest key is still tracked after the table filled up */
    assert_true(throttle_blocked(t, key, 50000) > 0);
    throttle_free(t);
}

static void test_take_is_a_rate_limit(void **state)
{
    (void)state;
    Throttle *t = throttle_new(3, 60);
    for (int i = 0; i < 3; i++)
        assert_int_equal(throttle_take(t, "ip:10.0.0.1", 100), 0);
    assert_int_equal(throttle_take(t, "ip:10.0.0.1", 130), 30); /* refused: counts nothing */
    assert_int_equal(throttle_take(t, "ip:10.0.0.2", 130), 0);
    assert_int_equal(throttle_take(t, "ip:10.0.0.1", 160), 0); /* a new window */
    throttle_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks_after_limit),
        cmocka_unit_test(test_take_is_a_rate_limit),
        cmocka_unit_test(test_window_restarts),
        cmocka_unit_test(test_many_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
