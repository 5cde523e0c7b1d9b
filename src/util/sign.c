/* sign.c: certificates, sealed keys and detached CMS signatures on OpenSSL (see sign.h); built
 * alone with -DMOTCUA_OPENSSL_TU (util/banned.h). Every
 * OpenSSL object lives only within one call and is freed before it returns. */
#include "util/sign.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <string.h>
#include <time.h>

/* bio_text copies what was written to the memory BIO b into a. */
static const char *bio_text(Arena *a, BIO *b)
{
    char *p;
    long n = BIO_get_mem_data(b, &p);
    return arena_strndup(a, p, n > 0 ? (size_t)n : 0);
}

static const char *cert_pem(Arena *a, X509 *x)
{
    BIO *b = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(b, x);
    const char *s = bio_text(a, b);
    BIO_free(b);
    return s;
}

static const char *name_text(Arena *a, X509_NAME *n)
{
    BIO *b = BIO_new(BIO_s_mem());
    X509_NAME_print_ex(b, n, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    const char *s = bio_text(a, b);
    BIO_free(b);
    return s;
}

static int64_t asn1_seconds(const ASN1_TIME *t)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (ASN1_TIME_to_tm(t, &tm) != 1)
        return 0;
    return (int64_t)timegm(&tm);
}

/* describe fills the names, serial and validity of out from x. */
static void describe(Arena *a, X509 *x, SignIdentity *out)
{
    out->cert_pem = cert_pem(a, x);
    out->subject = name_text(a, X509_get_subject_name(x));
    out->issuer = name_text(a, X509_get_issuer_name(x));
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get_serialNumber(x), NULL);
    char *hex = bn ? BN_bn2hex(bn) : NULL;
    out->serial = arena_strdup(a, hex ? hex : "");
    OPENSSL_free(hex);
    BN_free(bn);
    out->not_before = asn1_seconds(X509_get0_notBefore(x));
    out->not_after = asn1_seconds(X509_get0_notAfter(x));
}

static const char *key_pem(Arena *a, EVP_PKEY *k)
{
    BIO *b = BIO_new(BIO_s_mem());
    PEM_write_bio_PKCS8PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
    const char *s = bio_text(a, b);
    BIO_free(b);
    return s;
}

/* load_pem reads every certificate of a PEM text and its one private key: the certificate that
 * matches the key is the signer's; the others are its chain. */
static int load_pem(const void *data, size_t len, EVP_PKEY **key, X509 **cert,
                    STACK_OF(X509) * *chain)
{
    BIO *b = BIO_new_mem_buf(data, (int)len);
    STACK_OF(X509_INFO) *infos = PEM_X509_INFO_read_bio(b, NULL, NULL, NULL);
    BIO_free(b);
    if (!infos)
        return -1;
    *chain = sk_X509_new_null();
    for (int i = 0; i < sk_X509_INFO_num(infos); i++) {
        X509_INFO *xi = sk_X509_INFO_value(infos, i);
        if (xi->x_pkey && xi->x_pkey->dec_pkey && !*key) {
            *key = xi->x_pkey->dec_pkey;
            EVP_PKEY_up_ref(*key);
        }
        if (xi->x509) {
            X509_up_ref(xi->x509);
            sk_X509_push(*chain, xi->x509);
        }
    }
    sk_X509_INFO_pop_free(infos, X509_INFO_free);
    for (int i = 0; *key && i < sk_X509_num(*chain); i++) {
        X509 *x = sk_X509_value(*chain, i);
        if (X509_check_private_key(x, *key) == 1) {
            *cert = x;
            (void)sk_X509_delete(*chain, i);
            break;
        }
    }
    return 0;
}

