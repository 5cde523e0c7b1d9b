/* api.h: the JSON API handlers, one file per resource under web/api/. Each is a Handler
 * (web/http.h) referenced from the route table in web/routes.c. */
#ifndef MOTCUA_API_H
#define MOTCUA_API_H

#include "app/jsonv.h"
#include "util/secret.h"
#include "util/strbuf.h"
#include "web/http.h"

/* session.c */
int api_session_login(Request *req, Response *res);
int api_session_get(Request *req, Response *res);
int api_session_logout(Request *req, Response *res);
int api_session_password(Request *req, Response *res);

/* catalogue.c */
int api_catalogue_units(Request *req, Response *res);
int api_catalogue_fields(Request *req, Response *res);
int api_catalogue_procedures(Request *req, Response *res);
int api_catalogue_procedure(Request *req, Response *res);
int api_catalogue_chains(Request *req, Response *res);
int api_agency_messages(Request *req, Response *res); /* agencies.c */
int api_catalogue_chain(Request *req, Response *res);

/* users.c */
int api_users_list(Request *req, Response *res);
int api_users_add(Request *req, Response *res);
int api_users_password(Request *req, Response *res);

/* accesslog.c */
int api_access_log(Request *req, Response *res);

/* devices.c */
int api_devices_list(Request *req, Response *res);
int api_devices_add(Request *req, Response *res);
int api_devices_delete(Request *req, Response *res);

/* calendar.c */
int api_calendar_get(Request *req, Response *res);
int api_calendar_put(Request *req, Response *res);
int api_unit_windows_put(Request *req, Response *res);

/* dossiers.c */
int api_dossiers_intake(Request *req, Response *res);
int api_dossiers_search(Request *req, Response *res);
int api_dossiers_get(Request *req, Response *res);
int api_dossiers_event(Request *req, Response *res);
int api_dossiers_unlock(Request *req, Response *res);

/* documents.c */
int api_documents_upload(Request *req, Response *res);
int api_documents_list(Request *req, Response *res);
int api_documents_get(Request *req, Response *res);
int api_documents_reuse(Request *req, Response *res);
int api_documents_reusable(Request *req, Response *res);
int api_lookup_result(Request *req, Response *res);

/* lookup.c */
int api_lookup(Request *req, Response *res);
int api_ratings(Request *req, Response *res);

/* reports.c */
/* api_send_xlsx answers with the workbook write (io/xlsx.h) makes of ctx in a temporary file,
 * as an attachment called filename (a literal: no quote in it). */
int api_send_xlsx(Request *req, Response *res,
                  int (*write)(const void *ctx, const char *path, Err *e), const void *ctx,
                  const char *filename);
int api_reports_official(Request *req, Response *res);
int api_reports_indicators(Request *req, Response *res);
int api_reports_officers(Request *req, Response *res);

/* integration.c */
int api_events_feed(Request *req, Response *res);
int api_webhooks_list(Request *req, Response *res);
int api_webhooks_add(Request *req, Response *res);
int api_webhooks_delete(Request *req, Response *res);

/* payments.c */
int api_payments_start(Request *req, Response *res);
int api_payments_callback(Request *req, Response *res);

/* queue.c */
int api_queue_groups(Request *req, Response *res);
int api_queue_issue(Request *req, Response *res);
int api_queue_ticket(Request *req, Response *res);
int api_queue_call(Request *req, Response *res);
int api_queue_board(Request *req, Response *res);
int api_queue_board_events(Request *req, Response *res);
int api_queue_figures(Request *req, Response *res);

/* people.c */
int api_people_get(Request *req, Response *res);

/* health.c */
int api_healthz(Request *req, Response *res);
int api_metrics(Request *req, Response *res);

#endif
