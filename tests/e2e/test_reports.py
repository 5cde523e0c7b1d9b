"""The official report against an independent recount: a generated history of dossiers is
played through the API on a controlled clock; the test keeps its own record of every
dossier and computes Biểu 06 and the indicators from the counting rules of docs/INTERFACES.md in
Python. Every format (JSON from the API and the CLI, CSV) must show the same numbers."""
import csv
import datetime
import hashlib
import hmac
import io
import json
import os
import random
import sqlite3

import pytest
import requests

from clock import VN, Clock
from conftest import assert_error, login, sqlite_file_only
from motcua import OTHER_COMMUNE, PROVINCE, Server, run

DISTRICT = "000.00.21.H50"
PROCEDURES = {"1.004873": ("HT", 0), "1.010803": ("NCC", 0), "1.001612": ("HKD", 100000),
              "1.013227": ("XD", 15000)}
PAY_SECRET = "bi-mat-cong-thanh-toan-bao-cao"


def ts(iso):
    return datetime.datetime.fromisoformat(iso)


def working_instants(rng, start, days):
    """Random instants on weekdays between 07:30 and 16:30 local time."""
    d = start + datetime.timedelta(days=rng.randrange(days))
    while d.weekday() >= 5:
        d += datetime.timedelta(days=1)
    return d.replace(hour=rng.randrange(7, 16), minute=rng.choice((30, 45)) if True else 0)


