"""The leader's and the citizen's pages, end to end over HTTP on the real binary: the
catalogue and a procedure page; the dossier look-up by code and key (masked, throttled like
the API) and the rating form; the dashboard, the official report and the per-officer page
against GET /api/v1/reports/official. Every page must be well-formed HTML under 50 KB."""
import datetime
import html
import re
import socket
import io
import zipfile

import pytest
import requests

from clock import VN, vn_today
from conftest import login
from motcua import COMMUNE, PROVINCE, Server, connect, run
from htmlcheck import assert_page, check_html

NAME = "Trần Thị Bích Ngọc"


def number(text):
    """'1.234' -> 1234 (vi-VN grouping)."""
    return int(text.strip().replace(".", ""))


def cells_by_key(page, tag="tr"):
    """{data-key: [cell texts]} of the rows (or cards) carrying a data-key."""
    out = {}
    for m in re.finditer(r'<%s[^>]*\bdata-key="([^"]*)"[^>]*>(.*?)</%s>' % (tag, tag), page, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", m.group(2), re.S)
        out[html.unescape(m.group(1))] = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                                          for c in cells]
    return out


@pytest.fixture(scope="module")
def filed(server):
    """A dossier received at the counter of xã Gio Linh today, through the API."""
    clerk = login(server, "clerk")
    p = requests.get(server.url + "/api/v1/catalogue/procedures/1.004873").json()
    body = {"procedure": "1.004873", "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": NAME, "phone": "0987654321", "id_number": "045190006789",
                          "address": "Thôn Hà Thượng, xã Gio Linh"},
            "components": [{"name": c["name"], "digitized": True}
                           for c in p["components"] if c["required"]]}
    r = clerk.post(server.url + "/api/v1/dossiers", json=body)
    assert r.status_code == 201, r.text
    return r.json()["code"]


@pytest.fixture(scope="module")
def key(server, filed):
    """The look-up key of `filed`, as the officer sees it on the dossier (and Mẫu 01 prints)."""
    return login(server, "clerk").get(server.url + "/api/v1/dossiers/" + filed).json()["lookup_key"]


WRONG_KEY = "K7QM2XRD"  # well formed; any dossier's key only by a 1 in 2**40 chance


# ---- citizen: catalogue ----

def codes(page):
    return sorted(set(re.findall(r'href="/thu-tuc/([0-9.]+)"', page)))


@pytest.mark.parametrize("q", ["khai sinh", "KHAI SINH", "đăng ký khai sinh", "dang ky khai sinh",
                               "ĐĂNG KÝ KHAI SINH", "Dang Ky Khai Sinh"])
def test_catalogue_finds_with_and_without_diacritics(server, q):
    page = assert_page(requests.get(server.url + "/thu-tuc", params={"q": q}))
    assert "Thủ tục đăng ký khai sinh" in page and "1.001193" in codes(page)
    assert "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân" not in page
    api = requests.get(server.url + "/api/v1/catalogue/procedures", params={"q": q}).json()
    assert codes(page) == sorted(p["code"] for p in api["procedures"])
    assert html.escape(q, quote=True) in page  # the search box keeps the query


def test_catalogue_field_filter(server):
    all_ = assert_page(requests.get(server.url + "/thu-tuc"))
    ct = assert_page(requests.get(server.url + "/thu-tuc", params={"field": "CT", "q": ""}))
    assert set(codes(ct)) < set(codes(all_))
    assert "2.000815" in codes(ct) and "1.001193" not in codes(ct)
    assert '<option value="CT" selected>' in ct
    api = requests.get(server.url + "/api/v1/catalogue/procedures", params={"field": "CT"}).json()
    assert codes(ct) == sorted(p["code"] for p in api["procedures"])
    assert "Không tìm thấy thủ tục nào" in assert_page(
        requests.get(server.url + "/thu-tuc", params={"q": "zzzz không có"}))
    assert '<label for="q">' in all_ and '<label for="field">' in all_


