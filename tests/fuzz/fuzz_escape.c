/* fuzz_escape.c: libFuzzer target for the escapers of util/escape (HTML, CSV, URL) and the HTML
 * builder's writer over them. The input up to its first NUL is escaped each way; beyond "no
 * crash, no sanitizer report" it checks that the HTML form holds none of & < > " ' unescaped
 * and decodes back to the input, and that html() and html_path() write exactly that form and
 * the URL form for %s; that the CSV field is one quoted field that reads back to the input
 * (after the formula guard), and that the URL form holds only unreserved characters and %XX
 * and decodes back. The normal test run replays tests/fuzz/corpus/escape/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vntext.h"
#include "io/html.h"
#include "util/escape.h"
#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_html(const char *s)
{
    static const char *const entities[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
    static const char plain[] = "&<>\"'";
    StrBuf sb;
    sb_init(&sb, 0);
    esc_html(&sb, s);
    size_t j = 0;
    for (size_t i = 0; i < sb.len; i++, j++) {
        char c = sb.data[i];
        if (c == '<' || c == '>' || c == '"' || c == '\'')
            abort();
        if (c == '&') {
            size_t k = 0;
            while (k < 5 && strncmp(sb.data + i, entities[k], strlen(entities[k])) != 0)
                k++;
            if (k == 5)
                abort();
            c = plain[k];
            i += strlen(entities[k]) - 1;
        }
        if (s[j] != c)
            abort();
    }
    if (s[j] != '\0')
        abort();
    /* the writer's %s is that escaper, in content and attribute alike */
    StrBuf page;
    sb_init(&page, 0);
    html(&page, "<p title=\"%s\">%s</p>", s, s);
    if (page.len != 2 * sb.len + 16 || memcmp(page.data, "<p title=\"", 10) != 0 ||
        memcmp(page.data + 10, sb.data ? sb.data : "", sb.len) != 0 ||
        memcmp(page.data + 10 + sb.len, "\">", 2) != 0 ||
        memcmp(page.data + 12 + sb.len, sb.data ? sb.data : "", sb.len) != 0 ||
        strcmp(page.data + 12 + 2 * sb.len, "</p>") != 0)
        abort();
    sb_free(&page);
    sb_free(&sb);
}

static void check_csv(const char *s)
{
    StrBuf sb;
    sb_init(&sb, 0);
    esc_csv(&sb, s);
    if (sb.len < 2 || sb.data[0] != '"' || sb.data[sb.len - 1] != '"')
        abort();
    size_t j = 0;
    int guarded = sb.len > 2 && sb.data[1] == '\'' && s[0] != '\'';
    for (size_t i = 1 + (size_t)guarded; i + 1 < sb.len; i++, j++) {
        if (sb.data[i] == '"' && sb.data[++i] != '"')
            abort(); /* a lone quote inside the field */
        if (s[j] != sb.data[i])
            abort();
    }
    if (s[j] != '\0' || (guarded && !strchr("=+-@\t\r", s[0])))
        abort();
    sb_free(&sb);
}

static void check_url(Arena *a, const char *s)
{
    StrBuf sb;
    sb_init(&sb, 0);
    esc_url(&sb, s);
    for (size_t i = 0; i < sb.len; i++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%",
                    sb.data[i]))
            abort();
    /* html_path's %s is that encoding */
    const char *path = html_path(a, "/x/%s", s);
    if (strncmp(path, "/x/", 3) != 0 || strcmp(path + 3, sb.data ? sb.data : "") != 0)
        abort();
    char *back = form_decode(a, sb.data ? sb.data : "", sb.len);
    char *nfc = vntext_nfc(a, s, strlen(s)); /* form values are read in NFC */
    if (back && (!nfc || strcmp(back, nfc) != 0))
        abort();
    sb_free(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    Arena *a = arena_new();
    const char *s = arena_strndup(a, (const char *)data, size); /* up to the first NUL */
    check_html(s);
    check_csv(s);
    check_url(a, s);
    arena_free(a);
    return 0;
}
