/* conns.h: what one client may hold of the server: a cap on the connections open from one
 * address (the trusted proxies' exempt: a proxy carries everyone), and a deadline for each
 * request to arrive whole, headers and body, so that a client sending a header line every few
 * seconds (slowloris) or a body a byte at a time cannot keep connections, and the threads and
 * memory behind them, from everyone else. libmicrohttpd's own timeout counts idle time only.
 *
 * A request must have arrived by the connection's mark (its opening, or the end of the
 * previous answer on a keep-alive connection) plus the deadline plus one second for every
 * min_rate bytes of body received (a slow link still sends a large document). A reaper thread
 * looks once a second and shuts down the sockets past it; libmicrohttpd then closes them.
 * server.c wires the calls below to libmicrohttpd's accept policy, connection notifications
 * and request callbacks. Thread-safe. */
#ifndef MOTCUA_CONNS_H
#define MOTCUA_CONNS_H

#include "util/netaddr.h"

#include <stdint.h>

typedef struct Conns Conns;
typedef struct Conn Conn;

/* conns_start starts tracking with at most per_address connections from one address (0: no
 * cap) except from the addresses in exempt (borrowed, may be NULL), requests due within
 * deadline_s seconds plus one per min_rate body bytes, and the reaper thread; NULL when the
 * thread cannot start. */
Conns *conns_start(unsigned per_address, unsigned deadline_s, unsigned min_rate,
                   const NetList *exempt);

/* conns_stop stops the reaper and frees everything (every connection closed first). */
void conns_stop(Conns *cs);

/* conns_admit: one more connection from addr is within the cap (the accept policy). */
int conns_admit(Conns *cs, const NetAddr *addr);

/* conns_open records a connection accepted from addr on socket fd (opened now) and returns
 * its record, shutting the socket down at once when it is over its address's cap (which
 * conns_admit looked at without counting); conns_close forgets it (before the socket is
 * closed). */
Conn *conns_open(Conns *cs, const NetAddr *addr, int fd);
void conns_close(Conns *cs, Conn *c);

/* conns_received counts n bytes of the current request's body on c. */
void conns_received(Conn *c, uint64_t n);

/* conns_arrived: the current request on c has arrived whole; its deadline no longer runs. */
void conns_arrived(Conn *c);

/* conns_answered: the answer on c is done; the next request's deadline starts now. */
void conns_answered(Conn *c);

#endif
