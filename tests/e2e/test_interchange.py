"""Interchange: a source system's JSONL (written here, as another system would) imported
all or nothing; round trip through export; re-import and incremental import; every kind of
bad line refused with its line number and nothing changed; an import killed half-way; the
change feed and webhooks."""
import hashlib
import hmac
import http.server
import json
import os
import pty
import signal
import subprocess
import threading
import unicodedata

import pytest
import requests

from conftest import assert_error, login
from motcua import BIN, Server, child_env, connect, new_store, run
from poll import wait_until

DISTRICT = "000.00.21.H50"
COMPONENT = [{"name": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu", "digitized": True}]


def dossier(n, events, **extra):
    """A dossier line of the district received on 02/10/2023 + n hours."""
    return {"type": "dossier", "code": f"{DISTRICT}-231002-{n:04d}", "procedure": "1.004873",
            "unit": DISTRICT, "channel": "online" if n % 3 == 0 else "direct", "fee": 0,
            "applicant": {"name": f"Công dân số {n}", "phone": f"09120{n:05d}"},
            "components": COMPONENT, "events": events, **extra}


def ev(i, at, action, **fields):
    return {"id": f"src-{i}", "at": at, "action": action, "by": "cb.nguon", **fields}


def source_file(path, lines):
    path.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines))
    return str(path)


def history(n):
    """A varied history for dossier n (receipt 2023-10-02 08:00 + n minutes)."""
    t = f"2023-10-02T08:{n % 60:02d}:00+07:00"
    evs = [ev(1, t, "receive")]
    kind = n % 5
    if kind >= 1:
        evs.append(ev(2, "2023-10-02T10:00:00+07:00", "transfer", to=DISTRICT))
    if kind == 2:
        evs.append(ev(3, "2023-10-04T09:00:00+07:00", "resolve", outcome="approved"))
        evs.append(ev(4, "2023-10-04T15:00:00+07:00", "return"))
    if kind == 3:
        evs.append(ev(3, "2023-10-03T09:00:00+07:00", "request_supplement", reason="Thiếu giấy tờ"))
        evs.append(ev(4, "2023-10-09T09:00:00+07:00", "supplement"))
        evs.append(ev(5, "2023-10-16T09:00:00+07:00", "resolve", outcome="approved"))
    if kind == 4:
        evs.append(ev(3, "2023-10-03T09:00:00+07:00", "stop", reason="Rút hồ sơ"))
    return evs


def digest(db):
    """A fingerprint of everything import may touch."""
    con = connect(db)
    h = hashlib.sha256()
    for table in ("unit", "field", "procedure", "dossier", "dossier_event", "stat_day", "stat_state",
                  "code_counter"):
        for row in con.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


def fresh(tmp_path, name="s.db"):
    db = new_store(tmp_path / name)
    return db


def last_dossier(dump):
    """The last dossier line of an export (the unit operations come after the dossiers)."""
    return [json.loads(l) for l in dump.splitlines() if '"type":"dossier"' in l][-1]


def report(db, **kw):
    args = ["report", "--db", db, "--format", "json"]
    if "from" not in kw:
        args += ["--period", "2023-10"]
    for k, v in kw.items():
        args += [f"--{k}", v]
    return json.loads(run(*args, check=0).stdout)


def test_import_round_trip_and_reimport(tmp_path):
    src = source_file(tmp_path / "src.jsonl", [dossier(n, history(n)) for n in range(1, 41)])
    a = fresh(tmp_path, "a.db")
    out = run("import", "--db", a, src, check=0).stdout
    assert "40 hồ sơ" in out
    run("verify", "--db", a, check=0)
    rep = report(a)
    assert rep["total"]["received"]["total"] == 40
    assert rep["total"]["resolved"]["total"] == 16 and rep["total"]["stopped"] == 8
    # what was imported is what export gives back, state-derived fields included
    dump = run("export", "--db", a, check=0).stdout
    lines = [json.loads(l) for l in dump.splitlines()]
    dossiers = {l["code"]: l for l in lines if l["type"] == "dossier"}
    assert len(dossiers) == 40
    d2 = dossiers[f"{DISTRICT}-231002-0002"]
    assert (d2["state"], d2["portal_status"], d2["classification"]) == ("returned", 10, "early")
    assert [e["id"] for e in d2["events"]] == ["src-1", "src-2", "src-3", "src-4"]
    d3 = dossiers[f"{DISTRICT}-231002-0003"]
    assert d3["due_at"] == "2023-10-12T09:00:00+07:00"  # restarted by the supplement of 09/10
    # export -> import into an empty store -> the same report, the same export
    b = new_store(tmp_path / "b.db", demo=False)
    (tmp_path / "dump.jsonl").write_text(dump)
    run("import", "--db", b, str(tmp_path / "dump.jsonl"), check=0)
    run("verify", "--db", b, check=0)
    assert report(b) == rep and report(b, by="field") == report(a, by="field")
    assert run("export", "--db", b, check=0).stdout == dump
    # the same file twice changes nothing
    before = digest(a)
    assert "(0 sự kiện mới)" in run("import", "--db", a, src, check=0).stdout
    assert digest(a) == before


