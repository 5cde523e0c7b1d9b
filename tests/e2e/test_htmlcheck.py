"""The page checker every Python page test relies on (tests/lib/htmlcheck.py, running the
htmlcheck command over tests/unit/htmlcheck.c) refuses malformed pages, each for its reason and
at its place, passes a good one, and assert_page fails a response it refuses: a checker that
passed everything would let every page test pass. The rules one by one are in
tests/unit/test_htmlcheck.c; this is the path the page tests take."""
import pytest
import requests

from htmlcheck import assert_page, check_html

HEAD = ('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<title>Tra cứu</title>\n</head>\n<body>\n')


def page(body):
    return HEAD + body + "\n</body>\n</html>\n"


GOOD = page('<main><h1>Tra cứu hồ sơ</h1>\n<form action="/tra-cuu"><label for="ma">Mã hồ sơ'
            '</label><input id="ma" name="ma" required><button type="submit">Tìm</button></form>'
            '<p>A &amp; B &lt;C&gt; &quot;D&quot; &#39;E&#39;</p><svg viewBox="0 0 1 1"><title>x'
            '</title><rect x="0"/></svg><script src="/assets/app.js" defer></script></main>')

BAD = {
    "bare ampersand": (page("<p>A & B</p>"), "bare & in text"),
    "named entity": (page("<p>A&nbsp;B</p>"), "bare & in text"),
    "crossed": (page("<p>a <b>b</p></b>"), "end tag does not match the open element"),
    "unclosed": (page("<div><p>x</p>"), "end tag does not match the open element"),
    "void self-closed": (page("<p>a<br/>b</p>"), "void element written self-closing"),
    "void closed": (page("<p>a<br></br>b</p>"), "end tag for a void element"),
    "div self-closed": (page("<div/>"), "element self-closed outside <svg>"),
    "duplicate id": (page('<p id="a">1</p><p id="a">2</p>'), "duplicate id"),
    "label for nothing": (page('<label for="b">B</label><input id="a">'),
                          "<label for> names no element"),
    "unquoted": (page("<p title=x>y</p>"), "unquoted attribute value"),
    "single-quoted": (page("<p title='x'>y</p>"), "unquoted attribute value"),
    "repeated attribute": (page('<p class="a" class="b">y</p>'), "attribute repeated in one tag"),
    "comment": (page("<p>x</p><!-- note -->"), "bare < in text"),
    "inline script": (page("<script>if (a < b) go();</script>"), "bare < in text"),
    "no doctype": (GOOD.replace("<!DOCTYPE html>\n", ""), "no <!DOCTYPE html> at the start"),
    "English": (GOOD.replace('lang="vi"', 'lang="en"'), '<html lang> is not "vi"'),
    "no charset": (GOOD.replace('<meta charset="utf-8">\n', ""), 'no <meta charset="utf-8">'),
    "no title": (GOOD.replace("<title>Tra cứu</title>\n", ""), "not exactly one <title>"),
    "after html": (GOOD + "<p>x</p>", "element outside <html>"),
}


def response(text, status=200):
    """A requests.Response as a server would have sent text."""
    r = requests.models.Response()
    r.status_code, r.url, r.encoding = status, "http://127.0.0.1/trang", "utf-8"
    r.headers["Content-Type"] = "text/html; charset=utf-8"
    r._content = text if isinstance(text, bytes) else text.encode()
    return r


def test_a_good_page_passes():
    assert check_html(GOOD) == []
    assert check_html(GOOD.encode()) == []
    assert check_html(GOOD, labels=True) == []
    assert assert_page(response(GOOD)) == GOOD


@pytest.mark.parametrize("name", BAD)
def test_a_bad_page_is_refused(name):
    html, problem = BAD[name]
    problems = check_html(html)
    assert len(problems) == 1 and problem in problems[0], problems
    with pytest.raises(AssertionError):
        assert_page(response(html))


def test_the_problem_says_where():
    # line 8 is the body's first; the '&' is its 6th byte
    assert check_html(page("<p>A & B</p>")) == ["8:6: bare & in text near «& B</p>»"]


def test_bytes_that_are_not_text():
    bad = GOOD.encode().replace("Mã hồ sơ".encode(), b"M\xe3 h\xf4 s\xf4")  # Latin-1
    assert "not valid UTF-8" in check_html(bad)[0]
    assert "NUL byte in the page" in check_html(GOOD.encode().replace(b"</h1>", b"\0</h1>"))[0]


def test_labels_are_asked_for_when_wanted():
    unlabelled = page('<form><input name="q"><button type="submit">Tìm</button></form>')
    assert check_html(unlabelled) == []
    problems = check_html(unlabelled, labels=True)
    assert len(problems) == 1 and "form control without a <label for>" in problems[0], problems
