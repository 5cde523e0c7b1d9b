"""The administrator's screens (issue 7): users, units and working windows, procedures,
holidays. Driven as a browser without JavaScript would: plain form posts carrying the page's
`csrf` field, redirects followed to the confirmation; every page checked for well-formedness and
size. The effects are read back through the JSON API and the CLI, which share the store."""
import re

import pytest
import requests

from conftest import login
from motcua import COMMUNE, DEMO, OTHER_COMMUNE, PROVINCE, run
import htmlcheck


def assert_page(response):
    """Admin pages: well-formed, under 50 KB, every visible control labelled (any status)."""
    return htmlcheck.assert_page(response, status=None, labels=True)

PAGES = ["/quan-tri", "/quan-tri/don-vi", "/quan-tri/thu-tuc", "/quan-tri/ngay-nghi"]
COMMUNE_ADMIN = ("qt.giolinh", "qt-giolinh-2025")


class Browser:
    """A cookie session logged in through the login page; posts forms with the csrf field of
    the page (never the X-CSRF-Token header)."""

    def __init__(self, server, name, password):
        self.url = server.url
        self.s = requests.Session()
        r = self.s.post(self.url + "/dang-nhap", data={"username": name, "password": password},
                        allow_redirects=False)
        assert r.status_code == 303, r.text
        self.csrf = None

    def get(self, path, **params):
        r = self.s.get(self.url + path, params=params, allow_redirects=False)
        m = re.search(r'name="csrf" value="([^"]+)"', r.text)
        if m:
            self.csrf = m.group(1)
        return r

    def post(self, path, data, csrf=True):
        if self.csrf is None:
            self.get("/quan-tri/ngay-nghi")
        body = dict(data, csrf=self.csrf) if csrf else dict(data)
        return self.s.post(self.url + path, data=body, allow_redirects=False)


def admin(server):
    return Browser(server, *DEMO["admin"])


@pytest.fixture(scope="module")
def commune_admin(server, demo_db):
    run("user", "add", COMMUNE_ADMIN[0], "--role", "admin", "--unit", COMMUNE, "--password-stdin",
        "--db", demo_db, input=COMMUNE_ADMIN[1] + "\n", check=0)
    return Browser(server, *COMMUNE_ADMIN)


def field_error(html, field):
    """The text of the error shown beside field, or None."""
    m = re.search(r'<p class="field-error" id="(?:err-)?%s">([^<]*)</p>' % re.escape(field), html)
    return m and m.group(1)


def follow(browser, r):
    """Follows a 303 to the page it names and checks that page."""
    assert r.status_code == 303, (r.status_code, r.text[:2000])
    page = browser.get(r.headers["Location"])
    assert page.status_code == 200
    assert_page(page)
    return page


def usernames(server, unit=PROVINCE):
    r = login(server, "admin").get(server.url + "/api/v1/users", params={"unit": unit})
    return {u["username"]: u for u in r.json()["users"]}


def test_admin_adds_a_clerk_who_can_log_in(server):
    b = admin(server)
    page = b.get("/quan-tri")
    assert page.status_code == 200
    assert_page(page)
    assert "Thêm người dùng" in page.text and "Cán bộ một cửa" in page.text
    r = b.post("/quan-tri/nguoi-dung", {"username": "mc.giolinh2", "role": "clerk",
                                         "unit": COMMUNE, "password": "Tiep-nhan-2026"})
    page = follow(b, r)
    assert "Đã thêm người dùng mc.giolinh2" in page.text
    assert "<td>mc.giolinh2</td><td></td><td>Cán bộ một cửa</td><td>UBND xã Gio Linh</td>" \
        in page.text
    assert usernames(server)["mc.giolinh2"]["role"] == "clerk"
    # the new clerk logs in through the login page and lands on the counter
    clerk = Browser(server, "mc.giolinh2", "Tiep-nhan-2026")
    assert clerk.get("/api/v1/session").json()["user"] == {
        "username": "mc.giolinh2", "role": "clerk", "role_label": "Cán bộ một cửa", "unit": COMMUNE}


