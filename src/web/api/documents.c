/* documents.c: digitized documents of dossiers (docs/INTERFACES.md document; Decree 45/2020 reuse):
 * POST /api/v1/dossiers/{code}/documents (a multipart upload, ROUTE_UPLOAD: recognised by
 * content, stored once under its SHA-256, attached as a component or the result with a
 * `digitize` event), GET .../documents (the list) and .../documents/{sha256} (the bytes),
 * POST .../documents/reuse (an earlier result of the same citizen, no new paper),
 * GET /api/v1/documents/reusable?id_number= (what can be reused) and
 * GET /api/v1/lookup/result?code=&key=&sha256= (the citizen downloads the electronic
 * result). The store, the checks and the event live in app/documents.c. Every path checks
 * the unit scope of each dossier it touches, a dossier outside the caller's units answered as
 * one that does not exist. Uploads and reuses honour Idempotency-Key (idem.h). */
#include "web/api/api.h"

#include "app/documents.h"
#include "store/files.h"
#include "web/actions.h"
#include "web/idem.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/publicview.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { NAME_MAX_BYTES = 500 };

static const char RESULT_NAME[] = "Kết quả giải quyết thủ tục hành chính";

/* no_dossier is the one answer for a dossier that does not exist and for one outside the
 * caller's units: a code of another unit tells nothing, not even that it exists. */
static int no_dossier(Request *req, const char *code)
{
    err_setf(&req->err, ERR_NOT_FOUND, "code", "Không có hồ sơ %s trong phạm vi đơn vị của bạn",
             "no dossier %s within your units", code);
    return ERR_NOT_FOUND;
}

/* find_dossier reads the dossier code into out when the caller may use perm on it: received by
 * or now at a unit in their scope (as for its events); no_dossier otherwise. */
static int find_dossier(Request *req, Permission perm, const char *code, Dossier *out)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    int rc = dossiers_get(s, req->arena, code, out, &req->err);
    if (rc == 0)
        rc = auth_require_dossier(req, perm, out);
    return rc == ERR_NOT_FOUND || rc == ERR_FORBIDDEN ? no_dossier(req, code) : rc;
}

/* require_dossier: the caller's role may use perm (401, 403 otherwise) and finds the dossier
 * code within their units (find_dossier). */
static int require_dossier(Request *req, Permission perm, const char *code, Dossier *out)
{
    int rc = auth_require(req, perm, NULL);
    return rc < 0 ? rc : find_dossier(req, perm, code, out);
}

static json_t *attachment_json(const DossierDocument *dd)
{
    return json_pack("{s:s, s:I, s:s, s:s, s:s, s:s?, s:s}", "sha256", dd->sha256, "size",
                     (json_int_t)dd->size, "mime", dd->mime, "kind", dd->kind, "name", dd->name,
                     "reused_from", dd->reused_from, "created_by", dd->created_by);
}

/* ---- upload ---- */

/* Attach: one document attached (uploaded, or reused when from is set); body is the answer,
 * rendered in the write's transaction so that a retry with the Idempotency-Key gets it. */
typedef struct Attach {
    Request *req;
    const char *code, *kind, *name, *from, *body;
    Document doc;
    int stored_before; /* upload: the same bytes were stored already */
    Idem idem;
} Attach;

static int write_attach(Store *s, void *ctx, Err *e)
{
    Attach *at = ctx;
    Request *req = at->req;
    int rc = idem_check(s, req->arena, &at->idem, e);
    if (rc < 0 || at->idem.replayed)
        return rc;
    Actor who = actions_actor(req);
    DossierDocument out;
    rc = at->from ? documents_reuse(s, req->arena, at->code, at->doc.sha256, at->name, at->from,
                                    &who, req_now(req), &out, e)
                  : documents_attach(s, req->arena, at->code, &at->doc, at->doc.sha256, at->kind,
                                     at->name, NULL, &who, req_now(req), &out, e);
    if (rc < 0)
        return rc;
    const char *signature = NULL;
    if (!at->from && strcmp(at->kind, "result") == 0 &&
        (rc = actions_sign_result(s, req, at->code, at->doc.sha256, &signature, e)) < 0)
        return rc;
    if (!at->from) {
        out.mime = at->doc.mime;
        out.size = at->doc.size;
    }
    json_t *o = attachment_json(&out);
    if (signature)
        json_object_set_new(o, "signature", json_string(signature));
    if (!at->from)
        json_object_set_new(o, "stored_before", json_boolean(at->stored_before));
    return idem_store(s, req, &at->idem, 201, o, &at->body, e);
}

