/* payment.c: POST /tra-cuu/thanh-toan (ma, key), the look-up page's "pay online": starts the
 * payment as POST /api/v1/payments does (web/payment.h) and sends the citizen to the
 * gateway's page. */
#include "web/pages/pages.h"

#include "web/form.h"
#include "web/payment.h"

int page_payment_start(Request *req, Response *res)
{
    int rc = form_parse(req);
    if (rc < 0)
        return rc;
    PaymentOrder order;
    if ((rc = payment_start(req, form_get(req, "ma"), form_get(req, "key"), &order)) < 0)
        return rc;
    res_redirect(res, order.pay_url);
    return 0;
}
