/* queueweb.h: the counter queue as requests use it, shared by the API (api/queue.c) and the
 * pages (the kiosk, the clerk's calls, the board, one's turn, the counter tablet, the
 * figures): reading a request's inputs, the permissions, and the writes through the single
 * writer around app/queue.h. */
#ifndef MOTCUA_QUEUEWEB_H
#define MOTCUA_QUEUEWEB_H

#include "app/queue.h"
#include "web/http.h"

enum { QUEUEWEB_RETRY_MS = 500 }; /* how soon a board's event stream asks again */

/* A ticket just issued, and the path of the page that follows it ("/so/{key}"). */
typedef struct QueueIssued {
    QueueTicket ticket;
    int64_t ahead;
    const char *follow;
} QueueIssued;

/* queueweb_issue issues a ticket of the group called group (ERR_INVALID naming "group" when
 * there is none). */
int queueweb_issue(Request *req, const char *group, QueueIssued *out);

/* A ticket as its holder follows it: its group's and counter's codes and names (counter NULL
 * before a call) and how many wait before it (0 once called). */
typedef struct QueueFollow {
    QueueTicket ticket;
    const char *group, *group_name, *counter, *counter_name;
    const char *unit_name; /* the group's unit */
    int64_t ahead;
} QueueFollow;

/* queueweb_follow reads the ticket whose follow key is key (ERR_NOT_FOUND when none). */
int queueweb_follow(Request *req, const char *key, QueueFollow *out);

/* What a counter's call did: the counter and the ticket at it after the action (id 0 when
 * "next" found nobody waiting), with its group's code. */
typedef struct QueueCalled {
    QueueCounter counter;
    QueueTicket ticket;
    const char *group;
} QueueCalled;

/* queueweb_call takes action ("next", "recall", "start", "finish", "skip", "transfer" with
 * to, a group's code) at the counter called counter, for a clerk of its unit; a "recall" with
 * ticket (a number as printed, else NULL) calls back that ticket marked absent today. */
int queueweb_call(Request *req, const char *counter, const char *action, const char *to,
                  const char *ticket, QueueCalled *out);

/* queueweb_take records that the dossier code was received from the ticket at counter (the
 * intake page, in its own transaction after the receipt). */
int queueweb_take(Request *req, const char *counter, const char *code);

/* queueweb_board reads the board of the counters of unit and below (NULL or "": all). */
int queueweb_board(Request *req, const char *unit, QueueBoardRow **out, size_t *out_n);

/* The figures asked for: by ?by= (counter, group, hour, officer; counter when absent) over
 * the Vietnam days ?from= to ?to= (YYYY-MM-DD, both included; today when absent). */
typedef struct QueueReport {
    QueueDim dim;
    int32_t from, to;
    QueueFigureRow *rows;
    size_t n;
    QueueFigures total;
} QueueReport;

/* queueweb_figures reads the figures of the caller's units for a leader (PERM_REPORT_READ). */
int queueweb_figures(Request *req, QueueReport *out);

#endif
