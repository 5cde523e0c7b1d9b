/* filetype.h: what kind of file a byte string is, judged by its first bytes (its "magic
 * number"), never by the name the sender gave it. Pure: no I/O. */
#ifndef MOTCUA_FILETYPE_H
#define MOTCUA_FILETYPE_H

#include <stddef.h>

enum { FILETYPE_HEAD = 16 }; /* bytes of a file's start that filetype_sniff needs at most */

/* filetype_sniff returns the MIME type of a file that starts with head[0..n) when it is one
 * motcua accepts as a document: "application/pdf" (%PDF-), "image/jpeg" (FF D8 FF) or
 * "image/png" (the 8-byte PNG signature); NULL for anything else, including a start too
 * short to tell. The result is a string literal. */
const char *filetype_sniff(const unsigned char *head, size_t n);

#endif