def test_refusals_of_a_source_import_as_they_are(tmp_path):
    """A dossier the source refused at intake carries when it was handed in (received_at) and no
    receive event, sometimes no reason either: it imports, counts nowhere as received, and its
    filing instant comes back in the API and the export; a refusal line whose received_at
    contradicts a receive event is still refused."""
    db = fresh(tmp_path)
    refused = [dossier(1, [ev(1, "2023-10-02T08:30:00+07:00", "refuse")],
                       received_at="2023-10-02T08:10:00+07:00"),
               dossier(2, [ev(1, "2023-10-02T09:00:00+07:00", "refuse", reason="Sai thẩm quyền")],
                       received_at="2023-10-02T08:55:00+07:00"),
               dossier(3, history(3))]
    run("import", "--db", db, source_file(tmp_path / "r.jsonl", refused), check=0)
    run("verify", "--db", db, check=0)
    rep = report(db)
    assert rep["total"]["received"]["total"] == 1
    dump = [json.loads(l) for l in run("export", "--db", db, check=0).stdout.splitlines()]
    got = {l["code"]: l for l in dump if l["type"] == "dossier"}
    one = got[f"{DISTRICT}-231002-0001"]
    assert (one["state"], one["received_at"], one["due_at"]) == (
        "refused", "2023-10-02T08:10:00+07:00", None)
    assert "reason" not in one["events"][0]
    # the export imports again into an empty store, with the same figures
    b = new_store(tmp_path / "b.db", demo=False)
    (tmp_path / "dump.jsonl").write_text("".join(json.dumps(l) + "\n" for l in dump))
    run("import", "--db", b, str(tmp_path / "dump.jsonl"), check=0)
    assert report(b) == rep
    wrong = [dossier(4, [ev(1, "2023-10-02T08:30:00+07:00", "receive")],
                     received_at="2023-10-02T08:10:00+07:00")]
    p = run("import", "--db", db, source_file(tmp_path / "w.jsonl", wrong))
    assert p.returncode == 2 and "received_at" in p.stderr


def test_incremental_import(tmp_path):
    db = fresh(tmp_path)
    first = [dossier(1, [ev(1, "2023-10-02T08:00:00+07:00", "receive")])]
    run("import", "--db", db, source_file(tmp_path / "1.jsonl", first), check=0)
    assert report(db)["total"]["in_progress"]["total"] == 1
    more = [dossier(1, [ev(1, "2023-10-02T08:00:00+07:00", "receive"),
                        ev(2, "2023-10-02T09:00:00+07:00", "transfer", to=DISTRICT),
                        ev(3, "2023-10-06T09:00:00+07:00", "resolve", outcome="approved")])]
    out = run("import", "--db", db, source_file(tmp_path / "2.jsonl", more), check=0).stdout
    assert "(2 sự kiện mới)" in out
    rep = report(db)
    assert rep["total"]["resolved"] == {"total": 1, "early": 0, "on_time": 0, "late": 1}
    run("verify", "--db", db, check=0)
    # an id that comes back with other content is refused, and nothing changes
    before = digest(db)
    changed = [dossier(1, [ev(1, "2023-10-02T08:00:00+07:00", "receive"),
                           ev(2, "2023-10-02T09:30:00+07:00", "transfer", to=DISTRICT)])]
    p = run("import", "--db", db, source_file(tmp_path / "3.jsonl", changed))
    assert p.returncode == 2 and "line 1" in p.stderr and "src-2" in p.stderr
    assert digest(db) == before


