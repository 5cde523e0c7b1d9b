"""Hostile input (issue 9, item 4), end to end: malformed and malicious requests against a
running server — oversized bodies and headers, invalid UTF-8, NUL bytes, SQL and HTML
injection in every field, path traversal, huge numbers, deeply nested JSON, wrong types,
cookie posts without a CSRF token, session fixation, enumeration of look-up codes and a slow
client. Each is answered with the right 4xx and changes nothing: a fingerprint of the store
(every table but the session and access logs) is the same before and after. Injected text
that is legitimately stored (a name, a comment) comes back byte for byte in JSON and escaped
in HTML."""
import contextlib
import hashlib
import json
import re
import socket
import time
from urllib.parse import quote, urlparse

import pytest
import requests

from conftest import assert_error, login
from motcua import COMMUNE, Server, connect, is_url, run, table_columns, tables
from htmlcheck import check_page

PROCEDURE = "1.004873"
COMPONENT = "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu"
SQLI = ["' OR 1=1 --", '"; DROP TABLE dossier; --', "1' UNION SELECT password_hash FROM user --"]
XSS = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>',
       "</textarea><script>alert(2)</script>", "';alert(3);//"]
# Tables whose content no refused request may touch (session: logins; access_log: views).
TABLES = ("unit", "field", "procedure", "procedure_component", "user", "api_token", "holiday_year",
          "unit_windows", "dossier", "dossier_event", "code_counter", "idempotency", "stat_state",
          "stat_day", "stat_month", "stat_pay", "stat_officer", "webhook", "outbox", "notification",
          "document", "dossier_document", "receipt_counter", "payment")


JSON = {"Content-Type": "application/json"}  # a raw JSON body, sent as JSON
WRONG_KEY = "K7QM2XRD"  # a well-formed look-up key that opens nothing (1 in 2**40)


def digest(db):
    con = connect(db)
    h = hashlib.sha256()
    for table in TABLES:
        h.update(table.encode())
        # a wrong look-up key counts against its dossier's budget: not what a refused request
        # may not touch
        cols = ", ".join(c for c in table_columns(con, table) if c != "lookup_failures")
        for row in con.execute(f'SELECT {cols} FROM "{table}" ORDER BY 1'):
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


def n_dossiers(db):
    con = connect(db)
    n = con.execute("SELECT count(*) FROM dossier").fetchone()[0]
    con.close()
    return n


@contextlib.contextmanager
def unchanged(db):
    before = digest(db)
    yield
    assert digest(db) == before, "a refused request changed the store"


def body(**over):
    b = {"procedure": PROCEDURE, "unit": COMMUNE, "channel": "direct",
         "applicant": {"name": "Võ Thị Bền", "phone": "0977000111", "id_number": "045090001234",
                       "address": "Gio Linh, Quảng Trị"},
         "components": [{"name": COMPONENT, "digitized": False}]}
    b.update(over)
    return b


def applicant(**over):
    a = dict(body()["applicant"])
    a.update(over)
    return a


def raw(server, data, timeout=10):
    """Sends raw bytes on a fresh connection; returns (status, body bytes); status 0 if none."""
    u = urlparse(server.url)
    buf = b""
    with socket.create_connection((u.hostname, u.port), timeout=timeout) as s:
        s.sendall(data)
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                buf += chunk
                head, sep, rest = buf.partition(b"\r\n\r\n")
                m = re.search(rb"\r\ncontent-length: *(\d+)", head, re.I)
                if sep and m and len(rest) >= int(m.group(1)):
                    break
        except (ConnectionResetError, socket.timeout):
            pass
    m = re.match(rb"HTTP/1\.[01] (\d{3})", buf)
    return (int(m.group(1)) if m else 0), buf.partition(b"\r\n\r\n")[2]


def get_raw(server, path, extra=b""):
    return raw(server, b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
               + extra + b"\r\n")


@pytest.fixture(scope="module")
def env(server, demo_db):
    token = run("token", "add", "hostile", "--role", "integration", "--unit", COMMUNE, "--db",
                demo_db, check=0).stdout.strip()
    api = requests.Session()
    api.headers["Authorization"] = "Bearer " + token
    codes, keys = [], []
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        r = api.post(server.url + "/api/v1/dossiers", json=body(applicant=applicant(name=name)))
        assert r.status_code == 201, r.text
        codes.append(r.json()["code"])
        keys.append(r.json()["lookup_key"])
    e = {"srv": server, "db": demo_db, "api": api, "codes": codes, "keys": keys,
         "clerk": login(server, "clerk")}
    yield e
    api.close()  # idle keep-alive connections would hold the server's shutdown up to 10 s
    e["clerk"].close()