@pytest.mark.parametrize("name, status, message", [
    ("motcua", 409, "đã có"),            # the demo clerk
    ("Nguyễn Văn A", 400, "Tên đăng nhập"),
    ("", 400, "Hãy nhập tên đăng nhập"),
])
def test_bad_user_name_is_shown_beside_the_field(server, name, status, message):
    b = admin(server)
    before = usernames(server)
    r = b.post("/quan-tri/nguoi-dung", {"username": name, "role": "specialist", "unit": COMMUNE,
                                         "password": "Mat-khau-dai-2026"})
    assert r.status_code == status, r.text[:2000]
    assert_page(r)
    error = field_error(r.text, "username")
    assert error and message in error, error
    # beside the field: right after the user name input, inside its group
    assert re.search(r'id="n-username"[^>]*>\s*<p class="field-error" id="(?:err-)?username">',
                     r.text)
    # the form keeps what was typed, except the password
    assert 'value="Mat-khau-dai-2026"' not in r.text
    assert usernames(server) == before


def test_bad_role_unit_and_password_are_refused(server):
    b = admin(server)
    before = usernames(server)
    r = b.post("/quan-tri/nguoi-dung", {"username": "cv.moi", "role": "superuser", "unit": COMMUNE,
                                         "password": "Mat-khau-dai-2026"})
    assert r.status_code == 400 and field_error(r.text, "role")
    r = b.post("/quan-tri/nguoi-dung", {"username": "cv.moi", "role": "clerk", "unit": COMMUNE,
                                         "password": "ngan"})
    assert r.status_code == 400 and "8" in field_error(r.text, "password")
    assert_page(r)
    r = b.post("/quan-tri/nguoi-dung", {"username": "cv.moi", "role": "clerk",
                                         "unit": "999.99.99.Z99", "password": "Mat-khau-dai-2026"})
    assert r.status_code == 403 and field_error(r.text, "unit")
    assert usernames(server) == before


def test_reset_password(server, commune_admin):
    b = admin(server)
    r = b.post("/quan-tri/nguoi-dung", {"username": "cv.reset", "role": "specialist",
                                         "unit": COMMUNE, "password": "Mat-khau-cu-2026"})
    assert r.status_code == 303
    page = b.get("/quan-tri", **{"dat-lai": "cv.reset"})
    assert page.status_code == 200 and 'action="/quan-tri/nguoi-dung/cv.reset/mat-khau"' in page.text
    assert_page(page)
    old = Browser(server, "cv.reset", "Mat-khau-cu-2026")
    # too short: the error beside the field, nothing changed
    r = b.post("/quan-tri/nguoi-dung/cv.reset/mat-khau", {"password": "ngan"})
    assert r.status_code == 400 and field_error(r.text, "password")
    assert_page(r)
    assert old.get("/api/v1/session").status_code == 200
    r = b.post("/quan-tri/nguoi-dung/cv.reset/mat-khau", {"password": "Mat-khau-moi-2026"})
    assert "Đã đặt lại mật khẩu của cv.reset" in follow(b, r).text
    # the old session ended, the old password fails, the new one works
    assert old.get("/api/v1/session").status_code == 401
    assert requests.post(server.url + "/api/v1/session", json={
        "username": "cv.reset", "password": "Mat-khau-cu-2026"}).status_code == 401
    Browser(server, "cv.reset", "Mat-khau-moi-2026")
    # scope: a commune admin may not reset the provincial leader's password; unknown is 404
    r = commune_admin.post("/quan-tri/nguoi-dung/lanhdao/mat-khau", {"password": "Chiem-quyen-2026"})
    assert r.status_code == 403
    assert_page(r)
    assert b.post("/quan-tri/nguoi-dung/khong.co.ai/mat-khau",
                  {"password": "Mat-khau-moi-2026"}).status_code == 404
    Browser(server, *DEMO["leader"])


def test_commune_admin_sees_only_their_tree(server, commune_admin):
    page = commune_admin.get("/quan-tri")
    assert page.status_code == 200
    assert "<td>motcua</td>" in page.text and "<td>lanhdao</td>" not in page.text
    r = commune_admin.post("/quan-tri/nguoi-dung", {"username": "mc.tinh", "role": "clerk",
                                                     "unit": PROVINCE, "password": "Mat-khau-2026x"})
    assert r.status_code == 403 and field_error(r.text, "unit")
    assert "mc.tinh" not in usernames(server)


