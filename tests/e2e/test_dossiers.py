"""Dossiers through the API, end to end, on a clock the test controls (libfaketime): every
path of the lifecycle with its states, due dates and classification; codes under
concurrency; idempotent retries; who may do what; the public look-up and rating."""
import concurrent.futures
import json
import re
import unicodedata

import pytest
import requests

from clock import Clock
from conftest import assert_error, login
from motcua import OTHER_COMMUNE, PROVINCE, Server, connect, run

DISTRICT = "000.00.21.H50"  # UBND huyện Gio Linh, valid until 2025-06-30
ALL_ACTIONS = ("submit", "receive", "refuse", "transfer", "request_supplement", "supplement",
               "request_payment", "pay", "request_withdrawal", "stop", "resolve", "return",
               "apologize", "digitize", "rate", "comment", "propose", "approve",
               "send_back", "guide", "handover")  # docs/INTERFACES.md §2
CODE_RE = re.compile(r"^000\.00\.21\.H50-(\d{6})-(\d{4,})$")


@pytest.fixture(scope="module")
def env(demo_db, tmp_path_factory):
    for name, role, unit in (("mcgiolinh", "clerk", DISTRICT), ("cvgiolinh", "specialist", DISTRICT),
                             ("ldgiolinh", "leader", DISTRICT), ("mcxa", "clerk", OTHER_COMMUNE)):
        run("user", "add", name, "--role", role, "--unit", unit, "--password-stdin", "--db", demo_db,
            input="mat-khau-thu-nghiem\n", check=0)
    token = run("token", "add", "cong-dvc", "--role", "integration", "--unit", DISTRICT, "--db", demo_db,
                check=0).stdout.strip()
    clock = Clock(tmp_path_factory.mktemp("clock") / "now", "2023-10-02 09:00:00")
    srv = Server(demo_db, clock=clock)
    # The clock jumps days ahead, past any cookie session's lifetime: officers act here through
    # bearer tokens in their own names (cookie sessions are tested in test_auth.py).
    yield {"srv": srv, "clock": clock, "token": token, "db": demo_db,
           "clerk": bearer(demo_db, "mcgiolinh", "clerk", DISTRICT),
           "specialist": bearer(demo_db, "cvgiolinh", "specialist", DISTRICT),
           "leader": bearer(demo_db, "ldgiolinh", "leader", DISTRICT),
           "other_clerk": bearer(demo_db, "mcxa", "clerk", OTHER_COMMUNE)}
    srv.stop()


def bearer(db, name, role, unit):
    token = run("token", "add", name, "--role", role, "--unit", unit, "--db", db, check=0).stdout.strip()
    s = requests.Session()
    s.headers["Authorization"] = "Bearer " + token
    return s


def components(srv, procedure):
    p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + procedure).json()
    return [{"name": c["name"], "digitized": True} for c in p["components"] if c["required"]]


def intake(env, procedure="1.004873", who="clerk", channel="direct", status=201, **extra):
    srv = env["srv"]
    body = {"procedure": procedure, "unit": DISTRICT, "channel": channel,
            "applicant": {"name": "Nguyễn Văn Đức", "phone": "0912345678", "id_number": "045090001234",
                          "address": "Gio Linh, Quảng Trị"},
            "components": components(srv, procedure), **extra}
    session = env[who] if who else requests
    r = session.post(srv.url + "/api/v1/dossiers", json=body)
    assert r.status_code == status, r.text
    return r.json()


def upload(env, code, who, **fields):
    """Uploads a small PDF to the dossier as a component (name=...) or its result."""
    r = env[who].post(env["srv"].url + f"/api/v1/dossiers/{code}/documents", data=fields,
                      files={"file": ("scan.pdf", b"%PDF-1.4\n" + code.encode() + repr(fields).encode(),
                                      "application/pdf")})
    assert r.status_code == 201, r.text
    return r.json()


def act(env, code, who, status=200, **event):
    r = env[who].post(env["srv"].url + f"/api/v1/dossiers/{code}/events", json=event)
    assert r.status_code == status, r.text
    return r.json()


def get(env, code, who="clerk"):
    r = env[who].get(env["srv"].url + "/api/v1/dossiers/" + code)
    assert r.status_code == 200, r.text
    return r.json()


def at(env, local):
    env["clock"].set(local)


