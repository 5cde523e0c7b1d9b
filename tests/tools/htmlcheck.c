/* htmlcheck: the test suites' HTML checker (tests/unit/htmlcheck.c) as a command, for the
 * Python tests (tests/lib/htmlcheck.py). Reads one page on stdin and checks it as a whole page;
 * --labels also asks every visible form control for a <label for>.
 *   htmlcheck [--labels] < page.html
 * Exit 0: the page passes. Exit 1: it does not; stdout has one line, "LINE:COLUMN: problem near
 * «text»". Exit 2: usage, or stdin unreadable. Built with the tests, never installed. */
#include "htmlcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NEAR = 60 }; /* bytes of the page quoted after the problem */

/* slurp reads all of f into a NUL-terminated buffer the caller frees; *out_n is its length. */
static char *slurp(FILE *f, size_t *out_n)
{
    size_t n = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            abort();
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
    }
    buf[n] = '\0';
    *out_n = n;
    return buf;
}

/* report prints the problem at byte offset at of page as "LINE:COLUMN: message near «...»". */
static void report(const char *page, size_t at, const char *message)
{
    size_t line = 1, col = 1;
    for (size_t i = 0; i < at; i++) {
        col++;
        if (page[i] == '\n') {
            line++;
            col = 1;
        }
    }
    size_t near = strcspn(page + at, "\n");
    if (near > NEAR)
        for (near = NEAR; (page[at + near] & 0xc0) == 0x80; near--)
            ; /* not in the middle of a character */
    printf("%zu:%zu: %s near «%.*s»\n", line, col, message, (int)near, page + at);
}

int main(int argc, char **argv)
{
    unsigned flags = HTMLCHECK_PAGE;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--labels") != 0) {
            fprintf(stderr, "usage: htmlcheck [--labels] < page.html\n");
            return 2;
        }
        flags |= HTMLCHECK_LABELS;
    }
    size_t n;
    char *page = slurp(stdin, &n);
    if (ferror(stdin)) {
        fprintf(stderr, "htmlcheck: cannot read stdin\n");
        free(page);
        return 2;
    }
    HtmlProblem p;
    int rc = 0;
    if (strlen(page) != n) {
        report(page, strlen(page), "NUL byte in the page");
        rc = 1;
    } else if (htmlcheck_run(page, flags, &p) < 0) {
        report(page, p.at, p.message);
        rc = 1;
    }
    free(page);
    return rc;
}
