"""Fees (docs/INTERFACES.md §5.9, §8.3): the applicant is told when a fee is requested, with
the amount and how to pay, in the same outbox as the other messages; the public look-up (API
and page) lists the fee's e-receipts by number, amount and time, and the citizen prints one
without personal data beyond the masked name the look-up already shows."""
import json
import re

import pytest
import requests

from conftest import assert_error, login
from htmlcheck import assert_page
from motcua import COMMUNE, Server, new_store, run
from poll import wait_until

APPLICANT = {"name": "Đỗ Văn Giàu", "phone": "0987111333", "id_number": "045090005678",
             "address": "Thôn Hà Thượng, xã Gio Linh"}


def key_of(fees, code):
    """The citizen's look-up key of dossier code, as an officer sees it."""
    return fees["clerk"].get(fees["srv"].url + "/api/v1/dossiers/" + code).json()["lookup_key"]


def components(srv, code):
    p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + code).json()
    return [{"name": c["name"], "digitized": True} for c in p["components"] if c["required"]]


@pytest.fixture(scope="module")
def fees(tmp_path_factory):
    """A demo store served with a notify command that appends each message to a file; the
    server, the file and a clerk's session."""
    folder = tmp_path_factory.mktemp("fees")
    db = new_store(folder / "f.db")
    out = folder / "messages.jsonl"
    srv = Server(db, extra=("--webhook-retry", "1", "--notify-cmd", f"cat >> {out}; echo >> {out}"))
    yield {"srv": srv, "out": out, "clerk": login(srv, "clerk")}
    srv.stop()


def intake(fees, procedure):
    srv = fees["srv"]
    r = fees["clerk"].post(srv.url + "/api/v1/dossiers", json={
        "procedure": procedure, "unit": COMMUNE, "channel": "direct", "applicant": APPLICANT,
        "components": components(srv, procedure)})
    assert r.status_code == 201, r.text
    return r.json()["code"]


def test_a_fee_request_tells_the_applicant_the_amount_and_how_to_pay(fees):
    srv, out = fees["srv"], fees["out"]
    spec = login(srv, "specialist")
    codes = [intake(fees, "1.001612"), intake(fees, "2.000815")]  # fees 100.000 and 2.000 đồng
    # with an amount and a reason; then without either: what is still due is named
    r = spec.post(srv.url + f"/api/v1/dossiers/{codes[0]}/events",
                  json={"action": "request_payment", "amount": 100000,
                        "reason": "Lệ phí đăng ký hộ kinh doanh"})
    assert r.status_code == 200 and r.json()["state"] == "awaiting_payment", r.text
    r = spec.post(srv.url + f"/api/v1/dossiers/{codes[1]}/events", json={"action": "request_payment"})
    assert r.status_code == 200, r.text

    def payments():
        if not out.exists():
            return []
        lines = [json.loads(l) for l in out.read_text().splitlines() if l.strip()]
        return [m for m in lines if m["kind"] == "payment"]

    wait_until(lambda: len(payments()) == 2, 30, "two messages about fees", 0.1)
    first = next(m for m in payments() if m["dossier"] == codes[0])
    assert first["to"]["phone"] == APPLICANT["phone"] and first["unit"] == COMMUNE
    assert "nộp 100.000 đồng (Lệ phí đăng ký hộ kinh doanh)" in first["message"]
    assert "Bộ phận Một cửa" in first["message"] and "Tra cứu hồ sơ" in first["message"]
    second = next(m for m in payments() if m["dossier"] == codes[1])
    assert "nộp 2.000 đồng." in second["message"]


def test_the_lookup_shows_and_prints_the_e_receipts(fees):
    srv, clerk = fees["srv"], fees["clerk"]
    code = intake(fees, "1.001612")
    key = key_of(fees, code)
    lookup = requests.get(srv.url + "/api/v1/lookup", params={"code": code, "key": key}).json()
    assert lookup["receipts"] == []
    # the fee paid at the counter in two parts
    for amount in (60000, 40000):
        r = clerk.post(srv.url + f"/api/v1/dossiers/{code}/events",
                       json={"action": "pay", "amount": amount})
        assert r.status_code == 200, r.text
    lookup = requests.get(srv.url + "/api/v1/lookup", params={"code": code, "key": key}).json()
    receipts = lookup["receipts"]
    assert [x["amount"] for x in receipts] == [60000, 40000]
    assert all(re.fullmatch(re.escape(COMMUNE) + r"/20\d\d/\d{6}", x["number"]) for x in receipts)
    assert receipts[0]["number"] != receipts[1]["number"]
    assert [x["online"] for x in receipts] == [False, False]
    assert all(re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", x["paid_at"])
               for x in receipts)
    # the page lists them, each with its printable receipt
    page = assert_page(requests.get(srv.url + "/tra-cuu", params={"ma": code, "key": key}))
    assert "Biên lai điện tử" in page
    for x in receipts:
        assert x["number"] in page
    links = re.findall(r'href="(/tra-cuu/bien-lai\?[^"]+)"', page)
    assert len(links) == 2
    text = assert_page(requests.get(srv.url + links[0].replace("&amp;", "&")))
    assert receipts[0]["number"] in text and "60.000" in text and "BIÊN LAI THU PHÍ" in text
    assert code in text and "Đỗ V*** G***" in text
    # nothing personal beyond what the look-up shows: no full name, phone, ID or address
    for secret in ("Đỗ Văn Giàu", APPLICANT["phone"], APPLICANT["id_number"], "Hà Thượng"):
        assert secret not in text, secret
    assert "motcua" not in text  # no officer's name either
    # without a number, the latest; an unknown number, a wrong key: not found
    latest = requests.get(srv.url + "/tra-cuu/bien-lai", params={"ma": code, "key": key})
    assert receipts[1]["number"] in latest.text and "40.000" in latest.text
    r = requests.get(srv.url + "/tra-cuu/bien-lai", params={"ma": code, "key": key, "so": "x/1/2"})
    assert r.status_code == 404
    r = requests.get(srv.url + "/tra-cuu/bien-lai", params={"ma": code, "key": "0000-0000"})
    assert r.status_code == 404 and receipts[0]["number"] not in r.text
    assert_error(requests.get(srv.url + "/api/v1/lookup", params={"code": code, "key": "0000-0000"}), 404)
