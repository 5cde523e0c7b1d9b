"""Interconnected groups move between stores (issue 17): export writes a group's parent with
its chain and each step with its parent, index and agency; import into a fresh store gives the
same API answers, the same report figures and the same export back, and verify passes. A step
whose parent is not there, or that is not its group's step, is refused with its line number and
changes nothing. The servers run on a faked clock (libfaketime)."""
import json

import pytest

import requests

from clock import Clock
from motcua import COMMUNE, Server, demo_store, export_lines, run

BIRTH, DEATH = "2.000986", "1.006714"
APPLICANT = {"name": "Lê Văn Cường", "phone": "0912345678", "id_number": "045190005678"}


def bearer(srv, db, name, role):
    token = run("token", "add", name, "--role", role, "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    s = requests.Session()
    s.headers["Authorization"] = "Bearer " + token
    s.base = srv.url
    return s


def papers(srv, chain):
    c = requests.get(srv.url + "/api/v1/catalogue/chains/" + chain).json()
    names = []
    for st in c["steps"]:
        p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + st["procedure"]).json()
        names += [x["name"] for x in p["components"] if x["required"] and x["name"] not in names]
    return [{"name": n} for n in names]


def file_group(srv, clerk, chain):
    body = {"chain": chain, "unit": COMMUNE, "channel": "direct", "applicant": APPLICANT,
            "components": papers(srv, chain)}
    r = clerk.post(srv.url + "/api/v1/dossiers", json=body)
    assert r.status_code == 201, r.text
    return r.json()["code"], [k["code"] for k in r.json()["children"]]


def act(srv, who, code, **body):
    r = who.post(srv.url + f"/api/v1/dossiers/{code}/events", json=body)
    assert r.status_code == 200, r.text


def figures(db):
    return json.loads(run("report", "--db", db, "--from", "2026-03-01", "--to", "2026-03-31",
                          "--unit", COMMUNE, "--format", "json", check=0).stdout)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A store holding a birth group returned, a death group stopped at its first step and a
    birth group still in progress, exported."""
    folder = tmp_path_factory.mktemp("groups")
    clock = Clock(folder / "now", "2026-03-02 09:00:00")  # a Monday
    db = demo_store(folder, clock=clock)
    srv = Server(db, clock=clock)
    clerk = bearer(srv, db, "mc.xuat", "clerk")
    spec = bearer(srv, db, "cv.xuat", "specialist")
    done, done_kids = file_group(srv, clerk, BIRTH)
    clock.set("2026-03-03 10:00:00")
    for k in done_kids:
        act(srv, spec, k, action="resolve", outcome="approved")
    act(srv, clerk, done, action="return", collector=APPLICANT["name"])
    stopped, stopped_kids = file_group(srv, clerk, DEATH)
    act(srv, spec, stopped_kids[0], action="stop", reason="Giấy báo tử không hợp lệ")
    clock.set("2026-03-06 16:00:00")  # a Friday after the cut-off
    open_, open_kids = file_group(srv, clerk, BIRTH)
    act(srv, spec, open_kids[0], action="resolve", outcome="approved")
    clock.set("2026-03-10 09:00:00")
    codes = [done, *done_kids, stopped, *stopped_kids, open_, *open_kids]
    answers = {c: clerk.get(srv.url + "/api/v1/dossiers/" + c).json() for c in codes}
    srv.stop()
    dump = folder / "dump.jsonl"
    dump.write_text(run("export", "--db", db, check=0).stdout)
    yield {"db": db, "clock": clock, "dump": dump, "answers": answers, "folder": folder,
           "groups": [(done, done_kids), (stopped, stopped_kids), (open_, open_kids)]}


def test_export_writes_the_links(source):
    lines = [json.loads(l) for l in source["dump"].read_text().splitlines()]
    dossiers = {l["code"]: (i, l) for i, l in enumerate(lines) if l["type"] == "dossier"}
    for parent, kids in source["groups"]:
        i, p = dossiers[parent]
        assert p["chain"] in (BIRTH, DEATH) and "parent" not in p
        assert [k["code"] for k in p["children"]] == kids
        for step, k in enumerate(kids):
            j, c = dossiers[k]
            assert j > i  # the parent's line comes first
            assert c["parent"] == parent and c["step"] == step and "chain" not in c
            assert c["agency"] == p["children"][step]["agency"]


def test_a_group_round_trips_into_a_fresh_store(source, tmp_path):
    db = demo_store(tmp_path, clock=source["clock"])
    run("import", "--db", db, str(source["dump"]), check=0)
    assert run("verify", "--db", db).returncode == 0
    assert figures(db) == figures(source["db"])
    # the same lines again; each store applied the demo's unit operations itself, at its own
    # init, so only their instant differs
    assert export_lines(run("export", "--db", db, check=0).stdout) == \
        export_lines(source["dump"].read_text())
    srv = Server(db, clock=source["clock"])
    try:
        clerk = bearer(srv, db, "mc.nhap", "clerk")
        for code, before in source["answers"].items():
            after = clerk.get(srv.url + "/api/v1/dossiers/" + code).json()
            # the citizen's look-up key is a secret each store issues, never exported
            assert after.pop("lookup_key") and before.pop("lookup_key")
            assert after == before, code
        # the imported group lives on: its open step resolved here moves its parent
        spec = bearer(srv, db, "cv.nhap", "specialist")
        parent, kids = source["groups"][2]
        for k in kids[1:]:
            act(srv, spec, k, action="resolve", outcome="approved")
        p = clerk.get(srv.url + "/api/v1/dossiers/" + parent).json()
        assert p["state"] == "resolved" and p["outcome"] == "approved"
    finally:
        srv.stop()
    # importing the same file again adds nothing
    assert "(0 sự kiện mới)" in run("import", "--db", db, str(source["dump"]), check=0).stdout


def lines_of(source):
    return [json.loads(l) for l in source["dump"].read_text().splitlines()]


def write(path, lines):
    path.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines))
    return str(path)


def refused(source, tmp_path, lines, needle):
    db = demo_store(tmp_path, clock=source["clock"])
    before = run("export", "--db", db, check=0).stdout
    p = run("import", "--db", db, write(tmp_path / "bad.jsonl", lines))
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert needle in p.stderr, p.stderr
    assert run("export", "--db", db, check=0).stdout == before
    return p.stderr


def test_a_step_without_its_parent_is_refused(source, tmp_path):
    parent, kids = source["groups"][0]
    lines = [l for l in lines_of(source) if l.get("code") != parent]
    n = next(i for i, l in enumerate(lines, 1) if l.get("code") == kids[0])
    err = refused(source, tmp_path, lines, f"line {n}:")
    assert parent in err


def test_a_step_that_is_not_its_groups_step_is_refused(source, tmp_path):
    _, kids = source["groups"][0]
    lines = lines_of(source)
    n = next(i for i, l in enumerate(lines, 1) if l.get("code") == kids[1])
    lines[n - 1]["step"] = 2  # the residence step claims to be the insurance step
    refused(source, tmp_path, lines, f"line {n}:")


def test_a_half_given_step_is_refused(source, tmp_path):
    _, kids = source["groups"][0]
    lines = lines_of(source)
    n = next(i for i, l in enumerate(lines, 1) if l.get("code") == kids[1])
    del lines[n - 1]["agency"]
    refused(source, tmp_path, lines, f"line {n}:")
