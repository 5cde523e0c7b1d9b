"""A report of a period that has not ended judges its open dossiers as of the moment of the
report (docs/INTERFACES.md §7.2): on a clock stopped at 16:00 on Tuesday 15 December 2026, a
dossier due at 15:00 that day is overdue, one due at 16:30 that day or later in the month is
within its deadline. The report API, the CLI, the report page, its printable page, CSV (plain
and for Excel), xlsx and the dashboard all say the same for the same period."""
import csv
import datetime
import html
import io
import json
import re
import subprocess
import tempfile

import pytest
import requests

from clock import VN, Clock
from conftest import login
from htmlcheck import assert_page
from motcua import COMMUNE, Server, run

NOW = "2026-12-15 16:00:00"
# the dossiers of xã Gio Linh: (name, procedure, received at, due at as the clock computes it)
DOSSIERS = [
    ("A", "1.004873", "2026-12-01 08:00:00", "2026-12-04T08:00:00+07:00"),  # long overdue
    ("E", "1.004873", "2026-12-02 08:00:00", "2026-12-07T08:00:00+07:00"),  # resolved early
    ("F", "1.004873", "2026-12-03 08:00:00", "2026-12-08T08:00:00+07:00"),  # waits for papers
    ("D", "1.004873", "2026-12-14 09:00:00", "2026-12-17T09:00:00+07:00"),  # due later this month
    ("B", "1.001193", "2026-12-14 15:00:00", "2026-12-15T15:00:00+07:00"),  # due today at 15:00
    ("C", "1.001193", "2026-12-14 16:30:00", "2026-12-15T16:30:00+07:00"),  # due today at 16:30
]


def components(srv, procedure):
    p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + procedure).json()
    return [{"name": c["name"], "digitized": False} for c in p["components"] if c["required"]]


@pytest.fixture(scope="module")
def month(demo_db, tmp_path_factory):
    """The dossiers of DOSSIERS filed through the API on the clock; the server, the clock, the
    codes by name and a clerk's bearer session."""
    clock = Clock(tmp_path_factory.mktemp("clock") / "now", "2026-12-01 07:30:00")
    srv = Server(demo_db, clock=clock)
    token = run("token", "add", "bc-motcua", "--role", "clerk", "--unit", COMMUNE, "--db", demo_db,
                check=0).stdout.strip()
    clerk = requests.Session()
    clerk.headers["Authorization"] = "Bearer " + token
    codes = {}

    def act(name, **event):
        r = clerk.post(srv.url + f"/api/v1/dossiers/{codes[name]}/events", json=event)
        assert r.status_code == 200, r.text

    for name, procedure, received, due in DOSSIERS:
        clock.set(received)
        r = clerk.post(srv.url + "/api/v1/dossiers", json={
            "procedure": procedure, "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": "Người nộp " + name, "phone": "0912000111"},
            "components": components(srv, procedure)})
        assert r.status_code == 201, r.text
        assert r.json()["due_at"] == due, name
        codes[name] = r.json()["code"]
        if name == "E":
            act("E", action="resolve", outcome="approved")
        if name == "F":
            clock.set("2026-12-04 09:00:00")
            act("F", action="request_supplement", items=["Bản sao giấy khai sinh"])
    clock.set(NOW)
    yield {"srv": srv, "clock": clock, "codes": codes, "db": demo_db, "clerk": clerk}
    srv.stop()


def official(session, srv, **params):
    r = session.get(srv.url + "/api/v1/reports/official", params={"unit": COMMUNE, **params})
    assert r.status_code == 200, r.text
    return r.json()


def at(month, local):
    """Moves the server's clock; returns a leader's session logged in at that time."""
    month["clock"].set(local)
    return login(month["srv"], "leader")


def test_an_open_period_is_judged_as_of_now(month):
    leader = at(month, NOW)
    srv = month["srv"]
    rep = official(leader, srv, period="2026-12")
    t = rep["total"]
    assert t["received"] == {"total": 6, "carried_over": 0, "online": 0, "direct_postal": 6}
    assert t["resolved"] == {"total": 1, "early": 1, "on_time": 0, "late": 0}
    # A (due 04/12) and B (due 15:00 today) are overdue; C (16:30 today), D (17/12) and F
    # (waiting for papers) are within their deadline
    assert t["in_progress"] == {"total": 5, "within_deadline": 3, "overdue": 2}
    assert rep["indicators"]["progress_766"] == {"value": 66.67, "numerator": 4, "denominator": 6,
                                                 "points": 13.33, "max": 20}
    assert rep["as_of"].startswith("2026-12-15T16:0") and rep["as_of"].endswith("+07:00")
    # the month so far and today alone judge the same dossiers the same way
    for params in ({"from": "2026-12-01", "to": "2026-12-15"},
                   {"from": "2026-12-15", "to": "2026-12-15"}):
        assert official(leader, srv, **params)["total"]["in_progress"] == t["in_progress"]
    # the search for overdue dossiers agrees with the report: the paused F is not overdue
    r = month["clerk"].get(srv.url + "/api/v1/dossiers", params={"overdue": 1})
    assert {d["code"] for d in r.json()["dossiers"]} == {month["codes"]["A"], month["codes"]["B"]}


