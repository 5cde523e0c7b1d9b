"""Online filing to the end (issue 13, part 2): one upload slot per component, a required one
without its file refused at the field with every field and file kept, one dossier however
often the form is posted (F5, a double click), the citizen's online answer to a supplement
request from the look-up page (the clock restarts from it), what the look-up says is missing,
and pending uploads swept a day after their form's last post."""
import concurrent.futures
import html
import os
import re

import pytest
import requests

from clock import Clock
from conftest import login
from htmlcheck import assert_page
from motcua import COMMUNE, Server, connect, demo_store, files_dir, run
from poll import wait_until

PROCEDURE = "1.004873"  # components: 0 required, 1 and 2 optional; 3 working days
FORM = f"/thu-tuc/{PROCEDURE}/nop-truc-tuyen"
NO_FILE = ("", b"", "application/octet-stream")  # what a browser sends for an empty input
MiB = 1024 * 1024


def pdf(text):
    """A small PDF whose bytes differ with text."""
    return b"%PDF-1.4\n% " + text.encode() + b"\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def jpeg(text):
    """What a phone's camera sends: JPEG by its first bytes (whatever it is named)."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + text.encode() + b"\xff\xd9"


def token_of(page):
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def new_form(srv):
    """A fresh filing form: its one-time token."""
    return token_of(assert_page(requests.get(srv.url + FORM)))


def applicant(token, name, phone):
    return {"token": token, "unit": COMMUNE, "name": name, "phone": phone}


def post(srv, data, files, status):
    return assert_page(requests.post(srv.url + FORM, data=data, files=files), status=status)


def dossiers_named(db, name):
    con = connect(db)
    n = con.execute("SELECT count(*) FROM dossier WHERE applicant_name = ?", (name,)).fetchone()[0]
    con.close()
    return n


def pending(db):
    con = connect(db)
    rows = con.execute("SELECT token, sha256, filename FROM pending_upload").fetchall()
    con.close()
    return rows


def documents(srv, clerk, code):
    """[(name, bytes)] of a dossier's documents, as an officer downloads them."""
    out = []
    for d in clerk.get(srv.url + f"/api/v1/dossiers/{code}/documents").json()["documents"]:
        got = clerk.get(srv.url + f"/api/v1/dossiers/{code}/documents/{d['sha256']}")
        assert got.status_code == 200
        out.append((d["name"], got.content))
    return out


def code_of(page):
    return re.search(r'class="dossier-code">([^<]+)<', page).group(1)


def key_of(page):
    """The look-up key the confirmation gives, as a citizen copies it (XXXX-XXXX)."""
    return re.search(r'class="lookup-key">([0-9A-Z]{4}-[0-9A-Z]{4})<', page).group(1)


@pytest.fixture(scope="module")
def names(server):
    p = requests.get(server.url + "/api/v1/catalogue/procedures/" + PROCEDURE).json()
    assert [c["required"] for c in p["components"]] == [True, False, False]
    return [c["name"] for c in p["components"]]


