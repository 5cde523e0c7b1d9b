/* queue.c: the counter queue's states, numbers, call-outs and figures (see queue.h). */
#include "core/queue.h"

#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name, *label;
} states[QUEUE_STATE_COUNT] = {
    [QUEUE_ISSUED] = {"issued", "Đang chờ"},
    [QUEUE_CALLED] = {"called", "Đã gọi"},
    [QUEUE_SERVING] = {"serving", "Đang phục vụ"},
    [QUEUE_DONE] = {"done", "Đã phục vụ"},
    [QUEUE_SKIPPED] = {"skipped", "Vắng mặt"},
    [QUEUE_TRANSFERRED] = {"transferred", "Chuyển nhóm, đang chờ"},
};

static const char *const actions[QUEUE_ACTION_COUNT] = {
    [QUEUE_CALL] = "call",     [QUEUE_RECALL] = "recall", [QUEUE_START] = "start",
    [QUEUE_FINISH] = "finish", [QUEUE_SKIP] = "skip",     [QUEUE_TRANSFER] = "transfer",
};

/* The transitions: next[state][action] + 1 (0: the action does not apply). */
static const signed char next[QUEUE_STATE_COUNT][QUEUE_ACTION_COUNT] = {
    [QUEUE_ISSUED] = {[QUEUE_CALL] = QUEUE_CALLED + 1},
    [QUEUE_TRANSFERRED] = {[QUEUE_CALL] = QUEUE_CALLED + 1},
    [QUEUE_CALLED] = {[QUEUE_RECALL] = QUEUE_CALLED + 1,
                      [QUEUE_START] = QUEUE_SERVING + 1,
                      [QUEUE_FINISH] = QUEUE_DONE + 1,
                      [QUEUE_SKIP] = QUEUE_SKIPPED + 1,
                      [QUEUE_TRANSFER] = QUEUE_TRANSFERRED + 1},
    [QUEUE_SERVING] = {[QUEUE_FINISH] = QUEUE_DONE + 1, [QUEUE_TRANSFER] = QUEUE_TRANSFERRED + 1},
    /* the citizen marked absent came back after all: a counter calls the ticket again */
    [QUEUE_SKIPPED] = {[QUEUE_RECALL] = QUEUE_CALLED + 1},
};

const char *queue_state_name(QueueState st)
{
    return (unsigned)st < QUEUE_STATE_COUNT ? states[st].name : "";
}

const char *queue_state_label(QueueState st)
{
    return (unsigned)st < QUEUE_STATE_COUNT ? states[st].label : "";
}

int queue_state_parse(const char *name)
{
    for (int i = 0; name && i < QUEUE_STATE_COUNT; i++)
        if (strcmp(name, states[i].name) == 0)
            return i;
    return -1;
}

const char *queue_action_name(QueueAction act)
{
    return (unsigned)act < QUEUE_ACTION_COUNT ? actions[act] : "";
}

int queue_action_parse(const char *name)
{
    for (int i = 0; name && i < QUEUE_ACTION_COUNT; i++)
        if (strcmp(name, actions[i]) == 0)
            return i;
    return -1;
}

bool queue_apply(QueueState st, QueueAction act, QueueState *out)
{
    if ((unsigned)st >= QUEUE_STATE_COUNT || (unsigned)act >= QUEUE_ACTION_COUNT || !next[st][act])
        return false;
    *out = (QueueState)(next[st][act] - 1);
    return true;
}

bool queue_waiting(QueueState st)
{
    return st == QUEUE_ISSUED || st == QUEUE_TRANSFERRED;
}

bool queue_at_counter(QueueState st)
{
    return st == QUEUE_CALLED || st == QUEUE_SERVING;
}

int32_t queue_day(int64_t t)
{
    return timefmt_local_day(t);
}

bool queue_prefix_valid(const char *prefix)
{
    size_t n = prefix ? strlen(prefix) : 0;
    if (n < 1 || n > QUEUE_PREFIX_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (prefix[i] < 'A' || prefix[i] > 'Z')
            return false;
    return true;
}

bool queue_number(const char *prefix, int64_t seq, char out[QUEUE_NUMBER_SIZE])
{
    if (!queue_prefix_valid(prefix) || seq < 1 || seq > QUEUE_SEQ_MAX)
        return false;
    snprintf(out, QUEUE_NUMBER_SIZE, "%s%03d", prefix, (int)seq);
    return true;
}

bool queue_callout(const char *number, const char *counter, char *out, size_t cap)
{
    char spaced[2 * QUEUE_NUMBER_SIZE];
    size_t n = 0;
    for (const char *c = number; *c && n + 2 < sizeof spaced; c++) {
        if (n)
            spaced[n++] = ' ';
        spaced[n++] = *c;
    }
    spaced[n] = '\0';
    int len = snprintf(out, cap, "Mời công dân có số %s đến %s", spaced, counter);
    return len > 0 && (size_t)len < cap;
}

void queue_figures_add(QueueFigures *f, const QueueLeg *leg)
{
    if (!leg->called_at)
        return;
    f->called++;
    int64_t wait = leg->called_at - leg->queued_at;
    if (wait < 0)
        wait = 0;
    f->wait_total += wait;
    if (wait > f->wait_max)
        f->wait_max = wait;
    if (leg->outcome == QUEUE_SKIPPED)
        f->skipped++;
    else if (leg->outcome == QUEUE_TRANSFERRED)
        f->transferred++;
    if (leg->outcome != QUEUE_DONE || !leg->ended_at)
        return;
    f->done++;
    int64_t service = leg->ended_at - leg->called_at;
    if (service < 0)
        service = 0;
    f->service_total += service;
    if (service > f->service_max)
        f->service_max = service;
}

/* mean is total / n rounded half up (0 for n = 0). */
static int64_t mean(int64_t total, int64_t n)
{
    return n > 0 ? (2 * total + n) / (2 * n) : 0;
}

int64_t queue_wait_avg(const QueueFigures *f)
{
    return mean(f->wait_total, f->called);
}

int64_t queue_service_avg(const QueueFigures *f)
{
    return mean(f->service_total, f->done);
}

int queue_leg_hour(const QueueLeg *leg)
{
    return (int)(timefmt_local_second(leg->called_at) / 3600);
}
