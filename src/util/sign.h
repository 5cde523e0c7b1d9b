/* sign.h: the digital signatures motcua makes and checks, on OpenSSL's libcrypto: reading a
 * unit's X.509 certificate and private key (PKCS#12, or PEM with the certificate and the key),
 * sealing the key at rest (PKCS#8 encrypted with AES-256 under a passphrase), detached CMS
 * signatures in DER (RFC 5652, as `openssl cms -sign -binary -outform DER` makes them) and their
 * check, and a demo certificate authority. Everything returned is allocated from the caller's
 * Arena; nothing is kept between calls. Thread-safe. */
#ifndef MOTCUA_SIGN_H
#define MOTCUA_SIGN_H

#include "util/arena.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>

/* A certificate and its key as imported. */
typedef struct SignIdentity {
    const char *cert_pem;         /* the signer's certificate */
    const char *chain_pem;        /* the certificates above it given with it ("" if none) */
    const char *key_pem;          /* the private key, unencrypted PKCS#8 PEM (keep in memory) */
    const char *subject, *issuer; /* one-line RFC 2253 names */
    const char *serial;           /* hex */
    int64_t not_before, not_after;
} SignIdentity;

/* sign_load reads a certificate and its private key from data: PKCS#12 (opened with password,
 * which may be NULL or "") or PEM holding the certificate, the key and any chain. ERR_INVALID
 * when it is neither, the password is wrong, the key is missing or does not match the
 * certificate. */
int sign_load(Arena *a, const void *data, size_t len, const char *password, SignIdentity *out,
              Err *e);

/* sign_seal encrypts key_pem under passphrase (PKCS#8, AES-256-CBC, PBKDF2) into *out (PEM). */
int sign_seal(Arena *a, const char *key_pem, const char *passphrase, const char **out, Err *e);

/* sign_cms signs data[0..len) with the certificate and sealed key (opened with passphrase):
 * a detached CMS SignedData in DER with the certificate included and the signing time signed;
 * *out / *out_len get it. */
int sign_cms(Arena *a, const char *cert_pem, const char *sealed_key, const char *passphrase,
             const void *data, size_t len, unsigned char **out, size_t *out_len, Err *e);

/* sign_cms_check returns 1 when der is a valid detached CMS signature over data[0..len) made
 * with the key of cert_pem (the certificate is trusted as given: it is the store's), else 0. */
int sign_cms_check(const unsigned char *der, size_t der_len, const void *data, size_t len,
                   const char *cert_pem);

/* sign_demo_ca makes a demo certificate authority (an EC P-256 key and a self-signed
 * certificate valid for ten years from now) named cn: *out_ca_pem, *out_ca_key_pem. */
int sign_demo_ca(Arena *a, const char *cn, int64_t now, const char **out_ca_pem,
                 const char **out_ca_key_pem, Err *e);

/* sign_demo_issue makes a new key and a certificate for it issued by the demo CA (its PEM
 * certificate and key), subject CN cn, O org, valid for years from now; out gets the identity
 * with chain_pem = the CA's certificate. */
int sign_demo_issue(Arena *a, const char *ca_pem, const char *ca_key_pem, const char *cn,
                    const char *org, int64_t now, int years, SignIdentity *out, Err *e);

#endif
