/* stat_period.c: the period arithmetic of the report queries of both backends (see
 * stat_period.h). */
#include "store/stat_period.h"

#include "util/timefmt.h"

#include <string.h>

void stat_month_of(int32_t day, int32_t *first, int32_t *last)
{
    int y, m, d;
    timefmt_civil_from_days(day, &y, &m, &d);
    *first = timefmt_days_from_civil(y, m, 1);
    *last = timefmt_days_from_civil(y, m, timefmt_days_in_month(y, m));
}

StatSplit stat_split_period(int32_t from, int32_t to)
{
    StatSplit sp;
    int32_t a_last, t_first, t_last;
    stat_month_of(from, &sp.a_first, &a_last);
    stat_month_of(to, &t_first, &t_last);
    sp.m1 = from == sp.a_first ? from : a_last + 1;
    sp.m2 = to == t_last ? to : t_first - 1;
    sp.d1lo = sp.a_first, sp.d1hi = sp.m1 - 1, sp.d2lo = sp.m2 + 1, sp.d2hi = to;
    if (sp.m1 > sp.m2) { /* no whole month inside the period: every day from a_first to to */
        sp.m1 = 1, sp.m2 = 0;
        sp.d1hi = to;
        sp.d2lo = 1, sp.d2hi = 0;
    }
    return sp;
}

void stat_day_sums(const StatChange *ch, size_t n, size_t i, int *done, int64_t v[STAT_N])
{
    for (int c = 0; c < STAT_N; c++)
        v[c] = 0;
    for (size_t j = i; j < n; j++) {
        if (ch[j].day == ch[i].day) {
            v[ch[j].col] += ch[j].delta;
            done[j] = 1;
        }
    }
}

StatRow *stat_find_row(Arena *a, StatRow **rows, size_t *n, size_t *cap, const char *key)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*rows)[i].key, key) == 0)
            return &(*rows)[i];
    if (*n == *cap) {
        StatRow *bigger = arena_array(a, *cap * 2, sizeof *bigger);
        memcpy(bigger, *rows, *n * sizeof *bigger);
        *rows = bigger;
        *cap *= 2;
    }
    StatRow *r = &(*rows)[(*n)++];
    memset(r, 0, sizeof *r);
    r->key = arena_strdup(a, key);
    return r;
}
