/* payment.h: online payment of fees (docs/INTERFACES.md payment; Decision 766 indicator 3.6), one
 * path for the JSON API (api/payments.c) and the citizen's pages (pages/payment.c, and the bundled
 * test gateway, pages/test_gateway.c): starting a payment of what is still due as an order
 * under a new reference, and settling the gateway's signed callback (HMAC-SHA256 of the body),
 * held to its order (the same dossier and amount) and recorded once, as a `pay` event with an
 * e-receipt numbered per unit and year. */
#ifndef MOTCUA_PAYMENT_H
#define MOTCUA_PAYMENT_H

#include "web/http.h"

/* A started payment: what the gateway is asked to collect (strings in the request's arena). */
typedef struct PaymentOrder {
    const char *ref;     /* the order's reference */
    const char *code;    /* the dossier's code */
    int64_t amount;      /* what is still due, in dong */
    const char *pay_url; /* the bundled gateway's page for it */
} PaymentOrder;

/* payment_start looks the dossier up by code and key as the public look-up does
 * (publicview_lookup, with its failures), checks that something is due, that the dossier has
 * been received and that a gateway is configured (ERR_SEMANTIC, ERR_UNAVAILABLE), and records
 * the order, or takes over the reference of an open order for the same dossier and amount: a
 * citizen who starts again (back, then pay once more) is sent to the same payment. */
int payment_start(Request *req, const char *code, const char *key, PaymentOrder *out);

/* A settled callback (strings in the request's arena). */
typedef struct PaymentSettled {
    const char *ref, *code; /* the order's reference and dossier */
    int64_t amount;
    const char *receipt; /* the e-receipt's number; NULL for a failed payment */
    int replayed;        /* the callback came before: nothing was paid twice */
} PaymentSettled;

/* payment_settle verifies the signature of a callback body (ERR_AUTH), reads it ({ref,
 * dossier, amount, status}, ERR_INVALID naming the field) and, when status is "paid", records
 * the payment once through the single writer: ERR_SEMANTIC when no order has this reference
 * or it is for another dossier or amount, ERR_CONFLICT when the fee has been paid meanwhile. A
 * "failed" status changes nothing. */
int payment_settle(Request *req, const char *body, size_t len, const char *signature,
                   PaymentSettled *out);

#endif
