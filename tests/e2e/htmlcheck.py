"""A strict well-formedness check for motcua's server-rendered pages: every element closed in
order (HTML5 void elements excepted), attributes quoted as the builder writes them, no duplicate
ids, a doctype and <html lang="vi">, and the size limit of issue 7 (50 KB)."""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
MAX_BYTES = 50 * 1024


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids = [], [], {}
        self.doctype = False
        self.lang = None

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True

    def _where(self):
        line, col = self.getpos()
        return "%d:%d" % (line, col)

    def handle_starttag(self, tag, attrs):
        names = [k for k, _ in attrs]
        if len(names) != len(set(names)):
            self.errors.append("%s: <%s> repeats an attribute" % (self._where(), tag))
        for k, v in attrs:
            if k == "id":
                if v in self.ids:
                    self.errors.append("%s: duplicate id %r (first at %s)" % (self._where(), v,
                                                                              self.ids[v]))
                self.ids.setdefault(v, self._where())
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag not in VOID:
            self.stack.append((tag, self._where()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append("%s: end tag for void element </%s>" % (self._where(), tag))
            return
        if not self.stack:
            self.errors.append("%s: </%s> closes nothing" % (self._where(), tag))
            return
        top, where = self.stack[-1]
        if top != tag:
            self.errors.append("%s: </%s> closes <%s> opened at %s" % (self._where(), tag, top,
                                                                       where))
            return
        self.stack.pop()


def problems(text):
    """Returns the list of problems of a page (empty when it is well-formed)."""
    c = _Checker()
    c.feed(text)
    c.close()
    errs = list(c.errors)
    for tag, where in c.stack:
        errs.append("<%s> opened at %s is never closed" % (tag, where))
    if not c.doctype:
        errs.append("no <!DOCTYPE html>")
    if c.lang != "vi":
        errs.append('<html> has no lang="vi"')
    return errs


def check_page(response):
    """Asserts that a requests response is a well-formed HTML page under 50 KB."""
    assert response.headers["Content-Type"].startswith("text/html"), response.headers
    assert len(response.content) < MAX_BYTES, (response.url, len(response.content))
    errs = problems(response.text)
    assert not errs, (response.url, errs[:10])
    return response.text
