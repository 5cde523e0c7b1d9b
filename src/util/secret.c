/* secret.c: libsodium wrappers (see secret.h). */
#include "util/secret.h"

#include <sodium.h>
#include <string.h>

int secret_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

int secret_hash_password(const char *password, char out[SECRET_HASH_MAX])
{
    _Static_assert(crypto_pwhash_STRBYTES <= SECRET_HASH_MAX, "hash buffer too small");
    return crypto_pwhash_str_alg(out, password, strlen(password),
                                 crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
}

int secret_verify_password(const char *hash, const char *password)
{
    if (!hash || !password)
        return 0;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void secret_token(char out[SECRET_TOKEN_LEN + 1])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, SECRET_TOKEN_LEN + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

void secret_random(void *buf, size_t n)
{
    randombytes_buf(buf, n);
}

void secret_sha256(const void *data, size_t len, unsigned char out[32])
{
    crypto_hash_sha256(out, data, len);
}

void secret_hmac_hex(const char *key, const void *data, size_t len, char out[65])
{
    crypto_auth_hmacsha256_state st;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)key, strlen(key));
    crypto_auth_hmacsha256_update(&st, data, len);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(out, 65, mac, sizeof mac);
}

int secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return 0;
    return sodium_memcmp(a, b, la) == 0;
}

void secret_sign_keypair(unsigned char pk[SECRET_SIGN_PUBLIC], unsigned char sk[SECRET_SIGN_SECRET])
{
    _Static_assert(crypto_sign_PUBLICKEYBYTES == SECRET_SIGN_PUBLIC, "public key size");
    _Static_assert(crypto_sign_SECRETKEYBYTES == SECRET_SIGN_SECRET, "secret key size");
    crypto_sign_keypair(pk, sk);
}

void secret_sign(const unsigned char sk[SECRET_SIGN_SECRET], const void *data, size_t len,
                 unsigned char sig[SECRET_SIGNATURE])
{
    _Static_assert(crypto_sign_BYTES == SECRET_SIGNATURE, "signature size");
    crypto_sign_detached(sig, NULL, data, len, sk);
}

int secret_sign_verify(const unsigned char pk[SECRET_SIGN_PUBLIC], const void *data, size_t len,
                       const unsigned char sig[SECRET_SIGNATURE])
{
    return crypto_sign_verify_detached(sig, data, len, pk) == 0;
}

void secret_b64(const unsigned char *bin, size_t len, char out[SECRET_B64_MAX])
{
    sodium_bin2base64(out, SECRET_B64_MAX, bin, len > 64 ? 64 : len,
                      sodium_base64_VARIANT_ORIGINAL);
}

int secret_unb64(const char *text, unsigned char *out, size_t want)
{
    size_t got = 0;
    const char *end = NULL;
    if (!text || sodium_base642bin(out, want, text, strlen(text), NULL, &got, &end,
                                   sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return got == want && end && *end == '\0' ? 0 : -1;
}
