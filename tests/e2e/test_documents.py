"""Digitized documents: uploads streamed to disk and recognised by content (not by name),
stored once under their SHA-256 beside the database, attached to a dossier as a component or
its result (a digitize event, so the indicators move); the citizen downloads an electronic
result with code + key; an earlier result is reused for a new dossier of the same citizen
(Decree 45/2020); `motcua verify` checks every stored file."""
import hashlib
import os
import socket
import struct
import zlib

import requests

from clock import vn_today
from conftest import assert_error, login
from motcua import COMMUNE, Server, connect, files_dir as motcua_files_dir, run

PROCEDURE = "1.004873"
MiB = 1024 * 1024


def pdf(note="motcua"):
    """A minimal valid one-page PDF 1.4 (offsets in the xref table computed)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out = b"%PDF-1.4\n% " + note.encode() + b"\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def png():
    """A 1x1 white PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))



def components(srv):
    p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + PROCEDURE).json()
    return [{"name": c["name"], "digitized": False} for c in p["components"] if c["required"]]


def new_dossier(srv, clerk, id_number, phone="0912345678"):
    r = clerk.post(srv.url + "/api/v1/dossiers", json={
        "procedure": PROCEDURE, "unit": COMMUNE, "channel": "direct",
        "applicant": {"name": "Nguyễn Thị Lan", "id_number": id_number, "phone": phone},
        "components": components(srv)})
    assert r.status_code == 201, r.text
    return r.json()["code"]


def upload(srv, who, code, data, filename="giay-to.pdf", kind="component", name="Tờ khai"):
    fields = {"kind": kind}
    if name is not None:
        fields["name"] = name
    return who.post(srv.url + f"/api/v1/dossiers/{code}/documents", data=fields,
                    files={"file": (filename, data, "application/pdf")})


def files_dir(srv):
    return motcua_files_dir(srv.db)


def stored_path(srv, sha):
    return os.path.join(files_dir(srv), sha[:2], sha[2:])


def tmp_files(srv):
    tmp = os.path.join(files_dir(srv), "tmp")
    return os.listdir(tmp) if os.path.isdir(tmp) else []


def digitized_numerator(srv):
    day = vn_today().isoformat()
    rep = login(srv, "leader").get(srv.url + "/api/v1/reports/indicators",
                                   params={"from": day, "to": day, "unit": COMMUNE})
    assert rep.status_code == 200, rep.text
    return rep.json()["indicators"]["components_digitized_rate"]["numerator"]


def test_component_upload_moves_the_indicator(server):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090001111")
    before = digitized_numerator(server)
    body = pdf("component")
    r = upload(server, clerk, code, body, name="Tờ khai đăng ký")
    assert r.status_code == 201, r.text
    doc = r.json()
    sha = hashlib.sha256(body).hexdigest()
    assert doc["sha256"] == sha and doc["size"] == len(body)
    assert doc["mime"] == "application/pdf" and doc["kind"] == "component"
    assert doc["name"] == "Tờ khai đăng ký"
    assert digitized_numerator(server) == before + 1
    view = clerk.get(server.url + "/api/v1/dossiers/" + code).json()
    assert view["events"][-1]["action"] == "digitize"
    assert view["events"][-1]["component"] == "Tờ khai đăng ký"
    listed = clerk.get(server.url + f"/api/v1/dossiers/{code}/documents").json()["documents"]
    assert [(d["sha256"], d["kind"]) for d in listed] == [(sha, "component")]
    got = clerk.get(server.url + f"/api/v1/dossiers/{code}/documents/{sha}")
    assert got.status_code == 200 and got.content == body
    assert got.headers["Content-Type"] == "application/pdf"
    with open(stored_path(server, sha), "rb") as f:
        assert f.read() == body
    # the dossier page lists the file where the clerk works, and its link opens it
    page = clerk.get(server.url + "/ho-so/" + code).text
    assert "Tài liệu điện tử" in page and "Tờ khai đăng ký" in page
    assert f'href="/api/v1/dossiers/{code}/documents/{sha}"' in page
    # the public and unknown documents
    assert_error(requests.get(server.url + f"/api/v1/dossiers/{code}/documents/{sha}"), 401)
    assert_error(clerk.get(server.url + f"/api/v1/dossiers/{code}/documents/{'0' * 64}"), 404)
    # a component needs its name; kind is enumerated; the file part is required
    assert_error(upload(server, clerk, code, body, name=None), 400, "name")
    assert_error(upload(server, clerk, code, body, kind="other"), 400, "kind")
    r = clerk.post(server.url + f"/api/v1/dossiers/{code}/documents",
                   files={"kind": (None, "component"), "name": (None, "x")})
    assert_error(r, 400, "file")
    assert tmp_files(server) == []


