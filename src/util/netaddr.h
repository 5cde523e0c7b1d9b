/* netaddr.h: IP addresses as 16 bytes (IPv4 as IPv4-mapped IPv6), lists of addresses and
 * prefixes an operator writes ("10.0.0.1,192.168.1.0/24,::1"), and the ranges no request from
 * outside may make motcua connect to (loopback, private, link-local, shared, unspecified,
 * multicast, broadcast). Used for the trusted proxies and the per-address limits of the
 * server, the /metrics allow-list and the checks of webhook targets. */
#ifndef MOTCUA_NETADDR_H
#define MOTCUA_NETADDR_H

#include <stdbool.h>
#include <stddef.h>

struct sockaddr;

enum {
    NETADDR_TEXT = 46, /* INET6_ADDRSTRLEN */
    NETLIST_MAX = 32
};

typedef struct NetAddr {
    unsigned char b[16];
} NetAddr;

/* Addresses and prefixes: an address matches an entry when its first `bits` bits (of the 128)
 * are the entry's. */
typedef struct NetList {
    struct {
        NetAddr addr;
        int bits;
    } r[NETLIST_MAX];
    size_t n;
} NetList;

/* netaddr_parse reads an IPv4 or IPv6 address (no port, no brackets); false when text is not
 * one. */
bool netaddr_parse(const char *text, NetAddr *out);

/* netaddr_from_sockaddr reads the address of an AF_INET or AF_INET6 socket address; false for
 * any other family. */
bool netaddr_from_sockaddr(const struct sockaddr *sa, NetAddr *out);

/* netaddr_format writes a as text (dotted for IPv4) into out. */
void netaddr_format(const NetAddr *a, char out[NETADDR_TEXT]);

/* netlist_parse reads spec, comma-separated addresses each with an optional /prefix length
 * (IPv4 lengths count IPv4 bits), into out; NULL or "" is the empty list. 0, or -1 when an
 * entry is not an address or a prefix, or there are more than NETLIST_MAX. */
int netlist_parse(const char *spec, NetList *out);

/* netlist_has: a is within an entry of l. */
bool netlist_has(const NetList *l, const NetAddr *a);

/* netaddr_internal: a is not a public unicast address: loopback, private (RFC 1918, fc00::/7),
 * link-local, shared (100.64.0.0/10), unspecified, multicast, broadcast or reserved. */
bool netaddr_internal(const NetAddr *a);

#endif
