/* test_arena.c: the region allocator: alignment, zeroing, large blocks, string helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/arena.h"

#include <stdalign.h>
#include <string.h>

static void test_alloc_is_zeroed_and_aligned(void **state)
{
    (void)state;
    Arena *a = arena_new();
    for (size_t n = 1; n < 3000; n += 7) {
        unsigned char *p = arena_alloc(a, n);
        assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xAB, n); /* ASan reports any overlap or overflow */
    }
    arena_free(a);
}

static void test_large_allocation_keeps_small_block(void **state)
{
    (void)state;
    Arena *a = arena_new();
    char *small1 = arena_alloc(a, 16);
    char *big = arena_alloc(a, 1 << 20);
    char *small2 = arena_alloc(a, 16);
    memset(big, 1, 1 << 20);
    /* the small allocations come from the same block, one after the other */
    assert_int_equal(small2 - small1, 16);
    assert_true(arena_used(a) >= (1 << 20) + 32);
    arena_free(a);
}

static void test_strings(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(arena_strdup(a, "Quảng Trị"), "Quảng Trị");
    assert_null(arena_strdup(a, NULL));
    assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
    assert_string_equal(arena_printf(a, "%s-%06d-%04d", "000.00.00.H50", 231002, 1),
                        "000.00.00.H50-231002-0001");
    char big[5000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_string_equal(arena_printf(a, "%s", big), big);
    arena_free(a);
}

static void test_array_zero_count(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_non_null(arena_array(a, 0, 8));
    int *xs = arena_array(a, 100, sizeof(int));
    for (int i = 0; i < 100; i++)
        assert_int_equal(xs[i], 0);
    arena_free(a);
    arena_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_is_zeroed_and_aligned),
        cmocka_unit_test(test_large_allocation_keeps_small_block),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_array_zero_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