def test_procedure_page(server):
    page = assert_page(requests.get(server.url + "/thu-tuc/1.004873"))
    assert "<h1>Thủ tục cấp Giấy xác nhận tình trạng hôn nhân</h1>" in page
    assert "3 ngày làm việc" in page and "Miễn phí" in page and "Hộ tịch" in page
    assert "Toàn trình" in page and "Cấp xã" in page
    assert "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu" in page
    assert page.count("bắt buộc") == 1  # one required component, two optional
    fee = assert_page(requests.get(server.url + "/thu-tuc/1.001612"))
    assert "100.000 đồng" in fee and "3 ngày làm việc" in fee
    hours = assert_page(requests.get(server.url + "/thu-tuc/2.000635"))
    assert "8 giờ làm việc" in hours and "8.000 đồng" in hours
    assert_page(requests.get(server.url + "/thu-tuc/9.999999"), status=404)


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NO_FILE = ("", b"", "application/octet-stream")  # what a browser sends for an empty input


def test_online_filing_page(server):
    """A citizen files online without login: only communes are offered for a commune-level
    procedure, one upload slot per component, bad posts change nothing, a good one is
    "submitted" with a document for each file (recognised by content), and can be looked up
    with the code and key the confirmation gives."""
    form_url = server.url + "/thu-tuc/1.004873/nop-truc-tuyen"
    assert 'href="/thu-tuc/1.004873/nop-truc-tuyen"' in assert_page(
        requests.get(server.url + "/thu-tuc/1.004873"))
    assert "nop-truc-tuyen" not in assert_page(requests.get(server.url + "/thu-tuc/2.000884"))
    assert_page(requests.get(server.url + "/thu-tuc/2.000884/nop-truc-tuyen"), status=404)
    form = assert_page(requests.get(form_url))
    offered = re.findall(r'<option value="([^"]+)"', form)
    assert COMMUNE in offered and PROVINCE not in offered
    assert "csrf" not in form and "Thành phần hồ sơ" in form
    assert 'enctype="multipart/form-data"' in form
    p = requests.get(server.url + "/api/v1/catalogue/procedures/1.004873").json()
    assert re.findall(r'type="file" id="(file-\d+)"', form) == \
        [f"file-{i}" for i in range(len(p["components"]))]
    token = re.search(r'name="token" value="([^"]+)"', form).group(1)
    clerk = login(server, "clerk")

    def mine():
        r = clerk.get(server.url + "/api/v1/dossiers", params={"q": "Hồ Văn Trực"})
        return [d["code"] for d in r.json()["dossiers"]]

    good = {"token": token, "unit": COMMUNE, "name": "Hồ Văn Trực", "phone": "0912345678"}
    files = {"file-0": ("to-khai.pdf", PDF, "application/pdf"), "file-1": NO_FILE,
             "file-2": ("uy-quyen.pdf", PDF + b"%2", "application/pdf")}
    page = assert_page(requests.post(form_url, data=dict(good, phone=""), files=files), status=400)
    assert 'id="err-phone"' in page and 'value="Hồ Văn Trực"' in page
    page = assert_page(requests.post(form_url, data=dict(good, unit=PROVINCE), files=files),
                       status=422)
    assert 'id="err-unit"' in page
    # a ".pdf" that is not a PDF
    page = assert_page(requests.post(form_url, data=good, files=dict(files, **{
        "file-0": ("to-khai.pdf", b"<html>not a pdf</html>", "application/pdf")})), status=415)
    assert 'id="err-file-0"' in page
    assert_page(requests.post(form_url, data=good), status=415)  # not multipart
    assert mine() == []
    page = assert_page(requests.post(form_url, data=good, files=files), status=201)
    code = re.search(r'class="dossier-code">([^<]+)<', page).group(1)
    assert mine() == [code] and "UBND xã Gio Linh" in page
    key = re.search(r'class="lookup-key">([0-9A-Z]{4}-[0-9A-Z]{4})<', page).group(1)
    link = html.unescape(re.search(r'href="(/tra-cuu\?[^"]+)"', page).group(1))
    assert link == f"/tra-cuu?ma={code}&key={key.replace('-', '')}"
    look = assert_page(requests.get(server.url + link))
    assert "Kết quả tra cứu" in look and "Mới đăng ký" in look
    d = clerk.get(server.url + "/api/v1/dossiers/" + code).json()
    assert d["state"] == "submitted" and d["channel"] == "online" and d["due_at"] is None
    names = [p["components"][0]["name"], p["components"][2]["name"]]
    assert [c["name"] for c in d["components"]] == names
    assert all(c["digitized"] for c in d["components"])
    docs = clerk.get(server.url + f"/api/v1/dossiers/{code}/documents").json()["documents"]
    assert [(x["kind"], x["name"]) for x in docs] == [("component", n) for n in names]
    for x, content in zip(docs, (PDF, PDF + b"%2")):
        got = clerk.get(server.url + f"/api/v1/dossiers/{code}/documents/{x['sha256']}")
        assert got.status_code == 200 and got.content == content
    # received, resolved with an electronic result: the citizen downloads it from the look-up
    assert "Kết quả điện tử" not in look
    for ev in ({"action": "receive"}, {"action": "resolve", "outcome": "approved"}):
        if ev["action"] == "resolve":
            result = PDF.replace(b"Catalog", b"Catalog /Lang (vi)")
            r = clerk.post(server.url + f"/api/v1/dossiers/{code}/documents",
                           data={"kind": "result"},
                           files={"file": ("giay-xac-nhan.pdf", result, "application/pdf")})
            assert r.status_code == 201, r.text
        assert clerk.post(server.url + f"/api/v1/dossiers/{code}/events", json=ev).status_code == 200
    look = assert_page(requests.get(server.url + link))
    assert "Kết quả điện tử" in look
    download = html.unescape(re.search(r'href="(/api/v1/lookup/result\?[^"]+)"', look).group(1))
    got = requests.get(server.url + download)
    assert got.status_code == 200 and got.content == result
    api = requests.get(server.url + "/api/v1/lookup", params={"code": code, "key": key}).json()
    assert [x["sha256"] for x in api["results"]] == [r.json()["sha256"]]


