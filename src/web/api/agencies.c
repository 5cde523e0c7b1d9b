/* agencies.c: POST /api/v1/agency-messages, the signed inbound endpoint of the agencies an
 * interconnected group's steps go to (app/agencies.h): the body is the message as signed, the
 * header X-Agency names the sending agency's kind and X-Signature carries the base64 Ed25519
 * signature of the exact body. A signature that does not verify is 401 before anything is
 * written. The answer is motcua's receipt, signed in its own X-Signature; a message sent again
 * gets the same receipt. */
#include "web/api/api.h"

#include "app/agencies.h"

#include <string.h>

typedef struct Inbound {
    Request *req;
    const char *kind, *signature;
    AgencyReply reply;
} Inbound;

static int write_inbound(Store *s, void *ctx, Err *e)
{
    Inbound *in = ctx;
    Request *req = in->req;
    return agencies_receive(s, req->arena, in->kind, req->body, req->body_len, in->signature,
                            req_now(req), &in->reply, e);
}

int api_agency_messages(Request *req, Response *res)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Inbound in = {.req = req,
                  .kind = req_header(req, "X-Agency"),
                  .signature = req_header(req, "X-Signature")};
    int rc = agencies_check_signature(s, req->arena, in.kind, req->body ? req->body : "",
                                      req->body_len, in.signature, &req->err);
    if (rc < 0 || (rc = req_write(req, write_inbound, &in)) < 0)
        return rc;
    res_header(res, "X-Signature", arena_strdup(req->arena, in.reply.signature));
    res_header(res, "X-Replayed", in.reply.replayed ? "1" : "0");
    res_text(res, 200, "application/json", in.reply.body, strlen(in.reply.body));
    return 0;
}