def test_required_paper_missing_keeps_fields_and_files(server, names):
    token = new_form(server)
    data = dict(applicant(token, "Phan Thị Giữ", "0905000111"), address="Thôn Gio Mỹ")
    divorce = pdf("giấy ly hôn")
    page = post(server, data, {"file-0": NO_FILE, "file-1": ("ly-hon.pdf", divorce, "application/pdf"),
                               "file-2": NO_FILE}, 400)
    # refused at the field, nothing filed
    assert 'id="err-file-0"' in page and "Hãy chọn tệp của giấy tờ bắt buộc" in page
    assert dossiers_named(server.db, "Phan Thị Giữ") == 0
    # every field stays filled, the same form (token), the file shown as received
    assert 'value="Phan Thị Giữ"' in page and 'value="0905000111"' in page
    assert 'value="Thôn Gio Mỹ"' in page and token_of(page) == token
    assert "Đã tải lên: <strong>ly-hon.pdf</strong>, 1 KB" in page
    kept = dict(re.findall(r'name="(kept-\d+)" value="([0-9a-f]{64})"', page))
    assert list(kept) == ["kept-1"]
    # kept server-side, under this form's token, outside the document folder
    [(t, sha, filename)] = pending(server.db)
    assert (t, sha, filename) == (token, kept["kept-1"], "ly-hon.pdf")
    assert os.path.exists(f"{files_dir(server.db)}/pending/{token}.{sha}")
    # a phone photo that is not a photo: refused at its field, the kept file still kept
    page = post(server, dict(data, **kept), {"file-0": ("anh.jpg", b"not a photo", "image/jpeg")}, 415)
    assert 'id="err-file-0"' in page and "Đã tải lên: <strong>ly-hon.pdf</strong>" in page
    # the required paper now (a phone photo), the other by its reference: filed, both attached
    photo = jpeg("tờ khai")
    page = post(server, dict(data, **kept), {"file-0": ("IMG_0001.jpg", photo, "image/jpeg"),
                                             "file-1": NO_FILE}, 201)
    code = code_of(page)
    clerk = login(server, "clerk")
    assert documents(server, clerk, code) == [(names[0], photo), (names[1], divorce)]
    assert dossiers_named(server.db, "Phan Thị Giữ") == 1
    assert "Giấy tờ đã nộp" in page and names[1] in html.unescape(page)


def test_another_form_cannot_attach_an_upload(server, names):
    """The hidden reference is found only with the token of the form that received the file:
    knowing (or guessing) a file's SHA-256 attaches nothing."""
    first = new_form(server)
    secret = pdf("giấy tờ riêng của người khác")
    page = post(server, applicant(first, "", "0905000222"),
                {"file-1": ("rieng.pdf", secret, "application/pdf")}, 400)
    sha = re.search(r'name="kept-1" value="([0-9a-f]{64})"', page).group(1)
    other = new_form(server)
    page = post(server, dict(applicant(other, "Kẻ Tò Mò", "0905000333"), **{"kept-1": sha}),
                {"file-0": ("to-khai.pdf", pdf("tờ khai kẻ tò mò"), "application/pdf")}, 201)
    clerk = login(server, "clerk")
    assert [n for n, _ in documents(server, clerk, code_of(page))] == [names[0]]


def test_a_form_files_once(server):
    """F5 on the confirmation or a double click posts the form again: one dossier, and every
    post answers with its confirmation."""
    token = new_form(server)
    data = applicant(token, "Đặng Văn Một", "0905000444")
    files = {"file-0": ("to-khai.pdf", pdf("một lần"), "application/pdf")}
    first = post(server, data, files, 201)
    code = code_of(first)
    again = post(server, data, files, 201)  # F5
    assert code_of(again) == code
    # back, a field changed, posted again: still the same form
    assert code_of(post(server, dict(data, name="Đặng Văn Hai"), files, 201)) == code
    assert dossiers_named(server.db, "Đặng Văn Một") == 1
    assert dossiers_named(server.db, "Đặng Văn Hai") == 0
    # a double click: two posts of a new form at once
    token = new_form(server)
    data = applicant(token, "Đặng Thị Đúp", "0905000555")

    def click(_):
        r = requests.post(server.url + FORM, data=data,
                          files={"file-0": ("to-khai.pdf", pdf("đúp"), "application/pdf")})
        return r.status_code, code_of(r.text)

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(click, range(2)))
    assert answers[0] == answers[1] and answers[0][0] == 201
    assert dossiers_named(server.db, "Đặng Thị Đúp") == 1
    # a post without the form's token files nothing: the form again, with one
    page = post(server, applicant("", "Không Có Mã", "0905000666"),
                {"file-0": ("to-khai.pdf", pdf("không mã"), "application/pdf")}, 400)
    assert len(token_of(page)) == 43 and dossiers_named(server.db, "Không Có Mã") == 0
    assert "Đã tải lên: <strong>to-khai.pdf</strong>" in page