@pytest.mark.parametrize("role", ["leader", "clerk", "specialist"])
def test_other_roles_get_403(server, role):
    b = Browser(server, *DEMO[role])
    for path in PAGES:
        r = b.get(path)
        assert r.status_code == 403, path
        assert_page(r)
    r = b.post("/quan-tri/nguoi-dung", {"username": "x.y", "role": "admin", "unit": PROVINCE,
                                         "password": "Mat-khau-2026x"})
    assert r.status_code == 403
    assert "x.y" not in usernames(server)


def test_the_public_is_sent_to_the_login_page(server):
    for path in PAGES:
        r = requests.get(server.url + path, allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].startswith("/dang-nhap?next="), path


def due(demo_db, unit):
    return run("calendar", "due", "--from", "2023-10-06T16:30:00+07:00", "--limit", "1d",
               "--db", demo_db, "--unit", unit, check=0).stdout.strip()


def test_working_windows_change_the_due_date(server, demo_db):
    b = admin(server)
    assert due(demo_db, OTHER_COMMUNE) == "2023-10-09T16:30:00+07:00"
    page = b.get("/quan-tri/don-vi", unit=OTHER_COMMUNE)
    assert page.status_code == 200
    assert_page(page)
    assert "Giờ làm việc: UBND xã Cồn Tiên" in page.text
    weekdays = "07:00-11:30,13:30-17:00"
    form = {d: weekdays for d in ("mon", "tue", "wed", "thu", "fri")} | {"sat": "07:00-11:30",
                                                                         "sun": ""}
    # a bad window is shown beside its day and changes nothing
    r = b.post(f"/quan-tri/don-vi/{OTHER_COMMUNE}/gio-lam-viec", form | {"tue": "17:00-07:00"})
    assert r.status_code == 400 and field_error(r.text, "tue")
    assert 'value="17:00-07:00"' in r.text
    assert_page(r)
    r = b.post(f"/quan-tri/don-vi/{OTHER_COMMUNE}/gio-lam-viec", {d: "" for d in form})
    assert r.status_code == 400 and field_error(r.text, "windows")
    assert due(demo_db, OTHER_COMMUNE) == "2023-10-09T16:30:00+07:00"
    # Saturday morning open: Fri 0.5 h + Sat 4.5 h + Mon 3 h (tests/e2e/test_calendar.py)
    r = b.post(f"/quan-tri/don-vi/{OTHER_COMMUNE}/gio-lam-viec", form)
    page = follow(b, r)
    assert "Đã lưu giờ làm việc của đơn vị UBND xã Cồn Tiên" in page.text
    assert 'name="sat" value="07:00-11:30"' in page.text
    assert due(demo_db, OTHER_COMMUNE) == "2023-10-09T10:00:00+07:00"
    assert due(demo_db, COMMUNE) == "2023-10-09T16:30:00+07:00"
    # outside the admin's tree: refused
    r = b.post("/quan-tri/don-vi/999.99.99.Z99/gio-lam-viec", form)
    assert r.status_code == 403


def test_units_add_and_update(server, commune_admin):
    b = admin(server)
    units = lambda: {u["code"]: u for u in requests.get(
        server.url + "/api/v1/catalogue/units").json()["units"]}
    unit = {"code": "000.02.52.H50", "name": "Bộ phận Một cửa xã Gio Linh", "level": "department",
            "parent": COMMUNE, "valid_from": "2025-07-01", "valid_to": "", "successor": ""}
    page = follow(b, b.post("/quan-tri/don-vi", unit))
    assert "Đã lưu đơn vị Bộ phận Một cửa xã Gio Linh" in page.text
    assert units()["000.02.52.H50"] == {"code": "000.02.52.H50", "name": unit["name"],
                                        "level": "department", "parent": COMMUNE,
                                        "valid_from": "2025-07-01"}
    # the same checks as an interchange line, each beside its field
    for bad, field in ((unit | {"code": "12.34"}, "code"),
                       (unit | {"level": "village"}, "level"),
                       (unit | {"valid_from": "2025-13-01"}, "valid_from"),
                       (unit | {"valid_to": "2025-01-01"}, "valid_to"),
                       (unit | {"name": ""}, "name"),
                       (unit | {"parent": ""}, "parent")):
        r = b.post("/quan-tri/don-vi", bad)
        assert r.status_code == 400, (field, r.text[:3000])
        assert field_error(r.text, field), field
        assert_page(r)
    # a successor outside the tree, or a unit outside it, is refused for a commune admin
    r = commune_admin.post("/quan-tri/don-vi", unit | {"successor": OTHER_COMMUNE})
    assert r.status_code == 403 and field_error(r.text, "successor")
    r = commune_admin.post("/quan-tri/don-vi", unit | {"code": OTHER_COMMUNE})
    assert r.status_code == 403
    # update: the abolished unit gets its end date and successor
    page = follow(b, b.post("/quan-tri/don-vi", unit | {"valid_to": "2026-12-31",
                                                       "successor": COMMUNE}))
    assert units()["000.02.52.H50"]["successor"] == COMMUNE
    assert "31/12/2026" in b.get("/quan-tri/don-vi").text


