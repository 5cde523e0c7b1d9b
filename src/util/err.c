/* err.c: filling Err records (see err.h). */
#include "util/err.h"

#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

static void copy_str(char *dst, size_t cap, const char *src)
{
    /* too long: cut, but not in the middle of a UTF-8 sequence */
    size_t n = src ? utf8_cut(src, strlen(src), cap - 1) : 0;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

int err_set(Err *e, int code, const char *field, const char *message_vi, const char *message_en)
{
    if (e) {
        e->code = code;
        copy_str(e->field, sizeof e->field, field);
        copy_str(e->message, sizeof e->message, message_vi);
        copy_str(e->message_en, sizeof e->message_en, message_en);
    }
    return code;
}

int err_setf(Err *e, int code, const char *field, const char *fmt_vi, const char *fmt_en,
             const char *arg)
{
    char vi[256], en[256];
    if (!arg)
        arg = "";
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(vi, sizeof vi, fmt_vi, arg);
    snprintf(en, sizeof en, fmt_en, arg);
#pragma GCC diagnostic pop
    return err_set(e, code, field, vi, en);
}

void err_clear(Err *e)
{
    if (e)
        err_set(e, ERR_OK, "", "", "");
}
