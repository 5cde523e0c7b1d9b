"""The security findings of issue 14, each as its attacker met it, end to end on the real
binary: look-up keys that cannot be guessed (a budget per dossier, whatever the address);
slow clients from one address; document paths across units; forged payments and ratings;
anonymous filing that fills the disk; views of personal data that leave no trace; throttles
behind a proxy; and the smaller items (redirects, webhook targets, /metrics, duplicate
Content-Length, integration tokens on pages, JSON without its content type). Each test failed
before the fix it names."""
import http.client
import json
import os
import re
import select
import socket
import sqlite3
import time
from urllib.parse import urlencode, urlparse

import pytest
import requests

from conftest import assert_error, login, sqlite_file_only
from htmlcheck import assert_page
from motcua import COMMUNE, OTHER_COMMUNE, ROOT, Server, demo_store, run
from poll import wait_until

PROCEDURE = "1.004873"
KEY_RE = re.compile(r"[0-9A-HJKMNP-TV-Z]{8}")


def components(srv, code=PROCEDURE):
    p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + code).json()
    return [{"name": c["name"], "digitized": True} for c in p["components"] if c["required"]]


def intake(srv, clerk, name="Nguyễn Văn Đức", id_number="045090001234", unit=COMMUNE):
    r = clerk.post(srv.url + "/api/v1/dossiers", json={
        "procedure": PROCEDURE, "unit": unit, "channel": "direct",
        "applicant": {"name": name, "phone": "0912345678", "id_number": id_number},
        "components": components(srv)})
    assert r.status_code == 201, r.text
    return r.json()


def wrong(key):
    """A well-formed look-up key that is not key."""
    return ("0" if key[0] != "0" else "1") + key[1:]


def get_from(srv, path, source, headers=None):
    """GET path from the local address source (127.0.0.0/8 all reaches the server): a client
    that rotates its address. Returns (status, body text)."""
    u = urlparse(srv.url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=10, source_address=(source, 0))
    try:
        c.request("GET", path, headers=headers or {})
        r = c.getresponse()
        return r.status, r.read().decode()
    finally:
        c.close()


def lookup_path(code, key):
    return "/api/v1/lookup?" + urlencode({"code": code, "key": key})


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    s = Server(demo_store(tmp_path_factory.mktemp("sec")))
    yield s
    s.stop()


# ---- 1. the look-up key ----

def test_lookup_key_budget_holds_whatever_the_address(srv):
    """Before: the throttle counted per address only; rotating addresses found a 4-digit key
    in 1,235 tries. Now a key is 40 random bits, and ten wrong keys lock the dossier's public
    look-up, from however many addresses they come, until an officer unlocks it."""
    clerk = login(srv, "clerk")
    d = intake(srv, clerk)
    code, key = d["code"], d["lookup_key"]
    assert KEY_RE.fullmatch(key)
    for i in range(10):  # each from an address of its own: the per-address throttle sees 1
        status, body = get_from(srv, lookup_path(code, wrong(key)), f"127.0.0.{10 + i}")
        assert status == 404, body
    # locked: even the right key, from a fresh address, and the page says how to unlock it
    status, body = get_from(srv, lookup_path(code, key), "127.0.0.30")
    assert status == 403 and "bị khóa" in body and "Mẫu 01" in body, body
    page = requests.get(srv.url + "/tra-cuu", params={"ma": code, "key": key})
    assert "bị khóa" in assert_page(page, status=403) and "Kết quả tra cứu" not in page.text
    view = clerk.get(srv.url + "/api/v1/dossiers/" + code).json()
    assert view["lookup_locked"] is True and view["lookup_key"] == key
    # the officer sees it locked on the dossier page and unlocks it there
    page = assert_page(clerk.get(srv.url + "/ho-so/" + code))
    assert "Tra cứu trực tuyến đã bị khóa" in page and f"/ho-so/{code}/mo-khoa-tra-cuu" in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    page_session = requests.Session()  # as a browser: the form's field, no header
    page_session.cookies.update(clerk.cookies)
    r = page_session.post(srv.url + f"/ho-so/{code}/mo-khoa-tra-cuu", data={"csrf": csrf},
                          allow_redirects=False)
    assert r.status_code == 303, r.text
    assert get_from(srv, lookup_path(code, key), "127.0.0.31")[0] == 200
    # a right key forgets the wrong ones before it: nine, right, nine more, still open
    for round_ in range(2):
        for i in range(9):
            assert get_from(srv, lookup_path(code, wrong(key)), f"127.0.1.{i + 10 * round_}")[0] == 404
        assert get_from(srv, lookup_path(code, key), "127.0.0.32")[0] == 200
    # locked again, then unlocked through the API (which a leader may do too)
    for i in range(10):
        get_from(srv, lookup_path(code, wrong(key)), f"127.0.2.{i}")
    assert get_from(srv, lookup_path(code, key), "127.0.0.33")[0] == 403
    r = login(srv, "leader").post(srv.url + f"/api/v1/dossiers/{code}/lookup/unlock")
    assert r.status_code == 200 and r.json()["lookup_locked"] is False, r.text
    assert get_from(srv, lookup_path(code, key), "127.0.0.34")[0] == 200
    # a citizen of another unit's officer cannot unlock it: one answer for "not yours"
    assert requests.post(srv.url + f"/api/v1/dossiers/{code}/lookup/unlock").status_code == 401


