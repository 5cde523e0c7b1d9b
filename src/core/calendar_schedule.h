/* calendar_schedule.h: the file of an official schedule, one year's days off and swapped
 * working days as the government's notices give them (data/holidays/YYYY.tsv, or a province's
 * own), read and checked line by line into dated entries. Loading them into a Calendar is
 * calendar_load_tsv (core/calendar.h). Pure: no I/O, no allocation. */
#ifndef MOTCUA_CALENDAR_SCHEDULE_H
#define MOTCUA_CALENDAR_SCHEDULE_H

#include <stddef.h>

#include "core/calendar_holidays.h"
#include "util/err.h"

/* At most this many entries per loaded year (TSV data lines). */
#define CALENDAR_MAX_YEAR_ENTRIES 400

/* calendar_schedule_parse: reads the official schedule of `year` from TSV text (n bytes, UTF-8,
 * an optional BOM, LF or CRLF lines):
 *     date<TAB>kind<TAB>name<TAB>source          (this header line first)
 *     2026-02-16<TAB>holiday<TAB>Tết Âm lịch<TAB>Thông báo .../TB-BNV ...
 * Blank lines and lines starting with '#' are ignored. kind is holiday, compensatory,
 * swapped_off or swapped_working (any case); dates are YYYY-MM-DD between 1 December of year-1
 * and 31 January of year+1 (a notice may swap a day across New Year), each at most once; name
 * and source are non-empty well-formed UTF-8 without control characters (C0, DEL, C1), shorter
 * than their buffers. Writes the entries in file order, with schedule_year = year, to out_days
 * (room for CALENDAR_MAX_YEAR_ENTRIES) and their number to out_n. On error, ERR_INVALID with
 * "dòng N: ..."/"line N: ..." in e, or ERR_TOO_LARGE past CALENDAR_MAX_YEAR_ENTRIES lines;
 * out_days may then hold some entries and out_n is not written. */
int calendar_schedule_parse(int year, const char *text, size_t n, Err *e, CalendarDay *out_days,
                            size_t *out_n);

#endif
