"""Interconnected groups of procedures (liên thông, issue 17): the catalogue's `chain` records.
The demo catalogue ships the birth and the death groups; a group goes round trip through
export and import; every kind of bad chain line is refused with its line number and nothing
changed; the public catalogue API serves the groups; the administrator lists, adds and edits
groups on /quan-tri/lien-thong as the importer checks them."""
import base64
import hashlib
import json

import requests

from motcua import run
from test_pages_admin import Browser, admin, assert_page, field_error, follow

BIRTH = {"type": "chain", "code": "2.000986",
         "name": "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho "
                 "trẻ em dưới 6 tuổi",
         "limit": {"days": 3}, "cutoff": "15:00",
         "steps": [{"procedure": "1.001193", "agency": "civil_status", "after": []},
                   {"procedure": "1.004194", "agency": "residence", "after": [0]},
                   {"procedure": "1.010818", "agency": "insurance", "after": [0]}]}


def exported(db):
    """The chain lines of an export, by code."""
    out = run("export", "--db", db, check=0).stdout
    return {o["code"]: o for o in map(json.loads, out.splitlines()) if o["type"] == "chain"}


def digest(db):
    return hashlib.sha256(run("export", "--db", db, check=0).stdout.encode()).hexdigest()


def test_demo_ships_both_groups(demo_db):
    chains = exported(demo_db)
    assert {k: v for k, v in chains["2.000986"].items() if k != "type"} == \
        {k: v for k, v in BIRTH.items() if k != "type"}
    death = chains["1.006714"]
    assert [s["agency"] for s in death["steps"]] == ["civil_status", "residence", "social"]
    assert [s["procedure"] for s in death["steps"]] == ["1.000656", "1.004206", "1.001731"]
    assert death["cutoff"] == "15:00"


def test_round_trip_and_reimport(tmp_path, demo_db):
    new = dict(BIRTH, code="9.000001", name="Nhóm thử", limit={"days": 7}, cutoff="11:30",
               steps=[{"procedure": "1.000656", "agency": "civil_status", "after": []},
                      {"procedure": "1.004206", "agency": "residence", "after": [0]},
                      {"procedure": "1.001731", "agency": "social", "after": [0, 1]}])
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps(new, ensure_ascii=False) + "\n")
    p = run("import", "--db", demo_db, str(f), check=0)
    assert "1 nhóm thủ tục liên thông" in p.stdout
    got = exported(demo_db)["9.000001"]
    assert got == new
    before = digest(demo_db)
    run("import", "--db", demo_db, str(f), check=0)  # the same line twice changes nothing
    assert digest(demo_db) == before
    # no cut-off: the line has none and exports none
    f.write_text(json.dumps({k: v for k, v in new.items() if k != "cutoff"}) + "\n")
    run("import", "--db", demo_db, str(f), check=0)
    assert "cutoff" not in exported(demo_db)["9.000001"]


BAD = [
    (dict(BIRTH, steps=[]), "steps"),
    (dict(BIRTH, steps=[{"procedure": "1.001193", "agency": "tax"}]), "agency"),
    (dict(BIRTH, steps=[{"procedure": "9.999999", "agency": "residence"}]), "9.999999"),
    (dict(BIRTH, steps=[{"procedure": "1.001193", "agency": "residence", "after": [0]}]), "after"),
    (dict(BIRTH, steps=[BIRTH["steps"][0], {"procedure": "1.004194", "agency": "residence",
                                            "after": [1]}]), "after"),
    (dict(BIRTH, steps=[BIRTH["steps"][0], {"procedure": "1.004194", "agency": "residence",
                                            "after": ["0"]}]), "after"),
    (dict(BIRTH, limit={"days": 0}), "limit"),
    (dict(BIRTH, limit={"hours": 3}), "limit"),
    (dict(BIRTH, cutoff="25:00"), "cutoff"),
    (dict(BIRTH, cutoff="3pm"), "cutoff"),
    (dict(BIRTH, code="khai sinh"), "code"),
    (dict(BIRTH, colour="red"), "colour"),
    ({k: v for k, v in BIRTH.items() if k != "name"}, "name"),
    (dict(BIRTH, steps=[dict(BIRTH["steps"][0])] * 17), "steps"),
]


def test_bad_chain_lines_are_refused_with_their_line(tmp_path, demo_db):
    before = digest(demo_db)
    ok = json.dumps(dict(BIRTH, code="9.000002"))
    for bad, needle in BAD:
        f = tmp_path / "bad.jsonl"
        f.write_text(ok + "\n" + json.dumps(bad, ensure_ascii=False) + "\n")
        p = run("import", "--db", demo_db, str(f))
        assert p.returncode == 2, (bad, p.stdout, p.stderr)
        assert "line 2" in p.stderr and needle in p.stderr, (needle, p.stderr)
        assert digest(demo_db) == before, bad


