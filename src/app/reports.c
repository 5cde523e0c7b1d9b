/* reports.c: building the official report from the counters (see reports.h). */
#include "app/reports.h"

#include "util/timefmt.h"

#include <stdlib.h>
#include <string.h>

int reports_group_parse(const char *by)
{
    if (!by || !*by)
        return STAT_BY_NONE;
    if (strcmp(by, "field") == 0)
        return STAT_BY_FIELD;
    if (strcmp(by, "unit") == 0)
        return STAT_BY_UNIT;
    if (strcmp(by, "procedure") == 0)
        return STAT_BY_PROCEDURE;
    return -1;
}

const char *reports_group_name(StatGroup by)
{
    static const char *const names[] = {"", "field", "unit", "procedure"};
    return by >= STAT_BY_NONE && by <= STAT_BY_PROCEDURE ? names[by] : "";
}

int reports_query(const char *from, const char *to, const char *period, const char *cutoff,
                  const char *unit, const char *by, ReportQuery *out, Err *e)
{
    ReportQuery q = {.unit = unit && *unit ? unit : NULL};
    int g = reports_group_parse(by);
    if (g < 0)
        return err_set(e, ERR_INVALID, "by", "by phải là field, unit hoặc procedure",
                       "by must be field, unit or procedure");
    q.by = (StatGroup)g;
    StatsCutoff c = STATS_CUTOFF_CALENDAR;
    if (cutoff && strcmp(cutoff, "nd09") == 0)
        c = STATS_CUTOFF_ND09;
    else if (cutoff && strcmp(cutoff, "calendar") != 0)
        return err_set(e, ERR_INVALID, "cutoff", "cutoff phải là calendar hoặc nd09",
                       "cutoff must be calendar or nd09");
    if (period && (from || to))
        return err_set(e, ERR_INVALID, "period", "Chọn kỳ (period) hoặc từ ngày - đến ngày",
                       "give either a period or from and to");
    if (period) {
        if (stats_period(period, c, &q.from, &q.to) < 0)
            return err_set(e, ERR_INVALID, "period",
                           "Kỳ báo cáo phải có dạng 2023, 2023-Q3, 2023-H1 hoặc 2023-09",
                           "period must look like 2023, 2023-Q3, 2023-H1 or 2023-09");
    } else {
        if (!from || !to)
            return err_set(e, ERR_INVALID, from ? "to" : "from",
                           "Cần từ ngày (from) và đến ngày (to), hoặc kỳ báo cáo (period)",
                           "from and to, or a period, are required");
        if (timefmt_parse_date(from, strlen(from), e, &q.from) < 0)
            return err_set(e, ERR_INVALID, "from", "Ngày bắt đầu phải có dạng YYYY-MM-DD",
                           "from must be a date YYYY-MM-DD");
        if (timefmt_parse_date(to, strlen(to), e, &q.to) < 0)
            return err_set(e, ERR_INVALID, "to", "Ngày kết thúc phải có dạng YYYY-MM-DD",
                           "to must be a date YYYY-MM-DD");
    }
    if (q.from > q.to)
        return err_set(e, ERR_INVALID, "to", "Ngày kết thúc trước ngày bắt đầu",
                       "to is before from");
    *out = q;
    return 0;
}

int reports_units(const char *units, ReportQuery *q, Err *e)
{
    if (!units || !*units)
        q->units = REPORT_UNITS_DEFAULT;
    else if (strcmp(units, "historical") == 0)
        q->units = REPORT_UNITS_HISTORICAL;
    else if (strcmp(units, "current") == 0)
        q->units = REPORT_UNITS_CURRENT;
    else
        return err_set(e, ERR_INVALID, "units", "units phải là historical hoặc current",
                       "units must be historical or current");
    return 0;
}

bool reports_current(const ReportQuery *q, int64_t now)
{
    return q->units == REPORT_UNITS_CURRENT ||
           (q->units == REPORT_UNITS_DEFAULT && q->to >= timefmt_local_day(now));
}

const char *reports_units_name(const Report *r)
{
    return r->current ? "current" : "historical";
}

