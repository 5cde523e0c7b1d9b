"""Acknowledged means durable: SIGKILL the server during concurrent intake, restart it, and
every dossier answered 201 is there exactly once; retried requests (same Idempotency-Key)
never create a second one; verify passes. Three rounds in `make check`; `make bench` runs
MOTCUA_CRASH_ROUNDS (bench/run: 100) rounds and prints the figures."""
import concurrent.futures
import os
import signal
import threading

import requests

from motcua import COMMUNE, Server, connect, new_store, run
from poll import poll, wait_until


def body():
    return {"procedure": "1.004873", "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": "Võ Thị Bền", "phone": "0977000111"},
            "components": [{"name": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu",
                            "digitized": False}]}


def storm(srv, token, stop, acked, tried, prefix):
    """Files dossiers until stop is set; records every key tried and every 201."""
    h = {"Authorization": "Bearer " + token}
    s = requests.Session()
    i = 0
    while not stop.is_set():
        key = f"{prefix}-{i}"
        i += 1
        tried.append(key)
        try:
            r = s.post(srv.url + "/api/v1/dossiers", json=body(), timeout=10,
                       headers={**h, "Idempotency-Key": key})
        except requests.RequestException:
            return
        if r.status_code == 201:
            acked[key] = r.json()["code"]


def test_sigkill_during_intake_loses_nothing(tmp_path):
    db = new_store(tmp_path / "crash.db")
    token = run("token", "add", "storm", "--role", "integration", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    acked, tried = {}, []
    rounds = int(os.environ.get("MOTCUA_CRASH_ROUNDS", "3"))
    for round_ in range(rounds):
        srv = Server(db)
        stop = threading.Event()
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            futures = [pool.submit(storm, srv, token, stop, acked, tried, f"r{round_}t{t}")
                       for t in range(16)]
            start = len(acked)
            poll(lambda: len(acked) >= start + 100, 5, 0.01)  # the kill comes then, or after 5 s
            srv.proc.send_signal(signal.SIGKILL)
            srv.proc.wait()
            stop.set()
            for f in futures:
                f.result()
        srv.errlog.close()
        assert len(acked) > start, "no intake was acknowledged before the kill"
    # every acknowledged dossier is present, once
    con = connect(db)
    codes = {r[0] for r in con.execute("SELECT code FROM dossier")}
    n_rows = con.execute("SELECT count(*) FROM dossier").fetchone()[0]
    con.close()
    assert set(acked.values()) <= codes
    assert n_rows == len(codes)
    # retrying every request tried (acknowledged or not) with its key creates nothing twice
    srv = Server(db)
    try:
        h = {"Authorization": "Bearer " + token}
        final = {}
        for key in tried:
            r = requests.post(srv.url + "/api/v1/dossiers", json=body(),
                              headers={**h, "Idempotency-Key": key})
            assert r.status_code == 201, r.text
            final[key] = r.json()["code"]
        for key, code in acked.items():
            assert final[key] == code  # the first answer, replayed
    finally:
        srv.stop()
    con = connect(db)
    assert con.execute("SELECT count(*) FROM dossier").fetchone()[0] == len(set(final.values())) == len(tried)
    con.close()
    run("verify", "--db", db, check=0)
    print(f"\ncrash safety: {rounds} SIGKILLs during intake by 16 clients: {len(acked)} "
          f"acknowledged, all present once; {len(tried)} keys retried, none filed twice; "
          f"verify ok")


def test_sigterm_during_intake_answers_or_refuses_and_stops_cleanly(tmp_path):
    """Writes wait in the request pool on suspended connections; SIGTERM in the middle of a
    storm must still exit 0 without a sanitizer or libmicrohttpd complaint (every suspended
    connection resumed before the daemon stops), and each 201 given is in the store."""
    db = new_store(tmp_path / "term.db")
    token = run("token", "add", "storm", "--role", "integration", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    acked, tried = {}, []
    srv = Server(db)
    stop = threading.Event()
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        futures = [pool.submit(storm, srv, token, stop, acked, tried, f"t{t}") for t in range(32)]
        wait_until(lambda: len(acked) >= 200, 10, "the storm getting going", 0.01)
        err = srv.stop()  # SIGTERM while requests are in flight; asserts exit 0, clean stderr
        stop.set()
        for f in futures:
            f.result()
    assert "suspended" not in err, err[-2000:]
    con = connect(db)
    codes = {r[0] for r in con.execute("SELECT code FROM dossier")}
    con.close()
    assert set(acked.values()) <= codes
    run("verify", "--db", db, check=0)


def test_clients_that_leave_during_the_write_are_cleaned_up(tmp_path):
    """A client that sends an intake and closes at once: its connection is resumed after the
    commit with nobody to answer; the answer is dropped without a leak (the ASan build), the
    dossier is filed, and the server still stops cleanly."""
    import json
    import socket
    db = new_store(tmp_path / "leave.db")
    token = run("token", "add", "leave", "--role", "integration", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    srv = Server(db)
    host, port = srv.url.split("//")[1].split(":")
    payload = json.dumps(body()).encode()
    for i in range(40):
        s = socket.create_connection((host, int(port)))
        s.sendall(b"POST /api/v1/dossiers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                  token.encode() + b"\r\nContent-Type: application/json\r\nIdempotency-Key: leave-"
                  + str(i).encode() + b"\r\nContent-Length: " + str(len(payload)).encode() +
                  b"\r\n\r\n" + payload)
        s.close()

    def filed():
        con = connect(db)
        n = con.execute("SELECT count(*) FROM dossier").fetchone()[0]
        con.close()
        return n

    wait_until(lambda: filed() == 40, 10, "the 40 dossiers filed", 0.05)
    srv.stop()  # exit 0, no sanitizer report
    run("verify", "--db", db, check=0)
