/* secret.h: the few cryptographic primitives motcua uses, on libsodium: argon2id password
 * hashes, random tokens, SHA-256, HMAC-SHA256, constant-time comparison, and Ed25519
 * signatures (messages between agencies) with their keys in standard base64.
 * secret_init must be called once before any other function (main does). */
#ifndef MOTCUA_SECRET_H
#define MOTCUA_SECRET_H

#include <stddef.h>

enum {
    SECRET_HASH_MAX = 128, /* room for an argon2id string (crypto_pwhash_STRBYTES) */
    SECRET_TOKEN_LEN = 43, /* base64url (no padding) of 32 random bytes */
    SECRET_SIGN_PUBLIC = 32,
    SECRET_SIGN_SECRET = 64,
    SECRET_SIGNATURE = 64,
    SECRET_B64_MAX = 92 /* standard base64 (padded) of 64 bytes, and a NUL */
};

/* secret_init initialises libsodium; returns 0, or -1 when it cannot (no entropy source). */
int secret_init(void);

/* secret_hash_password writes the argon2id hash string of password into out
 * (SECRET_HASH_MAX bytes); returns 0, or -1 when out of memory. */
int secret_hash_password(const char *password, char out[SECRET_HASH_MAX]);

/* secret_verify_password returns 1 when password matches the stored hash string, else 0. */
int secret_verify_password(const char *hash, const char *password);

/* secret_token writes SECRET_TOKEN_LEN random base64url characters and a NUL into out. */
void secret_token(char out[SECRET_TOKEN_LEN + 1]);

/* secret_random fills buf with n bytes from the operating system's random source. */
void secret_random(void *buf, size_t n);

/* secret_sha256 writes the SHA-256 of data[0..len) into out. */
void secret_sha256(const void *data, size_t len, unsigned char out[32]);

/* secret_hmac_hex writes the lower-case hex HMAC-SHA256 of data[0..len) under key into out. */
void secret_hmac_hex(const char *key, const void *data, size_t len, char out[65]);

/* secret_sign_keypair makes a new Ed25519 key pair. */
void secret_sign_keypair(unsigned char pk[SECRET_SIGN_PUBLIC],
                         unsigned char sk[SECRET_SIGN_SECRET]);

/* secret_sign writes the detached Ed25519 signature of data[0..len) under sk into sig. */
void secret_sign(const unsigned char sk[SECRET_SIGN_SECRET], const void *data, size_t len,
                 unsigned char sig[SECRET_SIGNATURE]);

/* secret_sign_verify returns 1 when sig is pk's signature of data[0..len), else 0. */
int secret_sign_verify(const unsigned char pk[SECRET_SIGN_PUBLIC], const void *data, size_t len,
                       const unsigned char sig[SECRET_SIGNATURE]);

/* secret_b64 writes bin[0..len) (len <= 64) as standard padded base64 into out. */
void secret_b64(const unsigned char *bin, size_t len, char out[SECRET_B64_MAX]);

/* secret_unb64 reads standard base64 text (padded; no spaces) of exactly want bytes into out;
 * 0, or -1 when it is not that. */
int secret_unb64(const char *text, unsigned char *out, size_t want);

/* secret_equal compares two strings in time independent of where they differ; 1 if equal. */
int secret_equal(const char *a, const char *b);

#endif
