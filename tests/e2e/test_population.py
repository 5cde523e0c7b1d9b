"""Once-only identity (issue 17.6) against the simulated population register (`motcua
agency-sim --kind population --data FILE`), registered like an agency: an officer looks a
citizen up (GET /api/v1/people/{id}); every intake takes the name, birth date and address the
register holds, whatever was typed, and records the source and the time on the applicant, which
the hash chain covers; an unknown number, a register that is down or whose answer its
registered key did not sign leave the typed fields and never block the counter; a client cannot
claim an identity itself. The server runs on a faked clock (libfaketime)."""
import json
import signal
import sqlite3
import subprocess

import pytest
import requests

from clock import Clock
from motcua import BIN, COMMUNE, Server, assert_clean, child_env, demo_store, run
from conftest import sqlite_file_only

PEOPLE = [
    {"id_number": "045190001234", "name": "Trần Thị Bình", "birth_date": "1990-05-17",
     "address": "Thôn Hà Trung, xã Gio Linh, tỉnh Quảng Trị"},
    {"id_number": "045088004321", "name": "Nguyễn Văn An", "birth_date": "1988-11-02",
     "address": "Khu phố 3, xã Gio Linh, tỉnh Quảng Trị"},
]
PROCEDURE = "1.001193"  # birth registration, received by the commune


def start_sim(folder, name, data=None):
    args = [BIN, "agency-sim", "--kind", "population", "--key-file", str(folder / (name + ".key"))]
    if data:
        args += ["--data", str(data)]
    p = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=child_env(),
                         stderr=open(folder / (name + ".stderr"), "w"))
    url, key = p.stdout.readline().split()
    return p, url, key


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("population")
    data = folder / "people.jsonl"
    data.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in PEOPLE))
    clock = Clock(folder / "now", "2026-03-02 09:00:00")  # a Monday
    db = demo_store(folder, clock=clock)
    sim, url, key = start_sim(folder, "register", data)
    other, _, other_key = start_sim(folder, "other")  # holds no one: its key is a stranger's
    run("agency", "add", "--db", db, "--kind", "population", "--url", url, "--public-key", key,
        check=0)
    srv = Server(db, clock=clock, extra=("--webhook-allow", "127.0.0.1"))
    token = run("token", "add", "mc.dancu", "--role", "clerk", "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    clerk = requests.Session()
    clerk.headers["Authorization"] = "Bearer " + token
    try:
        yield {"srv": srv, "db": db, "clerk": clerk, "url": url, "key": key,
               "other_key": other_key, "clock": clock}
    finally:
        srv.stop()
        for p, name in ((sim, "register"), (other, "other")):
            p.send_signal(signal.SIGTERM)
            assert p.wait(timeout=30) == 0
            assert_clean((folder / (name + ".stderr")).read_text(errors="replace"))


def register(env, url=None, key=None):
    run("agency", "add", "--db", env["db"], "--kind", "population", "--url", url or env["url"],
        "--public-key", key or env["key"], check=0)


def papers(srv):
    p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + PROCEDURE).json()
    return [{"name": c["name"]} for c in p["components"] if c["required"]]


def file(env, applicant, status=201):
    srv = env["srv"]
    body = {"procedure": PROCEDURE, "unit": COMMUNE, "channel": "direct",
            "applicant": applicant, "components": papers(srv)}
    r = env["clerk"].post(srv.url + "/api/v1/dossiers", json=body)
    assert r.status_code == status, r.text
    if status != 201:
        return r.json()
    return env["clerk"].get(srv.url + "/api/v1/dossiers/" + r.json()["code"]).json()


def test_an_officer_looks_a_citizen_up(env):
    env["clock"].set("2026-03-02 09:00:00")
    srv = env["srv"]
    r = env["clerk"].get(srv.url + "/api/v1/people/045190001234")
    assert r.status_code == 200, r.text
    got = r.json()
    identity = got.pop("identity")
    assert got == PEOPLE[0]
    assert identity["source"] == env["url"]
    assert identity["at"].startswith("2026-03-02T09:0") and identity["at"].endswith("+07:00")
    r = env["clerk"].get(srv.url + "/api/v1/people/045199999999")
    assert r.status_code == 404 and r.json()["error"]["field"] == "id_number"
    assert env["clerk"].get(srv.url + "/api/v1/people/04519").status_code == 400
    # personal data: not for the public
    assert requests.get(srv.url + "/api/v1/people/045190001234").status_code == 401


