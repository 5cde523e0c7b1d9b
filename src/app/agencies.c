/* agencies.c: agencies, this node's key and the signed message log (see agencies.h). */
#include "app/agencies.h"

#include "app/chains.h"
#include "app/jsonv.h"
#include "app/record.h"
#include "core/chain.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int agencies_key(Store *s, int64_t now, unsigned char pk[32], Err *e)
{
    unsigned char sk[64];
    Err nf;
    int rc = store_node_key_get(s, pk, sk, &nf);
    if (rc == ERR_NOT_FOUND) {
        secret_sign_keypair(pk, sk);
        rc = store_node_key_put(s, pk, sk, now, e);
    } else if (rc < 0) {
        *e = nf;
    }
    memset(sk, 0, sizeof sk);
    return rc;
}

int agencies_add(Store *s, const char *kind, const char *url, const char *public_key_b64,
                 int64_t now, Err *e)
{
    if (!agency_kind_known(kind))
        return err_set(e, ERR_INVALID, "kind",
                       "Loại cơ quan phải là civil_status, residence, insurance, social hoặc "
                       "population",
                       "kind must be civil_status, residence, insurance, social or population");
    if (!url || strlen(url) > 500 ||
        (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) ||
        strpbrk(url, " \t\r\n\"<>"))
        return err_set(e, ERR_INVALID, "url", "Địa chỉ phải bắt đầu bằng http:// hoặc https://",
                       "the url must start with http:// or https://");
    Agency g = {.kind = kind, .url = url, .updated_at = now};
    if (secret_unb64(public_key_b64, g.public_key, 32) < 0)
        return err_set(e, ERR_INVALID, "public-key",
                       "Khóa công khai phải là 32 byte Ed25519 viết bằng base64",
                       "the public key must be 32 Ed25519 bytes in base64");
    return store_agency_put(s, &g, e);
}

/* chain_hash computes m's hash: SHA-256 of the previous row's hash (when there is one), the
 * direction, a NUL, the body and the signature. */
static void chain_hash(const AgencyMessage *m, unsigned char out[32])
{
    size_t nd = strlen(m->direction), nb = strlen(m->body), n = 32 + nd + 1 + nb + 64;
    unsigned char *buf = malloc(n);
    if (!buf)
        abort();
    size_t k = 0;
    if (m->has_prev) {
        memcpy(buf, m->prev_hash, 32);
        k = 32;
    }
    memcpy(buf + k, m->direction, nd + 1);
    k += nd + 1;
    memcpy(buf + k, m->body, nb);
    k += nb;
    memcpy(buf + k, m->signature, 64);
    k += 64;
    secret_sha256(buf, k, out);
    free(buf);
}

/* log_message links m to the log's last row, hashes it and appends it. */
static int log_message(Store *s, AgencyMessage *m, Err *e)
{
    int rc = store_message_last(s, m->prev_hash, &m->has_prev, e);
    if (rc < 0)
        return rc;
    chain_hash(m, m->hash);
    return store_message_add(s, m, e);
}

static void hex(const unsigned char *v, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[v[i] >> 4];
        out[2 * i + 1] = digits[v[i] & 15];
    }
    out[2 * n] = '\0';
}

static int unhex(const char *s, unsigned char out[32])
{
    if (!s || strlen(s) != 64)
        return -1;
    for (int i = 0; i < 64; i++) {
        int c = s[i], v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return -1;
        out[i / 2] = (unsigned char)(i % 2 ? out[i / 2] | v : v << 4);
    }
    return 0;
}

/* receipt_id is the id of motcua's receipt for the message whose body hashes to h. */
static const char *receipt_id(Arena *a, const unsigned char h[32])
{
    char x[65];
    hex(h, 32, x);
    return arena_printf(a, "motcua-%.40s", x);
}

/* A message read from an agency. */
typedef struct Inbound {
    const char *id, *agency, *dossier, *type, *outcome, *reason, *answers;
} Inbound;

