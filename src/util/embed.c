/* embed.c: look-ups in the table of files compiled into the binary (see embed.h). */
#include "util/embed.h"

#include <string.h>

const EmbeddedFile *embed_find(const char *name)
{
    for (size_t i = 0; i < embed_n_files; i++)
        if (strcmp(embed_files[i].name, name) == 0)
            return &embed_files[i];
    return NULL;
}

const EmbeddedFile *embed_next(const char *prefix, const EmbeddedFile *prev)
{
    size_t n = strlen(prefix);
    size_t i = prev ? (size_t)(prev - embed_files) + 1 : 0;
    for (; i < embed_n_files; i++)
        if (strncmp(embed_files[i].name, prefix, n) == 0)
            return &embed_files[i];
    return NULL;
}