def test_receipt_and_confirmation_print_the_key(srv):
    clerk = login(srv, "clerk")
    d = intake(srv, clerk)
    shown = d["lookup_key"][:4] + "-" + d["lookup_key"][4:]
    form = clerk.get(srv.url + d["receipt_url"])
    assert form.status_code == 200 and "Mã tra cứu hồ sơ" in form.text and shown in form.text
    page = assert_page(clerk.get(srv.url + "/ho-so/" + d["code"]))
    assert f'class="lookup-key">{shown}<' in page


@sqlite_file_only("SQLite's migration 0019 on a file an older motcua left")
def test_dossiers_made_before_the_keys_get_one(tmp_path):
    """A store upgraded from schema 12: every dossier it has gets a random key of its own."""
    db = demo_store(tmp_path)
    s = Server(db)
    try:
        clerk = login(s, "clerk")
        codes = [intake(s, clerk, name=f"Người thứ {i}")["code"] for i in range(3)]
    finally:
        s.stop()
    # back to schema 12's dossier table, then migration 0013 as the binary embeds it
    con = sqlite3.connect(db)
    con.executescript("ALTER TABLE dossier DROP COLUMN lookup_key; "
                      "ALTER TABLE dossier DROP COLUMN lookup_failures;")
    with open(os.path.join(ROOT, "src/store/migrations/0019_lookup_key.sql")) as f:
        con.executescript(f.read())
    con.close()
    con = sqlite3.connect(db)
    keys = dict(con.execute("SELECT code, lookup_key FROM dossier").fetchall())
    con.close()
    assert sorted(keys) == sorted(codes)
    assert all(KEY_RE.fullmatch(k) for k in keys.values()) and len(set(keys.values())) == 3
    s = Server(db)
    try:
        r = requests.get(s.url + "/api/v1/lookup", params={"code": codes[0], "key": keys[codes[0]]})
        assert r.status_code == 200, r.text
    finally:
        s.stop()


# ---- 3. documents across units ----

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def officer(srv, name, role, unit):
    """A user of role at unit (made by the admin, once), logged in."""
    r = login(srv, "admin").post(srv.url + "/api/v1/users", json={
        "username": name, "role": role, "unit": unit, "password": "mat-khau-thu-nghiem"})
    assert r.status_code in (201, 409), r.text
    return login(srv, name, "mat-khau-thu-nghiem")


