/* pages.h: the HTML pages, one file per screen under web/pages/. Each is a Handler
 * (web/http.h) referenced from the route table in web/routes.c. */
#ifndef MOTCUA_PAGES_H
#define MOTCUA_PAGES_H

#include "app/dossiers.h"
#include "web/http.h"

/* admin_devices.c: the rating devices (at a queue counter or for a unit) */
int page_admin_devices(Request *req, Response *res);
int page_admin_device_add(Request *req, Response *res);
int page_admin_device_revoke(Request *req, Response *res);
/* admin_queue.c: the counter queue's groups and counters */
int page_admin_queue(Request *req, Response *res);
int page_admin_queue_group(Request *req, Response *res);
int page_admin_queue_counter(Request *req, Response *res);

/* kiosk.c, board.c, calls.c, tablet.c: the counter queue's screens */
int page_kiosk(Request *req, Response *res);
int page_kiosk_issue(Request *req, Response *res);
int page_kiosk_ticket(Request *req, Response *res);
int page_queue_follow(Request *req, Response *res);
int page_board(Request *req, Response *res);
int page_calls_post(Request *req, Response *res);
int page_tablet(Request *req, Response *res);
int page_tablet_rate(Request *req, Response *res);

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

/* counter.c, intake.c, dossier.c, worklist.c: the clerk's and the specialist's screens */
int page_counter(Request *req, Response *res);
int page_intake(Request *req, Response *res);
int page_dossier(Request *req, Response *res);
int page_dossier_act(Request *req, Response *res);
/* page_dossier_upload: POST /ho-so/{code}/tai-lieu (multipart): a paper's scan or the result's
 * file, attached; with an action (resolve, propose) that action in the same step. */
int page_dossier_upload(Request *req, Response *res);
/* page_dossier_reuse: POST /ho-so/{code}/dung-lai: an earlier result of the same applicant as
 * one of the dossier's papers. */
int page_dossier_reuse(Request *req, Response *res);
int page_dossier_unlock(Request *req, Response *res); /* POST /ho-so/{code}/mo-khoa-tra-cuu */
int page_worklist(Request *req, Response *res);
int page_search(Request *req, Response *res);

/* admin_users.c, admin_units.c, admin_catalogue.c, admin_calendar.c: the administrator's
 * screens (users, units and working windows, procedures, holidays; what they share is
 * admin.h's) */
int page_admin_users(Request *req, Response *res);         /* GET /quan-tri */
int page_admin_user_add(Request *req, Response *res);      /* POST /quan-tri/nguoi-dung */
int page_admin_user_password(Request *req, Response *res); /* POST .../{name}/mat-khau */
int page_admin_user_profile(Request *req, Response *res);  /* POST .../{name}/thong-tin */
int page_admin_user_disable(Request *req, Response *res);  /* POST .../{name}/khoa */
int page_admin_user_enable(Request *req, Response *res);   /* POST .../{name}/mo-khoa */
int page_admin_tokens(Request *req, Response *res);        /* GET /quan-tri/ma-truy-cap */
int page_admin_token_add(Request *req, Response *res);     /* POST /quan-tri/ma-truy-cap */
int page_admin_token_revoke(Request *req, Response *res);  /* POST .../{id}/thu-hoi */
int page_admin_units(Request *req, Response *res);         /* GET /quan-tri/don-vi */
int page_admin_unit_save(Request *req, Response *res);     /* POST /quan-tri/don-vi */
int page_admin_unitops(Request *req, Response *res);       /* GET /quan-tri/sap-xep-don-vi */
int page_admin_unitop_post(Request *req, Response *res);   /* POST /quan-tri/sap-xep-don-vi */
int page_admin_unit_windows(Request *req, Response *res);  /* POST .../{code}/gio-lam-viec */
int page_admin_procedures(Request *req, Response *res);    /* GET, POST /quan-tri/thu-tuc */
int page_admin_chains(Request *req, Response *res);        /* GET, POST /quan-tri/lien-thong */
int page_admin_agency(Request *req, Response *res);        /* POST /quan-tri/co-quan */
int page_admin_calendar(Request *req, Response *res);      /* GET, POST /quan-tri/ngay-nghi */
/* admin_certs.c: the units' signing certificates */
int page_admin_certs(Request *req, Response *res);       /* GET /quan-tri/chung-thu-so */
int page_admin_cert_import(Request *req, Response *res); /* POST /quan-tri/chung-thu-so */
int page_admin_cert_revoke(Request *req, Response *res); /* POST .../{id}/thu-hoi */

/* dashboard.c, report.c: the leader's screens (reports need PERM_REPORT_READ) */
int page_dashboard(Request *req, Response *res);    /* GET /tong-quan */
int page_portal(Request *req, Response *res);       /* GET /doi-soat-cong */
int page_report(Request *req, Response *res);       /* GET /bao-cao */
int page_report_print(Request *req, Response *res); /* GET /bao-cao/in */
int page_officers(Request *req, Response *res);     /* GET /can-bo */
int page_access_log(Request *req, Response *res);   /* GET /nhat-ky-truy-cap (leaders, admins) */

struct Report;
struct StrBuf;

/* page_report_table appends the Biểu 06/VPCP/KSTT table of r (one row per line and the
 * total, vi-VN numbers from a) with its note on stopped dossiers (report.c). */
void page_report_table(struct StrBuf *sb, Arena *a, const struct Report *r);
/* page_report_indicators appends the Decision 766 indicators of r: value, numerator /
 * denominator and points, their vi-VN numbers from a (report.c). */
void page_report_indicators(struct StrBuf *sb, Arena *a, const struct Report *r);

/* catalogue.c, lookup.c: the citizen's screens (no login) */
int page_catalogue(Request *req, Response *res); /* GET /thu-tuc */
int page_procedure(Request *req, Response *res); /* GET /thu-tuc/{code} */
/* GET/POST /thu-tuc/{code}/nop-truc-tuyen: a citizen files online, without login */
int page_online_filing(Request *req, Response *res);
int page_lookup(Request *req, Response *res); /* GET /tra-cuu */
/* GET /tra-cuu/bien-lai?ma=&key=&so=: an e-receipt printed by the citizen */
int page_lookup_receipt(Request *req, Response *res);
int page_rating(Request *req, Response *res); /* POST /danh-gia */
/* POST /tra-cuu/bo-sung: the citizen's online answer to a supplement request */
int page_supplement(Request *req, Response *res);
/* signature.c: GET /xac-thuc?ma=TOKEN, a digital signature verified (no login) */
int page_signature(Request *req, Response *res);

/* payment.c, test_gateway.c: paying a fee online (web/payment.h) */
int page_payment_start(Request *req, Response *res); /* POST /tra-cuu/thanh-toan */
int page_test_gateway(Request *req, Response *res);  /* GET, POST /cong-thanh-toan-thu */

#endif
