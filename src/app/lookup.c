/* lookup.c: the public look-up of a dossier, HTTP-free (see lookup.h). */
#include "app/lookup.h"

#include "app/documents.h"
#include "app/record.h"
#include "core/lookup_key.h"
#include "util/secret.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <string.h>

const char *lookup_mask_name(Arena *a, const char *name)
{
    StrBuf sb;
    sb_init(&sb, 1024);
    int word = 0, at_start = 1;
    const char *p = name ? name : "", *end = p + strlen(p);
    while (p < end) {
        uint32_t cp;
        size_t len = utf8_decode(p, (size_t)(end - p), &cp);
        if (len == 0)
            len = 1; /* not UTF-8 (stored text always is): a byte at a time */
        if (*p == ' ') {
            sb_putc(&sb, ' ');
            at_start = 1;
        } else if (at_start) {
            sb_append(&sb, p, len);
            if (word > 0)
                sb_puts(&sb, "***");
            at_start = 0;
            word++;
        } else if (word == 1) {
            sb_append(&sb, p, len);
        }
        p += len;
    }
    const char *r = arena_strdup(a, sb.data ? sb.data : "");
    sb_free(&sb);
    return r;
}

int lookup_find(Store *s, Arena *a, const char *code, const char *key, Dossier *out,
                int64_t *out_wrong, Err *e)
{
    Err nf;
    *out_wrong = 0;
    int rc = dossiers_get(s, a, code, out, &nf);
    if (rc < 0 && rc != ERR_NOT_FOUND) {
        *e = nf;
        return rc;
    }
    if (rc == 0 && lookup_key_locked(out->lookup_failures))
        return err_set(e, ERR_FORBIDDEN, "key",
                       "Tra cứu trực tuyến hồ sơ này đã bị khóa vì mã tra cứu bị nhập sai quá "
                       "nhiều lần. Để mở khóa, xin Ông/Bà mang Giấy tiếp nhận hồ sơ và hẹn trả kết "
                       "quả (Mẫu 01, có in mã tra cứu) đến bộ phận tiếp nhận và trả kết quả, hoặc "
                       "gọi điện thoại cho cơ quan tiếp nhận hồ sơ",
                       "the public look-up of this dossier is locked after too many wrong keys; "
                       "the receiving office unlocks it (bring the receipt, Mẫu 01)");
    if (rc == 0 && out->lookup_key && secret_equal(out->lookup_key, key))
        return 0;
    if (rc == 0)
        *out_wrong = out->id;
    return err_set(e, ERR_NOT_FOUND, "code", "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này",
                   "no dossier with this code and key");
}

int lookup_failed(Store *s, int64_t id, Err *e)
{
    int failures;
    return store_lookup_failed(s, id, &failures, e);
}

int lookup_unlock(Store *s, int64_t id, Err *e)
{
    return store_lookup_unlock(s, id, e);
}

int lookup_view(Store *s, Arena *a, const Dossier *d, PublicView *out, Err *e)
{
    PublicView v = {.d = *d};
    StoredEvent *evs; /* the public sees when and what, never an event's fields: no decoding */
    size_t n;
    int rc;
    if ((rc = store_names(s, a, d->procedure, d->unit, &v.procedure_name, &v.unit_name, e)) < 0 ||
        (rc = store_event_list(s, a, d->id, &evs, &n, e)) < 0)
        return rc;
    v.history = arena_array(a, n + 1, sizeof *v.history);
    const StoredEvent *asked = NULL; /* the last supplement request */
    for (size_t i = 0; i < n; i++) {
        int action = lifecycle_action_parse(evs[i].action);
        if (action == ACTION_REQUEST_SUPPLEMENT)
            asked = &evs[i];
        if (action >= 0 && action != ACTION_COMMENT) /* internal notes are not the citizen's */
            v.history[v.n_history++] = (PublicEvent){evs[i].at, lifecycle_action_name(action),
                                                     lifecycle_action_label(action)};
    }
    /* but what is asked of the citizen: the papers missing and why (Mẫu 02 says as much) */
    Event request;
    if (asked && (rc = record_event_decode(a, asked, &request, e)) < 0)
        return rc;
    if (asked) {
        v.missing = request.items;
        v.missing_reason = request.reason;
        v.requested_at = request.at;
    }
    if (d->p.state == STATE_RESOLVED || d->p.state == STATE_RETURNED) {
        DossierDocument *docs;
        if ((rc = store_dossier_documents(s, a, d->id, &docs, &n, e)) < 0)
            return rc;
        v.results = arena_array(a, n + 1, sizeof *v.results);
        v.result_signatures = arena_array(a, n + 1, sizeof *v.result_signatures);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if (strcmp(docs[i].kind, "result") != 0)
                continue;
            Signature g;
            rc = store_signature_of(s, a, d->id, docs[i].sha256, &g, e);
            v.result_signatures[v.n_results] = rc == 0 ? g.token : NULL;
            if (rc == ERR_NOT_FOUND)
                rc = 0;
            v.results[v.n_results++] = docs[i];
        }
        if (rc < 0)
            return rc;
    }
    /* every payment made here has its e-receipt (imported ones are not recorded here) */
    if ((rc = store_payments_of(s, a, d->id, &v.receipts, &v.n_receipts, e)) < 0)
        return rc;
    v.applicant = lookup_mask_name(a, d->applicant.name);
    v.can_rate = !d->p.rating && (d->p.state == STATE_RESOLVED || d->p.state == STATE_RETURNED ||
                                  d->p.state == STATE_STOPPED);
    *out = v;
    return 0;
}

int lookup_supplement(Store *s, Arena *a, const char *code, const Document *docs,
                      const char **names, size_t n, int64_t now, Err *e)
{
    static const Actor citizen = {"công dân", ROLE_NONE, NULL};
    Dossier d;
    int rc = dossiers_get(s, a, code, &d, e);
    if (rc < 0)
        return rc;
    if (d.p.state != STATE_SUPPLEMENT) /* before any paper is attached */
        return err_set(e, ERR_SEMANTIC, "ma", "Hồ sơ không ở trạng thái chờ bổ sung giấy tờ",
                       "the dossier does not wait for papers");
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = documents_attach(s, a, d.code, &docs[i], docs[i].sha256, "component", names[i], NULL,
                              &citizen, now, NULL, e);
    Event ev = {.action = ACTION_SUPPLEMENT, .items = {names, n}, .online = true};
    return rc < 0 ? rc : dossiers_act(s, a, d.code, &ev, &citizen, now, NULL, e);
}

int lookup_payable(const PublicView *v)
{
    return v->d.p.state != STATE_SUBMITTED && v->d.p.state != STATE_REFUSED &&
           v->d.fee > v->d.p.paid_amount;
}
