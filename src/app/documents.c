/* documents.c: dossiers' documents: attaching a stored file as a component or the result
 * (with its `digitize` event), the reuse of a citizen's earlier results, and the copy and
 * verification of the document folder (see documents.h). */
#include "app/documents.h"

#include "store/files.h"

#include <stdio.h>
#include <string.h>

int documents_copy(Store *s, const char *from, const char *to, long *out_n, Err *e)
{
    Arena *a = arena_new();
    Document *docs;
    size_t n;
    long copied = 0;
    int rc = store_document_list(s, a, &docs, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int one;
        if ((rc = files_copy(a, from, to, docs[i].sha256, docs[i].size, &one, e)) == 0)
            copied += one;
    }
    arena_free(a);
    *out_n = copied;
    return rc;
}

int documents_attach(Store *s, Arena *a, const char *code, const Document *doc, const char *sha256,
                     const char *kind, const char *name, const char *reused_from, const Actor *who,
                     int64_t now, DossierDocument *out, Err *e)
{
    Dossier d;
    int rc = dossiers_digitize(s, a, code, strcmp(kind, "result") == 0 ? NULL : name, sha256, who,
                               now, &d, e);
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
    int rc = dossiers_search(s, a, &q, &ds, &n_ds, e);
    if (rc < 0)
        return rc;
    ReusableDocument *list = arena_array(a, cap, sizeof *list);
    for (size_t i = 0; i < n_ds; i++) {
        const char *id = ds[i].applicant.id_number;
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
    int rc = dossiers_get(s, a, code, &to, e);
    if (rc < 0)
        return rc;
    rc = dossiers_get(s, a, from, &earlier, &nf);
    if (rc == ERR_NOT_FOUND)
        return documents_unknown_source(e, from);
    if (rc < 0) {
        *e = nf;
        return rc;
    }
    const char *id_to = to.applicant.id_number, *id_from = earlier.applicant.id_number;
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

int documents_unknown_source(Err *e, const char *from)
{
    return err_setf(e, ERR_SEMANTIC, "from", "Không có hồ sơ %s trong phạm vi đơn vị của bạn",
                    "no dossier %s within your units", from);
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
        const char *what = files_check(a, dir, docs[i].sha256, docs[i].size);
        if (!what)
            continue;
        char msg[512];
        snprintf(msg, sizeof msg, "tài liệu / document %s: %s (%s)", docs[i].sha256, what,
                 files_path(a, dir, docs[i].sha256));
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
