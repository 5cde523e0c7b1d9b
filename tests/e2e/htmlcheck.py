"""The strict HTML checker every page test shares (end-to-end and browser), on Python's
html.parser: every element is closed in order (no stray or missing end tags, optional end
tags not relied upon), void elements are never closed (no </br>, no <input/>), ids are
unique, attribute names are not repeated, every <label for> names an element, the document
has one <html>, <head>, <title> and <body>, and declares lang="vi" and UTF-8. With
labels=True every visible form control must also have a <label for>."""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# SVG elements that may be self-closed inside <svg>.
SVG_SELF_CLOSING_OK = {"path", "rect", "line", "circle", "polyline", "polygon", "text", "g",
                       "ellipse", "use", "stop", "title", "desc", "tspan"}
# Inputs that need no label of their own.
UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}
MAX_BYTES = 50 * 1024


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
        self.label_for = []  # (where, target)
        self.controls = []   # (where, tag, id, name) of visible form controls

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
        a = dict(attrs)
        if tag == "label" and a.get("for"):
            self.label_for.append((self._where(), a["for"]))
        if tag in ("select", "textarea") or (
                tag == "input" and (a.get("type") or "text") not in UNLABELLED_INPUTS):
            self.controls.append((self._where(), tag, a.get("id"), a.get("name")))
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


def check_html(text, labels=False):
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
    for where, target in c.label_for:
        if target not in c.ids:
            errors.append(f"{where} <label for={target!r}> names no element")
    if labels:
        labelled = {t for _, t in c.label_for}
        for where, tag, id_, name in c.controls:
            if not id_ or id_ not in labelled:
                errors.append(f"{where} <{tag} name={name!r}> has no <label for>")
    return errors


def assert_page(response, status=200, max_bytes=MAX_BYTES, labels=False):
    """Checks a page response: status (None: any), HTML content type, size and
    well-formedness; returns its text."""
    if status is not None:
        assert response.status_code == status, (response.status_code, response.text[:2000])
    assert response.headers["Content-Type"].startswith("text/html"), response.headers
    assert len(response.content) < max_bytes, (response.url, len(response.content))
    problems = check_html(response.text, labels)
    assert not problems, (response.url, problems[:20])
    return response.text


def check_page(response):
    """assert_page whatever the status."""
    return assert_page(response, status=None)