# ---- citizen: look-up and rating ----

def test_lookup_form_prefills_the_code_from_the_qr(server, filed):
    page = assert_page(requests.get(server.url + "/tra-cuu", params={"ma": filed}))
    assert f'value="{filed}"' in page
    assert '<label for="key">' in page and "Kết quả tra cứu" not in page
    assert "csrf" not in page  # public form, no session


def test_lookup_masked_status(server, filed, key):
    r = requests.get(server.url + "/tra-cuu", params={"ma": filed, "key": key})
    page = assert_page(r)
    api = requests.get(server.url + "/api/v1/lookup", params={"code": filed, "key": key}).json()
    assert "Kết quả tra cứu" in page and filed in page
    assert html.escape(api["applicant"]) in page and api["applicant"] == "Trần T*** B*** N***"
    assert api["state_label"] in page and api["procedure"]["name"] in page
    assert api["unit"]["name"] in page
    for h in api["history"]:
        assert h["label"] in page
    received = datetime.datetime.fromisoformat(api["received_at"]).astimezone(VN)
    assert received.strftime("%H:%M %d/%m/%Y") in page
    main = page[page.index("<main"):page.index("</main>")]
    for secret in (NAME, "0987654321", "045190006789", "Thôn Hà Thượng", "motcua"):
        assert secret not in main, secret  # "motcua": the receiving officer
    assert 'action="/danh-gia"' not in page  # not resolved yet: nothing to rate
    # the last 4 digits of the phone or the identity number are no key
    for last4 in ("4321", "6789"):
        assert_page(requests.get(server.url + "/tra-cuu", params={"ma": filed, "key": last4}), status=400)