def test_happy_path(env):
    at(env, "2023-10-02 09:00:00")
    d = intake(env)
    m = CODE_RE.match(d["code"])
    assert m and m.group(1) == "231002"
    assert d["state"] == "received"
    assert d["due_at"].startswith("2023-10-05T09:00")  # 3 working days later (docs/DOMAIN.md §3.2 V1)
    assert d["appointment_at"] == d["due_at"]
    assert d["receipt_url"] == f"/dossiers/{d['code']}/forms/01"
    code = d["code"]
    r = act(env, code, "clerk", action="transfer", to=DISTRICT, handler="cvgiolinh")
    assert (r["state"], r["portal_status"], r["handler"]) == ("processing", 4, "cvgiolinh")
    at(env, "2023-10-04 10:00:00")
    upload(env, code, "specialist", kind="result")  # the electronic result is its file
    r = act(env, code, "specialist", action="resolve", outcome="approved")
    assert (r["state"], r["portal_status"], r["outcome"]) == ("resolved", 9, "approved")
    assert r["classification"] == "early" and r["resolved_at"].startswith("2023-10-04T10:00")
    at(env, "2023-10-04 15:00:00")
    r = act(env, code, "clerk", action="return", collector="Nguyễn Văn Đức")
    assert (r["state"], r["portal_status"], r["classification"]) == ("returned", 10, "early")
    assert [(e["action"], e.get("by")) for e in r["events"]] == [
        ("receive", "mcgiolinh"), ("transfer", "mcgiolinh"), ("digitize", "cvgiolinh"),
        ("resolve", "cvgiolinh"), ("return", "mcgiolinh")]
    assert r["events"][1]["to"] == DISTRICT and r["events"][2]["result"] is True
    assert r["result_digitized"] is True
    # a result is electronic when its file is there, not because someone says so
    err = act(env, intake(env)["code"], "clerk", status=422, action="resolve", outcome="approved",
              result_digitized=True)["error"]
    assert err["field"] == "result_digitized"


@pytest.mark.parametrize("resolve_at,expected", [
    ("2023-10-05 08:59:00", "on_time"),   # the due date, before the due time
    ("2023-10-05 09:30:00", "late"),      # after due_at, same day
    ("2023-10-04 16:59:00", "early"),     # the day before
])
def test_classification(env, resolve_at, expected):
    at(env, "2023-10-02 09:00:00")
    code = intake(env)["code"]
    at(env, resolve_at)
    r = act(env, code, "specialist", action="resolve", outcome="approved")
    assert r["classification"] == expected


def test_supplement_restarts_the_clock(env):
    at(env, "2023-10-02 09:00:00")
    d = intake(env, procedure="1.010803")  # 12 working days
    assert d["due_at"].startswith("2023-10-18T09:00")
    code = d["code"]
    act(env, code, "clerk", action="transfer", to=DISTRICT)
    at(env, "2023-10-04 10:00:00")
    r = act(env, code, "specialist", action="request_supplement", reason="Thiếu bản sao giấy khai sinh",
            items=["Bản sao Giấy khai sinh"])
    assert (r["state"], r["portal_status"], r["supplement_late"]) == ("supplement", 5, False)
    act(env, code, "specialist", status=422, action="resolve", outcome="approved")
    at(env, "2023-10-09 09:00:00")
    r = act(env, code, "clerk", action="supplement")
    assert r["state"] == "processing"
    assert r["due_at"].startswith("2023-10-25T09:00")  # the full 12 days again from 09/10
    assert r["received_at"].startswith("2023-10-02T09:00")


def test_refusal_at_intake_of_an_online_filing(env):
    at(env, "2023-10-02 10:00:00")
    d = intake(env, who=None, channel="online")  # a citizen, no login
    assert d["state"] == "submitted" and d["due_at"] is None
    intake(env, who=None, channel="direct", status=422)  # citizens file online here
    code = d["code"]
    act(env, code, "clerk", status=400, action="refuse")  # a refusal needs a reason
    r = act(env, code, "clerk", action="refuse", reason="Không thuộc thẩm quyền giải quyết")
    assert (r["state"], r["portal_status"], r["due_at"]) == ("refused", 3, None)
    act(env, code, "clerk", status=422, action="receive")


def test_online_filing_received_starts_the_clock(env):
    at(env, "2023-10-02 10:00:00")
    code = intake(env, who=None, channel="online")["code"]
    at(env, "2023-10-03 08:00:00")
    r = act(env, code, "clerk", action="receive")
    assert r["state"] == "received" and r["due_at"].startswith("2023-10-06T08:00")
    assert r["full_online"] is True  # the procedure is offered fully online


def test_rejection_after_appraisal(env):
    at(env, "2023-10-02 09:00:00")
    code = intake(env)["code"]
    act(env, code, "clerk", action="transfer", to=DISTRICT)
    act(env, code, "specialist", status=400, action="resolve", outcome="rejected")
    act(env, code, "specialist", status=400, action="resolve", outcome="maybe")
    r = act(env, code, "specialist", action="resolve", outcome="rejected",
            reason="Không đủ điều kiện theo quy định")
    assert (r["state"], r["outcome"]) == ("resolved", "rejected")


