/* stat_period.h: the period arithmetic both backends' report queries share (store-internal):
 * a report reads whole months from stat_month and the partial months at its edges day by day,
 * and sums rows by group key. Internal to src/store/. */
#ifndef MOTCUA_STAT_PERIOD_H
#define MOTCUA_STAT_PERIOD_H

#include "store/store.h"

#include <stdint.h>

/* month_of writes the first and last local day of day's month. */
void stat_month_of(int32_t day, int32_t *first, int32_t *last);

/* A period split into what is read by month and what by day (see store_stat_report):
 * a_first = the first day of from's month, [m1, m2] = the whole months inside [from, to]
 * (m1 > m2: none), [d1lo, d1hi] and [d2lo, d2hi] = the days read one by one. */
typedef struct StatSplit {
    int32_t a_first, m1, m2, d1lo, d1hi, d2lo, d2hi;
} StatSplit;

StatSplit stat_split_period(int32_t from, int32_t to);

/* stat_day_sums writes into v every column's change of ch[i]'s day, from ch[i] on, and marks
 * the changes it took in done: one upsert per distinct day carries them all. */
void stat_day_sums(const StatChange *ch, size_t n, size_t i, int *done, int64_t v[STAT_N]);

/* stat_find_row returns the row of key in rows[0..*n), appending it when absent (the array
 * grows in a, *cap its capacity). */
StatRow *stat_find_row(Arena *a, StatRow **rows, size_t *n, size_t *cap, const char *key);

#endif
