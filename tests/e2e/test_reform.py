"""The 2025 reform replayed: the demo's catalogue (data/demo/catalogue.jsonl) without its
operations, three years of dossiers (2021-2023) received by huyện Gio Linh and its fourteen
communes as they were, then the demo's operations of 1 July 2025 (four merges into today's
communes and the district split among them by the applicant's commune). The official report
of each year is recounted here from the dossiers, independently (test_reports.expected, the
counting rules of docs/INTERFACES.md): by the units as they were (the default for a past
period), and under today's units by the test's own table of NQ 1680/NQ-UBTVQH15 (the
district's closed history under xã Gio Linh, its seat); both add up to the same totals. The
dossiers still open (a result not yet returned included) were handed over to the commune of
their applicant."""
import datetime
import json
import os
import random

import pytest

from clock import VN
from motcua import ROOT, run
from test_reports import check_row, expected

DISTRICT = "000.00.21.H50"
GIO_LINH, CON_TIEN, CUA_VIET, BEN_HAI = ("000.01.52.H50", "000.01.50.H50", "000.01.51.H50",
                                         "000.01.53.H50")
# the communes of 2023 (name, today's commune): NQ 1680/NQ-UBTVQH15, data/demo/README.md
OLD = {"000.21.01.H50": ("thị trấn Gio Linh", GIO_LINH), "000.21.02.H50": ("xã Gio Quang", GIO_LINH),
       "000.21.03.H50": ("xã Gio Mỹ", GIO_LINH), "000.21.04.H50": ("xã Phong Bình", GIO_LINH),
       "000.21.05.H50": ("thị trấn Cửa Việt", CUA_VIET), "000.21.06.H50": ("xã Gio Mai", CUA_VIET),
       "000.21.07.H50": ("xã Gio Hải", CUA_VIET), "000.21.08.H50": ("xã Hải Thái", CON_TIEN),
       "000.21.09.H50": ("xã Linh Trường", CON_TIEN), "000.21.10.H50": ("xã Gio An", CON_TIEN),
       "000.21.11.H50": ("xã Gio Sơn", CON_TIEN), "000.21.12.H50": ("xã Trung Hải", BEN_HAI),
       "000.21.13.H50": ("xã Trung Giang", BEN_HAI), "000.21.14.H50": ("xã Trung Sơn", BEN_HAI)}
TODAY_OF = {**{code: new for code, (_, new) in OLD.items()}, DISTRICT: GIO_LINH}
PROCEDURES = {"1.004873": 0, "1.010803": 0, "1.001612": 100000, "1.013227": 15000}


def instant(rng, year):
    d = datetime.datetime(year, 1, 4, tzinfo=VN) + datetime.timedelta(days=rng.randrange(360))
    while d.weekday() >= 5:
        d += datetime.timedelta(days=1)
    return d.replace(hour=rng.randrange(8, 16), minute=rng.choice((0, 15, 30)))


def iso(t):
    return t.isoformat()


