/* portal_sim.h: a simulator of the national public-service portal's API (Cổng DVCQG), shipped
 * for tests, demos and training (`motcua portal-sim`). It speaks what io/portal_client.h
 * calls: a session (POST /token: any credentials, or only those it is given), the sync
 * record (POST /DongBoHoSoMC: every field checked as the portal does, app/portal.h; a version
 * taken once, by MaHoSo and PhienBan; a status only from one the lifecycle can lead from),
 * progress updates (POST /CapNhatTienDoHoSoMC) and the look-up (POST /TraCuuHoSo: one dossier
 * by MaHoSo, or those received in a period with their counts per status and per 766
 * indicator). It keeps what it took in memory and, with a file, appends each call taken to it
 * as a JSON line (read back at the start). Admin calls for tests: POST /admin/corrupt sets one
 * field of a held record (a portal that went wrong). While "down" after its start it answers
 * 503; a random share of calls gets 500. */
#ifndef MOTCUA_PORTAL_SIM_H
#define MOTCUA_PORTAL_SIM_H

#include "util/err.h"

typedef struct PortalSimConfig {
    const char *listen;      /* host:port, port 0 for a free one */
    const char *credentials; /* "user:password" it accepts; NULL: any */
    const char *keep_file;   /* the calls taken, one JSON line each; NULL: memory only */
    double fail_rate;        /* the share of calls answered 500 */
    int down_for_s;          /* seconds after the start answered 503 */
} PortalSimConfig;

typedef struct PortalSim PortalSim;

int portal_sim_start(const PortalSimConfig *cfg, PortalSim **out, Err *e);
unsigned portal_sim_port(const PortalSim *sim);
void portal_sim_stop(PortalSim *sim);

#endif
