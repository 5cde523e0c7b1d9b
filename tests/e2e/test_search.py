"""Search that forgives (docs/INTERFACES.md §5.7, §9): a dossier code found whatever its case,
with a pasted space or no-break space, its number without leading zeros, or typed short as a
day's number ("261206-3") or today's ("-3") among the searcher's units; the catalogue found
with either i/y spelling of a syllable ("ký"/"kí", "Mỹ"/"Mĩ") and its words in any order, in
a new store and in one made before (the migration recomputes the stored keys)."""
import html
import re
import sqlite3

import pytest
import requests

from clock import Clock
from conftest import login, sqlite_file_only
from htmlcheck import assert_page
from motcua import COMMUNE, OTHER_COMMUNE, Server, run


def components(srv, procedure):
    p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + procedure).json()
    return [{"name": c["name"], "digitized": False} for c in p["components"] if c["required"]]


def bearer(db, name, unit):
    token = run("token", "add", name, "--role", "clerk", "--unit", unit, "--db", db,
                check=0).stdout.strip()
    s = requests.Session()
    s.headers["Authorization"] = "Bearer " + token
    return s


@pytest.fixture(scope="module")
def day(demo_db, tmp_path_factory):
    """Three dossiers of xã Gio Linh and three of xã Cồn Tiên received on 06/12/2026, on a clock
    stopped that day."""
    clock = Clock(tmp_path_factory.mktemp("clock") / "now", "2026-12-06 09:00:00")
    srv = Server(demo_db, clock=clock)
    clerks = {COMMUNE: bearer(demo_db, "tk-gio-linh", COMMUNE),
              OTHER_COMMUNE: bearer(demo_db, "tk-con-tien", OTHER_COMMUNE)}
    codes = {}
    for unit, clerk in clerks.items():
        for i in range(3):
            r = clerk.post(srv.url + "/api/v1/dossiers", json={
                "procedure": "1.004873", "unit": unit, "channel": "direct",
                "applicant": {"name": "Trần Thị Mỹ", "phone": "0912000%03d" % i},
                "components": components(srv, "1.004873")})
            assert r.status_code == 201, r.text
            codes[unit, i + 1] = r.json()["code"]
    assert codes[COMMUNE, 3] == COMMUNE + "-261206-0003"
    yield {"srv": srv, "clerks": clerks, "codes": codes, "db": demo_db}
    srv.stop()


def found(session, srv, q):
    r = session.get(srv.url + "/api/v1/dossiers", params={"q": q})
    assert r.status_code == 200, r.text
    return sorted(d["code"] for d in r.json()["dossiers"])


def test_a_code_is_found_as_it_is_typed_or_pasted(day):
    srv, clerk, code = day["srv"], day["clerks"][COMMUNE], day["codes"][COMMUNE, 3]
    for q in (code, " " + code + " ", code.lower(), code + "\n", "\u00a0" + code + "\u00a0",
              code.replace("-0003", "-3"), code.replace("-", " - "),
              code.replace("-261206-", "\u2013261206\u2013")):
        assert found(clerk, srv, q) == [code], repr(q)
    # a code that does not exist, or is not one, finds nothing
    assert found(clerk, srv, code.replace("-0003", "-0009")) == []
    assert found(clerk, srv, COMMUNE + "-261332-0001") == []


def test_a_day_and_number_means_that_dossier_of_the_searchers_units(day):
    srv, codes = day["srv"], day["codes"]
    gio_linh, con_tien = day["clerks"][COMMUNE], day["clerks"][OTHER_COMMUNE]
    for q in ("261206-3", " 261206-0003 ", "261206 - 3"):
        assert found(gio_linh, srv, q) == [codes[COMMUNE, 3]], q
        assert found(con_tien, srv, q) == [codes[OTHER_COMMUNE, 3]], q
    # today (06/12/2026 on the clock): the number alone, after a dash
    for q in ("-3", "-0003", " -3"):
        assert found(gio_linh, srv, q) == [codes[COMMUNE, 3]], q
    assert found(gio_linh, srv, "-4") == []
    # a leader of the province sees the number 2 of that day in every commune
    leader = login(srv, "leader")
    assert found(leader, srv, "261206-2") == sorted([codes[COMMUNE, 2], codes[OTHER_COMMUNE, 2]])
    # another day, or a day that does not exist
    assert found(gio_linh, srv, "261205-3") == [] and found(gio_linh, srv, "261306-3") == []


