/* arena.h: a region allocator. Each request (and each CLI command) owns one arena; everything
 * allocated from it is freed at once by arena_free. Allocation never fails: running out of
 * memory logs a line and aborts. Not thread-safe: one arena belongs to one thread at a time. */
#ifndef MOTCUA_ARENA_H
#define MOTCUA_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Arena Arena;

/* arena_new creates an empty arena. Free it with arena_free. */
Arena *arena_new(void);

/* arena_free releases the arena and everything allocated from it. NULL is allowed. */
void arena_free(Arena *a);

/* arena_alloc returns n zeroed bytes aligned for any type, owned by a. */
void *arena_alloc(Arena *a, size_t n);

/* arena_array returns count zeroed elements of size bytes each; aborts on overflow. */
void *arena_array(Arena *a, size_t count, size_t size);

/* arena_strndup copies n bytes of s and a terminating NUL into a. */
char *arena_strndup(Arena *a, const char *s, size_t n);

/* arena_strdup copies the string s (NULL gives NULL) into a. */
char *arena_strdup(Arena *a, const char *s);

/* arena_printf formats into a new string owned by a. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* arena_vprintf is arena_printf with a va_list. */
char *arena_vprintf(Arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* arena_used returns the number of bytes handed out so far (for metrics and tests). */
size_t arena_used(const Arena *a);

#endif
