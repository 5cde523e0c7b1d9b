"""People on paper and at the door (issue 13, parts 5 and 9), end to end on a clock the test
controls: officers' full names, titles and phones, set from the CLI and the admin page and
carried by the interchange (never a password), printed on the forms of their dossier's circular
(Circular 01/2018 before 1 July 2025, Circular 03/2025 from then on: the stop notice, the new
numbers, the ledger of 2025 in two parts), the unit's head signing the apology; disabling and
enabling officers, whose sessions end at once; API tokens that expire, are listed and are
revoked."""
import datetime
import json
import re
import sqlite3

import pytest
import requests

from clock import Clock, vn_today
from conftest import assert_error, login
from motcua import COMMUNE, PROVINCE, Server, run

DISTRICT = "000.00.21.H50"  # UBND huyện Gio Linh, which received dossiers until 2025-06-30
PASSWORD = "mat-khau-thu-nghiem"
PROCEDURE = "1.004873"  # xác nhận tình trạng hôn nhân: 3 working days
OFFICERS = (  # name, role, unit, full name, title, phone
    ("mc.huyen", "clerk", DISTRICT, "Trần Thị Huyền", "Chuyên viên Bộ phận Một cửa", "0233 3825 001"),
    ("cv.huyen", "specialist", DISTRICT, "Võ Văn Tư", "Chuyên viên Phòng Tư pháp", "0233 3825 002"),
    ("mc.mai", "clerk", COMMUNE, "Phạm Thị Mai", "Công chức Văn phòng - Thống kê", "0233 3825 111"),
    ("cv.hung", "specialist", COMMUNE, "Lê Văn Hùng", "Công chức Tư pháp - Hộ tịch", "0233 3825 222"),
    ("ct.xa", "leader", COMMUNE, "Hoàng Văn Cường", "Chủ tịch UBND xã", None),
    ("pct.xa", "leader", COMMUNE, "Đỗ Thị Lan", "Phó Chủ tịch UBND xã", None),
)


@pytest.fixture(scope="module")
def env(demo_db, tmp_path_factory):
    for name, role, unit, full_name, title, phone in OFFICERS:
        args = ["user", "add", name, "--role", role, "--unit", unit, "--full-name", full_name,
                "--title", title, "--password-stdin", "--db", demo_db]
        run(*args, *(("--phone", phone) if phone else ()), input=PASSWORD + "\n", check=0)
    clock = Clock(tmp_path_factory.mktemp("clock") / "now", "2025-06-30 09:00:00")
    srv = Server(demo_db, clock=clock)
    yield {"srv": srv, "clock": clock, "db": demo_db}
    srv.stop()


def at(env, local):
    """Moves the server's clock; sessions opened after it last 12 hours of that time."""
    env["clock"].set(local)


def officer(env, name):
    return login(env["srv"], name, PASSWORD)


