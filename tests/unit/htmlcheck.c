/* htmlcheck.c: the strict HTML checker (htmlcheck.h says what it accepts). One pass over the
 * text with a stack of open elements, then the checks that need the whole document: label
 * targets, labelled controls and the page's parts. It stops at the first problem. */
#include "htmlcheck.h"

#include <stdlib.h>
#include <strings.h>

enum {
    DEPTH = 64,    /* nesting deeper than this is refused */
    MAX_ATTRS = 32 /* attributes in one tag */
};

typedef struct Span {
    const char *p;
    size_t n;
} Span;

typedef struct Spans {
    Span *v;
    size_t n, cap;
} Spans;

typedef struct Attr {
    Span name, value;
    int has_value;
} Attr;

typedef struct Check {
    const char *doc;
    unsigned flags;
    Span open[DEPTH]; /* names of the open elements */
    int depth;
    int svg;        /* open <svg> elements: inside one, SVG's own rules hold */
    Spans ids;      /* every id, as written (escaped) */
    Spans targets;  /* every <label for> value */
    Spans controls; /* the id of every visible form control (n == 0: none; p: its tag) */
    int n_html, n_head, n_title, n_body;
    int lang_vi, charset;
    HtmlProblem problem;
} Check;

static const char *const entities[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", NULL};
static const char *const voids[] = {"area",  "base", "br",   "col",    "embed", "hr",  "img",
                                    "input", "link", "meta", "source", "track", "wbr", NULL};
/* input types that need no label of their own */
static const char *const unlabelled[] = {"hidden", "submit", "button", "reset", "image", NULL};

static int fail(Check *c, const char *at, const char *message)
{
    c->problem.message = message;
    c->problem.at = (size_t)(at - c->doc);
    return -1;
}

static int is(Span s, const char *lit)
{
    return s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

static int one_of(Span s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (is(s, list[i]))
            return 1;
    return 0;
}

static int same(Span a, Span b)
{
    return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

static int holds(const Spans *set, Span s)
{
    for (size_t i = 0; i < set->n; i++)
        if (same(set->v[i], s))
            return 1;
    return 0;
}

static void push(Spans *set, Span s)
{
    if (set->n == set->cap) {
        set->cap = set->cap ? 2 * set->cap : 64;
        set->v = realloc(set->v, set->cap * sizeof *set->v);
        if (!set->v)
            abort();
    }
    set->v[set->n++] = s;
}

/* entity returns the length of the entity esc_html writes that starts s, or 0. */
static size_t entity(const char *s)
{
    for (size_t i = 0; entities[i]; i++)
        if (strncmp(s, entities[i], strlen(entities[i])) == 0)
            return strlen(entities[i]);
    return 0;
}

static int namechar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == ':';
}

/* name_at reads a tag or attribute name at *sp and moves *sp past it; the span is empty when none
 * starts there. */
static Span name_at(const char **sp)
{
    Span name = {*sp, 0};
    while (namechar(name.p[name.n]))
        name.n++;
    *sp += name.n;
    return name;
}

/* utf8_length returns the length of the UTF-8 sequence that lead starts, or 0 when no valid
 * sequence starts with it. */
static size_t utf8_length(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if (lead >= 0xc2 && lead <= 0xdf)
        return 2;
    if ((lead & 0xf0) == 0xe0)
        return 3;
    if (lead >= 0xf0 && lead <= 0xf4)
        return 4;
    return 0;
}

/* utf8_bad returns the first byte of s that is not part of a valid UTF-8 sequence, or NULL. */
static const char *utf8_bad(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = utf8_length(*p);
        if (n == 0)
            return (const char *)p;
        unsigned cp = n == 1 ? *p : *p & (0x7fu >> n);
        for (size_t i = 1; i < n; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return (const char *)p;
            cp = cp << 6 | (p[i] & 0x3fu);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
            (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
            return (const char *)p; /* overlong, a surrogate, or beyond Unicode */
        p += n;
    }
    return NULL;
}

/* attributes reads the attributes of a start tag from *sp up to and including its '>' or "/>";
 * each value double-quoted and escaped, each name once. */
static int attributes(Check *c, const char **sp, Attr *attrs, int *out_n, int *out_self_closing)
{
    const char *s = *sp;
    int n = 0;
    for (;;) {
        while (*s == ' ' || *s == '\n')
            s++;
        if (*s == '>') {
            s++;
            *out_self_closing = 0;
            break;
        }
        if (s[0] == '/' && s[1] == '>') {
            s += 2;
            *out_self_closing = 1;
            break;
        }
        Attr a = {.name = name_at(&s)};
        if (a.name.n == 0)
            return fail(c, s, "bad attribute name");
        for (int i = 0; i < n; i++)
            if (attrs[i].name.n == a.name.n &&
                strncasecmp(attrs[i].name.p, a.name.p, a.name.n) == 0)
                return fail(c, a.name.p, "attribute repeated in one tag");
        if (n == MAX_ATTRS)
            return fail(c, a.name.p, "too many attributes in one tag");
        if (*s == '=') {
            if (*++s != '"')
                return fail(c, s, "unquoted attribute value");
            a.value.p = ++s;
            while (*s != '"') {
                if (!*s)
                    return fail(c, a.value.p, "unterminated attribute value");
                if (*s == '<' || *s == '>')
                    return fail(c, s, "< or > in an attribute value");
                if (*s == '&') {
                    size_t en = entity(s);
                    if (!en)
                        return fail(c, s, "bare & in an attribute value");
                    s += en;
                } else {
                    s++;
                }
            }
            a.value.n = (size_t)(s - a.value.p);
            a.has_value = 1;
            s++;
            if (*s != ' ' && *s != '\n' && *s != '>' && *s != '/')
                return fail(c, s, "no space after an attribute");
        }
        attrs[n++] = a;
    }
    *out_n = n;
    *sp = s;
    return 0;
}

static const Attr *attr(const Attr *attrs, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (is(attrs[i].name, name))
            return &attrs[i];
    return NULL;
}

/* note records what the document-wide checks need from a start tag: ids, label targets, form
 * controls, the page's parts, its language and encoding. */
static int note(Check *c, Span name, const Attr *attrs, int n)
{
    const Attr *id = attr(attrs, n, "id");
    if (id) {
        if (id->value.n == 0)
            return fail(c, id->name.p, "empty id");
        if (holds(&c->ids, id->value))
            return fail(c, id->value.p, "duplicate id");
        push(&c->ids, id->value);
    }
    const Attr *target = attr(attrs, n, "for");
    if (is(name, "label") && target)
        push(&c->targets, target->value);
    const Attr *type = attr(attrs, n, "type");
    if (is(name, "select") || is(name, "textarea") ||
        (is(name, "input") && !(type && one_of(type->value, unlabelled))))
        push(&c->controls, id ? id->value : (Span){name.p, 0});
    if (c->svg)
        return 0; /* an SVG's <title> is its own */
    c->n_html += is(name, "html");
    c->n_head += is(name, "head");
    c->n_title += is(name, "title");
    c->n_body += is(name, "body");
    const Attr *lang = attr(attrs, n, "lang");
    if (is(name, "html") && lang && is(lang->value, "vi"))
        c->lang_vi = 1;
    const Attr *charset = attr(attrs, n, "charset");
    if (is(name, "meta") && charset && charset->value.n == 5 &&
        strncasecmp(charset->value.p, "utf-8", 5) == 0)
        c->charset = 1;
    return 0;
}

/* end_tag reads "</name>" at *sp (past the "</") and closes the element it must close. */
static int end_tag(Check *c, const char **sp)
{
    const char *s = *sp;
    Span name = name_at(&s);
    if (name.n == 0 || *s != '>')
        return fail(c, name.p, "bad end tag");
    if (one_of(name, voids))
        return fail(c, name.p, "end tag for a void element");
    if (c->depth == 0)
        return fail(c, name.p, "end tag without a start tag");
    if (!same(c->open[c->depth - 1], name))
        return fail(c, name.p, "end tag does not match the open element");
    c->depth--;
    c->svg -= is(name, "svg");
    *sp = s + 1;
    return 0;
}

/* start_tag reads a start tag at *sp (past the '<'), opens its element unless it is void or
 * self-closed, and skips a <style>'s raw text. */
static int start_tag(Check *c, const char **sp)
{
    const char *s = *sp;
    Span name = name_at(&s);
    if (name.n == 0)
        return fail(c, name.p - 1, "bare < in text (or a bad tag name)");
    if ((c->flags & HTMLCHECK_PAGE) && c->depth == 0 && !is(name, "html"))
        return fail(c, name.p, "element outside <html>");
    Attr attrs[MAX_ATTRS];
    int n, self_closing;
    if (attributes(c, &s, attrs, &n, &self_closing) < 0 || note(c, name, attrs, n) < 0)
        return -1;
    *sp = s;
    if (one_of(name, voids)) {
        if (self_closing)
            return fail(c, name.p, "void element written self-closing");
        return 0;
    }
    if (self_closing) {
        if (!c->svg)
            return fail(c, name.p, "element self-closed outside <svg>");
        return 0;
    }
    if (is(name, "style")) {
        const char *end = strstr(s, "</style>");
        if (!end)
            return fail(c, name.p, "unterminated <style>");
        const char *lt = memchr(s, '<', (size_t)(end - s));
        if (lt)
            return fail(c, lt, "< inside <style>");
        *sp = end + strlen("</style>");
        return 0;
    }
    if (c->depth == DEPTH)
        return fail(c, name.p, "nesting too deep");
    c->open[c->depth++] = name;
    c->svg += is(name, "svg");
    return 0;
}

/* markup walks the text, tags and entities from s to the end. */
static int markup(Check *c, const char *s)
{
    while (*s) {
        if (*s == '&') {
            size_t n = entity(s);
            if (!n)
                return fail(c, s, "bare & in text");
            s += n;
        } else if (*s == '>') {
            return fail(c, s, "bare > in text");
        } else if (*s != '<') {
            if ((c->flags & HTMLCHECK_PAGE) && c->depth == 0 && *s != ' ' && *s != '\n')
                return fail(c, s, "text outside <html>");
            s++;
        } else if (s[1] == '/') {
            s += 2;
            if (end_tag(c, &s) < 0)
                return -1;
        } else {
            s++;
            if (start_tag(c, &s) < 0)
                return -1;
        }
    }
    if (c->depth)
        return fail(c, c->open[c->depth - 1].p, "element never closed");
    return 0;
}

/* whole checks what needs the whole document: label targets, labelled controls, the page. */
static int whole(Check *c, const char *end)
{
    for (size_t i = 0; i < c->targets.n; i++)
        if (!holds(&c->ids, c->targets.v[i]))
            return fail(c, c->targets.v[i].p, "<label for> names no element");
    for (size_t i = 0; (c->flags & HTMLCHECK_LABELS) && i < c->controls.n; i++)
        if (c->controls.v[i].n == 0 || !holds(&c->targets, c->controls.v[i]))
            return fail(c, c->controls.v[i].p, "form control without a <label for>");
    if (!(c->flags & HTMLCHECK_PAGE))
        return 0;
    if (c->n_html != 1)
        return fail(c, end, "not exactly one <html>");
    if (c->n_head != 1)
        return fail(c, end, "not exactly one <head>");
    if (c->n_title != 1)
        return fail(c, end, "not exactly one <title>");
    if (c->n_body != 1)
        return fail(c, end, "not exactly one <body>");
    if (!c->lang_vi)
        return fail(c, end, "<html lang> is not \"vi\"");
    if (!c->charset)
        return fail(c, end, "no <meta charset=\"utf-8\">");
    return 0;
}

int htmlcheck_run(const char *s, unsigned flags, HtmlProblem *out_problem)
{
    static const char doctype[] = "<!DOCTYPE html>";
    Check c = {.doc = s, .flags = flags};
    const char *bad = utf8_bad(s);
    int rc = bad ? fail(&c, bad, "not valid UTF-8") : 0;
    const char *body = s;
    if (strncmp(s, doctype, sizeof doctype - 1) == 0)
        body += sizeof doctype - 1;
    else if (rc == 0 && (flags & HTMLCHECK_PAGE))
        rc = fail(&c, s, "no <!DOCTYPE html> at the start");
    if (rc == 0)
        rc = markup(&c, body);
    if (rc == 0)
        rc = whole(&c, s + strlen(s));
    free(c.ids.v);
    free(c.targets.v);
    free(c.controls.v);
    if (rc < 0)
        *out_problem = c.problem;
    return rc;
}

const char *htmlcheck(const char *s)
{
    HtmlProblem p;
    return htmlcheck_run(s, 0, &p) < 0 ? p.message : NULL;
}

const char *htmlcheck_page(const char *s)
{
    HtmlProblem p;
    return htmlcheck_run(s, HTMLCHECK_PAGE, &p) < 0 ? p.message : NULL;
}
