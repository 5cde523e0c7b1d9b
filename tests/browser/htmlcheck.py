"""A strict well-formedness check of the HTML motcua sends (the bytes from the server, not the
browser's repaired DOM): a doctype first, every non-void element closed in order, no stray or
misnested end tags, no end tag on a void element, every attribute value quoted, no attribute
twice, ids unique and every <label for> naming an element of the page. check() returns a list
of problems ("line N: ..."), empty when the page is clean."""
import html.parser
import re

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# one attribute inside a start tag: name, then optionally = and a value (quoted or not)
ATTR = re.compile(r"""\s*([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""", re.S)
TAG_HEAD = re.compile(r"<[a-zA-Z][^\s/>]*")


class _Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.stack, self.ids, self.label_for = [], [], set(), []
        self.seen_doctype = self.seen_element = False

    def _say(self, msg):
        self.problems.append("line %d: %s" % (self.getpos()[0], msg))

    def handle_decl(self, decl):
        if decl.lower() != "doctype html":
            self._say("unexpected declaration <!%s>" % decl)
        self.seen_doctype = True

    def _attrs(self, tag, attrs):
        if not self.seen_doctype and not self.seen_element:
            self._say("no <!DOCTYPE html> before <%s>" % tag)
        self.seen_element = True
        text = self.get_starttag_text()
        rest = TAG_HEAD.sub("", text, count=1).rstrip(">").rstrip("/")
        pos = 0
        while pos < len(rest) and rest[pos:].strip():
            m = ATTR.match(rest, pos)
            if not m or m.end() == pos:
                self._say("malformed attributes in %s" % text)
                break
            if m.group(2) is not None and m.group(2)[0] not in "\"'":
                self._say("unquoted attribute %s in <%s>" % (m.group(1), tag))
            pos = m.end()
        names = [n for n, _ in attrs]
        for n in set(names):
            if names.count(n) > 1:
                self._say("attribute %s twice in <%s>" % (n, tag))
        d = dict(attrs)
        if d.get("id") is not None:
            if d["id"] in self.ids:
                self._say("duplicate id %r" % d["id"])
            self.ids.add(d["id"])
        if tag == "label" and d.get("for"):
            self.label_for.append((self.getpos()[0], d["for"]))

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag not in VOID and not self.stack_in_svg():
            self._say("self-closing non-void <%s/>" % tag)

    def stack_in_svg(self):
        return any(t in ("svg", "math") for t, _ in self.stack)

    def handle_endtag(self, tag):
        if tag in VOID:
            self._say("end tag </%s> of a void element" % tag)
        elif not self.stack:
            self._say("stray end tag </%s>" % tag)
        elif self.stack[-1][0] != tag:
            open_tag, line = self.stack[-1]
            self._say("</%s> closes <%s> opened on line %d" % (tag, open_tag, line))
            if any(t == tag for t, _ in self.stack):  # resynchronise to report once
                while self.stack.pop()[0] != tag:
                    pass
        else:
            self.stack.pop()


def check(text):
    """The problems of one HTML document (a str), as a list of strings."""
    p = _Checker()
    p.feed(text)
    p.close()
    for tag, line in p.stack:
        p.problems.append("line %d: <%s> never closed" % (line, tag))
    for line, target in p.label_for:
        if target not in p.ids:
            p.problems.append("line %d: <label for=%r> names no element" % (line, target))
    return p.problems
