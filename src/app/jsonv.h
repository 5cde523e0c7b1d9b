/* jsonv.h: reading validated values out of jansson objects, shared by the interchange
 * importer and the HTTP API. Every reader checks type, range and length, says which field
 * is wrong (in Vietnamese and English) and copies strings into the caller's arena in NFC.
 * An absent key or JSON null is "absent": an error when required, else *out = NULL / 0. */
#ifndef MOTCUA_JSONV_H
#define MOTCUA_JSONV_H

#include "util/arena.h"
#include "util/err.h"

#include <jansson.h>
#include <stdint.h>

/* jsonv_only fails when obj has a key not in the NULL-terminated list allowed. */
int jsonv_only(json_t *obj, const char *const *allowed, Err *e);

/* jsonv_str reads a string of at most max bytes (after NFC) without control characters; a
 * required one must not be blank. */
int jsonv_str(Arena *a, json_t *obj, const char *key, int required, size_t max, const char **out,
              Err *e);

/* jsonv_text is jsonv_str for multi-line text: tab, newline and carriage return allowed. */
int jsonv_text(Arena *a, json_t *obj, const char *key, int required, size_t max, const char **out,
               Err *e);

/* jsonv_enum reads a string that must be one of the NULL-terminated list allowed. */
int jsonv_enum(json_t *obj, const char *key, int required, const char *const *allowed,
               const char **out, Err *e);

/* jsonv_int reads an integer within [min, max]; absent and optional leaves *out as it was. */
int jsonv_int(json_t *obj, const char *key, int required, int64_t min, int64_t max, int64_t *out,
              Err *e);

/* jsonv_bool reads true/false; absent and optional leaves *out as it was. */
int jsonv_bool(json_t *obj, const char *key, int required, int *out, Err *e);

/* jsonv_parse parses text as one JSON value with duplicate keys rejected; Err names the
 * column of a syntax error. The result is owned by the caller (json_decref). */
int jsonv_parse(const char *text, size_t len, json_t **out, Err *e);

#endif