def test_withdrawal(env):
    at(env, "2023-10-02 09:00:00")
    code = intake(env)["code"]
    act(env, code, "clerk", action="transfer", to=DISTRICT)
    r = act(env, code, "clerk", action="request_withdrawal", reason="Công dân xin rút hồ sơ")
    assert (r["state"], r["portal_status"]) == ("withdrawal_requested", 7)
    r = act(env, code, "specialist", action="stop", reason="Đồng ý cho rút hồ sơ")
    assert (r["state"], r["portal_status"], r["classification"]) == ("stopped", 8, None)
    act(env, code, "specialist", status=422, action="resolve", outcome="approved")


def test_late_with_apology(env):
    at(env, "2023-10-02 09:00:00")
    code = intake(env)["code"]
    act(env, code, "clerk", action="transfer", to=DISTRICT)
    at(env, "2023-10-04 14:00:00")  # the working day before the due date: on time
    r = act(env, code, "specialist", action="apologize", reason="Chờ xác minh của cơ quan phối hợp",
            new_appointment="2023-10-09T16:00:00+07:00")
    assert r["apologies"] == 1 and r["apology_late"] is False
    assert r["appointment_at"] == "2023-10-09T16:00:00+07:00"
    assert r["due_at"].startswith("2023-10-05T09:00")  # the legal deadline does not move
    act(env, code, "specialist", status=409, action="apologize", reason="lần hai",
        new_appointment="2023-10-10T16:00:00+07:00")
    at(env, "2023-10-09 15:00:00")
    r = act(env, code, "specialist", action="resolve", outcome="approved")
    assert r["classification"] == "late"


def test_apology_on_the_due_date_is_flagged_late(env):
    at(env, "2023-10-02 09:00:00")
    code = intake(env)["code"]
    at(env, "2023-10-05 08:00:00")
    act(env, code, "specialist", status=400, action="apologize", reason="x")  # no new appointment
    act(env, code, "specialist", status=400, action="apologize", reason="x",
        new_appointment="2023-10-04T16:00:00+07:00")  # not after the due date
    r = act(env, code, "specialist", action="apologize", reason="Hồ sơ phức tạp",
            new_appointment="2023-10-06T16:00:00+07:00")
    assert r["apology_late"] is True
    page = env["specialist"].get(env["srv"].url + "/ho-so/" + code)
    assert page.status_code == 200 and "Gửi muộn" in page.text  # flagged where officers look


def test_payment_wait_pauses_the_clock(env):
    at(env, "2023-10-02 09:00:00")
    d = intake(env, procedure="1.001612")  # 3 working days, fee 100.000 đ
    assert d["due_at"].startswith("2023-10-05T09:00")
    code = d["code"]
    act(env, code, "clerk", action="transfer", to=DISTRICT)
    at(env, "2023-10-03 09:00:00")
    r = act(env, code, "specialist", action="request_payment", amount=100000)
    assert (r["state"], r["portal_status"]) == ("awaiting_payment", 6)
    at(env, "2023-10-06 09:00:00")
    r = act(env, code, "clerk", action="pay", amount=100000)  # at the counter
    assert r["state"] == "processing" and r["paid_amount"] == 100000
    # 2 working days were left at the pause; they count again from Friday 09:00
    assert r["due_at"].startswith("2023-10-10T09:00")
    # a fee recorded at return changes no state
    act(env, code, "specialist", action="resolve", outcome="approved")
    r = act(env, code, "clerk", action="pay", amount=0)
    assert r["state"] == "resolved"