/* read_kind_name reads kind (component | result) and name from the form fields. */
static int read_kind_name(Request *req, const char **out_kind, const char **out_name)
{
    const char *kind = form_get(req, "kind"), *name = form_get(req, "name");
    if (!kind || (strcmp(kind, "component") != 0 && strcmp(kind, "result") != 0))
        return req_fail(req, ERR_INVALID, "kind", "Loại tài liệu (kind) là component hoặc result",
                        "kind must be component or result");
    if (name && (!*name || strlen(name) > NAME_MAX_BYTES))
        return req_fail(req, ERR_INVALID, "name", "Tên tài liệu dài 1–500 byte",
                        "name must be 1-500 bytes");
    if (!name && strcmp(kind, "component") == 0)
        return req_fail(req, ERR_INVALID, "name", "Cần tên thành phần hồ sơ (name)",
                        "a component needs its name");
    *out_kind = kind;
    *out_name = name ? name : RESULT_NAME;
    return 0;
}

int api_documents_upload(Request *req, Response *res)
{
    Attach at = {.req = req, .code = req->params[0]};
    Dossier d;
    int rc = require_dossier(req, PERM_DOSSIER_ACT, at.code, &d);
    if (rc < 0 || (rc = read_kind_name(req, &at.kind, &at.name)) < 0 ||
        (rc = idem_begin(req, &at.idem)) < 0)
        return rc;
    if (!lifecycle_role_may(req->who.role, ACTION_DIGITIZE))
        return req_fail(req, ERR_FORBIDDEN, "kind", "Vai trò của bạn không số hóa tài liệu",
                        "your role may not digitize documents");
    if ((rc = actions_keep_upload(req, req_upload(req, "file"), "file", &at.doc,
                                  &at.stored_before)) < 0 ||
        (rc = req_write(req, write_attach, &at)) < 0)
        return rc;
    idem_respond(&at.idem, res, 201, at.body);
    return 0;
}

/* ---- list and download ---- */

int api_documents_list(Request *req, Response *res)
{
    Dossier d;
    DossierDocument *docs;
    size_t n;
    int rc = require_dossier(req, PERM_DOSSIER_READ, req->params[0], &d);
    if (rc < 0 ||
        (rc = store_dossier_documents(req_store(req), req->arena, d.id, &docs, &n, &req->err)) < 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, attachment_json(&docs[i]));
    res_json(res, 200, json_pack("{s:s, s:o}", "dossier", d.code, "documents", arr));
    return 0;
}

/* find_document finds sha256 among the dossier's documents (of kind, if not NULL). */
static int find_document(Request *req, const Dossier *d, const char *sha256, const char *kind,
                         DossierDocument *out)
{
    DossierDocument *docs;
    size_t n;
    int rc;
    if (files_valid_sha256(sha256)) {
        if ((rc = store_dossier_documents(req_store(req), req->arena, d->id, &docs, &n,
                                          &req->err)) < 0)
            return rc;
        for (size_t i = 0; i < n; i++)
            if (strcmp(docs[i].sha256, sha256) == 0 && (!kind || strcmp(docs[i].kind, kind) == 0)) {
                *out = docs[i];
                return 0;
            }
    }
    return req_fail(req, ERR_NOT_FOUND, "sha256", "Hồ sơ không có tài liệu này",
                    "the dossier has no such document");
}

/* send_document answers with the stored bytes of dd. */
static int send_document(Request *req, Response *res, const DossierDocument *dd)
{
    const char *path = files_path(req->arena, req_files_dir(req), dd->sha256);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) < 0 || (int64_t)sb.st_size != dd->size) {
        if (fd >= 0)
            close(fd);
        return req_fail(req, ERR_UNAVAILABLE, "sha256",
                        "Tệp của tài liệu không đọc được trong kho tài liệu",
                        "the document's file cannot be read from the store");
    }
    res_file(res, 200, dd->mime, fd, (uint64_t)sb.st_size);
    const char *ext = strcmp(dd->mime, "application/pdf") == 0 ? "pdf"
                      : strcmp(dd->mime, "image/png") == 0     ? "png"
                                                               : "jpg";
    res_header(res, "Content-Disposition",
               arena_printf(req->arena, "attachment; filename=\"%.16s.%s\"", dd->sha256, ext));
    return 0;
}

/* send_file sends the document dd of dossier d, or with ?format=p7s its detached CMS
 * signature (DER), which `openssl cms -verify -binary -inform DER -content FILE` checks. */
