/* fuzz_intake.c: libFuzzer target for the JSON bodies of the dossier API: the input is parsed
 * by jansson as POST /api/v1/dossiers and POST /api/v1/dossiers/{code}/events bodies are,
 * then validated by dossier_json_intake and dossier_json_event (with and without interchange
 * metadata). Beyond "no crash, no sanitizer report" it checks that a refusal carries a message
 * in both languages and that what is accepted re-renders as JSON that parses back. The
 * normal test run replays tests/fuzz/corpus/intake/. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/dossier_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parses_back(const char *text)
{
    json_error_t je;
    json_t *o = text ? json_loads(text, 0, &je) : NULL;
    if (!o)
        abort();
    json_decref(o);
}

static void refused_clearly(int rc, const Err *e)
{
    if (rc < 0 && (!e->message[0] || !e->message_en[0]))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    json_error_t je;
    json_t *o = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
    if (!o)
        return 0;
    Arena *a = arena_new();
    Err e;
    err_clear(&e);
    DossierInput in;
    int rc = dossier_json_intake(a, o, NULL, &in, &e);
    refused_clearly(rc, &e);
    if (rc == 0) {
        parses_back(in.applicant_json);
        parses_back(in.components_json);
    }
    for (int meta = 0; meta <= 1; meta++) {
        DossierEvent ev;
        const char *payload = NULL, *id = NULL;
        err_clear(&e);
        rc = dossier_json_event(a, o, meta, &ev, &payload, meta ? &id : NULL, &e);
        refused_clearly(rc, &e);
        if (rc == 0)
            parses_back(payload);
    }
    json_decref(o);
    arena_free(a);
    return 0;
}