def test_a_dossier_due_later_today_is_overdue_once_its_time_has_passed(month):
    leader = at(month, "2026-12-15 16:31:00")
    t = official(leader, month["srv"], period="2026-12")["total"]
    assert t["in_progress"] == {"total": 5, "within_deadline": 2, "overdue": 3}
    leader = at(month, "2026-12-15 16:29:00")
    t = official(leader, month["srv"], period="2026-12")["total"]
    assert t["in_progress"] == {"total": 5, "within_deadline": 3, "overdue": 2}


def test_an_ended_period_is_judged_at_its_end(month):
    leader = at(month, "2027-01-05 09:00:00")
    rep = official(leader, month["srv"], period="2026-12")
    # every open dossier due by 31/12 is overdue at its end; F still waits for papers
    assert rep["total"]["in_progress"] == {"total": 5, "within_deadline": 1, "overdue": 4}
    assert rep["as_of"] == "2027-01-01T00:00:00+07:00"
    # the period that runs now carries them over and judges them now
    jan = official(leader, month["srv"], period="2027-01")["total"]
    assert jan["received"]["carried_over"] == 5
    assert jan["in_progress"] == {"total": 5, "within_deadline": 1, "overdue": 4}
    # and the first half of December, long ended, is judged at its end: only A was overdue
    first = official(leader, month["srv"], **{"from": "2026-12-01", "to": "2026-12-10"})["total"]
    assert first["in_progress"] == {"total": 2, "within_deadline": 1, "overdue": 1}


def numbers(cells):
    return [int(c.strip().replace(".", "")) for c in cells]


def form_values(t):
    """Columns 3-13 of Biểu 06 from a JSON total (stopped folded into resolved on time)."""
    return [t["received"]["total"], t["received"]["online"], t["received"]["direct_postal"],
            t["received"]["carried_over"], t["resolved"]["total"] + t["stopped"],
            t["resolved"]["early"], t["resolved"]["on_time"] + t["stopped"],
            t["resolved"]["late"], t["in_progress"]["total"], t["in_progress"]["within_deadline"],
            t["in_progress"]["overdue"]]


def csv_values(t):
    """The CSV columns after STT, Mã, Tên."""
    return [t["received"]["total"], t["received"]["online"], t["received"]["direct_postal"],
            t["received"]["carried_over"], t["resolved"]["total"], t["resolved"]["early"],
            t["resolved"]["on_time"], t["resolved"]["late"], t["in_progress"]["total"],
            t["in_progress"]["within_deadline"], t["in_progress"]["overdue"], t["stopped"]]


def soffice_csv_rows(path, separator):
    """The rows LibreOffice reads from a CSV file with the given separator and UTF-8, written
    back as plain CSV: what a user's spreadsheet shows."""
    with tempfile.TemporaryDirectory(prefix="csv_readback.") as tmp:
        p = subprocess.run(
            ["soffice", "-env:UserInstallation=file://" + tmp + "/profile", "--headless",
             "--norestore", "--infilter=CSV:%d,34,76,1" % ord(separator), "--convert-to",
             "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", tmp + "/out", str(path)],
            capture_output=True, text=True, timeout=120, env={"HOME": tmp, "PATH": "/usr/bin:/bin"})
        out = tmp + "/out/" + path.stem + ".csv"
        with open(out, newline="", encoding="utf-8") as f:
            return list(csv.reader(f))


