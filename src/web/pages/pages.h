/* pages.h: the HTML pages, one file per screen under web/pages/. Each is a Handler
 * (web/http.h) referenced from the route table in web/routes.c. */
#ifndef MOTCUA_PAGES_H
#define MOTCUA_PAGES_H

#include "web/http.h"

/* assets.c */
int page_asset(Request *req, Response *res);

/* login.c */
int page_login(Request *req, Response *res);
int page_logout(Request *req, Response *res);
int page_home_redirect(Request *req, Response *res);
int page_password(Request *req, Response *res);

/* print.c */
int page_form(Request *req, Response *res);
int page_ledger(Request *req, Response *res);

#endif