def test_lookup_wrong_key_or_code_same_answer(server, filed, key):
    wrong_key = requests.get(server.url + "/tra-cuu", params={"ma": filed, "key": WRONG_KEY})
    wrong_code = requests.get(server.url + "/tra-cuu", params={"ma": filed[:-1] + "9", "key": key})
    for r in (wrong_key, wrong_code):
        page = assert_page(r, status=404)
        assert "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này" in page
        assert "Kết quả tra cứu" not in page and NAME not in page
    assert_page(requests.get(server.url + "/tra-cuu", params={"ma": filed, "key": "12"}), status=400)


def test_lookup_page_is_throttled(demo_db):
    srv = Server(demo_db)  # its own throttling state
    try:
        for i in range(20):
            assert_page(requests.get(srv.url + "/tra-cuu",
                                     params={"ma": f"{COMMUNE}-250101-{i:04d}", "key": WRONG_KEY}), status=404)
        r = requests.get(srv.url + "/tra-cuu", params={"ma": f"{COMMUNE}-250101-0001", "key": WRONG_KEY})
        page = assert_page(r, status=429)
        assert int(r.headers["Retry-After"]) > 0 and "thử lại sau" in page
        # the API shares the counter
        assert requests.get(srv.url + "/api/v1/lookup",
                            params={"code": f"{COMMUNE}-250101-0001", "key": WRONG_KEY}).status_code == 429
    finally:
        srv.stop()


def test_rating_after_resolution(server, filed, key):
    specialist = login(server, "specialist")
    r = specialist.post(server.url + f"/api/v1/dossiers/{filed}/events",
                        json={"action": "resolve", "outcome": "approved"})
    assert r.status_code == 200, r.text
    page = assert_page(requests.get(server.url + "/tra-cuu", params={"ma": filed, "key": key}))
    assert 'action="/danh-gia"' in page and 'method="post"' in page
    for level in ("very_satisfied", "satisfied", "dissatisfied"):
        assert f'value="{level}"' in page
    assert '<label for="gop-y">' in page
    # no level chosen: the form again with the message beside the field
    bad = requests.post(server.url + "/danh-gia", data={"ma": filed, "key": key},
                        allow_redirects=False)
    assert "Hãy chọn một mức độ hài lòng" in assert_page(bad, status=400)
    # a wrong key: the look-up's answer, nothing recorded
    wrong = requests.post(server.url + "/danh-gia",
                          data={"ma": filed, "key": WRONG_KEY, "level": "satisfied"}, allow_redirects=False)
    assert "Không tìm thấy hồ sơ" in assert_page(wrong, status=404)
    r = requests.post(server.url + "/danh-gia",
                      data={"ma": filed, "key": key, "level": "very_satisfied",
                            "comment": "Cán bộ hướng dẫn tận tình"}, allow_redirects=False)
    assert r.status_code == 303, r.text
    assert r.headers["Location"].startswith("/tra-cuu?ma=" + requests.utils.quote(filed, safe=""))
    assert "da-danh-gia=1" in r.headers["Location"]
    thanks = assert_page(requests.get(server.url + r.headers["Location"]))
    assert "Cảm ơn bạn đã đánh giá" in thanks and "Rất hài lòng" in thanks
    assert 'action="/danh-gia"' not in thanks
    clerk = login(server, "clerk")
    assert clerk.get(server.url + "/api/v1/dossiers/" + filed).json()["rating"] == "very_satisfied"
    assert requests.get(server.url + "/api/v1/lookup",
                        params={"code": filed, "key": key}).json()["can_rate"] is False
    again = requests.post(server.url + "/danh-gia", data={"ma": filed, "key": key, "level": "satisfied"},
                          allow_redirects=False)
    assert_page(again, status=409)


# ---- leader ----

