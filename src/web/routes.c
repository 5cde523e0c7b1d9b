/* routes.c: the route table: every URL the server answers, in one place, and the error
 * page (see routes.h). */
#include "web/routes.h"

#include "web/api/api.h"
#include "web/pages/layout.h"
#include "web/pages/pages.h"

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
    {"POST", "/api/v1/dossiers/{code}/documents", api_documents_upload, ROUTE_UPLOAD},
    {"GET", "/api/v1/dossiers/{code}/documents", api_documents_list, 0},
    {"POST", "/api/v1/dossiers/{code}/documents/reuse", api_documents_reuse, 0},
    {"GET", "/api/v1/dossiers/{code}/documents/{sha256}", api_documents_get, 0},
    {"POST", "/api/v1/dossiers/{code}/lookup/unlock", api_dossiers_unlock, 0},
    {"GET", "/api/v1/documents/reusable", api_documents_reusable, 0},
    {"GET", "/api/v1/reports/official", api_reports_official, 0},
    {"GET", "/api/v1/reports/indicators", api_reports_indicators, 0},
    {"GET", "/api/v1/reports/officers", api_reports_officers, 0},
    {"GET", "/api/v1/events", api_events_feed, 0},
    {"GET", "/api/v1/webhooks", api_webhooks_list, 0},
    {"POST", "/api/v1/webhooks", api_webhooks_add, 0},
    {"DELETE", "/api/v1/webhooks/{id}", api_webhooks_delete, 0},
    {"POST", "/api/v1/payments", api_payments_start, 0},
    {"POST", "/api/v1/payments/callback", api_payments_callback, ROUTE_NO_CSRF},
    {"GET", "/api/v1/lookup", api_lookup, 0},
    {"GET", "/api/v1/lookup/result", api_lookup_result, 0},
    {"POST", "/api/v1/ratings", api_ratings, 0},
    {"GET", "/api/v1/access-log", api_access_log, 0},
    {"GET", "/api/v1/devices", api_devices_list, 0},
    {"POST", "/api/v1/devices", api_devices_add, 0},
    {"DELETE", "/api/v1/devices/{id}", api_devices_delete, 0},
    /* pages (ROUTE_HTML): shared */
    {"GET", "/cong-thanh-toan-thu", page_test_gateway, ROUTE_HTML},
    {"POST", "/cong-thanh-toan-thu", page_test_gateway, ROUTE_HTML | ROUTE_NO_CSRF},
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
    {"GET", "/quay", page_counter, ROUTE_HTML},
    {"GET", "/tiep-nhan", page_intake, ROUTE_HTML},
    {"POST", "/tiep-nhan", page_intake, ROUTE_HTML},
    /* pages: specialist and dossier */
    {"GET", "/ho-so-cua-toi", page_worklist, ROUTE_HTML},
    {"GET", "/ho-so", page_search, ROUTE_HTML},
    {"GET", "/ho-so/{code}", page_dossier, ROUTE_HTML},
    {"POST", "/ho-so/{code}/thao-tac", page_dossier_act, ROUTE_HTML},
    {"POST", "/ho-so/{code}/mo-khoa-tra-cuu", page_dossier_unlock, ROUTE_HTML},
    /* pages: leader */
    {"GET", "/tong-quan", page_dashboard, ROUTE_HTML},
    {"GET", "/bao-cao", page_report, ROUTE_HTML},
    {"GET", "/bao-cao/in", page_report_print, ROUTE_HTML},
    {"GET", "/can-bo", page_officers, ROUTE_HTML},
    {"GET", "/nhat-ky-truy-cap", page_access_log, ROUTE_HTML},
    /* pages: citizen */
    {"GET", "/thu-tuc", page_catalogue, ROUTE_HTML},
    {"GET", "/thu-tuc/{code}", page_procedure, ROUTE_HTML},
    {"GET", "/thu-tuc/{code}/nop-truc-tuyen", page_online_filing, ROUTE_HTML},
    {"POST", "/thu-tuc/{code}/nop-truc-tuyen", page_online_filing, ROUTE_HTML | ROUTE_UPLOAD},
    {"GET", "/tra-cuu", page_lookup, ROUTE_HTML},
    {"POST", "/danh-gia", page_rating, ROUTE_HTML},
    {"POST", "/tra-cuu/thanh-toan", page_payment_start, ROUTE_HTML},
    /* pages: admin */
    {"GET", "/quan-tri", page_admin_users, ROUTE_HTML},
    {"POST", "/quan-tri/nguoi-dung", page_admin_user_add, ROUTE_HTML},
    {"POST", "/quan-tri/nguoi-dung/{name}/mat-khau", page_admin_user_password, ROUTE_HTML},
    {"GET", "/quan-tri/don-vi", page_admin_units, ROUTE_HTML},
    {"POST", "/quan-tri/don-vi", page_admin_unit_save, ROUTE_HTML},
    {"POST", "/quan-tri/don-vi/{code}/gio-lam-viec", page_admin_unit_windows, ROUTE_HTML},
    {"GET", "/quan-tri/thu-tuc", page_admin_procedures, ROUTE_HTML},
    {"POST", "/quan-tri/thu-tuc", page_admin_procedures, ROUTE_HTML},
    {"GET", "/quan-tri/ngay-nghi", page_admin_calendar, ROUTE_HTML},
    {"POST", "/quan-tri/ngay-nghi", page_admin_calendar, ROUTE_HTML},
    {"PUT", "/api/v1/units/{code}/windows", api_unit_windows_put, 0},
    {"GET", "/api/v1/calendar/{year}", api_calendar_get, 0},
    {"PUT", "/api/v1/calendar/{year}", api_calendar_put, 0},
    {"GET", "/api/v1/users", api_users_list, 0},
    {"POST", "/api/v1/users", api_users_add, 0},
    {"POST", "/api/v1/users/{name}/password", api_users_password, 0},
};

const size_t n_routes = sizeof routes / sizeof routes[0];

const ErrorPage routes_error_page = page_error_page;