def test_documents_stay_within_their_units(srv):
    """Before: a clerk of unit B reused (and then downloaded) the result of a unit-A dossier he
    could not read, and the errors told him whether a code existed and its applicant's ID."""
    a = login(srv, "clerk")
    first = intake(srv, a, id_number="045090008888")["code"]
    r = a.post(srv.url + f"/api/v1/dossiers/{first}/documents", data={"kind": "result"},
               files={"file": ("ket-qua.pdf", PDF, "application/pdf")})
    assert r.status_code == 201, r.text
    sha = r.json()["sha256"]
    assert a.post(srv.url + f"/api/v1/dossiers/{first}/events",
                  json={"action": "resolve", "outcome": "approved"}).status_code == 200
    b = officer(srv, "motcua.contien", "clerk", OTHER_COMMUNE)
    same_id = intake(srv, b, id_number="045090008888", unit=OTHER_COMMUNE)["code"]
    other_id = intake(srv, b, id_number="045090009999", unit=OTHER_COMMUNE)["code"]
    missing = first[:-4] + "9999"

    def shape(r, code):
        """status and error, the code named in it replaced: what tells one case from another"""
        err = r.json()["error"]
        return r.status_code, err["code"], err["field"], err["message"].replace(code, "CODE")

    # list and download: a dossier of unit A answers exactly as one that does not exist
    for path in ("/documents", f"/documents/{sha}"):
        theirs = b.get(srv.url + f"/api/v1/dossiers/{first}" + path)
        nothing = b.get(srv.url + f"/api/v1/dossiers/{missing}" + path)
        assert_error(theirs, 404)
        assert shape(theirs, first) == shape(nothing, missing)
    upload = b.post(srv.url + f"/api/v1/dossiers/{first}/documents", data={"kind": "result"},
                    files={"file": ("x.pdf", PDF, "application/pdf")})
    assert shape(upload, first) == shape(b.get(srv.url + f"/api/v1/dossiers/{missing}/documents"),
                                          missing)
    # reuse: refused, whether the applicant's ID is the same or not, as for a missing code
    answers = set()
    for into, frm in ((same_id, first), (other_id, first), (same_id, missing)):
        r = b.post(srv.url + f"/api/v1/dossiers/{into}/documents/reuse",
                   json={"sha256": sha, "name": "Giấy đã cấp", "from": frm})
        assert_error(r, 422, "from")
        answers.add(shape(r, frm))
    assert len(answers) == 1, answers
    assert b.get(srv.url + f"/api/v1/dossiers/{same_id}/documents").json()["documents"] == []
    # within its own units the reuse still works
    second = intake(srv, a, id_number="045090008888")["code"]
    r = a.post(srv.url + f"/api/v1/dossiers/{second}/documents/reuse",
               json={"sha256": sha, "name": "Giấy đã cấp", "from": first})
    assert r.status_code == 201, r.text


# ---- 4. payments and ratings ----

def test_officers_neither_pay_online_nor_rate(srv):
    """Before: {"action":"pay","online":true} from a clerk raised the online-payment indicator,
    999.999 was accepted on an 8.000 fee, and a clerk's rating blocked the citizen's (409)."""
    clerk = login(srv, "clerk")
    r = clerk.post(srv.url + "/api/v1/dossiers", json={
        "procedure": "1.001612", "unit": COMMUNE, "channel": "direct",  # fee 100.000 đ
        "applicant": {"name": "Đỗ Văn Giàu", "phone": "0987111333"},
        "components": components(srv, "1.001612")})
    assert r.status_code == 201, r.text
    code, key = r.json()["code"], r.json()["lookup_key"]

    def event(who, **ev):
        return who.post(srv.url + f"/api/v1/dossiers/{code}/events", json=ev)

    assert_error(event(clerk, action="pay", amount=100000, online=True), 403, "online")
    assert_error(event(clerk, action="pay", amount=100000, receipt="GW-GIA-MAO"), 403, "receipt")
    err = assert_error(event(clerk, action="pay", amount=999999999), 422, "amount")
    assert "100.000" in err["message"] or "100000" in err["message"]
    r = event(clerk, action="pay", amount=60000)  # at the counter, part of it
    assert r.status_code == 200 and r.json()["paid_amount"] == 60000, r.text
    assert_error(event(clerk, action="pay", amount=40001), 422, "amount")  # 40.000 still due
    view = clerk.get(srv.url + "/api/v1/dossiers/" + code).json()
    assert view["paid_amount"] == 60000 and [e.get("online") for e in view["events"]
                                             if e["action"] == "pay"] in ([False], [None])
    # the dossier page offers no "paid online" box to officers
    page = assert_page(clerk.get(srv.url + "/ho-so/" + code))
    assert 'name="online"' not in page and 'name="receipt"' not in page
    # no officer rates for the citizen; the citizen's own rating is taken
    assert event(login(srv, "specialist"), action="resolve", outcome="approved").status_code == 200
    for who in (clerk, login(srv, "leader")):
        assert_error(event(who, action="rate", level="very_satisfied"), 403)
    r = requests.post(srv.url + "/api/v1/ratings", json={"code": code, "key": key, "level": "satisfied"})
    assert r.status_code == 201, r.text


