/* files.c: the content-addressed document folder (see files.h). */
#include "store/files.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int files_valid_sha256(const char *s)
{
    if (!s || strlen(s) != 64)
        return 0;
    return strspn(s, "0123456789abcdef") == 64;
}

char *files_path(Arena *a, const char *dir, const char *sha256)
{
    return arena_printf(a, "%s/%.2s/%s", dir, sha256, sha256 + 2);
}

/* sync_path fsyncs a file or folder by name. */
static int sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

static int fs_fail(Err *e, const char *what, const char *path)
{
    char en[256];
    snprintf(en, sizeof en, "cannot %s %s: %s", what, path, strerror(errno));
    return err_set(e, ERR_UNAVAILABLE, "file", "Không lưu được tệp vào kho tài liệu", en);
}

int files_link(Arena *a, const char *dir, const char *src, const char *sha256, int *out_duplicate,
               Err *e)
{
    assert(files_valid_sha256(sha256));
    const char *sub = arena_printf(a, "%s/%.2s", dir, sha256);
    const char *path = files_path(a, dir, sha256);
    if (sync_path(src, O_RDONLY) < 0) {
        if (errno == ENOENT)
            return err_set(e, ERR_NOT_FOUND, "file", "Tệp tải lên không còn trên máy chủ",
                           "the uploaded file is gone");
        return fs_fail(e, "sync", src);
    }
    int made = mkdir(sub, 0700) == 0;
    if (!made && errno != EEXIST)
        return fs_fail(e, "create", sub);
    /* link, unlike rename, never replaces a file already stored under this name */
    int duplicate = 0;
    if (link(src, path) < 0) {
        if (errno != EEXIST)
            return fs_fail(e, "store", path);
        duplicate = 1;
    }
    if (sync_path(sub, O_RDONLY | O_DIRECTORY) < 0 ||
        (made && sync_path(dir, O_RDONLY | O_DIRECTORY) < 0))
        return fs_fail(e, "sync", sub);
    *out_duplicate = duplicate;
    return 0;
}

int files_keep(Arena *a, const char *dir, const char *tmp, const char *sha256, int *out_duplicate,
               Err *e)
{
    int rc = files_link(a, dir, tmp, sha256, out_duplicate, e);
    if (rc == 0)
        unlink(tmp);
    return rc;
}

/* copy_bytes copies the file from into a new file to; -1 (to removed) on failure. */
static int copy_bytes(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, rc = -1;
    if (in >= 0)
        out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (in >= 0 && out >= 0) {
        char buf[64 * 1024];
        ssize_t got;
        rc = 0;
        while (rc == 0 && ((got = read(in, buf, sizeof buf)) != 0)) {
            if (got < 0) {
                rc = errno == EINTR ? 0 : -1;
                continue;
            }
            for (ssize_t done = 0; rc == 0 && done < got;) {
                ssize_t n = write(out, buf + done, (size_t)(got - done));
                if (n < 0 && errno != EINTR)
                    rc = -1;
                done += n > 0 ? n : 0;
            }
        }
    }
    if (out >= 0 && close(out) < 0)
        rc = -1;
    if (in >= 0)
        close(in);
    if (rc < 0)
        unlink(to);
    return rc;
}

int files_copy(Arena *a, const char *from, const char *to, const char *sha256, int64_t size,
               int *out_copied, Err *e)
{
    const char *dst = files_path(a, to, sha256), *src = files_path(a, from, sha256);
    struct stat sb;
    *out_copied = 0;
    if (stat(dst, &sb) == 0 && (int64_t)sb.st_size == size)
        return 0;
    if (mkdir(to, 0700) < 0 && errno != EEXIST)
        return fs_fail(e, "create", to);
    /* a temporary copy beside the folder, put in place (and made durable) as an upload is */
    const char *tmp = arena_printf(a, "%s/.copy-%s", to, sha256);
    int duplicate;
    if (copy_bytes(src, tmp) < 0)
        return fs_fail(e, "copy", src);
    int rc = files_keep(a, to, tmp, sha256, &duplicate, e);
    *out_copied = rc == 0;
    return rc;
}

/* file_digest computes the SHA-256 (hex) and size of the file at path; -1 if unreadable. */
static int file_digest(const char *path, char hex[65], int64_t *out_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char *buf = malloc(64 * 1024);
    if (!buf)
        abort();
    int64_t size = 0;
    ssize_t got;
    while ((got = read(fd, buf, 64 * 1024)) > 0 || (got < 0 && errno == EINTR)) {
        if (got < 0)
            continue;
        crypto_hash_sha256_update(&st, buf, (size_t)got);
        size += got;
    }
    free(buf);
    close(fd);
    if (got < 0)
        return -1;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(hex, 65, digest, sizeof digest);
    *out_size = size;
    return 0;
}

const char *files_check(Arena *a, const char *dir, const char *sha256, int64_t size)
{
    const char *path = files_path(a, dir, sha256);
    char hex[65];
    int64_t got;
    struct stat sb;
    if (stat(path, &sb) < 0)
        return "thiếu tệp / file is missing";
    if ((int64_t)sb.st_size != size)
        return "kích thước tệp khác với bản ghi / file size differs from the record";
    if (file_digest(path, hex, &got) < 0)
        return "không đọc được tệp / file cannot be read";
    if (got != size || strcmp(hex, sha256) != 0)
        return "nội dung tệp không khớp SHA-256 (bị sửa hoặc hỏng) / file content does not match "
               "its SHA-256 (altered or corrupted)";
    return NULL;
}
