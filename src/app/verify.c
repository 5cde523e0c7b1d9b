/* verify.c: `motcua verify` and `motcua recount` over every dossier: the sequence and hash
 * chain of each history, its replay against the stored projection, and the counters against a
 * recount (see dossiers.h). */
#include "app/dossiers.h"

#include "app/history.h"
#include "app/record.h"

#include <stdio.h>
#include <string.h>

typedef struct Report {
    void (*fn)(void *ctx, const char *problem);
    void *ctx;
    long n;
} Report;

/* problem reports what is wrong with dossier code (or "*"), in Vietnamese and English. */
static void problem(Report *r, const char *code, const char *vi, const char *en)
{
    char msg[1100];
    snprintf(msg, sizeof msg, "hồ sơ %s: %s / dossier %s: %s", code, vi, code, en);
    r->n++;
    if (r->fn)
        r->fn(r->ctx, msg);
}

/* what projection_diff finds differing, in Vietnamese and English */
static const char *const diffs[][2] = {
    {"trạng thái khác với các sự kiện", "state differs from its events"},
    {"các mốc thời gian khác với các sự kiện", "dates differ from its events"},
    {"các số đếm khác với các sự kiện", "counts differ from its events"},
    {"đơn vị, kết quả hoặc đánh giá khác với các sự kiện",
     "unit, outcome or rating differs from its events"},
};

/* projection_diff compares what replay computes with what is stored: NULL when they agree,
 * else what differs {Vietnamese, English}. */
static const char *const *projection_diff(const DossierProjection *x, const DossierProjection *y)
{
#define SAME_STR(f) ((x->f == NULL) == (y->f == NULL) && (!x->f || strcmp(x->f, y->f) == 0))
    if (x->state != y->state)
        return diffs[0];
    if (x->received_at != y->received_at || x->due_at != y->due_at ||
        x->appointment_at != y->appointment_at || x->resolved_at != y->resolved_at ||
        x->returned_at != y->returned_at || x->stopped_at != y->stopped_at)
        return diffs[1];
    if (x->apologies != y->apologies || x->supplements != y->supplements ||
        x->paid_amount != y->paid_amount || x->paid_online != y->paid_online ||
        x->result_digitized != y->result_digitized ||
        x->components_digitized != y->components_digitized || x->n_events != y->n_events)
        return diffs[2];
    if (!SAME_STR(current_unit) || !SAME_STR(outcome) || !SAME_STR(rating))
        return diffs[3];
    return NULL;
#undef SAME_STR
}

/* check_chain reports the first break in the events' sequence or hash chain; 0 if none. */
static int check_chain(const Dossier *d, const StoredEvent *evs, size_t n, Report *r)
{
    const unsigned char *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        const StoredEvent *ev = &evs[i];
        unsigned char h[32];
        if (ev->seq != (int)i + 1) {
            problem(r, d->code, "số thứ tự sự kiện bị hở", "event sequence has a gap");
            return 1;
        }
        if ((prev == NULL) != !ev->has_prev || (prev && memcmp(prev, ev->prev_hash, 32) != 0)) {
            problem(r, d->code, "chuỗi băm bị đứt (mã băm trước không khớp)",
                    "hash chain broken (previous hash does not match)");
            return 1;
        }
        history_chain_hash(d->code, ev, h);
        if (memcmp(h, ev->hash, 32) != 0) {
            problem(r, d->code, "chuỗi băm bị đứt (một sự kiện đã bị sửa)",
                    "hash chain broken (an event was altered)");
            return 1;
        }
        prev = ev->hash;
    }
    if (n && memcmp(d->last_hash, evs[n - 1].hash, 32) != 0) {
        problem(r, d->code, "mã băm cuối không khớp với sự kiện cuối",
                "last hash does not match its last event");
        return 1;
    }
    return 0;
}