def test_intake_validation(env):
    at(env, "2023-10-02 09:00:00")
    srv, clerk = env["srv"], env["clerk"]
    base = {"procedure": "1.004873", "unit": DISTRICT, "channel": "direct",
            "applicant": {"name": "Trần Thị B", "phone": "0987654321"},
            "components": components(srv, "1.004873")}
    cases = [({**base, "procedure": "9.999999"}, 422, "procedure"),
             ({**base, "procedure": "abc"}, 400, "procedure"),
             ({**base, "channel": "fax"}, 400, "channel"),
             ({**base, "components": []}, 422, "components"),
             ({**base, "fee": 5}, 422, "fee"),
             ({**base, "applicant": {"name": "X"}}, 400, "phone"),
             ({**base, "applicant": {"name": "X", "phone": "12ab"}}, 400, "phone"),
             ({**base, "applicant": {"name": "", "phone": "0987654321"}}, 400, "name"),
             ({**base, "applicant": {"name": " \t ", "phone": "0987654321"}}, 400, "name"),
             ({**base, "unit": OTHER_COMMUNE}, 403, "unit"),
             ({**base, "procedure": "2.000884", "channel": "online"}, 422, "channel"),
             ({**base, "code": "000.00.21.H50-231002-9999"}, 400, "code"),
             ({**base, "extra": 1}, 400, "extra")]
    for body, status, field in cases:
        assert_error(clerk.post(srv.url + "/api/v1/dossiers", json=body), status, field)
    # the commune exists only from 2025-07-01: not a receiving unit in 2023
    admin = login(srv, "admin")
    r = admin.post(srv.url + "/api/v1/users", json={"username": "mcconTien", "role": "clerk",
                                                    "unit": OTHER_COMMUNE, "password": "x" * 10})
    r = env["other_clerk"].post(srv.url + "/api/v1/dossiers", json={**base, "unit": OTHER_COMMUNE})
    assert_error(r, 422, "unit")


def test_illegal_actions_and_roles(env):
    at(env, "2023-10-02 09:00:00")
    code = intake(env)["code"]
    act(env, code, "clerk", status=422, action="return")
    act(env, code, "clerk", status=422, action="supplement")
    err = act(env, code, "clerk", status=400, action="fly")["error"]
    # the refusal names every action, the last one too
    assert err["message_en"].endswith(": " + ", ".join(ALL_ACTIONS)), err
    assert err["message"].endswith(": " + ", ".join(ALL_ACTIONS)), err
    act(env, code, "clerk", status=400, action="transfer")  # nowhere to
    act(env, code, "clerk", status=422, action="transfer", to="999.99.99.Z99")
    act(env, code, "clerk", status=422, action="transfer", to=DISTRICT, handler="nobody")
    act(env, code, "clerk", status=400, action="resolve", outcome="approved", id="e1")  # server stamps ids
    act(env, code, "specialist", status=403, action="return")  # role: specialists do not return
    act(env, code, "other_clerk", status=403, action="transfer", to=DISTRICT)  # another unit
    assert_error(requests.post(env["srv"].url + f"/api/v1/dossiers/{code}/events",
                               json={"action": "comment", "text": "x"}), 401)
    assert_error(env["clerk"].post(env["srv"].url + "/api/v1/dossiers/000.00.21.H50-231002-99999/events",
                                   json={"action": "comment", "text": "x"}), 404)
    r = act(env, code, "clerk", action="comment", text="Đã gọi điện cho công dân")
    assert r["state"] == "received"


def test_read_scope_and_access_log(env):
    at(env, "2023-10-02 09:00:00")
    code = intake(env)["code"]
    srv = env["srv"]
    assert_error(env["other_clerk"].get(srv.url + "/api/v1/dossiers/" + code), 403)
    assert_error(requests.get(srv.url + "/api/v1/dossiers/" + code), 401)
    province_leader = login(srv, "leader")
    assert province_leader.get(srv.url + "/api/v1/dossiers/" + code).status_code == 200
    con = connect(env["db"])
    viewers = [r[0] for r in con.execute(
        "SELECT who FROM access_log JOIN dossier ON dossier.id = access_log.dossier WHERE code = ?", (code,))]
    con.close()
    assert viewers == ["lanhdao"]


def test_search(env):
    at(env, "2023-10-03 09:00:00")
    srv, clerk = env["srv"], env["clerk"]
    r = clerk.post(srv.url + "/api/v1/dossiers", json={
        "procedure": "1.004873", "unit": DISTRICT, "channel": "postal",
        "applicant": {"name": "Đặng Thị Đào", "phone": "0905111222"},
        "components": components(srv, "1.004873")})
    code = r.json()["code"]

    def search(**q):
        r = clerk.get(srv.url + "/api/v1/dossiers", params=q)
        assert r.status_code == 200, r.text
        return [d["code"] for d in r.json()["dossiers"]]

    for q in ("Đặng Thị Đào", "dang thi dao", "DANG THI DAO", "dang dao", "dao", "0905111222", "0905"):
        assert code in search(q=q), q
    assert code not in search(q="nguyen van duc")
    # the last word may still be being typed; earlier words are whole words
    assert code in search(q="dang thi da") and code in search(q="Đặng T")
    assert code not in search(q="dan thi dao")
    assert search(q=code) == [code]
    assert code in search(state="received")
    assert code not in search(state="resolved")
    overdue_before = search(overdue=1)
    assert code not in overdue_before
    at(env, "2023-10-20 09:00:00")
    assert code in search(overdue=1)
    assert code in search(due_before="2023-10-07")
    assert code not in search(due_before="2023-10-06")
    assert_error(clerk.get(srv.url + "/api/v1/dossiers", params={"state": "lost"}), 400, "state")
    assert_error(clerk.get(srv.url + "/api/v1/dossiers", params={"unit": PROVINCE}), 403)
    page1 = clerk.get(srv.url + "/api/v1/dossiers", params={"limit": 2}).json()
    page2 = clerk.get(srv.url + "/api/v1/dossiers", params={"limit": 2, "cursor": page1["next_cursor"]}).json()
    assert not {d["code"] for d in page1["dossiers"]} & {d["code"] for d in page2["dossiers"]}