def healthy(server):
    assert requests.get(server.url + "/healthz", timeout=5).status_code == 200


# ---- size limits ----

def test_oversized_bodies_and_headers(env):
    srv, api, db = env["srv"], env["api"], env["db"]
    with unchanged(db):
        big = json.dumps(body(applicant=applicant(address="x" * (2 * 1024 * 1024)))).encode()
        try:
            assert_error(api.post(srv.url + "/api/v1/dossiers", data=big,
                                  headers={"Content-Type": "application/json"}), 413)
        except requests.ConnectionError:
            pass  # closed before the client finished sending: acceptable, nothing stored
        status, _ = raw(srv, b"POST /api/v1/dossiers HTTP/1.1\r\nHost: x\r\nContent-Length: "
                        b"99999999999999999999999\r\n\r\n")
        assert status in (400, 413)
        # a field over its own limit inside a small body
        assert_error(api.post(srv.url + "/api/v1/dossiers",
                              json=body(applicant=applicant(name="Ă" * 200))), 400, "name")
        # one huge header, many headers, a huge cookie, a huge URL
        assert get_raw(srv, b"/healthz", b"X-Big: " + b"b" * 100000 + b"\r\n")[0] in (400, 413, 431)
        many = b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 50) for i in range(3000))
        assert get_raw(srv, b"/healthz", many)[0] in (400, 413, 431)
        assert get_raw(srv, b"/ho-so", b"Cookie: motcua_session=" + b"c" * 90000 + b"\r\n")[0] \
            in (400, 413, 431)
        assert get_raw(srv, b"/api/v1/dossiers?q=" + b"a" * 100000)[0] in (400, 413, 414, 431)
        r = api.get(srv.url + "/api/v1/dossiers", params={"q": "a" * 201})
        assert_error(r, 400, "q")
    healthy(srv)


# ---- invalid UTF-8 and NUL bytes ----

def test_invalid_utf8_in_json_fields(env):
    srv, api, db = env["srv"], env["api"], env["db"]
    tmpl = json.dumps(body(), ensure_ascii=False).encode()
    with unchanged(db):
        for old in ("Võ Thị Bền".encode(), b"Gio Linh", COMPONENT.encode(), PROCEDURE.encode(),
                    b"direct"):
            for bad in (b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                        b"\xc0\xaf"):  # junk, bad continuation, surrogate, 5-byte, overlong '/'
                data = tmpl.replace(old, b"A" + bad + b"B", 1)
                assert data != tmpl
                assert_error(api.post(srv.url + "/api/v1/dossiers", data=data,
                                      headers={"Content-Type": "application/json"}), 400)
        # \ud800 escapes: lone surrogates are not text either
        assert_error(api.post(srv.url + f"/api/v1/dossiers/{env['codes'][0]}/events",
                              data=b'{"action":"comment","text":"a\\ud800b"}', headers=JSON), 400)
        assert_error(requests.post(srv.url + "/api/v1/session",
                                   data=b'{"username":"motcua\xff","password":"motcua@2025"}',
                                   headers=JSON), 400)


def test_invalid_utf8_in_query_strings_and_paths(env):
    srv, api, clerk, db = env["srv"], env["api"], env["clerk"], env["db"]
    with unchanged(db):
        for path in ("/api/v1/dossiers?q=%ff%fe", "/api/v1/dossiers?state=%c3%28",
                     "/api/v1/dossiers?%ff=1", "/api/v1/catalogue/procedures?q=%ed%a0%80"):
            assert_error(api.get(srv.url + path), 400)
        for path in ("/api/v1/lookup?code=%ff&key=K7QM2XRD", "/thu-tuc?q=%c0%af", "/tra-cuu?ma=%ff",
                     "/ho-so?q=%fe"):
            assert clerk.get(srv.url + path).status_code == 400, path
        for path in ("/ho-so/%ff%fe", "/api/v1/dossiers/%c3%28", "/thu-tuc/%ed%a0%80",
                     "/dossiers/%ff/forms/01", "/assets/%ff.css"):
            assert clerk.get(srv.url + path).status_code == 400, path
        # the raw bytes, not percent-encoded, in the request line
        for path in (b"/ho-so/\xff\xfe", b"/api/v1/dossiers?q=\xc3\x28"):
            assert get_raw(srv, path, b"Cookie: " + b"; ".join(
                f"{k}={v}".encode() for k, v in clerk.cookies.items()) + b"\r\n")[0] in (400,)
        r = api.post(srv.url + "/api/v1/dossiers/%ff/events", json={"action": "comment", "text": "x"})
        assert_error(r, 400)


