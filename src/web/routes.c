/* routes.c: the route table: every URL the server answers, in one place. */
#include "web/api/api.h"
#include "web/pages/pages.h"
#include "web/router.h"

const Route routes[] = {
    {"GET", "/healthz", api_healthz, 0},
    {"GET", "/metrics", api_metrics, 0},
    {"POST", "/api/v1/session", api_session_login, ROUTE_NO_CSRF},
    {"GET", "/api/v1/session", api_session_get, 0},
    {"DELETE", "/api/v1/session", api_session_logout, 0},
    {"POST", "/api/v1/session/password", api_session_password, 0},
    {"GET", "/api/v1/catalogue/units", api_catalogue_units, 0},
    {"GET", "/api/v1/catalogue/fields", api_catalogue_fields, 0},
    {"GET", "/api/v1/catalogue/procedures", api_catalogue_procedures, 0},
    {"GET", "/api/v1/catalogue/procedures/{code}", api_catalogue_procedure, 0},
    {"POST", "/api/v1/dossiers", api_dossiers_intake, 0},
    {"GET", "/api/v1/dossiers", api_dossiers_search, 0},
    {"GET", "/api/v1/dossiers/{code}", api_dossiers_get, 0},
    {"POST", "/api/v1/dossiers/{code}/events", api_dossiers_event, 0},
    {"GET", "/api/v1/reports/official", api_reports_official, 0},
    {"GET", "/api/v1/reports/indicators", api_reports_indicators, 0},
    {"GET", "/api/v1/reports/officers", api_reports_officers, 0},
    {"GET", "/api/v1/events", api_events_feed, 0},
    {"GET", "/api/v1/webhooks", api_webhooks_list, 0},
    {"POST", "/api/v1/webhooks", api_webhooks_add, 0},
    {"DELETE", "/api/v1/webhooks/{id}", api_webhooks_delete, 0},
    {"GET", "/api/v1/lookup", api_lookup, 0},
    {"POST", "/api/v1/ratings", api_ratings, 0},
    /* pages (ROUTE_HTML): shared */
    {"GET", "/", page_home_redirect, ROUTE_HTML},
    {"GET", "/assets/{name}", page_asset, ROUTE_HTML},
    {"GET", "/dang-nhap", page_login, ROUTE_HTML},
    {"POST", "/dang-nhap", page_login, ROUTE_HTML | ROUTE_NO_CSRF},
    {"POST", "/dang-xuat", page_logout, ROUTE_HTML},
    {"GET", "/doi-mat-khau", page_password, ROUTE_HTML},
    {"POST", "/doi-mat-khau", page_password, ROUTE_HTML},
    {"GET", "/dossiers/{code}/forms/{form}", page_form, ROUTE_HTML},
    {"GET", "/forms/ledger", page_ledger, ROUTE_HTML},
    /* pages: clerk */
    /* pages: specialist and dossier */
    /* pages: leader */
    /* pages: citizen */
    /* pages: admin */
    {"PUT", "/api/v1/units/{code}/windows", api_unit_windows_put, 0},
    {"GET", "/api/v1/calendar/{year}", api_calendar_get, 0},
    {"PUT", "/api/v1/calendar/{year}", api_calendar_put, 0},
    {"GET", "/api/v1/users", api_users_list, 0},
    {"POST", "/api/v1/users", api_users_add, 0},
    {"POST", "/api/v1/users/{name}/password", api_users_password, 0},
};

const size_t n_routes = sizeof routes / sizeof routes[0];
