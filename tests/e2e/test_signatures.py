"""Digital signatures and the whole dossier in its hash chain (docs/ARCHITECTURE.md §10): units'
certificates (cert import/list/revoke, the demo CA of init --demo), results signed with a
detached CMS signature that `openssl cms -verify` accepts, forms signed over their canonical
content and checked on the public page /xac-thuc, revocation by day, and `motcua verify`
naming a dossier whose applicant was changed outside the chain."""
import hashlib
import json
import os
import re
import sqlite3
import subprocess

import requests

from conftest import assert_error, login, sqlite_file_only
from motcua import COMMUNE, PROVINCE, Server, beside, connect, demo_store, files_dir, run
from test_documents import new_dossier, pdf, upload


def verify(db):
    return run("verify", "--db", db)


@sqlite_file_only("edits a backup copy of the store as a file")
def test_applicant_renamed_in_the_file_fails_verify(server, tmp_path):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090007777")
    untouched = new_dossier(server, clerk, "045090007778")
    copy = str(tmp_path / "copy.db")
    run("backup", "--db", server.db, copy, check=0)
    assert verify(copy).returncode == 0
    con = sqlite3.connect(copy)
    applicant = con.execute("SELECT applicant FROM dossier WHERE code = ?", (code,)).fetchone()[0]
    assert "Nguyễn Thị Lan" in applicant
    con.execute("UPDATE dossier SET applicant = ? WHERE code = ?",
                (applicant.replace("Nguyễn Thị Lan", "Nguyễn Thị Lân"), code))
    con.commit()
    con.close()
    p = verify(copy)
    assert p.returncode == 1, p.stdout
    problems = [line for line in p.stdout.splitlines() if line.startswith("LỖI")]
    assert len(problems) == 1, p.stdout
    assert code in problems[0] and "người nộp hồ sơ đã bị sửa ngoài chuỗi băm" in problems[0]
    assert untouched not in p.stdout


@sqlite_file_only("edits a backup copy of the store as a file")
def test_a_component_changed_in_the_file_fails_verify(server, tmp_path):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090007779")
    copy = str(tmp_path / "copy.db")
    run("backup", "--db", server.db, copy, check=0)
    con = sqlite3.connect(copy)
    components_before = con.execute("SELECT components FROM dossier WHERE code = ?",
                                    (code,)).fetchone()[0]
    con.execute("UPDATE dossier SET components = '[]' WHERE code = ?", (code,))
    con.commit()
    con.close()
    p = verify(copy)
    problems = [line for line in p.stdout.splitlines() if line.startswith("LỖI")]
    assert len(problems) == 1 and code in problems[0], p.stdout
    assert "thành phần hồ sơ đã bị sửa" in problems[0] and "người nộp" not in problems[0]
    # the fee too (what the reports count)
    con = sqlite3.connect(copy)
    con.execute("UPDATE dossier SET components = ?, fee = fee + 1000 WHERE code = ?",
                (components_before, code))
    con.commit()
    con.close()
    p = verify(copy)
    assert p.returncode == 1 and "lệ phí" in p.stdout and "thành phần hồ sơ" not in p.stdout, \
        p.stdout


def openssl_verify(content, sig, ca):
    folder = os.path.dirname(ca)
    with open(os.path.join(folder, "result.pdf"), "wb") as f:
        f.write(content)
    with open(os.path.join(folder, "result.p7s"), "wb") as f:
        f.write(sig)
    return subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER",
                           "-content", os.path.join(folder, "result.pdf"),
                           "-in", os.path.join(folder, "result.p7s"), "-CAfile", ca,
                           "-out", os.devnull],
                          capture_output=True, text=True)