def test_concurrent_intakes_get_distinct_gap_free_codes(env):
    at(env, "2023-11-01 09:00:00")
    srv = env["srv"]
    h = {"Authorization": "Bearer " + env["token"]}
    body = {"procedure": "1.004873", "unit": DISTRICT, "channel": "direct",
            "applicant": {"name": "Lê Văn C", "phone": "0911000111"},
            "components": components(srv, "1.004873")}

    def one(i):
        r = requests.post(srv.url + "/api/v1/dossiers", json=body, headers=h)
        assert r.status_code == 201, r.text
        return r.json()["code"]

    with concurrent.futures.ThreadPoolExecutor(50) as pool:
        codes = list(pool.map(one, range(50)))
    assert len(set(codes)) == 50
    seqs = sorted(int(CODE_RE.match(c).group(2)) for c in codes)
    assert all(CODE_RE.match(c).group(1) == "231101" for c in codes)
    assert seqs == list(range(1, 51))


def test_idempotent_retry(env):
    at(env, "2023-11-02 09:00:00")
    srv, clerk = env["srv"], env["clerk"]
    body = {"procedure": "1.004873", "unit": DISTRICT, "channel": "direct",
            "applicant": {"name": "Phạm Thị D", "phone": "0933444555"},
            "components": components(srv, "1.004873")}
    first = clerk.post(srv.url + "/api/v1/dossiers", json=body, headers={"Idempotency-Key": "retry-1"})
    again = clerk.post(srv.url + "/api/v1/dossiers", json=body, headers={"Idempotency-Key": "retry-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again.headers.get("Idempotent-Replayed") == "true"
    other = clerk.post(srv.url + "/api/v1/dossiers", json={**body, "channel": "postal"},
                       headers={"Idempotency-Key": "retry-1"})
    assert_error(other, 422, "Idempotency-Key")
    found = clerk.get(srv.url + "/api/v1/dossiers", params={"q": "0933444555"}).json()["dossiers"]
    assert len(found) == 1
    code = first.json()["code"]
    e1 = clerk.post(srv.url + f"/api/v1/dossiers/{code}/events", json={"action": "comment", "text": "a"},
                    headers={"Idempotency-Key": "ev-1"})
    e2 = clerk.post(srv.url + f"/api/v1/dossiers/{code}/events", json={"action": "comment", "text": "a"},
                    headers={"Idempotency-Key": "ev-1"})
    assert e1.json() == e2.json() and len(e2.json()["events"]) == 2
    assert_error(clerk.post(srv.url + "/api/v1/dossiers", json=body,
                            headers={"Idempotency-Key": "x" * 129}), 400, "Idempotency-Key")


def other_key(key):
    """A well-formed look-up key that is not key."""
    return ("0" if key[0] != "0" else "1") + key[1:]


def test_public_lookup_and_rating(env):
    at(env, "2023-10-02 09:00:00")
    srv = env["srv"]
    filed = intake(env)
    code, key = filed["code"], filed["lookup_key"]
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{8}", key)
    assert get(env, code)["lookup_key"] == key  # the officer can tell the citizen who lost it
    r = requests.get(srv.url + "/api/v1/lookup", params={"code": code, "key": key})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["applicant"] == "Nguyễn V*** Đ***"
    assert body["state_label"] == "Được tiếp nhận" and body["appointment_at"].startswith("2023-10-05T09:00")
    text = r.text
    for secret in ("0912345678", "045090001234", "mcgiolinh", "Gio Linh, Quảng Trị"):
        assert secret not in text
    # typed as printed, in small letters, with O for 0: the same key
    shown = (key[:4] + "-" + key[4:]).lower().replace("0", "o")
    assert requests.get(srv.url + "/api/v1/lookup", params={"code": code, "key": shown}).status_code == 200
    # the last 4 digits of the phone or the identity number open nothing any more
    for last4 in ("5678", "1234"):
        assert_error(requests.get(srv.url + "/api/v1/lookup", params={"code": code, "key": last4}), 400, "key")
    assert_error(requests.get(srv.url + "/api/v1/lookup", params={"code": code, "key": other_key(key)}), 404)
    assert_error(requests.get(srv.url + "/api/v1/lookup",
                              params={"code": code[:-1] + "9", "key": key}), 404)
    rate = {"code": code, "key": key, "level": "satisfied", "comment": "Cán bộ nhiệt tình"}
    assert_error(requests.post(srv.url + "/api/v1/ratings", json=rate), 422)  # not yet resolved
    act(env, code, "specialist", action="resolve", outcome="approved")
    assert requests.get(srv.url + "/api/v1/lookup", params={"code": code, "key": key}).json()["can_rate"]
    assert_error(requests.post(srv.url + "/api/v1/ratings", json={**rate, "key": other_key(key)}), 404)
    assert_error(requests.post(srv.url + "/api/v1/ratings", json={**rate, "level": "great"}), 400, "level")
    assert requests.post(srv.url + "/api/v1/ratings", json=rate).status_code == 201
    assert_error(requests.post(srv.url + "/api/v1/ratings", json=rate), 409)
    assert get(env, code)["rating"] == "satisfied"


def test_lookup_enumeration_is_throttled(demo_db, tmp_path):
    srv = Server(demo_db)  # its own throttling state
    try:
        for i in range(20):
            assert_error(requests.get(srv.url + "/api/v1/lookup",
                                      params={"code": f"000.00.21.H50-231002-{i:04d}", "key": "K7QM2XRD"}), 404)
        r = requests.get(srv.url + "/api/v1/lookup", params={"code": "000.00.21.H50-231002-0001", "key": "K7QM2XRD"})
        assert_error(r, 429)
        assert int(r.headers["Retry-After"]) > 0
    finally:
        srv.stop()


def test_metrics_count_dossiers_by_state(env):
    text = requests.get(env["srv"].url + "/metrics",
                        headers={"Authorization": "Bearer " + env["token"]}).text
    counts = dict(re.findall(r'^motcua_dossiers\{state="(\w+)"\} (\d+)$', text, re.M))
    con = connect(env["db"])
    recount = dict(con.execute("SELECT state, count(*) FROM dossier GROUP BY state").fetchall())
    con.close()
    assert len(counts) == 12  # the ten of the portal, waiting for approval, guided
    assert {k: int(v) for k, v in counts.items() if int(v)} == recount
    assert recount["returned"] >= 1 and recount["refused"] >= 1


def test_imported_codes_are_not_issued_again(env, tmp_path):
    """A dossier a source system received today keeps its number: counter intake goes on after
    it (the code counter learns it at import)."""
    line = {"type": "dossier", "code": f"{DISTRICT}-231121-0007", "procedure": "1.004873",
            "unit": DISTRICT, "channel": "direct", "fee": 0,
            "applicant": {"name": "Lê Thị Hoa", "phone": "0912345678"},
            "components": components(env["srv"], "1.004873"),
            "events": [{"id": "nguon-1", "at": "2023-11-21T08:00:00+07:00", "action": "receive"}]}
    f = tmp_path / "today.jsonl"
    f.write_text(json.dumps(line, ensure_ascii=False) + "\n")
    run("import", "--db", env["db"], str(f), check=0)
    at(env, "2023-11-21 09:00:00")
    assert intake(env)["code"] == f"{DISTRICT}-231121-0008"


def test_digitizing_a_component_marks_it(env):
    at(env, "2023-10-02 09:00:00")
    paper = [{**c, "digitized": False} for c in components(env["srv"], "1.004873")]
    code = intake(env, components=paper)["code"]
    name = paper[0]["name"]
    # named as an officer may type it: without diacritics, in capitals
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).upper()
    assert plain != name
    # a paper is digitized by its file, not by saying so
    err = act(env, code, "clerk", status=422, action="digitize", component=name)["error"]
    assert "documents" in err["message_en"]
    # a paper the dossier does not list (a scan of an extra paper) marks none of the listed
    upload(env, code, "clerk", kind="component", name="Giấy xác nhận bổ sung")
    assert get(env, code)["components"] == paper
    upload(env, code, "clerk", kind="component", name=plain)
    got = get(env, code)["components"]
    assert got[0] == {"name": name, "digitized": True}
    assert got[1:] == paper[1:]
    # verify replays the events against the row as it now is
    run("verify", "--db", env["db"], check=0)


APPROVAL = "1.013225"  # the demo's new construction permit: its result needs the leader's approval


def test_a_result_waits_for_the_leaders_approval(env):
    """Trình ký -> phê duyệt (issue 13 §4): with a procedure that asks for it, resolve is refused;
    the specialist proposes, the leader approves (the result is issued at that instant, the
    proposer credited) or sends it back with a reason; the portal sees processing (4) meanwhile;
    the applicant hears of the result at the approval."""
    at(env, "2023-10-02 09:00:00")
    code = intake(env, procedure=APPROVAL, fee=75000)["code"]
    act(env, code, "clerk", action="transfer", to=DISTRICT, handler="cvgiolinh")
    err = act(env, code, "specialist", status=422, action="resolve", outcome="approved")["error"]
    assert err["field"] == "action" and "propose" in err["message_en"]
    act(env, code, "specialist", status=400, action="propose", outcome="rejected")  # no reason
    at(env, "2023-10-09 10:00:00")
    r = act(env, code, "specialist", action="propose", outcome="approved")
    assert (r["state"], r["portal_status"], r["proposal"], r["resolved_at"]) == (
        "awaiting_approval", 4, "approved", None)
    act(env, code, "specialist", status=403, action="approve")  # the leader's, not the specialist's
    r = act(env, code, "leader", status=400, action="send_back")  # a reason is required
    r = act(env, code, "leader", action="send_back", reason="Thiếu bản vẽ mặt đứng")
    assert (r["state"], r["proposal"]) == ("processing", None)
    act(env, code, "leader", status=422, action="approve")  # nothing waits for approval now
    at(env, "2023-10-10 09:00:00")
    act(env, code, "specialist", action="propose", outcome="approved")
    at(env, "2023-10-11 16:00:00")
    r = act(env, code, "leader", action="approve", note="Đồng ý")
    assert (r["state"], r["portal_status"], r["outcome"]) == ("resolved", 9, "approved")
    assert r["resolved_at"].startswith("2023-10-11T16:00") and r["classification"] == "early"
    assert [e["action"] for e in r["events"]] == [
        "receive", "transfer", "propose", "send_back", "propose", "approve"]
    con = connect(env["db"])
    msgs = [m for (m,) in con.execute(
        "SELECT body FROM notification WHERE dossier_code = ? ORDER BY id", (code,))]
    officer = con.execute("SELECT resolved_by FROM dossier WHERE code = ?", (code,)).fetchone()[0]
    con.close()
    assert "đã có kết quả" in msgs[-1]
    assert officer == "cvgiolinh"  # the work is the proposer's
    run("verify", "--db", env["db"], check=0)


def test_approval_is_fixed_at_receipt_and_imported_as_the_source_recorded(env, tmp_path):
    """A dossier keeps the rule of its receipt; an imported history is replayed with the rule its
    source applied: without a proposal, its resolve stands; a line that says approval refuses a
    bare resolve."""
    base = {"type": "dossier", "procedure": APPROVAL, "unit": DISTRICT, "channel": "direct",
            "fee": 75000, "applicant": {"name": "Lê Văn Nam", "phone": "0912345678"},
            "components": components(env["srv"], APPROVAL)}
    received = {"id": "s-1", "at": "2023-10-02T08:00:00+07:00", "action": "receive"}
    resolved = {"id": "s-2", "at": "2023-10-05T08:00:00+07:00", "action": "resolve",
                "outcome": "approved"}
    lines = [dict(base, code=f"{DISTRICT}-231002-0901", events=[received, resolved]),
             dict(base, code=f"{DISTRICT}-231002-0902", events=[
                 received, {"id": "s-2", "at": "2023-10-04T08:00:00+07:00", "action": "propose",
                            "outcome": "approved", "by": "cv.nguon"},
                 {"id": "s-3", "at": "2023-10-05T08:00:00+07:00", "action": "approve",
                  "by": "ld.nguon"}])]
    f = tmp_path / "approval.jsonl"
    f.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines))
    run("import", "--db", env["db"], str(f), check=0)
    one, two = (get(env, l["code"]) for l in lines)
    assert (one["state"], one["approval"]) == ("resolved", False)
    assert (two["state"], two["approval"], two["resolved_at"]) == (
        "resolved", True, "2023-10-05T08:00:00+07:00")
    strict = dict(base, code=f"{DISTRICT}-231002-0903", approval=True, events=[received, resolved])
    f.write_text(json.dumps(strict, ensure_ascii=False) + "\n")
    p = run("import", "--db", env["db"], str(f))
    assert p.returncode == 2 and "propose" in p.stderr
    run("verify", "--db", env["db"], check=0)


