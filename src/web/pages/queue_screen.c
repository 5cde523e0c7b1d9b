/* queue_screen.c: the queue's stand-alone screens' frame and ticket (see queue_screen.h). */
#include "web/pages/queue_screen.h"

#include "io/qr.h"

void queue_screen_begin(StrBuf *sb, const QueueScreen *q)
{
    html(sb,
         "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>%s</title>\n<link rel=\"stylesheet\" href=\"/assets/queue.css\">\n",
         q->title);
    if (q->refresh && q->refresh_noscript)
        html(sb, "<noscript><meta http-equiv=\"refresh\" content=\"%d\"></noscript>\n", q->refresh);
    else if (q->refresh && q->refresh_to)
        html(sb, "<meta http-equiv=\"refresh\" content=\"%d; url=%s\">\n", q->refresh,
             q->refresh_to);
    else if (q->refresh)
        html(sb, "<meta http-equiv=\"refresh\" content=\"%d\">\n", q->refresh);
    html(sb, "<script src=\"/assets/queue.js\" defer></script>\n</head>\n<body class=\"%s\"",
         q->body_class);
    if (q->events)
        html(sb, " data-events=\"%s\"", q->events);
    if (q->autoprint)
        html(sb, " data-autoprint=\"1\"");
    html(sb, ">\n<main>\n");
}

void queue_screen_end(StrBuf *sb)
{
    html(sb, "</main>\n</body>\n</html>\n");
}

void queue_screen_ticket(StrBuf *sb, Request *req, const QueueTicket *t, const char *group_name,
                         const char *unit_name, int64_t ahead, const char *follow_url)
{
    html(sb, "<div class=\"ticket\">\n<p class=\"unit\">%s</p>\n<p>Bộ phận Một cửa</p>\n",
         unit_name ? unit_name : "");
    html(sb, "<p>SỐ THỨ TỰ</p>\n<p class=\"number\" id=\"ticket-number\">%s</p>\n<p>%s</p>\n",
         t->number, group_name);
    html(sb, "<p>Lấy số lúc %s</p>\n", html_datetime(req->arena, t->issued_at));
    if (queue_waiting(t->state))
        html(sb, "<p>Số người đang chờ trước bạn: <strong id=\"ticket-ahead\">%s</strong></p>\n",
             html_num(req->arena, ahead));
    if (follow_url) {
        Err ignored;
        qr_svg(sb, follow_url, 3, &ignored);
        html(sb, "<p>Quét mã để theo dõi lượt của bạn</p>\n");
    }
    html(sb, "</div>\n");
}
