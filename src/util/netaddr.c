/* netaddr.c: addresses, lists of prefixes and the internal ranges (see netaddr.h). */
#include "util/netaddr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static const unsigned char v4_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static bool is_v4(const NetAddr *a)
{
    return memcmp(a->b, v4_prefix, sizeof v4_prefix) == 0;
}

static void from_v4(const void *four, NetAddr *out)
{
    memcpy(out->b, v4_prefix, sizeof v4_prefix);
    memcpy(out->b + 12, four, 4);
}

bool netaddr_parse(const char *text, NetAddr *out)
{
    unsigned char v4[4];
    if (!text)
        return false;
    if (inet_pton(AF_INET, text, v4) == 1) {
        from_v4(v4, out);
        return true;
    }
    return inet_pton(AF_INET6, text, out->b) == 1;
}

bool netaddr_from_sockaddr(const struct sockaddr *sa, NetAddr *out)
{
    if (sa && sa->sa_family == AF_INET) {
        from_v4(&((const struct sockaddr_in *)(const void *)sa)->sin_addr, out);
        return true;
    }
    if (sa && sa->sa_family == AF_INET6) {
        memcpy(out->b, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
        return true;
    }
    return false;
}

void netaddr_format(const NetAddr *a, char out[NETADDR_TEXT])
{
    if (is_v4(a))
        inet_ntop(AF_INET, a->b + 12, out, NETADDR_TEXT);
    else
        inet_ntop(AF_INET6, a->b, out, NETADDR_TEXT);
}

/* prefix_match: the first bits bits of a and b are the same. */
static bool prefix_match(const NetAddr *a, const NetAddr *b, int bits)
{
    int whole = bits / 8, rest = bits % 8;
    if (memcmp(a->b, b->b, (size_t)whole) != 0)
        return false;
    if (!rest)
        return true;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (a->b[whole] & mask) == (b->b[whole] & mask);
}

/* parse_entry reads "ADDR" or "ADDR/BITS" (len bytes of s) into list entry i. */
static int parse_entry(const char *s, size_t len, NetList *out)
{
    char text[NETADDR_TEXT + 8];
    if (len == 0 || len >= sizeof text || out->n == NETLIST_MAX)
        return -1;
    memcpy(text, s, len);
    text[len] = '\0';
    char *slash = strchr(text, '/');
    long bits = -1;
    if (slash) {
        char *end;
        *slash = '\0';
        errno = 0;
        bits = strtol(slash + 1, &end, 10);
        if (errno || *end || end == slash + 1 || bits < 0)
            return -1;
    }
    NetAddr a;
    if (!netaddr_parse(text, &a))
        return -1;
    int max = is_v4(&a) ? 32 : 128;
    if (bits > max)
        return -1;
    out->r[out->n].addr = a;
    out->r[out->n].bits = (int)(bits < 0 ? 128 : bits + (128 - max));
    out->n++;
    return 0;
}

int netlist_parse(const char *spec, NetList *out)
{
    out->n = 0;
    for (const char *p = spec; p && *p;) {
        const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p);
        while (p < end && *p == ' ')
            p++;
        const char *last = end;
        while (last > p && last[-1] == ' ')
            last--;
        if (parse_entry(p, (size_t)(last - p), out) < 0 || (comma && !comma[1]))
            return -1; /* not an entry, or nothing after a comma */
        p = comma ? comma + 1 : end;
    }
    return 0;
}

bool netlist_has(const NetList *l, const NetAddr *a)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (prefix_match(&l->r[i].addr, a, l->r[i].bits))
            return true;
    return false;
}

bool netaddr_internal(const NetAddr *a)
{
    static const char *const ranges =
        /* IPv4 */
        "0.0.0.0/8,10.0.0.0/8,100.64.0.0/10,127.0.0.0/8,169.254.0.0/16,172.16.0.0/12,"
        "192.0.0.0/24,192.0.2.0/24,192.168.0.0/16,198.18.0.0/15,198.51.100.0/24,"
        "203.0.113.0/24,224.0.0.0/4,240.0.0.0/4,"
        /* IPv6: unspecified, loopback, unique local, link-local, multicast, documentation
         * (an IPv4-mapped address is matched by the IPv4 entries) */
        "::/128,::1/128,fc00::/7,fe80::/10,ff00::/8,2001:db8::/32";
    NetList internal; /* parsed each time: asked once per webhook, never per request */
    return netlist_parse(ranges, &internal) == 0 && netlist_has(&internal, a);
}
