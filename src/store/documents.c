/* documents.c: the content-addressed document store and dossiers' documents (see
 * documents.h). */
#include "store/documents.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int documents_valid_sha256(const char *s)
{
    if (!s || strlen(s) != 64)
        return 0;
    return strspn(s, "0123456789abcdef") == 64;
}

char *documents_path(Arena *a, const char *dir, const char *sha256)
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

int documents_keep(Arena *a, const char *dir, const char *tmp, const char *sha256,
                   int *out_duplicate, Err *e)
{
    assert(documents_valid_sha256(sha256));
    const char *sub = arena_printf(a, "%s/%.2s", dir, sha256);
    const char *path = documents_path(a, dir, sha256);
    if (sync_path(tmp, O_RDONLY) < 0)
        return fs_fail(e, "sync", tmp);
    int made = mkdir(sub, 0700) == 0;
    if (!made && errno != EEXIST)
        return fs_fail(e, "create", sub);
    /* link, unlike rename, never replaces a file already stored under this name */
    int duplicate = 0;
    if (link(tmp, path) < 0) {
        if (errno != EEXIST)
            return fs_fail(e, "store", path);
        duplicate = 1;
    }
    unlink(tmp);
    if (sync_path(sub, O_RDONLY | O_DIRECTORY) < 0 ||
        (made && sync_path(dir, O_RDONLY | O_DIRECTORY) < 0))
        return fs_fail(e, "sync", sub);
    *out_duplicate = duplicate;
    return 0;
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

int documents_copy(Store *s, const char *from, const char *to, long *out_n, Err *e)
{
    Arena *a = arena_new();
    Document *docs;
    size_t n;
    long copied = 0;
    int rc = store_document_list(s, a, &docs, &n, e);
    if (rc == 0 && n && mkdir(to, 0700) < 0 && errno != EEXIST)
        rc = fs_fail(e, "create", to);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *dst = documents_path(a, to, docs[i].sha256);
        struct stat sb;
        if (stat(dst, &sb) == 0 && (int64_t)sb.st_size == docs[i].size)
            continue;
        /* a temporary copy beside the store, put in place (and made durable) as an upload is */
        const char *tmp = arena_printf(a, "%s/.copy-%s", to, docs[i].sha256);
        int duplicate;
        if (copy_bytes(documents_path(a, from, docs[i].sha256), tmp) < 0)
            rc = fs_fail(e, "copy", documents_path(a, from, docs[i].sha256));
        else if ((rc = documents_keep(a, to, tmp, docs[i].sha256, &duplicate, e)) == 0)
            copied++;
    }
    arena_free(a);
    *out_n = copied;
    return rc;
}

/* digitize records the dossier's `digitize` event for a component name or the result. */
static int digitize(Store *s, Arena *a, const char *code, const char *kind, const char *name,
                    const Actor *who, int64_t now, Dossier *out, Err *e)
{
    json_t *o = strcmp(kind, "result") == 0
                    ? json_pack("{s:s, s:b}", "action", "digitize", "result", 1)
                    : json_pack("{s:s, s:s}", "action", "digitize", "component", name);
    DossierEvent ev;
    const char *payload;
    int rc = dossier_json_event(a, o, 0, &ev, &payload, NULL, e);
    json_decref(o);
    if (rc < 0)
        return rc;
    return dossiers_act(s, a, code, &ev, payload, who, now, out, e);
}

int documents_attach(Store *s, Arena *a, const char *code, const Document *doc, const char *sha256,
                     const char *kind, const char *name, const char *reused_from, const Actor *who,
                     int64_t now, DossierDocument *out, Err *e)
{
    Dossier d;
    int rc = digitize(s, a, code, kind, name, who, now, &d, e);
    if (rc < 0 || (doc && (rc = store_document_put(s, doc, e)) < 0))
        return rc;
    DossierDocument dd = {.dossier = d.id,
                          .mime = doc ? doc->mime : NULL,
                          .size = doc ? doc->size : 0,
                          .kind = kind,
                          .name = name,
                          .sha256 = sha256,
                          .reused_from = reused_from,
                          .created_by = who->name,
                          .created_at = now};
    if ((rc = store_dossier_document_add(s, &dd, e)) < 0)
        return rc;
    if (out)
        *out = dd;
    return 0;
}

/* id_number_of returns the applicant's identity number (arena), or NULL. */
static const char *id_number_of(Arena *a, const Dossier *d)
{
    json_t *ap = json_loads(d->applicant ? d->applicant : "{}", 0, NULL);
    const char *v = json_string_value(json_object_get(ap, "id_number"));
    const char *r = v && *v ? arena_strdup(a, v) : NULL;
    json_decref(ap);
    return r;
}

static int valid_id_number(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 6 || n > 20)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= 'a' && s[i] <= 'z')))
            return 0;
    return 1;
}

