/* signing.c: units' certificates, signing and judging signatures, the one-time seal (see
 * signing.h). */
#include "app/signing.h"

#include "app/dossiers.h"
#include "app/history.h"
#include "store/files.h"
#include "util/secret.h"
#include "util/timefmt.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* make_key writes a new random signing key at path atomically (a temporary file, made durable,
 * then linked in place): when another process made one first, that one stays. */
static int make_key(Arena *a, const char *path, Err *e)
{
    unsigned char rnd[32];
    char text[65], token[SECRET_TOKEN_LEN + 1];
    secret_random(rnd, sizeof rnd);
    for (int i = 0; i < 32; i++)
        snprintf(text + 2 * i, 3, "%02x", rnd[i]);
    secret_token(token);
    const char *tmp = arena_printf(a, "%s.%.12s.tmp", path, token);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int ok = fd >= 0 && write(fd, text, 64) == 64 && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    ok = ok && (link(tmp, path) == 0 || errno == EEXIST);
    unlink(tmp);
    /* the folder's entry too, before the key seals anything */
    const char *slash = strrchr(path, '/');
    const char *dir = slash ? arena_strndup(a, path, (size_t)(slash - path + 1)) : ".";
    int dfd = ok ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    ok = ok && dfd >= 0 && fsync(dfd) == 0;
    if (dfd >= 0)
        close(dfd);
    return ok ? 0
              : err_setf(e, ERR_IO, "", "Không ghi được khóa ký của máy chủ %s",
                         "cannot write the server's signing key %s", path);
}

const char *signing_file(Arena *a, const char *db, const char *files, const char *name)
{
    if (store_is_file(db))
        return arena_printf(a, "%s.%s", db, name);
    return files ? arena_printf(a, "%s/%s", files, name) : NULL;
}

int signing_key(Arena *a, const char *db, const char *files, int create, const char **out, Err *e)
{
    const char *path = signing_file(a, db, files, "signkey");
    if (!path)
        return err_set(e, ERR_INVALID, "files",
                       "Khóa ký của máy chủ nằm trong thư mục tài liệu: hãy chỉ --files THƯ_MỤC",
                       "the server's signing key lives in the documents' folder: name it with "
                       "--files DIR");
    char buf[80];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create) {
        int rc = make_key(a, path, e);
        if (rc < 0)
            return rc;
        fd = open(path, O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0)
        return err_setf(e, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO, "",
                        "Thiếu khóa ký của máy chủ %s (nhập chứng thư số trước)",
                        "the server's signing key %s is missing (import a certificate first)",
                        path);
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    if (n < 32)
        return err_setf(e, ERR_IO, "", "Khóa ký của máy chủ %s hỏng",
                        "the server's signing key %s is damaged", path);
    *out = arena_strndup(a, buf, (size_t)n);
    return 0;
}

int signing_import(Store *s, Arena *a, const char *unit, const SignIdentity *id, const char *key,
                   int64_t now, UnitCert *out, Err *e)
{
    Unit u;
    int rc = store_unit_get(s, a, unit, &u, e);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_SEMANTIC, "unit", "Không có đơn vị %s", "no unit %s", unit);
    if (rc < 0)
        return rc;
    if (now < id->not_before || now >= id->not_after)
        return err_set(e, ERR_SEMANTIC, "file", "Chứng thư số chưa có hiệu lực hoặc đã hết hạn",
                       "the certificate is not yet or no longer valid");
    UnitCert c = {.unit = unit,
                  .subject = id->subject,
                  .issuer = id->issuer,
                  .serial = id->serial,
                  .not_before = id->not_before,
                  .not_after = id->not_after,
                  .cert_pem = id->cert_pem,
                  .chain_pem = id->chain_pem,
                  .imported_at = now,
                  .revoked_on = INT32_MIN};
    if ((rc = sign_seal(a, id->key_pem, key, &c.key_sealed, e)) < 0 ||
        (rc = store_cert_add(s, &c, e)) < 0)
        return rc;
    *out = c;
    return 0;
}

int signing_current(Store *s, Arena *a, const char *unit, int64_t now, UnitCert *out, Err *e)
{
    UnitCert *certs;
    size_t n;
    int rc = store_cert_list(s, a, unit, &certs, &n, e);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++) /* newest first */
        if (now >= certs[i].not_before && now < certs[i].not_after &&
            (certs[i].revoked_on == INT32_MIN || timefmt_local_day(now) < certs[i].revoked_on)) {
            *out = certs[i];
            return 0;
        }
    return err_setf(e, ERR_NOT_FOUND, "unit", "Đơn vị %s chưa có chứng thư số còn hiệu lực",
                    "unit %s has no valid signing certificate", unit);
}

int signing_sign(Store *s, Arena *a, const char *key, const char *unit, const char *kind,
                 int64_t dossier, const char *what, const char *content, const void *data,
                 size_t len, int64_t now, Signature *out, Err *e)
{
    UnitCert c;
    char token[SECRET_TOKEN_LEN + 1];
    Signature g = {
        .kind = kind, .dossier = dossier, .what = what, .content = content, .signed_at = now};
    unsigned char *der;
    int rc = signing_current(s, a, unit, now, &c, e);
    if (rc == 0)
        rc = sign_cms(a, c.cert_pem, c.key_sealed, key, data, len, &der, &g.cms_len, e);
    if (rc < 0)
        return rc;
    secret_token(token);
    g.token = arena_strndup(a, token, 22); /* 132 random bits: enough to name, short for a QR */
    g.cert = c.id;
    g.cms = der;
    if ((rc = store_signature_add(s, &g, e)) < 0)
        return rc;
    *out = g;
    return 0;
}