int sign_load(Arena *a, const void *data, size_t len, const char *password, SignIdentity *out,
              Err *e)
{
    EVP_PKEY *key = NULL;
    X509 *cert = NULL;
    STACK_OF(X509) *chain = NULL;
    const unsigned char *p = data;
    PKCS12 *p12 = d2i_PKCS12(NULL, &p, (long)len);
    int rc = 0;
    if (p12) {
        if (!PKCS12_parse(p12, password ? password : "", &key, &cert, &chain))
            rc = err_set(e, ERR_INVALID, "file",
                         "Không mở được tệp PKCS#12 (sai mật khẩu hoặc tệp hỏng)",
                         "cannot open the PKCS#12 file (wrong password or damaged file)");
        PKCS12_free(p12);
    } else if (load_pem(data, len, &key, &cert, &chain) < 0) {
        rc = err_set(e, ERR_INVALID, "file",
                     "Tệp không phải PKCS#12 hay PEM chứa chứng thư số và khóa",
                     "the file is neither PKCS#12 nor PEM with a certificate and a key");
    }
    if (rc == 0 && (!key || !cert))
        rc = err_set(e, ERR_INVALID, "file", "Tệp thiếu chứng thư số hoặc khóa bí mật khớp với nó",
                     "the file lacks a certificate or the private key that matches it");
    if (rc == 0 && X509_check_private_key(cert, key) != 1)
        rc = err_set(e, ERR_INVALID, "file", "Khóa bí mật không khớp với chứng thư số",
                     "the private key does not match the certificate");
    if (rc == 0) {
        SignIdentity id;
        describe(a, cert, &id);
        id.key_pem = key_pem(a, key);
        BIO *b = BIO_new(BIO_s_mem());
        for (int i = 0; chain && i < sk_X509_num(chain); i++)
            PEM_write_bio_X509(b, sk_X509_value(chain, i));
        id.chain_pem = bio_text(a, b);
        BIO_free(b);
        *out = id;
    }
    ERR_clear_error();
    EVP_PKEY_free(key);
    X509_free(cert);
    sk_X509_pop_free(chain, X509_free);
    return rc;
}

int sign_seal(Arena *a, const char *key, const char *passphrase, const char **out, Err *e)
{
    BIO *in = BIO_new_mem_buf(key, -1);
    EVP_PKEY *k = PEM_read_bio_PrivateKey(in, NULL, NULL, NULL);
    BIO_free(in);
    BIO *b = BIO_new(BIO_s_mem());
    int ok = k && PEM_write_bio_PKCS8PrivateKey(b, k, EVP_aes_256_cbc(), passphrase,
                                                (int)strlen(passphrase), NULL, NULL) == 1;
    if (ok)
        *out = bio_text(a, b);
    BIO_free(b);
    EVP_PKEY_free(k);
    ERR_clear_error();
    return ok ? 0
              : err_set(e, ERR_INVALID, "key", "Không niêm phong được khóa bí mật",
                        "cannot seal the private key");
}

static X509 *read_cert(const char *pem)
{
    BIO *b = BIO_new_mem_buf(pem, -1);
    X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    return x;
}

int sign_cms(Arena *a, const char *cert, const char *sealed_key, const char *passphrase,
             const void *data, size_t len, unsigned char **out, size_t *out_len, Err *e)
{
    X509 *x = read_cert(cert);
    BIO *kb = BIO_new_mem_buf(sealed_key, -1);
    EVP_PKEY *k = PEM_read_bio_PrivateKey(kb, NULL, NULL, (void *)passphrase);
    BIO_free(kb);
    BIO *in = BIO_new_mem_buf(data, (int)len);
    CMS_ContentInfo *cms =
        x && k ? CMS_sign(x, k, NULL, in, CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP) : NULL;
    unsigned char *der = NULL;
    int n = cms ? i2d_CMS_ContentInfo(cms, &der) : -1;
    int rc = 0;
    if (n > 0) {
        *out = arena_alloc(a, (size_t)n);
        memcpy(*out, der, (size_t)n);
        *out_len = (size_t)n;
    } else {
        rc = err_set(e, ERR_IO, "key",
                     "Không ký được (khóa bí mật không mở được bằng khóa của máy chủ)",
                     "cannot sign (the private key does not open with the server's key)");
    }
    OPENSSL_free(der);
    CMS_ContentInfo_free(cms);
    BIO_free(in);
    EVP_PKEY_free(k);
    X509_free(x);
    ERR_clear_error();
    return rc;
}

