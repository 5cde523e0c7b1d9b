/* documents.h: digitized documents of dossiers. The bytes live in the content-addressed folder
 * beside the database (store/files.h); the store records each file once (document) and each
 * attachment to a dossier as a component or its result (dossier_document). Attaching a document is
 * a `digitize` event of the dossier, so the digitization counters and indicators move with it.
 * Earlier results of the same citizen (identity number) can be attached to a new dossier without a
 * new paper (Decree 45/2020), recorded as reused. Write functions run inside the single writer's
 * transaction. */
#ifndef MOTCUA_DOCUMENTS_H
#define MOTCUA_DOCUMENTS_H

#include "app/dossiers.h"

/* documents_copy copies the file of every document s records from the folder from into the
 * folder to (created if need be), each made durable; files there already are kept. For
 * `motcua backup`: call it after the database copy, whose documents are then all among
 * these (files are written before the rows that name them, and never removed). */
int documents_copy(Store *s, const char *from, const char *to, long *out_n, Err *e);

/* documents_attach attaches a stored file to the dossier called code as kind ("component",
 * with its name; or "result", name optional) and records a `digitize` event (the component's
 * name, or result: true) through dossiers_act, which checks who's role. doc (its sha256,
 * size and mime) is recorded when new; with reused_from (an earlier dossier's code) doc may
 * be NULL: the file is known already. out (may be NULL) gets the attachment. */
int documents_attach(Store *s, Arena *a, const char *code, const Document *doc, const char *sha256,
                     const char *kind, const char *name, const char *reused_from, const Actor *who,
                     int64_t now, DossierDocument *out, Err *e);

/* An earlier result a citizen may reuse: the attachment and its dossier's code. */
typedef struct ReusableDocument {
    DossierDocument doc;
    const char *dossier_code;
} ReusableDocument;

/* documents_reusable lists the result documents of dossiers received by or now at `under`
 * or below (NULL: all) whose applicant's identity number is id_number (letters and digits,
 * 6-20), newest dossier first, at most 200 dossiers looked at. Allocated from a. */
int documents_reusable(Store *s, Arena *a, const char *id_number, const char *under,
                       ReusableDocument **out, size_t *out_n, Err *e);

/* documents_reuse attaches the result sha256 of the earlier dossier `from` to the dossier
 * called code as a component named name, recorded as reused from it, with a `digitize`
 * event; no file is copied. ERR_SEMANTIC (422) unless sha256 is a result of `from` and both
 * dossiers' applicants have the same identity number. */
int documents_reuse(Store *s, Arena *a, const char *code, const char *sha256, const char *name,
                    const char *from, const Actor *who, int64_t now, DossierDocument *out, Err *e);

/* documents_unknown_source fills e with the one error of a reuse whose earlier dossier `from`
 * does not exist, or lies outside the caller's units (the web layer's check): they read alike
 * (ERR_SEMANTIC naming "from"). Returns ERR_SEMANTIC. */
int documents_unknown_source(Err *e, const char *from);

/* documents_verify checks that every recorded document's file exists under dir with the
 * recorded size and SHA-256; each problem goes to report and is counted in *out_problems. */
int documents_verify(Store *s, const char *dir, void (*report)(void *ctx, const char *problem),
                     void *ctx, long *out_problems, Err *e);

#endif