def test_public_catalogue_api(server):
    r = requests.get(server.url + "/api/v1/catalogue/chains")
    assert r.status_code == 200
    codes = [c["code"] for c in r.json()["chains"]]
    assert "2.000986" in codes and "1.006714" in codes
    one = requests.get(server.url + "/api/v1/catalogue/chains/2.000986").json()
    assert one["limit"] == {"days": 3} and len(one["steps"]) == 3
    assert requests.get(server.url + "/api/v1/catalogue/chains/9.123456").status_code == 404


def test_admin_lists_adds_and_edits_a_group(server):
    b = admin(server)
    page = b.get("/quan-tri/lien-thong")
    assert_page(page)
    assert ">2.000986</a>" in page.text and "Công an (quản lý cư trú)" in page.text
    form = {"code": "9.000010", "name": "Nhóm liên thông thử", "days": "4", "cutoff": "15:00",
            "steps": "1.000656; civil_status;\r\n1.004206; residence; 1\r\n\r\n"
                     "1.001731; social; 1, 2\r\n"}
    page = follow(b, b.post("/quan-tri/lien-thong", form))
    assert "Đã lưu nhóm liên thông 9.000010" in page.text
    got = requests.get(server.url + "/api/v1/catalogue/chains/9.000010").json()
    assert got["limit"] == {"days": 4} and got["cutoff"] == "15:00"
    assert got["steps"] == [{"procedure": "1.000656", "agency": "civil_status", "after": []},
                            {"procedure": "1.004206", "agency": "residence", "after": [0]},
                            {"procedure": "1.001731", "agency": "social", "after": [0, 1]}]
    # the edit form comes back filled in
    page = b.get("/quan-tri/lien-thong", ma="9.000010")
    assert_page(page)
    assert "1.004206; residence; 1\n1.001731; social; 1, 2" in page.text
    # refused beside the field, as an imported line would be (a step's faults beside the
    # steps), nothing stored
    for bad, field in ((form | {"steps": "1.000656; tax;"}, "steps"),
                       (form | {"steps": "1.000656; civil_status; 1"}, "steps"),
                       (form | {"steps": "9.999999; civil_status;"}, "steps"),
                       (form | {"steps": "1.000656"}, "steps"),
                       (form | {"steps": "1.000656; civil_status; x"}, "steps"),
                       (form | {"days": "0"}, "limit"),
                       (form | {"cutoff": "9h"}, "cutoff")):
        r = b.post("/quan-tri/lien-thong", bad | {"code": "9.000011"})
        assert r.status_code == 400, (field, r.text[:3000])
        assert field_error(r.text, field), (field, r.text[:3000])
        assert_page(r)
    assert requests.get(server.url + "/api/v1/catalogue/chains/9.000011").status_code == 404


def test_commune_admin_sees_but_cannot_change_groups(server, demo_db):
    run("user", "add", "qt.lienthong", "--role", "admin", "--unit", "000.01.52.H50",
        "--password-stdin", "--db", demo_db, input="qt-lienthong-2025\n", check=0)
    b = Browser(server, "qt.lienthong", "qt-lienthong-2025")
    page = b.get("/quan-tri/lien-thong")
    assert page.status_code == 200 and ">2.000986<" in page.text
    assert 'action="/quan-tri/lien-thong"' not in page.text
    r = b.post("/quan-tri/lien-thong", {"code": "9.000012", "name": "X", "days": "1",
                                        "steps": "1.000656; civil_status;"})
    assert r.status_code == 403
    assert requests.get(server.url + "/api/v1/catalogue/chains/9.000012").status_code == 404
    key = base64.b64encode(bytes(32)).decode()
    r = b.post("/quan-tri/co-quan", {"kind": "social", "url": "https://x.vn/", "public_key": key})
    assert r.status_code == 403


def test_admin_registers_an_agency(server):
    b = admin(server)
    key = base64.b64encode(bytes(range(32))).decode()
    page = follow(b, b.post("/quan-tri/co-quan", {"kind": "insurance",
                                                  "url": "https://bhxh.example.vn/lien-thong",
                                                  "public_key": key}))
    assert "Đã lưu cơ quan liên thông insurance" in page.text
    section = page.text[page.text.index('id="co-quan"'):]
    assert "Bảo hiểm xã hội" in section and key in section
    assert "https://bhxh.example.vn/lien-thong" in section
    for bad, field in (({"public_key": "AAAA"}, "public-key"),
                       ({"url": "ftp://x"}, "url"),
                       ({"kind": "tax"}, "kind")):
        r = b.post("/quan-tri/co-quan", {"kind": "social", "url": "https://x.vn/",
                                         "public_key": key} | bad)
        assert r.status_code == 400, (field, r.text[:2000])
        assert field_error(r.text, field), field
        assert_page(r)
    assert "https://x.vn/" not in b.get("/quan-tri/lien-thong").text
