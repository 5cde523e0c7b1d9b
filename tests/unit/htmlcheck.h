/* htmlcheck.h: the one strict HTML checker of the test suites. The unit tests call it on what
 * the HTML builder writes (fragments and whole pages); the end-to-end and browser tests call it
 * on every page the server sends, through the htmlcheck tool (tests/tools/htmlcheck.c) that
 * tests/lib/htmlcheck.py runs. It accepts the subset motcua writes and nothing looser:
 * - valid UTF-8; text in which every '&' starts one of the entities esc_html writes and no '<'
 *   or '>' stands alone; no comments; <style> as raw text without '<';
 * - elements with double-quoted, escaped attribute values, each attribute named once;
 * - every start tag closed by the matching end tag, in order; HTML void elements (<br>,
 *   <input> ...) never closed and never written self-closing; other elements self-closed only
 *   inside <svg>;
 * - ids unique and not empty; every <label for> names an element of the document.
 * HTMLCHECK_PAGE adds what a whole page needs: <!DOCTYPE html> first, then one <html lang="vi">
 * holding everything, with one <head>, one <title> (outside SVG), one <body> and a
 * <meta charset="utf-8">. HTMLCHECK_LABELS adds: every visible form control (input, select,
 * textarea) has an id some <label for> names. */
#ifndef MOTCUA_TEST_HTMLCHECK_H
#define MOTCUA_TEST_HTMLCHECK_H

#include <stddef.h>
#include <string.h>

enum {
    HTMLCHECK_PAGE = 1,   /* a whole page, not a fragment */
    HTMLCHECK_LABELS = 2, /* every visible form control has a <label for> */
};

typedef struct HtmlProblem {
    const char *message; /* what is wrong, static text */
    size_t at;           /* byte offset in the checked text where it was found */
} HtmlProblem;

/* htmlcheck_run checks the NUL-terminated text s under flags (HTMLCHECK_*). Returns 0 when s
 * passes; else -1 with the first problem found in *out_problem. Allocates only while it runs. */
int htmlcheck_run(const char *s, unsigned flags, HtmlProblem *out_problem);

/* htmlcheck checks the fragment (or page) s without the page rules; returns NULL when s passes,
 * else a static message naming the problem. */
const char *htmlcheck(const char *s);

/* htmlcheck_page checks s as a whole page (HTMLCHECK_PAGE); returns NULL or a static message. */
const char *htmlcheck_page(const char *s);

/* htmlcheck_count returns the number of non-overlapping occurrences of needle in s. */
static inline int htmlcheck_count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + strlen(needle), needle))
        n++;
    return n;
}

#endif
