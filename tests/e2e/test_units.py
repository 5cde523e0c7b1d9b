"""Units change, dossiers survive: merge, split (by the applicant's commune, by procedure, by a
list), rename (same code, new code), move and abolish a level, each with open dossiers in
every state and closed ones beside them. Every open dossier gets a handover event and its new
unit's officers see it at once; closed ones, codes, states and deadlines stay as they were; a
plan changes nothing; bad input changes nothing; a planned operation waits for its local
midnight; reports count the same dossiers as the units were or as they are now."""
import datetime
import json
import re

import pytest
import requests

from clock import Clock, vn_today
from motcua import PROVINCE, Server, demo_store, run
from poll import wait_until

A, B, C = "000.01.50.H50", "000.01.51.H50", "000.01.52.H50"  # Cồn Tiên, Cửa Việt, Gio Linh
D = "000.01.53.H50"  # Bến Hải
NEW = "000.01.99.H50"
DEPARTMENT = "000.00.02.H50"

# the events that leave a dossier in each state (received 2023-10-02)
OPEN = ["submitted", "received", "processing", "supplement", "awaiting_payment",
        "withdrawal_requested", "resolved", "awaiting_approval"]
CLOSED = ["returned", "stopped", "refused"]


def events(state, unit):
    t = "2023-10-02T08:00:00+07:00"
    later = "2023-10-03T09:00:00+07:00"
    first = [{"id": "e1", "at": t, "action": "receive", "by": "cb"}]
    more = {
        "submitted": [{"id": "e1", "at": t, "action": "submit"}],
        "received": first,
        "processing": first + [{"id": "e2", "at": later, "action": "transfer", "to": unit}],
        "supplement": first + [{"id": "e2", "at": later, "action": "request_supplement",
                                "items": ["Bản sao giấy khai sinh"]}],
        "awaiting_payment": first + [{"id": "e2", "at": later, "action": "request_payment",
                                      "amount": 50000}],
        "withdrawal_requested": first + [
            {"id": "e2", "at": later, "action": "transfer", "to": unit},
            {"id": "e3", "at": "2023-10-04T09:00:00+07:00", "action": "request_withdrawal"}],
        "resolved": first + [{"id": "e2", "at": later, "action": "resolve", "outcome": "approved"}],
        "awaiting_approval": first + [{"id": "e2", "at": later, "action": "propose",
                                       "outcome": "approved"}],
        "returned": first + [
            {"id": "e2", "at": later, "action": "resolve", "outcome": "approved"},
            {"id": "e3", "at": "2023-10-04T09:00:00+07:00", "action": "return",
             "collector": "Người nhận"}],
        "stopped": first + [{"id": "e2", "at": later, "action": "stop", "reason": "Rút hồ sơ"}],
        "refused": [{"id": "e1", "at": t, "action": "refuse", "reason": "Không thuộc thẩm quyền"}],
    }
    return more[state]


def dossier(unit, n, state, address="thôn Một", procedure=None):
    procedure = procedure or ("2.000806" if state == "awaiting_approval" else "1.004873")
    return {"type": "dossier", "code": f"{unit}-231002-{n:04d}", "procedure": procedure,
            "unit": unit, "channel": "direct", "fee": 0,
            "applicant": {"name": f"Công dân {n}", "phone": f"0912{n:06d}", "address": address},
            "events": events(state, unit)}


def every_state(unit, start=1):
    """One dossier of unit in each open and closed state: {state: code}."""
    lines = [dossier(unit, start + i, s) for i, s in enumerate(OPEN + CLOSED)]
    return lines, {s: l["code"] for s, l in zip(OPEN + CLOSED, lines)}