def test_source_due_date_wins(tmp_path):
    db = fresh(tmp_path)
    line = dossier(1, [ev(1, "2023-10-02T08:00:00+07:00", "receive"),
                       ev(2, "2023-10-06T09:00:00+07:00", "resolve", outcome="approved")],
                   due_at="2023-10-10T17:00:00+07:00")
    run("import", "--db", db, source_file(tmp_path / "d.jsonl", [line]), check=0)
    d = last_dossier(run("export", "--db", db, check=0).stdout)
    assert d["due_at"] == "2023-10-10T17:00:00+07:00" and d["classification"] == "early"
    assert report(db)["total"]["resolved"]["early"] == 1  # late by motcua's own count (3 days)
    run("verify", "--db", db, check=0)


def in_progress(db, to):
    rep = report(db, **{"from": "2023-10-01", "to": to})
    return rep["total"]["in_progress"], rep["indicators"]["progress_766"]["numerator"]


def test_source_due_date_counts_for_earlier_periods(tmp_path):
    """The source's due date holds from the receipt on, not from the line's last event: a
    dossier due on 20/11 (motcua alone would say 09/10) is within its deadline at the end of
    October, whatever happens to it in November."""
    db = fresh(tmp_path)
    receive = ev(1, "2023-10-02T08:00:00+07:00", "receive")
    due = {"due_at": "2023-11-20T08:00:00+07:00"}
    within = {"total": 1, "within_deadline": 1, "overdue": 0}
    run("import", "--db", db, source_file(tmp_path / "1.jsonl", [dossier(1, [receive], **due)]),
        check=0)
    assert in_progress(db, "2023-10-31") == (within, 1)
    # the next sync brings a note of November: October's figures stay
    noted = [dossier(1, [receive, ev(2, "2023-11-02T08:00:00+07:00", "comment", text="Đã hẹn")],
                     **due)]
    run("import", "--db", db, source_file(tmp_path / "2.jsonl", noted), check=0)
    assert in_progress(db, "2023-10-31") == (within, 1)
    # and a dossier filed in one go with the same history counts the same
    other = fresh(tmp_path, "other.db")
    run("import", "--db", other, source_file(tmp_path / "2.jsonl", noted), check=0)
    assert in_progress(other, "2023-10-31") == (within, 1)
    # resolved on 15/10: in progress and within the deadline at the end of 10/10, early after
    resolved = [dossier(2, [ev(1, "2023-10-02T08:00:00+07:00", "receive"),
                            ev(2, "2023-10-15T08:00:00+07:00", "resolve", outcome="approved")],
                        **due)]
    run("import", "--db", other, source_file(tmp_path / "3.jsonl", resolved), check=0)
    assert in_progress(other, "2023-10-10")[0] == {"total": 2, "within_deadline": 2, "overdue": 0}
    assert report(other)["total"]["resolved"]["early"] == 1
    # a source deadline earlier than motcua's own counts too: due 04/10 08:00, overdue at the
    # end of that day
    early = [dossier(3, [ev(1, "2023-10-02T08:00:00+07:00", "receive"),
                         ev(2, "2023-11-02T08:00:00+07:00", "comment", text="x")],
                     due_at="2023-10-04T08:00:00+07:00")]
    run("import", "--db", other, source_file(tmp_path / "4.jsonl", early), check=0)
    assert in_progress(other, "2023-10-03")[0]["overdue"] == 0
    assert in_progress(other, "2023-10-04")[0]["overdue"] == 1
    # a supplement outside working hours restarts the clock on the same instant as before: it
    # still sets the due date, and the source's takes its place after it
    restarted = [dossier(4, [ev(1, "2023-10-07T10:00:00+07:00", "receive"),
                             ev(2, "2023-10-07T10:30:00+07:00", "transfer", to=DISTRICT),
                             ev(3, "2023-10-07T11:00:00+07:00", "request_supplement",
                                items=["Tờ khai"], reason="Thiếu tờ khai"),
                             ev(4, "2023-10-08T10:08:00+07:00", "supplement")], **due)]
    run("import", "--db", other, source_file(tmp_path / "5.jsonl", restarted), check=0)
    exported = {json.loads(l)["code"]: json.loads(l)
                for l in run("export", "--db", other, check=0).stdout.splitlines()
                if json.loads(l)["type"] == "dossier"}
    assert exported[f"{DISTRICT}-231002-0004"]["due_at"] == "2023-11-20T08:00:00+07:00"
    for store in (db, other):
        run("verify", "--db", store, check=0)