def test_pages_offer_the_approval_steps(env):
    """The dossier page offers the specialist the proposal, not a resolution, and the leader the
    approval; the leader's worklist lists what waits for approval."""
    at(env, "2023-10-02 09:00:00")
    code = intake(env, procedure=APPROVAL, fee=75000)["code"]
    act(env, code, "clerk", action="transfer", to=DISTRICT, handler="cvgiolinh")
    page = env["specialist"].get(env["srv"].url + "/ho-so/" + code).text
    assert 'name="action" value="propose"' in page and 'value="resolve"' not in page
    act(env, code, "specialist", action="propose", outcome="approved")
    page = env["leader"].get(env["srv"].url + "/ho-so/" + code).text
    assert 'name="action" value="approve"' in page and 'name="action" value="send_back"' in page
    work = env["leader"].get(env["srv"].url + "/ho-so-cua-toi").text
    section = work.split("Kết quả chờ tôi phê duyệt", 1)[1].split("<h2>", 1)[0]
    assert code in section and "Chờ lãnh đạo phê duyệt" in section


def test_verify_passes_then_detects_tampering(env):
    run("verify", "--db", env["db"], check=0)
    con = connect(env["db"])
    con.execute("UPDATE dossier_event SET payload = '{\"outcome\":\"rejected\",\"reason\":\"x\"}' "
                "WHERE feed = (SELECT max(feed) FROM dossier_event WHERE action = 'resolve')")
    con.commit()
    con.close()
    p = run("verify", "--db", env["db"])
    assert p.returncode == 1 and "hash chain broken" in p.stdout
    assert "chuỗi băm bị đứt" in p.stdout  # the operator reads it in Vietnamese first


