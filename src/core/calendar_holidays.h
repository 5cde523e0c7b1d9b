/* calendar_holidays.h: days off as data and the statutory ones: the kinds of dated entries
 * (holiday, compensatory day, swapped day off, swapped working day), the entry record every
 * part of the calendar passes around, and the days off the Labour Code 2019 gives a year for
 * which no official notice is loaded (Art 112 holidays, Art 111(3) compensatory days), computed
 * from the Gregorian and lunar calendars (core/lunar.h). Pure: no I/O, no allocation. */
#ifndef MOTCUA_CALENDAR_HOLIDAYS_H
#define MOTCUA_CALENDAR_HOLIDAYS_H

#include <stddef.h>
#include <stdint.h>

#define CALENDAR_NAME_SIZE   160
#define CALENDAR_SOURCE_SIZE 256
/* calendar_propose_year never produces more than this many entries. */
#define CALENDAR_PROPOSAL_MAX 32

/* The kind of a dated entry. */
typedef enum DayKind {
    DAY_HOLIDAY = 0,        /* public holiday (ngày lễ, Tết) */
    DAY_COMPENSATORY = 1,   /* day off compensating a holiday on a rest day (nghỉ bù) */
    DAY_SWAPPED_OFF = 2,    /* working day given off in a swap (nghỉ hoán đổi) */
    DAY_SWAPPED_WORKING = 3 /* rest day worked in a swap (làm bù) */
} DayKind;

/* One dated entry. Strings are NUL-terminated UTF-8 held inline. */
typedef struct CalendarDay {
    int32_t day; /* local day number (see util/timefmt.h) */
    DayKind kind;
    int schedule_year; /* the year of the schedule it was loaded with (or proposed for) */
    char name[CALENDAR_NAME_SIZE];     /* e.g. "Tết Âm lịch" */
    char source[CALENDAR_SOURCE_SIZE]; /* e.g. "Thông báo 6150/TB-BLĐTBXH ngày 29/11/2023" */
} CalendarDay;

/* A statutory day off in the compact form the calendar's queries cache per year: its name and
 * source are spelled out only when an entry is asked for (calendar_holidays_expand). */
typedef struct CalendarProposal {
    int32_t day;
    DayKind kind;     /* DAY_HOLIDAY or DAY_COMPENSATORY */
    const char *name; /* the holiday's name (static); for a compensatory day, the holiday's */
} CalendarProposal;

/* calendar_propose_year: the statutory days off of `year` when no notice is loaded, sorted by
 * date, written to out_days (capacity cap; CALENDAR_PROPOSAL_MAX is always enough) with their
 * count in out_n; ERR_TOO_LARGE if cap is too small. The rules (Labour Code 2019):
 *   - Art 112 holidays: 1/1; Tết = the last day of the lunar year and lunar 1/1-4/1 (5 days);
 *     Hùng Kings' day 10/3 lunar; 30/4; 1/5; 2/9 and one adjacent day. The adjacent day is
 *     whichever of 1/9 and 3/9 is a Monday-Friday that joins the break to a weekend (2/9 on
 *     Tuesday, Friday or Saturday -> 1/9; Sunday, Monday or Thursday -> 3/9, as in 2021-2025);
 *     when neither does (2/9 on a Wednesday), 1/9, the choice made for 2026.
 *   - Art 111(3): each holiday on a Saturday or Sunday, and each holiday falling on a day that is
 *     already a holiday, gives a compensatory day off on the next Monday-Friday that is neither a
 *     holiday nor already a compensatory day (Tết 2024: 9-13/2 -> 14/2 and 15/2).
 * Sources read "Bộ luật Lao động 2019 Điều 112 (đề xuất)" and, for compensatory days,
 * "Bộ luật Lao động 2019 Điều 111 khoản 3 (đề xuất)". Outside 1900-2199 the lunar holidays are
 * left out. Saturday and Sunday are the rest days here, whatever a unit's windows are. */
int calendar_propose_year(int year, size_t cap, CalendarDay *out_days, size_t *out_n);

/* calendar_holidays_propose: the same days off as calendar_propose_year, in compact form,
 * sorted by date, into out_proposals (room for CALENDAR_PROPOSAL_MAX); returns their number. */
int calendar_holidays_propose(int year, CalendarProposal *out_proposals);

/* calendar_holidays_expand: writes to out_day the entry for p, proposed for `year`, with its name
 * ("Nghỉ bù " and the holiday's name for a compensatory day) and its source spelled out. */
void calendar_holidays_expand(const CalendarProposal *p, int year, CalendarDay *out_day);

/* calendar_day_kind_name: "holiday", "compensatory", "swapped_off", "swapped_working" (the TSV
 * and JSON spelling); "" for an unknown value. */
const char *calendar_day_kind_name(DayKind kind);

/* calendar_day_kind_label_vi: "Ngày lễ, Tết", "Nghỉ bù", "Nghỉ hoán đổi", "Làm việc bù". */
const char *calendar_day_kind_label_vi(DayKind kind);

#endif
