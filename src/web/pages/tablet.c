/* tablet.c: the rating tablet at a counter: GET /may-danh-gia?token= (once, from the admin
 * who registered the device for the counter) keeps the device's token in a cookie and comes
 * back without it; GET /may-danh-gia shows the rating buttons for the last ticket the counter
 * served that is not yet rated (else a greeting, reloading itself every few seconds); POST
 * /may-danh-gia records the rating on the ticket and, when the dossier received from it may be
 * rated now, on the dossier (web/publicview.c). */
#include "web/pages/pages.h"

#include "app/devices.h"
#include "web/form.h"
#include "web/pages/queue_screen.h"
#include "web/publicview.h"

#include <string.h>

#define TABLET_COOKIE "mcd"

/* tablet_device finds the device whose token is token: ERR_FORBIDDEN (not the login page of
 * ERR_AUTH: a tablet has no officer) when there is none. */
static int tablet_device(Request *req, const char *token, Device *out)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    if (!token || strlen(token) >= DEVICE_TOKEN_MAX ||
        devices_find(s, req->arena, token, out, &req->err) < 0)
        return req_fail(req, ERR_FORBIDDEN, "token",
                        "Máy này chưa được đăng ký làm thiết bị đánh giá tại quầy",
                        "this is not a registered rating device");
    return 0;
}

/* render shows the tablet's screen: thanks after a rating, the levels for a ticket to rate,
 * or a greeting. */
static int render(Request *req, Response *res, const Device *d, const char *thanks)
{
    QueueTicket t;
    QueueCounter c = {.name = ""};
    Err ignored;
    Store *s = req_store(req);
    int have = d->counter &&
               store_queue_ticket_last(s, req->arena, d->counter, &t, &ignored) == 0 && !t.rating &&
               !thanks;
    if (d->counter)
        store_queue_counter_by_id(s, req->arena, d->counter, &c, &ignored);
    StrBuf sb;
    sb_init(&sb, 32 * 1024);
    queue_screen_begin(&sb, &(QueueScreen){.title = "Đánh giá sự hài lòng",
                                           .body_class = "queue rate",
                                           .refresh = have ? 60 : 4,
                                           .refresh_to = "/may-danh-gia"});
    html(&sb, "<h1>%s</h1>\n", c.name);
    if (thanks)
        html(&sb,
             "<p class=\"notice\" id=\"rate-thanks\" role=\"status\">Cảm ơn bạn đã đánh giá: "
             "%s.</p>\n",
             thanks);
    if (!have) {
        html(&sb, "<p class=\"state\">Kính chào quý khách.</p>\n");
    } else {
        html(&sb,
             "<p class=\"state\">Bạn có hài lòng với phục vụ cho số <strong id=\"rate-number\">"
             "%s</strong>?</p>\n<form method=\"post\" action=\"/may-danh-gia\" "
             "class=\"rate-levels\">\n",
             t.number);
        page_csrf(&sb, req);
        for (size_t i = 0; i < PUBLICVIEW_LEVELS; i++)
            html(&sb,
                 "<button type=\"submit\" name=\"level\" value=\"%s\" id=\"rate-%s\">%s</button>\n",
                 publicview_levels[i].level, publicview_levels[i].level,
                 publicview_levels[i].label);
        html(&sb, "</form>\n");
    }
    queue_screen_end(&sb);
    return page_send(req, res, &sb, 200);
}

int page_tablet(Request *req, Response *res)
{
    const char *token = req_query(req, "token");
    Device d;
    int rc = tablet_device(req, token ? token : req_cookie(req, TABLET_COOKIE), &d);
    if (rc < 0)
        return rc;
    if (token) { /* set up once: keep the token, drop it from the address */
        res_header(res, "Set-Cookie",
                   arena_printf(req->arena,
                                TABLET_COOKIE "=%s; Path=/may-danh-gia; HttpOnly; SameSite=Strict; "
                                              "Max-Age=315360000",
                                token));
        res_redirect(res, "/may-danh-gia");
        return 0;
    }
    return render(req, res, &d, NULL);
}

int page_tablet_rate(Request *req, Response *res)
{
    Device d;
    int rc = form_parse(req);
    if (rc < 0 || (rc = tablet_device(req, req_cookie(req, TABLET_COOKIE), &d)) < 0)
        return rc;
    const char *level = form_get(req, "level");
    json_t *fields = json_pack("{s:s}", "level", level ? level : "");
    QueueTicket t;
    rc = publicview_rate_ticket(req, &d, fields, &t);
    json_decref(fields);
    if (rc < 0)
        return rc;
    return render(req, res, &d, publicview_level_label(t.rating));
}