def test_event_text_is_stored_nfc(tmp_path):
    """A source writing decomposed Vietnamese (NFD) gets the same events as one writing NFC."""
    db = fresh(tmp_path)
    reason = "Công dân rút hồ sơ"
    nfd = unicodedata.normalize("NFD", reason)
    assert nfd != reason

    def line(text):
        return [dossier(1, [ev(1, "2023-10-02T08:00:00+07:00", "receive"),
                            ev(2, "2023-10-03T08:00:00+07:00", "request_supplement",
                               items=[unicodedata.normalize("NFD", "Tờ khai")], reason=text),
                            ev(3, "2023-10-04T08:00:00+07:00", "stop", reason=text)])]
    run("import", "--db", db, source_file(tmp_path / "nfd.jsonl", line(nfd)), check=0)
    out = run("import", "--db", db, source_file(tmp_path / "nfc.jsonl", line(reason)), check=0)
    assert "(0 sự kiện mới)" in out.stdout
    events = last_dossier(run("export", "--db", db, check=0).stdout)["events"]
    assert events[1]["items"] == ["Tờ khai"] and events[2]["reason"] == reason
    # a store filled before text was normalised holds the NFD payload as sent (the hash
    # covers it as stored): the same line re-sent in NFC is still the same event
    con = connect(db)
    con.execute("UPDATE dossier_event SET payload = ? WHERE action = 'stop'",
                (json.dumps({"reason": nfd}, ensure_ascii=False, separators=(",", ":")),))
    con.commit()
    con.close()
    out = run("import", "--db", db, source_file(tmp_path / "nfc.jsonl", line(reason)), check=0)
    assert "(0 sự kiện mới)" in out.stdout