def form(env, code, kind, who="clerk", status=200):
    r = env[who].get(env["srv"].url + f"/dossiers/{code}/forms/{kind}")
    assert r.status_code == status, r.text[:500]
    if status == 200:
        assert r.headers["Content-Type"] == "text/html; charset=utf-8"
        assert len(r.content) < 50 * 1024
    return r.text


def test_printed_forms(env):
    at(env, "2023-10-02 09:00:00")
    code = intake(env)["code"]
    html = form(env, code, "01")
    assert "Mẫu số 01" in html and "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in html.upper()
    assert code in html and "Nguyễn Văn Đức" in html
    assert "09 giờ 00 phút, ngày 02/10/2023" in html  # received
    assert "09 giờ 00 phút, ngày 05/10/2023" in html  # appointment
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "<svg" in html
    assert "UBND HUYỆN GIO LINH" in html
    form(env, code, "02", status=422)  # no supplement requested yet
    form(env, code, "04", status=422)
    form(env, code, "09", status=404)
    form(env, code, "01", who="other_clerk", status=403)
    anon = requests.get(env["srv"].url + f"/dossiers/{code}/forms/01", allow_redirects=False)
    assert anon.status_code == 303 and anon.headers["Location"].startswith("/dang-nhap?next=%2Fdossiers")
    act(env, code, "clerk", action="transfer", to=DISTRICT)
    at(env, "2023-10-03 10:00:00")
    act(env, code, "specialist", action="request_supplement", reason="Thiếu giấy tờ",
        items=["Bản sao Giấy khai sinh", "Sổ hộ khẩu <bản cũ>"])
    html = form(env, code, "02")
    assert "Bản sao Giấy khai sinh" in html and "Sổ hộ khẩu &lt;bản cũ&gt;" in html
    at(env, "2023-10-04 08:00:00")
    act(env, code, "clerk", action="supplement")
    act(env, code, "specialist", action="apologize", reason="Chờ ý kiến cơ quan phối hợp",
        new_appointment="2023-10-12T16:00:00+07:00")
    html = form(env, code, "04")
    assert "Chờ ý kiến cơ quan phối hợp" in html and "16 giờ 00 phút, ngày 12/10/2023" in html
    at(env, "2023-10-05 09:00:00")
    act(env, code, "specialist", action="resolve", outcome="rejected", reason="Không đủ điều kiện")
    assert "Không đủ điều kiện" in form(env, code, "03")
    html = form(env, code, "05")
    assert "Mẫu số 05" in html and "Trước hạn" in html  # due 09/10 after the restart
    ledger = env["clerk"].get(env["srv"].url + "/forms/ledger", params={"year": 2023, "unit": DISTRICT})
    assert ledger.status_code == 200 and code in ledger.text and "Mẫu số 06" in ledger.text
    bad = env["clerk"].get(env["srv"].url + "/forms/ledger", params={"year": "x"})
    assert bad.status_code == 400 and "Năm (year)" in bad.text  # an error page, in Vietnamese
    # the search page links this year's book (the clock says 2023)
    assert 'href="/forms/ledger"' in env["clerk"].get(env["srv"].url + "/ho-so").text
    this_year = env["clerk"].get(env["srv"].url + "/forms/ledger", params={"unit": DISTRICT})
    assert this_year.status_code == 200 and code in this_year.text

