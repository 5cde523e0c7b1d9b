/* html.h: transitional. The HTML builder moved to io/html.h (io/qr.c and io/report_html.c use
 * it, and io sits below web); only pages/forms.c still includes it by this name, until its
 * rewrite does so by the new one. Delete this file then. */
#ifndef MOTCUA_WEB_HTML_H
#define MOTCUA_WEB_HTML_H

#include "io/html.h"

#endif