def test_counter_device_rates_for_the_citizen(srv):
    admin, clerk = login(srv, "admin"), login(srv, "clerk")
    r = admin.post(srv.url + "/api/v1/devices", json={"name": "Máy tính bảng quầy 1", "unit": COMMUNE})
    assert r.status_code == 201, r.text
    device, token = r.json(), r.json()["token"]
    assert device["unit"] == COMMUNE and "token" not in admin.get(srv.url + "/api/v1/devices").json()["devices"][0]
    assert_error(clerk.post(srv.url + "/api/v1/devices", json={"name": "x"}), 403)
    mine = intake(srv, clerk)["code"]
    login(srv, "specialist").post(srv.url + f"/api/v1/dossiers/{mine}/events",
                                  json={"action": "resolve", "outcome": "approved"})
    b = officer(srv, "motcua.contien", "clerk", OTHER_COMMUNE)
    theirs = intake(srv, b, unit=OTHER_COMMUNE)["code"]

    def rate(code, tok=token, **extra):
        return requests.post(srv.url + "/api/v1/ratings", headers={"X-Device-Token": tok},
                             json={"code": code, "level": "very_satisfied", **extra})

    assert_error(rate(mine, tok="mcd_khong-co"), 401)
    assert_error(rate(theirs), 404)  # another unit's dossier: as if none
    r = rate(mine)
    assert r.status_code == 201 and r.json()["level"] == "very_satisfied", r.text
    view = clerk.get(srv.url + "/api/v1/dossiers/" + mine).json()
    assert view["rating"] == "very_satisfied" and view["events"][-1]["by"] == "công dân"
    # revoked: no longer rates
    assert admin.delete(srv.url + f"/api/v1/devices/{device['id']}").status_code == 200
    assert_error(rate(mine), 401)


# ---- 2. slow clients from one address ----

def connect(srv, source="127.0.0.1"):
    u = urlparse(srv.url)
    return socket.create_connection((u.hostname, u.port), timeout=5, source_address=(source, 0))


def closed_now(socks):
    """The sockets of socks the server has closed (or reset) by now."""
    readable, _, _ = select.select(socks, [], [], 0)
    gone = []
    for s in readable:
        try:
            s.setblocking(False)
            if s.recv(65536) == b"":
                gone.append(s)
        except BlockingIOError:
            pass
        except OSError:
            gone.append(s)
        finally:
            s.setblocking(True)
    return gone


def closed_by_server(s, timeout):
    """Whether the server closes s within timeout seconds (what it sends meanwhile ignored)."""
    s.settimeout(0.1)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if s.recv(65536) == b"":
                return True
        except socket.timeout:
            continue
        except OSError:  # reset
            return True
    return False


def test_one_address_cannot_hold_the_server(tmp_path):
    """Before: 4,200 connections from one address, each sending a header line every 5 s, kept
    /healthz from answering anyone (a cap of 4,096 in all, none per address, and a timeout
    that counted idle time only). Now one address holds at most --max-conn-per-ip, and a
    request must arrive whole within --request-timeout whatever it trickles."""
    # the deadline leaves room for a slow build (the sanitizers) to open the 40 connections and
    # serve the 5 requests before any of the 16 kept ones reaches it
    srv = Server(demo_store(tmp_path), extra=("--max-conn-per-ip", "16", "--request-timeout", "4"))
    slow = []
    try:
        # the attacker, from an address nothing else uses (the launcher's own health check
        # may still be counted on 127.0.0.1)
        for _ in range(40):
            s = connect(srv, "127.0.0.4")
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            slow.append(s)
        # everyone else is served at once, from another address
        for _ in range(5):
            t0 = time.monotonic()
            status, _ = get_from(srv, "/healthz", "127.0.0.2")
            assert status == 200 and time.monotonic() - t0 < 1.0
        # beyond the 16 an address may hold, the server closes them as they come (before
        # their deadline: the 16 others are still open then)
        closed = wait_until(lambda: (lambda c: c if len(c) >= 24 else None)(closed_now(slow)),
                            1.5, "24 connections refused")
        assert len(closed) == 24, len(closed)
        # a header line every half second never lets the connection idle, and still it goes
        drip = connect(srv, "127.0.0.3")
        drip.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        t0, cut = time.monotonic(), False
        while not cut and time.monotonic() - t0 < 10:
            try:
                drip.sendall(b"X-Drip: 1\r\n")  # the attack's own pace, not a wait
            except OSError:
                cut = True
            cut = cut or closed_by_server(drip, 0.5)
        assert cut and time.monotonic() - t0 < 6.5, time.monotonic() - t0
        assert sum(closed_by_server(s, 5) for s in slow[:16]) == 16  # past their deadline too
        assert "no whole request within 4 s" in srv.stderr()
        # once the server has let the old connections go, the address is served again

        def served():
            try:
                return get_from(srv, "/healthz", "127.0.0.4")[0] == 200
            except OSError:  # refused while the server still counts the closed ones
                return False

        wait_until(served, 10, "127.0.0.4 served again")
    finally:
        for s in slow:
            s.close()
        srv.stop()