def test_upload_limits(server):
    """More files than a post may carry, or files together over the budget (10 MiB for the
    public, 50 MiB for an officer), are refused and leave no temporary file behind; empty file
    inputs do not count."""
    token = new_form(server)
    files = [(f"file-{i}", (f"{i}.pdf", pdf(str(i)), "application/pdf")) for i in range(21)]
    r = requests.post(server.url + FORM, data=applicant(token, "Quá Nhiều", "0905000777"),
                      files=files)
    assert "tối đa 20 tệp" in assert_page(r, status=400)
    # empty inputs do not count: a browser sends one part for each
    files = [("file-0", ("to-khai.pdf", pdf("một tệp"), "application/pdf"))] + \
        [(f"file-{i}", NO_FILE) for i in range(1, 40)]
    r = requests.post(server.url + FORM, data=applicant(token, "Nhiều Ô Trống", "0905000778"),
                      files=files)
    code = code_of(assert_page(r, status=201))

    def chunks(n, mib):  # no Content-Length: refused while streaming, past the budget
        boundary = b"----motcua-test"
        for i in range(n):
            yield (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"file-%d\"; "
                   b"filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%%PDF-1.4\n" % i)
            for _ in range(mib * 16):
                yield b"0" * (64 * 1024)
            yield b"\r\n"
        yield b"--" + boundary + b"--\r\n"
    multipart = {"Content-Type": "multipart/form-data; boundary=----motcua-test"}
    r = requests.post(server.url + FORM, data=chunks(2, 6), headers=multipart)
    assert "tối đa 10 MB" in assert_page(r, status=413)
    assert os.listdir(files_dir(server.db) + "/tmp") == []
    clerk = login(server, "clerk")
    r = clerk.post(server.url + f"/api/v1/dossiers/{code}/documents", data=chunks(3, 17),
                   headers=multipart)
    assert r.status_code == 413 and "tổng cộng tối đa 50 MiB" in r.json()["error"]["message"]
    assert os.listdir(files_dir(server.db) + "/tmp") == []
    assert dossiers_named(server.db, "Quá Nhiều") == 0


def test_the_public_answers_a_supplement_only_through_the_lookup(server):
    token = new_form(server)
    page = post(server, applicant(token, "Võ Văn Khóa", "0905001234"),
                {"file-0": ("to-khai.pdf", pdf("khóa"), "application/pdf")}, 201)
    code, lk = code_of(page), key_of(page)
    clerk, spec = login(server, "clerk"), login(server, "specialist")
    assert clerk.post(server.url + f"/api/v1/dossiers/{code}/events",
                      json={"action": "receive"}).status_code == 200
    assert spec.post(server.url + f"/api/v1/dossiers/{code}/events",
                     json={"action": "request_supplement", "items": ["Ảnh 4x6"]}).status_code == 200
    # the API's events need a login
    r = requests.post(server.url + f"/api/v1/dossiers/{code}/events", json={"action": "supplement"})
    assert r.status_code == 401
    look = assert_page(requests.get(server.url + "/tra-cuu", params={"ma": code, "key": lk}))
    form = token_of(look[look.index('action="/tra-cuu/bo-sung"'):])
    # a wrong key answers as the look-up does, and changes nothing
    r = requests.post(server.url + "/tra-cuu/bo-sung", data={"ma": code, "key": "0000-0000", "token": form},
                      files={"file-0": ("anh.jpg", jpeg("ảnh"), "image/jpeg")})
    assert "Không tìm thấy hồ sơ" in assert_page(r, status=404)
    # nothing sent: refused, the form again
    r = requests.post(server.url + "/tra-cuu/bo-sung", data={"ma": code, "key": lk, "token": form},
                      files={"file-0": NO_FILE})
    assert "ít nhất một giấy tờ" in assert_page(r, status=400)
    assert clerk.get(server.url + "/api/v1/dossiers/" + code).json()["state"] == "supplement"


