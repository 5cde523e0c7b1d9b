/* filetype.c: recognising accepted document types by content (see filetype.h). */
#include "core/filetype.h"

#include <string.h>

typedef struct Magic {
    const char *mime;
    const unsigned char *bytes;
    size_t len;
} Magic;

const char *filetype_sniff(const unsigned char *head, size_t n)
{
    static const unsigned char pdf[] = {'%', 'P', 'D', 'F', '-'};
    static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF};
    static const unsigned char png[] = {0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A};
    static const Magic magics[] = {
        {"application/pdf", pdf, sizeof pdf},
        {"image/jpeg", jpeg, sizeof jpeg},
        {"image/png", png, sizeof png},
    };
    if (!head)
        return NULL;
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
        if (n >= magics[i].len && memcmp(head, magics[i].bytes, magics[i].len) == 0)
            return magics[i].mime;
    return NULL;
}
