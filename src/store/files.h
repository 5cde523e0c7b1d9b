/* files.h: the content-addressed folder beside the database where the documents' bytes live
 * (<db>.files/ab/cdef...: the SHA-256 in hex, its first two digits as a subfolder), each file
 * stored once however often it is uploaded or reused, and made durable before its row is
 * written. The rows that name the files are the store's (documents, dossier_document). */
#ifndef MOTCUA_FILES_H
#define MOTCUA_FILES_H

#include "util/arena.h"
#include "util/err.h"

#include <stdint.h>

/* files_valid_sha256 returns 1 when s is 64 lower-case hex digits, else 0. */
int files_valid_sha256(const char *s);

/* files_path returns where the file named sha256 lives under dir (arena). */
char *files_path(Arena *a, const char *dir, const char *sha256);

/* files_link stores the file src (whose SHA-256 is sha256) in the folder dir under a second
 * name and makes it durable (the file and its folder are fsynced) before returning; src stays
 * where it is. When the folder has the file already, *out_duplicate is 1 and nothing changes.
 * ERR_UNAVAILABLE when the file system fails (ERR_NOT_FOUND, field "file", when src is gone). */
int files_link(Arena *a, const char *dir, const char *src, const char *sha256, int *out_duplicate,
               Err *e);

/* files_keep moves the temporary file tmp into the folder dir as files_link stores it, then
 * removes tmp. */
int files_keep(Arena *a, const char *dir, const char *tmp, const char *sha256, int *out_duplicate,
               Err *e);

/* files_copy copies the file sha256 of size bytes from the folder from into the folder to
 * (created if need be), made durable as files_keep does; a file there already of that size is
 * kept. *out_copied is 1 when a copy was made. */
int files_copy(Arena *a, const char *from, const char *to, const char *sha256, int64_t size,
               int *out_copied, Err *e);

/* files_check returns what is wrong with the file sha256 of size bytes under dir (missing,
 * another size, unreadable, content not matching its SHA-256), in Vietnamese and English, or
 * NULL when it is whole. */
const char *files_check(Arena *a, const char *dir, const char *sha256, int64_t size);

#endif
