/* upload.c: streaming a multipart/form-data body to disk (see upload.h). */
#include "web/upload.h"

#include "core/vntext.h"
#include "util/log.h"

#include <errno.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    UPLOAD_DISCARD = 4 * 1024 * 1024 /* read past an error before closing the connection */
};

/* upload_fail records the first error found while streaming and stops the parser. */
static enum MHD_Result upload_fail(UploadStream *u, int status, const char *vi, const char *en)
{
    if (!u->status) {
        u->status = status;
        u->vi = vi;
        u->en = en;
    }
    return MHD_NO;
}

/* upload_open creates the temporary file of up in <db>.files/tmp/. */
static int upload_open(UploadStream *u, Upload *up)
{
    Arena *a = u->req->arena;
    const char *dir = req_files_dir(u->req);
    const char *tmp = arena_printf(a, "%s/tmp", dir);
    char *path = arena_printf(a, "%s/upload-XXXXXX", tmp);
    if ((mkdir(dir, 0700) < 0 && errno != EEXIST) || (mkdir(tmp, 0700) < 0 && errno != EEXIST))
        return -1;
    u->fd = mkstemp(path);
    if (u->fd < 0)
        return -1;
    up->path = path;
    return 0;
}

/* file_end completes the file part being received, if any: its file closed, its digest. */
static void file_end(UploadStream *u)
{
    if (u->fd >= 0) {
        close(u->fd);
        u->fd = -1;
    }
    if (u->cur) {
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&u->sha, digest);
        sodium_bin2hex(u->cur->sha256, sizeof u->cur->sha256, digest, sizeof digest);
        u->cur = NULL;
    }
}

/* file_start begins the file part called key: one of Request.uploads, its digest started. */
static enum MHD_Result file_start(UploadStream *u, const char *key)
{
    Request *req = u->req;
    file_end(u);
    if (req_upload(req, key))
        return upload_fail(u, 400, "Mỗi trường tệp chỉ gửi một tệp", "send one file per file part");
    if (req->n_uploads == UPLOAD_MAX_PARTS)
        return upload_fail(u, 400, "Biểu mẫu có quá nhiều trường tệp",
                           "too many file parts in one request");
    if (!req->uploads) /* the first file part */
        req->uploads = arena_array(req->arena, UPLOAD_MAX_PARTS, sizeof *req->uploads);
    Upload *up = &req->uploads[req->n_uploads++];
    memset(up, 0, sizeof *up);
    up->field = arena_strdup(req->arena, key);
    crypto_hash_sha256_init(&u->sha);
    u->cur = up;
    return MHD_YES;
}

static enum MHD_Result upload_file_data(UploadStream *u, const char *key, const char *filename,
                                        const char *data, uint64_t off, size_t size)
{
    Upload *up = u->cur;
    if (!up || strcmp(up->field, key) != 0 || off != up->size) {
        if (off != 0)
            return upload_fail(u, 400, "Biểu mẫu multipart không hợp lệ",
                               "malformed multipart body");
        if (file_start(u, key) != MHD_YES)
            return MHD_NO;
        up = u->cur;
    }
    if (filename && !up->filename && strlen(filename) <= 255 &&
        vntext_valid_utf8(filename, strlen(filename)))
        up->filename = arena_strdup(u->req->arena, filename);
    if (size == 0)
        return MHD_YES;
    if (size > UPLOAD_MAX_FILE - up->size)
        return upload_fail(u, 413, "Tệp quá lớn (mỗi tệp tối đa 20 MiB)",
                           "a file is too large (at most 20 MiB a file)");
    if (size > u->max_total - u->file_bytes)
        return u->max_total < UPLOAD_MAX_TOTAL
                   ? upload_fail(u, 413,
                                 "Tệp quá lớn: các tệp nộp trực tuyến một lần tối đa 10 MB cộng "
                                 "lại",
                                 "the files of an online filing are at most 10 MiB together")
                   : upload_fail(u, 413, "Các tệp quá lớn (tổng cộng tối đa 50 MiB mỗi lần gửi)",
                                 "the files are too large (at most 50 MiB together)");
    if (!up->path && u->n_files++ == UPLOAD_MAX_FILES)
        return upload_fail(u, 400, "Quá nhiều tệp trong một lần gửi (tối đa 20 tệp)",
                           "too many files in one request (at most 20)");
    if (!up->path && upload_open(u, up) < 0) {
        LOG_ERROR("cannot create an upload file in %s/tmp: %s", req_files_dir(u->req),
                  strerror(errno));
        return upload_fail(u, 503, "Không lưu được tệp tải lên", "cannot store the upload");
    }
    for (size_t done = 0; done < size;) {
        ssize_t w = write(u->fd, data + done, size - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            LOG_ERROR("cannot write an upload: %s", strerror(errno));
            return upload_fail(u, 503, "Không lưu được tệp tải lên (đĩa đầy?)",
                               "cannot store the upload (disk full?)");
        }
        done += (size_t)w;
    }
    crypto_hash_sha256_update(&u->sha, (const unsigned char *)data, size);
    while (up->head_len < sizeof up->head && up->head_len < up->size + size) {
        up->head[up->head_len] = (unsigned char)data[up->head_len - up->size];
        up->head_len++;
    }
    up->size += size;
    u->file_bytes += size;
    return MHD_YES;
}