def test_supplement_answered_online(tmp_path):
    """Filed online, received, a supplement requested: the look-up says what is missing and
    why; the citizen uploads the papers there; the dossier returns to processing with its
    full time limit counted again from the answer (Decree 61 Art 19(4)), the files attached,
    and the officer sees it in the history and the worklist."""
    db = demo_store(tmp_path)
    clock = Clock(tmp_path / "now", "2026-03-02 08:30:00")  # a Monday
    srv = Server(db, clock=clock)
    try:
        token = new_form(srv)
        page = post(srv, applicant(token, "Ngô Thị Bổ Sung", "0905002468"),
                    {"file-0": ("to-khai.pdf", pdf("tờ khai"), "application/pdf")}, 201)
        code, lk = code_of(page), key_of(page)
        # each login comes before the clock is set: a password check takes a while, more so
        # under the sanitizers, and the instant of the event is what the test asserts
        clerk = login(srv, "clerk")
        clock.set("2026-03-02 09:00:00")
        r = clerk.post(srv.url + f"/api/v1/dossiers/{code}/events", json={"action": "receive"})
        assert r.json()["due_at"] == "2026-03-05T09:00:00+07:00"  # 3 working days
        clock.set("2026-03-03 09:59:00")  # sessions last 12 hours: log in again
        specialist = login(srv, "specialist")
        clock.set("2026-03-03 10:00:00")
        papers = ["Bản sao giấy khai sinh", "Giấy xác nhận nơi cư trú"]
        r = specialist.post(srv.url + f"/api/v1/dossiers/{code}/events",
                      json={"action": "request_supplement", "items": papers,
                            "reason": "Tờ khai thiếu thông tin nơi cư trú"})
        assert r.status_code == 200, r.text
        # the look-up says what is missing and why, and offers the upload
        key = {"ma": code, "key": lk}
        look = assert_page(requests.get(srv.url + "/tra-cuu", params=key))
        missing = look[look.index('<section class="missing"'):]
        missing = missing[:missing.index("</section>")]
        assert re.findall(r"<li>([^<]*)</li>", missing) == papers
        assert "Tờ khai thiếu thông tin nơi cư trú" in missing and "03/03/2026" in missing
        assert 'action="/tra-cuu/bo-sung"' in missing
        assert [f for f in re.findall(r'type="file" id="(file-\d+)"', missing)] == \
            ["file-0", "file-1", "file-2"]
        api = requests.get(srv.url + "/api/v1/lookup", params={"code": code, "key": lk}).json()
        assert api["supplement_request"] == {"items": papers, "requested_at": "2026-03-03T10:00:00+07:00",
                                             "reason": "Tờ khai thiếu thông tin nơi cư trú"}
        form = token_of(missing)
        # a new paper without its name: refused, the file kept for the next post
        clock.set("2026-03-09 08:55:00")
        birth, residence = pdf("giấy khai sinh"), jpeg("xác nhận cư trú")
        r = requests.post(srv.url + "/tra-cuu/bo-sung", data={**key, "token": form},
                          files={"file-0": ("khai-sinh.pdf", birth, "application/pdf"),
                                 "file-2": ("cu-tru.jpg", residence, "image/jpeg")})
        page = assert_page(r, status=400)
        assert 'id="err-name-2"' in page
        kept = dict(re.findall(r'name="(kept-\d+)" value="([0-9a-f]{64})"', page))
        assert list(kept) == ["kept-0", "kept-2"]
        clock.set("2026-03-09 09:00:00")
        answer = {**key, "token": form, "name-2": "Giấy xác nhận thông tin cư trú", **kept}
        blank = {f"file-{i}": NO_FILE for i in range(3)}  # as a browser sends them
        r = requests.post(srv.url + "/tra-cuu/bo-sung", data=answer, files=blank,
                          allow_redirects=False)
        assert r.status_code == 303, r.text
        assert r.headers["Location"].startswith(f"/tra-cuu?ma={code}&key=")
        # a second click: the same answer, nothing more recorded
        again = requests.post(srv.url + "/tra-cuu/bo-sung", data=answer, files=blank,
                              allow_redirects=False)
        assert again.status_code == 303 and again.headers["Location"] == r.headers["Location"]
        clerk, spec = login(srv, "clerk"), login(srv, "specialist")
        d = clerk.get(srv.url + "/api/v1/dossiers/" + code).json()
        assert d["state"] == "processing"
        assert d["due_at"] == "2026-03-12T09:00:00+07:00"  # the full 3 days from the answer
        supplements = [e for e in d["events"] if e["action"] == "supplement"]
        assert len(supplements) == 1 and supplements[0]["by"] == "công dân"
        assert supplements[0]["online"] is True
        assert supplements[0]["items"] == [papers[0], "Giấy xác nhận thông tin cư trú"]
        assert documents(srv, clerk, code)[1:] == [(papers[0], birth),
                                                   ("Giấy xác nhận thông tin cư trú", residence)]
        # the citizen sees it taken, the papers no longer asked for
        back = assert_page(requests.get(srv.url + r.headers["Location"]))
        assert "Đã nhận giấy tờ bổ sung" in back and "Đang xử lý" in back
        assert "Hồ sơ cần bổ sung" not in back and "12/03/2026" in back
        # the officer: in the worklist again, and the history says who and how
        work = assert_page(spec.get(srv.url + "/ho-so-cua-toi"))
        assert code in work
        history = assert_page(spec.get(srv.url + "/ho-so/" + code))
        assert "Công dân nộp bổ sung trực tuyến" in history and "Nhận hồ sơ bổ sung" in history
        # answered already: the form is gone and a new post is refused
        r = requests.post(srv.url + "/tra-cuu/bo-sung", data={**key, "token": new_form(srv)},
                          files={"file-0": ("khai-sinh.pdf", birth, "application/pdf")})
        assert "không ở trạng thái chờ bổ sung" in assert_page(r, status=409)
    finally:
        srv.stop()
    run("verify", "--db", db, check=0)


