/* qr.c: QR code to inline SVG over libqrencode (see qr.h). */
#include "io/qr.h"

#include "io/html.h"
#include "util/log.h"

#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>

/* path_runs appends the dark modules of q as SVG path commands, one rectangle per horizontal
 * run of dark modules: "M x y h n v 1 h -n z", in module units offset by the quiet zone. */
static void path_runs(StrBuf *sb, const QRcode *q)
{
    const int w = q->width;
    for (int y = 0; y < w; y++) {
        const unsigned char *row = q->data + (size_t)y * (size_t)w;
        int x = 0;
        while (x < w) {
            if (!(row[x] & 1)) {
                x++;
                continue;
            }
            int start = x;
            while (x < w && (row[x] & 1))
                x++;
            html(sb, "M%d %dh%dv1h-%dz", start + QR_QUIET_ZONE, y + QR_QUIET_ZONE, x - start,
                 x - start);
        }
    }
}

int qr_svg(StrBuf *sb, const char *text, int module_px, Err *e)
{
    if (module_px < 1 || module_px > QR_MODULE_PX_MAX)
        return err_set(e, ERR_INVALID, "module_px", "Kích thước điểm ảnh mã QR không hợp lệ",
                       "QR module size out of range");
    if (!text || !*text)
        return err_set(e, ERR_INVALID, "text", "Nội dung mã QR trống", "empty QR code text");
    errno = 0;
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q) {
        int why = errno;
        if (why == ERANGE)
            return err_set(e, ERR_TOO_LARGE, "text", "Nội dung quá dài để tạo mã QR",
                           "text too long for a QR code");
        if (why == ENOMEM) {
            log_msg(LOG_LEVEL_ERROR, "out of memory encoding a QR code");
            abort();
        }
        return err_set(e, ERR_INVALID, "text", "Không tạo được mã QR từ nội dung này",
                       "text cannot be encoded as a QR code");
    }
    const int side = q->width + 2 * QR_QUIET_ZONE, px = side * module_px;
    html(sb,
         "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"Mã QR: "
         "%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
         "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
         text, px, px, side, side, side, side);
    path_runs(sb, q);
    html(sb, "\"/></svg>");
    QRcode_free(q);
    return 0;
}
