"""A small strict HTML checker for the pages tests, on Python's html.parser: every element
is closed in order (no stray or missing end tags, optional end tags not relied upon), void
elements are never closed (no </br>, no <input/> self-closing), ids are unique, attribute
names are not repeated, the document has one <html>, <head>, <title> and <body>, and the
page declares lang="vi" and UTF-8."""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# SVG elements that may be self-closed inside <svg>.
SVG_SELF_CLOSING_OK = {"path", "rect", "line", "circle", "polyline", "polygon", "text", "g",
                       "ellipse", "use", "stop", "title", "desc", "tspan"}


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.ids = set()
        self.counts = {}
        self.lang = None
        self.charset = False
        self.doctype = False

    def _where(self):
        line, col = self.getpos()
        return f"{line}:{col}"

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True

    def _attrs(self, tag, attrs):
        names = [n for n, _ in attrs]
        if len(names) != len(set(names)):
            self.errors.append(f"{self._where()} <{tag}> repeats an attribute: {names}")
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.errors.append(f"{self._where()} duplicate id {value!r}")
                self.ids.add(value)
            if tag == "html" and name == "lang":
                self.lang = value
            if tag == "meta" and name == "charset" and (value or "").lower() == "utf-8":
                self.charset = True

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        if not any(t == "svg" for t, _ in self.stack):  # an SVG has <title>s of its own
            self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag not in VOID:
            self.stack.append((tag, self._where()))

    def handle_startendtag(self, tag, attrs):
        self._attrs(tag, attrs)
        self.counts[tag] = self.counts.get(tag, 0) + 1
        in_svg = any(t == "svg" for t, _ in self.stack)
        if tag in VOID:
            self.errors.append(f"{self._where()} void element <{tag}/> written self-closing")
        elif not (in_svg and tag in SVG_SELF_CLOSING_OK):
            self.errors.append(f"{self._where()} non-void element <{tag}/> self-closed")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append(f"{self._where()} end tag </{tag}> for a void element")
            return
        if not self.stack:
            self.errors.append(f"{self._where()} stray </{tag}>")
            return
        open_tag, where = self.stack[-1]
        if open_tag != tag:
            self.errors.append(f"{self._where()} </{tag}> closes <{open_tag}> opened at {where}")
            # recover: pop up to the matching tag when there is one
            if any(t == tag for t, _ in self.stack):
                while self.stack and self.stack[-1][0] != tag:
                    self.stack.pop()
                self.stack.pop()
            return
        self.stack.pop()


def check_html(text):
    """Returns the list of problems found in the document text (empty: well-formed)."""
    c = _Checker()
    c.feed(text)
    c.close()
    errors = list(c.errors)
    for tag, where in c.stack:
        errors.append(f"<{tag}> opened at {where} is never closed")
    if not c.doctype:
        errors.append("no <!DOCTYPE html>")
    for tag in ("html", "head", "title", "body"):
        if c.counts.get(tag, 0) != 1:
            errors.append(f"<{tag}> appears {c.counts.get(tag, 0)} times")
    if c.lang != "vi":
        errors.append(f"<html lang> is {c.lang!r}, not 'vi'")
    if not c.charset:
        errors.append("no <meta charset=\"utf-8\">")
    return errors


def assert_page(response, status=200, max_bytes=50 * 1024):
    """Checks a page response: status, HTML content type, size and well-formedness."""
    assert response.status_code == status, (response.status_code, response.text[:2000])
    assert response.headers["Content-Type"].startswith("text/html"), response.headers
    assert len(response.content) < max_bytes, len(response.content)
    problems = check_html(response.text)
    assert not problems, problems[:20]
    return response.text