def test_pending_uploads_are_swept(tmp_path):
    """A pending upload whose form is never posted again goes a day later, row and file, by
    the server's retention sweep; a file that a dossier took stays in the document folder."""
    db = demo_store(tmp_path)
    clock = Clock(tmp_path / "now", "2026-04-06 09:00:00")
    srv = Server(db, clock=clock)
    try:
        abandoned, used = new_form(srv), new_form(srv)
        files = {"file-1": ("ly-hon.pdf", pdf("bỏ dở"), "application/pdf")}
        post(srv, applicant(abandoned, "", "0905003333"), files, 400)
        page = post(srv, applicant(used, "", "0905004444"),
                    {"file-1": ("ly-hon.pdf", pdf("dùng sau"), "application/pdf")}, 400)
        kept = dict(re.findall(r'name="(kept-\d+)" value="([0-9a-f]{64})"', page))
        page = post(srv, dict(applicant(used, "Lý Văn Dùng", "0905004444"), **kept),
                    {"file-0": ("to-khai.pdf", pdf("tờ khai dùng"), "application/pdf")}, 201)
        stored = f"{files_dir(db)}/{kept['kept-1'][:2]}/{kept['kept-1'][2:]}"
        assert os.path.exists(stored) and len(pending(db)) == 2
        folder = files_dir(db) + "/pending"
        assert len(os.listdir(folder)) == 2
        clock.set("2026-04-07 10:00:00")  # 25 hours on
        wait_until(lambda: pending(db) == [], 15, "the pending uploads swept", 0.1)
        wait_until(lambda: os.listdir(folder) == [], 15, "their files removed", 0.1)
        assert os.path.exists(stored)  # the dossier's document stays
    finally:
        srv.stop()
    run("verify", "--db", db, check=0)