static int read_inbound(Arena *a, const char *body, size_t len, Inbound *m, Err *e)
{
    static const char *const keys[] = {"id",      "agency", "dossier", "type",
                                       "outcome", "reason", "answers", NULL};
    static const char *const types[] = {"ack", "result", NULL};
    static const char *const outcomes[] = {"approved", "rejected", NULL};
    json_t *o;
    int rc = jsonv_parse(body, len, &o, e);
    if (rc < 0)
        return rc;
    if (!json_is_object(o))
        rc = err_set(e, ERR_INVALID, "", "Thông điệp phải là một đối tượng JSON",
                     "a message must be a JSON object");
    if (rc == 0 && (rc = jsonv_only(o, keys, e)) == 0 &&
        (rc = jsonv_str(a, o, "id", 1, 64, &m->id, e)) == 0 &&
        (rc = jsonv_str(a, o, "agency", 1, 32, &m->agency, e)) == 0 &&
        (rc = jsonv_str(a, o, "dossier", 1, 64, &m->dossier, e)) == 0 &&
        (rc = jsonv_enum(o, "type", 1, types, &m->type, e)) == 0 &&
        (rc = jsonv_enum(o, "outcome", 0, outcomes, &m->outcome, e)) == 0 &&
        (rc = jsonv_text(a, o, "reason", 0, 2000, &m->reason, e)) == 0)
        rc = jsonv_str(a, o, "answers", 0, 64, &m->answers, e);
    json_decref(o);
    if (rc < 0)
        return rc;
    unsigned char h[32];
    if (m->answers && unhex(m->answers, h) < 0)
        return err_set(e, ERR_INVALID, "answers", "answers phải là SHA-256 (64 chữ số hex)",
                       "answers must be a SHA-256 in lower-case hex");
    if (strcmp(m->type, "result") == 0 && !m->outcome)
        return err_set(e, ERR_INVALID, "outcome", "Kết quả phải có outcome",
                       "a result needs an outcome");
    if (m->outcome && strcmp(m->outcome, "rejected") == 0 && !m->reason)
        return err_set(e, ERR_INVALID, "reason", "Kết quả từ chối phải có lý do",
                       "a rejection needs a reason");
    return 0;
}

/* replay answers a message id taken before: its first receipt, when the bytes are the same. */
static int replay(Store *s, Arena *a, const AgencyMessage *first, const char *body,
                  AgencyReply *out, Err *e)
{
    if (strcmp(first->body, body) != 0)
        return err_setf(e, ERR_CONFLICT, "id", "Mã thông điệp %s đã dùng cho nội dung khác",
                        "message id %s was used for other content", first->message_id);
    unsigned char h[32];
    secret_sha256(body, strlen(body), h);
    AgencyMessage r;
    int rc = store_message_find(s, a, receipt_id(a, h), &r, e);
    if (rc < 0)
        return rc;
    out->body = r.body;
    secret_b64(r.signature, 64, out->signature);
    out->replayed = true;
    return 0;
}

/* take applies an inbound message to its step: a result resolves it as the agency. */
static int take(Store *s, Arena *a, const Inbound *m, const Dossier *d, int64_t now, Err *e)
{
    if (strcmp(m->type, "result") != 0)
        return 0;
    Actor who = {.name = arena_printf(a, "cơ quan %s", m->agency),
                 .role = ROLE_INTEGRATION,
                 .unit = d->unit};
    Event ev = {.action = ACTION_RESOLVE, .outcome = m->outcome, .reason = m->reason};
    return dossiers_act(s, a, d->code, &ev, &who, now, NULL, e);
}

