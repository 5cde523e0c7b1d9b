/* accesslog.h: reading the access log of personal-data views (docs/INTERFACES.md §3), one path for
 * the leaders' page (pages/access_log.c) and the API (api/accesslog.c): the rows of the caller's
 * units and those below (a unit among them may narrow it), between two local days, newest
 * first, a page at a time. Writing the log is actions.h's (actions_log_view, actions_log_list). */
#ifndef MOTCUA_ACCESSLOG_H
#define MOTCUA_ACCESSLOG_H

#include "web/http.h"

enum { ACCESSLOG_PAGE = 100 };

/* The names of the query parameters a caller reads: the unit (and below; default the
 * caller's), the first and last local days YYYY-MM-DD (default the last 30 days) and the
 * cursor (rows older than that id). */
typedef struct AccessParams {
    const char *unit, *from, *to, *cursor;
} AccessParams;

/* What was asked, as given ("" or NULL: the default), and what was found. */
typedef struct AccessQuery {
    const char *unit, *from, *to, *before; /* the parameters' values */
    int32_t from_day, to_day;              /* out: the days read */
    AccessEntry *rows;                     /* out: newest first, at most ACCESSLOG_PAGE */
    size_t n;                              /* out */
    int64_t next; /* out: the cursor of the next page, 0 when this is the last */
} AccessQuery;

/* accesslog_read reads the parameters called as p names into q, checks that the caller may
 * read the log of that unit (PERM_ACCESS_LOG: leaders and admins, within their units), and
 * reads one page into q (from the arena); ERR_INVALID naming a malformed parameter. */
int accesslog_read(Request *req, const AccessParams *p, AccessQuery *q);

/* accesslog_what_label is the Vietnamese name of what was viewed ("Xem hồ sơ", "In Mẫu 01",
 * "Tìm hồ sơ", ...); what itself when unknown. */
const char *accesslog_what_label(Arena *a, const char *what);

#endif