def load(db, tmp_path, lines, name="in.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines))
    run("import", "--db", db, str(path), check=0)


def token(db, name, role, unit):
    return run("token", "add", name, "--role", role, "--unit", unit, "--db", db,
               check=0).stdout.strip()


def get(srv, tok, code):
    return requests.get(f"{srv.url}/api/v1/dossiers/{code}",
                        headers={"Authorization": "Bearer " + tok})


def op_id(out):
    """The operation's number in the output of a unit command."""
    return re.search(r"operation (\d+): ", out).group(1)


def exported(db):
    """The dossiers of an export by code, and the unit lines by code."""
    out = run("export", "--db", db, check=0).stdout.splitlines()
    recs = [json.loads(line) for line in out]
    return ({r["code"]: r for r in recs if r["type"] == "dossier"},
            {r["code"]: r for r in recs if r["type"] == "unit"})


@pytest.fixture
def env(tmp_path):
    db = demo_store(tmp_path)
    admin = token(db, "quantri-api", "admin", PROVINCE)
    return {"db": db, "tmp": tmp_path, "admin": admin}


def check_handed(before, after, codes, frm, to, op):
    """The open dossiers went from frm to to with one handover event of operation op; the
    closed ones did not move; nothing else changed."""
    for state, code in codes.items():
        b, a = before[code], after[code]
        assert a["state"] == b["state"] == state
        assert a.get("due_at") == b.get("due_at")
        if state in OPEN:
            assert a["current_unit"] == to, (state, a)
            assert len(a["events"]) == len(b["events"]) + 1
            last = a["events"][-1]
            assert (last["action"], last["from"], last["to"], last["operation"]) == \
                ("handover", frm, to, op)
        else:
            assert a["current_unit"] == b["current_unit"] == frm
            assert a["events"] == b["events"]


def test_merge_hands_over_every_open_dossier_and_moves_the_accounts(env):
    db, tmp = env["db"], env["tmp"]
    la, codes_a = every_state(A)
    lb, codes_b = every_state(B)
    load(db, tmp, la + lb)
    run("user", "add", "cb.contien", "--role", "clerk", "--unit", A, "--password-stdin",
        "--db", db, input="matkhau@2025\n", check=0)
    tok_a = token(db, "he-thong-contien", "clerk", A)
    before, _ = exported(db)

    # the plan shows every change and changes nothing
    plan = run("unit", "plan", "merge", A, B, "--into", NEW, "--name", "UBND xã Thử Nghiệm",
               "--db", db, check=0).stdout
    for codes in (codes_a, codes_b):
        for state, code in codes.items():
            assert (code in plan) == (state in OPEN), (state, code)
    assert "user cb.contien: %s -> %s" % (A, NEW) in plan
    assert "valid_to - -> %s" % (vn_today() - datetime.timedelta(days=1)).isoformat() in plan
    assert "16 dossiers handed over" in plan
    assert exported(db)[0] == before
    ops = run("unit", "list", "--db", db, check=0).stdout  # the demo's reform of 2025 only
    assert ops.count("\t2025-07-01\tdone\t") == 5 and len(ops.splitlines()) == 5

    out = run("unit", "merge", A, B, "--into", NEW, "--name", "UBND xã Thử Nghiệm", "--db", db,
              check=0).stdout
    assert "đã thực hiện / applied" in out
    after, units = exported(db)
    check_handed(before, after, codes_a, A, NEW, op_id(out))
    check_handed(before, after, codes_b, B, NEW, op_id(out))
    assert units[A]["successor"] == NEW and units[B]["successor"] == NEW
    assert units[NEW]["name"] == "UBND xã Thử Nghiệm" and units[NEW]["parent"] == PROVINCE
    assert any(l.split()[:3] == ["cb.contien", "clerk", NEW]
               for l in run("user", "list", "--db", db, check=0).stdout.splitlines())
    run("verify", "--db", db, check=0)

    srv = Server(db)
    try:
        # the token moved with its unit: it sees the open dossiers at once, and only those
        assert get(srv, tok_a, codes_a["processing"]).json()["current_unit"] == NEW
        assert get(srv, tok_a, codes_b["supplement"]).status_code == 200
        assert get(srv, tok_a, codes_b["returned"]).status_code == 403
        # intake at a dissolved unit points to its successor
        tok_p = token(db, "cong-tinh", "integration", PROVINCE)
        r = requests.post(srv.url + "/api/v1/dossiers", headers={"Authorization": "Bearer " + tok_p},
                          json={"procedure": "1.004873", "unit": A, "channel": "direct",
                                "applicant": {"name": "Công dân mới", "phone": "0912000999"}})
        assert r.status_code in (409, 422) and NEW in r.json()["error"]["message"]
    finally:
        srv.stop()
    # a dissolved unit cannot be merged again
    p = run("unit", "merge", A, "--into", C, "--db", db)
    assert p.returncode == 2 and "giải thể" in p.stderr


def test_officers_of_the_heir_see_the_dossiers_at_once(env):
    db, tmp = env["db"], env["tmp"]
    lines, codes = every_state(A)
    load(db, tmp, lines)
    tok_c = token(db, "he-thong-giolinh", "clerk", C)
    srv = Server(db)
    try:
        assert get(srv, tok_c, codes["processing"]).status_code == 403
        run("unit", "merge", A, "--into", C, "--db", db, check=0)
        for state in OPEN:
            r = get(srv, tok_c, codes[state])
            assert r.status_code == 200 and r.json()["current_unit"] == C
    finally:
        srv.stop()


def test_users_and_tokens_disabled_when_the_admin_chooses(env):
    db = env["db"]
    run("user", "add", "cb.contien", "--role", "clerk", "--unit", A, "--password-stdin",
        "--db", db, input="matkhau@2025\n", check=0)
    tok = token(db, "he-thong-contien", "clerk", A)
    out = run("unit", "merge", A, "--into", C, "--users", "disable", "--db", db, check=0).stdout
    assert "user cb.contien: %s -> khóa / disabled" % A in out
    listed = [l for l in run("user", "list", "--db", db, check=0).stdout.splitlines()
              if l.startswith("cb.contien")]
    assert "(khóa)" in listed[0] and A in listed[0]
    srv = Server(db)
    try:
        r = requests.get(srv.url + "/api/v1/dossiers?state=received",
                         headers={"Authorization": "Bearer " + tok})
        assert r.status_code == 401
    finally:
        srv.stop()


def test_split_by_the_applicants_commune(env):
    db, tmp = env["db"], env["tmp"]
    # an old commune that was merged into Gio Linh: its name in an address means Gio Linh
    old = {"type": "unit", "code": "000.02.01.H50", "name": "UBND xã Gio Mỹ", "level": "commune",
           "parent": PROVINCE}
    load(db, tmp, [old], "old.jsonl")
    run("unit", "merge", "000.02.01.H50", "--into", C, "--db", db, check=0)
    lines = [dossier(D, 1, "processing", "thôn Hà Thanh, xã Cửa Việt, tỉnh Quảng Trị"),
             dossier(D, 2, "supplement", "Xã Gio Linh, Quảng Trị"),
             dossier(D, 3, "received", "thôn Mỹ Lộc, xã Gio Mỹ, huyện Gio Linh"),
             dossier(D, 4, "resolved", "Số 5 Lê Duẩn, Đông Hà"),
             dossier(D, 5, "returned", "xã Cửa Việt")]
    load(db, tmp, lines)
    before, _ = exported(db)
    out = run("unit", "split", D, "--into", f"{C},{B}", "--by", "commune", "--db", db,
              check=0).stdout
    assert "1 by default" in out
    after, units = exported(db)
    want = {1: B, 2: C, 3: C, 4: C, 5: D}  # 4 names no commune: the first target
    for n, unit in want.items():
        assert after[f"{D}-231002-{n:04d}"]["current_unit"] == unit, n
    assert units[D]["successor"] == C
    assert before[f"{D}-231002-0005"] == after[f"{D}-231002-0005"]


def test_split_by_procedure_level(env):
    db, tmp = env["db"], env["tmp"]
    lines = [dossier(D, 1, "processing", procedure="1.004873"),  # commune level
             dossier(D, 2, "processing", procedure="1.010803")]  # province level
    load(db, tmp, lines)
    run("unit", "split", D, "--into", f"{C},{PROVINCE}", "--by", "procedure", "--db", db, check=0)
    after, _ = exported(db)
    assert after[f"{D}-231002-0001"]["current_unit"] == C
    assert after[f"{D}-231002-0002"]["current_unit"] == PROVINCE


def test_split_by_a_list_and_bad_lists_change_nothing(env):
    db, tmp = env["db"], env["tmp"]
    lines, codes = every_state(D)
    load(db, tmp, lines)
    before, units_before = exported(db)
    bad = tmp / "bad.txt"
    bad.write_text(f"# mã hồ sơ, đơn vị\n{codes['received']} {C}\nkhông phải mã\n")
    p = run("unit", "split", D, "--into", f"{C},{B}", "--by", f"file:{bad}", "--db", db)
    assert p.returncode == 2 and "line 3" in p.stderr
    # a list that forgets an open dossier, or names a unit that is no target
    short = tmp / "short.txt"
    short.write_text("".join(f"{codes[s]}\t{C}\n" for s in OPEN[:-1]))
    p = run("unit", "split", D, "--into", f"{C},{B}", "--by", f"file:{short}", "--db", db)
    assert p.returncode == 2 and codes[OPEN[-1]] in p.stderr
    wrong = tmp / "wrong.txt"
    wrong.write_text("".join(f"{codes[s]},{A}\n" for s in OPEN))
    p = run("unit", "split", D, "--into", f"{C},{B}", "--by", f"file:{wrong}", "--db", db)
    assert p.returncode == 2 and "line 1" in p.stderr
    assert exported(db) == (before, units_before)

    good = tmp / "good.txt"
    good.write_text("".join(f"{codes[s]} {C if i % 2 else B}\n" for i, s in enumerate(OPEN)))
    run("unit", "split", D, "--into", f"{C},{B}", "--by", f"file:{good}", "--db", db, check=0)
    after, _ = exported(db)
    for i, s in enumerate(OPEN):
        assert after[codes[s]]["current_unit"] == (C if i % 2 else B)
    for s in CLOSED:
        assert after[codes[s]] == before[codes[s]]


def test_rename_with_the_same_code_and_with_a_new_code(env):
    db, tmp = env["db"], env["tmp"]
    lines, codes = every_state(D)
    load(db, tmp, lines)
    before, _ = exported(db)
    run("unit", "rename", D, "--name", "UBND xã Bến Hải Mới", "--db", db, check=0)
    after, units = exported(db)
    assert units[D]["name"] == "UBND xã Bến Hải Mới" and after == before

    out = run("unit", "rename", D, "--code", NEW, "--name", "UBND xã Bến Hải", "--db", db,
              check=0).stdout
    after, units = exported(db)
    check_handed(before, after, codes, D, NEW, op_id(out))
    assert units[D]["successor"] == NEW and units[NEW]["name"] == "UBND xã Bến Hải"
    # the codes never change, and the old codes are still looked up
    srv = Server(db)
    try:
        r = get(srv, env["admin"], codes["processing"])
        assert r.status_code == 200 and r.json()["code"] == codes["processing"]
    finally:
        srv.stop()
    # a new code that exists already
    p = run("unit", "rename", NEW, "--code", C, "--name", "X", "--db", db)
    assert p.returncode == 2


def test_move_and_abolish_a_level(env):
    db, tmp = env["db"], env["tmp"]
    district = {"type": "unit", "code": "000.00.22.H50", "name": "UBND huyện Thử", "level":
                "district", "parent": PROVINCE}
    commune = {"type": "unit", "code": "000.02.02.H50", "name": "UBND xã Thử", "level":
               "commune", "parent": "000.00.22.H50"}
    load(db, tmp, [district, commune], "units.jsonl")
    # a move to a unit below itself is refused
    p = run("unit", "move", "000.00.22.H50", "--parent", "000.02.02.H50", "--db", db)
    assert p.returncode == 2
    run("unit", "move", D, "--parent", "000.00.22.H50", "--db", db, check=0)
    assert exported(db)[1][D]["parent"] == "000.00.22.H50"
    lines, codes = every_state("000.00.22.H50")
    load(db, tmp, lines)
    before, _ = exported(db)
    out = run("unit", "abolish", "--level", "district", "--db", db, check=0).stdout
    after, units = exported(db)
    check_handed(before, after, codes, "000.00.22.H50", PROVINCE, op_id(out))
    assert units["000.02.02.H50"]["parent"] == PROVINCE and units[D]["parent"] == PROVINCE
    assert units["000.00.22.H50"]["successor"] == PROVINCE
    # the demo's district dissolved in 2025 is left as it was
    assert units["000.00.21.H50"]["successor"] == C and "000.00.21.H50:" not in out
    p = run("unit", "abolish", "--level", "district", "--db", db)
    assert p.returncode == 2 and "district" in p.stderr


def test_a_planned_operation_takes_effect_at_local_midnight(env):
    db, tmp = env["db"], env["tmp"]
    lines, codes = every_state(A)
    load(db, tmp, lines)
    clock = Clock(tmp / "clock", "2026-03-10 23:59:00")
    out = run("unit", "merge", A, "--into", C, "--on", "2026-03-11", "--db", db, check=0,
              clock=clock).stdout
    assert "planned for 2026-03-11" in out
    # A is still live when these are entered; on the day, the merge above dissolves it first,
    # so the second no longer applies and must not hold back the third
    run("unit", "merge", A, "--into", D, "--on", "2026-03-11", "--db", db, check=0, clock=clock)
    run("unit", "rename", D, "--name", "UBND xã Bến Hải (mới)", "--on", "2026-03-11", "--db", db,
        check=0, clock=clock)
    listed = run("unit", "list", "--db", db, check=0).stdout
    assert listed.count("\tplanned\t") == 3
    assert exported(db)[1][D]["name"] == "UBND xã Bến Hải"
    srv = Server(db, clock=clock)
    try:
        tok = token(db, "he-thong-giolinh", "clerk", C)
        assert get(srv, tok, codes["received"]).status_code == 403
        clock.set("2026-03-11 00:00:05")
        wait_until(lambda: get(srv, tok, codes["received"]).status_code == 200, timeout=90)
        wait_until(lambda: exported(db)[1][D]["name"] == "UBND xã Bến Hải (mới)", timeout=30)
        states = [l.split("\t")[3] for l in run("unit", "list", "--db", db,
                                                check=0).stdout.splitlines()[-3:]]
        assert states == ["done", "planned", "done"]
    finally:
        srv.stop()
    assert "not applied" in open(srv.log, errors="replace").read()


def report(db, *args):
    return json.loads(run("report", "--db", db, "--from", "2023-10-01", "--to", "2023-10-31",
                          "--by", "unit", "--format", "json", *args, check=0).stdout)


def test_reports_as_the_units_were_and_as_they_are(env):
    db, tmp = env["db"], env["tmp"]
    la, _ = every_state(A)
    lb, _ = every_state(B)
    load(db, tmp, la + lb)
    run("unit", "merge", A, B, "--into", NEW, "--name", "UBND xã Thử Nghiệm", "--db", db, check=0)
    hist = report(db)  # a past period: as the units were, by default
    assert hist["units"] == "historical"
    assert {r["key"] for r in hist["rows"]} == {A, B}
    cur = report(db, "--units", "current")
    assert cur["units"] == "current" and [r["key"] for r in cur["rows"]] == [NEW]
    assert cur["total"] == hist["total"]
    row = cur["rows"][0]
    for k in ("received", "resolved", "in_progress"):
        assert row[k]["total"] == sum(r[k]["total"] for r in hist["rows"])
    # one of today's units reports the dossiers of the units merged into it
    scoped = report(db, "--units", "current", "--unit", NEW)
    assert scoped["total"] == hist["total"]
    assert report(db, "--units", "historical", "--unit", NEW)["total"]["received"]["total"] == 0
    p = run("report", "--db", db, "--period", "2023", "--units", "then")
    assert p.returncode == 2


def test_the_admin_page_shows_the_plan_then_applies_it_on_confirmation(env):
    from test_pages_admin import Browser, assert_page
    from motcua import DEMO
    db, tmp = env["db"], env["tmp"]
    lines, codes = every_state(A)
    load(db, tmp, lines)
    srv = Server(db)
    try:
        admin = Browser(srv, *DEMO["admin"])
        page = admin.get("/quan-tri/sap-xep-don-vi")
        assert page.status_code == 200 and "Sắp xếp đơn vị" in page.text
        assert_page(page)
        assert "Các thao tác đã ghi" in page.text  # the demo's reform of 2025
        form = {"kind": "merge", "from": A, "into": C, "effective": vn_today().isoformat(),
                "users": "move"}
        before, _ = exported(db)
        plan = admin.post("/quan-tri/sap-xep-don-vi", form)
        assert plan.status_code == 200, plan.text[:2000]
        assert_page(plan)
        assert "Kế hoạch" in plan.text and "Xác nhận thực hiện" in plan.text
        for state, code in codes.items():
            assert (code in plan.text) == (state in OPEN)
        assert exported(db)[0] == before  # the plan changed nothing
        # a bad list is refused with its line
        bad = admin.post("/quan-tri/sap-xep-don-vi",
                         {**form, "kind": "split", "into": f"{C},{B}", "rule": "hand",
                          "list": "không phải mã"})
        assert bad.status_code == 400 and "dòng 1" in bad.text
        done = admin.post("/quan-tri/sap-xep-don-vi", {**form, "confirm": "1"})
        assert done.status_code == 303
        assert "xong=sap-xep" in done.headers["Location"]
        after, _ = exported(db)
        assert all(after[codes[s]]["current_unit"] == C for s in OPEN)
        assert all(after[codes[s]]["current_unit"] == A for s in CLOSED)
    finally:
        srv.stop()


def test_the_api_and_the_page_take_the_units_too(env):
    db, tmp = env["db"], env["tmp"]
    la, _ = every_state(A)
    load(db, tmp, la)
    run("unit", "merge", A, "--into", C, "--db", db, check=0)
    srv = Server(db)
    try:
        h = {"Authorization": "Bearer " + env["admin"]}
        url = srv.url + "/api/v1/reports/official"
        q = {"from": "2023-10-01", "to": "2023-10-31", "by": "unit", "unit": PROVINCE}
        hist = requests.get(url, params=q, headers=h).json()
        cur = requests.get(url, params={**q, "units": "current"}, headers=h).json()
        assert [r["key"] for r in hist["rows"]] == [A] and [r["key"] for r in cur["rows"]] == [C]
        # received: every state but submitted and refused (never received)
        assert hist["total"] == cur["total"] and hist["total"]["received"]["total"] == 9
        r = requests.get(url, params={**q, "units": "both"}, headers=h)
        assert r.status_code == 400 and r.json()["error"]["field"] == "units"
    finally:
        srv.stop()


def test_a_split_by_procedure_reads_the_level_of_the_day(env):
    """2.000806 (foreign marriage) was a district's until 30/6/2025 and is a commune's since
    (the demo's levels by day): a split dated before the reform sends it to the district."""
    db, tmp = env["db"], env["tmp"]
    district = {"type": "unit", "code": "000.00.22.H50", "name": "UBND huyện Thử", "level":
                "district", "parent": PROVINCE}
    load(db, tmp, [district], "units.jsonl")
    load(db, tmp, [dossier(D, 1, "processing", procedure="2.000806"),
                   dossier(D, 2, "processing", procedure="1.004873")])
    code = f"{D}-231002-0001"
    args = ("unit", "plan", "split", D, "--into", f"{C},000.00.22.H50", "--by", "procedure")
    before = run(*args, "--on", "2025-06-01", "--db", db, check=0).stdout
    assert f"{code} [processing]: {D} -> 000.00.22.H50" in before
    now = run(*args, "--db", db, check=0).stdout
    assert f"{code} [processing]: {D} -> {C}" in now
    assert f"{D}-231002-0002 [processing]: {D} -> {C}" in before
    procs = {r["code"]: r for r in (json.loads(l) for l in
                                    run("export", "--db", db, check=0).stdout.splitlines())
             if r["type"] == "procedure"}
    assert procs["2.000806"]["levels"] == [{"from": "2016-01-01", "level": "district"},
                                           {"from": "2025-07-01", "level": "commune"}]
    assert "levels" not in procs["1.004873"]


def test_an_export_imported_into_a_fresh_store_reproduces_the_units_and_their_history(env):
    db, tmp = env["db"], env["tmp"]
    la, codes_a = every_state(A)
    lb, _ = every_state(B)
    ld, _ = every_state(D)
    load(db, tmp, la + lb + ld)
    run("unit", "merge", A, B, "--into", NEW, "--name", "UBND xã Thử Nghiệm", "--db", db, check=0)
    run("unit", "rename", D, "--name", "UBND xã Bến Hải (mới)", "--on", "2099-01-01", "--db", db,
        check=0)
    out = run("export", "--db", db, check=0).stdout
    ops = [json.loads(l) for l in out.splitlines() if '"type":"operation"' in l]
    assert [(o["kind"], o.get("state")) for o in ops[-2:]] == [("merge", "done"), ("rename", None)]
    assert ops[-2]["from"] == [A, B] and "2 units" not in ops[-2]["summary"]
    path = tmp / "all.jsonl"
    path.write_text(out)
    fresh = str(tmp / "fresh.db")
    run("init", "--db", fresh, check=0)
    imported = run("import", "--db", fresh, str(path), check=0).stdout
    assert f"{len(ops)} thao tác" in imported
    # the same lines again (the applied operations recorded, not run a second time: no
    # handover twice), and a second import changes nothing
    again = run("export", "--db", fresh, check=0).stdout
    assert sorted(again.splitlines()) == sorted(out.splitlines())
    run("import", "--db", fresh, str(path), check=0)
    assert sorted(run("export", "--db", fresh, check=0).stdout.splitlines()) == \
        sorted(out.splitlines())
    after, units = exported(fresh)
    assert units[A]["successor"] == units[B]["successor"] == NEW
    assert after[codes_a["received"]]["current_unit"] == NEW
    assert [e["action"] for e in after[codes_a["received"]]["events"]].count("handover") == 1
    listed = run("unit", "list", "--db", fresh, check=0).stdout.splitlines()
    assert [l.split("\t")[3] for l in listed[-2:]] == ["done", "planned"]
    for units_arg in ("historical", "current"):
        was, now = report(db, "--units", units_arg), report(fresh, "--units", units_arg)
        assert was == now
        # every dossier of the three units but the one only submitted and the one refused at
        # the counter was received
        assert was["total"]["received"]["total"] == 3 * (len(OPEN + CLOSED) - 2)
    assert {r["key"] for r in report(fresh)["rows"]} == {A, B, D}
    assert {r["key"] for r in report(fresh, "--units", "current")["rows"]} == {NEW, D}


def test_a_done_operation_line_needs_its_instant(env):
    db, tmp = env["db"], env["tmp"]
    bad = {"type": "operation", "kind": "rename", "from": [D], "name": "X",
           "effective": "2025-01-01", "state": "done"}
    path = tmp / "bad.jsonl"
    path.write_text(json.dumps(bad) + "\n")
    before = run("export", "--db", db, check=0).stdout
    p = run("import", "--db", db, str(path))
    assert p.returncode == 2 and "line 1" in p.stderr and "applied_at" in p.stderr
    bad.update(state="planned", summary="x")
    path.write_text(json.dumps(bad) + "\n")
    assert run("import", "--db", db, str(path)).returncode == 2
    assert run("export", "--db", db, check=0).stdout == before


def test_the_officers_report_counts_as_the_units_were_or_as_they_are(env):
    db, tmp = env["db"], env["tmp"]
    lines = []
    for unit, n, officer in ((A, 1, "cv-contien"), (B, 2, "cv-cuaviet"), (B, 3, "cv-cuaviet")):
        d = dossier(unit, n, "resolved")
        d["events"][-1]["by"] = officer  # who resolved it is whom it counts for
        lines.append(d)
    load(db, tmp, lines)
    run("unit", "merge", A, B, "--into", NEW, "--name", "UBND xã Thử Nghiệm", "--db", db, check=0)
    leader = token(db, "lanhdao-api", "leader", PROVINCE)
    srv = Server(db)
    try:
        def officers(unit, units=None):
            params = {"from": "2023-10-01", "to": "2023-10-31", "unit": unit}
            if units:
                params["units"] = units
            r = requests.get(srv.url + "/api/v1/reports/officers", params=params,
                             headers={"Authorization": "Bearer " + leader})
            assert r.status_code == 200, r.text
            return r.json()["units"], {o["officer"]: o["resolved"] for o in r.json()["officers"]}
        # a past period: as the units were, by default; today's unit had no officer then
        assert officers(NEW) == ("historical", {})
        assert officers(A) == ("historical", {"cv-contien": 1})
        assert officers(B, "historical") == ("historical", {"cv-cuaviet": 2})
        # mapped onto today's units, the merged unit reports its predecessors' work
        assert officers(NEW, "current") == ("current", {"cv-contien": 1, "cv-cuaviet": 2})
        # both add up to the same over the province
        assert officers(PROVINCE, "current")[1] == officers(PROVINCE, "historical")[1] == \
            {"cv-contien": 1, "cv-cuaviet": 2}
        r = requests.get(srv.url + "/api/v1/reports/officers", params={
            "from": "2023-10-01", "to": "2023-10-31", "units": "then"},
                         headers={"Authorization": "Bearer " + leader})
        assert r.status_code == 400 and r.json()["error"]["field"] == "units"
        # the officers' page offers the same choice
        from conftest import login
        from htmlcheck import assert_page
        page = assert_page(login(srv, "leader").get(srv.url + "/can-bo", params={
            "from": "2023-10-01", "to": "2023-10-31", "unit": NEW, "units": "current"}))
        assert "Hồ sơ quy về đơn vị hiện nay." in page
        assert "cv-contien" in page and "cv-cuaviet" in page
    finally:
        srv.stop()