def test_invalid_utf8_in_form_posts(env):
    srv, clerk, db = env["srv"], env["clerk"], env["db"]
    csrf = clerk.headers["X-CSRF-Token"]
    form = "application/x-www-form-urlencoded"
    with unchanged(db):
        r = requests.post(srv.url + "/dang-nhap", data=b"username=motcua%ff&password=motcua%40%32025",
                          headers={"Content-Type": form}, allow_redirects=False)
        assert r.status_code == 400 and "Set-Cookie" not in r.headers
        r = requests.post(srv.url + "/dang-nhap", data=b"username=motcua\xff&password=x",
                          headers={"Content-Type": form}, allow_redirects=False)
        assert r.status_code == 400
        good = (f"procedure={PROCEDURE}&channel=direct&component=0&name=V%C3%B5&phone=0977000111"
                ).encode()
        for bad in (good.replace(b"V%C3%B5", b"V%C3%28"), good.replace(b"V%C3%B5", b"V\xff"),
                    good.replace(b"V%C3%B5", b"V%ED%A0%80"), good + b"&%ff=1", good + b"&x=%zz"):
            # CSRF in the header: the form itself is refused
            r = clerk.post(srv.url + "/tiep-nhan", data=bad, headers={"Content-Type": form},
                           allow_redirects=False)
            assert r.status_code == 400, (bad, r.status_code)
            # as a browser sends it, CSRF in the (broken) form: the form is refused, 400
            r = clerk.post(srv.url + "/tiep-nhan", data=bad + b"&csrf=" + csrf.encode(),
                           headers={"Content-Type": form, "X-CSRF-Token": None},
                           allow_redirects=False)
            assert r.status_code == 400, (bad, r.status_code)


