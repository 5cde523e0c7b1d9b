"""Well-formedness and accessibility basics of the administrator's pages, with Python's
html.parser: every element closed in order (HTML5 void elements never closed), no duplicate
ids, every visible form control labelled by a <label for>, a doctype and <html lang="vi">, and
the 50 KB limit of issue 7."""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}
MAX_BYTES = 50 * 1024


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors = [], []
        self.ids, self.label_for, self.controls = set(), set(), []
        self.doctype, self.lang = False, None

    def _at(self):
        return "%d:%d" % self.getpos()

    def handle_decl(self, decl):
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if len(a) != len(attrs):
            self.errors.append("%s: <%s> repeats an attribute" % (self._at(), tag))
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append("%s: duplicate id %r" % (self._at(), a["id"]))
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"])
        if tag in ("select", "textarea") or (
                tag == "input" and a.get("type", "text") not in UNLABELLED_INPUTS):
            self.controls.append((self._at(), tag, a.get("id"), a.get("name")))
        if tag not in VOID:
            self.stack.append((tag, self._at()))

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.errors.append("%s: <%s/> is not a void element" % (self._at(), tag))
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append("%s: </%s> closes a void element" % (self._at(), tag))
            return
        if not self.stack:
            self.errors.append("%s: </%s> without an open element" % (self._at(), tag))
            return
        top, where = self.stack.pop()
        if top != tag:
            self.errors.append("%s: </%s> closes <%s> opened at %s" % (self._at(), tag, top, where))


def check(html_bytes):
    """Returns a list of problems (empty when the page is fine)."""
    problems = []
    if len(html_bytes) >= MAX_BYTES:
        problems.append("page is %d bytes (limit %d)" % (len(html_bytes), MAX_BYTES))
    c = _Checker()
    c.feed(html_bytes.decode("utf-8"))
    c.close()
    problems += c.errors
    problems += ["unclosed <%s> opened at %s" % s for s in c.stack]
    if not c.doctype:
        problems.append("no <!DOCTYPE html>")
    if c.lang != "vi":
        problems.append('<html> lacks lang="vi"')
    for where, tag, id_, name in c.controls:
        if not id_ or id_ not in c.label_for:
            problems.append("%s: <%s name=%r> has no <label for>" % (where, tag, name))
    return problems


def assert_page(response):
    """Asserts that an HTML response is a well-formed page under the size limit."""
    assert response.headers["Content-Type"].startswith("text/html"), response.headers
    problems = check(response.content)
    assert not problems, "\n".join(problems)