def test_every_rendering_agrees_on_an_open_period(month, tmp_path):
    from xlsx_readback import form_total, xlsx_sheets_to_csv
    leader = at(month, NOW)
    srv = month["srv"]
    api = official(leader, srv, period="2026-12")
    t = api["total"]
    assert t["in_progress"]["overdue"] == 2
    # the CLI on the same clock
    cli = json.loads(run("report", "--db", month["db"], "--period", "2026-12", "--unit", COMMUNE,
                         "--format", "json", check=0, clock=month["clock"]).stdout)
    assert cli.pop("as_of").startswith("2026-12-15T16:0")
    assert cli == {k: v for k, v in api.items() if k != "as_of"}
    text = run("report", "--db", month["db"], "--period", "2026-12", "--unit", COMMUNE, check=0,
               clock=month["clock"]).stdout
    assert "kỳ chưa kết thúc: số liệu tính đến 16:0" in text
    # plain CSV
    r = leader.get(srv.url + "/api/v1/reports/official",
                   params={"period": "2026-12", "unit": COMMUNE, "format": "csv"})
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][0] == "STT" and [int(x) for x in rows[-1][3:]] == csv_values(t)
    # CSV for Excel: a byte order mark, semicolons, and the same numbers
    r = leader.get(srv.url + "/api/v1/reports/official",
                   params={"period": "2026-12", "unit": COMMUNE, "format": "csv-excel"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbfSTT;")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][5] == "Trực tiếp, dịch vụ bưu chính" and len(rows[0]) == 15
    assert rows[-1][2] == "Tổng cộng" and [int(x) for x in rows[-1][3:]] == csv_values(t)
    # ... which LibreOffice reads with Vietnamese intact and the mark not taken for text
    path = tmp_path / "bao-cao.csv"
    path.write_bytes(r.content)
    read = soffice_csv_rows(path, ";")
    assert read[0][0] == "STT" and read[0][5] == "Trực tiếp, dịch vụ bưu chính"
    assert [int(x) for x in read[-1][3:]] == csv_values(t)
    # xlsx, read back by LibreOffice
    r = leader.get(srv.url + "/api/v1/reports/official",
                   params={"period": "2026-12", "unit": COMMUNE, "format": "xlsx"})
    (tmp_path / "bieu06.xlsx").write_bytes(r.content)
    sheets = xlsx_sheets_to_csv(str(tmp_path / "bieu06.xlsx"))
    assert form_total(sheets["Biểu 06"]) == form_values(t)
    assert any("kỳ chưa kết thúc" in cell for row in sheets["Biểu 06"] for cell in row)
    # the report page (this month by default) and its printable page
    page = assert_page(leader.get(srv.url + "/bao-cao", params={"unit": COMMUNE}))
    total = re.search(r'<tr class="total" data-key="">(.*?)</tr>', page, re.S).group(1)
    assert numbers(re.findall(r'<td class="num">([^<]*)</td>', total)) == form_values(t)
    assert "kỳ chưa kết thúc: số liệu tính đến 16:0" in page
    links = [html.unescape(u) for u in re.findall(r'href="(/api/v1/reports/official\?[^"]*)"', page)]
    assert any("format=csv-excel" in u for u in links)
    excel = leader.get(srv.url + next(u for u in links if "format=csv-excel" in u))
    assert excel.content.startswith(b"\xef\xbb\xbf")
    printable = leader.get(srv.url + "/bao-cao/in", params={"period": "2026-12", "unit": COMMUNE}).text
    total = re.search(r'<tr style="font-weight:bold">(.*?)</tr>', printable, re.S).group(1)
    assert numbers(re.findall(r"<td>([0-9.]+)</td>", total)) == form_values(t)
    # the dashboard: this month so far, today's cards and the overdue list
    page = assert_page(leader.get(srv.url + "/tong-quan", params={"unit": COMMUNE}))
    month_rows = {k: v for k, v in re.findall(
        r'<tr data-key="([^"]+)"[^>]*><th scope="row">[^<]*</th><td class="num">([^<]*)</td>', page)}
    for key in ("in_progress.total", "in_progress.within_deadline", "in_progress.overdue",
                "received.total", "resolved.early"):
        group, field = key.split(".")
        assert int(month_rows[key].replace(".", "")) == t[group][field], key
    progress = re.search(r'<tr data-key="progress_766">.*?<td class="num">([^<]*)</td>', page, re.S)
    assert progress.group(1) == "66,67%"
    cards = dict(re.findall(r'<div class="card" data-key="([^"]+)"><div class="n">([^<]+)</div>', page))
    assert cards["today.overdue"] == "2" and cards["today.in_progress"] == "5"
    listed = set(re.findall(r'<tr class="overdue"><td><a href="/ho-so/([^"]+)"', page))
    assert listed == {month["codes"]["A"], month["codes"]["B"]}
