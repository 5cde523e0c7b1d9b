/* search.h: officer search text as the API and the pages read it: a dossier reference is looked
 * up by code, forgiving as core/dossier_code's dossier_code_lookup reads it (spaces, case, a
 * number without its zeros, a day's number "261206-3" or today's "-3" in the searcher's units);
 * anything else becomes an FTS5 query over the folded search text (name, identity number,
 * phone; see dossiers_search_text), so "nguyen van an" finds "Nguyễn Văn An". */
#ifndef MOTCUA_SEARCH_H
#define MOTCUA_SEARCH_H

#include "store/store.h"
#include "util/arena.h"

/* search_fts_query turns free text into an FTS5 query: each folded word (vntext_fold, so
 * without marks and with đ as d) as a quoted prefix term, all required. Returns the query
 * allocated from a, or NULL when q folds to nothing (or is not valid UTF-8). */
const char *search_fts_query(Arena *a, const char *q);

/* search_apply_text sets q->code or q->code_suffix when text is a dossier reference
 * (dossier_code_lookup, "today" being the local day of instant now); else q->code when it
 * still looks like a code (it holds '-' and '.': nothing else can match it), else q->fts from
 * search_fts_query. text may be NULL (no condition); strings from a. */
void search_apply_text(Arena *a, DossierQuery *q, const char *text, int64_t now);

#endif