@pytest.fixture(scope="module")
def history(demo_db, tmp_path_factory):
    """Plays ~150 dossiers from September to December 2023 and returns the server, the
    records and the tokens."""
    rng = random.Random(20231002)
    clock = Clock(tmp_path_factory.mktemp("clock") / "now", "2023-09-01 08:00:00")
    os.environ["MOTCUA_TEST_PAY_SECRET"] = PAY_SECRET
    srv = Server(demo_db, clock=clock,
                 extra=("--test-gateway", "--payment-secret-env", "MOTCUA_TEST_PAY_SECRET"))
    tokens = {}
    for name, role in (("rpt-clerk", "clerk"), ("rpt-spec", "specialist")):
        tokens[role] = run("token", "add", name, "--role", role, "--unit", DISTRICT, "--db", demo_db,
                           check=0).stdout.strip()
    comps = {p: [{"name": c["name"], "digitized": False}
                 for c in requests.get(srv.url + "/api/v1/catalogue/procedures/" + p).json()["components"]
                 if c["required"]] for p in PROCEDURES}
    plan = []  # (local time, dossier index, step)
    records = []
    for i in range(150):
        rec = {"procedure": rng.choice(list(PROCEDURES)), "channel": rng.choice(["online", "direct", "postal"]),
               "digitized": rng.random() < 0.4, "fate": rng.choice(["resolve"] * 5 + ["stop", "open"]),
               "result_digitized": rng.random() < 0.5, "pay_online": rng.random() < 0.5,
               "rating": rng.choice([None, "very_satisfied", "satisfied", "dissatisfied"])}
        if rec["procedure"] in ("1.004873", "1.010803") and rec["channel"] == "online":
            pass
        received = working_instants(rng, datetime.datetime(2023, 9, 4, tzinfo=VN), 100)
        rec["at_receive"] = received
        plan.append((received, i, "receive"))
        if rec["fate"] != "open":
            end = working_instants(rng, received + datetime.timedelta(days=1), 20)
            rec["at_end"] = end
            plan.append((end, i, rec["fate"]))
            if rec["fate"] == "resolve" and rec["rating"]:
                plan.append((end + datetime.timedelta(hours=1), i, "rate"))
        if PROCEDURES[rec["procedure"]][1] and rec["pay_online"]:
            plan.append((received + datetime.timedelta(minutes=5), i, "pay"))
        records.append(rec)
    plan.sort(key=lambda x: (x[0], x[1]))

    def post(role, path, body):
        r = requests.post(srv.url + path, json=body, headers={"Authorization": "Bearer " + tokens[role]})
        assert r.status_code in (200, 201), r.text
        return r.json()

    def upload(role, code, **fields):
        """A paper is digitized, a result electronic, when its file is uploaded."""
        r = requests.post(srv.url + f"/api/v1/dossiers/{code}/documents", data=fields,
                          files={"file": ("scan.pdf", b"%PDF-1.4\n" + code.encode(), "application/pdf")},
                          headers={"Authorization": "Bearer " + tokens[role]})
        assert r.status_code == 201, r.text

    for when, i, step in plan:
        rec = records[i]
        clock.set(when.strftime("%Y-%m-%d %H:%M:%S"))
        if step == "receive":
            comp = comps[rec["procedure"]]
            d = post("clerk", "/api/v1/dossiers", {"procedure": rec["procedure"], "unit": DISTRICT,
                                                    "channel": rec["channel"], "components": comp,
                                                    "applicant": {"name": f"Người nộp {i}", "phone": "0912000%03d" % i}})
            rec.update(code=d["code"], key=d["lookup_key"], received_at=ts(d["received_at"]),
                       due_at=ts(d["due_at"]))
            if rec["digitized"]:
                upload("clerk", d["code"], kind="component", name=comp[0]["name"])
        elif step == "resolve":
            if rec["result_digitized"]:
                upload("specialist", rec["code"], kind="result")
            d = post("specialist", f"/api/v1/dossiers/{rec['code']}/events",
                     {"action": "resolve", "outcome": "approved"})
            rec["resolved_at"] = ts(d["resolved_at"])
        elif step == "stop":
            d = post("specialist", f"/api/v1/dossiers/{rec['code']}/events", {"action": "stop", "reason": "Rút hồ sơ"})
            rec["stopped_at"] = ts(d["stopped_at"])
        elif step == "pay":  # the citizen, through the gateway: the only way to pay online
            order = requests.post(srv.url + "/api/v1/payments",
                                  json={"code": rec["code"], "key": rec["key"]}).json()
            raw = json.dumps({"ref": order["ref"], "dossier": rec["code"], "amount": order["amount"],
                              "status": "paid"}).encode()
            sig = "sha256=" + hmac.new(PAY_SECRET.encode(), raw, hashlib.sha256).hexdigest()
            r = requests.post(srv.url + "/api/v1/payments/callback", data=raw,
                              headers={"X-Gateway-Signature": sig, "Content-Type": "application/json"})
            assert r.status_code == 200, r.text
            rec["paid_online_at"] = when
        elif step == "rate":  # the citizen, with the look-up key
            r = requests.post(srv.url + "/api/v1/ratings",
                              json={"code": rec["code"], "key": rec["key"], "level": rec["rating"]})
            assert r.status_code == 201, r.text
            rec["rated_at"] = when
    leader = login(srv, "leader")
    yield {"srv": srv, "records": records, "db": demo_db, "leader": leader}
    srv.stop()


def day_start(d):
    return datetime.datetime(d.year, d.month, d.day, tzinfo=VN)


def expected(records, start, end, by=None):
    """Biểu 06 from the records, by the counting rules of docs/INTERFACES.md. start/end: dates."""
    f, e = day_start(start), day_start(end) + datetime.timedelta(days=1)

    def within(t):
        return t is not None and f <= t < e

    rows = {}
    for r in records:
        key = {"field": PROCEDURES[r["procedure"]][0], "procedure": r["procedure"], None: ""}[by]
        row = rows.setdefault(key, {k: 0 for k in ("carried", "online", "direct", "early", "on_time", "late",
                                                   "within", "overdue", "stopped", "full_online", "fee",
                                                   "paid", "comp_dig", "res_dig", "rated", "good")})
        rec, res, stop = r["received_at"], r.get("resolved_at"), r.get("stopped_at")
        finished_before = (res and res < f) or (stop and stop < f)
        carried = rec < f and not finished_before
        if carried:
            row["carried"] += 1
        if within(rec):
            row["online" if r["channel"] == "online" else "direct"] += 1
            if r["channel"] == "online" and r["procedure"] in ("1.004873", "1.001612"):
                row["full_online"] += 1  # the procedures offered fully online
            if PROCEDURES[r["procedure"]][1]:
                row["fee"] += 1
                if r.get("paid_online_at") and r["paid_online_at"] < e:
                    row["paid"] += 1
        if (carried or within(rec)) and r["digitized"]:
            row["comp_dig"] += 1
        if within(res):
            due = r["due_at"]
            cls = "late" if res > due else ("early" if res.astimezone(VN).date() < due.astimezone(VN).date() else "on_time")
            row[cls] += 1
            if r["result_digitized"]:
                row["res_dig"] += 1
        if within(stop):
            row["stopped"] += 1
        alive_end = rec < e and not (res and res < e) and not (stop and stop < e)
        if alive_end:
            row["overdue" if r["due_at"] < e else "within"] += 1
        if within(r.get("rated_at")):
            row["rated"] += 1
            row["good"] += r["rating"] != "dissatisfied"
    return {k: v for k, v in rows.items() if any(v[x] for x in ("carried", "online", "direct")) or by is None}