/* What each part of a record is called when it changed {Vietnamese, English}. */
static const char *const parts[RECORD_PARTS][2] = {
    [RECORD_APPLICANT] = {"người nộp hồ sơ", "the applicant"},
    [RECORD_COMPONENTS] = {"thành phần hồ sơ", "the components"},
    [RECORD_FILING] = {"thông tin tiếp nhận (thủ tục, đơn vị, kênh, lệ phí, thời hạn giải quyết…)",
                       "the filing (procedure, unit, channel, fee, time limit, ...)"},
};

/* check_record reports a dossier whose record differs from the digests its chain covers: its
 * newest event's, or for a dossier older than record digests the one-time seal's, naming
 * each part that changed. 1 when something differs or nothing covers it. */
static int check_record(Store *s, const Dossier *d, const StoredEvent *evs, size_t n, Report *r,
                        Err *e)
{
    unsigned char now[STORE_RECORD_HASH], head[32], sealed[STORE_RECORD_HASH];
    const unsigned char *covered = NULL;
    int seq = 0, rc;
    history_record_hash(d, now);
    if (n && evs[n - 1].has_record) {
        covered = evs[n - 1].record_hash;
    } else if ((rc = store_seal_get(s, d->id, &seq, head, sealed, e)) == 0) {
        if (seq < 1 || (size_t)seq > n || memcmp(evs[seq - 1].hash, head, 32) != 0) {
            problem(r, d->code, "niêm phong không khớp với chuỗi băm",
                    "the seal does not match the hash chain");
            return 1;
        }
        covered = sealed;
    } else if (rc != ERR_NOT_FOUND) {
        return rc;
    }
    if (n && !covered) {
        problem(r, d->code, "thông tin hồ sơ chưa được niêm phong (chạy motcua init)",
                "the dossier's record is not sealed (run motcua init)");
        return 1;
    }
    int changed = 0;
    for (int i = 0; covered && i < RECORD_PARTS; i++) {
        if (memcmp(now + 32 * i, covered + 32 * i, 32) == 0)
            continue;
        char vi[300], en[300];
        snprintf(vi, sizeof vi, "%s đã bị sửa ngoài chuỗi băm", parts[i][0]);
        snprintf(en, sizeof en, "%s changed outside its hash chain", parts[i][1]);
        problem(r, d->code, vi, en);
        changed = 1;
    }
    return changed;
}

/* One dossier as verify and recount read it: the row, the stored events and their decoding. */
typedef struct Loaded {
    Dossier d;
    StoredEvent *rows;
    Event *evs;
    size_t n;
} Loaded;

/* load reads dossier id and its stored events. */
static int load(Store *s, Arena *a, int64_t id, Loaded *out, Err *e)
{
    int rc = dossiers_get_id(s, a, id, &out->d, e);
    return rc < 0 ? rc : store_event_list(s, a, id, &out->rows, &out->n, e);
}

/* decode_events decodes the stored events of l; one that does not decode is ERR_INVALID. */
static int decode_events(Arena *a, Loaded *l, Err *e)
{
    l->evs = arena_array(a, l->n + 1, sizeof *l->evs);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < l->n; i++)
        rc = record_event_decode(a, &l->rows[i], &l->evs[i], e);
    return rc;
}

/* is_finding: an error that is the dossier's problem (to report), not the verification's. */
static bool is_finding(int rc)
{
    return rc == ERR_SEMANTIC || rc == ERR_INVALID || rc == ERR_CONFLICT;
}