def test_signed_result_verifies_with_openssl(server, tmp_path):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090008888")
    body = pdf("signed result")
    r = upload(server, clerk, code, body, filename="ket-qua.pdf", kind="result", name=None)
    assert r.status_code == 201, r.text
    sha = r.json()["sha256"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", r.json()["signature"])
    got = clerk.get(server.url + f"/api/v1/dossiers/{code}/documents/{sha}",
                    params={"format": "p7s"})
    assert got.status_code == 200 and got.headers["Content-Type"] == "application/pkcs7-signature"
    assert got.headers["X-Signature-Token"] == r.json()["signature"]
    ca = beside(server.db, "demo-ca.pem")
    os.makedirs(tmp_path / "ok")
    ok = openssl_verify(body, got.content, str(tmp_path / "ok" / "ca.pem"))
    assert ok.returncode != 0  # no such CA file yet: the check below is not vacuous
    with open(tmp_path / "ok" / "ca.pem", "w") as f:
        f.write(open(ca).read())
    ok = openssl_verify(body, got.content, str(tmp_path / "ok" / "ca.pem"))
    assert ok.returncode == 0, ok.stderr
    altered = body.replace(b"signed result", b"signed resulT")
    bad = openssl_verify(altered, got.content, str(tmp_path / "ok" / "ca.pem"))
    assert bad.returncode != 0 and "failure" in bad.stderr.lower(), bad.stderr
    # the citizen downloads it too, with the code and key, once the dossier is resolved
    key = clerk.get(server.url + "/api/v1/dossiers/" + code).json()["lookup_key"]
    assert clerk.post(server.url + f"/api/v1/dossiers/{code}/events",
                      json={"action": "resolve", "outcome": "approved"}).status_code == 200
    public = requests.get(server.url + "/api/v1/lookup/result",
                          params={"code": code, "key": key, "sha256": sha, "format": "p7s"})
    assert public.status_code == 200 and public.content == got.content
    assert_error(requests.get(server.url + "/api/v1/lookup/result",
                              params={"code": code, "key": key, "sha256": sha, "format": "xml"}),
                 400, "format")
    # the look-up offers the signature and its verification page
    token = r.json()["signature"]
    looked = requests.get(server.url + "/api/v1/lookup", params={"code": code, "key": key}).json()
    assert [x["signature"] for x in looked["results"]] == [token]
    page = requests.get(server.url + "/tra-cuu", params={"ma": code, "key": key}).text
    assert "format=p7s" in page and f"/xac-thuc?ma={token}" in page
    officer_page = clerk.get(server.url + f"/ho-so/{code}").text
    assert f"/documents/{sha}?format=p7s" in officer_page and f"/xac-thuc?ma={token}" in officer_page
    shown = requests.get(server.url + "/xac-thuc", params={"ma": token}).text
    assert status_of(shown) == "valid" and sha in shown and code in shown
    # the stored file altered: the page and verify say so, naming the dossier
    path = os.path.join(files_dir(server.db), sha[:2], sha[2:])
    mode = os.stat(path).st_mode
    os.chmod(path, 0o600)
    with open(path, "r+b") as f:
        f.seek(-2, os.SEEK_END)
        f.write(b"X")
    try:
        assert status_of(requests.get(server.url + "/xac-thuc", params={"ma": token}).text) == \
            "broken"
        p = verify(server.db)
        assert p.returncode == 1 and f"hồ sơ {code}: chữ ký số của {sha}" in p.stdout, p.stdout
    finally:
        with open(path, "r+b") as f:
            f.seek(0)
            f.write(body)
        os.chmod(path, mode)
    assert verify(server.db).returncode == 0
    # a component is not signed
    comp = upload(server, clerk, code, pdf("component"), name="Tờ khai")
    assert "signature" not in comp.json()
    assert_error(clerk.get(server.url + f"/api/v1/dossiers/{code}/documents/" +
                           comp.json()["sha256"], params={"format": "p7s"}), 404, "format")


def verification_url(html):
    m = re.search(r'<a class="verify-url" href="([^"]+)">', html)
    assert m, html[-2000:]
    return m.group(1).replace("&amp;", "&")


def status_of(page):
    m = re.search(r'data-status="([a-z]+)"', page)
    return m.group(1) if m else None


def test_form_signed_and_verified_publicly(server):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090009999")
    form = clerk.get(server.url + f"/dossiers/{code}/forms/01")
    assert form.status_code == 200, form.text
    url = verification_url(form.text)
    assert url.startswith(server.url + "/xac-thuc?ma=")
    assert "UBND xã Gio Linh" in re.search(r'class="signed-by">([^<]+)<', form.text).group(1)
    again = clerk.get(server.url + f"/dossiers/{code}/forms/01")
    assert verification_url(again.text) == url  # printed again: the same signature
    page = requests.get(url)  # no login
    assert page.status_code == 200, page.text
    assert status_of(page.text) == "valid"
    assert code in page.text and "Nguyễn Thị Lan" in page.text and "UBND xã Gio Linh" in page.text
    assert "045090009999" not in page.text  # the identity number stays off the public page
    # altered by one character in the store: the page says it does not verify
    token = url.split("ma=")[1]
    con = connect(server.db)
    content = con.execute("SELECT content FROM signature WHERE token = ?", (token,)).fetchone()[0]
    assert "Nguyễn Thị Lan" in content
    con.execute("UPDATE signature SET content = ? WHERE token = ?",
                (content.replace("Nguyễn Thị Lan", "Nguyễn Thị Lam"), token))
    con.commit()
    altered = requests.get(url)
    assert status_of(altered.text) == "broken" and "Nguyễn Thị Lam" in altered.text
    con.execute("UPDATE signature SET content = ? WHERE token = ?", (content, token))
    con.commit()
    con.close()
    assert status_of(requests.get(url).text) == "valid"
    # bad and unknown codes
    assert requests.get(server.url + "/xac-thuc?ma=abc").status_code == 400
    assert requests.get(server.url + "/xac-thuc").status_code == 400
    assert requests.get(server.url + "/xac-thuc?ma=" + "A" * 22).status_code == 404


def cert_id(db, unit, clock):
    """The id of the certificate cert list marks as signing for unit."""
    out = run("cert", "list", "--db", db, check=0, clock=clock).stdout
    ids = [line.split()[0] for line in out.splitlines()
           if line.split()[1] == unit and "đang ký" in line]
    assert len(ids) == 1, out
    return ids[0]


def openssl(args, clock, cwd):
    p = subprocess.run(["openssl", *args], capture_output=True, text=True, cwd=cwd,
                       env=clock.env(dict(os.environ)))
    assert p.returncode == 0, p.stderr
    return p


def test_revocation_by_day_and_rotation(tmp_path):
    from clock import Clock
    clock = Clock(tmp_path / "now", "2026-03-02 09:00:00")  # a Monday
    db = demo_store(tmp_path, clock=clock)
    srv = Server(db, clock=clock)
    try:
        clerk = login(srv, "clerk")
        before = new_dossier(srv, clerk, "045090001010")
        url_before = verification_url(clerk.get(srv.url + f"/dossiers/{before}/forms/01").text)
        clock.set("2026-03-05 09:00:00")
        clerk = login(srv, "clerk")  # sessions last 12 hours
        after = new_dossier(srv, clerk, "045090001011")
        url_after = verification_url(clerk.get(srv.url + f"/dossiers/{after}/forms/01").text)
        assert status_of(requests.get(url_before).text) == "valid"
        assert status_of(requests.get(url_after).text) == "valid"
        old = cert_id(db, COMMUNE, clock)
        # the key was compromised on the 4th: what was signed from that day on is revoked
        assert run("cert", "revoke", old, "--on", "2026-03-32", "--db", db,
                   clock=clock).returncode == 2
        assert run("cert", "revoke", "999", "--on", "2026-03-04", "--db", db,
                   clock=clock).returncode == 2
        run("cert", "revoke", old, "--on", "2026-03-04", "--db", db, check=0, clock=clock)
        assert status_of(requests.get(url_before).text) == "valid"
        page = requests.get(url_after).text
        assert status_of(page) == "revoked" and "04/03/2026" in page
        # without a valid certificate a form prints unsigned
        unsigned = clerk.get(srv.url + f"/dossiers/{after}/forms/01")
        assert unsigned.status_code == 200 and 'class="verify-url"' not in unsigned.text
        # rotation: a new PKCS#12 certificate of the unit signs from now on
        openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                 "-nodes", "-keyout", "k.pem", "-out", "c.pem", "-days", "365",
                 "-subj", "/C=VN/CN=UBND xa Gio Linh 2026"], clock, tmp_path)
        openssl(["pkcs12", "-export", "-inkey", "k.pem", "-in", "c.pem", "-out", "u.p12",
                 "-passout", "pass:mat-khau-p12"], clock, tmp_path)
        p12 = str(tmp_path / "u.p12")
        assert run("cert", "import", "--db", db, "--unit", COMMUNE, p12, "--password-env",
                   "P12_PASS", env={"P12_PASS": "sai"}, clock=clock).returncode == 2
        assert run("cert", "import", "--db", db, "--unit", "999.99.99.Z99", p12,
                   "--password-env", "P12_PASS", env={"P12_PASS": "mat-khau-p12"},
                   clock=clock).returncode == 2
        run("cert", "import", "--db", db, "--unit", COMMUNE, p12, "--password-env", "P12_PASS",
            env={"P12_PASS": "mat-khau-p12"}, check=0, clock=clock)
        new = cert_id(db, COMMUNE, clock)
        assert new != old
        url_new = verification_url(clerk.get(srv.url + f"/dossiers/{after}/forms/01").text)
        page = requests.get(url_new).text
        assert status_of(page) == "valid" and "UBND xa Gio Linh 2026" in page
        assert status_of(requests.get(url_before).text) == "valid"  # checked against its own
        # the private key is sealed at rest: not in the database in clear
        con = connect(db)
        sealed = [r[0] for r in con.execute("SELECT key_sealed FROM unit_cert")]
        con.close()
        assert all("ENCRYPTED PRIVATE KEY" in k for k in sealed) and len(sealed) == 3
        assert oct(os.stat(beside(db, "signkey")).st_mode & 0o777) == "0o600"
    finally:
        srv.stop()


