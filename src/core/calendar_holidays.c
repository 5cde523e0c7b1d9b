/* calendar_holidays.c: the statutory days off of a year (Labour Code 2019 Art 112 and
 * Art 111(3)) and the names of the kinds of dated entries (see calendar_holidays.h). */
#include "core/calendar_holidays.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lunar.h"
#include "util/err.h"
#include "util/timefmt.h"

static const char source_holiday[] = "Bộ luật Lao động 2019 Điều 112 (đề xuất)";
static const char source_compensatory[] = "Bộ luật Lao động 2019 Điều 111 khoản 3 (đề xuất)";

static const char name_new_year[] = "Tết Dương lịch";
static const char name_tet[] = "Tết Âm lịch";
static const char name_hung[] = "Giỗ Tổ Hùng Vương (10/3 âm lịch)";
static const char name_victory[] = "Ngày Chiến thắng (30/4)";
static const char name_labour[] = "Ngày Quốc tế Lao động (1/5)";
static const char name_national[] = "Quốc khánh (2/9)";
static const char name_national_extra[] = "Quốc khánh (ngày liền kề 2/9)";

static bool is_weekend(int32_t day)
{
    int w = timefmt_weekday(day);
    return w == TIMEFMT_SATURDAY || w == TIMEFMT_SUNDAY;
}

static bool proposal_has(const CalendarProposal *p, int n, int32_t day)
{
    for (int i = 0; i < n; i++)
        if (p[i].day == day)
            return true;
    return false;
}

static int cmp_proposal(const void *a, const void *b)
{
    const CalendarProposal *x = a, *y = b;
    return (x->day > y->day) - (x->day < y->day);
}

/* The adjacent National Day holiday: 1/9 or 3/9 (see calendar_propose_year). */
static int32_t national_day_neighbour(int year)
{
    int32_t sep2 = timefmt_days_from_civil(year, 9, 2);
    int32_t cand[2] = {sep2 - 1, sep2 + 1};

    for (int i = 0; i < 2; i++) {
        int32_t c = cand[i];
        int32_t lo = c < sep2 ? c : sep2, hi = c < sep2 ? sep2 : c;
        if (is_weekend(c))
            continue;
        if (is_weekend(lo - 1) || is_weekend(hi + 1) || is_weekend(sep2))
            return c;
    }
    /* 2/9 on a Wednesday: 1/9, as chosen for 2026 (Thông báo 9441/TB-BNV), which lets a swapped
     * Monday 31/8 complete a five-day break. */
    return sep2 - 1;
}

int calendar_holidays_propose(int year, CalendarProposal *out_proposals)
{
    CalendarProposal hol[16];
    CalendarProposal need[CALENDAR_PROPOSAL_MAX]; /* holidays owed a compensatory day */
    int n_hol = 0, n_need = 0, n = 0;
    int32_t tet, hung;

    /* Adds a holiday; one on a day already a holiday is owed a compensatory day. */
#define ADD_HOLIDAY(d, nm)                                                                         \
    do {                                                                                           \
        int32_t d_ = (d);                                                                          \
        if (proposal_has(hol, n_hol, d_))                                                          \
            need[n_need++] = (CalendarProposal){d_, DAY_COMPENSATORY, (nm)};                       \
        else                                                                                       \
            hol[n_hol++] = (CalendarProposal){d_, DAY_HOLIDAY, (nm)};                              \
    } while (0)

    ADD_HOLIDAY(timefmt_days_from_civil(year, 1, 1), name_new_year);
    if (lunar_new_year(year, &tet) == 0) {
        for (int i = -1; i <= 3; i++)
            ADD_HOLIDAY(tet + i, name_tet);
    }
    if (lunar_hung_kings_day(year, &hung) == 0)
        ADD_HOLIDAY(hung, name_hung);
    ADD_HOLIDAY(timefmt_days_from_civil(year, 4, 30), name_victory);
    ADD_HOLIDAY(timefmt_days_from_civil(year, 5, 1), name_labour);
    ADD_HOLIDAY(timefmt_days_from_civil(year, 9, 2), name_national);
    ADD_HOLIDAY(national_day_neighbour(year), name_national_extra);
#undef ADD_HOLIDAY

    for (int i = 0; i < n_hol; i++)
        if (is_weekend(hol[i].day))
            need[n_need++] = (CalendarProposal){hol[i].day, DAY_COMPENSATORY, hol[i].name};
    qsort(hol, (size_t)n_hol, sizeof hol[0], cmp_proposal);
    qsort(need, (size_t)n_need, sizeof need[0], cmp_proposal);

    for (int i = 0; i < n_hol; i++)
        out_proposals[n++] = hol[i];
    for (int i = 0; i < n_need; i++) {
        int32_t c = need[i].day + 1;
        while (is_weekend(c) || proposal_has(out_proposals, n, c))
            c++;
        out_proposals[n++] = (CalendarProposal){c, DAY_COMPENSATORY, need[i].name};
    }
    qsort(out_proposals, (size_t)n, sizeof out_proposals[0], cmp_proposal);
    return n;
}

void calendar_holidays_expand(const CalendarProposal *p, int year, CalendarDay *out_day)
{
    memset(out_day, 0, sizeof *out_day);
    out_day->day = p->day;
    out_day->kind = p->kind;
    out_day->schedule_year = year;
    if (p->kind == DAY_COMPENSATORY) {
        snprintf(out_day->name, sizeof out_day->name, "Nghỉ bù %s", p->name);
        snprintf(out_day->source, sizeof out_day->source, "%s", source_compensatory);
    } else {
        snprintf(out_day->name, sizeof out_day->name, "%s", p->name);
        snprintf(out_day->source, sizeof out_day->source, "%s", source_holiday);
    }
}

int calendar_propose_year(int year, size_t cap, CalendarDay *out_days, size_t *out_n)
{
    CalendarProposal p[CALENDAR_PROPOSAL_MAX];
    int n = calendar_holidays_propose(year, p);

    if ((size_t)n > cap)
        return ERR_TOO_LARGE;
    for (int i = 0; i < n; i++)
        calendar_holidays_expand(&p[i], year, &out_days[i]);
    *out_n = (size_t)n;
    return 0;
}

const char *calendar_day_kind_name(DayKind kind)
{
    switch (kind) {
    case DAY_HOLIDAY: return "holiday";
    case DAY_COMPENSATORY: return "compensatory";
    case DAY_SWAPPED_OFF: return "swapped_off";
    case DAY_SWAPPED_WORKING: return "swapped_working";
    }
    return "";
}

const char *calendar_day_kind_label_vi(DayKind kind)
{
    switch (kind) {
    case DAY_HOLIDAY: return "Ngày lễ, Tết";
    case DAY_COMPENSATORY: return "Nghỉ bù";
    case DAY_SWAPPED_OFF: return "Nghỉ hoán đổi";
    case DAY_SWAPPED_WORKING: return "Làm việc bù";
    }
    return "";
}
