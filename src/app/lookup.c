/* lookup.c: the public look-up of a dossier, HTTP-free (see lookup.h). */
#include "app/lookup.h"

#include "util/strbuf.h"
#include "util/utf8.h"

#include <string.h>

/* last4 writes the last 4 digits of s (digits only considered) into out; 0 if fewer. */
static int last4(const char *s, char out[5])
{
    if (!s)
        return 0;
    int n = 0;
    char digits[32];
    for (; *s && n < (int)sizeof digits; s++)
        if (*s >= '0' && *s <= '9')
            digits[n++] = *s;
    if (n < 4)
        return 0;
    memcpy(out, digits + n - 4, 4);
    out[4] = '\0';
    return 1;
}

/* key_matches: key is the last 4 digits of the applicant's phone or identity number. */
static int key_matches(const Applicant *ap, const char *key)
{
    char a[5], b[5];
    return (last4(ap->phone, a) && strcmp(a, key) == 0) ||
           (last4(ap->id_number, b) && strcmp(b, key) == 0);
}

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

int lookup_find(Store *s, Arena *a, const char *code, const char *key, Dossier *out, Err *e)
{
    Err nf;
    int rc = dossiers_get(s, a, code, out, &nf);
    if (rc < 0 && rc != ERR_NOT_FOUND) {
        *e = nf;
        return rc;
    }
    if (rc == ERR_NOT_FOUND || !key_matches(&out->applicant, key))
        return err_set(e, ERR_NOT_FOUND, "code", "Không tìm thấy hồ sơ với mã và số kiểm tra này",
                       "no dossier with this code and key");
    return 0;
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
    for (size_t i = 0; i < n; i++) {
        int action = lifecycle_action_parse(evs[i].action);
        if (action >= 0 && action != ACTION_COMMENT) /* internal notes are not the citizen's */
            v.history[v.n_history++] = (PublicEvent){evs[i].at, lifecycle_action_name(action),
                                                     lifecycle_action_label(action)};
    }
    if (d->p.state == STATE_RESOLVED || d->p.state == STATE_RETURNED) {
        DossierDocument *docs;
        if ((rc = store_dossier_documents(s, a, d->id, &docs, &n, e)) < 0)
            return rc;
        v.results = arena_array(a, n + 1, sizeof *v.results);
        for (size_t i = 0; i < n; i++)
            if (strcmp(docs[i].kind, "result") == 0)
                v.results[v.n_results++] = docs[i];
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

int lookup_payable(const PublicView *v)
{
    return v->d.p.state != STATE_SUBMITTED && v->d.p.state != STATE_REFUSED &&
           v->d.fee > v->d.p.paid_amount;
}
