/* portal.h: motcua in the national public-service portal's terms (core/portal_map.h):
 * a dossier rendered as the portal's sync record (DongBoHoSoMC) and an event as its progress
 * update (CapNhatTienDoHoSoMC), both queued in the outbox in the event's transaction
 * (migration 0029, sent by web/deliver.c); the check the portal makes of a record (the
 * simulator's); the 766 indicators a record counts in; and the comparison reconcile makes. */
#ifndef MOTCUA_PORTAL_H
#define MOTCUA_PORTAL_H

#include "app/dossiers.h"
#include "core/portal_map.h"

#include <jansson.h>

#define PORTAL_SYNC     "DongBoHoSoMC"
#define PORTAL_PROGRESS "CapNhatTienDoHoSoMC"

/* portal_record: d's sync record as the mapping table says (a new reference). */
json_t *portal_record(const Dossier *d);

/* portal_progress: the progress update of event ev that left d as it is (a new reference). */
json_t *portal_progress(const Dossier *d, const Event *ev);

/* portal_enqueue queues d's record and ev's progress update, version d->p.n_events, for the
 * portal; a step of an interconnected group is not queued (its parent is the portal's
 * dossier). Inside the event's write transaction. */
int portal_enqueue(Store *s, const Dossier *d, const Event *ev, int64_t now, Err *e);

/* portal_check_record checks a sync record as the portal does: every field of the mapping
 * known, of its type and format (times yyyyMMddHHmmss, TrangThaiHoSo 1..10, KenhThucHien
 * 1..3, DuocThanhToanTrucTuyen 0..2, lists of objects), the required ones present.
 * ERR_INVALID naming the field. */
int portal_check_record(json_t *rec, Err *e);

/* portal_check_progress checks a progress update: MaHoSo, PhienBan, ThoiDiemXuLy,
 * TrangThai 1..10. ERR_INVALID naming the field. */
int portal_check_progress(json_t *up, Err *e);

/* portal_indicators: the 766 indicators (bit 1 << PortalIndicator) record counts in. */
unsigned portal_indicators(json_t *rec);

/* portal_differs: the first field of the mapping whose value differs between ours and
 * theirs (NULL: none; theirs NULL: "MaHoSo", the portal has no such dossier). */
const char *portal_differs(json_t *ours, json_t *theirs);

/* One dossier on which motcua and the portal differ: its code and the first field that
 * differs ("MaHoSo": one side has no such dossier; ours_missing tells which). */
typedef struct PortalDiff {
    const char *code, *field;
    bool ours_missing;
} PortalDiff;

/* A reconciliation of a period: per portal status (1..10) and per 766 indicator, motcua's
 * count and the portal's, and the dossiers that differ, by code. */
typedef struct PortalReconcile {
    long ours_status[11], theirs_status[11];
    long ours_indicator[PI_COUNT], theirs_indicator[PI_COUNT];
    long compared; /* motcua's dossiers in the period */
    PortalDiff *diffs;
    size_t n_diffs;
} PortalReconcile;

/* portal_lookup_query: the look-up call (TraCuuHoSo) of the dossiers received in the local
 * days [from, to], as JSON text from a. */
const char *portal_lookup_query(Arena *a, int32_t from, int32_t to);

/* portal_reconcile compares the dossiers received in [from, to] by unit or below it (NULL:
 * all), as motcua would send them now, with the portal's answer to portal_lookup_query
 * (theirs: its "DanhSach"). ERR_INVALID when the answer is not one. Strings from a. */
int portal_reconcile(Store *s, Arena *a, int32_t from, int32_t to, const char *unit, json_t *theirs,
                     PortalReconcile *out, Err *e);

#endif
