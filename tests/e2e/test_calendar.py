"""The legal calendar through the CLI and the API: the shipped official schedules, the due
instant of a limit (docs/DOMAIN.md §3.2 vectors), a province's own schedule and a unit's hours."""
import json

import requests

from conftest import assert_error, login
from motcua import COMMUNE, OTHER_COMMUNE, run

# Working days per year for a Monday-Friday civil servant, computed independently from the
# notices (data/holidays/README.md).
WORKING_DAYS = {2020: 252, 2021: 250, 2022: 249, 2023: 249, 2024: 251, 2025: 250, 2026: 249}


def test_official_years_and_lunar_dates():
    for year, n in WORKING_DAYS.items():
        doc = json.loads(run("calendar", str(year), "--json", check=0).stdout)
        assert doc["year"] == year and doc["working_days"] == n, year
        for d in doc["days_off"] + doc["extra_working_days"]:
            assert d["source"] and d["name"] and d["kind"]
    doc = json.loads(run("calendar", "2030", "--json", check=0).stdout)
    assert doc["lunar_new_year"] == "2030-02-02"  # not 2030-02-03 as in China (UTC+8)
    doc = json.loads(run("calendar", "2026", "--json", check=0).stdout)
    assert doc["lunar_new_year"] == "2026-02-17" and doc["hung_kings_day"] == "2026-04-26"
    assert {"date": "2026-04-27", "kind": "compensatory"}.items() <= \
        next(d for d in doc["days_off"] if d["date"] == "2026-04-27").items()
    assert [d["date"] for d in doc["extra_working_days"]] == ["2026-01-10", "2026-08-22"]
    text = run("calendar", "2026", check=0).stdout
    assert "Số ngày làm việc: 249" in text and "17/02/2026" in text
    # a year without a notice gets the statutory proposal
    doc = json.loads(run("calendar", "2031", "--json", check=0).stdout)
    assert all("đề xuất" in d["source"] for d in doc["days_off"])
    assert run("calendar", "1899").returncode == 2
    assert run("calendar", "20x6").returncode == 2


def due(*args):
    return run("calendar", "due", *args, check=0).stdout.strip()


def test_due_vectors():
    assert due("--from", "2023-10-02T09:00:00+07:00", "--limit", "3d") == "2023-10-05T09:00:00+07:00"
    assert due("--from", "2023-10-06T16:30:00+07:00", "--limit", "1d") == "2023-10-09T16:30:00+07:00"
    assert due("--from", "2023-10-06T17:30:00+07:00", "--limit", "1d") == "2023-10-09T17:00:00+07:00"
    assert due("--from", "2023-04-27T10:00:00+07:00", "--limit", "5d") == "2023-05-09T10:00:00+07:00"
    assert due("--from", "2024-02-07T14:00:00+07:00", "--limit", "2d") == "2024-02-16T14:00:00+07:00"
    assert due("--from", "2023-10-02T12:00:00+07:00", "--limit", "4h") == "2023-10-03T07:30:00+07:00"
    assert due("--from", "2023-10-02T02:00:00Z", "--limit", "3d") == "2023-10-05T09:00:00+07:00"
    for bad in (["--from", "2023-10-02T09:00:00", "--limit", "3d"],  # no offset
                ["--from", "2023-10-02T09:00:00+07:00", "--limit", "3x"],
                ["--from", "2023-13-02T09:00:00+07:00", "--limit", "3d"]):
        assert run("calendar", "due", *bad).returncode == 2


def test_api_matches_cli(server):
    r = requests.get(server.url + "/api/v1/calendar/2026")
    assert r.status_code == 200
    assert r.json() == json.loads(run("calendar", "2026", "--json", check=0).stdout)
    assert_error(requests.get(server.url + "/api/v1/calendar/abc"), 400, "year")
    assert_error(requests.get(server.url + "/api/v1/calendar/2026", params={"unit": "999.99.99.Z99"}), 404)


