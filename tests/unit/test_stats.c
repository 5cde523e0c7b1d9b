/* test_stats.c: the report arithmetic. Named periods under both cut-offs; the indicators'
 * rounding and points; and, on thousands of random events over random dossiers (supplement
 * restarts, payment pauses, apologies, stops, ratings, dossiers processed out of order), the
 * counters that core/stats maintains give exactly what a brute-force recount from the
 * dossiers' histories gives, with received = resolved + in progress + stopped on every row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/stats.h"
#include "util/timefmt.h"

#include <stdlib.h>
#include <string.h>

static int32_t D(int y, int m, int d)
{
    return timefmt_days_from_civil(y, m, d);
}

static void expect_period(const char *name, StatsCutoff c, int32_t from, int32_t to)
{
    int32_t f = 0, t = 0;
    if (stats_period(name, c, &f, &t) != 0)
        fail_msg("%s rejected", name);
    assert_int_equal(f, from);
    assert_int_equal(t, to);
}

static void test_periods(void **state)
{
    (void)state;
    expect_period("2023", STATS_CUTOFF_CALENDAR, D(2023, 1, 1), D(2023, 12, 31));
    expect_period("2023", STATS_CUTOFF_ND09, D(2022, 12, 15), D(2023, 12, 14));
    expect_period("2023-Q3", STATS_CUTOFF_CALENDAR, D(2023, 7, 1), D(2023, 9, 30));
    expect_period("2023-Q3", STATS_CUTOFF_ND09, D(2023, 6, 15), D(2023, 9, 14));
    expect_period("2023-Q1", STATS_CUTOFF_ND09, D(2022, 12, 15), D(2023, 3, 14));
    expect_period("2023-H1", STATS_CUTOFF_CALENDAR, D(2023, 1, 1), D(2023, 6, 30));
    expect_period("2023-H1", STATS_CUTOFF_ND09, D(2022, 12, 15), D(2023, 6, 14));
    expect_period("2023-H2", STATS_CUTOFF_CALENDAR, D(2023, 7, 1), D(2023, 12, 31));
    expect_period("2023-09", STATS_CUTOFF_CALENDAR, D(2023, 9, 1), D(2023, 9, 30));
    expect_period("2023-09", STATS_CUTOFF_ND09, D(2023, 8, 15), D(2023, 9, 14));
    expect_period("2024-02", STATS_CUTOFF_CALENDAR, D(2024, 2, 1), D(2024, 2, 29));
    expect_period("2023-01", STATS_CUTOFF_ND09, D(2022, 12, 15), D(2023, 1, 14));
    const char *bad[] = {"",           "23",      "2023-Q5", "2023-Q0", "2023-H3",
                         "2023-13",    "2023-00", "2023-1",  "2023-Q",  "20233",
                         "2023-09-01", "abcd",    NULL};
    int32_t f, t;
    for (int i = 0; bad[i]; i++)
        if (stats_period(bad[i], STATS_CUTOFF_CALENDAR, &f, &t) != ERR_INVALID)
            fail_msg("accepted %s", bad[i]);
    assert_int_equal(stats_period(NULL, STATS_CUTOFF_ND09, &f, &t), ERR_INVALID);
}

static void test_indicators(void **state)
{
    (void)state;
    /* the seed report: 66,597 received of which 25,470 online; 66,136 resolved, 171 late;
     * 461 in progress within the deadline */
    ReportRow r = {.received_total = 66597,
                   .carried_over = 307,
                   .online = 25470,
                   .direct_postal = 40820,
                   .resolved_total = 66136,
                   .early = 0,
                   .on_time = 65965,
                   .late = 171,
                   .in_progress_total = 461,
                   .within_deadline = 461};
    Indicator ind[STATS_N_INDICATORS];
    stats_indicators(&r, ind);
    assert_string_equal(ind[0].key, "resolved_on_time_rate");
    assert_int_equal(ind[0].value_x100, 9974); /* 99.74 % */
    assert_string_equal(ind[1].key, "progress_766");
    assert_int_equal(ind[1].numerator, 66426);
    assert_int_equal(ind[1].value_x100, 9974);
    assert_int_equal(ind[1].points_x100, 1995); /* 20 x 0.99743 = 19.95 */
    assert_string_equal(ind[2].key, "online_rate");
    assert_int_equal(ind[2].value_x100, 3824); /* the seed's 38.2 % */
    assert_int_equal(ind[2].points_x100, 459); /* min(6, 6 x 0.3824 / 0.5) = 4.59 */
    assert_int_equal(ind[2].max_points, 6);
    assert_false(ind[0].scored);
    /* a zero denominator gives 0, not a division by zero */
    ReportRow empty = {0};
    stats_indicators(&empty, ind);
    for (int i = 0; i < STATS_N_INDICATORS; i++) {
        assert_int_equal(ind[i].value_x100, 0);
        assert_int_equal(ind[i].points_x100, 0);
    }
    /* points are capped at the maximum: 60 % online is past the 50 % threshold */
    ReportRow online = {.received_total = 10, .online = 6};
    stats_indicators(&online, ind);
    assert_int_equal(ind[2].points_x100, 600);
    assert_int_equal(stats_ratio_x100(1, 8), 1250);
    assert_int_equal(stats_ratio_x100(1, 3), 3333);
    assert_int_equal(stats_ratio_x100(2, 3), 6667);
}