def intake(env, clerk, unit):
    srv = env["srv"]
    p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + PROCEDURE).json()
    body = {"procedure": PROCEDURE, "unit": unit, "channel": "direct",
            "applicant": {"name": "Nguyễn Văn Đức", "phone": "0912345678",
                          "id_number": "045090001234", "address": "Gio Linh, Quảng Trị"},
            "components": [{"name": c["name"]} for c in p["components"] if c["required"]]}
    r = clerk.post(srv.url + "/api/v1/dossiers", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def act(env, who, code, **event):
    r = who.post(env["srv"].url + f"/api/v1/dossiers/{code}/events", json=event)
    assert r.status_code == 200, r.text
    return r.json()


def form(env, who, code, number, status=200):
    r = who.get(env["srv"].url + f"/dossiers/{code}/forms/{number}")
    assert r.status_code == status, (number, r.status_code, r.text[:300])
    return r.text


def stop_on_the_page(env, who, code):
    """Stops the dossier through its page; returns where the page sends the officer."""
    r = who.post(env["srv"].url + f"/ho-so/{code}/thao-tac",
                 data={"action": "stop", "reason": "Công dân không bổ sung hồ sơ", "confirm": "stop"},
                 allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    return r.headers["Location"]


def test_forms_follow_the_circular_of_the_receipt_and_name_the_officers(env):
    # 30 June 2025: the district receives under Circular 01/2018
    at(env, "2025-06-30 09:00:00")
    old = intake(env, officer(env, "mc.huyen"), DISTRICT)["code"]
    html = form(env, officer(env, "mc.huyen"), old, "01")
    assert "Mẫu số 01" in html and "Người được ủy quyền" not in html
    assert '<strong class="signer">Trần Thị Huyền</strong>' in html and "mc.huyen" not in html
    act(env, officer(env, "cv.huyen"), old, action="request_supplement", items=["Bản sao CCCD"],
        reason="Thiếu giấy tờ")
    html = form(env, officer(env, "mc.huyen"), old, "02")
    assert "liên hệ với Võ Văn Tư, số điện thoại 0233 3825 002 để được hướng dẫn" in html
    assert stop_on_the_page(env, officer(env, "cv.huyen"), old) == f"/dossiers/{old}/forms/03"

    # 1 July 2025: the commune receives under Circular 03/2025
    at(env, "2025-07-01 08:00:00")
    clerk, specialist = officer(env, "mc.mai"), officer(env, "cv.hung")
    new = intake(env, clerk, COMMUNE)["code"]
    html = form(env, clerk, new, "01")
    assert "Mẫu số 01" in html and "Người được ủy quyền (nếu có)" in html
    assert "Số định danh cá nhân/tổ chức: 045090001234" in html
    assert "ký số nếu là biểu mẫu điện tử" in html
    assert '<strong class="signer">Phạm Thị Mai</strong>' in html
    assert "Công chức Văn phòng - Thống kê" in html
    act(env, specialist, new, action="request_supplement", items=["Ảnh 4x6"], reason="Thiếu ảnh")
    html = form(env, clerk, new, "02")
    assert "liên hệ với Lê Văn Hùng, số điện thoại 0233 3825 222 để được hướng dẫn" in html
    assert stop_on_the_page(env, specialist, new) == f"/dossiers/{new}/forms/05"

    # each dossier keeps its own set: numbers, titles, the page's links
    html = form(env, clerk, new, "05")
    assert "Mẫu số 05" in html and "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in html
    assert "Công dân không bổ sung hồ sơ" in html and "liên hệ với Lê Văn Hùng" in html
    form(env, clerk, new, "03", status=422)  # a stop is not a refusal under Circular 03
    assert "Mẫu số 06" in form(env, clerk, new, "06")  # the control sheet
    form(env, clerk, new, "07", status=404)  # the ledger is not a dossier's form
    page = clerk.get(env["srv"].url + "/ho-so/" + new).text
    assert f'href="/dossiers/{new}/forms/05">Mẫu 05: Thông báo dừng giải quyết hồ sơ' in page
    assert f'href="/dossiers/{new}/forms/06">Mẫu 06: Phiếu kiểm soát' in page
    old_clerk = officer(env, "mc.huyen")
    html = form(env, old_clerk, old, "03")
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in html and "Công dân không bổ sung" in html
    assert "Mẫu số 05" in form(env, old_clerk, old, "05")  # Circular 01/2018's control sheet
    form(env, old_clerk, old, "06", status=404)
    page = old_clerk.get(env["srv"].url + "/ho-so/" + old).text
    assert f'href="/dossiers/{old}/forms/03">Mẫu 03: Phiếu từ chối tiếp nhận giải quyết' in page
    assert f'href="/dossiers/{old}/forms/05">Mẫu 05: Phiếu kiểm soát' in page

    # the book of 2025 prints both, each in its part, numbered on
    leader = login(env["srv"], "leader")
    r = leader.get(env["srv"].url + "/forms/ledger", params={"year": 2025, "unit": PROVINCE})
    assert r.status_code == 200
    assert "Mẫu số 06 và 07" in r.text
    part1, part2 = r.text.index("Phần I:"), r.text.index("Phần II:")
    assert part1 < r.text.index(old) < part2 < r.text.index(new)
    assert "<th>Phương thức trả kết quả</th>" in r.text


def test_the_units_head_signs_the_apology(env, tmp_path):
    at(env, "2025-07-02 08:00:00")
    d = intake(env, officer(env, "mc.mai"), COMMUNE)
    due = datetime.datetime.fromisoformat(d["due_at"])
    act(env, officer(env, "cv.hung"), d["code"], action="apologize", reason="Chờ xác minh",
        new_appointment=(due + datetime.timedelta(days=2)).isoformat())
    clerk = officer(env, "mc.mai")
    html = form(env, clerk, d["code"], "04")
    assert "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in html
    assert "<strong>CHỦ TỊCH UBND XÃ</strong>" in html
    assert '<strong class="signer">Hoàng Văn Cường</strong>' in html and "Đỗ Thị Lan" not in html
    # the chairman away (disabled): the deputy signs
    run("user", "disable", "ct.xa", "--db", env["db"], check=0)
    html = form(env, clerk, d["code"], "04")
    assert "<strong>PHÓ CHỦ TỊCH UBND XÃ</strong>" in html
    assert '<strong class="signer">Đỗ Thị Lan</strong>' in html
    run("user", "enable", "ct.xa", "--db", env["db"], check=0)


def users_listed(env):
    return {line.split()[0]: line for line in
            run("user", "list", "--db", env["db"], check=0).stdout.splitlines()}


def test_profile_from_the_cli_and_the_admin_page(env):
    assert "Phạm Thị Mai, Công chức Văn phòng - Thống kê, 0233 3825 111" in users_listed(env)["mc.mai"]
    run("user", "set", "mc.mai", "--phone", "", "--db", env["db"], check=0)
    assert users_listed(env)["mc.mai"].endswith("Phạm Thị Mai, Công chức Văn phòng - Thống kê")
    bad = run("user", "set", "mc.mai", "--phone", "gọi tôi", "--db", env["db"], check=2)
    assert "field: phone" in bad.stderr
    run("user", "set", "nobody", "--title", "X", "--db", env["db"], check=2)
    run("user", "add", "x.y", "--role", "clerk", "--unit", COMMUNE, "--full-name", "A\tB",
        "--password-stdin", "--db", env["db"], input=PASSWORD + "\n", check=2)

    at(env, "2025-07-03 08:00:00")
    admin = login(env["srv"], "admin")
    page = admin.get(env["srv"].url + "/quan-tri", params={"sua": "mc.mai"})
    assert page.status_code == 200 and 'value="Phạm Thị Mai"' in page.text
    r = admin.post(env["srv"].url + "/quan-tri/nguoi-dung/mc.mai/thong-tin", allow_redirects=False,
                   data={"full_name": "Phạm Thị Mai", "title": "Công chức một cửa",
                         "phone": "0233 3825 333"})
    assert r.status_code == 303 and "xong=thong-tin" in r.headers["Location"]
    page = admin.get(env["srv"].url + r.headers["Location"]).text
    assert "Đã lưu thông tin của mc.mai" in page
    assert "<td>mc.mai</td><td>Phạm Thị Mai, Công chức một cửa</td>" in page
    r = admin.post(env["srv"].url + "/quan-tri/nguoi-dung/mc.mai/thong-tin",
                   data={"full_name": "Phạm Thị Mai", "phone": "không có"})
    assert r.status_code == 400 and 'id="err-phone"' in r.text
    users = admin.get(env["srv"].url + "/api/v1/users", params={"unit": COMMUNE}).json()["users"]
    mai = next(u for u in users if u["username"] == "mc.mai")
    assert (mai["full_name"], mai["title"], mai["phone"]) == \
        ("Phạm Thị Mai", "Công chức một cửa", "0233 3825 333")
    # a new officer through the page, profile and all
    r = admin.post(env["srv"].url + "/quan-tri/nguoi-dung", allow_redirects=False,
                   data={"username": "mc.moi", "role": "clerk", "unit": COMMUNE,
                         "password": PASSWORD, "full_name": "Ngô Văn Mới",
                         "title": "Công chức", "phone": "0912 000 111"})
    assert r.status_code == 303
    assert "Ngô Văn Mới, Công chức, 0912 000 111" in users_listed(env)["mc.moi"]


def test_a_disabled_officer_is_out_at_once(env):
    at(env, "2025-07-03 09:00:00")
    srv = env["srv"]
    run("user", "add", "mc.tam", "--role", "clerk", "--unit", COMMUNE, "--password-stdin",
        "--db", env["db"], input=PASSWORD + "\n", check=0)
    s = officer(env, "mc.tam")
    assert s.get(srv.url + "/api/v1/session").status_code == 200
    out = run("user", "disable", "mc.tam", "--db", env["db"], check=0)
    assert "Đã khóa mc.tam" in out.stdout
    assert_error(s.get(srv.url + "/api/v1/session"), 401)
    r = requests.post(srv.url + "/api/v1/session", json={"username": "mc.tam", "password": PASSWORD})
    assert_error(r, 401)
    assert "mc.tam" in users_listed(env) and "(khóa)" in users_listed(env)["mc.tam"]
    run("user", "enable", "mc.tam", "--db", env["db"], check=0)
    s = officer(env, "mc.tam")

    # the admin page does the same
    admin = login(srv, "admin")
    r = admin.post(srv.url + "/quan-tri/nguoi-dung/mc.tam/khoa", allow_redirects=False)
    assert r.status_code == 303 and "xong=khoa" in r.headers["Location"]
    assert_error(s.get(srv.url + "/api/v1/session"), 401)
    page = admin.get(srv.url + r.headers["Location"]).text
    assert "Đã khóa tài khoản mc.tam" in page
    assert re.search(r"<td>mc\.tam</td>.*?<td>Đã khóa</td>.*?/mo-khoa\"", page)
    r = admin.post(srv.url + "/quan-tri/nguoi-dung/mc.tam/mo-khoa", allow_redirects=False)
    assert r.status_code == 303
    officer(env, "mc.tam")
    # not oneself: that would end the session one acts in
    r = admin.post(srv.url + "/quan-tri/nguoi-dung/quantri/khoa")
    assert r.status_code == 422 and "Không thể tự khóa" in r.text
    assert admin.get(srv.url + "/api/v1/session").status_code == 200
    # without the CSRF token nothing happens
    r = requests.post(srv.url + "/quan-tri/nguoi-dung/mc.tam/khoa", cookies=admin.cookies,
                      allow_redirects=False)
    assert r.status_code == 403


def bearer(token):
    return {"Authorization": "Bearer " + token}


def tokens_listed(env):
    """`token list` by token name: id, role, unit, made, last day, state (one line each)."""
    return {line.split()[1]: line for line in
            run("token", "list", "--db", env["db"], check=0).stdout.splitlines()}


def test_tokens_expire_and_are_revoked(env):
    srv, db, today = env["srv"], env["db"], vn_today()
    last = today + datetime.timedelta(days=10)
    a = run("token", "add", "he-thong-a", "--role", "integration", "--unit", PROVINCE,
            "--expires", last.isoformat(), "--db", db, check=0)
    token_a = a.stdout.strip()
    assert token_a.startswith("mct_") and "dùng được đến hết ngày %s" % last.isoformat() in a.stderr
    token_b = run("token", "add", "he-thong-b", "--role", "integration", "--unit", PROVINCE,
                  "--db", db, check=0).stdout.strip()
    listed = tokens_listed(env)
    assert re.fullmatch(r"\d+ +he-thong-a +integration +%s +%s  %s  hiệu lực"
                        % (re.escape(PROVINCE), today, last), listed["he-thong-a"])
    assert " %s  hiệu lực" % (today + datetime.timedelta(days=365)) in listed["he-thong-b"]

    def status(token):
        return requests.get(srv.url + "/api/v1/dossiers", params={"limit": 1},
                            headers=bearer(token))

    at(env, last.isoformat() + " 23:59:00")
    assert status(token_a).status_code == 200
    at(env, (last + datetime.timedelta(days=1)).isoformat() + " 00:00:01")
    err = assert_error(status(token_a), 401, "Authorization")
    assert err["message"] == "Mã truy cập đã hết hạn"
    assert status(token_b).status_code == 200
    at(env, (today + datetime.timedelta(days=366)).isoformat() + " 00:00:01")
    assert_error(status(token_b), 401)

    # revoked by name, then by id; refused at once
    at(env, today.isoformat() + " 10:00:00")
    assert "Đã thu hồi 1 mã truy cập" in run("token", "revoke", "he-thong-b", "--db", db,
                                             check=0).stdout
    err = assert_error(status(token_b), 401)
    assert err["message"] == "Mã truy cập đã bị thu hồi"
    listed = tokens_listed(env)
    assert listed["he-thong-b"].endswith("đã thu hồi")
    id_a = listed["he-thong-a"].split()[0]
    run("token", "revoke", id_a, "--db", db, check=0)
    assert_error(status(token_a), 401)
    run("token", "revoke", id_a, "--db", db, check=2)  # revoked already
    run("token", "revoke", "he-thong-b", "--db", db, check=2)  # no live token of that name
    run("token", "revoke", "999999", "--db", db, check=2)
    past = run("token", "add", "cu", "--role", "clerk", "--unit", COMMUNE, "--expires",
               (today - datetime.timedelta(days=1)).isoformat(), "--db", db, check=2)
    assert "field: expires" in past.stderr
    run("token", "add", "cu", "--role", "clerk", "--unit", COMMUNE, "--expires", "mai",
        "--db", db, check=2)


def test_tokens_on_the_admin_page(env):
    srv = env["srv"]
    at(env, vn_today().isoformat() + " 10:00:00")
    admin = login(srv, "admin")
    page = admin.get(srv.url + "/quan-tri/ma-truy-cap")
    assert page.status_code == 200 and "Tạo mã truy cập" in page.text
    assert "he-thong-a" in page.text and "Đã thu hồi" in page.text
    r = admin.post(srv.url + "/quan-tri/ma-truy-cap",
                   data={"name": "cong-dvc", "role": "integration", "unit": PROVINCE,
                         "expires": (vn_today() + datetime.timedelta(days=30)).isoformat()})
    assert r.status_code == 200 and "nó chỉ hiện một lần" in r.text
    token = re.search(r'<code class="token">(mct_[^<]+)</code>', r.text).group(1)
    assert requests.get(srv.url + "/api/v1/dossiers", headers=bearer(token)).status_code == 200
    assert token not in admin.get(srv.url + "/quan-tri/ma-truy-cap").text  # shown once
    token_id = tokens_listed(env)["cong-dvc"].split()[0]
    r = admin.post(srv.url + f"/quan-tri/ma-truy-cap/{token_id}/thu-hoi", allow_redirects=False)
    assert r.status_code == 303
    assert "Đã thu hồi mã truy cập số %s" % token_id in admin.get(srv.url + r.headers["Location"]).text
    assert_error(requests.get(srv.url + "/api/v1/dossiers", headers=bearer(token)), 401)
    r = admin.post(srv.url + "/quan-tri/ma-truy-cap/cong-dvc/thu-hoi")
    assert r.status_code == 404
    r = admin.post(srv.url + "/quan-tri/ma-truy-cap",
                   data={"name": "cu", "role": "integration", "unit": PROVINCE,
                         "expires": "2000-01-01"})
    assert r.status_code == 400 and 'id="err-expires"' in r.text


def test_officers_travel_in_the_interchange_without_passwords(env, tmp_path):
    dump = run("export", "--db", env["db"], check=0).stdout
    users = [json.loads(l) for l in dump.splitlines() if json.loads(l)["type"] == "user"]
    mai = next(u for u in users if u["name"] == "mc.mai")
    assert mai == {"type": "user", "name": "mc.mai", "role": "clerk", "unit": COMMUNE,
                   "full_name": "Phạm Thị Mai", "title": "Công chức một cửa",
                   "phone": "0233 3825 333", "disabled": False}
    assert "password" not in dump and "argon2" not in dump
    other = str(tmp_path / "other.db")
    run("init", "--db", other, check=0)
    f = tmp_path / "dump.jsonl"
    f.write_text(dump)
    out = run("import", "--db", other, str(f), check=0).stdout
    assert "%d người dùng" % len(users) in out and "motcua user passwd" in out
    con = sqlite3.connect(other)
    assert con.execute("SELECT password_hash FROM user WHERE name = 'mc.mai'").fetchone() == ("",)
    con.close()
    srv = Server(other)
    try:
        r = requests.post(srv.url + "/api/v1/session",
                          json={"username": "mc.mai", "password": PASSWORD})
        assert_error(r, 401)  # no password came with it
    finally:
        srv.stop()
    # a later line updates the officer and keeps the password set meanwhile
    run("user", "passwd", "mc.mai", "--password-stdin", "--db", other, input=PASSWORD + "\n",
        check=0)
    f.write_text(json.dumps({**mai, "title": "Phó Chủ tịch UBND xã", "role": "leader",
                             "disabled": True}, ensure_ascii=False) + "\n")
    run("import", "--db", other, str(f), check=0)
    assert re.search(r"^mc\.mai +leader .*\(khóa\)  Phạm Thị Mai, Phó Chủ tịch UBND xã",
                     run("user", "list", "--db", other, check=0).stdout, re.M)
    con = sqlite3.connect(other)
    assert con.execute("SELECT password_hash FROM user WHERE name = 'mc.mai'").fetchone()[0]
    con.close()
    for line, field in (({**mai, "role": "boss"}, "role"), ({**mai, "password": "x"}, "password"),
                        ({**mai, "unit": "000.99.99.H50"}, "unit"),
                        ({**mai, "phone": "số lạ"}, "phone")):
        f.write_text(json.dumps(line, ensure_ascii=False) + "\n")
        p = run("import", "--db", other, str(f), check=2)
        assert "line 1" in p.stderr and "field: %s" % field in p.stderr, p.stderr
