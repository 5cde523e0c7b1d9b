/* test_sign.c: util/sign: certificates and keys read from PEM, keys sealed under a passphrase,
 * detached CMS signatures that verify over their data only, with their signer's certificate
 * only, and refusals of what is not a certificate and key that match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/sign.h"

#include <string.h>

enum { NOW = 1780000000 }; /* 2026-05-28 */

typedef struct Fixture {
    Arena *a;
    const char *ca, *ca_key;
    SignIdentity alice, bob;
} Fixture;

static int setup(void **state)
{
    static Fixture f;
    Err e;
    f.a = arena_new();
    assert_int_equal(sign_demo_ca(f.a, "Test CA", NOW, &f.ca, &f.ca_key, &e), 0);
    assert_int_equal(
        sign_demo_issue(f.a, f.ca, f.ca_key, "UBND xã Gio Linh", "motcua", NOW, 1, &f.alice, &e),
        0);
    assert_int_equal(
        sign_demo_issue(f.a, f.ca, f.ca_key, "UBND xã Cồn Tiên", "motcua", NOW, 1, &f.bob, &e), 0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    arena_free(((Fixture *)*state)->a);
    return 0;
}

static void test_issued(void **state)
{
    Fixture *f = *state;
    assert_non_null(strstr(f->alice.subject, "CN=UBND xã Gio Linh"));
    assert_non_null(strstr(f->alice.issuer, "CN=Test CA"));
    assert_true(f->alice.not_before <= NOW && f->alice.not_after > NOW + 300 * 86400);
    assert_string_not_equal(f->alice.serial, f->bob.serial);
}

static void test_load_pem_any_order(void **state)
{
    Fixture *f = *state;
    Err e;
    SignIdentity got;
    /* the chain first, then the key, then the signer's certificate */
    const char *pem = arena_printf(f->a, "%s%s%s", f->ca, f->alice.key_pem, f->alice.cert_pem);
    assert_int_equal(sign_load(f->a, pem, strlen(pem), NULL, &got, &e), 0);
    assert_string_equal(got.cert_pem, f->alice.cert_pem);
    assert_string_equal(got.chain_pem, f->ca);
    assert_string_equal(got.serial, f->alice.serial);
}

static void test_load_refuses(void **state)
{
    Fixture *f = *state;
    Err e;
    SignIdentity got;
    const char *mismatch = arena_printf(f->a, "%s%s", f->alice.cert_pem, f->bob.key_pem);
    assert_int_equal(sign_load(f->a, mismatch, strlen(mismatch), NULL, &got, &e), ERR_INVALID);
    assert_int_equal(sign_load(f->a, f->alice.cert_pem, strlen(f->alice.cert_pem), NULL, &got, &e),
                     ERR_INVALID); /* no key */
    assert_int_equal(sign_load(f->a, "not a certificate", 17, NULL, &got, &e), ERR_INVALID);
    assert_string_equal(e.field, "file");
}

static void test_sign_and_check(void **state)
{
    Fixture *f = *state;
    Err e;
    const char *sealed;
    unsigned char *der;
    size_t n;
    static const char data[] = "{\"dossier\":\"000.01.52.H50-260302-0001\"}";
    assert_int_equal(sign_seal(f->a, f->alice.key_pem, "passphrase-1", &sealed, &e), 0);
    assert_non_null(strstr(sealed, "ENCRYPTED PRIVATE KEY"));
    assert_null(strstr(sealed, f->alice.key_pem + 30)); /* not the key in clear */
    assert_int_equal(
        sign_cms(f->a, f->alice.cert_pem, sealed, "passphrase-1", data, strlen(data), &der, &n, &e),
        0);
    assert_true(n > 100);
    assert_int_equal(sign_cms_check(der, n, data, strlen(data), f->alice.cert_pem), 1);
    /* one character changed */
    char altered[sizeof data];
    memcpy(altered, data, sizeof data);
    altered[20] = altered[20] == '1' ? '2' : '1';
    assert_int_equal(sign_cms_check(der, n, altered, strlen(altered), f->alice.cert_pem), 0);
    /* another signer's certificate */
    assert_int_equal(sign_cms_check(der, n, data, strlen(data), f->bob.cert_pem), 0);
    /* a damaged signature value (the end of the DER) */
    der[n - 5] ^= 0x55;
    assert_int_equal(sign_cms_check(der, n, data, strlen(data), f->alice.cert_pem), 0);
    assert_int_equal(sign_cms_check(der, 3, data, strlen(data), f->alice.cert_pem), 0);
    /* the sealed key does not open with another passphrase */
    assert_int_equal(
        sign_cms(f->a, f->alice.cert_pem, sealed, "passphrase-2", data, strlen(data), &der, &n, &e),
        ERR_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issued),
        cmocka_unit_test(test_load_pem_any_order),
        cmocka_unit_test(test_load_refuses),
        cmocka_unit_test(test_sign_and_check),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