/* sign_receipt signs motcua's receipt of the message hashing to h and logs it. */
static int sign_receipt(Store *s, Arena *a, const Inbound *m, const unsigned char h[32],
                        int64_t now, AgencyReply *out, Err *e)
{
    unsigned char pk[32], sk[64];
    int rc = agencies_key(s, now, pk, e);
    if (rc < 0 || (rc = store_node_key_get(s, pk, sk, e)) < 0)
        return rc;
    Dossier d;
    if ((rc = dossiers_get(s, a, m->dossier, &d, e)) < 0)
        return rc;
    char answers[65];
    hex(h, 32, answers);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "id", receipt_id(a, h), "type",
                          "receipt", "agency", m->agency, "dossier", m->dossier, "answers", answers,
                          "state", lifecycle_state_name(d.p.state), "at", record_instant(now));
    AgencyMessage r = {.message_id = receipt_id(a, h),
                       .direction = "out",
                       .agency = m->agency,
                       .dossier = m->dossier,
                       .type = "receipt",
                       .body = record_text(a, o),
                       .has_answers = 1,
                       .at = now};
    memcpy(r.answers, h, 32);
    secret_sign(sk, r.body, strlen(r.body), r.signature);
    memset(sk, 0, sizeof sk);
    if ((rc = log_message(s, &r, e)) < 0)
        return rc;
    out->body = r.body;
    secret_b64(r.signature, 64, out->signature);
    out->replayed = false;
    return 0;
}

int agencies_check_signature(Store *s, Arena *a, const char *kind, const char *body, size_t len,
                             const char *signature_b64, Err *e)
{
    Agency g;
    unsigned char sig[64];
    Err nf;
    if (!kind || store_agency_get(s, a, kind, &g, &nf) < 0)
        return err_set(e, ERR_AUTH, "X-Agency", "Cơ quan gửi chưa được khai báo",
                       "the sending agency is not configured");
    if (secret_unb64(signature_b64, sig, 64) < 0 ||
        !secret_sign_verify(g.public_key, body, len, sig))
        return err_set(e, ERR_AUTH, "X-Signature", "Chữ ký của thông điệp không hợp lệ",
                       "the message's signature does not verify");
    return 0;
}

int agencies_receive(Store *s, Arena *a, const char *kind, const char *body, size_t len,
                     const char *signature_b64, int64_t now, AgencyReply *out, Err *e)
{
    unsigned char sig[64];
    Err nf;
    int rc = agencies_check_signature(s, a, kind, body, len, signature_b64, e);
    if (rc < 0)
        return rc;
    secret_unb64(signature_b64, sig, 64);
    if (memchr(body, '\0', len))
        return err_set(e, ERR_INVALID, "", "Thông điệp chứa ký tự NUL", "a NUL in the message");
    const char *text = arena_strndup(a, body, len);
    Inbound m = {0};
    rc = read_inbound(a, text, len, &m, e);
    if (rc < 0)
        return rc;
    if (strcmp(m.agency, kind) != 0)
        return err_set(e, ERR_FORBIDDEN, "agency",
                       "Thông điệp ghi một cơ quan khác với cơ quan gửi",
                       "the message names another agency than its sender");
    AgencyMessage first;
    if (store_message_find(s, a, m.id, &first, &nf) == 0)
        return replay(s, a, &first, text, out, e);
    Dossier d;
    if ((rc = dossiers_get(s, a, m.dossier, &d, e)) == ERR_NOT_FOUND)
        return err_setf(e, ERR_FORBIDDEN, "dossier", "Không có hồ sơ %s", "no dossier %s",
                        m.dossier);
    if (rc < 0)
        return rc;
    if (!d.parent || !d.agency || strcmp(d.agency, kind) != 0)
        return err_setf(e, ERR_FORBIDDEN, "dossier",
                        "Hồ sơ %s không phải một bước liên thông của cơ quan này",
                        "dossier %s is not a step of this agency", m.dossier);
    AgencyMessage in = {.message_id = m.id,
                        .direction = "in",
                        .agency = kind,
                        .dossier = m.dossier,
                        .type = m.type,
                        .body = text,
                        .has_answers = m.answers != NULL,
                        .at = now};
    memcpy(in.signature, sig, 64);
    if (m.answers)
        unhex(m.answers, in.answers);
    unsigned char h[32];
    secret_sha256(text, len, h);
    if ((rc = log_message(s, &in, e)) < 0 || (rc = take(s, a, &m, &d, now, e)) < 0)
        return rc;
    return sign_receipt(s, a, &m, h, now, out, e);
}

