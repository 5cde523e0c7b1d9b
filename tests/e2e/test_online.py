"""Online public services: a citizen files online and a clerk receives it; messages to the
applicant go out through the configured command (SMS, e-mail or Zalo gateways plug in there),
a failing command is retried, and nothing waits for it."""
import json
import os
import urllib.parse

import requests

from clock import vn_today
from conftest import assert_error, login
from motcua import COMMUNE, Server, connect, new_store, run
from poll import wait_until

# twenty more papers of some length: the message holds them all
PAPERS = ["Bản sao có chứng thực giấy tờ số %02d về quyền sử dụng đất ở" % i for i in range(20)]


def components(srv, code):
    p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + code).json()
    return [{"name": c["name"], "digitized": True} for c in p["components"] if c["required"]]


def test_online_filing_and_messages_to_the_applicant(tmp_path):
    db = new_store(tmp_path / "o.db")
    out = tmp_path / "messages.jsonl"
    flag = tmp_path / "failed-once"
    # the gateway fails the first message once, then accepts every message
    cmd = f'if [ ! -e {flag} ]; then touch {flag}; exit 3; fi; cat >> {out}; echo >> {out}'
    srv = Server(db, extra=("--webhook-retry", "1", "--notify-cmd", cmd))
    try:
        # a citizen files online (no login): submitted, not yet received
        r = requests.post(srv.url + "/api/v1/dossiers", json={
            "procedure": "1.004873", "unit": COMMUNE, "channel": "online",
            "applicant": {"name": "Lê Thị Hoa", "phone": "0935111222", "email": "hoa@example.vn"},
            "components": components(srv, "1.004873")})
        assert r.status_code == 201, r.text
        d = r.json()
        assert d["state"] == "submitted" and d["due_at"] is None
        clerk = login(srv, "clerk")
        r = clerk.post(srv.url + f"/api/v1/dossiers/{d['code']}/events", json={"action": "receive"})
        assert r.status_code == 200 and r.json()["state"] == "received"
        spec = login(srv, "specialist")
        spec.post(srv.url + f"/api/v1/dossiers/{d['code']}/events",
                  json={"action": "request_supplement", "reason": "Thiếu tờ khai có chữ ký",
                        "items": ["Tờ khai có chữ ký", "Bản sao giấy khai sinh"] + PAPERS})

        def lines():
            return [json.loads(l) for l in out.read_text().splitlines() if l.strip()] if out.exists() else []

        wait_until(lambda: len(lines()) == 3, 30, "three messages to the applicant", 0.1)
        kinds = [m["kind"] for m in lines()]
        assert sorted(kinds) == ["received", "submitted", "supplement"]
        received = next(m for m in lines() if m["kind"] == "received")
        assert received["dossier"] == d["code"]
        assert received["to"]["phone"] == "0935111222" and received["to"]["email"] == "hoa@example.vn"
        assert "đã được tiếp nhận" in received["message"] and received["appointment_at"]
        supplement = next(m for m in lines() if m["kind"] == "supplement")
        assert "Thiếu tờ khai có chữ ký" in supplement["message"]
        # the papers themselves, all at once (Decree 61 Art 15: guidance once, in full)
        assert "Tờ khai có chữ ký, Bản sao giấy khai sinh" in supplement["message"]
        text, key_line = supplement["message"].split("\n")
        assert text.endswith(", ".join(PAPERS))  # every one, uncut
        # every message gives the look-up key the filing's answer gave (and no one can guess)
        shown = d["lookup_key"][:4] + "-" + d["lookup_key"][4:]
        for m in lines():
            assert m["message"].endswith("\nMã tra cứu hồ sơ: " + shown), m["message"]
        # the failed first attempt was retried
        assert flag.exists()
    finally:
        srv.stop()


def test_messages_wait_without_a_command(tmp_path):
    db = new_store(tmp_path / "w.db")
    srv = Server(db)
    try:
        clerk = login(srv, "clerk")
        r = clerk.post(srv.url + "/api/v1/dossiers", json={
            "procedure": "1.004873", "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": "Trần Văn Bình", "phone": "0912000111"},
            "components": components(srv, "1.004873")})
        assert r.status_code == 201
    finally:
        srv.stop()
    con = connect(db)
    rows = con.execute("SELECT kind, sent_at, attempts FROM notification").fetchall()
    con.close()
    assert rows == [("received", None, 0)]  # kept for when a gateway is configured