def canonical(o):
    """The chain's canonical JSON (jansson: compact, sorted keys, UTF-8 as is)."""
    return json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def rebuild_chain(db, code, by, record=True):
    """Rewrites who took every event of dossier code and recomputes its whole hash chain, as
    someone who can write the file could: verify's chain check alone no longer sees it. With
    record False the events lose their record digests, as events written before them."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT e.feed, e.seq, e.event_id, e.at, e.action, e.from_state, e.to_state, e.payload, "
        "e.record_hash FROM dossier_event e JOIN dossier d ON d.id = e.dossier "
        "WHERE d.code = ? ORDER BY e.seq", (code,)).fetchall()
    prev = None
    for feed, seq, event_id, at, action, frm, to, payload, digest in rows:
        kept = digest if record else None
        o = {"dossier": code, "at": at, "action": action, "by": by, "id": event_id,
             "from": frm, "payload": json.loads(payload), "seq": seq, "to": to}
        if kept:
            o["record"] = kept.hex()
        h = hashlib.sha256((prev or b"") + canonical(o).encode()).digest()
        con.execute("UPDATE dossier_event SET by = ?, prev_hash = ?, hash = ?, record_hash = ? "
                    "WHERE feed = ?", (by, prev, h, kept, feed))
        prev = h
    con.execute("UPDATE dossier SET last_hash = ? WHERE code = ?", (prev, code))
    con.commit()
    con.close()


@sqlite_file_only("edits a backup copy of the store as a file")
def test_signed_checkpoint_catches_a_rebuilt_chain(server, tmp_path):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090002020")
    other = new_dossier(server, clerk, "045090002021")
    copy = str(tmp_path / "copy.db")
    run("backup", "--db", server.db, copy, check=0)
    os.link(server.db + ".signkey", copy + ".signkey")
    rebuilt = str(tmp_path / "rebuilt.db")
    run("backup", "--db", server.db, rebuilt, check=0)
    rebuild_chain(rebuilt, code, "ke-gian")
    assert verify(rebuilt).returncode == 0  # without a checkpoint the rebuilt chain passes
    out = run("checkpoint", "--db", copy, check=0).stdout
    assert re.search(r"signed [1-9]\d* checkpoints", out), out
    assert "signed 0 checkpoints" in run("checkpoint", "--db", copy, check=0).stdout  # none moved
    assert verify(copy).returncode == 0
    rebuild_chain(copy, code, "ke-gian")
    p = verify(copy)
    assert p.returncode == 1, p.stdout
    problems = [line for line in p.stdout.splitlines() if line.startswith("LỖI")]
    assert len(problems) == 1 and code in problems[0] and "viết lại" in problems[0], p.stdout
    assert other not in p.stdout
    # a checkpoint's own content altered: its signature no longer verifies
    con = sqlite3.connect(copy)
    con.execute("UPDATE signature SET content = replace(content, ?, ?) WHERE kind = 'checkpoint'",
                (other, other[:-1] + "9"))
    con.commit()
    con.close()
    p = verify(copy)
    assert p.returncode == 1 and "không khớp nội dung" in p.stdout, p.stdout
    # without the signing key there is nothing to sign with
    assert run("checkpoint", "--db", rebuilt).returncode != 0


def test_server_signs_checkpoints_at_its_interval(tmp_path):
    from poll import wait_until
    db = demo_store(tmp_path)
    srv = Server(db, extra=("--checkpoint-every", "1"))
    try:
        clerk = login(srv, "clerk")
        code = new_dossier(srv, clerk, "045090003030")

        def signed_heads():
            con = connect(db)
            rows = con.execute("SELECT s.content FROM checkpoint c JOIN signature s ON "
                               "s.id = c.signature WHERE c.unit = ?", (COMMUNE,)).fetchall()
            con.close()
            return [r[0] for r in rows if code in r[0]]

        content = json.loads(wait_until(signed_heads, what="a signed checkpoint")[0])
        assert content["unit"] == COMMUNE and [h[0] for h in content["heads"]] == [code]
        assert content["heads"][0][1] == 1 and re.fullmatch(r"[0-9a-f]{64}", content["heads"][0][2])
    finally:
        srv.stop()
    assert verify(db).returncode == 0
    assert run("serve", "--db", db, "--checkpoint-every", "-1").returncode == 2


@sqlite_file_only("edits a backup copy of the store as a file")
def test_dossiers_from_before_are_sealed_once(server, tmp_path):
    """A dossier whose events predate record digests (a store from before migration 23) is
    sealed once by `motcua init`; from then on a renamed applicant fails verify as well."""
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090004040")
    old = str(tmp_path / "old.db")
    run("backup", "--db", server.db, old, check=0)
    rebuild_chain(old, code, "motcua", record=False)
    p = verify(old)
    assert p.returncode == 1 and code in p.stdout and "niêm phong" in p.stdout, p.stdout
    out = run("init", "--db", old, check=0).stdout
    assert "sealed 1 earlier dossiers" in out, out
    assert "sealed" not in run("init", "--db", old, check=0).stdout  # once
    assert verify(old).returncode == 0
    con = sqlite3.connect(old)
    assert con.execute("SELECT count(*) FROM dossier_seal").fetchone() == (1,)
    con.execute("UPDATE dossier SET applicant = replace(applicant, 'Lan', 'Lân') WHERE code = ?",
                (code,))
    con.commit()
    con.close()
    p = verify(old)
    assert p.returncode == 1 and code in p.stdout and "người nộp hồ sơ" in p.stdout, p.stdout


def test_admin_certificates_page(server, tmp_path):
    from test_pages_admin import Browser, assert_page, follow
    from motcua import DEMO
    b = Browser(server, *DEMO["admin"])
    page = assert_page(b.get("/quan-tri/chung-thu-so"))
    assert page.count("Đang dùng để ký") == 2 and "UBND xã Gio Linh (mẫu)" in page
    assert 'href="/quan-tri/chung-thu-so"' in page  # in the admin's menu
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem", "-out", "c.pem",
                    "-days", "30", "-subj", "/C=VN/CN=Gio Linh qua trang quan tri"],
                   cwd=tmp_path, check=True, capture_output=True)
    pem = (tmp_path / "c.pem").read_text() + (tmp_path / "k.pem").read_text()
    bad = b.post("/quan-tri/chung-thu-so", {"unit": COMMUNE, "pem": "không phải PEM"})
    assert bad.status_code == 400 and "thiếu chứng thư số" in assert_page(bad)
    only_cert = b.post("/quan-tri/chung-thu-so",
                       {"unit": COMMUNE, "pem": (tmp_path / "c.pem").read_text()})
    assert only_cert.status_code == 400
    page = follow(b, b.post("/quan-tri/chung-thu-so", {"unit": COMMUNE, "pem": pem})).text
    assert "Đã nhập chứng thư số của đơn vị " + COMMUNE in page
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]+)</td><td>([^<]+)</td>.*?"
                      r'<td class="cert-state">([^<]+)</td>', page)
    mine = [r for r in rows if "Gio Linh qua trang quan tri" in r[2]]
    assert len(mine) == 1 and mine[0][3] == "Đang dùng để ký"
    # the key went in sealed
    con = connect(server.db)
    sealed = con.execute("SELECT key_sealed FROM unit_cert WHERE id = ?", (mine[0][0],)).fetchone()
    con.close()
    assert "ENCRYPTED" in sealed[0] and (tmp_path / "k.pem").read_text() not in sealed[0]
    # a form printed now is signed with it
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090005050")
    url = verification_url(clerk.get(server.url + f"/dossiers/{code}/forms/01").text)
    shown = assert_page(requests.get(url))
    assert "Gio Linh qua trang quan tri" in shown and status_of(shown) == "valid"
    # revoked from a day far ahead: still signing until then
    assert b.post(f"/quan-tri/chung-thu-so/{mine[0][0]}/thu-hoi", {"on": "2026-02-30"}
                  ).status_code == 400
    assert b.post("/quan-tri/chung-thu-so/99999/thu-hoi", {"on": "2099-01-01"}).status_code == 404
    page = follow(b, b.post(f"/quan-tri/chung-thu-so/{mine[0][0]}/thu-hoi",
                            {"on": "2099-01-01"})).text
    assert "Sẽ thu hồi từ 01/01/2099" in page
    # a commune's administrator manages only its own units
    run("user", "add", "qt.cts", "--role", "admin", "--unit", COMMUNE, "--password-stdin",
        "--db", server.db, input="qt-cts-2025-mat-khau\n", check=0)
    commune_admin = Browser(server, "qt.cts", "qt-cts-2025-mat-khau")
    page = assert_page(commune_admin.get("/quan-tri/chung-thu-so"))
    assert "UBND tỉnh Quảng Trị (mẫu)" not in page and "UBND xã Gio Linh (mẫu)" in page
    assert commune_admin.post("/quan-tri/chung-thu-so",
                              {"unit": PROVINCE, "pem": pem}).status_code == 403
    province_cert = [r[0] for r in rows if "UBND tỉnh Quảng Trị" in r[2]][0]
    assert commune_admin.post(f"/quan-tri/chung-thu-so/{province_cert}/thu-hoi",
                              {"on": "2026-01-01"}).status_code == 404
    assert requests.get(server.url + "/quan-tri/chung-thu-so", allow_redirects=False
                        ).status_code in (302, 303, 401)
