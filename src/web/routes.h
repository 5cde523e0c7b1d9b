/* routes.h: the application's route table (routes.c): every URL the server answers and the
 * page that shows the errors of page routes. This is where the server meets the handlers:
 * server.c -> routes.h <- routes.c -> api/, pages/, and no handler includes the server or
 * this table. */
#ifndef MOTCUA_ROUTES_H
#define MOTCUA_ROUTES_H

#include "web/router.h"

/* ErrorPage renders req->err as a whole HTML page answered with status. */
typedef void (*ErrorPage)(Request *req, Response *res, int status);

/* The routes, in matching order. */
extern const Route routes[];
extern const size_t n_routes;

/* routes_error_page shows the errors of ROUTE_HTML routes and of what a person browses that
 * fails before any route (pages/layout's page_error_page): the server reaches the pages only
 * through this table, so it includes none. */
extern const ErrorPage routes_error_page;

#endif