int sign_cms_check(const unsigned char *der, size_t der_len, const void *data, size_t len,
                   const char *cert)
{
    const unsigned char *p = der;
    CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)der_len);
    X509 *x = read_cert(cert);
    STACK_OF(X509) *certs = sk_X509_new_null();
    BIO *in = BIO_new_mem_buf(data, (int)len);
    int ok = 0;
    if (cms && x) {
        sk_X509_push(certs, x);
        /* the signer must be exactly the stored certificate; its chain is checked at import */
        ok = CMS_verify(cms, certs, NULL, in, NULL,
                        CMS_DETACHED | CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY | CMS_NOINTERN) == 1;
    }
    sk_X509_free(certs);
    X509_free(x);
    BIO_free(in);
    CMS_ContentInfo_free(cms);
    ERR_clear_error();
    return ok;
}

/* ---- the demo certificate authority ---- */

static EVP_PKEY *new_key(void)
{
    return EVP_EC_gen("P-256");
}

static void add_ext(X509 *issuer, X509 *x, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
    if (ext) {
        X509_add_ext(x, ext, -1);
        X509_EXTENSION_free(ext);
    }
}

/* make_cert makes a certificate of key named cn (and org) issued by issuer (NULL:
 * self-signed) with issuer_key, valid for years from now. */
static X509 *make_cert(EVP_PKEY *key, const char *cn, const char *org, X509 *issuer,
                       EVP_PKEY *issuer_key, int64_t now, int years, int ca)
{
    X509 *x = X509_new();
    unsigned char serial[16];
    if (!x || RAND_bytes(serial, sizeof serial) != 1) {
        X509_free(x);
        return NULL;
    }
    X509_set_version(x, 2);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, NULL);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
    BN_free(bn);
    ASN1_TIME_set(X509_getm_notBefore(x), (time_t)(now - 3600));
    ASN1_TIME_set(X509_getm_notAfter(x), (time_t)(now + (int64_t)years * 366 * 86400));
    X509_set_pubkey(x, key);
    X509_NAME *n = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(n, "C", MBSTRING_UTF8, (const unsigned char *)"VN", -1, -1, 0);
    if (org)
        X509_NAME_add_entry_by_txt(n, "O", MBSTRING_UTF8, (const unsigned char *)org, -1, -1, 0);
    X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
    X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n);
    add_ext(issuer ? issuer : x, x, NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE");
    add_ext(issuer ? issuer : x, x, NID_key_usage,
            ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation");
    add_ext(issuer ? issuer : x, x, NID_subject_key_identifier, "hash");
    if (X509_sign(x, issuer_key, EVP_sha256()) <= 0) {
        X509_free(x);
        return NULL;
    }
    return x;
}

int sign_demo_ca(Arena *a, const char *cn, int64_t now, const char **out_ca_pem,
                 const char **out_ca_key_pem, Err *e)
{
    EVP_PKEY *k = new_key();
    X509 *x = k ? make_cert(k, cn, NULL, NULL, k, now, 10, 1) : NULL;
    if (x) {
        *out_ca_pem = cert_pem(a, x);
        *out_ca_key_pem = key_pem(a, k);
    }
    X509_free(x);
    EVP_PKEY_free(k);
    ERR_clear_error();
    return x ? 0 : err_set(e, ERR_IO, "", "Không tạo được CA mẫu", "cannot make the demo CA");
}

int sign_demo_issue(Arena *a, const char *ca_pem, const char *ca_key_pem, const char *cn,
                    const char *org, int64_t now, int years, SignIdentity *out, Err *e)
{
    X509 *ca = read_cert(ca_pem);
    BIO *kb = BIO_new_mem_buf(ca_key_pem, -1);
    EVP_PKEY *ca_key = PEM_read_bio_PrivateKey(kb, NULL, NULL, NULL);
    BIO_free(kb);
    EVP_PKEY *k = ca && ca_key ? new_key() : NULL;
    X509 *x = k ? make_cert(k, cn, org, ca, ca_key, now, years, 0) : NULL;
    if (x) {
        SignIdentity id;
        describe(a, x, &id);
        id.key_pem = key_pem(a, k);
        id.chain_pem = arena_strdup(a, ca_pem);
        *out = id;
    }
    X509_free(x);
    EVP_PKEY_free(k);
    EVP_PKEY_free(ca_key);
    X509_free(ca);
    ERR_clear_error();
    return x ? 0
             : err_set(e, ERR_IO, "", "Không cấp được chứng thư số mẫu",
                       "cannot issue the demo certificate");
}