def test_nul_bytes(env):
    srv, api, clerk, db = env["srv"], env["api"], env["clerk"], env["db"]
    form = "application/x-www-form-urlencoded"
    tmpl = json.dumps(body(), ensure_ascii=False).encode()
    with unchanged(db):
        for nul in (b"\x00", b"\\u0000"):
            for old in ("Võ Thị Bền".encode(), b"Gio Linh", COMPONENT.encode(), PROCEDURE.encode(),
                        b"0977000111"):
                data = tmpl.replace(old, old[:3] + nul + old[3:], 1)
                assert_error(api.post(srv.url + "/api/v1/dossiers", data=data,
                                      headers={"Content-Type": "application/json"}), 400)
            assert_error(api.post(srv.url + f"/api/v1/dossiers/{env['codes'][0]}/events",
                                  data=b'{"action":"comment","text":"a' + nul + b'b"}', headers=JSON), 400)
            assert_error(requests.post(srv.url + "/api/v1/session",
                                       data=b'{"username":"motcua' + nul + b'","password":"motcua@2025"}',
                                       headers=JSON),
                         400)
        r = requests.post(srv.url + "/dang-nhap", data=b"username=motcua%00&password=motcua%402025",
                          headers={"Content-Type": form}, allow_redirects=False)
        assert r.status_code == 400 and "Set-Cookie" not in r.headers
        r = clerk.post(srv.url + "/tiep-nhan", headers={"Content-Type": form}, allow_redirects=False,
                       data=f"procedure={PROCEDURE}&channel=direct&component=0&name=A%00B&phone=0977000111")
        assert r.status_code == 400
        # a raw NUL byte in a header
        assert raw(srv, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n")[0] in (0, 200, 400)
    healthy(srv)


def test_percent_encoded_nul_in_query_and_path(env):
    """%00 decodes to a NUL that C strings silently end at: '/thu-tuc/1.004873%00abc' would
    be served as '/thu-tuc/1.004873' and 'q=Nguy%00 OR 1=1' searched as 'Nguy'. Refused."""
    srv, api, clerk, db = env["srv"], env["api"], env["clerk"], env["db"]
    with unchanged(db):
        r = api.get(srv.url + "/api/v1/dossiers", params={"q": "Nguy\x00 OR 1=1"})
        assert_error(r, 400)
        r = requests.get(srv.url + "/api/v1/catalogue/procedures?q=h%C3%B4n%00zzz")
        assert_error(r, 400)
        for path in (f"/ho-so/{env['codes'][0]}%00.html", f"/api/v1/dossiers/{env['codes'][0]}%00x",
                     "/thu-tuc/1.004873%00abc", "/healthz%00/../x"):
            r = clerk.get(srv.url + path)
            assert r.status_code in (400, 404), (path, r.status_code)
        # (A raw NUL byte in the request line is cut off by libmicrohttpd's parser before
        # motcua sees the URL; it is not tested here.)


# ---- SQL injection ----

def test_sql_injection_refused_where_codes_are_expected(env):
    srv, api, clerk, db = env["srv"], env["api"], env["clerk"], env["db"]
    code = env["codes"][0]
    with unchanged(db):
        for p in SQLI:
            for b in (body(procedure=p), body(unit=p), body(channel=p),
                      body(applicant=applicant(phone=p)), body(applicant=applicant(id_number=p)),
                      body(applicant=applicant(email=p.replace("@", ""))),
                      body(components=[{"name": COMPONENT, "digitized": p}]), {p: 1, **body()}):
                r = api.post(srv.url + "/api/v1/dossiers", json=b)
                assert 400 <= r.status_code < 500, (b, r.status_code, r.text)
                assert_error(r, r.status_code)
            # events: the code in the path, the action, and the coded fields of actions
            assert_error(api.post(srv.url + "/api/v1/dossiers/" + quote(p, safe="") + "/events",
                                  json={"action": "comment", "text": "x"}), 404)
            for ev in ({"action": p}, {"action": "transfer", "to": p},
                       {"action": "resolve", "outcome": p}, {"action": "rate", "level": p},
                       {"action": "pay", "amount": p}, {"action": "apologize", "reason": "x",
                                                         "new_appointment": p}):
                r = api.post(srv.url + f"/api/v1/dossiers/{code}/events", json=ev)
                assert 400 <= r.status_code < 500, (ev, r.status_code, r.text)
            # officer search: every parameter
            r = api.get(srv.url + "/api/v1/dossiers", params={"q": p})
            assert r.status_code == 200 and r.json()["dossiers"] == [], r.text
            for k in ("state", "due_before", "cursor", "sort", "limit", "overdue"):
                assert_error(api.get(srv.url + "/api/v1/dossiers", params={k: p}), 400)
            assert api.get(srv.url + "/api/v1/dossiers", params={"unit": p}).status_code in (400, 403, 404)
            assert clerk.get(srv.url + "/ho-so", params={"q": p}).status_code == 200
            # public look-up (two failures counted per payload), catalogue
            assert_error(requests.get(srv.url + "/api/v1/lookup", params={"code": p, "key": WRONG_KEY}), 404)
            assert_error(requests.get(srv.url + "/api/v1/lookup", params={"code": code, "key": p}), 400)
            r = requests.get(srv.url + "/api/v1/catalogue/procedures", params={"q": p})
            assert r.status_code == 200 and r.json()["procedures"] == [], r.text[:300]
            assert requests.get(srv.url + "/thu-tuc", params={"q": p}).status_code == 200
            assert_error(requests.get(srv.url + "/api/v1/catalogue/procedures/" + quote(p, safe="")), 404)
            # login: the user name and the password
            assert_error(requests.post(srv.url + "/api/v1/session",
                                       json={"username": p, "password": p}), 401)
            assert_error(requests.post(srv.url + "/api/v1/session",
                                       json={"username": "motcua", "password": p}), 401)
            r = requests.post(srv.url + "/dang-nhap", data={"username": p, "password": p},
                              allow_redirects=False)
            assert r.status_code == 401 and "Set-Cookie" not in r.headers
        # the right password still works: nothing was bypassed or broken
        login(srv, "clerk")
    assert n_dossiers(db) >= 3 and api.get(srv.url + "/api/v1/dossiers/" + code).status_code == 200


def test_sql_injection_in_free_text_is_stored_verbatim(env):
    srv, api, db = env["srv"], env["api"], env["db"]
    n = n_dossiers(db)
    made = []
    for p in SQLI:
        r = api.post(srv.url + "/api/v1/dossiers",
                     json=body(applicant=applicant(name=p, address=p),
                               components=[{"name": COMPONENT, "digitized": False}]))
        assert r.status_code == 201, r.text
        made.append(r.json()["code"])
        d = api.get(srv.url + "/api/v1/dossiers/" + made[-1]).json()
        assert d["applicant"]["name"] == p and d["applicant"]["address"] == p
        r = api.post(srv.url + f"/api/v1/dossiers/{made[-1]}/events", json={"action": "comment", "text": p})
        assert r.status_code == 200, r.text
        assert r.json()["events"][-1]["text"] == p
    assert n_dossiers(db) == n + len(SQLI)  # one row each, no table dropped
    con = connect(db)
    assert set(TABLES) <= tables(con)
    assert con.execute('SELECT count(*) FROM "user"').fetchone()[0] >= 5
    con.close()
    # the payload searched for finds its own dossier and nothing else
    r = api.get(srv.url + "/api/v1/dossiers", params={"q": SQLI[1]})
    assert [d["code"] for d in r.json()["dossiers"]] == [made[1]], r.text[:500]
    run("verify", "--db", db, check=0)


# ---- HTML injection ----

def test_html_injection_is_escaped_on_pages(env):
    srv, clerk, db = env["srv"], env["clerk"], env["db"]
    for x in XSS:
        r = clerk.post(srv.url + "/api/v1/dossiers",
                       json=body(applicant=applicant(name=x, address=x, email=x + "@x.vn")))
        assert r.status_code == 201, r.text
        code = r.json()["code"]
        for ev in ({"action": "comment", "text": x},
                   {"action": "request_supplement", "reason": x, "items": [x]}):
            r = clerk.post(srv.url + f"/api/v1/dossiers/{code}/events", json=ev)
            assert r.status_code == 200, r.text
        pages = [f"/ho-so/{code}", f"/dossiers/{code}/forms/01", f"/dossiers/{code}/forms/02",
                 "/ho-so?q=" + quote(x), "/ho-so-cua-toi", "/quay"]
        for path in pages:
            r = clerk.get(srv.url + path, allow_redirects=False)
            if path.endswith("/02") and r.status_code == 404:
                continue  # no such form for this dossier
            assert r.status_code == 200, (path, r.status_code)
            check_page(r)
            html = r.text
            assert "<script>alert" not in html and "<img src=x" not in html, (path, x)
            assert "</textarea><script>" not in html
            if path.startswith("/ho-so/"):
                esc = x.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                assert esc in html.replace("&quot;", '"').replace("&#39;", "'").replace("&#x27;", "'"), \
                    (path, x)
    # reflected input: search boxes, the look-up form, the login form, the next parameter
    for x in XSS:
        for path, params in (("/thu-tuc", {"q": x}), ("/tra-cuu", {"ma": x}), ("/dang-nhap", {"next": x})):
            r = requests.get(srv.url + path, params=params)
            assert r.status_code in (200, 400), (path, r.status_code)
            assert "<script>alert" not in r.text and "<img src=x" not in r.text, (path, x)
        r = requests.post(srv.url + "/dang-nhap", data={"username": x, "password": "x"},
                          allow_redirects=False)
        assert r.status_code in (400, 401) and "<script>alert" not in r.text and "<img src=x" not in r.text
    # a JSON answer is JSON, never HTML
    r = clerk.get(srv.url + "/api/v1/dossiers", params={"q": "alert"})
    assert r.headers["Content-Type"].startswith("application/json")


# ---- path traversal ----

def test_path_traversal(env):
    srv, clerk, db = env["srv"], env["clerk"], env["db"]
    cookie = b"Cookie: " + b"; ".join(f"{k}={v}".encode() for k, v in clerk.cookies.items()) + b"\r\n"
    assert get_raw(srv, b"/assets/app.css")[0] in (200, 404)
    with unchanged(db):
        for path in (b"/assets/../../etc/passwd", b"/assets/..%2f..%2fetc%2fpasswd",
                     b"/assets/%2e%2e/%2e%2e/etc/passwd", b"/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                     b"/assets/%252e%252e%252fetc%252fpasswd", b"/assets/....//....//etc/passwd",
                     b"/assets/..\\..\\etc\\passwd", b"/assets/%2e%2e", b"/assets/..",
                     b"/assets//etc/passwd", b"/assets/%2fetc%2fpasswd", b"/../../etc/passwd",
                     b"/assets/../../../../../../proc/self/environ", b"/assets/app.css/../../motcua.db",
                     b"/dossiers/../forms/01", b"/dossiers/%2e%2e/forms/01", b"/dossiers/./forms/01",
                     b"/ho-so/..%2f..%2fetc%2fpasswd", b"/thu-tuc/../../etc/passwd",
                     b"/api/v1/dossiers/../../../etc/passwd", b"/ho-so/../quan-tri"):
            status, text = get_raw(srv, path, cookie)
            assert status in (400, 403, 404), (path, status)
            assert b"root:" not in text and b"SQLite format" not in text and b"PATH=" not in text
    healthy(srv)


# ---- numbers, nesting, types ----

def test_huge_numbers(env):
    srv, api, db = env["srv"], env["api"], env["db"]
    code = env["codes"][1]
    with unchanged(db):
        for fee in (b"1e400", b"-1e400", b"99999999999999999999", b"1e15", b"-1", b"1.5", b"NaN",
                    b"Infinity", b"0x10", b"1e2"):
            data = json.dumps(body()).encode()[:-1] + b', "fee": ' + fee + b"}"
            assert_error(api.post(srv.url + "/api/v1/dossiers", data=data,
                                  headers={"Content-Type": "application/json"}), 400)
        for amount in (b"99999999999999999999", b"1e400", b"-5"):
            data = b'{"action":"request_payment","amount":' + amount + b"}"
            assert_error(api.post(srv.url + f"/api/v1/dossiers/{code}/events", data=data, headers=JSON), 400)
        for params in ({"limit": "99999999999"}, {"limit": "0"}, {"limit": "-1"},
                       {"cursor": "99999999999999999999999"}, {"cursor": "-1"},
                       {"limit": "1e3"}, {"due_before": "99999999999-01-01"}):
            assert_error(api.get(srv.url + "/api/v1/dossiers", params=params), 400)
        for params in ({"from": "99999-01-01", "to": "99999-12-31"},
                       {"from": "2023-01-01", "to": "2023-99-99"},
                       {"from": "2023-01-01", "to": "999999999999999999999-01-01"}):
            r = api.get(srv.url + "/api/v1/reports/official", params={**params, "unit": COMMUNE})
            assert_error(r, 400)
        for year in ("99999999999", "-1", "1e3", "0"):
            r = requests.get(srv.url + f"/api/v1/calendar/{year}")
            assert r.status_code in (400, 404, 422), (year, r.status_code)
    healthy(srv)


def test_deeply_nested_json(env):
    srv, api, db = env["srv"], env["api"], env["db"]
    code = env["codes"][1]
    deep = [b"[" * 100000, b"[" * 100000 + b"]" * 100000, b'{"a":' * 100000 + b"1" + b"}" * 100000,
            b'{"procedure":' + b"[" * 50000 + b"]" * 50000 + b"}"]
    with unchanged(db):
        for data in deep:
            for path in ("/api/v1/dossiers", f"/api/v1/dossiers/{code}/events", "/api/v1/ratings"):
                assert_error(api.post(srv.url + path, data=data,
                                      headers={"Content-Type": "application/json"}), 400)
            assert_error(requests.post(srv.url + "/api/v1/session", data=data, headers=JSON), 400)
        # nested inside a field that takes an object
        nested = json.dumps(body()).encode().replace(b'"applicant": {', b'"applicant": ' + b"[" * 3000
                                                     + b"]" * 3000 + b', "x": {', 1)
        assert_error(api.post(srv.url + "/api/v1/dossiers", data=nested,
                              headers={"Content-Type": "application/json"}), 400)
    healthy(srv)


def test_wrong_types_everywhere(env):
    srv, api, db = env["srv"], env["api"], env["db"]
    code = env["codes"][1]
    with unchanged(db):
        for b in ([body()], "x", 5, None, True,
                  body(fee="8000"), body(fee=True), body(fee=[8000]), body(procedure=1004873),
                  body(procedure=[PROCEDURE]), body(unit={"code": COMMUNE}), body(channel=1),
                  body(channel=["direct"]), body(full_online="true"), body(full_online=1),
                  body(applicant=[]), body(applicant="Võ Thị Bền"), body(applicant=None),
                  body(applicant=applicant(name=5)), body(applicant=applicant(name=["a"])),
                  body(applicant=applicant(phone=977000111)), body(applicant=applicant(name={})),
                  body(components={}), body(components="x"), body(components=[1]),
                  body(components=[[COMPONENT]]), body(components=[{"name": 1}]),
                  body(components=[{"name": COMPONENT, "digitized": "yes"}])):
            r = api.post(srv.url + "/api/v1/dossiers", json=b)
            assert_error(r, 415 if b is None else 400)  # json=None sends no body, no type
        for ev in ([{"action": "comment"}], {"action": 1}, {"action": ["comment"]},
                   {"action": "comment", "text": 1}, {"action": "comment", "text": ["x"]},
                   {"action": "request_supplement", "reason": "x", "items": "x"},
                   {"action": "request_supplement", "reason": "x", "items": [1]},
                   {"action": "request_payment", "amount": "8000"},
                   {"action": "resolve", "outcome": True}, {"action": "transfer", "to": 1}):
            assert_error(api.post(srv.url + f"/api/v1/dossiers/{code}/events", json=ev), 400)
        for b in ({"username": 1, "password": "x"}, {"username": ["motcua"], "password": "motcua@2025"},
                  {"username": "motcua", "password": None}, ["motcua", "motcua@2025"]):
            assert_error(requests.post(srv.url + "/api/v1/session", json=b), 400)
        for b in ({"code": 1, "key": WRONG_KEY, "level": "satisfied"},
                  {"code": code, "key": 111, "level": "satisfied"},
                  {"code": code, "key": env["keys"][0], "level": 5}):
            r = requests.post(srv.url + "/api/v1/ratings", json=b)
            assert r.status_code in (400, 404), r.text
        # not JSON at all, or JSON with a form content type
        for data in (b"procedure=1.004873", b"", b"null", b"{", b'{"a":1}{"b":2}', b'{"fee":1,"fee":2}'):
            assert_error(api.post(srv.url + "/api/v1/dossiers", data=data,
                                  headers={"Content-Type": "application/json"}), 400)


# ---- CSRF and sessions ----

def test_cookie_posts_without_csrf_token(env):
    srv, db = env["srv"], env["db"]
    clerk = login(srv, "clerk")
    csrf = clerk.headers.pop("X-CSRF-Token")
    other = login(srv, "specialist").headers["X-CSRF-Token"]
    code = env["codes"][2]
    with unchanged(db):
        for headers in ({}, {"X-CSRF-Token": ""}, {"X-CSRF-Token": "x" * 43}, {"X-CSRF-Token": other},
                        {"X-CSRF-Token": csrf[:-1]}, {"X-CSRF-Token": csrf + "x"}):
            assert_error(clerk.post(srv.url + "/api/v1/dossiers", json=body(), headers=headers), 403)
            assert_error(clerk.post(srv.url + f"/api/v1/dossiers/{code}/events",
                                    json={"action": "comment", "text": "csrf"}, headers=headers), 403)
            assert_error(clerk.delete(srv.url + "/api/v1/session", headers=headers), 403)
            assert_error(clerk.post(srv.url + "/api/v1/session/password", headers=headers,
                                    json={"old_password": "motcua@2025", "new_password": "x" * 12}), 403)
        form = {"procedure": PROCEDURE, "channel": "direct", "component": "0", "name": "CSRF",
                "phone": "0977000111"}
        for extra in ({}, {"csrf": ""}, {"csrf": other}):
            r = clerk.post(srv.url + "/tiep-nhan", data={**form, **extra}, allow_redirects=False)
            assert r.status_code == 403, r.status_code
            r = clerk.post(srv.url + f"/ho-so/{code}/thao-tac", allow_redirects=False,
                           data={"action": "comment", "text": "csrf", **extra})
            assert r.status_code == 403, r.status_code
            r = clerk.post(srv.url + "/dang-xuat", data=extra, allow_redirects=False)
            assert r.status_code == 403, r.status_code
        # the token in the query string is not a form field
        r = clerk.post(srv.url + "/tiep-nhan?csrf=" + csrf, data=form, allow_redirects=False)
        assert r.status_code == 403
    # the session survived every attempt and the real token works
    assert clerk.get(srv.url + "/api/v1/session").status_code == 200
    r = clerk.post(srv.url + f"/api/v1/dossiers/{code}/events", json={"action": "comment", "text": "ok"},
                   headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200, r.text


def test_session_fixation(env):
    srv = env["srv"]
    chosen = "A" * 43
    for via_form in (False, True):
        s = requests.Session()
        s.cookies.set("motcua_session", chosen, domain="127.0.0.1", path="/")
        assert_error(s.get(srv.url + "/api/v1/session"), 401)  # a made-up token is nobody
        if via_form:
            r = s.post(srv.url + "/dang-nhap", data={"username": "motcua", "password": "motcua@2025"},
                       allow_redirects=False)
            assert r.status_code == 303
        else:
            r = s.post(srv.url + "/api/v1/session", json={"username": "motcua", "password": "motcua@2025"})
            assert r.status_code == 200
        issued = re.match(r"motcua_session=([^;]*);", r.headers["Set-Cookie"]).group(1)
        assert issued and issued != chosen and len(issued) >= 43
        # the client-chosen token is still nobody; the issued one is the clerk
        assert_error(requests.get(srv.url + "/api/v1/session", cookies={"motcua_session": chosen}), 401)
        r = requests.get(srv.url + "/api/v1/session", cookies={"motcua_session": issued})
        assert r.status_code == 200 and r.json()["user"]["username"] == "motcua"
    # a valid session presented at login is replaced, not reused
    a = login(srv, "clerk")
    old = a.cookies.get("motcua_session")
    r = a.post(srv.url + "/api/v1/session", json={"username": "motcua", "password": "motcua@2025"})
    new = re.match(r"motcua_session=([^;]*);", r.headers["Set-Cookie"]).group(1)
    assert new != old
    # two logins never share a token
    assert login(srv, "clerk").cookies.get("motcua_session") != login(srv, "clerk").cookies.get(
        "motcua_session")


# ---- enumeration and slow clients (servers of their own: fresh throttling state) ----

def test_lookup_code_enumeration_is_throttled(env):
    # a server of its own (fresh counters) on a copy of the store (its own log file); on a
    # database server, a second node on the same database is that already
    db = env["db"]
    if not is_url(db):
        db = env["db"] + ".enum"
        run("backup", "--db", env["db"], db, check=0)
    srv = Server(db)
    try:
        real, key = env["codes"][0], env["keys"][0]
        prefix = real.rsplit("-", 1)[0]
        with unchanged(db):
            answers = set()
            for i in range(1, 21):
                r = requests.get(srv.url + "/api/v1/lookup", params={"code": f"{prefix}-{i:04d}", "key": WRONG_KEY})
                assert_error(r, 404)
                answers.add(r.text)
            assert len(answers) == 1  # a wrong key and a missing code look the same
            r = requests.get(srv.url + "/api/v1/lookup", params={"code": f"{prefix}-0021", "key": WRONG_KEY})
            assert_error(r, 429)
            assert int(r.headers["Retry-After"]) > 0
            # now even the right code and key is refused, on the API and the page
            assert_error(requests.get(srv.url + "/api/v1/lookup", params={"code": real, "key": key}), 429)
            assert requests.get(srv.url + "/tra-cuu", params={"ma": real, "key": key}).status_code == 429
            # ratings go through the same check
            r = requests.post(srv.url + "/api/v1/ratings",
                              json={"code": real, "key": key, "level": "satisfied"})
            assert r.status_code == 429, r.text
    finally:
        srv.stop()
    # the module's server (its own counters, a few failures so far) answers the right key
    r = requests.get(env["srv"].url + "/api/v1/lookup", params={"code": env["codes"][0], "key": env["keys"][0]})
    assert r.status_code == 200 and r.json()["code"] == env["codes"][0], r.text


def test_slow_clients_do_not_block_others(env):
    srv = env["srv"]
    u = urlparse(srv.url)
    slow = []
    try:
        for i in range(64):  # more than the worker threads
            s = socket.create_connection((u.hostname, u.port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            slow.append(s)
        body_part = socket.create_connection((u.hostname, u.port), timeout=5)
        body_part.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          b"Content-Length: 100\r\n\r\n{\"username\":")
        slow.append(body_part)
        deadline = time.monotonic() + 2.0  # the one deliberate wait of the suite
        served = 0
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            r = requests.get(srv.url + "/api/v1/catalogue/fields", timeout=2)
            assert r.status_code == 200
            assert time.monotonic() - t0 < 1.0, "a slow client delayed another request"
            served += 1
            time.sleep(0.05)  # pacing the requests of the deliberate wait, not waiting for a state
        assert served >= 10
        r = env["api"].post(srv.url + "/api/v1/dossiers", json=body(), timeout=5)
        assert r.status_code == 201, r.text
        # the half-sent requests are not answered as if complete
        slow[0].settimeout(0.2)
        with pytest.raises(socket.timeout):
            slow[0].recv(1)
    finally:
        for s in slow:
            s.close()
    healthy(srv)


def test_access_log_is_valid_utf8(env):
    """Request paths and queries are percent-decoded before they are logged: bytes that are
    not UTF-8 (refused with 400 above) must be escaped in the logfmt line, not copied raw."""
    with open(env["srv"].log, "rb") as f:
        log = f.read()
    bad = []
    for line in log.splitlines():
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(line)
    assert not bad, b"\n".join(bad[:5]).decode("utf-8", "backslashreplace")
