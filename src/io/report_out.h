/* report_out.h: the official report rendered for machines and terminals: JSON (exactly the
 * DESIGN §7 shape), CSV (Biểu 06 columns, formula-safe) and a text table. xlsx is in
 * io/xlsx.c, HTML in web/pages/report.c. */
#ifndef MOTCUA_REPORT_OUT_H
#define MOTCUA_REPORT_OUT_H

#include "store/reports.h"
#include "util/strbuf.h"

#include <jansson.h>

/* report_json renders the report; the caller owns the result. */
json_t *report_json(const Report *r);

/* report_csv appends the report as CSV: a header line, one line per row, a total line. */
void report_csv(StrBuf *sb, const Report *r);

/* report_text appends the report as a terminal table with vi-VN numbers. */
void report_text(StrBuf *sb, const Report *r);

/* report_indicator_label: the Vietnamese name of an indicator key. */
const char *report_indicator_label(const char *key);

#endif
