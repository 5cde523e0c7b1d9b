/* chain.c: interconnected procedures, their checks and the parent's rules (see chain.h). */
#include "core/chain.h"

#include "core/deadline.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

const char *const chain_agencies[] = {"civil_status", "residence", "insurance", "social", NULL};

static const char *const agency_labels[] = {
    "Tư pháp – hộ tịch (UBND cấp xã)",
    "Công an (quản lý cư trú)",
    "Bảo hiểm xã hội",
    "Bảo trợ xã hội, người có công",
};

const char *chain_agency_label(const char *agency)
{
    if (agency && strcmp(agency, AGENCY_POPULATION) == 0)
        return "Cơ sở dữ liệu quốc gia về dân cư";
    for (int i = 0; agency && chain_agencies[i]; i++)
        if (strcmp(agency, chain_agencies[i]) == 0)
            return agency_labels[i];
    return agency ? agency : "";
}

static bool known_agency(const char *agency)
{
    for (int i = 0; agency && chain_agencies[i]; i++)
        if (strcmp(agency, chain_agencies[i]) == 0)
            return true;
    return false;
}

bool agency_kind_known(const char *kind)
{
    return known_agency(kind) || (kind && strcmp(kind, AGENCY_POPULATION) == 0);
}

int chain_check(const Chain *c, Err *e)
{
    if (c->n_steps < 1 || c->n_steps > CHAIN_STEPS_MAX)
        return err_set(e, ERR_INVALID, "steps", "Nhóm thủ tục liên thông có từ 1 đến 16 bước",
                       "a group has 1 to 16 steps");
    if (c->limit_days < 1 || c->limit_days > 365)
        return err_set(e, ERR_INVALID, "limit", "Thời hạn của nhóm từ 1 đến 365 ngày làm việc",
                       "the group's limit is 1 to 365 working days");
    if (c->cutoff < -1 || c->cutoff >= 24 * 3600)
        return err_set(e, ERR_INVALID, "cutoff", "Giờ chốt tiếp nhận phải có dạng HH:MM",
                       "the cut-off must be HH:MM");
    for (size_t i = 0; i < c->n_steps; i++) {
        const ChainStep *st = &c->steps[i];
        char n[24];
        snprintf(n, sizeof n, "%zu", i + 1);
        if (!known_agency(st->agency))
            return err_setf(e, ERR_INVALID, "steps",
                            "Bước %s: cơ quan phải là civil_status, residence, insurance "
                            "hoặc social",
                            "step %s: agency must be civil_status, residence, insurance or social",
                            n);
        if (st->after >> i)
            return err_setf(e, ERR_INVALID, "steps",
                            "Bước %s chỉ có thể chờ các bước đứng trước nó",
                            "step %s may only wait for steps before it", n);
    }
    return 0;
}

int chain_cutoff_parse(const char *s)
{
    if (!s || strlen(s) != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    return h < 24 && m < 60 ? h * 3600 + m * 60 : -1;
}

void chain_cutoff_format(int cutoff, char out[6])
{
    if (cutoff < 0 || cutoff >= 24 * 3600) {
        out[0] = '\0';
        return;
    }
    int h = cutoff / 3600, m = cutoff / 60 % 60;
    out[0] = (char)('0' + h / 10);
    out[1] = (char)('0' + h % 10);
    out[2] = ':';
    out[3] = (char)('0' + m / 10);
    out[4] = (char)('0' + m % 10);
    out[5] = '\0';
}

uint32_t chain_stopped_by(const Chain *c, const ChainStepState *steps)
{
    /* steps wait only for earlier ones (chain_check): one pass in order sees every cause */
    uint32_t failed = 0, stop = 0;
    for (size_t i = 0; i < c->n_steps && i < CHAIN_STEPS_MAX; i++) {
        bool blocked = (c->steps[i].after & failed) != 0;
        if (steps[i] == CHAIN_STEP_FAILED || blocked)
            failed |= 1u << i;
        if (blocked && steps[i] == CHAIN_STEP_OPEN)
            stop |= 1u << i;
    }
    return stop;
}

ChainOutcome chain_outcome(const Chain *c, const ChainStepState *steps)
{
    bool any_failed = false;
    for (size_t i = 0; i < c->n_steps; i++) {
        if (steps[i] == CHAIN_STEP_OPEN)
            return CHAIN_OPEN;
        any_failed |= steps[i] == CHAIN_STEP_FAILED;
    }
    return any_failed ? CHAIN_REJECTED : CHAIN_APPROVED;
}

int chain_due_at(const Chain *c, const Calendar *cal, int64_t received_at, Err *e, int64_t *out_due)
{
    int64_t from = received_at;
    if (c->cutoff >= 0 && timefmt_local_second(received_at) > c->cutoff)
        from = timefmt_local_instant(timefmt_local_day(received_at) + 1, 0);
    return deadline_due_at(
        cal, from, (Duration){.unit = DURATION_WORKING_DAYS, .amount = c->limit_days}, e, out_due);
}

unsigned chain_step_alerts(const Calendar *cal, int64_t sent_at, int64_t acked_at, bool overdue,
                           int64_t now)
{
    unsigned alerts = overdue ? CHAIN_ALERT_OVERDUE : 0;
    int64_t by;
    Duration ack = {.unit = DURATION_WORKING_HOURS, .amount = CHAIN_ACK_HOURS};
    if (deadline_due_at(cal, sent_at, ack, NULL, &by) < 0)
        return alerts;
    if (!acked_at && now > by)
        alerts |= CHAIN_ALERT_ACK_MISSING;
    if (acked_at > by)
        alerts |= CHAIN_ALERT_ACK_LATE;
    return alerts;
}