@sqlite_file_only("reads the store with sqlite3 directly; not yet ported to connect()")
def test_an_intake_takes_what_the_register_holds(env):
    env["clock"].set("2026-03-02 10:00:00")
    typed = {"name": "Tran Thi Binh", "id_number": "045190001234", "phone": "0912345678",
             "address": "Gio Linh", "birth_date": "1991-01-01"}
    d = file(env, typed)
    ap = d["applicant"]
    identity = ap.pop("identity")
    assert ap == {**PEOPLE[0], "phone": "0912345678"}
    assert identity["source"] == env["url"] and identity["at"].startswith("2026-03-02T10:0")
    # the identity is part of what the hash chain covers: verify passes, and fails once the
    # stored applicant is altered
    assert run("verify", "--db", env["db"]).returncode == 0
    con = sqlite3.connect(env["db"])
    row = con.execute("SELECT applicant FROM dossier WHERE code = ?", (d["code"],)).fetchone()[0]
    forged = json.loads(row)
    forged["identity"]["source"] = "http://elsewhere.example"
    with con:
        con.execute("UPDATE dossier SET applicant = ? WHERE code = ?",
                    (json.dumps(forged, ensure_ascii=False), d["code"]))
    bad = run("verify", "--db", env["db"])
    with con:
        con.execute("UPDATE dossier SET applicant = ? WHERE code = ?", (row, d["code"]))
    con.close()
    assert bad.returncode == 1 and d["code"] in bad.stdout + bad.stderr
    assert run("verify", "--db", env["db"]).returncode == 0
    # the export carries it
    dump = run("export", "--db", env["db"], check=0).stdout
    line = next(json.loads(l) for l in dump.splitlines() if d["code"] in l and '"dossier"' in l)
    assert line["applicant"]["identity"] == identity


def test_a_number_the_register_lacks_keeps_what_was_typed(env):
    typed = {"name": "Phạm Văn Hùng", "id_number": "045199999999", "phone": "0912345679",
             "address": "Gio Linh"}
    assert file(env, typed)["applicant"] == typed


def test_a_client_cannot_claim_an_identity(env):
    claimed = {**PEOPLE[1], "phone": "0912345678",
               "identity": {"source": env["url"], "at": "2026-03-02T10:00:00+07:00"}}
    err = file(env, claimed, status=400)
    assert err["error"]["field"] == "identity"


@pytest.mark.parametrize("case", ["forged", "down"])
def test_a_register_not_to_be_trusted_or_down_never_blocks_the_counter(env, case):
    if case == "forged":  # the answer is signed, by a key that is not the registered one
        register(env, key=env["other_key"])
    else:  # nothing listens there
        register(env, url="http://127.0.0.1:9")
    try:
        r = env["clerk"].get(env["srv"].url + "/api/v1/people/" + PEOPLE[1]["id_number"])
        assert r.status_code == 503, r.text
        typed = {"name": "Nguyen Van An", "id_number": PEOPLE[1]["id_number"],
                 "phone": "0912345678"}
        assert file(env, typed)["applicant"] == typed
    finally:
        register(env)
    assert env["clerk"].get(env["srv"].url + "/api/v1/people/" +
                            PEOPLE[1]["id_number"]).status_code == 200


def test_the_simulator_refuses_bad_data_with_its_line(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text(json.dumps(PEOPLE[0], ensure_ascii=False) + "\n\n" +
                    json.dumps({**PEOPLE[1], "birth_date": "1988-13-02"}) + "\n")
    p = run("agency-sim", "--kind", "population", "--data", str(data))
    assert p.returncode == 2 and "line 3:" in p.stderr and "birth_date" in p.stderr, p.stderr
    data.write_text(json.dumps(PEOPLE[0]) + "\n" + json.dumps(PEOPLE[0]) + "\n")
    p = run("agency-sim", "--kind", "population", "--data", str(data))
    assert p.returncode == 2 and "line 2:" in p.stderr, p.stderr
    # a register posts nothing to motcua; the others must know where it is
    assert run("agency-sim", "--kind", "population", "--motcua", "http://x:1").returncode == 2
    assert run("agency-sim", "--kind", "residence", "--data", str(data)).returncode == 2
