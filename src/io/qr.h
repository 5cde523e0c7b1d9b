/* qr.h: QR codes for printable forms (the receipt's link to the public status lookup), drawn
 * as inline SVG so that they print sharp at any size and need no image route. Encoding is
 * libqrencode's; this module only renders its matrix through the HTML builder's rules. */
#ifndef MOTCUA_QR_H
#define MOTCUA_QR_H

#include "util/err.h"
#include "util/strbuf.h"

/* The quiet zone around the symbol, in modules (ISO/IEC 18004 asks for 4). */
#define QR_QUIET_ZONE 4

/* The largest module size qr_svg accepts, in CSS pixels. */
#define QR_MODULE_PX_MAX 64

/* qr_svg encodes text (NUL-terminated bytes, normally UTF-8) as a QR code of the smallest
 * version that fits, error-correction level M, 8-bit mode, case-sensitive, and appends it to sb
 * as one inline <svg role="img" aria-label="Mã QR: text"> whose viewBox counts modules: a white
 * background over the symbol and its quiet zone ((width + 2 * QR_QUIET_ZONE) modules square),
 * then one black <path> made of the dark modules, shape-rendering="crispEdges". The width and
 * height attributes are that many modules times module_px (1..QR_MODULE_PX_MAX) CSS pixels.
 * The same text always gives the same bytes.
 *
 * Returns 0, or fills e and returns ERR_TOO_LARGE when text does not fit in a version 40-M
 * symbol (2331 bytes at most, fewer for mixed content), ERR_INVALID when text is empty or
 * module_px is out of range; nothing is appended on failure. Out of memory aborts. Like the
 * HTML builder, a full sb is reported by sb->err, not here. The libqrencode symbol is freed
 * before returning; thread-safe when libqrencode is built with pthread (Debian's is). */
int qr_svg(StrBuf *sb, const char *text, int module_px, Err *e);

#endif
