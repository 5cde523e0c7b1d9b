/* jsonv.c: validated readers over jansson values (see jsonv.h). */
#include "app/jsonv.h"

#include "core/vntext.h"

#include <stdio.h>
#include <string.h>

static int type_error(Err *e, const char *key, const char *vi_type, const char *en_type)
{
    char vi[200], en[200];
    snprintf(vi, sizeof vi, "Trường %s phải là %s", key, vi_type);
    snprintf(en, sizeof en, "field %s must be %s", key, en_type);
    return err_set(e, ERR_INVALID, key, vi, en);
}

static int missing(Err *e, const char *key)
{
    return err_setf(e, ERR_INVALID, key, "Thiếu trường bắt buộc %s", "missing required field %s",
                    key);
}

int jsonv_only(json_t *obj, const char *const *allowed, Err *e)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        int ok = 0;
        for (const char *const *k = allowed; *k && !ok; k++)
            ok = strcmp(*k, key) == 0;
        if (!ok) {
            char field[64];
            snprintf(field, sizeof field, "%s", key);
            return err_setf(e, ERR_INVALID, field, "Trường không được hỗ trợ: %s",
                            "unknown field: %s", field);
        }
    }
    return 0;
}

/* get returns the value of key, or NULL when absent or JSON null. */
static json_t *get(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return v && !json_is_null(v) ? v : NULL;
}

/* read_str is jsonv_str and jsonv_text: multiline allows tab, LF and CR. */
static int read_str(Arena *a, json_t *obj, const char *key, int required, size_t max, int multiline,
                    const char **out, Err *e)
{
    json_t *v = get(obj, key);
    if (!v) {
        *out = NULL;
        return required ? missing(e, key) : 0;
    }
    if (!json_is_string(v))
        return type_error(e, key, "chuỗi ký tự", "a string");
    size_t n = json_string_length(v);
    const char *s = json_string_value(v);
    char *nfc = vntext_nfc(a, s, n); /* NULL also for an embedded NUL */
    if (!nfc)
        return err_setf(e, ERR_INVALID, key, "Trường %s chứa ký tự không hợp lệ",
                        "field %s is not valid UTF-8 text", key);
    for (const unsigned char *p = (const unsigned char *)nfc; *p; p++)
        if ((*p < 0x20 && !(multiline && (*p == '\t' || *p == '\n' || *p == '\r'))) || *p == 0x7f)
            return err_setf(e, ERR_INVALID, key, "Trường %s chứa ký tự điều khiển",
                            "field %s contains control characters", key);
    size_t len = strlen(nfc);
    if (required && nfc[strspn(nfc, " \t\n\r")] == '\0')
        return missing(e, key); /* blank is as good as absent */
    if (len > max) {
        char vi[200], en[200];
        snprintf(vi, sizeof vi, "Trường %s dài quá %zu byte", key, max);
        snprintf(en, sizeof en, "field %s is longer than %zu bytes", key, max);
        return err_set(e, ERR_INVALID, key, vi, en);
    }
    *out = len ? nfc : NULL;
    return 0;
}

int jsonv_str(Arena *a, json_t *obj, const char *key, int required, size_t max, const char **out,
              Err *e)
{
    return read_str(a, obj, key, required, max, 0, out, e);
}

int jsonv_text(Arena *a, json_t *obj, const char *key, int required, size_t max, const char **out,
               Err *e)
{
    return read_str(a, obj, key, required, max, 1, out, e);
}

int jsonv_enum(json_t *obj, const char *key, int required, const char *const *allowed,
               const char **out, Err *e)
{
    json_t *v = get(obj, key);
    if (!v) {
        *out = NULL;
        return required ? missing(e, key) : 0;
    }
    if (json_is_string(v)) {
        for (const char *const *k = allowed; *k; k++) {
            if (strcmp(*k, json_string_value(v)) == 0) {
                *out = *k;
                return 0;
            }
        }
    }
    char list[400] = "", vi[sizeof e->message], en[sizeof e->message_en];
    for (const char *const *k = allowed; *k; k++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", *k);
    }
    snprintf(vi, sizeof vi, "Trường %s phải là một trong: %s", key, list);
    snprintf(en, sizeof en, "field %s must be one of: %s", key, list);
    return err_set(e, ERR_INVALID, key, vi, en);
}

int jsonv_int(json_t *obj, const char *key, int required, int64_t min, int64_t max, int64_t *out,
              Err *e)
{
    json_t *v = get(obj, key);
    if (!v)
        return required ? missing(e, key) : 0;
    if (!json_is_integer(v))
        return type_error(e, key, "số nguyên", "an integer");
    json_int_t n = json_integer_value(v);
    if (n < min || n > max) {
        char vi[200], en[200];
        snprintf(vi, sizeof vi, "Trường %s phải từ %lld đến %lld", key, (long long)min,
                 (long long)max);
        snprintf(en, sizeof en, "field %s must be between %lld and %lld", key, (long long)min,
                 (long long)max);
        return err_set(e, ERR_INVALID, key, vi, en);
    }
    *out = n;
    return 0;
}

int jsonv_bool(json_t *obj, const char *key, int required, int *out, Err *e)
{
    json_t *v = get(obj, key);
    if (!v)
        return required ? missing(e, key) : 0;
    if (!json_is_boolean(v))
        return type_error(e, key, "true hoặc false", "true or false");
    *out = json_is_true(v);
    return 0;
}

int jsonv_parse(const char *text, size_t len, json_t **out, Err *e)
{
    json_error_t je;
    json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!v) {
        char vi[256], en[256];
        snprintf(vi, sizeof vi, "JSON không hợp lệ ở cột %d: %s", je.column, je.text);
        snprintf(en, sizeof en, "invalid JSON at column %d: %s", je.column, je.text);
        return err_set(e, ERR_INVALID, "", vi, en);
    }
    *out = v;
    return 0;
}
