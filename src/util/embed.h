/* embed.h: files compiled into the binary at build time (scripts/embed.py): SQL
 * migrations, the demo catalogue, holiday schedules and web assets. The table is sorted
 * by name; contents are NUL-terminated (the NUL is not counted in size). */
#ifndef MOTCUA_EMBED_H
#define MOTCUA_EMBED_H

#include <stddef.h>

typedef struct EmbeddedFile {
    const char *name; /* path relative to the source tree, e.g. "data/demo/catalogue.jsonl" */
    const unsigned char *data;
    size_t size;
} EmbeddedFile;

extern const EmbeddedFile embed_files[];
extern const size_t embed_n_files;

/* embed_find returns the embedded file called name, or NULL. */
const EmbeddedFile *embed_find(const char *name);

/* embed_next returns the first embedded file after `prev` (NULL: from the start) whose name
 * starts with prefix, in name order, or NULL when there is none. */
const EmbeddedFile *embed_next(const char *prefix, const EmbeddedFile *prev);

#endif
