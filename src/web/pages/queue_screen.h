/* queue_screen.h: what the queue's stand-alone screens share (the kiosk and its printed ticket,
 * the call board, one's turn, the counter's rating tablet): a page without the officers'
 * chrome, with the queue's stylesheet and script (assets/queue.css, queue.js), an optional
 * refresh (the board's fallback, the kiosk's return), and the ticket's facts. */
#ifndef MOTCUA_QUEUE_SCREEN_H
#define MOTCUA_QUEUE_SCREEN_H

#include "web/pages/layout.h"
#include "web/queueweb.h"

/* How a screen opens. */
typedef struct QueueScreen {
    const char *title;
    const char *body_class; /* "queue", "queue board", "queue ticket-58", ... */
    const char *events;     /* the board's event stream (data-events), or NULL */
    int autoprint;          /* open the print dialog once loaded */
    int refresh;            /* seconds before reloading (0: never) */
    const char *refresh_to; /* where to go then (NULL: this page) */
    int refresh_noscript;   /* refresh only when scripts do not run */
} QueueScreen;

/* queue_screen_begin opens the page and its <main>; queue_screen_end closes them. */
void queue_screen_begin(StrBuf *sb, const QueueScreen *q);
void queue_screen_end(StrBuf *sb);

/* queue_screen_ticket writes a ticket's facts as printed and followed: the unit, the number,
 * the group, the time of issue, the people ahead and a QR of follow_url (absolute; NULL: no
 * QR). */
void queue_screen_ticket(StrBuf *sb, Request *req, const QueueTicket *t, const char *group_name,
                         const char *unit_name, int64_t ahead, const char *follow_url);

#endif