def test_a_long_history_goes_round_trip(tmp_path):
    """Incremental syncs can give a dossier more events than one line of the first sync had:
    what export writes of it imports again."""
    db = fresh(tmp_path)
    notes = [ev(1, "2023-10-02T08:00:00+07:00", "receive")] + [
        ev(i, "2023-10-%02dT%02d:%02d:00+07:00" % (3 + i // 600, 7 + i // 60 % 10, i % 60),
           "comment", text="Ghi chú %d" % i) for i in range(2, 1501)]
    for part in (notes[:800], notes):
        run("import", "--db", db, source_file(tmp_path / "n.jsonl", [dossier(1, part)]), check=0)
    dump = run("export", "--db", db, check=0).stdout
    assert len(last_dossier(dump)["events"]) == 1500
    (tmp_path / "dump.jsonl").write_text(dump)
    other = new_store(tmp_path / "other.db", demo=False)
    run("import", "--db", other, str(tmp_path / "dump.jsonl"), check=0)
    assert run("export", "--db", other, check=0).stdout == dump


GOOD = dossier(1, [ev(1, "2023-10-02T08:00:00+07:00", "receive")])
BAD_LINES = [
    ("{broken json", "line 2"),
    ('"just a string"', "line 2"),
    (json.dumps({**GOOD, "procedure": "9.999999"}), "procedure"),
    (json.dumps({**GOOD, "unit": "999.99.99.Z99"}), "unit"),
    (json.dumps({**GOOD, "code": "000.00.21.H50-231002-12"}), "code"),
    (json.dumps({**GOOD, "code": "000.01.52.H50-231002-0001"}), "code"),
    (json.dumps({**GOOD, "channel": "pigeon"}), "channel"),
    (json.dumps({**GOOD, "events": []}), "events"),
    (json.dumps({**GOOD, "events": [ev(1, "2023-10-02T08:00:00", "receive")]}), "at"),
    (json.dumps({**GOOD, "events": [ev(1, "2023-10-02T08:00:00+07:00", "return")]}), "action"),
    (json.dumps({**GOOD, "events": [ev(1, "2023-10-02T08:00:00+07:00", "receive"),
                                     ev(2, "2023-10-01T08:00:00+07:00", "transfer", to=DISTRICT)]}), "earlier"),
    (json.dumps({**GOOD, "events": [ev(1, "2023-10-02T08:00:00+07:00", "receive"),
                                     ev(1, "2023-10-03T08:00:00+07:00", "comment", text="x")]}), "twice"),
    (json.dumps({**GOOD, "events": [ev(1, "2023-10-02T08:00:00+07:00", "receive", colour="red")]}), "colour"),
    (json.dumps({**GOOD, "events": [ev(1, "2023-10-02T08:00:00+07:00", "dance")]}), "action"),
    (json.dumps({**GOOD, "fee": 10 ** 30}), "line 2"),
    (json.dumps({**GOOD, "fee": "8000"}), "fee"),
    (json.dumps({**GOOD, "fee": -1}), "fee"),
    (json.dumps({**GOOD, "applicant": "Nguyễn Văn A"}), "applicant"),
    (json.dumps({**GOOD, "received_at": "2023-10-05T08:00:00+07:00"}), "received_at"),
    (json.dumps({**GOOD, "due_at": "soon"}), "due_at"),
    (json.dumps({**GOOD, "events": [ev(1, "2023-10-02T08:00:00+07:00", "receive"),
                                     ev(2, "2023-10-03T08:00:00+07:00", "transfer", to="999.99.99.Z99")]}), "999.99.99.Z99"),
    (json.dumps({**GOOD, "events": [ev(1, "2023-10-02T08:00:00+07:00", "receive"),
                                     ev(2, "2023-10-03T08:00:00+07:00", "resolve")]}), "outcome"),
    (json.dumps({**GOOD, "events": "receive"}), "events"),
    (json.dumps({**GOOD, "full_online": "yes"}), "full_online"),
    (json.dumps({k: v for k, v in GOOD.items() if k != "code"}), "code"),
    # the province under one of its own districts: the hierarchy would loop
    (json.dumps({"type": "unit", "code": "000.00.00.H50", "name": "UBND tỉnh Quảng Trị",
                 "level": "province", "parent": DISTRICT}), "would loop"),
]


def test_bad_lines_are_refused_with_their_line_and_change_nothing(tmp_path):
    db = fresh(tmp_path)
    ok_line = json.dumps(dossier(2, [ev(1, "2023-10-02T09:00:00+07:00", "receive")]), ensure_ascii=False)
    before = digest(db)
    for bad, needle in BAD_LINES:
        f = tmp_path / "bad.jsonl"
        f.write_text(ok_line + "\n" + bad + "\n" + ok_line.replace("-0002", "-0003") + "\n")
        p = run("import", "--db", db, str(f))
        assert p.returncode == 2, (bad, p.stdout, p.stderr)
        assert "line 2" in p.stderr and needle in p.stderr, (needle, p.stderr)
        assert digest(db) == before, bad
    f = tmp_path / "utf8.jsonl"
    f.write_bytes(ok_line.encode() + b"\n" + json.dumps(GOOD).encode().replace(b"Cong", b"C\xffng") + b"\n")
    f.write_bytes(ok_line.encode() + b"\n" + b'{"type":"field","code":"X1","name":"\xff"}\n')
    p = run("import", "--db", db, str(f))
    assert p.returncode == 2 and "line 2" in p.stderr
    assert digest(db) == before


def test_killed_import_leaves_the_store_as_it_was(tmp_path):
    db = fresh(tmp_path)
    big = tmp_path / "big.jsonl"
    with open(big, "w") as f:
        for n in range(1, 3 * 4096 + 1):
            day = 2 + (n // 2000)
            f.write(json.dumps({**dossier(n % 2000 + 1, history(n)),
                                "code": f"{DISTRICT}-2310{day:02d}-{n % 2000 + 1:04d}"}, ensure_ascii=False) + "\n")
    before = digest(db)
    # With stderr on a terminal the import reports its progress every 4,096 lines, from inside
    # its one transaction: the kill comes on the first report, a third of the way through.
    terminal, its_end = pty.openpty()
    p = subprocess.Popen([BIN, "import", "--db", db, str(big)], stdout=subprocess.DEVNULL,
                         stderr=its_end, env=child_env())
    os.close(its_end)
    os.set_blocking(terminal, False)
    shown = bytearray()

    def reported():
        try:
            shown.extend(os.read(terminal, 4096))
        except OSError:  # nothing to read yet (EAGAIN), or the import has exited (EIO)
            pass
        return b"4096 " in shown or p.poll() is not None

    wait_until(reported, 180, "the import's first progress report")
    p.send_signal(signal.SIGKILL)
    p.wait()
    os.close(terminal)
    assert p.returncode == -signal.SIGKILL, ("the import ended before the kill", bytes(shown))
    assert digest(db) == before
    run("verify", "--db", db, check=0)


def test_change_feed(tmp_path):
    db = fresh(tmp_path)
    run("import", "--db", db, source_file(tmp_path / "s.jsonl", [dossier(n, history(n)) for n in range(1, 6)]),
        check=0)
    token = run("token", "add", "portal", "--role", "integration", "--unit", "000.00.00.H50", "--db", db,
                check=0).stdout.strip()
    srv = Server(db)
    try:
        h = {"Authorization": "Bearer " + token}
        seen, cursor = [], 0
        while True:
            page = requests.get(srv.url + "/api/v1/events", params={"after": cursor, "limit": 4}, headers=h).json()
            if not page["events"]:
                break
            assert len(page["events"]) <= 4
            seen += page["events"]
            cursor = page["next_cursor"]
        assert [e["cursor"] for e in seen] == sorted(e["cursor"] for e in seen)
        assert len(seen) == sum(len(history(n)) for n in range(1, 6))
        first = seen[0]
        assert first["event"]["action"] == "receive" and first["portal_status"] == 2
        assert first["dossier"].startswith(DISTRICT)
        assert_error(requests.get(srv.url + "/api/v1/events", params={"after": -1}, headers=h), 400, "after")
        assert_error(login(srv, "clerk").get(srv.url + "/api/v1/events"), 403)
    finally:
        srv.stop()


class Receiver(http.server.BaseHTTPRequestHandler):
    """Fails the first two deliveries, then accepts; records what it accepted."""
    failures_left = 2
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Receiver.failures_left > 0:
            Receiver.failures_left -= 1
            self.send_response(503)
        else:
            Receiver.received.append((dict(self.headers), body))
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_webhook_delivery_with_retries(tmp_path):
    db = fresh(tmp_path)
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    srv = Server(db, extra=("--webhook-retry", "1", "--webhook-allow", "127.0.0.1"))  # the receiver
    try:
        admin = login(srv, "admin")
        r = admin.post(srv.url + "/api/v1/webhooks", json={
            "url": f"http://127.0.0.1:{receiver.server_address[1]}/hook", "actions": ["receive", "resolve"]})
        assert r.status_code == 201, r.text
        hook = r.json()
        secret = hook["secret"]
        assert len(secret) >= 16
        assert "secret" not in admin.get(srv.url + "/api/v1/webhooks").json()["webhooks"][0]
        for bad in ({"url": "ftp://x/y"}, {"url": "http://ex ample/"}, {"url": "http://h/", "actions": ["fly"]},
                    {"url": "http://h/", "secret": "short"}):
            assert_error(admin.post(srv.url + "/api/v1/webhooks", json=bad), 400)
        assert_error(login(srv, "clerk").post(srv.url + "/api/v1/webhooks", json={"url": "http://h/"}), 403)
        clerk = login(srv, "clerk")
        comps = [{"name": c["name"]} for c in requests.get(srv.url + "/api/v1/catalogue/procedures/1.004873")
                 .json()["components"] if c["required"]]
        d = clerk.post(srv.url + "/api/v1/dossiers", json={
            "procedure": "1.004873", "unit": "000.01.52.H50", "channel": "direct",
            "applicant": {"name": "Hồ Thị E", "phone": "0905123456"}, "components": comps}).json()
        clerk.post(srv.url + f"/api/v1/dossiers/{d['code']}/events", json={"action": "comment", "text": "x"})
        wait_until(lambda: Receiver.received, 30, "the webhook delivered", 0.1)
        headers, body = Receiver.received[0]
        want = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Motcua-Signature"] == "sha256=" + want
        assert headers["X-Motcua-Dossier"] == d["code"]
        payload = json.loads(body)
        assert payload["event"]["action"] == "receive" and payload["portal_status"] == 2
        # the server records the delivery once the receiver has answered, just after the above

        def outbox():
            con = connect(db)
            rows = con.execute("SELECT attempts, CASE WHEN delivered_at IS NULL THEN 0 ELSE 1 END "
                               "FROM outbox").fetchall()
            con.close()
            return rows

        wait_until(lambda: all(delivered for _, delivered in outbox()), 10, "the delivery recorded")
        assert outbox() == [(3, 1)]  # two failures, then delivered; the comment was not subscribed
        assert admin.delete(srv.url + f"/api/v1/webhooks/{hook['id']}").status_code == 200
        assert admin.get(srv.url + "/api/v1/webhooks").json()["webhooks"] == []
    finally:
        srv.stop()
        receiver.shutdown()
