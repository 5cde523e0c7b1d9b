/* simbody.h: the request body of the simulators (agency_sim.c, portal_sim.c), gathered from
 * libmicrohttpd's calls up to 1 MiB, and freed when the request ends. */
#ifndef MOTCUA_SIMBODY_H
#define MOTCUA_SIMBODY_H

#include <microhttpd.h>
#include <stddef.h>

typedef struct SimBody {
    char *data; /* NUL-terminated once anything came; NULL for an empty body */
    size_t len;
    int too_big; /* more than 1 MiB came: data holds none of it */
} SimBody;

/* simbody_gather takes one call's data: 0 while the body is still coming (the caller answers
 * MHD_YES), 1 when it is all in and *out points at it. */
int simbody_gather(void **state, const char *data, size_t *size, SimBody **out);

/* simbody_completed frees the body (libmicrohttpd's MHD_OPTION_NOTIFY_COMPLETED). */
void simbody_completed(void *cls, struct MHD_Connection *c, void **state,
                       enum MHD_RequestTerminationCode code);

#endif
