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

#endif
