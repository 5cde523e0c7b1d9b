/* fuzz_interchange.c: libFuzzer target for one interchange line (docs/INTERFACES.md): the bytes are
 * imported as a JSONL file into an in-memory store that holds the demo catalogue, inside a
 * savepoint rolled back afterwards, so every input starts from the same store. Beyond "no
 * crash, no sanitizer report" it checks that a refused line leaves an error message with the
 * line number. The normal test run replays tests/fuzz/corpus/interchange/. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/interchange.h"
#include "util/embed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Store *store;

static void setup(void)
{
    Err e;
    if (store_create(":memory:", (int64_t)time(NULL), &store, &e) < 0)
        abort();
    const EmbeddedFile *demo = embed_find("data/demo/catalogue.jsonl");
    FILE *in = fmemopen((void *)demo->data, demo->size, "r");
    ImportCounts c;
    if (!in || interchange_import(store, in, NULL, NULL, &c, &e) < 0)
        abort();
    fclose(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!store)
        setup();
    if (size == 0 || size > 1 << 16)
        return 0;
    FILE *in = fmemopen((void *)data, size, "r");
    if (!in)
        return 0;
    Err e;
    err_clear(&e);
    ImportCounts c;
    if (store_begin(store, &e) < 0)
        abort();
    int rc = interchange_import_lines(store, in, NULL, NULL, &c, &e);
    fclose(in);
    store_rollback(store);
    if (rc < 0 && rc != ERR_IO && strncmp(e.message_en, "line ", 5) != 0 &&
        strstr(e.message_en, "is not defined by any line") == NULL)
        abort();
    return 0;
}