def test_province_loads_its_schedule(server, demo_db, tmp_path):
    tsv = ("date\tkind\tname\tsource\n"
           "2027-02-05\tholiday\tTết Nguyên đán\tThông báo thử nghiệm\n"
           "2027-02-08\tholiday\tTết Nguyên đán\tThông báo thử nghiệm\n"
           "2027-02-09\tholiday\tTết Nguyên đán\tThông báo thử nghiệm\n")
    admin = login(server, "admin")
    r = admin.put(server.url + "/api/v1/calendar/2027", json={"tsv": tsv})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert [d["date"] for d in doc["days_off"]] == ["2027-02-05", "2027-02-08", "2027-02-09"]
    assert requests.get(server.url + "/api/v1/calendar/2027").json() == doc
    # the CLI reading the same store agrees
    assert json.loads(run("calendar", "2027", "--json", "--db", demo_db, check=0).stdout) == doc
    bad = tsv + "2027-02-30\tholiday\tX\tY\n"
    err = assert_error(admin.put(server.url + "/api/v1/calendar/2027", json={"tsv": bad}), 400)
    assert "5" in err["message_en"]  # the line number
    assert requests.get(server.url + "/api/v1/calendar/2027").json() == doc  # unchanged
    # a commune admin and a leader may not
    run("user", "add", "qtgiolinh", "--role", "admin", "--unit", COMMUNE, "--password-stdin",
        "--db", demo_db, input="qtgiolinh-pass\n", check=0)
    assert_error(login(server, "qtgiolinh", "qtgiolinh-pass").put(
        server.url + "/api/v1/calendar/2027", json={"tsv": tsv}), 403)
    assert_error(login(server, "leader").put(server.url + "/api/v1/calendar/2027", json={"tsv": tsv}), 403)
    # the CLI loads a file the same way, all or nothing
    f = tmp_path / "2028.tsv"
    f.write_text("date\tkind\tname\tsource\n2028-01-03\tcompensatory\tNghỉ bù\tThông báo X\n")
    run("calendar", "load", "2028", str(f), "--db", demo_db, check=0)
    assert [d["date"] for d in requests.get(server.url + "/api/v1/calendar/2028").json()["days_off"]] == ["2028-01-03"]
    f.write_text("date\tkind\tname\tsource\n2028-01-03\tfeast\tX\tY\n")
    p = run("calendar", "load", "2028", str(f), "--db", demo_db)
    assert p.returncode == 2 and "line 2" in p.stderr


def test_unit_windows(server, demo_db):
    admin = login(server, "admin")
    weekdays = "07:00-11:30,13:30-17:00"
    body = {"windows": {d: weekdays for d in ("mon", "tue", "wed", "thu", "fri")} | {"sat": "07:00-11:30"}}
    r = admin.put(server.url + f"/api/v1/units/{OTHER_COMMUNE}/windows", json=body)
    assert r.status_code == 200, r.text
    # Friday 16:30 + 1 working day (8 working hours): the commune open on Saturday morning
    # counts Fri 0.5 h + Sat 4.5 h + Mon 3 h; the other commune Fri 0.5 h + Mon 7.5 h
    friday = ["--from", "2023-10-06T16:30:00+07:00", "--limit", "1d", "--db", demo_db]
    assert due(*friday, "--unit", OTHER_COMMUNE) == "2023-10-09T10:00:00+07:00"
    assert due("--from", "2023-10-07T08:00:00+07:00", "--limit", "2h", "--db", demo_db,
               "--unit", OTHER_COMMUNE) == "2023-10-07T10:00:00+07:00"
    assert due(*friday, "--unit", COMMUNE) == "2023-10-09T16:30:00+07:00"
    sat = requests.get(server.url + "/api/v1/calendar/2023", params={"unit": OTHER_COMMUNE}).json()
    plain = requests.get(server.url + "/api/v1/calendar/2023", params={"unit": COMMUNE}).json()
    assert sat["working_days"] > plain["working_days"] == 249
    for bad in ({"windows": {"mon": "17:00-07:00"}}, {"windows": {"funday": weekdays}},
                {"windows": {}}, {"windows": "mon"}):
        assert_error(admin.put(server.url + f"/api/v1/units/{OTHER_COMMUNE}/windows", json=bad), 400)
    assert_error(login(server, "clerk").put(server.url + f"/api/v1/units/{COMMUNE}/windows", json=body), 403)
    # a unit outside the admin's tree (here: none at all) is refused without saying which
    assert_error(admin.put(server.url + "/api/v1/units/999.99.99.Z99/windows", json=body), 403)