def test_procedure_form(server):
    b = admin(server)
    proc = {"code": "2.002226", "name": "Thủ tục cấp giấy xác nhận thử nghiệm", "field": "HT",
            "level": "commune", "limit": "4", "limit_unit": "hours", "online": "partial",
            "fee": "15.000",
            "components": "* Tờ khai theo mẫu\r\nBản sao giấy tờ tùy thân\r\n\r\n*Giấy ủy quyền\r\n"}
    page = follow(b, b.post("/quan-tri/thu-tuc", proc))
    assert "Đã lưu thủ tục 2.002226" in page.text
    got = requests.get(server.url + "/api/v1/catalogue/procedures/2.002226").json()
    assert got["name"] == proc["name"] and got["field"] == "HT" and got["level"] == "commune"
    assert got["processing"] == {"hours": 4} and got["online"] == "partial" and got["fee"] == 15000
    assert got["components"] == [{"name": "Tờ khai theo mẫu", "required": True},
                                 {"name": "Bản sao giấy tờ tùy thân", "required": False},
                                 {"name": "Giấy ủy quyền", "required": True}]
    # the edit form comes back filled in
    page = b.get("/quan-tri/thu-tuc", ma="2.002226")
    assert_page(page)
    assert "* Tờ khai theo mẫu\nBản sao giấy tờ tùy thân\n* Giấy ủy quyền" in page.text
    # search narrows the list, with or without diacritics
    page = b.get("/quan-tri/thu-tuc", q="giay xac nhan thu nghiem")
    assert ">2.002226</a>" in page.text and ">1.001193</a>" not in page.text
    # rejected as an interchange line would be, beside the field, nothing stored
    for bad, field in ((proc | {"code": "2.0022"}, "code"),
                       (proc | {"field": "ZZ"}, "field"),
                       (proc | {"limit": "0"}, "processing"),
                       (proc | {"limit": "abc"}, "processing"),
                       (proc | {"fee": "-5"}, "fee"),
                       (proc | {"online": "sometimes"}, "online")):
        r = b.post("/quan-tri/thu-tuc", bad | {"code": bad["code"].replace("226", "227")})
        assert r.status_code == 400, (field, r.text[:3000])
        assert field_error(r.text, field), field
        assert_page(r)
    assert requests.get(server.url + "/api/v1/catalogue/procedures/2.002227").status_code == 404


def test_commune_admin_cannot_change_the_catalogue(server, commune_admin):
    page = commune_admin.get("/quan-tri/thu-tuc")
    assert page.status_code == 200 and 'method="post" action="/quan-tri/thu-tuc"' not in page.text
    r = commune_admin.post("/quan-tri/thu-tuc", {"code": "2.002228", "name": "X", "field": "HT",
                                                 "level": "commune", "limit": "1",
                                                 "limit_unit": "days", "online": "none"})
    assert r.status_code == 403
    assert requests.get(server.url + "/api/v1/catalogue/procedures/2.002228").status_code == 404


TSV_2027 = ("date\tkind\tname\tsource\n"
            "2027-01-01\tholiday\tTết Dương lịch\tThông báo thử nghiệm\n"
            "2027-02-05\tholiday\tTết Nguyên đán\tThông báo thử nghiệm\n"
            "2027-02-08\tholiday\tTết Nguyên đán\tThông báo thử nghiệm\n"
            "2027-02-20\tswapped_working\tLàm bù\tThông báo thử nghiệm\n")


