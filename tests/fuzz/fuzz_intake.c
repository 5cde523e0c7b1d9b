/* fuzz_intake.c: libFuzzer target for the JSON bodies of the dossier API: the input is parsed
 * by jansson as POST /api/v1/dossiers and POST /api/v1/dossiers/{code}/events bodies are,
 * then validated by dossier_json_intake and record_event_read (with and without interchange
 * metadata). Beyond "no crash, no sanitizer report" it checks that a refusal carries a message
 * in both languages and that what is accepted writes back as JSON that reads back to the same
 * record. The normal test run replays tests/fuzz/corpus/intake/. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/record.h"
#include "io/dossier_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* reads_back: what was accepted, written back, reads again to the same applicant. */
static void reads_back(Arena *a, const DossierInput *in)
{
    json_t *o = record_applicant_json(&in->applicant);
    Applicant again;
    int rc = record_applicant_read(a, o, true, &again, NULL);
    json_decref(o);
    if (rc < 0 || strcmp(again.name, in->applicant.name) != 0)
        abort();
}

/* same_event: ev written back reads again to the same event. */
static void same_event(Arena *a, const Event *ev)
{
    json_t *o = record_event_json(ev);
    Event again;
    int rc = record_event_read(a, o, true, &again, NULL);
    json_decref(o);
    if (rc < 0 || !record_event_same(ev, &again))
        abort();
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
    if (rc == 0)
        reads_back(a, &in);
    for (int meta = 0; meta <= 1; meta++) {
        Event ev;
        err_clear(&e);
        rc = record_event_read(a, o, meta, &ev, &e);
        refused_clearly(rc, &e);
        if (rc == 0 && meta)
            same_event(a, &ev);
    }
    json_decref(o);
    arena_free(a);
    return 0;
}
