"""Signed messages from the agencies of an interconnected group (issue 17.3-4): agencies and
motcua's own key from the command line; an agency's result, signed with its Ed25519 key,
resolves its step (and the group follows); motcua answers each message with a receipt signed by
its own key that names the message's SHA-256 and the dossier; a message sent again is taken
once; forged, altered, unknown-agency and wrong-step messages are refused and change nothing;
`motcua verify` checks every signature and the log's hash chain and finds a tampered row; the
step's page lists its messages."""
import base64
import hashlib
import http.server
import json
import re
import threading

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import (Ed25519PrivateKey,
                                                               Ed25519PublicKey)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

import htmlcheck
from clock import Clock
from conftest import login
from motcua import COMMUNE, Server, connect, demo_store, run
from poll import poll, wait_until

APPLICANT = {"name": "Trần Thị Bình", "phone": "0912345678"}
KINDS = ("civil_status", "residence", "insurance")


def b64(raw):
    return base64.b64encode(raw).decode()


def public(key):
    return b64(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    db = demo_store(tmp_path_factory.mktemp("agencies"))
    keys = {k: Ed25519PrivateKey.generate() for k in KINDS}
    for k in KINDS:
        run("agency", "add", "--db", db, "--kind", k, "--url", f"http://127.0.0.1:9/{k}",
            "--public-key", public(keys[k]), check=0)
    node = run("agency", "key", "--db", db, check=0).stdout.strip()
    assert run("agency", "key", "--db", db, check=0).stdout.strip() == node  # made once
    token = run("token", "add", "mc.cq", "--role", "clerk", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    srv = Server(db)
    clerk = requests.Session()
    clerk.headers["Authorization"] = "Bearer " + token
    yield {"srv": srv, "db": db, "keys": keys, "node": node, "clerk": clerk}
    srv.stop()


def group(env):
    srv = env["srv"]
    names = []
    for p in ("1.001193", "1.004194"):
        c = requests.get(srv.url + "/api/v1/catalogue/procedures/" + p).json()["components"]
        names += [x["name"] for x in c if x["required"]]
    r = env["clerk"].post(srv.url + "/api/v1/dossiers", json={
        "chain": "2.000986", "unit": COMMUNE, "channel": "direct", "applicant": APPLICANT,
        "components": [{"name": n} for n in names]})
    assert r.status_code == 201, r.text
    return r.json()["code"], [k["code"] for k in r.json()["children"]]


def send(env, kind, message, key=None, alter=None):
    body = json.dumps(message, ensure_ascii=False).encode()
    sig = (key or env["keys"][kind]).sign(body)
    if alter:
        body = alter(body)
    return requests.post(env["srv"].url + "/api/v1/agency-messages", data=body,
                         headers={"X-Agency": kind, "X-Signature": b64(sig),
                                  "Content-Type": "application/json"})


def result(kind, dossier, n, outcome="approved", **extra):
    return {"id": f"{kind}-{n}", "agency": kind, "dossier": dossier, "type": "result",
            "outcome": outcome, **extra}


def view(env, code):
    return env["clerk"].get(env["srv"].url + "/api/v1/dossiers/" + code).json()


def log_rows(env):
    con = connect(env["db"])
    n = con.execute("SELECT count(*) FROM agency_message").fetchone()[0]
    con.close()
    return n


def test_signed_results_resolve_the_steps_and_get_signed_receipts(env):
    parent, kids = group(env)
    ack = {"id": "civil_status-ack-1", "agency": "civil_status", "dossier": kids[0],
           "type": "ack"}
    r = send(env, "civil_status", ack)
    assert r.status_code == 200, r.text
    assert view(env, kids[0])["state"] == "received"  # an acknowledgement changes no state
    msg = result("civil_status", kids[0], 1)
    r = send(env, "civil_status", msg)
    assert r.status_code == 200, r.text
    receipt = json.loads(r.content)
    # signed by motcua's key, over exactly the bytes sent back
    Ed25519PublicKey.from_public_bytes(base64.b64decode(env["node"])).verify(
        base64.b64decode(r.headers["X-Signature"]), r.content)
    body = json.dumps(msg, ensure_ascii=False).encode()
    assert receipt["answers"] == hashlib.sha256(body).hexdigest()
    assert receipt["dossier"] == kids[0] and receipt["type"] == "receipt"
    assert receipt["state"] == "resolved"
    step = view(env, kids[0])
    assert step["state"] == "resolved" and step["outcome"] == "approved"
    assert step["events"][-1]["by"] == "cơ quan civil_status"
    # sent again (a retry after a lost answer): the same receipt, nothing twice
    rows = log_rows(env)
    again = send(env, "civil_status", msg)
    assert again.status_code == 200 and again.content == r.content
    assert again.headers["X-Replayed"] == "1" and log_rows(env) == rows
    assert len(view(env, kids[0])["events"]) == len(step["events"])
    # the same id with other bytes
    assert send(env, "civil_status", dict(msg, reason="khác")).status_code == 409
    for i, kind in ((1, "residence"), (2, "insurance")):
        assert view(env, parent)["state"] == "processing"
        assert send(env, kind, result(kind, kids[i], 1)).status_code == 200
    p = view(env, parent)
    assert p["state"] == "resolved" and p["outcome"] == "approved"
    assert run("verify", "--db", env["db"]).returncode == 0


def test_forged_and_misdirected_messages_change_nothing(env):
    parent, kids = group(env)
    rows, before = log_rows(env), view(env, kids[1])
    intruder = Ed25519PrivateKey.generate()
    msg = result("residence", kids[1], 99)
    r = send(env, "residence", msg, key=intruder)  # another key
    assert r.status_code == 401 and r.json()["error"]["field"] == "X-Signature"
    r = send(env, "residence", msg, alter=lambda b: b.replace(b"approved", b"rejected"))
    assert r.status_code == 401
    r = send(env, "social", dict(msg, agency="social"), key=intruder)  # not registered
    assert r.status_code == 401 and r.json()["error"]["field"] == "X-Agency"
    r = requests.post(env["srv"].url + "/api/v1/agency-messages", data=b"{}",
                      headers={"X-Agency": "residence"})  # no signature
    assert r.status_code == 401
    # well signed, but the step is another agency's, or the message names another sender
    assert send(env, "insurance", result("insurance", kids[1], 98)).status_code == 403
    assert send(env, "residence", dict(msg, agency="insurance")).status_code == 403
    assert send(env, "residence", result("residence", parent, 97)).status_code == 403
    # a well-signed message that is not one
    assert send(env, "residence", dict(msg, type="gossip")).status_code == 400
    assert send(env, "residence", {k: v for k, v in msg.items() if k != "outcome"}).status_code == 400
    assert send(env, "residence", dict(msg, outcome="rejected")).status_code == 400  # no reason
    assert log_rows(env) == rows
    after = view(env, kids[1])
    assert after["state"] == before["state"] and len(after["events"]) == len(before["events"])


def test_a_rejection_stops_nothing_else_and_the_page_lists_the_messages(env):
    parent, kids = group(env)
    assert send(env, "civil_status", result("civil_status", kids[0], 2)).status_code == 200
    r = send(env, "residence", result("residence", kids[1], 2, "rejected",
                                      reason="Chỗ ở không hợp pháp"))
    assert r.status_code == 200
    assert json.loads(r.content)["state"] == "resolved"
    assert view(env, parent)["state"] == "processing"  # insurance goes on
    page = env["clerk"].get(env["srv"].url + "/ho-so/" + kids[1])
    htmlcheck.assert_page(page)
    section = page.text[page.text.index("Thông điệp liên thông"):]
    assert "residence-2" in section and "Đến từ cơ quan" in section
    assert "Gửi cơ quan" in section and "Biên nhận của hệ thống" in section


def test_verify_finds_a_tampered_log(env):
    assert run("verify", "--db", env["db"]).returncode == 0
    con = connect(env["db"])
    con.execute("UPDATE agency_message SET body = replace(body, 'approved', 'rejected') "
                "WHERE seq = (SELECT min(seq) FROM agency_message WHERE type = 'result')")
    con.commit()
    con.close()
    p = run("verify", "--db", env["db"])
    assert p.returncode == 1 and "agency message" in p.stdout, p.stdout


def test_late_acknowledgement_alert_is_raised_flagged_and_cleared(tmp_path):
    """On a faked clock: a step its agency has not acknowledged within 2 working hours of its
    receipt is an alert on the leader's dashboard; an acknowledgement clears it (flagged late);
    an overdue step is one too; a finished step is none."""
    db = demo_store(tmp_path)
    keys = {k: Ed25519PrivateKey.generate() for k in KINDS}
    for k in KINDS:
        run("agency", "add", "--db", db, "--kind", k, "--url", f"http://127.0.0.1:9/{k}",
            "--public-key", public(keys[k]), check=0)
    token = run("token", "add", "mc.cb", "--role", "clerk", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    clock = Clock(tmp_path / "now", "2026-03-02 09:00:00")  # a Monday
    srv = Server(db, clock=clock)
    try:
        clerk = requests.Session()
        clerk.headers["Authorization"] = "Bearer " + token
        env = {"srv": srv, "db": db, "keys": keys, "clerk": clerk}
        parent, kids = group(env)

        def alerts(at):
            clock.set(at)
            page = login(srv, "leader").get(srv.url + "/tong-quan")
            htmlcheck.assert_page(page)
            return {code: int(bits) for bits, code in re.findall(
                r'<tr data-alert="(\d+)"><td><a href="/ho-so/([^"]+)"', page.text)}

        assert alerts("2026-03-02 10:50:00") == {}  # within 2 working hours
        assert alerts("2026-03-02 11:05:00") == {k: 1 for k in kids}  # none acknowledged
        ack = {"id": "cs-ack", "agency": "civil_status", "dossier": kids[0], "type": "ack"}
        assert send(env, "civil_status", ack).status_code == 200
        assert alerts("2026-03-02 11:10:00") == {kids[0]: 2, kids[1]: 1, kids[2]: 1}
        for kind, k in (("residence", kids[1]), ("insurance", kids[2])):
            assert send(env, kind, {"id": kind + "-ack", "agency": kind, "dossier": k,
                                    "type": "ack"}).status_code == 200
        # Tuesday 09:30: the civil-status step (8 working hours from Monday 09:00) is overdue
        assert alerts("2026-03-03 09:30:00") == {kids[0]: 6, kids[1]: 2, kids[2]: 2}
        assert send(env, "civil_status", result("civil_status", kids[0], 1)).status_code == 200
        assert kids[0] not in alerts("2026-03-03 09:35:00")
    finally:
        srv.stop()


class Agencies:
    """The agencies' endpoints: a local HTTP server that answers 503 while `down`, else takes
    each posted step (200) and records it with its headers."""

    def __init__(self):
        self.down = True
        self.got = []
        self.refused = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if outer.down:
                    outer.refused += 1
                    self.send_response(503)
                else:
                    outer.got.append((self.path, self.headers["X-Message-Id"],
                                      self.headers["X-Signature"], body))
                    self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


def test_steps_reach_their_agencies_once_after_an_hour_down(tmp_path):
    """Each step is signed and queued for its agency in the intake's transaction; while the
    agencies answer 503 for an hour of faked clock the counter goes on and nothing is lost;
    once back, each gets its step exactly once, signed by motcua's key; the missing
    acknowledgements are alerts until the agencies acknowledge (answering the step's hash)."""
    db = demo_store(tmp_path)
    sim = Agencies()
    keys = {k: Ed25519PrivateKey.generate() for k in KINDS}
    for k in KINDS:
        run("agency", "add", "--db", db, "--kind", k, "--url", f"{sim.url}/{k}",
            "--public-key", public(keys[k]), check=0)
    node = run("agency", "key", "--db", db, check=0).stdout.strip()
    token = run("token", "add", "mc.gui", "--role", "clerk", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    clock = Clock(tmp_path / "now", "2026-03-02 09:00:00")  # a Monday
    srv = Server(db, clock=clock, extra=("--webhook-retry", "1", "--webhook-allow", "127.0.0.1"))
    try:
        clerk = requests.Session()
        clerk.headers["Authorization"] = "Bearer " + token
        env = {"srv": srv, "db": db, "keys": keys, "clerk": clerk}
        parent, kids = group(env)  # the agencies are down: the counter is not held up
        second, kids2 = group(env)
        wait_until(lambda: sim.refused >= 6, 30, "the sender trying the agencies")
        clock.set("2026-03-02 10:00:00")  # an hour later the agencies come back
        sim.down = False
        wait_until(lambda: len(sim.got) >= 6, 60, "the six steps delivered")
        clock.set("2026-03-02 10:30:00")
        poll(lambda: False, 3)  # the sender would have sent anything twice by now
        ids = [m[1] for m in sim.got]
        assert sorted(ids) == sorted(f"motcua-step-{k}" for k in kids + kids2)
        verify = Ed25519PublicKey.from_public_bytes(base64.b64decode(node))
        for path, mid, sig, body in sim.got:
            verify.verify(base64.b64decode(sig), body)  # raises when forged
            step = json.loads(body)
            assert step["id"] == mid and path == "/" + step["agency"]
            assert step["type"] == "step" and step["parent"] in (parent, second)
            assert step["applicant"]["name"] == APPLICANT["name"]
        con = connect(db)
        assert con.execute("SELECT count(*) FROM agency_outbox WHERE sent_at IS NULL"
                           ).fetchone()[0] == 0
        con.close()

        def alerts(at):
            clock.set(at)
            page = login(srv, "leader").get(srv.url + "/tong-quan")
            return {code: int(bits) for bits, code in re.findall(
                r'<tr data-alert="(\d+)"><td><a href="/ho-so/([^"]+)"', page.text)}

        assert alerts("2026-03-02 11:05:00") == {k: 1 for k in kids + kids2}
        for path, mid, sig, body in sim.got:
            step = json.loads(body)
            ack = {"id": "ack-" + mid, "agency": step["agency"], "dossier": step["dossier"],
                   "type": "ack", "answers": hashlib.sha256(body).hexdigest()}
            assert send(env, step["agency"], ack).status_code == 200
        assert alerts("2026-03-02 11:10:00") == {k: 2 for k in kids + kids2}  # flagged late
        assert run("verify", "--db", db).returncode == 0
    finally:
        srv.stop()
        sim.close()
