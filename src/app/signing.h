/* signing.h: the units' signatures (docs/ARCHITECTURE.md §10): importing, listing and revoking a
 * unit's certificates, signing a form's canonical content or a result file with the unit's
 * current certificate, judging a signature (valid, revoked, broken), and sealing the records of
 * dossiers older than record digests. The crypto is util/sign.h's; the private keys are sealed
 * under the server's signing key, a random passphrase in the file <db>.signkey (mode 0600)
 * beside a file store, or signkey in the documents' folder (--files DIR, which every node of a
 * database server shares) of a database server's store: a copy of the database alone does not
 * carry it. Write functions run
 * inside the caller's transaction; nothing here reads the clock. */
#ifndef MOTCUA_SIGNING_H
#define MOTCUA_SIGNING_H

#include "store/store.h"
#include "util/sign.h"

/* signing_file returns where the server's file name lives for the store at db: <db>.name
 * beside a file store, files/name for a database server's store (files: its documents'
 * folder), or NULL when db is a server's and files is NULL (arena). */
const char *signing_file(Arena *a, const char *db, const char *files, const char *name);

/* signing_key reads the server's signing key of the store at db (documents in files, which a
 * database server's store needs: ERR_INVALID without) into *out (from a); with create, a
 * missing key file is made (32 random bytes in hex, mode 0600). ERR_NOT_FOUND when it is
 * missing and create is 0; ERR_IO when it cannot be read or written. */
int signing_key(Arena *a, const char *db, const char *files, int create, const char **out, Err *e);

/* signing_import records id as a signing certificate of unit, its key sealed under key. The
 * unit must exist (ERR_SEMANTIC); the certificate must be valid at now (ERR_SEMANTIC). The
 * newest imported certificate of a unit signs from then on (rotation); older ones remain
 * to check what they signed. */
int signing_import(Store *s, Arena *a, const char *unit, const SignIdentity *id, const char *key,
                   int64_t now, UnitCert *out, Err *e);

/* signing_current finds the certificate that signs for unit at now: the newest imported
 * one valid at now and not revoked by today. ERR_NOT_FOUND when the unit has none. */
int signing_current(Store *s, Arena *a, const char *unit, int64_t now, UnitCert *out, Err *e);

/* signing_sign signs data[0..len) for unit with its current certificate and records the
 * signature: kind ("form", "result"), the dossier's row id (0: none), what ("form-01", the
 * result's sha256) and content (what the verification page shows: a form's canonical text; a
 * result's sha256). out gets it, with a new random token. */
int signing_sign(Store *s, Arena *a, const char *key, const char *unit, const char *kind,
                 int64_t dossier, const char *what, const char *content, const void *data,
                 size_t len, int64_t now, Signature *out, Err *e);

/* signing_content finds or makes the signature of content for what of dossier: one made
 * already over the same content with unit's current certificate is reused (a form printed
 * again); else, with key, content is signed anew (kind "form"). ERR_NOT_FOUND when the unit
 * has no certificate, or without key when there is none to reuse. */
int signing_content(Store *s, Arena *a, const char *key, const char *unit, int64_t dossier,
                    const char *what, const char *content, int64_t now, Signature *out, Err *e);

/* signing_result signs the result file sha256 of the dossier called code (its bytes under the
 * document folder dir) for the unit that decides it (its current unit; else its receiving
 * unit): a detached CMS signature kept beside it, whose token goes to *out_token (NULL when
 * neither unit has a certificate: the result stays unsigned). */
int signing_result(Store *s, Arena *a, const char *key, const char *dir, const char *code,
                   const char *sha256, int64_t now, const char **out_token, Err *e);

/* How a signature stands. */
typedef enum SignStatus {
    SIGN_VALID,   /* it verifies, and its certificate was not revoked when it was made */
    SIGN_REVOKED, /* it verifies, but it was made on or after its certificate's revocation day */
    SIGN_BROKEN   /* it does not verify over the content: the content or signature changed */
} SignStatus;

/* signing_status judges g over what it signed: a form's content, or a result's file (read
 * from the document folder dir), and gives its certificate in *out_cert (may be NULL). A
 * result whose file is gone or altered is SIGN_BROKEN. */
int signing_status(Store *s, Arena *a, const char *dir, const Signature *g, SignStatus *out,
                   UnitCert *out_cert, Err *e);

/* signing_seal seals every dossier whose events carry no record digest and that has no seal
 * yet: the digest of its record now and the head of its chain, recorded as sealed at now (the
 * one-time sealing after migration 23). *out_n gets how many. */
int signing_seal(Store *s, int64_t now, long *out_n, Err *e);

#endif