/* key_name finds the name of a row's key. */
static const char *key_name(Store *s, Arena *a, StatGroup by, const char *key)
{
    Err ignored;
    if (by == STAT_BY_FIELD) {
        Field f;
        return store_field_get(s, a, key, &f, &ignored) == 0 ? f.name : key;
    }
    if (by == STAT_BY_UNIT) {
        Unit u;
        return store_unit_get(s, a, key, &u, &ignored) == 0 ? u.name : key;
    }
    if (by == STAT_BY_PROCEDURE) {
        Procedure p;
        return store_procedure_get(s, a, key, &p, &ignored) == 0 ? p.name : key;
    }
    return "";
}

/* by_key orders rows by their key (qsort, bsearch). */
static int by_key(const void *x, const void *y)
{
    return strcmp(((const StatRow *)x)->key, ((const StatRow *)y)->key);
}

/* judge_now puts into rows (the period's sums) the dossiers in progress as they stand at
 * instant now instead of at the end of the period's last day, which is today or later: the
 * counters to the end of today (nothing is counted later than an event, and no event is later
 * than now), less the dossiers due later today, which the counters already count as overdue at
 * the end of today. */
static int judge_now(Store *s, Arena *a, const ReportQuery *q, bool current, int64_t now,
                     StatRow *rows, size_t n, Err *e)
{
    int32_t today = timefmt_local_day(now);
    StatRow *at = rows;
    size_t n_at = n;
    StatCount *later;
    size_t n_later;
    int rc;
    if (q->to != today &&
        (rc = store_stat_report(s, a, q->unit, current, today, today, q->by, &at, &n_at, e)) < 0)
        return rc;
    if ((rc = store_stat_due_later(s, a, q->unit, current, today, now, q->by, &later, &n_later,
                                   e)) < 0)
        return rc;
    if (at != rows)
        qsort(at, n_at, sizeof *at, by_key);
    for (size_t i = 0; i < n; i++) {
        StatSums *sums = &rows[i].sums;
        if (at != rows) {
            const StatRow *m = bsearch(&rows[i], at, n_at, sizeof *at, by_key);
            sums->alive_end = m ? m->sums.alive_end : 0;
            sums->overdue_end = m ? m->sums.overdue_end : 0;
        }
        for (size_t j = 0; j < n_later; j++)
            if (strcmp(later[j].key, rows[i].key) == 0)
                sums->overdue_end -= later[j].n;
    }
    return 0;
}

int reports_build(Store *s, Arena *a, const ReportQuery *q, int64_t now, Report *out, Err *e)
{
    if (q->from > q->to)
        return err_set(e, ERR_INVALID, "from", "Ngày bắt đầu sau ngày kết thúc",
                       "the period starts after it ends");
    Report r = {.q = *q};
    r.ongoing = q->to >= timefmt_local_day(now);
    r.as_of = r.ongoing ? now : timefmt_local_instant(q->to + 1, 0);
    r.current = reports_current(q, now);
    int rc;
    if (q->unit) {
        Unit u;
        if ((rc = store_unit_get(s, a, q->unit, &u, e)) < 0)
            return rc;
        r.unit_name = u.name;
    }
    StatRow *rows;
    size_t n;
    if ((rc = store_stat_report(s, a, q->unit, r.current, q->from, q->to, q->by, &rows, &n, e)) <
            0 ||
        (r.ongoing && (rc = judge_now(s, a, q, r.current, now, rows, n, e)) < 0))
        return rc;
    r.lines = arena_array(a, n + 1, sizeof *r.lines);
    for (size_t i = 0; i < n; i++) {
        ReportLine *l = &r.lines[r.n_lines];
        stats_row(&rows[i].sums, &l->row);
        stats_row_add(&r.total, &l->row);
        /* keys with nothing to report in this period are left out */
        if (l->row.received_total == 0 && l->row.ratings == 0)
            continue;
        l->key = rows[i].key;
        l->name = key_name(s, a, q->by, rows[i].key);
        r.n_lines++;
    }
    if (q->by == STAT_BY_NONE)
        r.n_lines = 0;
    stats_indicators(&r.total, r.indicators);
    if ((rc = store_stat_months(s, a, q->unit, r.current, q->from, q->to, &r.months, &r.n_months,
                                e)) < 0)
        return rc;
    *out = r;
    return 0;
}
