/* agency_sim.h: a simulator of an agency's system (civil status, residence, social insurance,
 * social protection, the population register), shipped for demos, training and tests
 * (`motcua agency-sim`). The population register answers GET /citizens/{id_number} with the
 * person of its list (app/people.h), signed with its key in X-Signature; 404 for a number it
 * does not hold. The others: It takes
 * the steps motcua posts (signed by motcua's key when it is given; each once by its id;
 * every answer 503 while it is "down" after its
 * start, a random share of failures), then answers each, signed with its own Ed25519 key, on
 * motcua's inbound endpoint: an acknowledgement at once and, after a delay, an approved
 * result, both naming the SHA-256 of the step; what motcua does not take is tried again. */
#ifndef MOTCUA_AGENCY_SIM_H
#define MOTCUA_AGENCY_SIM_H

#include "core/dossier.h"
#include "util/err.h"

#include <stdint.h>

typedef struct AgencySimConfig {
    const char *kind;       /* the agency kind it plays */
    const char *listen;     /* host:port, port 0 for a free one */
    const char *motcua_url; /* motcua's base URL, http://host:port */
    unsigned char secret_key[64];
    unsigned char motcua_key[32]; /* motcua's public key, when check_motcua is set */
    int check_motcua;             /* refuse (401) a step not signed by motcua_key */
    int delay_s;                  /* seconds from a step to its result */
    double fail_rate;             /* the share of posts answered 500 */
    int down_for_s;          /* seconds after the start during which every post is answered 503 */
    const Applicant *people; /* the population register's persons (kind population) */
    size_t n_people;
} AgencySimConfig;

typedef struct AgencySim AgencySim;

/* agency_sim_start starts the simulator (its HTTP endpoint and its sender thread). */
int agency_sim_start(const AgencySimConfig *cfg, AgencySim **out, Err *e);

/* agency_sim_port is the port it listens on. */
unsigned agency_sim_port(const AgencySim *sim);

/* agency_sim_stop stops and frees it. */
void agency_sim_stop(AgencySim *sim);

#endif