/* ---- random histories ---- */

enum { N_DOSSIERS = 400, FIRST_DAY = 19358 /* 2023-01-01 */, N_DAYS = 200, MAX_EVENTS = 24 };

typedef struct Sim {
    StatDossier fixed;
    Duration limit;
    Event ev[MAX_EVENTS];
    int n;
} Sim;

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int pick(int n)
{
    return (int)(next_rand() % (uint64_t)n);
}

static int64_t counters[N_DAYS + 40][STAT_N];
static int64_t paid[N_DAYS + 40][N_DAYS + 40];

static void add_changes(const StatChange *ch, size_t n, const StatPayChange *pay, size_t np)
{
    for (size_t i = 0; i < n; i++) {
        int d = ch[i].day - FIRST_DAY;
        assert_true(d >= 0 && d < N_DAYS + 40);
        counters[d][ch[i].col] += ch[i].delta;
    }
    for (size_t i = 0; i < np; i++)
        paid[pay[i].recv_day - FIRST_DAY][pay[i].pay_day - FIRST_DAY] += pay[i].delta;
}

/* simulate builds one dossier's history with legal random actions. */
static void simulate(Sim *s, const Calendar *cal)
{
    static const Action choices[] = {ACTION_TRANSFER,
                                     ACTION_REQUEST_SUPPLEMENT,
                                     ACTION_SUPPLEMENT,
                                     ACTION_REQUEST_PAYMENT,
                                     ACTION_PAY,
                                     ACTION_APOLOGIZE,
                                     ACTION_STOP,
                                     ACTION_RESOLVE,
                                     ACTION_RESOLVE,
                                     ACTION_RETURN,
                                     ACTION_RATE,
                                     ACTION_DIGITIZE,
                                     ACTION_REQUEST_WITHDRAWAL};
    s->fixed = (StatDossier){pick(2), pick(2), pick(3) == 0};
    DossierProjection p;
    dossier_init(&p, "U");
    int64_t t = timefmt_local_instant(FIRST_DAY + pick(N_DAYS - 30), (7 + pick(9)) * 3600);
    Duration limit = {pick(2) ? DURATION_WORKING_DAYS : DURATION_WORKING_HOURS, 1 + pick(10)};
    s->limit = limit;
    s->n = 0;
    s->ev[s->n++] = (Event){.action = ACTION_RECEIVE, .at = t};
    assert_int_equal(dossier_apply(&p, &s->ev[0], cal, limit, NULL), 0);
    for (int k = 0; k < 40 && s->n < MAX_EVENTS; k++) {
        t += 3600 * (1 + pick(60));
        if (timefmt_local_day(t) >= FIRST_DAY + N_DAYS)
            break;
        Event ev = {.action = choices[pick(sizeof choices / sizeof choices[0])], .at = t};
        ev.reason = "r";
        ev.outcome = pick(4) ? "approved" : "rejected";
        ev.to = "U";
        ev.level = pick(3) == 0 ? "dissatisfied" : "satisfied";
        ev.online = pick(2);
        ev.amount = 1000;
        ev.result = pick(2);
        ev.component = "c";
        ev.file = pick(2) ? "f" : NULL; /* a stored file, or a source's mark */
        ev.result_digitized = pick(2);
        ev.new_appointment = t + 86400 * 20;
        DossierProjection q = p;
        if (dossier_apply(&q, &ev, cal, limit, NULL) == 0) {
            p = q;
            s->ev[s->n++] = ev;
        }
    }
}

/* replay_to returns the projection of the events before instant end. */
static DossierProjection replay_to(const Sim *s, const Calendar *cal, int64_t end)
{
    DossierProjection p;
    dossier_init(&p, "U");
    for (int i = 0; i < s->n && s->ev[i].at < end; i++)
        assert_int_equal(dossier_apply(&p, &s->ev[i], cal, s->limit, NULL), 0);
    return p;
}

/* count_events feeds one dossier's events through stats_changes into the counters. */
static void count_events(const Sim *s, const Calendar *cal)
{
    DossierProjection p;
    dossier_init(&p, "U");
    for (int i = 0; i < s->n; i++) {
        DossierProjection before = p;
        assert_int_equal(dossier_apply(&p, &s->ev[i], cal, s->limit, NULL), 0);
        StatChange ch[STATS_MAX_CHANGES];
        StatPayChange pay[2];
        size_t np, n = stats_changes(&s->fixed, &before, &p, s->ev[i].at, ch, pay, &np);
        add_changes(ch, n, pay, np);
    }
}

