/* stats.c: counter changes, report rows, indicators and periods (see stats.h). */
#include "core/stats.h"

#include "core/deadline.h"
#include "util/err.h"
#include "util/timefmt.h"

#include <string.h>

/* contributions lists the counters a dossier in projection p adds to (all but STAT_OVERDUE,
 * which depends on history: see stats_changes). */
static size_t contributions(const StatDossier *f, const DossierProjection *p, StatChange *out)
{
    size_t n = 0;
#define ADD(d, c, v) (out[n++] = (StatChange){(d), (c), (v)})
    if (p->received_at) {
        int32_t r = timefmt_local_day(p->received_at);
        ADD(r, f->online ? STAT_RECV_ONLINE : STAT_RECV_OTHER, 1);
        if (f->online && f->full_online)
            ADD(r, STAT_RECV_FULL_ONLINE, 1);
        if (f->has_fee)
            ADD(r, STAT_RECV_FEE, 1);
        if (p->components_digitized) {
            ADD(r, STAT_RECV_DIGITIZED, 1);
            ADD(r, STAT_ALIVE_DIGITIZED, 1);
        }
        if (p->components_digitized == DIGITIZED_FILE) {
            ADD(r, STAT_RECV_FILED, 1);
            ADD(r, STAT_ALIVE_FILED, 1);
        }
        ADD(r, STAT_ALIVE, 1);
        int64_t end = p->resolved_at ? p->resolved_at : p->stopped_at;
        if (end) {
            ADD(timefmt_local_day(end), STAT_ALIVE, -1);
            if (p->components_digitized)
                ADD(timefmt_local_day(end), STAT_ALIVE_DIGITIZED, -1);
            if (p->components_digitized == DIGITIZED_FILE)
                ADD(timefmt_local_day(end), STAT_ALIVE_FILED, -1);
        }
        if (p->resolved_at) {
            int32_t d = timefmt_local_day(p->resolved_at);
            DeadlineClass c = deadline_classify_resolved(p->due_at, p->resolved_at);
            ADD(d,
                c == DEADLINE_EARLY     ? STAT_RES_EARLY
                : c == DEADLINE_ON_TIME ? STAT_RES_ON_TIME
                                        : STAT_RES_LATE,
                1);
            if (p->result_digitized)
                ADD(d, STAT_RES_DIGITIZED, 1);
            if (p->result_digitized == DIGITIZED_FILE)
                ADD(d, STAT_RES_FILED, 1);
        } else if (p->stopped_at) {
            ADD(timefmt_local_day(p->stopped_at), STAT_STOPPED, 1);
        }
    }
    if (p->rated_at) {
        int32_t d = timefmt_local_day(p->rated_at);
        ADD(d, STAT_RATE_TOTAL, 1);
        if (p->rating && strcmp(p->rating, "dissatisfied") != 0)
            ADD(d, STAT_RATE_GOOD, 1);
    }
#undef ADD
    return n;
}

size_t stats_changes(const StatDossier *fixed, const DossierProjection *before,
                     const DossierProjection *after, int64_t at, StatChange *out,
                     StatPayChange pay[2], size_t *out_n_pay)
{
    StatChange was[STATS_MAX_CHANGES / 2], now[STATS_MAX_CHANGES / 2];
    size_t nw = contributions(fixed, before, was), nn = contributions(fixed, after, now), n = 0;
    int used[STATS_MAX_CHANGES / 2] = {0};
    /* the difference: what is new, minus what is gone; equal entries cancel */
    for (size_t i = 0; i < nn; i++) {
        int kept = 0;
        for (size_t j = 0; j < nw && !kept; j++) {
            if (!used[j] && was[j].day == now[i].day && was[j].col == now[i].col &&
                was[j].delta == now[i].delta) {
                used[j] = 1;
                kept = 1;
            }
        }
        if (!kept)
            out[n++] = now[i];
    }
    for (size_t j = 0; j < nw; j++)
        if (!used[j])
            out[n++] = (StatChange){was[j].day, was[j].col, -was[j].delta};
    /* overdue intervals: closed on the later of their start and the event's day */
    if (before->overdue_from != after->overdue_from) {
        int32_t day = timefmt_local_day(at);
        if (before->overdue_from) {
            int32_t from = before->overdue_from - 1;
            out[n++] = (StatChange){from > day ? from : day, STAT_OVERDUE, -1};
        }
        if (after->overdue_from)
            out[n++] = (StatChange){after->overdue_from - 1, STAT_OVERDUE, 1};
    }
    /* the online payment of a dossier with a fee, keyed by receipt and payment days */
    size_t np = 0;
    int had = fixed->has_fee && before->received_at && before->paid_online_at;
    int has = fixed->has_fee && after->received_at && after->paid_online_at;
    if (had != has || (had && (before->received_at != after->received_at ||
                               before->paid_online_at != after->paid_online_at))) {
        if (had)
            pay[np++] = (StatPayChange){timefmt_local_day(before->received_at),
                                        timefmt_local_day(before->paid_online_at), -1};
        if (has)
            pay[np++] = (StatPayChange){timefmt_local_day(after->received_at),
                                        timefmt_local_day(after->paid_online_at), 1};
    }
    *out_n_pay = np;
    return n;
}

