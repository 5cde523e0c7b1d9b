/* test_netaddr.c: addresses read and written (IPv4 mapped into IPv6), prefix lists as an
 * operator writes them, and the internal ranges webhooks may not reach, each both ways. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/netaddr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

static NetAddr addr(const char *text)
{
    NetAddr a;
    assert_true(netaddr_parse(text, &a));
    return a;
}

static void test_parse_and_format(void **state)
{
    (void)state;
    char out[NETADDR_TEXT];
    NetAddr a = addr("192.168.1.20");
    netaddr_format(&a, out);
    assert_string_equal(out, "192.168.1.20");
    a = addr("::ffff:10.0.0.1"); /* the same address written as IPv6 */
    netaddr_format(&a, out);
    assert_string_equal(out, "10.0.0.1");
    a = addr("2001:DB8::1");
    netaddr_format(&a, out);
    assert_string_equal(out, "2001:db8::1");
    NetAddr b;
    assert_false(netaddr_parse("192.168.1", &b));
    assert_false(netaddr_parse("localhost", &b));
    assert_false(netaddr_parse("[::1]", &b));
    assert_false(netaddr_parse("10.0.0.1:80", &b));
    assert_false(netaddr_parse(NULL, &b));
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001)};
    assert_true(netaddr_from_sockaddr((const struct sockaddr *)&sin, &b));
    netaddr_format(&b, out);
    assert_string_equal(out, "127.0.0.1");
}

static void test_lists(void **state)
{
    (void)state;
    NetList l;
    assert_int_equal(netlist_parse("10.0.0.1, 192.168.0.0/16,2001:db8::/32", &l), 0);
    assert_int_equal(l.n, 3);
    NetAddr in[] = {addr("10.0.0.1"), addr("192.168.255.7"), addr("2001:db8:1::9")};
    NetAddr out[] = {addr("10.0.0.2"), addr("192.169.0.1"), addr("2001:db9::1")};
    for (size_t i = 0; i < 3; i++) {
        assert_true(netlist_has(&l, &in[i]));
        assert_false(netlist_has(&l, &out[i]));
    }
    assert_int_equal(netlist_parse("10.0.0.0/8", &l), 0); /* IPv4 prefix lengths count IPv4 */
    NetAddr x = addr("10.200.3.4"), y = addr("11.0.0.0");
    assert_true(netlist_has(&l, &x));
    assert_false(netlist_has(&l, &y));
    assert_int_equal(netlist_parse(NULL, &l), 0);
    assert_false(netlist_has(&l, &x));
    assert_int_equal(netlist_parse("", &l), 0);
    for (const char *bad = "10.0.0.0/33\0"
                           "10.0.0.1,\0"
                           "nginx\0"
                           "10.0.0.0/\0"
                           "::1/129\0";
         *bad; bad += strlen(bad) + 1)
        assert_int_equal(netlist_parse(bad, &l), -1);
}

static void test_internal(void **state)
{
    (void)state;
    static const char *const internal[] = {
        "127.0.0.1",        "10.1.2.3",        "172.16.0.1",   "172.31.255.255",
        "192.168.1.1",      "169.254.169.254", "100.64.0.1",   "0.0.0.0",
        "224.0.0.1",        "255.255.255.255", "::1",          "::",
        "fe80::1",          "fc00::1",         "fd12:3456::1", "ff02::1",
        "::ffff:127.0.0.1", "192.0.2.1",       "203.0.113.9"};
    static const char *const public[] = {"93.184.216.34", "8.8.8.8",         "172.32.0.1",
                                         "100.128.0.1",   "2606:4700::1111", "1.1.1.1"};
    for (size_t i = 0; i < sizeof internal / sizeof internal[0]; i++) {
        NetAddr a = addr(internal[i]);
        if (!netaddr_internal(&a))
            fail_msg("%s should be internal", internal[i]);
    }
    for (size_t i = 0; i < sizeof public / sizeof public[0]; i++) {
        NetAddr a = addr(public[i]);
        if (netaddr_internal(&a))
            fail_msg("%s should be public", public[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_and_format),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_internal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
