/* portal_map.c: the portal's field mapping and codes (see portal_map.h). Sources of the names:
 * [P OCPS] OpenCPS's DVCQGIntegrationActionImpl (the DongBoHoSoMC payload), [P 766F] the
 * VPCP description of the 766 formulas, both in docs/DOMAIN.md §2.2 and §7. A name marked
 * unconfirmed is motcua's own until the portal's current specification says otherwise. */
#include "core/portal_map.h"

#include "core/lifecycle.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

static const PortalField fields[] = {
    {"MaHoSo", PS_CODE, PF_TEXT, true, true},                        /* [P OCPS] */
    {"PhienBan", PS_VERSION, PF_INT, true, false},                   /* motcua's: idempotence */
    {"MaTTHC", PS_PROCEDURE, PF_TEXT, true, true},                   /* [P OCPS] */
    {"MaDonVi", PS_UNIT, PF_TEXT, true, false},                      /* issue 18; OCPS: DonViXuLy */
    {"ChuHoSo", PS_APPLICANT, PF_TEXT, false, true},                 /* [P OCPS] */
    {"NgayTiepNhan", PS_RECEIVED_AT, PF_TIME, false, true},          /* [P OCPS] */
    {"NgayHenTra", PS_DUE_AT, PF_TIME, false, true},                 /* [P OCPS] */
    {"NgayKetThucXuLy", PS_RESOLVED_AT, PF_TIME, false, true},       /* [P OCPS] */
    {"NgayTra", PS_RETURNED_AT, PF_TIME, false, true},               /* [P OCPS] */
    {"TrangThaiHoSo", PS_STATUS, PF_INT, true, true},                /* [P OCPS, TH] */
    {"KenhThucHien", PS_CHANNEL, PF_INT, true, true},                /* [P 766F] */
    {"DuocThanhToanTrucTuyen", PS_PAID_ONLINE, PF_INT, false, true}, /* [P 766F] */
    {"LePhi", PS_FEE, PF_INT, false, false}, /* OCPS has DanhSachLePhi[{Gia}]: a sum here */
    {"TaiLieuNop", PS_COMPONENTS, PF_LIST, false, true},          /* [P OCPS, 766F] */
    {"DanhSachGiayToKetQua", PS_RESULTS, PF_LIST, false, true},   /* [P OCPS] */
    {"DanhSachHoSoBoSung", PS_SUPPLEMENTS, PF_LIST, false, true}, /* [P OCPS] */
};

const PortalField *portal_fields(size_t *n)
{
    *n = sizeof fields / sizeof fields[0];
    return fields;
}

const PortalField *portal_field(const char *name)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (name && strcmp(fields[i].portal, name) == 0)
            return &fields[i];
    return NULL;
}

void portal_time(int64_t t, char out[PORTAL_TIME_SIZE])
{
    int y, m, d;
    timefmt_civil_from_days(timefmt_local_day(t), &y, &m, &d);
    int32_t s = timefmt_local_second(t);
    snprintf(out, PORTAL_TIME_SIZE, "%04d%02d%02d%02d%02d%02d", y % 10000, m, d, s / 3600,
             s / 60 % 60, s % 60);
}

bool portal_time_parse(const char *s, int64_t *out)
{
    if (!s || strlen(s) != 14 || strspn(s, "0123456789") != 14)
        return false;
    int v[6], w[6] = {4, 2, 2, 2, 2, 2};
    for (int i = 0, k = 0; i < 6; k += w[i++]) {
        v[i] = 0;
        for (int j = 0; j < w[i]; j++)
            v[i] = v[i] * 10 + (s[k + j] - '0');
    }
    if (!timefmt_valid_date(v[0], v[1], v[2]) || v[3] > 23 || v[4] > 59 || v[5] > 59)
        return false;
    *out = timefmt_local_instant(timefmt_days_from_civil(v[0], v[1], v[2]),
                                 v[3] * 3600 + v[4] * 60 + v[5]);
    return true;
}

int portal_channel(const char *channel)
{
    static const char *const names[] = {"direct", "online", "postal"};
    for (int i = 0; i < 3; i++)
        if (channel && strcmp(channel, names[i]) == 0)
            return i + 1;
    return 0;
}

bool portal_transition_ok(int from, int to)
{
    if (from == to)
        return from >= 1 && from <= 10;
    for (int s = 1; s < STATE_COUNT; s++) {
        if (lifecycle_portal_status((State)s) != from)
            continue;
        for (int a = 0; a < ACTION_COUNT; a++) {
            State n;
            if (lifecycle_next((State)s, (Action)a, &n) == 0 && lifecycle_portal_status(n) == to)
                return true;
        }
    }
    return false;
}

static const char *const indicator_names[PI_COUNT] = {"1.4", "3.3", "3.6", "4.1", "4.2"};
static const char *const indicator_labels[PI_COUNT] = {
    "Hồ sơ đồng bộ lên Cổng DVCQG", "Hồ sơ nộp trực tuyến", "Hồ sơ thanh toán trực tuyến",
    "Hồ sơ có kết quả điện tử", "Hồ sơ có thành phần được số hóa"};

const char *portal_indicator_name(PortalIndicator i)
{
    return i < PI_COUNT ? indicator_names[i] : "";
}

const char *portal_indicator_label(PortalIndicator i)
{
    return i < PI_COUNT ? indicator_labels[i] : "";
}