/* officer_contributions lists what a projection adds to the resolving officer's counters. */
static size_t officer_contributions(const DossierProjection *p, OfficerChange *out)
{
    size_t n = 0;
    if (!p->resolved_at || !p->resolved_by)
        return 0;
    DeadlineClass c = deadline_classify_resolved(p->due_at, p->resolved_at);
    out[n++] = (OfficerChange){p->resolved_by, timefmt_local_day(p->resolved_at),
                               c == DEADLINE_EARLY     ? OFFICER_EARLY
                               : c == DEADLINE_ON_TIME ? OFFICER_ON_TIME
                                                       : OFFICER_LATE,
                               1};
    if (p->rated_at) {
        int32_t d = timefmt_local_day(p->rated_at);
        out[n++] = (OfficerChange){p->resolved_by, d, OFFICER_RATE_TOTAL, 1};
        if (p->rating && strcmp(p->rating, "dissatisfied") != 0)
            out[n++] = (OfficerChange){p->resolved_by, d, OFFICER_RATE_GOOD, 1};
    }
    return n;
}

static int same_officer_change(const OfficerChange *a, const OfficerChange *b)
{
    return a->day == b->day && a->col == b->col && a->delta == b->delta &&
           strcmp(a->officer, b->officer) == 0;
}

size_t stats_officer_changes(const DossierProjection *before, const DossierProjection *after,
                             OfficerChange *out)
{
    OfficerChange was[4], now[4];
    size_t nw = officer_contributions(before, was), nn = officer_contributions(after, now), n = 0;
    int used[4] = {0};
    for (size_t i = 0; i < nn; i++) {
        int kept = 0;
        for (size_t j = 0; j < nw && !kept; j++)
            if (!used[j] && same_officer_change(&was[j], &now[i]))
                used[j] = kept = 1;
        if (!kept)
            out[n++] = now[i];
    }
    for (size_t j = 0; j < nw; j++) {
        if (!used[j]) {
            out[n] = was[j];
            out[n++].delta = -was[j].delta;
        }
    }
    return n;
}

void stats_row(const StatSums *s, ReportRow *r)
{
    memset(r, 0, sizeof *r);
    r->online = s->in[STAT_RECV_ONLINE];
    r->direct_postal = s->in[STAT_RECV_OTHER];
    r->carried_over = s->alive_before;
    r->received_total = r->carried_over + r->online + r->direct_postal;
    r->early = s->in[STAT_RES_EARLY];
    r->on_time = s->in[STAT_RES_ON_TIME];
    r->late = s->in[STAT_RES_LATE];
    r->resolved_total = r->early + r->on_time + r->late;
    r->stopped = s->in[STAT_STOPPED];
    r->in_progress_total = s->alive_end;
    r->overdue = s->overdue_end;
    r->within_deadline = r->in_progress_total - r->overdue;
    r->full_online = s->in[STAT_RECV_FULL_ONLINE];
    r->fee_dossiers = s->in[STAT_RECV_FEE];
    r->paid_online = s->paid_online;
    r->components_digitized = s->alive_digitized_before + s->in[STAT_RECV_DIGITIZED];
    r->results_digitized = s->in[STAT_RES_DIGITIZED];
    r->components_filed = s->alive_filed_before + s->in[STAT_RECV_FILED];
    r->results_filed = s->in[STAT_RES_FILED];
    r->ratings = s->in[STAT_RATE_TOTAL];
    r->ratings_good = s->in[STAT_RATE_GOOD];
}

void stats_row_add(ReportRow *a, const ReportRow *b)
{
    int64_t *x = (int64_t *)a;
    const int64_t *y = (const int64_t *)b;
    for (size_t i = 0; i < sizeof *a / sizeof(int64_t); i++)
        x[i] += y[i];
}

