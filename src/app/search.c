/* search.c: officer search text to a DossierQuery (see search.h). */
#include "app/search.h"

#include "core/dossier_code.h"
#include "core/vntext.h"
#include "util/timefmt.h"
#include "util/strbuf.h"

#include <string.h>

const char *search_fts_query(Arena *a, const char *q)
{
    char *folded = vntext_fold(a, q, strlen(q));
    if (!folded || !*folded)
        return NULL;
    StrBuf sb;
    sb_init(&sb, 4096);
    /* whole words match whole words; only the last one, which may still be being typed, is
     * a prefix: "nguyen van an" is "nguyen" "van" "an"*, so that the index reads three
     * short lists instead of merging every word that starts with "van" */
    for (char *w = strtok_r(folded, " ", &folded); w; w = strtok_r(NULL, " ", &folded)) {
        sb_puts(&sb, sb.len ? " \"" : "\"");
        for (const char *p = w; *p; p++) {
            if (*p == '"')
                sb_putc(&sb, '"');
            sb_putc(&sb, *p);
        }
        sb_puts(&sb, *folded ? "\"" : "\"*");
    }
    const char *r = sb.err || !sb.data ? NULL : arena_strdup(a, sb.data);
    sb_free(&sb);
    return r;
}

void search_apply_text(Arena *a, DossierQuery *q, const char *text, int64_t now)
{
    if (!text || !*text)
        return;
    char code[DOSSIER_CODE_MAX];
    switch (dossier_code_lookup(text, timefmt_local_day(now), code)) {
    case DOSSIER_REF_CODE: q->code = arena_strdup(a, code); return;
    case DOSSIER_REF_SUFFIX: q->code_suffix = arena_strdup(a, code); return;
    case DOSSIER_REF_NONE: break;
    }
    if (strchr(text, '-') && strchr(text, '.'))
        q->code = text; /* a dossier code */
    else
        q->fts = search_fts_query(a, text);
}