def test_same_bytes_stored_once(server):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090002222")
    body = pdf("twice")
    sha = hashlib.sha256(body).hexdigest()
    first = upload(server, clerk, code, body, name="Bản sao giấy khai sinh")
    second = upload(server, clerk, code, body, filename="lan-hai.pdf", name="Bản sao giấy khai sinh")
    assert first.status_code == 201 and second.status_code == 201
    assert first.json()["stored_before"] is False and second.json()["stored_before"] is True
    sub = os.path.join(files_dir(server), sha[:2])
    assert [n for n in os.listdir(sub) if n == sha[2:]] == [sha[2:]]
    con = connect(server.db)
    assert con.execute("SELECT count(*) FROM document WHERE sha256 = ?", (sha,)).fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM dossier_document WHERE sha256 = ?", (sha,)).fetchone() == (2,)
    con.close()
    assert tmp_files(server) == []


def test_type_judged_by_content_not_name(server):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090003333")
    r = upload(server, clerk, code, png(), filename="anh-chup.pdf", name="Ảnh chụp")
    assert r.status_code == 201, r.text
    assert r.json()["mime"] == "image/png"
    got = clerk.get(server.url + f"/api/v1/dossiers/{code}/documents/{r.json()['sha256']}")
    assert got.headers["Content-Type"] == "image/png"
    text = "Đây không phải PDF, chỉ là văn bản.\n".encode()
    r = upload(server, clerk, code, text, filename="to-khai.pdf", name="Tờ khai")
    err = assert_error(r, 415, "file")
    assert "PDF" in err["message"] and "content" in err["message_en"]
    sha = hashlib.sha256(text).hexdigest()
    assert not os.path.exists(stored_path(server, sha))
    con = connect(server.db)
    assert con.execute("SELECT count(*) FROM document WHERE sha256 = ?", (sha,)).fetchone() == (0,)
    con.close()
    # an empty file is not a document either; a body that is not multipart is refused
    assert_error(upload(server, clerk, code, b"", name="Rỗng"), 415)
    r = clerk.post(server.url + f"/api/v1/dossiers/{code}/documents", json={"kind": "component"})
    assert_error(r, 415)
    assert tmp_files(server) == []


def test_oversized_upload_refused_and_removed(server):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090004444")
    big = b"%PDF-1.4\n" + b"0" * (21 * MiB)
    try:  # announced by Content-Length: refused before the body is read
        r = upload(server, clerk, code, big, name="Quá lớn")
        assert_error(r, 413)
    except requests.ConnectionError:
        pass  # the server may close before the client finished sending

    def chunks():  # no Content-Length: refused while streaming, past 20 MiB
        boundary = b"----motcua-test"
        yield (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
               b"component\r\n--" + boundary + b"\r\nContent-Disposition: form-data; name=\"name\""
               b"\r\n\r\nQua lon\r\n--" + boundary + b"\r\nContent-Disposition: form-data; "
               b"name=\"file\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n")
        for _ in range(21 * 16):
            yield b"0" * (64 * 1024)
        yield b"\r\n--" + boundary + b"--\r\n"
    r = clerk.post(server.url + f"/api/v1/dossiers/{code}/documents", data=chunks(),
                   headers={"Content-Type": "multipart/form-data; boundary=----motcua-test"})
    assert "20 MiB" in assert_error(r, 413)["message_en"]
    assert tmp_files(server) == []
    # one file per request; small text fields only
    r = clerk.post(server.url + f"/api/v1/dossiers/{code}/documents",
                   data={"kind": "component", "name": "Hai tệp"},
                   files=[("file", ("a.pdf", pdf("a"))), ("file", ("b.pdf", pdf("b")))])
    assert_error(r, 400)
    assert_error(upload(server, clerk, code, pdf("long"), name="x" * 5000), 413)
    assert tmp_files(server) == []
    assert requests.get(server.url + "/healthz").status_code == 200
    # just under the limit is accepted
    ok = b"%PDF-1.4\n" + b"1" * (20 * MiB - 9)
    r = upload(server, clerk, code, ok, name="Vừa đủ")
    assert r.status_code == 201, r.text
    assert r.json()["size"] == 20 * MiB
    assert tmp_files(server) == []


