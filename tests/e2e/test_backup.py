"""Backup during intake (issue 9, item 6): while threads file dossiers through the API,
`motcua backup` takes a copy; the copy passes `verify`; a server started on the copy reports
(the official report, API and CLI) exactly what the copy holds, counted independently with
sqlite3; the original kept serving throughout and holds everything it acknowledged."""
import concurrent.futures
import json
import sqlite3
import threading

import requests

from conftest import login
from motcua import COMMUNE, Server, run
from poll import wait_until

COMPONENT = "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu"
CHANNELS = ("direct", "online", "postal")


def body(i):
    return {"procedure": "1.004873", "unit": COMMUNE, "channel": CHANNELS[i % 3],
            "applicant": {"name": f"Người sao lưu {i}", "phone": "0977000111"},
            "components": [{"name": COMPONENT, "digitized": i % 2 == 0}]}


def storm(url, token, stop, acked, prefix):
    s = requests.Session()
    s.headers["Authorization"] = "Bearer " + token
    i = 0
    while not stop.is_set():
        r = s.post(url + "/api/v1/dossiers", json=body(i), timeout=10,
                   headers={"Idempotency-Key": f"{prefix}-{i}"})
        assert r.status_code == 201, r.text
        code = r.json()["code"]
        if i % 4 == 0:  # a scan of its form: the backup takes the documents' files too
            scan = b"%PDF-1.4\n% " + f"{prefix}-{i}".encode() + b"\n%%EOF\n"
            r = s.post(url + f"/api/v1/dossiers/{code}/documents", timeout=10,
                       data={"kind": "component", "name": COMPONENT},
                       files={"file": ("to-khai.pdf", scan, "application/pdf")})
            assert r.status_code == 201, r.text
        acked.append(code)
        i += 1
    s.close()


def counts(db):
    """Received dossiers per Vietnam day and channel, straight from the table."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT date(received_at, 'unixepoch', '+7 hours') AS day, "
        "sum(channel = 'online'), sum(channel IN ('direct', 'postal')), count(*) "
        "FROM dossier WHERE received_at IS NOT NULL AND unit = ? GROUP BY day ORDER BY day",
        (COMMUNE,)).fetchall()
    total = con.execute("SELECT count(*) FROM dossier").fetchone()[0]
    con.close()
    return rows, total


def test_backup_during_intake(tmp_path):
    db, copy = str(tmp_path / "live.db"), str(tmp_path / "copy.db")
    run("init", "--db", db, "--demo", check=0)
    token = run("token", "add", "saoluu", "--role", "integration", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    srv = Server(db)
    acked, stop = [], threading.Event()
    try:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(storm, srv.url, token, stop, acked, f"t{t}") for t in range(8)]
            try:
                wait_until(lambda: len(acked) >= 60 or any(f.done() for f in futures), 20,
                           "intake under way", 0.01)
                before = len(acked)
                p = run("backup", "--db", db, copy, check=0)
                assert "Đã sao lưu" in p.stdout
                during = len(acked) - before
                # the original keeps serving after the copy
                wait_until(lambda: len(acked) >= before + during + 60 or any(f.done() for f in futures),
                           20, "intake going on after the backup", 0.01)
            finally:
                stop.set()
                for f in futures:
                    f.result()
        # the original has everything it acknowledged, once
        con = sqlite3.connect(db)
        live = [r[0] for r in con.execute("SELECT code FROM dossier")]
        con.close()
        assert len(live) == len(set(live)) == len(acked) and set(live) == set(acked)
        # the copy: consistent, a prefix of the acknowledged dossiers, and verify passes (the
        # documents' files included)
        run("verify", "--db", copy, check=0)
        con = sqlite3.connect(copy)
        assert con.execute("SELECT count(*) FROM document").fetchone()[0] > 0
        con.close()
        rows, total = counts(copy)
        con = sqlite3.connect(copy)
        copied = {r[0] for r in con.execute("SELECT code FROM dossier")}
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        assert copied <= set(acked) and before <= total == len(copied) < len(acked)
        assert rows and sum(r[3] for r in rows) == total
        # one snapshot: the first N codes issued (one writer issues them in commit order),
        # taken while intake ran (8 clients: at most 8 answers in flight)
        seqs = sorted(int(c.rsplit("-", 1)[1]) for c in copied)
        assert seqs == list(range(1, total + 1)) and total <= before + during + 8, (seqs[-5:], before)
        assert srv.proc.poll() is None
    finally:
        srv.stop()

    day_from, day_to = rows[0][0], rows[-1][0]
    online, direct_postal = sum(r[1] for r in rows), sum(r[2] for r in rows)
    # a server on the copy reports exactly what the copy holds
    copy_srv = Server(copy)
    try:
        leader = login(copy_srv, "leader")
        r = leader.get(copy_srv.url + "/api/v1/reports/official",
                       params={"from": day_from, "to": day_to, "unit": COMMUNE})
        assert r.status_code == 200, r.text
        rec = r.json()["total"]["received"]
        assert (rec["total"], rec["carried_over"], rec["online"], rec["direct_postal"]) == \
            (total, 0, online, direct_postal), (rec, rows)
        assert r.json()["total"]["in_progress"]["total"] == total
        # and it serves: the copy is a working store of its own
        r = leader.get(copy_srv.url + "/api/v1/dossiers", params={"limit": 500})
        assert r.status_code == 200
        leader.close()
    finally:
        copy_srv.stop()
    cli = json.loads(run("report", "--db", copy, "--from", day_from, "--to", day_to, "--unit", COMMUNE,
                         "--format", "json", check=0).stdout)
    assert cli["total"]["received"] == rec
