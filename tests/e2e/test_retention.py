"""Retention: what is kept only for a while is swept by the server itself (once a minute, in
bounded batches): Idempotency-Key answers after 7 days, messages to applicants and webhook
deliveries 90 days after they were created, whatever became of them. The dossiers, their
events and the counters stay; verify passes."""

import requests

from clock import Clock
from conftest import login
from motcua import COMMUNE, Server, connect, new_store, run
from poll import wait_until

PROCEDURE = "1.004873"


def count(db, table):
    con = connect(db)
    n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.close()
    return n


def wait_for(db, table, want):
    wait_until(lambda: count(db, table) == want, 15, f"{want} rows in {table}", 0.1)


def test_old_keys_messages_and_deliveries_are_swept(tmp_path):
    db = new_store(tmp_path / "keep.db")
    token = run("token", "add", "keep", "--role", "integration", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    clock = Clock(tmp_path / "now", "2026-02-27 09:00:00")
    srv = Server(db, extra=("--webhook-retry", "1", "--webhook-allow", "127.0.0.1"), clock=clock)
    try:
        h = {"Authorization": "Bearer " + token}
        # a webhook nobody answers: its deliveries fail and stay as rows
        r = login(srv, "admin").post(srv.url + "/api/v1/webhooks",
                                     json={"url": "http://127.0.0.1:9/hook", "actions": ["receive"]})
        assert r.status_code == 201, r.text
        comps = [{"name": c["name"], "digitized": False} for c in requests.get(
            srv.url + "/api/v1/catalogue/procedures/" + PROCEDURE).json()["components"]
            if c["required"]]
        body = {"procedure": PROCEDURE, "unit": COMMUNE, "channel": "direct",
                "applicant": {"name": "Lê Thị Lưu", "phone": "0905111222"}, "components": comps}

        def file(key):
            r = requests.post(srv.url + "/api/v1/dossiers", json=body,
                              headers={**h, "Idempotency-Key": key})
            assert r.status_code == 201, r.text
            return r.json()["code"]

        # one dossier filed four days before the others: its key is the first to be old
        codes = [file("keep-early")]
        clock.set("2026-03-02 09:00:00")
        codes += [file(f"keep-{i}") for i in range(3)]
        assert count(db, "idempotency") == 4
        assert count(db, "notification") == 4
        assert count(db, "outbox") == 4
        # six days on: the early key, nine days old, goes; the others are not old enough, and a
        # retry still gets its first answer
        clock.set("2026-03-08 09:00:00")
        wait_for(db, "idempotency", 3)
        again = requests.post(srv.url + "/api/v1/dossiers", json=body,
                              headers={**h, "Idempotency-Key": "keep-0"})
        assert again.headers.get("Idempotent-Replayed") == "true"
        assert again.json()["code"] == codes[1]
        # eight days on: the keys go, the messages and deliveries stay
        clock.set("2026-03-10 09:00:00")
        wait_for(db, "idempotency", 0)
        assert count(db, "notification") == 4 and count(db, "outbox") == 4
        # ninety-one days on: the messages and deliveries go too; the dossiers stay
        clock.set("2026-06-02 09:00:00")
        wait_for(db, "notification", 0)
        wait_for(db, "outbox", 0)
        assert count(db, "dossier") == 4 and count(db, "dossier_event") == 4
        for code in codes:
            assert requests.get(srv.url + "/api/v1/dossiers/" + code, headers=h).status_code == 200
    finally:
        srv.stop()
    run("verify", "--db", db, check=0)