def test_upload_without_login_refused_before_its_body(server):
    """No one unknown can make the server write a file: the answer comes from the headers
    alone, while the announced 10 MB have not been sent."""
    code = new_dossier(server, login(server, "clerk"), "045090006666")
    host, port = server.url.split("//")[1].split(":")
    for auth, why in ((b"", b"login required"),
                      (b"Authorization: Bearer not-a-token\r\n", b"invalid API token")):
        with socket.create_connection((host, int(port)), timeout=5) as s:
            s.sendall(b"POST /api/v1/dossiers/" + code.encode() + b"/documents HTTP/1.1\r\n"
                      b"Host: x\r\n" + auth + b"Content-Type: multipart/form-data; boundary=b\r\n"
                      b"Content-Length: 10000000\r\n\r\n--b\r\n")
            head = s.recv(4096)
        assert head.startswith(b"HTTP/1.1 401"), head[:200]
        assert b'"unauthenticated"' in head and why in head, head
    assert tmp_files(server) == []


def test_result_download_and_reuse(server):
    clerk = login(server, "clerk")
    first = new_dossier(server, clerk, "045090005555", phone="0987000111")
    body = pdf("result")
    sha = hashlib.sha256(body).hexdigest()
    r = upload(server, clerk, first, body, filename="ket-qua.pdf", kind="result", name=None)
    assert r.status_code == 201, r.text
    assert r.json()["kind"] == "result"

    key = clerk.get(server.url + "/api/v1/dossiers/" + first).json()["lookup_key"]

    def download(code, key, digest=sha):
        return requests.get(server.url + "/api/v1/lookup/result",
                            params={"code": code, "key": key, "sha256": digest})

    assert_error(download(first, key), 404)  # not resolved yet
    r = clerk.post(server.url + f"/api/v1/dossiers/{first}/events",
                   json={"action": "resolve", "outcome": "approved"})
    assert r.status_code == 200, r.text
    assert r.json()["result_digitized"] is True
    got = download(first, key)
    assert got.status_code == 200 and got.content == body
    assert got.headers["Content-Type"] == "application/pdf"
    assert_error(download(first, "0111"), 400)  # the phone's last digits are no key
    assert_error(download(first, "K7QM2XRD" if key != "K7QM2XRD" else "K7QM2XRE"), 404)  # wrong key
    # only results are public: a component of the same dossier is not
    comp = upload(server, clerk, first, pdf("first component"), name="Tờ khai")
    assert_error(download(first, key, comp.json()["sha256"]), 404)

    # a second dossier of the same citizen reuses the result without a new paper
    second = new_dossier(server, clerk, "045090005555", phone="0987000222")
    found = clerk.get(server.url + "/api/v1/documents/reusable",
                      params={"id_number": "045090005555"}).json()["documents"]
    assert [(d["sha256"], d["dossier"]) for d in found] == [(sha, first)]
    assert requests.get(server.url + "/api/v1/documents/reusable",
                        params={"id_number": "045090005555"}).status_code == 401
    assert_error(clerk.get(server.url + "/api/v1/documents/reusable",
                           params={"id_number": "12"}), 400, "id_number")
    reuse = {"sha256": sha, "name": "Giấy chứng nhận đã cấp", "from": first}
    r = clerk.post(server.url + f"/api/v1/dossiers/{second}/documents/reuse", json=reuse,
                   headers={"Idempotency-Key": "reuse-result"})
    assert r.status_code == 201, r.text
    retry = clerk.post(server.url + f"/api/v1/dossiers/{second}/documents/reuse", json=reuse,
                       headers={"Idempotency-Key": "reuse-result"})  # counted once, below
    assert retry.json() == r.json() and retry.headers.get("Idempotent-Replayed") == "true"
    assert r.json()["reused_from"] == first and r.json()["kind"] == "component"
    assert r.json()["mime"] == "application/pdf"
    listed = clerk.get(server.url + f"/api/v1/dossiers/{second}/documents").json()["documents"]
    assert [(d["sha256"], d["reused_from"]) for d in listed] == [(sha, first)]
    view = clerk.get(server.url + "/api/v1/dossiers/" + second).json()
    assert view["events"][-1]["action"] == "digitize"
    # refused for another citizen, for a component, for an unknown dossier
    other = new_dossier(server, clerk, "045090006666")
    assert_error(clerk.post(server.url + f"/api/v1/dossiers/{other}/documents/reuse", json=reuse),
                 422)
    assert_error(clerk.post(server.url + f"/api/v1/dossiers/{second}/documents/reuse",
                            json={**reuse, "sha256": comp.json()["sha256"]}), 422, "sha256")
    assert_error(clerk.post(server.url + f"/api/v1/dossiers/{second}/documents/reuse",
                            json={**reuse, "from": "000.01.52.H50-990101-0001"}), 422, "from")
    con = connect(server.db)
    assert con.execute("SELECT count(*) FROM dossier_document WHERE reused_from IS NOT NULL"
                       ).fetchone() == (1,)
    con.close()