int documents_reusable(Store *s, Arena *a, const char *id_number, const char *under,
                       ReusableDocument **out, size_t *out_n, Err *e)
{
    if (!valid_id_number(id_number))
        return err_set(e, ERR_INVALID, "id_number", "Số định danh gồm 6–20 chữ số hoặc chữ cái",
                       "id_number must be 6-20 letters or digits");
    /* the search text holds the identity number as one token: it narrows the candidates,
     * the applicant record decides */
    DossierQuery q = {.under = under, .fts = arena_printf(a, "\"%s\"", id_number), .limit = 200};
    Dossier *ds;
    size_t n_ds, n = 0, cap = 8;
    int rc = store_dossier_search(s, a, &q, &ds, &n_ds, e);
    if (rc < 0)
        return rc;
    ReusableDocument *list = arena_array(a, cap, sizeof *list);
    for (size_t i = 0; i < n_ds; i++) {
        const char *id = id_number_of(a, &ds[i]);
        if (!id || strcmp(id, id_number) != 0)
            continue;
        DossierDocument *docs;
        size_t n_docs;
        if ((rc = store_dossier_documents(s, a, ds[i].id, &docs, &n_docs, e)) < 0)
            return rc;
        for (size_t j = 0; j < n_docs; j++) {
            if (strcmp(docs[j].kind, "result") != 0)
                continue;
            if (n == cap) {
                ReusableDocument *bigger = arena_array(a, cap * 2, sizeof *bigger);
                memcpy(bigger, list, cap * sizeof *list);
                list = bigger;
                cap *= 2;
            }
            list[n].doc = docs[j];
            list[n].dossier_code = ds[i].code;
            n++;
        }
    }
    *out = list;
    *out_n = n;
    return 0;
}

int documents_reuse(Store *s, Arena *a, const char *code, const char *sha256, const char *name,
                    const char *from, const Actor *who, int64_t now, DossierDocument *out, Err *e)
{
    Dossier to, earlier;
    Err nf;
    int rc = store_dossier_get(s, a, code, &to, e);
    if (rc < 0)
        return rc;
    rc = store_dossier_get(s, a, from, &earlier, &nf);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_SEMANTIC, "from", "Không có hồ sơ %s", "no dossier %s", from);
    if (rc < 0) {
        *e = nf;
        return rc;
    }
    const char *id_to = id_number_of(a, &to), *id_from = id_number_of(a, &earlier);
    if (!id_to || !id_from || strcmp(id_to, id_from) != 0 || earlier.id == to.id)
        return err_set(e, ERR_SEMANTIC, "from",
                       "Chỉ dùng lại kết quả của một hồ sơ khác cùng số định danh người nộp",
                       "only a result of another dossier of the same identity number can be "
                       "reused");
    DossierDocument *docs;
    size_t n_docs;
    if ((rc = store_dossier_documents(s, a, earlier.id, &docs, &n_docs, e)) < 0)
        return rc;
    const DossierDocument *result = NULL;
    for (size_t i = 0; i < n_docs && !result; i++)
        if (strcmp(docs[i].kind, "result") == 0 && strcmp(docs[i].sha256, sha256) == 0)
            result = &docs[i];
    if (!result)
        return err_set(e, ERR_SEMANTIC, "sha256",
                       "Tài liệu này không phải kết quả điện tử của hồ sơ đã nêu",
                       "this document is not an electronic result of that dossier");
    DossierDocument dd;
    if ((rc = documents_attach(s, a, code, NULL, sha256, "component", name, earlier.code, who, now,
                               &dd, e)) < 0)
        return rc;
    dd.mime = result->mime;
    dd.size = result->size;
    if (out)
        *out = dd;
    return 0;
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

int documents_verify(Store *s, const char *dir, void (*report)(void *ctx, const char *problem),
                     void *ctx, long *out_problems, Err *e)
{
    Arena *a = arena_new();
    Document *docs;
    size_t n;
    long problems = 0;
    int rc = store_document_list(s, a, &docs, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *path = documents_path(a, dir, docs[i].sha256);
        char hex[65], msg[512];
        int64_t size;
        struct stat sb;
        const char *what = NULL;
        if (stat(path, &sb) < 0)
            what = "thiếu tệp / file is missing";
        else if ((int64_t)sb.st_size != docs[i].size)
            what = "kích thước tệp khác với bản ghi / file size differs from the record";
        else if (file_digest(path, hex, &size) < 0)
            what = "không đọc được tệp / file cannot be read";
        else if (size != docs[i].size || strcmp(hex, docs[i].sha256) != 0)
            what = "nội dung tệp không khớp SHA-256 (bị sửa hoặc hỏng) / file content does not "
                   "match its SHA-256 (altered or corrupted)";
        if (!what)
            continue;
        snprintf(msg, sizeof msg, "tài liệu / document %s: %s (%s)", docs[i].sha256, what, path);
        problems++;
        if (report)
            report(ctx, msg);
    }
    arena_free(a);
    if (rc < 0)
        return rc;
    *out_problems = problems;
    return 0;
}