static int verify_one(Store *s, int64_t id, int64_t *counts, Report *r, Err *e)
{
    Arena *a = arena_new();
    Loaded l = {0};
    int rc = load(s, a, id, &l, e);
    int changed = 0; /* a record changed is reported; the replay still counts the dossier */
    if (rc == 0 && !check_chain(&l.d, l.rows, l.n, r) &&
        (changed = check_record(s, &l.d, l.rows, l.n, r, e)) >= 0) {
        Dossier replayed;
        Err why;
        const char *const *diff;
        int found = decode_events(a, &l, &why);
        if (found == 0)
            found = history_replay(s, &l.d, l.evs, l.n, 1, 1, &replayed, &why);
        if (is_finding(found))
            problem(r, l.d.code, why.message, why.message_en);
        else if (found < 0)
            rc = found, *e = why;
        else if ((diff = projection_diff(&replayed.p, &l.d.p)))
            problem(r, l.d.code, diff[0], diff[1]);
    }
    if (changed < 0)
        rc = changed;
    if (rc == 0 && l.d.p.state > STATE_NONE && l.d.p.state < STATE_COUNT)
        counts[l.d.p.state]++;
    arena_free(a);
    return rc;
}

/* recount_one replays dossier id into the recount tables and counts its stored state. */
static int recount_one(Store *s, int64_t id, int64_t *counts, Err *e)
{
    Arena *a = arena_new();
    Loaded l = {0};
    Dossier replayed;
    int rc = load(s, a, id, &l, e);
    if (rc == 0)
        rc = decode_events(a, &l, e);
    if (rc == 0)
        rc = history_replay(s, &l.d, l.evs, l.n, 1, 1, &replayed, e);
    if (rc < 0 && l.d.code)
        history_error_in(e, arena_printf(a, "hồ sơ %s", l.d.code),
                         arena_printf(a, "dossier %s", l.d.code), rc);
    if (rc == 0 && l.d.p.state > STATE_NONE && l.d.p.state < STATE_COUNT)
        counts[l.d.p.state]++;
    arena_free(a);
    return rc;
}

int dossiers_recount(Store *s, long *out_dossiers, long *out_changed, Err *e)
{
    int64_t counts[STATE_COUNT] = {0}, id = 0;
    long n = 0;
    int rc = store_stat_recount_begin(s, e);
    while (rc == 0 && (rc = store_dossier_next_id(s, id, &id, e)) == 0 && id) {
        rc = recount_one(s, id, counts, e);
        n++;
    }
    if (rc == 0)
        rc = store_stat_compare(s, NULL, NULL, out_changed, e);
    if (rc == 0)
        rc = store_stat_recount_apply(s, counts, e);
    *out_dossiers = n;
    return rc;
}

/* compare_states reports each state whose stored counter differs from the recount. */
static int compare_states(Store *s, const int64_t *counts, Report *r, Err *e)
{
    Arena *a = arena_new();
    const char **states;
    int64_t *stored;
    size_t n;
    int rc = store_stat_states(s, a, &states, &stored, &n, e);
    for (int st = 1; rc == 0 && st < STATE_COUNT; st++) {
        int64_t have = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(states[i], lifecycle_state_name((State)st)) == 0)
                have = stored[i];
        if (have != counts[st]) {
            char vi[160], en[160];
            snprintf(vi, sizeof vi, "bộ đếm trạng thái %s là %lld, đếm lại được %lld",
                     lifecycle_state_name((State)st), (long long)have, (long long)counts[st]);
            snprintf(en, sizeof en, "counter of state %s is %lld, recount %lld",
                     lifecycle_state_name((State)st), (long long)have, (long long)counts[st]);
            problem(r, "*", vi, en);
        }
    }
    arena_free(a);
    return rc;
}

int dossiers_verify(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                    long *out_problems, Err *e)
{
    Report r = {report, ctx, 0};
    int64_t counts[STATE_COUNT] = {0}, id = 0;
    int rc = store_stat_recount_begin(s, e);
    while (rc == 0 && (rc = store_dossier_next_id(s, id, &id, e)) == 0 && id)
        rc = verify_one(s, id, counts, &r, e);
    if (rc == 0)
        rc = compare_states(s, counts, &r, e);
    long differ = 0;
    if (rc == 0 && (rc = store_stat_compare(s, report, ctx, &differ, e)) == 0)
        r.n += differ;
    if (rc < 0)
        return rc;
    *out_problems = r.n;
    return 0;
}