def test_errors_reach_people_as_pages(server):
    """A person who mistypes an address, or sends too big a file, gets a page in Vietnamese;
    programs under /api/ get the JSON error."""
    for method, path, status, words in (
            ("GET", "/khong-co-trang-nay", 404, "Không tìm thấy"),
            ("GET", "/tra-cuu/", 404, "Không tìm thấy"),
            ("POST", "/thu-tuc", 405, "Phương thức"),
            ("GET", "/ho-so?q=%C3%28", 400, "UTF-8")):
        text = assert_page(requests.request(method, server.url + path), status)
        assert words in text
    r = requests.get(server.url + "/api/v1/khong-co")
    assert r.status_code == 404 and r.json()["error"]["message"]
    # an online filing with files over its 10 MB: answered from the headers, as a page
    host, port = server.url.split("//")[1].split(":")
    with socket.create_connection((host, int(port))) as c:
        c.sendall(b"POST /thu-tuc/1.004873/nop-truc-tuyen HTTP/1.1\r\nHost: x\r\n"
                  b"Content-Type: multipart/form-data; boundary=b\r\n"
                  b"Content-Length: 60000000\r\n\r\n")
        c.settimeout(10)
        answer = b""
        while b"</html>" not in answer:
            chunk = c.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and b"text/html" in head, head
    assert "tối đa 10 MB" in body.decode()