int signing_content(Store *s, Arena *a, const char *key, const char *unit, int64_t dossier,
                    const char *what, const char *content, int64_t now, Signature *out, Err *e)
{
    UnitCert c;
    Signature g;
    Err none;
    int rc = signing_current(s, a, unit, now, &c, e);
    if (rc < 0)
        return rc;
    rc = store_signature_of(s, a, dossier, what, &g, &none);
    if (rc == 0 && g.cert == c.id && strcmp(g.content, content) == 0) {
        *out = g;
        return 0;
    }
    if (rc < 0 && rc != ERR_NOT_FOUND)
        return *e = none, rc;
    if (!key)
        return err_set(e, ERR_NOT_FOUND, "", "Chưa ký", "not signed yet");
    return signing_sign(s, a, key, unit, "form", dossier, what, content, content, strlen(content),
                        now, out, e);
}

/* read_all reads the whole file path (at most max bytes) into a. */
static int read_all(Arena *a, const char *path, size_t max, char **out, size_t *out_len, Err *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || (uint64_t)st.st_size > max) {
        if (fd >= 0)
            close(fd);
        return err_set(e, ERR_UNAVAILABLE, "sha256", "Không đọc được tệp kết quả để ký",
                       "cannot read the result's file to sign it");
    }
    char *buf = arena_alloc(a, (size_t)st.st_size + 1);
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (got != (size_t)st.st_size)
        return err_set(e, ERR_UNAVAILABLE, "sha256", "Không đọc được tệp kết quả để ký",
                       "cannot read the result's file to sign it");
    *out = buf;
    *out_len = got;
    return 0;
}

int signing_result(Store *s, Arena *a, const char *key, const char *dir, const char *code,
                   const char *sha256, int64_t now, const char **out_token, Err *e)
{
    Dossier d;
    UnitCert c;
    Err none;
    int rc = dossiers_get(s, a, code, &d, e);
    if (rc < 0)
        return rc;
    const char *unit =
        d.p.current_unit && signing_current(s, a, d.p.current_unit, now, &c, &none) == 0
            ? d.p.current_unit
            : d.unit;
    if (signing_current(s, a, unit, now, &c, &none) < 0) {
        *out_token = NULL;
        return 0;
    }
    char *data = NULL;
    size_t len = 0;
    Signature g;
    if ((rc = read_all(a, files_path(a, dir, sha256), (size_t)1 << 30, &data, &len, e)) < 0 ||
        (rc = signing_sign(s, a, key, unit, "result", d.id, sha256, sha256, data, len, now, &g,
                           e)) < 0)
        return rc;
    *out_token = g.token;
    return 0;
}

int signing_status(Store *s, Arena *a, const char *dir, const Signature *g, SignStatus *out,
                   UnitCert *out_cert, Err *e)
{
    UnitCert c;
    int rc = store_cert_get(s, a, g->cert, &c, e);
    if (rc < 0)
        return rc;
    assert(dir || strcmp(g->kind, "result") != 0); /* the caller skips what it cannot check */
    const char *data = g->content;
    size_t len = strlen(g->content);
    char *file = NULL;
    Err gone;
    if (strcmp(g->kind, "result") == 0 &&
        (!files_valid_sha256(g->content) ||
         read_all(a, files_path(a, dir, g->content), (size_t)1 << 30, &file, &len, &gone) < 0))
        file = NULL, data = NULL;
    else if (file)
        data = file;
    if (!data || !sign_cms_check(g->cms, g->cms_len, data, len, c.cert_pem))
        *out = SIGN_BROKEN;
    else if (c.revoked_on != INT32_MIN && timefmt_local_day(g->signed_at) >= c.revoked_on)
        *out = SIGN_REVOKED;
    else
        *out = SIGN_VALID;
    if (out_cert)
        *out_cert = c;
    return 0;
}

int signing_seal(Store *s, int64_t now, long *out_n, Err *e)
{
    int64_t id = 0;
    long n = 0;
    int rc;
    while ((rc = store_dossier_next_id(s, id, &id, e)) == 0 && id) {
        Arena *a = arena_new();
        Dossier d;
        StoredEvent *evs;
        size_t n_evs;
        int seq;
        unsigned char head[32], record[STORE_RECORD_HASH];
        Err none;
        rc = dossiers_get_id(s, a, id, &d, e);
        if (rc == 0)
            rc = store_event_list(s, a, id, &evs, &n_evs, e);
        if (rc == 0 && n_evs && !evs[n_evs - 1].has_record &&
            store_seal_get(s, id, &seq, head, record, &none) == ERR_NOT_FOUND) {
            history_record_hash(&d, record);
            rc = store_seal_put(s, id, evs[n_evs - 1].seq, evs[n_evs - 1].hash, record, now, e);
            n += rc == 0;
        }
        arena_free(a);
        if (rc < 0)
            return rc;
    }
    if (rc == 0)
        *out_n = n;
    return rc;
}
