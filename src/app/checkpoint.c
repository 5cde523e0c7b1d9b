/* checkpoint.c: signed checkpoints of the units' chain heads (see checkpoint.h). */
#include "app/checkpoint.h"

#include "app/dossiers.h"
#include "app/signing.h"
#include "util/timefmt.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void hex(const unsigned char h[32], char out[65])
{
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* make_one checkpoints unit up to the feed cursor upto; *out_made is 1 when it made one. */
static int make_one(Store *s, Arena *a, const char *key, const char *unit, int64_t upto,
                    int64_t now, int *out_made, Err *e)
{
    int64_t after;
    ChainHead *heads;
    size_t n;
    int rc = store_checkpoint_last(s, unit, &after, e);
    if (rc == 0)
        rc = store_heads(s, a, unit, after, upto, &heads, &n, e);
    *out_made = 0;
    if (rc < 0 || n == 0)
        return rc;
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        char h[65];
        hex(heads[i].hash, h);
        json_array_append_new(list, json_pack("[s, i, s]", heads[i].code, heads[i].seq, h));
    }
    char at[TIMEFMT_INSTANT_SIZE];
    timefmt_format_instant(now, at, sizeof at);
    json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:o}", "unit", unit, "at", at, "after",
                          (json_int_t)after, "feed", (json_int_t)upto, "heads", list);
    char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    const char *content = arena_strdup(a, text);
    free(text);
    Signature g;
    rc = signing_sign(s, a, key, unit, "checkpoint", 0, "checkpoint", content, content,
                      strlen(content), now, &g, e);
    if (rc == 0)
        rc = store_checkpoint_add(s, unit, now, upto, g.id, e);
    *out_made = rc == 0;
    return rc;
}

int checkpoint_make(Store *s, const char *key, int64_t now, long *out_n, Err *e)
{
    Arena *a = arena_new();
    UnitCert *certs;
    size_t n;
    int64_t upto;
    long made = 0;
    int rc = store_feed_max(s, &upto, e);
    if (rc == 0)
        rc = store_cert_list(s, a, NULL, &certs, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        UnitCert current;
        Err none;
        int one = 0;
        /* each unit once: by its current certificate */
        if (signing_current(s, a, certs[i].unit, now, &current, &none) < 0 ||
            current.id != certs[i].id)
            continue;
        rc = make_one(s, a, key, certs[i].unit, upto, now, &one, e);
        made += one;
    }
    arena_free(a);
    if (rc == 0)
        *out_n = made;
    return rc;
}

typedef struct Report {
    void (*fn)(void *ctx, const char *problem);
    void *ctx;
    long n;
} Report;

static void problem(Report *r, const char *vi, const char *en)
{
    char msg[1200];
    snprintf(msg, sizeof msg, "%s / %s", vi, en);
    r->n++;
    if (r->fn)
        r->fn(r->ctx, msg);
}

/* check_heads compares each head content lists with the events stored. */
static int check_heads(Store *s, Arena *a, const Signature *g, Report *r, Err *e)
{
    json_t *o = json_loads(g->content, 0, NULL);
    json_t *heads = json_object_get(o, "heads");
    const char *unit = json_string_value(json_object_get(o, "unit"));
    int rc = 0;
    if (!json_is_array(heads) || !unit) {
        problem(r, arena_printf(a, "điểm kiểm tra %s: nội dung hỏng", g->token),
                arena_printf(a, "checkpoint %s: damaged content", g->token));
        json_decref(o);
        return 0;
    }
    for (size_t i = 0; rc == 0 && i < json_array_size(heads); i++) {
        json_t *h = json_array_get(heads, i);
        const char *code = json_string_value(json_array_get(h, 0));
        const char *want = json_string_value(json_array_get(h, 2));
        int seq = (int)json_integer_value(json_array_get(h, 1));
        unsigned char have[32];
        char have_hex[65];
        Err none;
        if (!code || !want)
            continue;
        rc = store_event_hash(s, code, seq, have, &none);
        if (rc == ERR_NOT_FOUND) {
            rc = 0;
            problem(r,
                    arena_printf(a,
                                 "hồ sơ %s: sự kiện %d có trong điểm kiểm tra đã ký của đơn "
                                 "vị %s nhưng không còn",
                                 code, seq, unit),
                    arena_printf(a,
                                 "dossier %s: event %d is in unit %s's signed checkpoint but "
                                 "is gone",
                                 code, seq, unit));
            continue;
        }
        if (rc < 0) {
            *e = none;
            break;
        }
        hex(have, have_hex);
        if (strcmp(have_hex, want) != 0)
            problem(r,
                    arena_printf(a,
                                 "hồ sơ %s: chuỗi băm khác với điểm kiểm tra đã ký của đơn "
                                 "vị %s (lịch sử đã bị viết lại)",
                                 code, unit),
                    arena_printf(a,
                                 "dossier %s: hash chain differs from unit %s's signed "
                                 "checkpoint (the history was rewritten)",
                                 code, unit));
    }
    json_decref(o);
    return rc;
}

/* check_signature checks one signature: a checkpoint's and the heads it lists, or a form's or
 * result's over what it signed (its dossier named when it does not verify). */
static int check_signature(Store *s, Arena *a, const char *dir, const Signature *g, Report *r,
                           Err *e)
{
    if (!dir && strcmp(g->kind, "result") == 0)
        return 0; /* the result's file cannot be read: not checked (the caller says so) */
    SignStatus st;
    int rc = signing_status(s, a, dir, g, &st, NULL, e);
    if (rc < 0)
        return rc;
    int checkpoint = strcmp(g->kind, "checkpoint") == 0;
    if (checkpoint && st != SIGN_BROKEN)
        return check_heads(s, a, g, r, e);
    if (st != SIGN_BROKEN)
        return 0;
    Dossier d = {0};
    Err none;
    if (!checkpoint && g->dossier)
        dossiers_get_id(s, a, g->dossier, &d, &none);
    if (checkpoint || !d.code)
        problem(r, arena_printf(a, "chữ ký số %s (%s) không khớp nội dung", g->token, g->what),
                arena_printf(a, "signature %s (%s) does not match its content", g->token, g->what));
    else
        problem(r,
                arena_printf(a, "hồ sơ %s: chữ ký số của %s không khớp nội dung", d.code, g->what),
                arena_printf(a, "dossier %s: the signature of %s does not match its content",
                             d.code, g->what));
    return 0;
}

int checkpoint_verify(Store *s, const char *dir, void (*report)(void *ctx, const char *problem),
                      void *ctx, long *out_problems, Err *e)
{
    Report r = {report, ctx, 0};
    int64_t after = 0;
    int rc = 0;
    while (rc == 0) {
        Arena *a = arena_new();
        Signature g;
        rc = store_signature_next(s, a, after, &g, e);
        if (rc == 0) {
            after = g.id;
            rc = check_signature(s, a, dir, &g, &r, e);
        }
        arena_free(a);
    }
    if (rc != ERR_NOT_FOUND)
        return rc;
    *out_problems = r.n;
    return 0;
}