def test_retried_upload_and_reuse_attach_once(server):
    """Over a weak link an officer's client retries: with the same Idempotency-Key the upload
    (and a reuse) is attached once and the first answer comes back; the same key for another
    file is refused."""
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090007777")

    def rows():
        con = connect(server.db)
        n = con.execute("SELECT count(*) FROM dossier_document dd JOIN dossier d ON d.id = "
                        "dd.dossier WHERE d.code = ?", (code,)).fetchone()[0]
        events = con.execute("SELECT count(*) FROM dossier_event e JOIN dossier d ON d.id = "
                             "e.dossier WHERE d.code = ?", (code,)).fetchone()[0]
        con.close()
        return n, events

    def send(data, key):
        return clerk.post(server.url + f"/api/v1/dossiers/{code}/documents",
                          data={"kind": "component", "name": "Tờ khai"},
                          files={"file": ("a.pdf", data, "application/pdf")},
                          headers={"Idempotency-Key": key})

    first = send(pdf("retried"), "scan-1")
    assert first.status_code == 201, first.text
    after = rows()
    again = send(pdf("retried"), "scan-1")
    assert again.status_code == 201 and again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert rows() == after
    assert_error(send(pdf("another"), "scan-1"), 422, "Idempotency-Key")
    assert rows() == after
    assert tmp_files(server) == []
    reuse = {"sha256": first.json()["sha256"], "name": "Bản sao", "from": code}
    r = clerk.post(server.url + f"/api/v1/dossiers/{code}/documents/reuse", json=reuse,
                   headers={"Idempotency-Key": "reuse-1"})
    # a component is not reusable: refused, and nothing is written
    assert_error(r, 422)
    assert rows() == after


def test_verify_checks_every_stored_file(tmp_path):
    db = str(tmp_path / "v.db")
    run("init", "--db", db, "--demo", check=0)
    srv = Server(db)
    try:
        clerk = login(srv, "clerk")
        code = new_dossier(srv, clerk, "045090007777")
        body = pdf("verify")
        r = upload(srv, clerk, code, body, name="Tờ khai")
        assert r.status_code == 201, r.text
        sha = r.json()["sha256"]
    finally:
        srv.stop()
    run("verify", "--db", db, check=0)
    path = os.path.join(motcua_files_dir(db), sha[:2], sha[2:])
    with open(path, "r+b") as f:
        f.seek(20)
        f.write(b"X")
    p = run("verify", "--db", db, check=1)
    assert sha in p.stdout and "SHA-256" in p.stdout
    os.remove(path)
    p = run("verify", "--db", db, check=1)
    assert "missing" in p.stdout