def pct(n, d):
    return 0 if d == 0 else int((n * 20000 + d) // (2 * d)) / 100


def check_row(got, want):
    assert got["received"] == {"total": want["carried"] + want["online"] + want["direct"],
                               "carried_over": want["carried"], "online": want["online"],
                               "direct_postal": want["direct"]}
    assert got["resolved"] == {"total": want["early"] + want["on_time"] + want["late"], "early": want["early"],
                               "on_time": want["on_time"], "late": want["late"]}
    assert got["in_progress"] == {"total": want["within"] + want["overdue"],
                                  "within_deadline": want["within"], "overdue": want["overdue"]}
    assert got["stopped"] == want["stopped"]
    assert got["received"]["total"] == got["resolved"]["total"] + got["in_progress"]["total"] + got["stopped"]


PERIODS = [({"from": "2023-10-01", "to": "2023-10-31"}, datetime.date(2023, 10, 1), datetime.date(2023, 10, 31)),
           ({"period": "2023-Q4"}, datetime.date(2023, 10, 1), datetime.date(2023, 12, 31)),
           ({"period": "2023-11", "cutoff": "nd09"}, datetime.date(2023, 10, 15), datetime.date(2023, 11, 14)),
           ({"from": "2023-09-01", "to": "2023-09-30"}, datetime.date(2023, 9, 1), datetime.date(2023, 9, 30))]


@pytest.mark.parametrize("params,start,end", PERIODS)
def test_official_report_matches_an_independent_recount(history, params, start, end):
    srv = history["srv"]
    r = history["leader"].get(srv.url + "/api/v1/reports/official", params={**params, "unit": DISTRICT})
    assert r.status_code == 200, r.text
    rep = r.json()
    assert (rep["from"], rep["to"], rep["unit"]) == (start.isoformat(), end.isoformat(), DISTRICT)
    want = expected(history["records"], start, end)[""]
    check_row(rep["total"], want)
    ind = rep["indicators"]
    received = want["carried"] + want["online"] + want["direct"]
    resolved = want["early"] + want["on_time"] + want["late"]
    assert ind["online_rate"] == {"value": pct(want["online"], received), "numerator": want["online"],
                                  "denominator": received, "points": ind["online_rate"]["points"], "max": 6}
    assert ind["online_rate"]["points"] == min(6.0, round(6 * want["online"] / received / 0.5 + 1e-9, 2))
    assert (ind["resolved_on_time_rate"]["numerator"], ind["resolved_on_time_rate"]["denominator"]) == \
        (want["early"] + want["on_time"], resolved)
    assert (ind["progress_766"]["numerator"], ind["progress_766"]["denominator"]) == \
        (want["early"] + want["on_time"] + want["within"], received)
    assert (ind["full_online_rate"]["numerator"], ind["full_online_rate"]["denominator"]) == \
        (want["full_online"], want["online"])
    assert (ind["components_digitized_rate"]["numerator"], ind["components_digitized_rate"]["denominator"]) == \
        (want["comp_dig"], received)
    assert (ind["results_digitized_rate"]["numerator"], ind["results_digitized_rate"]["denominator"]) == \
        (want["res_dig"], resolved)
    assert (ind["online_payment_rate"]["numerator"], ind["online_payment_rate"]["denominator"]) == \
        (want["paid"], want["fee"])
    assert (ind["satisfaction_rate"]["numerator"], ind["satisfaction_rate"]["denominator"]) == \
        (want["good"], want["rated"])
    for key, x in ind.items():
        assert x["value"] == pct(x["numerator"], x["denominator"]), key


@pytest.mark.parametrize("by", ["field", "procedure"])
def test_rows_by_group(history, by):
    srv = history["srv"]
    rep = history["leader"].get(srv.url + "/api/v1/reports/official",
                                params={"period": "2023-Q4", "unit": DISTRICT, "by": by}).json()
    want = expected(history["records"], datetime.date(2023, 10, 1), datetime.date(2023, 12, 31), by)
    assert sorted(row["key"] for row in rep["rows"]) == sorted(want)
    for row in rep["rows"]:
        check_row(row, want[row["key"]])
        assert row["name"]
    assert rep["by"] == by


def test_formats_agree(history):
    srv, leader = history["srv"], history["leader"]
    params = {"from": "2023-10-01", "to": "2023-12-31", "unit": DISTRICT, "by": "field"}
    api = leader.get(srv.url + "/api/v1/reports/official", params=params).json()
    cli = json.loads(run("report", "--db", history["db"], "--from", "2023-10-01", "--to", "2023-12-31",
                         "--unit", DISTRICT, "--by", "field", "--format", "json", check=0).stdout)
    assert cli == api
    r = leader.get(srv.url + "/api/v1/reports/official", params={**params, "format": "csv"})
    assert r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert len(rows[0]) == 15 and rows[-1][2] == "Tổng cộng"
    t = api["total"]
    assert [int(x) for x in rows[-1][3:]] == [
        t["received"]["total"], t["received"]["online"], t["received"]["direct_postal"],
        t["received"]["carried_over"], t["resolved"]["total"], t["resolved"]["early"],
        t["resolved"]["on_time"], t["resolved"]["late"], t["in_progress"]["total"],
        t["in_progress"]["within_deadline"], t["in_progress"]["overdue"], t["stopped"]]
    text = run("report", "--db", history["db"], "--from", "2023-10-01", "--to", "2023-12-31",
               "--unit", DISTRICT, check=0).stdout
    assert "Tổng cộng" in text and "Tỷ lệ hồ sơ nộp trực tuyến" in text
    ind = leader.get(srv.url + "/api/v1/reports/indicators", params=params).json()
    assert ind["indicators"] == api["indicators"] and ind["unit"] == DISTRICT


def test_scope_and_validation(history, demo_db):
    srv = history["srv"]
    province = history["leader"].get(srv.url + "/api/v1/reports/official",
                                      params={"period": "2023-Q4", "unit": PROVINCE}).json()
    district = history["leader"].get(srv.url + "/api/v1/reports/official",
                                      params={"period": "2023-Q4", "unit": DISTRICT}).json()
    assert province["total"] == district["total"]  # every dossier here was received by the district
    clerk = login(srv, "clerk")  # a commune clerk
    assert_error(clerk.get(srv.url + "/api/v1/reports/official", params={"period": "2023", "unit": PROVINCE}), 403)
    assert clerk.get(srv.url + "/api/v1/reports/official", params={"period": "2023"}).json()["total"]["received"]["total"] == 0
    assert_error(requests.get(srv.url + "/api/v1/reports/official", params={"period": "2023"}), 401)
    leader = history["leader"]
    for bad, field in (({"period": "2023-Q5"}, "period"), ({"from": "2023-10-01"}, "to"),
                       ({"from": "2023-10-31", "to": "2023-10-01"}, "to"), ({"period": "2023", "by": "x"}, "by"),
                       ({"period": "2023", "cutoff": "x"}, "cutoff"), ({"period": "2023", "format": "pdf"}, "format"),
                       ({"period": "2023", "from": "2023-01-01"}, "period")):
        assert_error(leader.get(srv.url + "/api/v1/reports/official", params=bad), 400, field)
    assert run("report", "--db", demo_db, "--period", "2023-13").returncode == 2
    assert run("report", "--db", demo_db, "--period", "2023", "--format", "pdf").returncode == 2


def test_verify_recounts_the_counters(history):
    run("verify", "--db", history["db"], check=0)


@sqlite_file_only("damages the counters of a copy made by backup of the file")
def test_recount_rebuilds_damaged_counters(history, tmp_path):
    """`motcua recount` (after an upgrade that changes counting rules, or counters found wrong
    by verify) rebuilds every counter from the events: on a copy whose counters are damaged,
    verify fails, recount corrects them, verify passes and the report is again the one the
    independent recount above checked."""
    copy = str(tmp_path / "copy.db")
    run("backup", "--db", history["db"], copy, check=0)

    def report():
        return json.loads(run("report", "--db", copy, "--period", "2023-Q4", "--unit", DISTRICT,
                              "--by", "field", "--format", "json", check=0).stdout)
    good = report()
    assert "; 0 counter groups corrected" in run("recount", "--db", copy, check=0).stdout
    assert report() == good
    con = sqlite3.connect(copy)
    with con:
        con.execute("UPDATE stat_day SET recv_other = recv_other + 7, res_late = res_late + 1")
        con.execute("DELETE FROM stat_month")
        con.execute("DELETE FROM stat_pay")
        con.execute("DELETE FROM stat_officer")
        con.execute("UPDATE stat_state SET n = n + 3")
    con.close()
    assert report() != good
    assert run("verify", "--db", copy).returncode == 1
    out = run("recount", "--db", copy, check=0).stdout
    assert "recounted" in out and "; 0 counter groups" not in out, out
    run("verify", "--db", copy, check=0)
    assert report() == good
    assert run("recount", "--db", copy, "extra").returncode == 2


def test_xlsx_read_back_by_a_spreadsheet_program(history, tmp_path):
    from xlsx_readback import find_row, form_total, xlsx_sheets_to_csv
    srv, leader = history["srv"], history["leader"]
    params = {"from": "2023-10-01", "to": "2023-12-31", "unit": DISTRICT, "by": "field"}
    api = leader.get(srv.url + "/api/v1/reports/official", params=params).json()
    r = leader.get(srv.url + "/api/v1/reports/official", params={**params, "format": "xlsx"})
    assert r.status_code == 200 and r.content[:2] == b"PK"
    path = tmp_path / "bieu06.xlsx"
    path.write_bytes(r.content)
    sheets = xlsx_sheets_to_csv(str(path))
    t = api["total"]
    # Biểu 06 folds stopped dossiers into "Đúng hạn" and the resolved total
    assert form_total(sheets["Biểu 06"]) == [
        t["received"]["total"], t["received"]["online"], t["received"]["direct_postal"],
        t["received"]["carried_over"], t["resolved"]["total"] + t["stopped"], t["resolved"]["early"],
        t["resolved"]["on_time"] + t["stopped"], t["resolved"]["late"], t["in_progress"]["total"],
        t["in_progress"]["within_deadline"], t["in_progress"]["overdue"]]
    for row in api["rows"]:
        assert find_row(sheets["Biểu 06"], row["name"]) is not None
    online = find_row(sheets["Chỉ số"], "Tỷ lệ hồ sơ nộp trực tuyến")
    assert float(online[2]) == api["indicators"]["online_rate"]["value"]
    # the CLI writes the same workbook
    out = tmp_path / "cli.xlsx"
    run("report", "--db", history["db"], "--from", "2023-10-01", "--to", "2023-12-31", "--unit", DISTRICT,
        "--by", "field", "--format", "xlsx", "-o", str(out), check=0)
    assert form_total(xlsx_sheets_to_csv(str(out))["Biểu 06"]) == form_total(sheets["Biểu 06"])
    html = run("report", "--db", history["db"], "--period", "2023-Q4", "--unit", DISTRICT, "--by", "field",
               "--format", "html", check=0).stdout
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "Tổng cộng" in html