def test_online_payment_with_signed_callbacks(tmp_path):
    import hashlib
    import hmac
    db = new_store(tmp_path / "p.db")
    secret = "bi-mat-cong-thanh-toan-thu-nghiem"
    os.environ["MOTCUA_TEST_PAY_SECRET"] = secret
    srv = Server(db, extra=("--test-gateway", "--payment-secret-env", "MOTCUA_TEST_PAY_SECRET"))
    try:
        clerk = login(srv, "clerk")
        d = clerk.post(srv.url + "/api/v1/dossiers", json={
            "procedure": "1.001612", "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": "Đỗ Văn Giàu", "phone": "0987111333"},
            "components": components(srv, "1.001612")}).json()
        assert d["state"] == "received"
        start = requests.post(srv.url + "/api/v1/payments", json={"code": d["code"], "key": d["lookup_key"]})
        assert start.status_code == 201, start.text
        pay = start.json()
        assert pay["amount"] == 100000 and pay["pay_url"].startswith("/cong-thanh-toan-thu?ref=")
        assert requests.post(srv.url + "/api/v1/payments", json={"code": d["code"], "key": "K7QM2XRD"}).status_code == 404

        def callback(body, key=secret):
            raw = json.dumps(body).encode()
            sig = "sha256=" + hmac.new(key.encode(), raw, hashlib.sha256).hexdigest()
            return requests.post(srv.url + "/api/v1/payments/callback", data=raw,
                                 headers={"X-Gateway-Signature": sig, "Content-Type": "application/json"})

        # starting again (back, then pay once more) leads to the same payment, not a second
        again_start = requests.post(srv.url + "/api/v1/payments", json={"code": d["code"], "key": d["lookup_key"]})
        assert again_start.status_code == 201 and again_start.json()["ref"] == pay["ref"]
        body = {"ref": pay["ref"], "dossier": d["code"], "amount": 100000, "status": "paid"}
        forged = callback(body, key="khoa-gia-mao-khong-dung-123")
        assert forged.status_code == 401
        # signed, but not what was started: another amount (the pay address passes through the
        # citizen's browser), a reference never handed out, another dossier
        for wrong in ({**body, "amount": 1000}, {**body, "ref": "khong-co-lenh-nay"},
                      {**body, "dossier": d["code"][:-4] + "9999"}):
            assert_error(callback(wrong), 422)
        spec_view = clerk.get(srv.url + "/api/v1/dossiers/" + d["code"]).json()
        assert spec_view["paid_amount"] == 0
        first = callback(body)
        assert first.status_code == 200, first.text
        year = vn_today().year
        assert first.json()["receipt"] == f"{COMMUNE}/{year}/000001" and first.json()["replayed"] is False
        again = callback(body)
        assert again.json() == {**first.json(), "replayed": True}
        view = clerk.get(srv.url + "/api/v1/dossiers/" + d["code"]).json()
        assert view["paid_amount"] == 100000
        assert [e["action"] for e in view["events"]].count("pay") == 1
        # the printable e-receipt: its number, the payer, the amount in vi-VN, paid online
        receipt = clerk.get(srv.url + f"/dossiers/{d['code']}/forms/bien-lai")
        assert receipt.status_code == 200, receipt.text[:500]
        assert f'class="receipt-no">{COMMUNE}/{year}/000001<' in receipt.text
        assert "Đỗ Văn Giàu" in receipt.text and ">100.000 đồng<" in receipt.text
        assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in receipt.text and "trực tuyến" in receipt.text
        no = f"{COMMUNE}/{year}/000001"
        assert f"forms/bien-lai?so={urllib.parse.quote(no, safe='')}" in \
            clerk.get(srv.url + "/ho-so/" + d["code"]).text  # each receipt has its link
        chosen = clerk.get(srv.url + f"/dossiers/{d['code']}/forms/bien-lai", params={"so": no})
        assert chosen.status_code == 200 and f'class="receipt-no">{no}<' in chosen.text
        assert clerk.get(srv.url + f"/dossiers/{d['code']}/forms/bien-lai",
                         params={"so": "khong-co"}).status_code == 404
        # the bundled gateway page takes a second dossier through the same path
        d2 = clerk.post(srv.url + "/api/v1/dossiers", json={
            "procedure": "1.001612", "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": "Đỗ Văn Giàu", "phone": "0987111333"},
            "components": components(srv, "1.001612")}).json()
        assert clerk.get(srv.url + f"/dossiers/{d2['code']}/forms/bien-lai").status_code == 422
        pay2 = requests.post(srv.url + "/api/v1/payments", json={"code": d2["code"], "key": d2["lookup_key"]}).json()
        page = requests.get(srv.url + pay2["pay_url"])
        assert page.status_code == 200 and "Xác nhận thanh toán" in page.text
        cheap = requests.post(srv.url + "/cong-thanh-toan-thu",
                              data={"ref": pay2["ref"], "dossier": d2["code"], "amount": "1000"})
        assert cheap.status_code == 400 and "không khớp" in cheap.text
        done = requests.post(srv.url + "/cong-thanh-toan-thu",
                             data={"ref": pay2["ref"], "dossier": d2["code"], "amount": "100000"})
        assert done.status_code == 200 and f"{COMMUNE}/{year}/000002" in done.text
        # the citizen pays from the look-up page: its button starts the payment and leads to
        # the gateway with the order's reference and amount
        d3 = clerk.post(srv.url + "/api/v1/dossiers", json={
            "procedure": "1.001612", "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": "Đỗ Văn Giàu", "phone": "0987111333"},
            "components": components(srv, "1.001612")}).json()
        looked = requests.get(srv.url + "/tra-cuu", params={"ma": d3["code"], "key": d3["lookup_key"]}).text
        assert 'action="/tra-cuu/thanh-toan"' in looked and "Nộp 100.000 đồng trực tuyến" in looked
        go = requests.post(srv.url + "/tra-cuu/thanh-toan", data={"ma": d3["code"], "key": d3["lookup_key"]},
                           allow_redirects=False)
        assert go.status_code == 303, go.text[:500]
        to = urllib.parse.urlsplit(go.headers["Location"])
        order = dict(urllib.parse.parse_qsl(to.query))
        assert to.path == "/cong-thanh-toan-thu" and order["amount"] == "100000"
        paid = requests.post(srv.url + "/cong-thanh-toan-thu", data=order)
        assert paid.status_code == 200 and f"{COMMUNE}/{year}/000003" in paid.text
        after = requests.get(srv.url + "/tra-cuu", params={"ma": d3["code"], "key": d3["lookup_key"]}).text
        assert "/tra-cuu/thanh-toan" not in after and "đã nộp 100.000 đồng" in after
        # an order started, then the fee paid at the counter: the gateway's late callback finds
        # nothing due and pays nothing twice
        d4 = clerk.post(srv.url + "/api/v1/dossiers", json={
            "procedure": "1.001612", "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": "Đỗ Văn Giàu", "phone": "0987111333"},
            "components": components(srv, "1.001612")}).json()
        late = requests.post(srv.url + "/api/v1/payments", json={"code": d4["code"], "key": d4["lookup_key"]}).json()
        r = clerk.post(srv.url + f"/api/v1/dossiers/{d4['code']}/events",
                       json={"action": "pay", "amount": 100000, "online": False})
        assert r.status_code == 200, r.text
        assert_error(callback({"ref": late["ref"], "dossier": d4["code"], "amount": 100000,
                               "status": "paid"}), 409)
        assert clerk.get(srv.url + "/api/v1/dossiers/" + d4["code"]).json()["paid_amount"] == 100000
        today = vn_today().isoformat()
        rep = login(srv, "leader").get(srv.url + "/api/v1/reports/indicators",
                                       params={"from": today, "to": today, "unit": COMMUNE}).json()
        assert rep["indicators"]["online_payment_rate"]["numerator"] == 3
        assert rep["indicators"]["online_payment_rate"]["denominator"] == 4  # d4 paid at the counter
    finally:
        srv.stop()
        os.environ.pop("MOTCUA_TEST_PAY_SECRET", None)
