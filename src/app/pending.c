/* pending.c: files of failed form posts kept for the form's next post (see pending.h). */
#include "app/pending.h"

#include "store/files.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { TOKEN_LEN = 43 };

int pending_valid_token(const char *token)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    return token && strlen(token) == TOKEN_LEN && strspn(token, alphabet) == TOKEN_LEN;
}

char *pending_path(Arena *a, const char *dir, const char *token, const char *sha256)
{
    return arena_printf(a, "%s/pending/%s.%s", dir, token, sha256);
}

int pending_park(Arena *a, const char *dir, const char *tmp, const PendingUpload *u, Err *e)
{
    const char *folder = arena_printf(a, "%s/pending", dir);
    if ((mkdir(dir, 0700) < 0 && errno != EEXIST) || (mkdir(folder, 0700) < 0 && errno != EEXIST) ||
        rename(tmp, pending_path(a, dir, u->token, u->sha256)) < 0) {
        char en[256];
        snprintf(en, sizeof en, "cannot keep an upload in %s: %s", folder, strerror(errno));
        return err_set(e, ERR_UNAVAILABLE, "file", "Không giữ được tệp tải lên", en);
    }
    return 0;
}

int pending_record(Store *s, const PendingUpload *u, Err *e)
{
    return store_pending_put(s, u, e);
}

int pending_find(Store *s, Arena *a, const char *dir, const char *token, const char *sha256,
                 PendingUpload *out, Err *e)
{
    struct stat sb;
    PendingUpload u;
    if (!pending_valid_token(token) || !files_valid_sha256(sha256))
        return err_set(e, ERR_NOT_FOUND, "file", "Không có tệp đã tải lên này",
                       "no such pending upload");
    int rc = store_pending_get(s, a, token, sha256, &u, e);
    if (rc < 0)
        return rc;
    if (stat(pending_path(a, dir, token, sha256), &sb) < 0 || (int64_t)sb.st_size != u.size)
        return err_set(e, ERR_NOT_FOUND, "file", "Tệp đã tải lên không còn trên máy chủ",
                       "the pending upload's file is gone");
    *out = u;
    return 0;
}

int pending_sweep(Store *s, const char *dir, int64_t now, long *out_n, Err *e)
{
    Arena *a = arena_new();
    PendingUpload *old;
    size_t n;
    int rc = store_pending_expire(s, a, now - PENDING_KEEP, PENDING_BATCH, &old, &n, e);
    /* the files go with their rows, inside the write: should it roll back, a row names a file
     * that has gone, which pending_find reports as gone, as if swept */
    for (size_t i = 0; rc == 0 && i < n; i++)
        unlink(pending_path(a, dir, old[i].token, old[i].sha256));
    arena_free(a);
    if (rc == 0)
        *out_n = (long)n;
    return rc;
}
