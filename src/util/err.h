/* err.h: error codes and the Err detail record that travels from where a failure is
 * found to the one place that renders it (HTTP status in web/, exit code in cli/).
 *
 * Functions return 0 on success or a negative ERR_* code; when they take an Err *,
 * they fill it on failure with a field name (may be "") and a message in Vietnamese
 * and in English. Err is a plain value: no allocation, fixed-size buffers. */
#ifndef MOTCUA_ERR_H
#define MOTCUA_ERR_H

enum {
    ERR_OK = 0,
    ERR_INVALID = -1,     /* bad input: 400 / 422, exit 2 */
    ERR_NOT_FOUND = -2,   /* 404 */
    ERR_CONFLICT = -3,    /* state conflict, duplicate: 409 */
    ERR_AUTH = -4,        /* not authenticated: 401 */
    ERR_FORBIDDEN = -5,   /* authenticated but not allowed: 403 */
    ERR_TOO_LARGE = -6,   /* 413 */
    ERR_THROTTLED = -7,   /* 429 */
    ERR_IO = -8,          /* storage or system failure: 500 / 503, exit 1 */
    ERR_UNAVAILABLE = -9, /* temporarily unavailable (disk full, shutting down): 503 */
    ERR_SEMANTIC = -10,   /* well-formed but not acceptable (unknown reference, illegal
                             action in this state): 422, exit 2 */
    ERR_MEDIA_TYPE = -11  /* a body or file of a type not accepted: 415 */
};

typedef struct Err {
    int code;          /* one of ERR_* */
    char field[64];    /* the input field at fault, or "" */
    char message[512]; /* Vietnamese, NFC */
    char message_en[512];
} Err;

/* err_set fills e (if not NULL) and returns code, so callers can write
 * `return err_set(e, ERR_INVALID, "unit", "Mã đơn vị không hợp lệ", "invalid unit code");`. */
int err_set(Err *e, int code, const char *field, const char *message_vi, const char *message_en);

/* err_setf is err_set with a printf-style English message and a printf-style Vietnamese
 * message sharing the same arguments is not possible in C; instead both messages are
 * formatted from their own format string with one string argument `arg` (may be NULL). */
int err_setf(Err *e, int code, const char *field, const char *fmt_vi, const char *fmt_en,
             const char *arg);

/* err_clear resets e to ERR_OK with empty strings. */
void err_clear(Err *e);

#endif
