"""The public catalogue: units, fields, procedures, and search with or without diacritics."""
import requests

from conftest import assert_error
from motcua import COMMUNE, PROVINCE


def get(server, path, **params):
    r = requests.get(server.url + path, params=params)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "application/json; charset=utf-8"
    return r.json()


def test_units_form_the_2025_province(server):
    units = {u["code"]: u for u in get(server, "/api/v1/catalogue/units")["units"]}
    assert units[PROVINCE]["name"] == "UBND tỉnh Quảng Trị"
    assert units[PROVINCE]["level"] == "province"
    assert units[PROVINCE]["parent"] is None
    assert units[COMMUNE]["parent"] == PROVINCE and units[COMMUNE]["level"] == "commune"
    communes = [u for u in units.values() if u["level"] == "commune"]
    assert len(communes) >= 12
    # the abolished district keeps its history and points to its successor
    old = [u for u in units.values() if u["level"] == "district"]
    assert old and all(u["valid_to"] == "2025-06-30" and u["successor"] in units for u in old)


def test_fields_and_procedures(server):
    fields = {f["code"]: f["name"] for f in get(server, "/api/v1/catalogue/fields")["fields"]}
    assert fields["HT"] == "Hộ tịch"
    procs = get(server, "/api/v1/catalogue/procedures", limit=500)["procedures"]
    assert len(procs) >= 30
    for p in procs:
        assert p["field"] in fields
        assert p["online"] in ("full", "partial", "none")
        assert len(p["processing"]) == 1
        assert p["fee"] >= 0
    assert {p["field"] for p in procs} >= {"HT", "CT", "DD", "XD", "HKD", "BTXH"}


def test_search_with_and_without_diacritics(server):
    with_marks = get(server, "/api/v1/catalogue/procedures", q="đăng ký khai sinh")["procedures"]
    without = get(server, "/api/v1/catalogue/procedures", q="dang ky khai sinh")["procedures"]
    upper = get(server, "/api/v1/catalogue/procedures", q="ĐĂNG KÝ KHAI SINH")["procedures"]
    assert [p["code"] for p in with_marks] == [p["code"] for p in without] == [p["code"] for p in upper]
    assert "1.001193" in [p["code"] for p in without]
    for p in without:
        assert "khai sinh" in p["name"].lower()
    # đ folds to d: "dat dai" finds "đất đai" procedures
    land = get(server, "/api/v1/catalogue/procedures", q="dat dai")["procedures"]
    assert land and all("đất đai" in p["name"].lower() or p["field"] == "DD" for p in land)
    # a code works as the query too
    assert [p["code"] for p in get(server, "/api/v1/catalogue/procedures", q="1.001193")["procedures"]] == ["1.001193"]
    assert get(server, "/api/v1/catalogue/procedures", q="không có thủ tục nào như thế")["procedures"] == []


def test_filter_limit_and_single_procedure(server):
    ht = get(server, "/api/v1/catalogue/procedures", field="HT")["procedures"]
    assert ht and all(p["field"] == "HT" for p in ht)
    assert len(get(server, "/api/v1/catalogue/procedures", limit=2)["procedures"]) == 2
    for bad in ("0", "501", "abc", "-1", ""):
        assert_error(requests.get(server.url + "/api/v1/catalogue/procedures", params={"limit": bad}),
                     400, "limit")
    assert_error(requests.get(server.url + "/api/v1/catalogue/procedures", params={"q": "x" * 201}), 400, "q")
    p = get(server, "/api/v1/catalogue/procedures/1.001193")
    assert p["name"] == "Thủ tục đăng ký khai sinh"
    assert p["components"] and all(set(c) == {"name", "required"} for c in p["components"])
    assert_error(requests.get(server.url + "/api/v1/catalogue/procedures/9.999999"), 404)