static enum MHD_Result upload_field_data(UploadStream *u, const char *key, const char *data,
                                         uint64_t off, size_t size)
{
    size_t i;
    if (off == 0) {
        if (u->n_fields == UPLOAD_MAX_FIELDS)
            return upload_fail(u, 400, "Quá nhiều trường trong biểu mẫu", "too many form fields");
        i = u->n_fields++;
        u->field_keys[i] = arena_strdup(u->req->arena, key);
        u->field_values[i] = arena_alloc(u->req->arena, UPLOAD_MAX_FIELD + 1);
        u->field_lens[i] = 0;
    } else {
        i = u->n_fields - 1;
        if (!u->n_fields || strcmp(u->field_keys[i], key) != 0)
            return upload_fail(u, 400, "Biểu mẫu không hợp lệ", "malformed multipart body");
    }
    if (size > UPLOAD_MAX_FIELD - u->field_lens[i])
        return upload_fail(u, 413, "Một trường của biểu mẫu quá dài (tối đa 4 KiB)",
                           "a form field is too long (at most 4 KiB)");
    memcpy(u->field_values[i] + u->field_lens[i], data, size);
    u->field_lens[i] += size;
    return MHD_YES;
}

/* is_file: the part called key is a file ("file", "file-..."). */
static int is_file(const char *key)
{
    return strcmp(key, "file") == 0 || strncmp(key, "file-", 5) == 0;
}

/* on_part receives the parsed multipart body: each file part is streamed to its own file,
 * every other part is a small text field. */
static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    UploadStream *u = cls;
    if (u->status || !key)
        return MHD_NO;
    if (is_file(key))
        return upload_file_data(u, key, filename, data, off, size);
    file_end(u); /* the file part before this field is complete */
    return upload_field_data(u, key, data, off, size);
}

void upload_init(UploadStream *u, Request *req, uint64_t max_total)
{
    memset(u, 0, sizeof *u);
    u->req = req;
    u->fd = -1;
    u->max_total = max_total < UPLOAD_MAX_TOTAL ? max_total : UPLOAD_MAX_TOTAL;
}

int upload_begin(UploadStream *u, struct MHD_Connection *c)
{
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0)
        u->pp = MHD_create_post_processor(c, 64 * 1024, on_part, u);
    if (!u->pp) {
        upload_fail(u, 415, "Nội dung phải là biểu mẫu multipart/form-data",
                    "the body must be multipart/form-data");
        return 415;
    }
    return 0;
}

int upload_feed(UploadStream *u, const char *data, size_t size)
{
    u->received += size;
    /* no parser: the request was answered before its body (a refusal, or upload_begin's) */
    if (u->pp && !u->status && MHD_post_process(u->pp, data, size) != MHD_YES && !u->status)
        upload_fail(u, 400, "Biểu mẫu multipart không hợp lệ", "malformed multipart body");
    if (u->status) {
        /* the temporary files go at once; the rest of the body is read and dropped, up to
         * a bound, so that the error can be answered (libmicrohttpd queues no response in
         * the middle of a body) */
        upload_cleanup(u);
        if (u->received > (uint64_t)UPLOAD_MAX_BODY + UPLOAD_DISCARD)
            return -1;
    }
    return 0;
}

/* upload_close stops the parser and completes the last file part (kept for the handler). */
static void upload_close(UploadStream *u)
{
    if (u->pp) {
        int status = u->status;
        u->status = u->status ? u->status : -1; /* the parser must not call back now */
        MHD_destroy_post_processor(u->pp);
        u->pp = NULL;
        u->status = status;
    }
    file_end(u);
}

/* upload_fields makes the text parts the request's form fields: valid UTF-8, NFC. 0, or 400
 * with u->vi/u->en set. */
static int upload_fields(UploadStream *u)
{
    Request *req = u->req;
    req->form_keys = arena_array(req->arena, u->n_fields + 1, sizeof *req->form_keys);
    req->form_values = arena_array(req->arena, u->n_fields + 1, sizeof *req->form_values);
    for (size_t i = 0; i < u->n_fields; i++) {
        const char *v = u->field_values[i];
        if (!vntext_valid_utf8(v, u->field_lens[i]) ||
            !vntext_valid_utf8(u->field_keys[i], strlen(u->field_keys[i]))) {
            upload_fail(u, 400, "Dữ liệu biểu mẫu không hợp lệ (không phải UTF-8)",
                        "a form field is not valid UTF-8 text");
            return u->status;
        }
        req->form_keys[i] = u->field_keys[i];
        req->form_values[i] = vntext_nfc(req->arena, v, u->field_lens[i]);
    }
    req->n_form = u->n_fields;
    req->form_parsed = 1;
    return 0;
}

int upload_finish(UploadStream *u)
{
    upload_close(u);
    if (u->status || upload_fields(u)) {
        upload_cleanup(u);
        return u->status;
    }
    return 0;
}

void upload_cleanup(UploadStream *u)
{
    upload_close(u);
    Request *req = u->req;
    for (size_t i = 0; i < req->n_uploads; i++) {
        Upload *up = &req->uploads[i];
        if (up->path && !up->moved)
            unlink(up->path);
        up->path = NULL;
    }
}