static int send_file(Request *req, Response *res, const Dossier *d, const DossierDocument *dd)
{
    const char *format = req_query(req, "format");
    if (!format)
        return send_document(req, res, dd);
    if (strcmp(format, "p7s") != 0)
        return req_fail(req, ERR_INVALID, "format", "format chỉ nhận p7s (chữ ký số)",
                        "format must be p7s (the signature)");
    Store *s = req_store(req);
    Signature g;
    if (!s)
        return req->err.code;
    int rc = store_signature_of(s, req->arena, d->id, dd->sha256, &g, &req->err);
    if (rc == ERR_NOT_FOUND)
        return req_fail(req, ERR_NOT_FOUND, "format", "Tài liệu này chưa được ký số",
                        "this document is not signed");
    if (rc < 0)
        return rc;
    res_text(res, 200, "application/pkcs7-signature", (const char *)g.cms, g.cms_len);
    res_header(res, "Content-Disposition",
               arena_printf(req->arena, "attachment; filename=\"%.16s.p7s\"", dd->sha256));
    res_header(res, "X-Signature-Token", g.token);
    return 0;
}

int api_documents_get(Request *req, Response *res)
{
    Dossier d;
    DossierDocument dd;
    int rc = require_dossier(req, PERM_DOSSIER_READ, req->params[0], &d);
    if (rc < 0 || (rc = find_document(req, &d, req->params[1], NULL, &dd)) < 0)
        return rc;
    /* personal data was viewed: record who (docs/INTERFACES.md §3) before answering */
    if ((rc = actions_log_view(req, &d, "document")) < 0)
        return rc;
    return send_file(req, res, &d, &dd);
}

int api_lookup_result(Request *req, Response *res)
{
    PublicView v;
    DossierDocument dd;
    int rc = publicview_lookup(req, req_query(req, "code"), req_query(req, "key"), &v);
    if (rc < 0 || (rc = find_document(req, &v.d, req_query(req, "sha256"), "result", &dd)) < 0)
        return rc;
    if (v.d.p.state != STATE_RESOLVED && v.d.p.state != STATE_RETURNED)
        return req_fail(req, ERR_NOT_FOUND, "sha256", "Hồ sơ chưa có kết quả",
                        "the dossier has no result yet");
    return send_file(req, res, &v.d, &dd);
}

/* ---- reuse ---- */

int api_documents_reusable(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_DOSSIER_READ, NULL);
    if (rc < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    ReusableDocument *list;
    size_t n;
    if ((rc = documents_reusable(s, req->arena, req_query(req, "id_number"), req->who.unit, &list,
                                 &n, &req->err)) < 0 ||
        (rc = actions_log_list(req, req->who.unit, "reusable", n)) < 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = attachment_json(&list[i].doc);
        json_object_set_new(o, "dossier", json_string(list[i].dossier_code));
        json_array_append_new(arr, o);
    }
    res_json(res, 200, json_pack("{s:o}", "documents", arr));
    return 0;
}

int api_documents_reuse(Request *req, Response *res)
{
    Attach at = {.req = req, .code = req->params[0], .kind = "component"};
    Dossier d;
    int rc = require_dossier(req, PERM_DOSSIER_ACT, at.code, &d);
    if (rc < 0 || (rc = idem_begin(req, &at.idem)) < 0)
        return rc;
    json_t *o;
    if ((rc = req_json(req, &o)) < 0)
        return rc;
    static const char *const keys[] = {"sha256", "name", "from", NULL};
    if ((rc = jsonv_only(o, keys, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "sha256", 1, 64, &at.doc.sha256, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "name", 1, NAME_MAX_BYTES, &at.name, &req->err)) == 0)
        rc = jsonv_str(req->arena, o, "from", 1, 64, &at.from, &req->err);
    json_decref(o);
    if (rc < 0)
        return rc;
    if (!files_valid_sha256(at.doc.sha256))
        return req_fail(req, ERR_INVALID, "sha256", "sha256 gồm 64 chữ số hệ 16 viết thường",
                        "sha256 must be 64 lower-case hex digits");
    /* the earlier dossier must be one the caller may read: one outside their units reads as
     * one that does not exist, whatever its applicant or results */
    Dossier earlier;
    if ((rc = find_dossier(req, PERM_DOSSIER_READ, at.from, &earlier)) == ERR_NOT_FOUND)
        return documents_unknown_source(&req->err, at.from);
    if (rc < 0 || (rc = req_write(req, write_attach, &at)) < 0)
        return rc;
    idem_respond(&at.idem, res, 201, at.body);
    return 0;
}
