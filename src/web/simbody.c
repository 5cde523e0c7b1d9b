/* simbody.c: the simulators' request bodies (see simbody.h). */
#include "web/simbody.h"

#include <stdlib.h>
#include <string.h>

enum { BODY_MAX = 1024 * 1024 };

int simbody_gather(void **state, const char *data, size_t *size, SimBody **out)
{
    SimBody *b = *state;
    if (!b) { /* the first call: headers only */
        if (!(b = calloc(1, sizeof *b)))
            abort();
        *state = b;
        return 0;
    }
    if (*size) {
        if (b->len + *size > BODY_MAX) {
            b->too_big = 1;
        } else {
            char *more = realloc(b->data, b->len + *size + 1);
            if (!more)
                abort();
            b->data = more;
            memcpy(b->data + b->len, data, *size);
            b->len += *size;
            b->data[b->len] = '\0';
        }
        *size = 0;
        return 0;
    }
    *out = b;
    return 1;
}

void simbody_completed(void *cls, struct MHD_Connection *c, void **state,
                       enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)c;
    (void)code;
    SimBody *b = *state;
    if (b) {
        free(b->data);
        free(b);
    }
    *state = NULL;
}