# ---- 8. protocol details ----

def raw(srv, data, source="127.0.0.1"):
    """Sends data on a fresh connection; returns (status, the whole answer)."""
    s = connect(srv, source)
    buf = b""
    try:
        s.sendall(data)
        s.settimeout(5)
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
    except OSError:
        pass
    finally:
        s.close()
    m = re.match(rb"HTTP/1\.[01] (\d{3})", buf)
    return (int(m.group(1)) if m else 0), buf


def test_body_length_said_twice_or_too_long_chunked(srv):
    """Before: two Content-Length headers, or Content-Length with chunked encoding, were
    accepted (what a proxy in front may read otherwise), and an over-limit chunked body was
    cut without a 413."""
    body = b'{"username":"a","password":"b"}'
    head = b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
    status, answer = raw(srv, head + b"Content-Length: %d\r\nContent-Length: 5\r\n\r\n" % len(body) + body)
    assert status == 400 and b"Content-Length" in answer, answer
    chunked = b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    status, _ = raw(srv, head + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
    assert status == 400
    # alone, each is fine (a wrong password: 401)
    assert raw(srv, head + b"Content-Length: %d\r\n\r\n" % len(body) + body)[0] == 401
    assert raw(srv, head + b"Transfer-Encoding: chunked\r\n\r\n" + chunked)[0] == 401
    # 2 MiB in chunks, over the 1 MiB a body may have: read to its end, then 413
    big = b"".join(b"8000\r\n" + b"x" * 0x8000 + b"\r\n" for _ in range(64)) + b"0\r\n\r\n"
    status, answer = raw(srv, head + b"Transfer-Encoding: chunked\r\n\r\n" + big)
    assert status == 413 and b"payload_too_large" in answer, answer[:300]


def test_json_api_wants_json(srv):
    """Before: the JSON API took text/plain bodies (what another site's form can send)."""
    body = '{"username":"motcua","password":"motcua@2025"}'
    for ctype in ("text/plain", "application/x-www-form-urlencoded", None):
        r = requests.post(srv.url + "/api/v1/session", data=body,
                          headers={"Content-Type": ctype} if ctype else {})
        assert_error(r, 415, "Content-Type")
    r = requests.post(srv.url + "/api/v1/session", data=body,
                      headers={"Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200, r.text


# ---- 7. throttles behind a proxy ----

def post_from(srv, path, source, body, headers=None):
    """POST a JSON body from the local address source; returns (status, text)."""
    u = urlparse(srv.url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=10, source_address=(source, 0))
    try:
        c.request("POST", path, body=json.dumps(body),
                  headers={"Content-Type": "application/json", **(headers or {})})
        r = c.getresponse()
        return r.status, r.read().decode()
    finally:
        c.close()


def test_throttles_key_on_the_client_behind_a_trusted_proxy(tmp_path):
    """Before: throttles keyed on the connecting address, so behind nginx 30 bad logins by
    anyone locked out every officer and 20 mistyped keys blocked every look-up; and five bad
    logins locked a named user out even with the right password."""
    proxy = "127.0.0.1"
    srv = Server(demo_store(tmp_path), extra=("--trusted-proxy", proxy))
    try:
        def login_as(client, name, password, source=proxy):
            return post_from(srv, "/api/v1/session", source, {"username": name, "password": password},
                             {"X-Forwarded-For": client})[0]

        attacker, colleague = "203.0.113.5", "198.51.100.7"
        for i in range(30):  # many names, so the per-name counter is not what stops it
            assert login_as(attacker, f"khong-co-{i}", "sai") == 401
        assert login_as(attacker, "motcua", "motcua@2025") == 429  # the attacker's address
        assert login_as(colleague, "motcua", "motcua@2025") == 200  # everyone else's is fine
        # a spoofed entry left of the proxy's own is the client's word: not believed
        assert login_as("198.51.100.99, " + attacker, "motcua", "motcua@2025") == 429
        # from an address that is no trusted proxy, X-Forwarded-For is ignored altogether
        for i in range(30):
            login_as(colleague, f"khong-co-{i}", "sai", source="127.0.0.2")
        assert login_as("198.51.100.8", "motcua", "motcua@2025", source="127.0.0.2") == 429
        assert login_as("198.51.100.8", "motcua", "motcua@2025") == 200
        # five wrong passwords for a name from one address lock that name there, not elsewhere
        for _ in range(5):
            assert login_as("192.0.2.50", "chuyenvien", "sai") == 401
        assert login_as("192.0.2.50", "chuyenvien", "chuyenvien@2025") == 429
        assert login_as("192.0.2.51", "chuyenvien", "chuyenvien@2025") == 200
        # look-ups: twenty mistyped keys block the one who typed them
        for i in range(20):
            status, _ = get_from(srv, lookup_path(f"{COMMUNE}-250101-{i:04d}", "K7QM2XRD"), proxy,
                                 {"X-Forwarded-For": attacker})
            assert status == 404
        assert get_from(srv, lookup_path(f"{COMMUNE}-250101-0001", "K7QM2XRD"), proxy,
                        {"X-Forwarded-For": attacker})[0] == 429
        assert get_from(srv, lookup_path(f"{COMMUNE}-250101-0001", "K7QM2XRD"), proxy,
                        {"X-Forwarded-For": colleague})[0] == 404
        # the access log names the client, not the proxy (its line follows the answer)
        wait_until(lambda: re.search(r'path=/api/v1/lookup status=404 .*ip=198\.51\.100\.7',
                                     srv.stderr()), 10, "the colleague's line in the log")
    finally:
        srv.stop()


def test_old_password_check_is_throttled(srv):
    s = officer(srv, "doi.mat.khau", "clerk", COMMUNE)
    for _ in range(5):
        assert_error(s.post(srv.url + "/api/v1/session/password",
                            json={"old_password": "sai-roi-nhe", "new_password": "mat-khau-moi-2025"}), 422)
    # guessing stops here, even with the right one
    assert_error(s.post(srv.url + "/api/v1/session/password",
                        json={"old_password": "mat-khau-thu-nghiem", "new_password": "mat-khau-moi-2025"}), 429)


# ---- 8. the smaller items ----

def test_login_redirect_stays_on_site(srv):
    """Before: /dang-nhap?next=%2F%09%2Fevil redirected off-site (browsers drop the tab)."""
    for evil in ("/\t/evil.example", "/\\evil.example", "//evil.example", "/\n/evil.example",
                 "https://evil.example/", "/ /evil.example"):
        page = assert_page(requests.get(srv.url + "/dang-nhap", params={"next": evil}))
        assert 'name="next"' not in page
        r = requests.post(srv.url + "/dang-nhap", allow_redirects=False,
                          data={"username": "motcua", "password": "motcua@2025", "next": evil})
        assert r.status_code == 303 and r.headers["Location"] == "/quay", (evil, r.headers)
    r = requests.post(srv.url + "/dang-nhap", allow_redirects=False,
                      data={"username": "motcua", "password": "motcua@2025", "next": "/ho-so?q=a"})
    assert r.headers["Location"] == "/ho-so?q=a"


def test_webhooks_reach_public_receivers_only(srv):
    """Before: admins registered webhooks to loopback, link-local and private addresses, and
    the errors mapped internal ports."""
    admin = login(srv, "admin")
    answers = set()
    for url in ("http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/x",
                "http://169.254.169.254/latest/meta-data", "http://192.168.1.1:22/",
                "http://172.16.0.1/", "http://[::1]:5432/", "http://0.0.0.0/", "http://224.0.0.1/",
                "http://[fe80::1]/", "http://100.64.0.1/", "http://khong-co-ten-nay.invalid/"):
        r = admin.post(srv.url + "/api/v1/webhooks", json={"url": url})
        err = assert_error(r, 422, "url")
        answers.add((err["message"], err["message_en"]))
    assert len(answers) == 1  # one answer: nothing about what answered where
    r = admin.post(srv.url + "/api/v1/webhooks", json={"url": "http://93.184.216.34/hook"})
    assert r.status_code == 201, r.text
    assert admin.delete(srv.url + f"/api/v1/webhooks/{r.json()['id']}").status_code == 200


def test_metrics_are_for_operators(tmp_path):
    """Before: /metrics answered anyone."""
    db = demo_store(tmp_path)
    token = run("token", "add", "giam-sat", "--role", "integration", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    srv = Server(db, extra=("--metrics-allow", "127.0.0.2"))
    try:
        assert_error(requests.get(srv.url + "/metrics"), 401)
        assert_error(login(srv, "clerk").get(srv.url + "/metrics"), 403)
        assert login(srv, "admin").get(srv.url + "/metrics").status_code == 200
        r = requests.get(srv.url + "/metrics", headers={"Authorization": "Bearer " + token})
        assert r.status_code == 200 and "motcua_dossiers" in r.text
        status, text = get_from(srv, "/metrics", "127.0.0.2")  # the scraper's address
        assert status == 200 and "motcua_dossiers" in text
        assert requests.get(srv.url + "/healthz").status_code == 200  # still for anyone
    finally:
        srv.stop()


def test_integration_tokens_do_not_open_pages(tmp_path):
    db = demo_store(tmp_path)
    token = run("token", "add", "he-thong", "--role", "integration", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    srv = Server(db)
    try:
        h = {"Authorization": "Bearer " + token}
        for path in ("/quay", "/ho-so", "/ho-so-cua-toi", "/tong-quan", "/forms/ledger"):
            r = requests.get(srv.url + path, headers=h, allow_redirects=False)
            assert "Mã truy cập của hệ thống tích hợp" in assert_page(r, status=403), path
        assert requests.get(srv.url + "/api/v1/dossiers", headers=h).status_code == 200
    finally:
        srv.stop()


# ---- 5. anonymous filing ----

def test_anonymous_filing_is_limited(tmp_path):
    """Before: anyone could file online without limit, each with 19 MB of files, filling the
    disk and the clerks' queue. Now: filings per hour per address, 10 MB of files per filing,
    and a store-wide number of online filings waiting for a clerk."""
    srv = Server(demo_store(tmp_path), extra=("--filings-per-hour", "3", "--max-pending-online", "5",
                                              "--lookups-per-minute", "5"))
    try:
        comps = components(srv)

        def file_from(source):
            return post_from(srv, "/api/v1/dossiers", source, {
                "procedure": PROCEDURE, "unit": COMMUNE, "channel": "online",
                "applicant": {"name": "Lê Thị Hoa", "phone": "0935111222"}, "components": comps})

        codes = []
        for _ in range(3):
            status, text = file_from("127.0.0.5")
            assert status == 201, text
            codes.append(json.loads(text)["code"])
        status, text = file_from("127.0.0.5")
        assert status == 429 and "quá nhiều hồ sơ trực tuyến" in json.loads(text)["error"]["message"]
        assert file_from("127.0.0.6")[0] == 201
        assert file_from("127.0.0.7")[0] == 201  # five wait for a clerk now
        status, text = file_from("127.0.0.8")
        assert status == 503 and "chờ tiếp nhận" in json.loads(text)["error"]["message"], text
        # the page says the same, as a page
        page = requests.post(srv.url + "/thu-tuc/1.004873/nop-truc-tuyen",
                             data={"unit": COMMUNE, "name": "Hồ Văn Trực", "phone": "0912345678",
                                   "component": ["0", "2"]},
                             files={"file": ("", b"", "application/octet-stream")})
        assert "chờ tiếp nhận" in assert_page(page, status=503)
        # a clerk receives one: there is room again
        clerk = login(srv, "clerk")
        assert clerk.post(srv.url + f"/api/v1/dossiers/{codes[0]}/events",
                          json={"action": "receive"}).status_code == 200
        assert file_from("127.0.0.8")[0] == 201
        # look-ups per minute per address
        for _ in range(5):
            assert get_from(srv, lookup_path(codes[1], "K7QM2XRD"), "127.0.0.9")[0] in (403, 404)
        status, text = get_from(srv, lookup_path(codes[1], "K7QM2XRD"), "127.0.0.9")
        assert status == 429 and "trong một phút" in text
        assert get_from(srv, lookup_path(codes[1], "K7QM2XRD"), "127.0.0.10")[0] in (403, 404)
    finally:
        srv.stop()


def test_one_filing_brings_at_most_10_mb(srv):
    form_url = srv.url + "/thu-tuc/1.004873/nop-truc-tuyen"
    token = re.search(r'name="token" value="([^"]+)"', requests.get(form_url).text).group(1)
    data = {"token": token, "unit": COMMUNE, "name": "Hồ Văn Trực", "phone": "0912345678"}
    big = PDF + b"%" * (11 * 1024 * 1024)
    page = requests.post(form_url, data=data, files={"file-0": ("to-khai.pdf", big, "application/pdf")})
    assert "tối đa 10 MB" in assert_page(page, status=413)

    # without a Content-Length (chunked) the limit holds as the body arrives
    prepared = requests.Request("POST", form_url, data=data, files={
        "file-0": ("to-khai.pdf", big, "application/pdf")}).prepare()
    body = prepared.body
    r = requests.post(form_url, data=(body[i:i + 65536] for i in range(0, len(body), 65536)),
                      headers={"Content-Type": prepared.headers["Content-Type"]})
    assert "tối đa 10 MB" in assert_page(r, status=413)
    fine = PDF + b"%" * (8 * 1024 * 1024)
    page = requests.post(form_url, data=data, files={"file-0": ("to-khai.pdf", fine, "application/pdf")})
    assert assert_page(page, status=201)


# ---- 6. views of personal data ----

def test_personal_data_views_are_logged(tmp_path):
    """Before: GET /api/v1/dossiers?limit=500 returned the ID numbers, phones and addresses of
    500 people and logged nothing; so did form 01, the ledger, the search page and the
    worklist. Now every view leaves one row (a list: one row naming its query), which the
    leaders of the unit read."""
    db = demo_store(tmp_path)
    srv = Server(db)
    try:
        clerk = login(srv, "clerk")
        codes = [intake(srv, clerk, name=f"Người thứ {i}")["code"] for i in range(3)]
        online = requests.post(srv.url + "/api/v1/dossiers", json={  # on the counter's queue
            "procedure": PROCEDURE, "unit": COMMUNE, "channel": "online",
            "applicant": {"name": "Người nộp trực tuyến", "phone": "0935111222"},
            "components": components(srv)})
        assert online.status_code == 201, online.text

        def log(who="leader", **params):
            r = login(srv, who).get(srv.url + "/api/v1/access-log", params=params)
            assert r.status_code == 200, r.text
            return r.json()["entries"]

        before = len(log())
        r = clerk.get(srv.url + "/api/v1/dossiers", params={"limit": 500, "reason": "rà soát cuối ngày"})
        assert r.status_code == 200 and len(r.json()["dossiers"]) == 4
        entry = log()[0]
        assert len(log()) == before + 1  # one row for the list, not one per dossier
        assert (entry["who"], entry["what"], entry["unit"], entry["rows"]) == ("motcua", "search", COMMUNE, 4)
        assert "limit=500" in entry["query"] and entry["reason"] == "rà soát cuối ngày"
        assert entry["dossier"] is None and entry["ip"] == "127.0.0.1"
        # every page and form that shows them, each once
        seen = {}
        for path, what in ((f"/ho-so/{codes[0]}", "view"), ("/ho-so?q=Người", "search"),
                           ("/ho-so-cua-toi", "worklist"), ("/quay", "counter"),
                           (f"/dossiers/{codes[1]}/forms/01", "form-01"), ("/forms/ledger", "ledger"),
                           (f"/api/v1/dossiers/{codes[2]}", "view")):
            assert clerk.get(srv.url + path).status_code == 200, path
            seen[path] = log()[0]
            assert seen[path]["what"] == what, (path, seen[path])
        assert seen[f"/dossiers/{codes[1]}/forms/01"]["dossier"] == codes[1]
        assert seen["/forms/ledger"]["rows"] == 3
        # the page for leaders shows the same rows
        page = assert_page(login(srv, "leader").get(srv.url + "/nhat-ky-truy-cap"))
        assert "In Mẫu 01" in page and codes[1] in page and "rà soát cuối ngày" in page
        # scoped: a leader of another commune sees none of these; a clerk none at all
        other = officer(srv, "ld.contien", "leader", OTHER_COMMUNE)
        r = other.get(srv.url + "/api/v1/access-log")
        assert r.status_code == 200 and r.json()["entries"] == []
        assert_error(other.get(srv.url + "/api/v1/access-log", params={"unit": COMMUNE}), 403)
        assert_error(clerk.get(srv.url + "/api/v1/access-log"), 403)
        assert clerk.get(srv.url + "/nhat-ky-truy-cap").status_code == 403
        # an export from the command line is a view too
        run("export", "--db", db, "--unit", COMMUNE, check=0)
        entry = log()[0]
        assert entry["what"] == "export" and entry["who"].startswith("dòng lệnh") and entry["unit"] == COMMUNE
    finally:
        srv.stop()
