/* layout.h: what every screen shares: the page chrome (skip link, header with the unit, the
 * navigation of the caller's role, who is logged in and a logout button, footer), the CSRF
 * field of forms, error notices (the one beside a form's field too, which widgets.h's controls
 * write), and sending a page. Pages append to a StrBuf through the HTML builder (io/html.h)
 * only. */
#ifndef MOTCUA_LAYOUT_H
#define MOTCUA_LAYOUT_H

#include "io/html.h"
#include "util/strbuf.h"
#include "web/http.h"

/* page_begin opens a page titled title; current is the path whose nav link is marked. */
void page_begin(StrBuf *sb, Request *req, const char *title, const char *current);

/* page_end closes the page. */
void page_end(StrBuf *sb);

/* page_csrf appends the hidden CSRF field every POST form carries. */
void page_csrf(StrBuf *sb, Request *req);

/* page_notice appends a message box; bad selects the error style (role="alert"). */
void page_notice(StrBuf *sb, const char *text, int bad);

/* page_field_error appends the error message beside field name when err is about it. */
void page_field_error(StrBuf *sb, const Err *err, const char *name);

/* page_send answers 200 with the page (status for errors), or 500 if it overflowed. */
int page_send(Request *req, Response *res, StrBuf *sb, int status);

/* page_this_year is the current year in Vietnam (the request's clock). */
int page_this_year(Request *req);

/* page_home is where the caller's role starts ("/thu-tuc" for the public). */
const char *page_home(const Request *req);

/* page_base_url is the absolute address of this server as the client reached it
 * ("http://host:port"), for the QR codes that printed papers carry (from the arena). */
const char *page_base_url(Request *req);

/* page_error_page renders a whole error page for an HTML route (routes.c hands it to the
 * server as routes_error_page, so that the server includes no page). */
void page_error_page(Request *req, Response *res, int status);

#endif