int agencies_send_step(Store *s, Arena *a, const Dossier *step, const Dossier *parent, int64_t now,
                       Err *e)
{
    Agency g;
    Err nf;
    int rc = store_agency_get(s, a, step->agency, &g, &nf);
    if (rc == ERR_NOT_FOUND)
        return 0; /* no system for this kind of agency: the step is worked here */
    if (rc < 0) {
        *e = nf;
        return rc;
    }
    unsigned char pk[32], sk[64];
    if ((rc = agencies_key(s, now, pk, e)) < 0 || (rc = store_node_key_get(s, pk, sk, e)) < 0)
        return rc;
    const char *id = arena_printf(a, "motcua-step-%s", step->code);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id", id, "type",
                          "step", "agency", step->agency, "dossier", step->code, "parent",
                          parent->code, "procedure", step->procedure, "applicant",
                          record_applicant_json(&step->applicant), "components",
                          record_components_json(step->components, step->n_components), "due_at",
                          record_instant(step->p.due_at), "at", record_instant(now));
    AgencyMessage m = {.message_id = id,
                       .direction = "out",
                       .agency = step->agency,
                       .dossier = step->code,
                       .type = "step",
                       .body = record_text(a, o),
                       .at = now};
    secret_sign(sk, m.body, strlen(m.body), m.signature);
    memset(sk, 0, sizeof sk);
    if ((rc = log_message(s, &m, e)) < 0)
        return rc;
    return store_delivery_add(s, id, step->agency, now, e);
}

int agencies_messages(Store *s, Arena *a, const char *code, AgencyMessage **out, size_t *out_n,
                      Err *e)
{
    return store_message_list(s, a, code, 0, 1000, out, out_n, e);
}

int agencies_verify(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                    long *out_problems, Err *e)
{
    unsigned char prev[32], node_pk[32], node_sk[64];
    int have_prev = 0, have_node = store_node_key_get(s, node_pk, node_sk, NULL) == 0;
    memset(node_sk, 0, sizeof node_sk);
    long problems = 0;
    char msg[256];
    for (int64_t after = 0;;) {
        Arena *a = arena_new();
        AgencyMessage *ms;
        size_t n;
        int rc = store_message_list(s, a, NULL, after, 512, &ms, &n, e);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            const AgencyMessage *m = &ms[i];
            unsigned char h[32];
            const char *why = NULL;
            Agency g;
            Err nf;
            chain_hash(m, h);
            if (m->has_prev != have_prev || (have_prev && memcmp(m->prev_hash, prev, 32) != 0))
                why = "does not follow the row before it";
            else if (memcmp(h, m->hash, 32) != 0)
                why = "hash does not match its content";
            else if (strcmp(m->direction, "in") == 0 &&
                     (store_agency_get(s, a, m->agency, &g, &nf) < 0 ||
                      !secret_sign_verify(g.public_key, m->body, strlen(m->body), m->signature)))
                why = "signature is not its agency's";
            else if (strcmp(m->direction, "out") == 0 &&
                     (!have_node ||
                      !secret_sign_verify(node_pk, m->body, strlen(m->body), m->signature)))
                why = "signature is not this node's";
            if (why) {
                snprintf(msg, sizeof msg, "agency message %lld (%s): %s", (long long)m->seq,
                         m->message_id, why);
                if (report)
                    report(ctx, msg);
                problems++;
            }
            memcpy(prev, m->hash, 32);
            have_prev = 1;
            after = m->seq;
        }
        arena_free(a);
        if (rc < 0)
            return rc;
        if (n < 512)
            break;
    }
    *out_problems = problems;
    return 0;
}