def test_loading_a_year_through_the_form(server, commune_admin):
    b = admin(server)
    page = b.get("/quan-tri/ngay-nghi", year="2026")
    assert page.status_code == 200
    assert_page(page)
    assert "Thứ Ba, 17/02/2026" in page.text  # Tết
    assert "Số ngày làm việc của đơn vị</dt><dd>249</dd>" in page.text
    assert "Nghỉ bù" in page.text and "Công văn 12729/VPCP-KGVX" in page.text
    before = requests.get(server.url + "/api/v1/calendar/2027").json()
    # a bad line: its number beside the text, nothing stored
    r = b.post("/quan-tri/ngay-nghi", {"year": "2027",
                                       "tsv": TSV_2027 + "2027-02-30\tholiday\tX\tY\n"})
    assert r.status_code == 400
    assert_page(r)
    assert "dòng 6" in field_error(r.text, "tsv")
    assert requests.get(server.url + "/api/v1/calendar/2027").json() == before
    # CRLF as a browser sends a textarea
    r = b.post("/quan-tri/ngay-nghi", {"year": "2027", "tsv": TSV_2027.replace("\n", "\r\n")})
    page = follow(b, r)
    assert "Đã nạp lịch nghỉ năm 2027" in page.text and "Thứ Sáu, 05/02/2027" in page.text
    doc = requests.get(server.url + "/api/v1/calendar/2027").json()
    assert [d["date"] for d in doc["days_off"]] == ["2027-01-01", "2027-02-05", "2027-02-08"]
    assert [d["date"] for d in doc["extra_working_days"]] == ["2027-02-20"]
    assert doc != before
    # a commune admin sees the calendar but no form, and may not post
    page = commune_admin.get("/quan-tri/ngay-nghi", year="2027")
    assert page.status_code == 200 and 'name="tsv"' not in page.text
    assert "05/02/2027" in page.text
    r = commune_admin.post("/quan-tri/ngay-nghi", {"year": "2027", "tsv": TSV_2027})
    assert r.status_code == 403
    assert_page(r)
    assert b.get("/quan-tri/ngay-nghi", year="20x7").status_code == 400


def test_posts_without_the_csrf_field_are_refused(server):
    b = admin(server)
    before = usernames(server)
    posts = {
        "/quan-tri/nguoi-dung": {"username": "khong.csrf", "role": "clerk", "unit": COMMUNE,
                                 "password": "Mat-khau-2026x"},
        "/quan-tri/nguoi-dung/motcua/mat-khau": {"password": "Mat-khau-2026x"},
        "/quan-tri/don-vi": {"code": "000.03.52.H50", "name": "X", "level": "department",
                             "parent": COMMUNE},
        f"/quan-tri/don-vi/{COMMUNE}/gio-lam-viec": {"mon": "07:00-08:00"},
        "/quan-tri/thu-tuc": {"code": "2.002229", "name": "X", "field": "HT", "level": "commune",
                              "limit": "1", "limit_unit": "days", "online": "none"},
        "/quan-tri/ngay-nghi": {"year": "2029", "tsv": TSV_2027.replace("2027", "2029")},
    }
    for path, data in posts.items():
        r = b.post(path, data, csrf=False)
        assert r.status_code == 403, path
        assert_page(r)
        r = b.post(path, data | {"csrf": "x" * 43}, csrf=False)
        assert r.status_code == 403, path
    assert usernames(server) == before
    assert requests.get(server.url + "/api/v1/catalogue/procedures/2.002229").status_code == 404
    Browser(server, *DEMO["clerk"])  # the clerk's password did not change


def test_every_admin_page_is_well_formed_and_small(server, commune_admin):
    b = admin(server)
    paths = PAGES + ["/quan-tri?don-vi=" + COMMUNE, "/quan-tri?dat-lai=motcua",
                     "/quan-tri/don-vi?unit=" + COMMUNE, "/quan-tri/thu-tuc?ma=1.001193",
                     "/quan-tri/thu-tuc?q=khai+sinh", "/quan-tri/ngay-nghi?year=2031",
                     "/quan-tri?xong=them&ten=%3Cscript%3E"]
    for who in (b, commune_admin):
        for path in paths:
            r = who.get(path)
            assert r.status_code == 200, path
            assert_page(r)
            assert "<script>" not in r.text