/* sums_of adds up the counters for days [f, t] (offsets from FIRST_DAY). */
static void sums_of(int f, int t, StatSums *out)
{
    memset(out, 0, sizeof *out);
    for (int d = 0; d < N_DAYS + 40; d++) {
        for (int c = 0; c < STAT_N; c++)
            if (d >= f && d <= t)
                out->in[c] += counters[d][c];
        if (d < f) {
            out->alive_before += counters[d][STAT_ALIVE];
            out->alive_digitized_before += counters[d][STAT_ALIVE_DIGITIZED];
            out->alive_filed_before += counters[d][STAT_ALIVE_FILED];
        }
        if (d <= t) {
            out->alive_end += counters[d][STAT_ALIVE];
            out->overdue_end += counters[d][STAT_OVERDUE];
        }
    }
    for (int r = f; r <= t; r++)
        for (int p = 0; p <= t; p++)
            out->paid_online += paid[r][p];
}

/* brute_force computes the row straight from the histories by the rules of docs/INTERFACES.md. */
static void brute_force(const Sim *sims, int n, const Calendar *cal, int f, int t, ReportRow *r)
{
    memset(r, 0, sizeof *r);
    int64_t start = timefmt_local_instant(FIRST_DAY + f, 0);
    int64_t end = timefmt_local_instant(FIRST_DAY + t + 1, 0);
#define IN(x) ((x) && (x) >= start && (x) < end)
    for (int i = 0; i < n; i++) {
        const Sim *s = &sims[i];
        DossierProjection all = replay_to(s, cal, INT64_MAX);
        DossierProjection at_start = replay_to(s, cal, start), at_end = replay_to(s, cal, end);
        int carried = at_start.received_at && !at_start.resolved_at && !at_start.stopped_at;
        int received = IN(all.received_at);
        r->carried_over += carried;
        if (received) {
            if (s->fixed.online)
                r->online++;
            else
                r->direct_postal++;
            r->full_online += s->fixed.online && s->fixed.full_online;
            r->fee_dossiers += s->fixed.has_fee;
            r->paid_online += s->fixed.has_fee && all.paid_online_at && all.paid_online_at < end;
        }
        r->components_digitized += (carried || received) && all.components_digitized;
        r->components_filed += (carried || received) && all.components_digitized == DIGITIZED_FILE;
        if (IN(all.resolved_at)) {
            int64_t due = all.due_at, res = all.resolved_at;
            if (res > due)
                r->late++;
            else if (timefmt_local_day(res) < timefmt_local_day(due))
                r->early++;
            else
                r->on_time++;
            r->results_digitized += all.result_digitized != DIGITIZED_NO;
            r->results_filed += all.result_digitized == DIGITIZED_FILE;
        }
        if (IN(all.stopped_at) && !all.resolved_at)
            r->stopped++;
        if (at_end.received_at && !at_end.resolved_at && !at_end.stopped_at) {
            r->in_progress_total++;
            if (!at_end.paused_at && at_end.due_at < end)
                r->overdue++;
        }
        if (IN(all.rated_at)) {
            r->ratings++;
            r->ratings_good += strcmp(all.rating, "dissatisfied") != 0;
        }
    }
#undef IN
    r->received_total = r->carried_over + r->online + r->direct_postal;
    r->resolved_total = r->early + r->on_time + r->late;
    r->within_deadline = r->in_progress_total - r->overdue;
}

static void test_counters_equal_recount(void **state)
{
    (void)state;
    Calendar cal;
    calendar_init(&cal);
    static Sim sims[N_DOSSIERS];
    memset(counters, 0, sizeof counters);
    memset(paid, 0, sizeof paid);
    long events = 0;
    for (int i = 0; i < N_DOSSIERS; i++) {
        simulate(&sims[i], &cal);
        events += sims[i].n;
    }
    assert_true(events > 2000);
    /* dossiers are counted in a shuffled order: counters only add up */
    int order[N_DOSSIERS];
    for (int i = 0; i < N_DOSSIERS; i++)
        order[i] = i;
    for (int i = N_DOSSIERS - 1; i > 0; i--) {
        int j = pick(i + 1), tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
    }
    for (int i = 0; i < N_DOSSIERS; i++)
        count_events(&sims[order[i]], &cal);
    for (int k = 0; k < 60; k++) {
        int f = pick(N_DAYS), t = f + pick(N_DAYS - f);
        StatSums sums;
        ReportRow got, want;
        sums_of(f, t, &sums);
        stats_row(&sums, &got);
        brute_force(sims, N_DOSSIERS, &cal, f, t, &want);
        assert_memory_equal(&got, &want, sizeof got);
        assert_int_equal(got.received_total,
                         got.resolved_total + got.in_progress_total + got.stopped);
    }
    calendar_free(&cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_indicators),
        cmocka_unit_test(test_counters_equal_recount),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