@pytest.fixture(scope="module")
def replay(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reform")
    db = str(tmp / "motcua.db")
    run("init", "--db", db, check=0)
    with open(os.path.join(ROOT, "data", "demo", "catalogue.jsonl"), encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    catalogue = [l for l in lines if l["type"] != "operation"]
    operations = [l for l in lines if l["type"] == "operation"]
    assert len(operations) == 5

    rng = random.Random(20250701)
    records, dossiers, seq = [], [], {}
    for n in range(900):
        unit = rng.choice([DISTRICT] * 3 + list(OLD))
        year = rng.choice((2021, 2022, 2023))
        received = instant(rng, year)
        due = received + datetime.timedelta(days=rng.randrange(3, 15))
        fate = rng.choice(["resolve"] * 6 + ["stop", "open"])
        # the district's applicants live in one of its communes; a commune's, in itself
        home = rng.choice(list(OLD)) if unit == DISTRICT else unit
        procedure = rng.choice(list(PROCEDURES))
        rec = {"unit": unit, "home": home, "procedure": procedure,
               "channel": rng.choice(["online", "direct", "postal"]), "digitized": False,
               "result_digitized": False, "received_at": received, "due_at": due}
        day = received.strftime("%y%m%d")
        seq[(unit, day)] = seq.get((unit, day), 0) + 1
        rec["code"] = f"{unit}-{day}-{seq[(unit, day)]:04d}"
        events = [{"id": "e1", "at": iso(received), "action": "receive", "by": "cb.cu"}]
        if fate != "open":
            end = received + datetime.timedelta(days=rng.randrange(1, 20), hours=1)
            events.append({"id": "e2", "at": iso(end), "action": fate, "by": "cb.cu",
                           **({"outcome": "approved"} if fate == "resolve" else
                              {"reason": "Công dân rút hồ sơ"})})
            rec["resolved_at" if fate == "resolve" else "stopped_at"] = end
        records.append(rec)
        dossiers.append({"type": "dossier", "code": rec["code"], "procedure": procedure,
                         "unit": unit, "channel": rec["channel"], "fee": PROCEDURES[procedure],
                         "applicant": {"name": f"Công dân {n}", "phone": f"0913{n:06d}",
                                       "address": f"thôn {n % 7 + 1}, {OLD[home][0]}, "
                                                  "huyện Gio Linh, tỉnh Quảng Trị"},
                         "due_at": iso(due), "events": events})

    def load(name, objs):
        path = tmp / name
        path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs))
        return run("import", "--db", db, str(path), check=0).stdout

    load("catalogue.jsonl", catalogue)
    load("dossiers.jsonl", dossiers)
    before = {o["code"]: o for o in export(db) if o["type"] == "dossier"}
    out = load("reform.jsonl", operations)
    assert "5 thao tác" in out
    return {"db": db, "records": records, "before": before}


def export(db):
    return [json.loads(line) for line in run("export", "--db", db, check=0).stdout.splitlines()]


def report(db, year, *args):
    return json.loads(run("report", "--db", db, "--period", str(year), "--by", "unit",
                          "--format", "json", *args, check=0).stdout)


@pytest.mark.parametrize("year", [2021, 2022, 2023])
def test_each_year_by_the_units_as_they_were(replay, year):
    rep = report(replay["db"], year)
    assert rep["units"] == "historical"
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = {r["key"]: r for r in rep["rows"]}
    units = {r["unit"] for r in replay["records"]}
    assert set(rows) == units
    for unit in units:
        check_row(rows[unit], expected([r for r in replay["records"] if r["unit"] == unit],
                                       start, end)[""])
    check_row(rep["total"], expected(replay["records"], start, end)[""])


@pytest.mark.parametrize("year", [2021, 2022, 2023])
def test_the_same_dossiers_under_todays_units(replay, year):
    db, records = replay["db"], replay["records"]
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    hist, cur = report(db, year), report(db, year, "--units", "current")
    assert cur["units"] == "current"
    assert cur["total"] == hist["total"]
    rows = {r["key"]: r for r in cur["rows"]}
    assert set(rows) == {GIO_LINH, CON_TIEN, CUA_VIET, BEN_HAI}
    for new in rows:
        mine = [r for r in records if TODAY_OF[r["unit"]] == new]
        check_row(rows[new], expected(mine, start, end)[""])
        scoped = report(db, year, "--units", "current", "--unit", new)
        check_row(scoped["total"], expected(mine, start, end)[""])


def test_open_dossiers_went_to_their_applicants_commune(replay):
    db, records, before = replay["db"], replay["records"], replay["before"]
    after = {o["code"]: o for o in export(db) if o["type"] == "dossier"}
    # open: still being processed, or resolved with the result not yet returned; stopped
    # dossiers are finished
    open_ = [r for r in records if "stopped_at" not in r]
    assert any(r["unit"] == DISTRICT and "resolved_at" not in r for r in open_)
    for r in records:
        a, b = after[r["code"]], before[r["code"]]
        assert a["state"] == b["state"] and a.get("due_at") == b.get("due_at")
        if r in open_:
            # a commune's own dossier goes where the commune went; the district's, to the
            # commune the applicant's address names
            assert a["current_unit"] == OLD[r["home"]][1], r["code"]
            assert a["events"][-1]["action"] == "handover"
            assert a["events"][-1]["from"] == r["unit"]
        else:
            assert a["current_unit"] == r["unit"] and a["events"] == b["events"]
    run("verify", "--db", db, check=0)
