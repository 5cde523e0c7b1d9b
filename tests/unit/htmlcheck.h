/* htmlcheck.h: a strict little well-formedness checker for the markup the HTML builder emits,
 * shared by test_html.c and test_qr.c. It accepts the subset motcua writes: a doctype, elements
 * with double-quoted attributes, HTML void elements, SVG self-closing elements, <style> as raw
 * text, and text in which every '&' starts one of the entities esc_html writes and no '<' or
 * '>' stands alone. Every start tag must be closed by the matching end tag, in order.
 * htmlcheck returns NULL when s is well formed, else a static message naming the problem. */
#ifndef MOTCUA_TEST_HTMLCHECK_H
#define MOTCUA_TEST_HTMLCHECK_H

#include <stdio.h>
#include <string.h>

/* htmlcheck_entity returns the length of the entity at s ("&amp;" ...), or 0. */
static inline size_t htmlcheck_entity(const char *s)
{
    static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
    for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++)
        if (strncmp(s, ents[i], strlen(ents[i])) == 0)
            return strlen(ents[i]);
    return 0;
}

static inline int htmlcheck_namechar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == ':';
}

static inline int htmlcheck_void(const char *name, size_t n)
{
    static const char *const voids[] = {"meta", "link", "hr", "br", "img", "input", "col"};
    for (size_t i = 0; i < sizeof voids / sizeof voids[0]; i++)
        if (strlen(voids[i]) == n && strncmp(voids[i], name, n) == 0)
            return 1;
    return 0;
}

static inline const char *htmlcheck(const char *s)
{
    enum { DEPTH = 64, NAME = 32 };
    char stack[DEPTH][NAME];
    int depth = 0;
    static const char doctype[] = "<!DOCTYPE html>";
    if (strncmp(s, doctype, sizeof doctype - 1) == 0)
        s += sizeof doctype - 1;
    while (*s) {
        if (*s == '&') {
            size_t n = htmlcheck_entity(s);
            if (!n)
                return "bare & in text";
            s += n;
            continue;
        }
        if (*s == '>')
            return "bare > in text";
        if (*s != '<') {
            s++;
            continue;
        }
        s++;
        int closing = *s == '/';
        if (closing)
            s++;
        const char *name = s;
        while (htmlcheck_namechar(*s))
            s++;
        size_t n = (size_t)(s - name);
        if (n == 0 || n >= NAME)
            return "bad tag name (or a bare <)";
        if (closing) {
            if (*s != '>')
                return "junk in an end tag";
            s++;
            if (depth == 0)
                return "end tag without a start tag";
            depth--;
            if (strlen(stack[depth]) != n || strncmp(stack[depth], name, n) != 0)
                return "end tag does not match the open element";
            continue;
        }
        /* attributes: name="value", value escaped */
        int self_closing = 0;
        for (;;) {
            while (*s == ' ' || *s == '\n')
                s++;
            if (*s == '>') {
                s++;
                break;
            }
            if (s[0] == '/' && s[1] == '>') {
                s += 2;
                self_closing = 1;
                break;
            }
            const char *an = s;
            while (htmlcheck_namechar(*s))
                s++;
            if (s == an)
                return "bad attribute name";
            if (*s != '=')
                continue; /* a boolean attribute */
            s++;
            if (*s != '"')
                return "unquoted attribute value";
            s++;
            while (*s != '"') {
                if (!*s)
                    return "unterminated attribute value";
                if (*s == '<' || *s == '>')
                    return "< or > in an attribute value";
                if (*s == '&') {
                    size_t en = htmlcheck_entity(s);
                    if (!en)
                        return "bare & in an attribute value";
                    s += en;
                } else {
                    s++;
                }
            }
            s++;
            if (*s != ' ' && *s != '\n' && *s != '>' && *s != '/')
                return "no space after an attribute";
        }
        if (self_closing || htmlcheck_void(name, n))
            continue;
        if (n == 5 && strncmp(name, "style", 5) == 0) {
            const char *end = strstr(s, "</style>");
            if (!end)
                return "unterminated <style>";
            if (memchr(s, '<', (size_t)(end - s)))
                return "< inside <style>";
            s = end + strlen("</style>");
            continue;
        }
        if (depth == DEPTH)
            return "nesting too deep";
        memcpy(stack[depth], name, n);
        stack[depth][n] = '\0';
        depth++;
    }
    return depth == 0 ? NULL : "unclosed element at the end";
}

/* htmlcheck_count returns the number of non-overlapping occurrences of needle in s. */
static inline int htmlcheck_count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + strlen(needle), needle))
        n++;
    return n;
}

#endif
