/* officer.h: what the officers' screens (counter, intake, dossier, worklist, search) share:
 * the scope check of one dossier, Vietnamese labels of channels, procedure names, and the
 * columns of a dossier table with its deadline highlighting. Rendering appends through the
 * HTML builder only. */
#ifndef MOTCUA_OFFICER_H
#define MOTCUA_OFFICER_H

#include "store/store.h"
#include "util/strbuf.h"
#include "web/http.h"

/* Pages stay under 50 KB (issue 7): tables stop adding rows once the page has this many
 * bytes and link to the rest instead. */
#define OFFICER_PAGE_BUDGET (44 * 1024)

/* officer_channel_label: "Trực tiếp", "Qua dịch vụ bưu chính", "Trực tuyến" (the name itself
 * when unknown). Static strings. */
const char *officer_channel_label(const char *channel);

/* officer_procedure_name: the procedure's name, or its code when it cannot be read. The
 * string lives in req's arena. */
const char *officer_procedure_name(Request *req, const char *code);

/* officer_soon_until: the instant one working day from now in the caller's unit's calendar
 * (a due date at or before it is "due soon"); now + 24 h if the calendar cannot be read. */
int64_t officer_soon_until(Request *req);

/* How a dossier stands against its deadline at now, for row highlighting. */
typedef enum OfficerUrgency {
    OFFICER_CALM = 0, /* finished, paused, no deadline, or more than a working day left */
    OFFICER_SOON,     /* due within soon_until */
    OFFICER_OVERDUE   /* the deadline has passed and the clock still runs */
} OfficerUrgency;

/* officer_urgency classifies d at now (soon_until from officer_soon_until). */
OfficerUrgency officer_urgency(const Dossier *d, int64_t now, int64_t soon_until);

/* officer_state_badge appends the state's label as a badge. */
void officer_state_badge(StrBuf *sb, State s);

/* officer_table_head appends the header cells of a dossier table: code, applicant,
 * procedure, state, due date (between <tr> and </tr>; the caller may add more). */
void officer_table_head(StrBuf *sb);

/* officer_row_begin opens a table row, with class "overdue" or "soon" when u says so. */
void officer_row_begin(StrBuf *sb, OfficerUrgency u);

/* officer_table_cells appends the cells matching officer_table_head for d: the code links
 * to the dossier page; the due date carries a badge "Quá hạn" / "Sắp đến hạn" per u. */
void officer_table_cells(StrBuf *sb, Request *req, const Dossier *d, OfficerUrgency u);

#endif
