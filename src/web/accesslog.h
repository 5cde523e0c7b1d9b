/* accesslog.h: reading the access log of personal-data views (docs/INTERFACES.md §3), one path for
 * the leaders' page (pages/access_log.c) and the API (api/accesslog.c): the rows of the caller's
 * units and those below (a unit among them may narrow it), between two local days, newest
 * first, a page at a time. Writing the log is actions.h's (actions_log_view, actions_log_list). */
#ifndef MOTCUA_ACCESSLOG_H
#define MOTCUA_ACCESSLOG_H

#include "web/http.h"

enum { ACCESSLOG_PAGE = 100 };

/* What was asked, as given ("" or NULL: the default), and what was found. */
typedef struct AccessQuery {
    const char *unit;         /* the unit whose rows (and below); default the caller's */
    const char *from, *to;    /* local days YYYY-MM-DD, inclusive; default the last 30 days */
    const char *before;       /* the cursor: rows older than this id */
    int32_t from_day, to_day; /* out: the days read */
    AccessEntry *rows;        /* out: newest first, at most ACCESSLOG_PAGE */
    size_t n;                 /* out */
    int64_t next;             /* out: the cursor of the next page, 0 when this is the last */
} AccessQuery;

/* accesslog_read checks that the caller may read the log of q->unit (PERM_ACCESS_LOG: leaders
 * and admins, within their units), reads one page into q (from the arena) and fails with
 * ERR_INVALID naming the parameter (param_* give the names the caller's form or API uses). */
int accesslog_read(Request *req, AccessQuery *q, const char *param_from, const char *param_to,
                   const char *param_cursor);

/* accesslog_what_label is the Vietnamese name of what was viewed ("Xem hồ sơ", "In Mẫu 01",
 * "Tìm hồ sơ", ...); what itself when unknown. */
const char *accesslog_what_label(Arena *a, const char *what);

#endif
