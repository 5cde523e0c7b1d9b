/* waits.h: the counter queue's waiting and service time on the leader's dashboard (/tong-quan):
 * today's figures by counter, and this month's by counter, group, hour and officer as CSV and
 * Excel (GET /api/v1/queue/figures). */
#ifndef MOTCUA_WAITS_H
#define MOTCUA_WAITS_H

#include "util/strbuf.h"
#include "web/http.h"

/* waits_section appends the section for unit and below on local day today, the month from
 * month_from; nothing when the unit has no counters. */
int waits_section(StrBuf *sb, Request *req, const char *unit, int32_t month_from, int32_t today);

#endif