int64_t stats_ratio_x100(int64_t numerator, int64_t denominator)
{
    if (denominator <= 0)
        return 0;
    return (numerator * 20000 + denominator) / (denominator * 2);
}

/* points_x100: min(max, max * r / threshold) x 100, rounded half-up, threshold = tn / td. */
static int64_t points_x100(int max, int64_t num, int64_t den, int64_t tn, int64_t td)
{
    if (den <= 0)
        return 0;
    int64_t a = (int64_t)max * 100 * num * td, b = den * tn;
    int64_t p = (2 * a + b) / (2 * b);
    return p > (int64_t)max * 100 ? (int64_t)max * 100 : p;
}

static Indicator make(const char *key, int64_t num, int64_t den, int max, int64_t tn, int64_t td)
{
    Indicator i = {key, num, den, stats_ratio_x100(num, den), max > 0, 0, max};
    if (max > 0)
        i.points_x100 = points_x100(max, num, den, tn, td);
    return i;
}

void stats_indicators(const ReportRow *r, Indicator out[STATS_N_INDICATORS])
{
    /* Decision 766 scoring (docs/DOMAIN.md §7): 2.1 progress 20 x r; 3.3 online min(6, 6r / 0.5);
     * 3.6 online payment 6 x r; 4.1 electronic results min(6, 6r); 4.2 digitized components
     * min(4, 4r / 0.8) (the VPCP formula document's >= 80 % = maximum). */
    int i = 0;
    out[i++] = make("resolved_on_time_rate", r->early + r->on_time, r->resolved_total, 0, 1, 1);
    out[i++] = make("progress_766", r->early + r->on_time + r->within_deadline, r->received_total,
                    20, 1, 1);
    out[i++] = make("online_rate", r->online, r->received_total, 6, 1, 2);
    out[i++] = make("full_online_rate", r->full_online, r->online, 0, 1, 1);
    out[i++] =
        make("components_digitized_rate", r->components_digitized, r->received_total, 4, 4, 5);
    out[i++] = make("results_digitized_rate", r->results_digitized, r->resolved_total, 6, 1, 1);
    out[i++] = make("online_payment_rate", r->paid_online, r->fee_dossiers, 6, 1, 1);
    out[i++] = make("satisfaction_rate", r->ratings_good, r->ratings, 0, 1, 1);
}

/* number parses exactly n digits at s. */
static int number(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* span sets [from, to] for months m1..m2 of year y (m1 may be <= 0: the previous year). */
static void span(int y, int m1, int m2, StatsCutoff cutoff, int32_t *from, int32_t *to)
{
    int fy = y, fm = m1;
    while (fm <= 0) {
        fm += 12;
        fy--;
    }
    if (cutoff == STATS_CUTOFF_ND09) {
        /* the 15th of the month before m1 to the 14th of m2 */
        int py = fy, pm = fm - 1;
        if (pm == 0) {
            pm = 12;
            py--;
        }
        *from = timefmt_days_from_civil(py, pm, 15);
        *to = timefmt_days_from_civil(y, m2, 14);
    } else {
        *from = timefmt_days_from_civil(fy, fm, 1);
        *to = timefmt_days_from_civil(y, m2, timefmt_days_in_month(y, m2));
    }
}

int stats_period(const char *name, StatsCutoff cutoff, int32_t *out_from, int32_t *out_to)
{
    size_t n = name ? strlen(name) : 0;
    int y, k;
    if (n < 4 || number(name, 4, &y) < 0 || y < 1900 || y > 2199)
        return ERR_INVALID;
    int m1, m2;
    if (n == 4) {
        m1 = 1, m2 = 12;
    } else if (n == 7 && name[4] == '-' && name[5] == 'Q' && number(name + 6, 1, &k) == 0 &&
               k >= 1 && k <= 4) {
        m1 = 3 * k - 2, m2 = 3 * k;
    } else if (n == 7 && name[4] == '-' && name[5] == 'H' && number(name + 6, 1, &k) == 0 &&
               k >= 1 && k <= 2) {
        m1 = 6 * k - 5, m2 = 6 * k;
    } else if (n == 7 && name[4] == '-' && number(name + 5, 2, &k) == 0 && k >= 1 && k <= 12) {
        m1 = m2 = k;
    } else {
        return ERR_INVALID;
    }
    span(y, m1, m2, cutoff, out_from, out_to);
    return 0;
}