def test_the_search_page_takes_the_short_forms(day):
    srv, codes = day["srv"], day["codes"]
    clerk = login(srv, "clerk")  # the demo clerk of xã Gio Linh
    page = assert_page(clerk.get(srv.url + "/ho-so", params={"q": " 261206-2 "}))
    assert re.findall(r'href="/ho-so/([^"]+)"', page) == [codes[COMMUNE, 2]]
    page = assert_page(clerk.get(srv.url + "/ho-so", params={"q": "-1"}))
    assert re.findall(r'href="/ho-so/([^"]+)"', page) == [codes[COMMUNE, 1]]
    assert "261206-3" in html.unescape(page)  # the hint says how


def procedures(q, srv):
    r = requests.get(srv.url + "/api/v1/catalogue/procedures", params={"q": q, "limit": 500})
    assert r.status_code == 200, r.text
    return [p["code"] for p in r.json()["procedures"]]


NEW = [  # procedures whose names hold the i/y spellings
    ('{"type":"procedure","code":"9.000001","name":"Cấp giấy chứng nhận kỹ thuật viên Mỹ thuật",'
     '"field":"HT","level":"commune","processing":{"days":3},"online":"none"}'),
    ('{"type":"procedure","code":"9.000002","name":"Xác nhận lý lịch tư pháp theo quy định",'
     '"field":"HT","level":"commune","processing":{"days":3},"online":"none"}'),
]


@pytest.fixture(scope="module")
def catalogue(day, tmp_path_factory):
    f = tmp_path_factory.mktemp("catalogue") / "new.jsonl"
    f.write_text("\n".join(NEW) + "\n")
    run("import", "--db", day["db"], str(f), check=0)
    return day["srv"]


def test_the_catalogue_takes_either_i_or_y_and_any_word_order(catalogue):
    srv = catalogue
    marriage = procedures("đăng ký kết hôn", srv)
    assert "1.000894" in marriage
    for q in ("đăng kí kết hôn", "dang ki ket hon", "kết hôn đăng ký", "KET HON DANG KI", "hôn kết kí"):
        assert procedures(q, srv) == marriage, q
    for q in ("kĩ thuật Mĩ", "ky thuat my", "mi thuat ki thuat", "Mỹ thuật"):
        assert procedures(q, srv) == ["9.000001"], q
    for q in ("lí lịch", "qui định lý lịch", "ly lich tu phap"):
        assert procedures(q, srv) == ["9.000002"], q
    # a y after a vowel is another syllable: "tay" (hand) is not "tài" (tài sản, assets)
    assert "2.001035" in procedures("tai san", srv)
    assert "2.001035" not in procedures("tay san", srv)
    # the public page searches the same way
    page = assert_page(requests.get(srv.url + "/thu-tuc", params={"q": "ket hon dang ki"}))
    listed = re.findall(r'href="/thu-tuc/([0-9.]+)"', page)
    assert listed == marriage


@sqlite_file_only("SQLite's migration 0015 on a file an older motcua left")
def test_a_store_made_before_gets_the_new_keys(catalogue, tmp_path):
    # a copy of the store as an older motcua left it: keys without the i/y rule, the
    # migration not applied yet
    copy = str(tmp_path / "old.db")
    run("backup", "--db", catalogue.db, copy, check=0)
    with sqlite3.connect(copy) as db:
        db.execute("UPDATE procedure SET name_folded = replace(name_folded, 'dang ki', 'dang ky')")
        db.execute("DELETE FROM schema_version WHERE name = '0015_search_key.sql'")
        assert db.execute("SELECT count(*) FROM procedure WHERE name_folded LIKE '%dang ky%'").fetchone()[0] > 0
    run("init", "--db", copy, check=0)
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT count(*) FROM procedure WHERE name_folded LIKE '%dang ky%'").fetchone()[0] == 0
        assert db.execute("SELECT name_folded FROM procedure WHERE code = '1.000894'").fetchone()[0] == \
            "thu tuc dang ki ket hon"