def test_other_sites_cannot_post_the_public_forms(server):
    """Login, online filing and rating have no session for a CSRF token: a browser's
    Sec-Fetch-Site tells a post another site made, which is refused and changes nothing."""
    login_form = {"username": "motcua", "password": "motcua@2025"}
    r = requests.post(server.url + "/dang-nhap", data=login_form, allow_redirects=False,
                      headers={"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"})
    assert r.status_code == 403 and "Set-Cookie" not in r.headers
    assert "trang web khác" in assert_page(r, 403)
    def dossiers():
        con = connect(server.db)
        n = con.execute("SELECT count(*) FROM dossier").fetchone()[0]
        con.close()
        return n
    before = dossiers()
    r = requests.post(server.url + "/thu-tuc/1.004873/nop-truc-tuyen", data={"name": "X"},
                      files={"file": ("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
                      headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403 and dossiers() == before
    # the same form from the site itself, or from a program, logs in
    for site in ("same-origin", None):
        r = requests.post(server.url + "/dang-nhap", data=login_form, allow_redirects=False,
                          headers={"Sec-Fetch-Site": site} if site else {})
        assert r.status_code == 303 and "motcua_session" in r.headers.get("Set-Cookie", "")


def test_pages_need_login(server):
    for path in ("/tong-quan", "/bao-cao", "/can-bo", "/bao-cao/in"):
        r = requests.get(server.url + path, allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].startswith("/dang-nhap?next="), path


def official(session, server, **params):
    r = session.get(server.url + "/api/v1/reports/official", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_dashboard_matches_the_official_report(server, filed):
    leader = login(server, "leader")
    page = assert_page(leader.get(server.url + "/tong-quan"))
    d = vn_today()
    month = official(leader, server, **{"from": d.replace(day=1).isoformat(), "to": d.isoformat(),
                                         "unit": PROVINCE})
    day = official(leader, server, **{"from": d.isoformat(), "to": d.isoformat(), "unit": PROVINCE})
    rows = cells_by_key(page)
    t = month["total"]
    for key in ("received.total", "received.carried_over", "received.online", "received.direct_postal",
                "resolved.total", "resolved.early", "resolved.on_time", "resolved.late",
                "in_progress.total", "in_progress.within_deadline", "in_progress.overdue"):
        group, field = key.split(".")
        assert number(rows[key][-1]) == t[group][field], key
    assert number(rows["stopped"][-1]) == t["stopped"]
    assert t["received"]["total"] >= 1 and t["resolved"]["total"] >= 1
    for key, ind in month["indicators"].items():
        value = ("%.2f" % ind["value"]).replace(".", ",") + "%"
        assert rows[key][1] == value, (key, rows[key])
        assert rows[key][2] == "%s / %s" % (f"{ind['numerator']:,}".replace(",", "."),
                                            f"{ind['denominator']:,}".replace(",", "."))
    cards = {k: v for k, v in re.findall(
        r'<div class="card" data-key="([^"]+)"><div class="n">([^<]+)</div>', page)}
    dt = day["total"]
    assert number(cards["today.received"]) == dt["received"]["online"] + dt["received"]["direct_postal"]
    assert number(cards["today.resolved"]) == dt["resolved"]["total"]
    assert number(cards["today.received"]) >= 1
    assert page.count("<svg") == 2 and 'role="img"' in page
    assert "Hồ sơ quá hạn" in page and d.strftime("%d/%m/%Y") in page


def test_dashboard_lists_overdue_dossiers(server, tmp_path):
    # an imported dossier whose deadline has passed, at the commune
    code = f"{COMMUNE}-240102-0001"
    line = ('{"type":"dossier","code":"%s","procedure":"1.004873","unit":"%s","channel":"direct",'
            '"applicant":{"name":"Lê Văn Hải","phone":"0911000111"},'
            '"received_at":"2024-01-02T08:00:00+07:00","components":[],'
            '"events":[{"id":"x1","at":"2024-01-02T08:00:00+07:00","action":"receive","by":"old"}]}'
            % (code, COMMUNE))
    leader = login(server, "leader")
    # the API files dossiers now; a past one comes through the import, beside the running
    # server (WAL: the import writes while the server reads)
    f = tmp_path / "old.jsonl"
    f.write_text(line + "\n")
    run("import", "--db", server.db, str(f), check=0)
    page = assert_page(leader.get(server.url + "/tong-quan"))
    assert f'href="/ho-so/{code}"' in page
    assert 'class="overdue"' in page
    clerk_page = assert_page(login(server, "clerk").get(server.url + "/tong-quan"))
    assert f'href="/ho-so/{code}"' in clerk_page  # the clerk's own unit


def test_report_page_matches_the_api(server, filed):
    leader = login(server, "leader")
    d = vn_today()
    period = d.strftime("%Y-%m")
    page = assert_page(leader.get(server.url + "/bao-cao"))  # this month by field by default
    api = official(leader, server, period=period, unit=PROVINCE, by="field")
    rows = cells_by_key(page)
    from_api = {row["key"]: row for row in api["rows"]}
    assert "HT" in rows and rows["HT"][1] == "Hộ tịch"
    total = rows[""]
    assert number(total[2]) == api["total"]["received"]["total"]
    # Biểu 06: received total, online, direct/postal, carried over, resolved (stopped folded
    # into on time), early, on time, late, in progress, within deadline, overdue
    t = api["total"]
    expect = [t["received"]["total"], t["received"]["online"], t["received"]["direct_postal"],
              t["received"]["carried_over"], t["resolved"]["total"] + t["stopped"],
              t["resolved"]["early"], t["resolved"]["on_time"] + t["stopped"], t["resolved"]["late"],
              t["in_progress"]["total"], t["in_progress"]["within_deadline"], t["in_progress"]["overdue"]]
    assert [number(c) for c in total[2:]] == expect
    assert number(total[-1]) == api["total"]["in_progress"]["overdue"]
    for key, row in from_api.items():
        assert number(rows[key][2]) == row["received"]["total"], key
    for key, ind in api["indicators"].items():
        assert rows[key][1] == ("%.2f" % ind["value"]).replace(".", ",") + "%"
    assert f'<option value="{period}" selected>' in page
    # the download links carry the same query, and answer with the same report
    links = dict((fmt, html.unescape(u)) for u, fmt in
                 re.findall(r'href="(/api/v1/reports/official\?[^"]*format=(xlsx|csv-excel|csv)(?:&[^"]*)?)"',
                            page))
    assert set(links) == {"xlsx", "csv-excel", "csv"}
    x = leader.get(server.url + links["xlsx"])
    assert x.status_code == 200 and x.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert zipfile.ZipFile(io.BytesIO(x.content)).testzip() is None
    c = leader.get(server.url + links["csv"])
    assert c.status_code == 200 and c.headers["Content-Type"].startswith("text/csv")
    printable = re.search(r'href="(/bao-cao/in\?[^"]*)"', page).group(1)
    pr = leader.get(server.url + html.unescape(printable))
    assert pr.status_code == 200 and "Biểu số 06/VPCP/KSTT" in pr.text
    assert not check_html(pr.text)


def test_report_page_dates_units_and_errors(server, filed):
    leader = login(server, "leader")
    d = vn_today()
    start = d.replace(month=1, day=1).isoformat()
    page = assert_page(leader.get(server.url + "/bao-cao", params={
        "period": "", "from": start, "to": d.isoformat(), "unit": COMMUNE, "by": "procedure"}))
    api = official(leader, server, **{"from": start, "to": d.isoformat(), "unit": COMMUNE,
                                       "by": "procedure"})
    rows = cells_by_key(page)
    assert number(rows[""][2]) == api["total"]["received"]["total"]
    assert set(k for k in rows if k and not k.endswith("_rate") and k != "progress_766") == \
        set(r["key"] for r in api["rows"])
    assert f'<option value="{COMMUNE}" selected>' in page
    assert f'Từ ngày {d.replace(month=1, day=1).strftime("%d/%m/%Y")} đến ngày {d.strftime("%d/%m/%Y")}' in page
    # Decree 09 cut-off and named periods of last year are offered
    assert f'<option value="{d.year - 1}-Q4">' in page and 'value="nd09"' in page
    bad = leader.get(server.url + "/bao-cao", params={"from": "2025-13-01", "to": "2025-01-01"})
    assert "YYYY-MM-DD" in assert_page(bad, status=400)
    # dates typed while a period is still chosen: said, not silently dropped, and both kept
    both = assert_page(leader.get(server.url + "/bao-cao", params={
        "period": f"{d.year}-01", "from": start, "to": d.isoformat()}), status=400)
    assert "Chọn kỳ (period) hoặc từ ngày" in both and f'value="{start}"' in both
    # a clerk: own unit only, and not another
    clerk = login(server, "clerk")
    mine = assert_page(clerk.get(server.url + "/bao-cao"))
    assert f'<option value="{COMMUNE}" selected>' in mine and f'value="{PROVINCE}"' not in mine
    assert clerk.get(server.url + "/bao-cao", params={"unit": PROVINCE}).status_code == 403


def test_officers_page_lists_the_resolving_officer(server, filed, key):
    leader = login(server, "leader")
    if requests.get(server.url + "/api/v1/lookup", params={"code": filed, "key": key}).json()["state"] \
            == "received":  # the rating test resolves it; alone, resolve it here
        login(server, "specialist").post(server.url + f"/api/v1/dossiers/{filed}/events",
                                         json={"action": "resolve", "outcome": "approved"})
    page = assert_page(leader.get(server.url + "/can-bo"))
    api = leader.get(server.url + "/api/v1/reports/officers",
                     params={"period": vn_today().strftime("%Y-%m")}).json()
    rows = cells_by_key(page)
    assert "chuyenvien" in rows, page[-3000:]
    mine = next(o for o in api["officers"] if o["officer"] == "chuyenvien")
    assert number(rows["chuyenvien"][1]) == mine["resolved"] >= 1
    assert rows["chuyenvien"][5] == ("%.2f" % mine["on_time_rate"]).replace(".", ",") + "%"
    assert "Đã giải quyết" in page and "Tỷ lệ hài lòng" in page


def test_navigation_and_sizes(server):
    leader = login(server, "leader")
    for path in ("/tong-quan", "/bao-cao", "/can-bo"):
        page = assert_page(leader.get(server.url + path))
        assert f'href="{path}" aria-current="page"' in page
        assert 'name="csrf"' in page  # the logout form of a session page
    for path in ("/thu-tuc", "/tra-cuu"):
        page = assert_page(requests.get(server.url + path))
        assert f'href="{path}" aria-current="page"' in page
    big = assert_page(leader.get(server.url + "/bao-cao", params={"by": "procedure", "period": str(vn_today().year)}))
    assert len(big.encode()) < 50 * 1024
