"""The clerk's and the specialist's screens (issue 7), driven as a browser without JavaScript
would: plain GETs and form posts with the hidden CSRF field. A clerk takes a dossier in at
/tiep-nhan and lands on its Mẫu 01 receipt, transfers it to the specialist, who finds it on
/ho-so-cua-toi and resolves it from the dossier page; the clerk hands the result back from
/quay. Each dossier page offers exactly the actions the lifecycle allows the caller's role in
the dossier's state. Every page is well-formed HTML under 50 KB (htmlcheck.py)."""
import re

import pytest
import requests

from conftest import login
from motcua import COMMUNE, OTHER_COMMUNE, run
from htmlcheck import check_page

PROCEDURE = "1.004873"

# The lifecycle of docs/INTERFACES.md §2 (core/lifecycle.c), written out again as the test's oracle:
# the states from which each action is legal, and the roles that may take it.
ALL_STATES = {"submitted", "received", "refused", "processing", "supplement",
              "awaiting_payment", "withdrawal_requested", "stopped", "resolved", "returned"}
FROM_RECEIVED = ALL_STATES - {"submitted", "refused"}
LEGAL = {
    "receive": {"submitted"},
    "refuse": {"submitted"},
    "guide": {"submitted"},
    "transfer": {"received", "processing", "withdrawal_requested"},
    "request_supplement": {"received", "processing"},
    "supplement": {"supplement"},
    "request_payment": {"received", "processing"},
    "pay": FROM_RECEIVED,
    "request_withdrawal": {"processing"},
    "stop": {"received", "processing", "supplement", "awaiting_payment", "withdrawal_requested"},
    "resolve": {"received", "processing"},
    "return": {"resolved"},
    "apologize": {"received", "processing", "supplement", "awaiting_payment"},
    "digitize": ALL_STATES,
    "comment": ALL_STATES,
}
ROLES = {
    "receive": {"clerk"}, "refuse": {"clerk"}, "guide": {"clerk"}, "supplement": {"clerk"},
    "pay": {"clerk"}, "request_withdrawal": {"clerk"}, "return": {"clerk"},
    "digitize": set(),  # a file upload digitizes, not an action form
}
OFFICER_ACTIONS = {"clerk", "specialist", "leader"}


def expected_actions(role, state):
    return {a for a, states in LEGAL.items()
            if state in states and role in ROLES.get(a, OFFICER_ACTIONS)}


def offered_actions(html):
    return set(re.findall(r'<input type="hidden" name="action" value="([a-z_]+)">', html))


def has_input(html, *flags, **attrs):
    """Whether an <input> of html has the attributes attrs (name=value) and the bare flags
    ("checked"), in whatever order."""
    for tag in re.findall(r"<input\b[^>]*>", html):
        values = dict(re.findall(r'([a-z-]+)="([^"]*)"', tag))
        words = set(re.findall(r"\s([a-z-]+)(?=[\s>])", re.sub(r'"[^"]*"', '""', tag)))
        if all(values.get(k) == v for k, v in attrs.items()) and words.issuperset(flags):
            return True
    return False


def page(session, server, path, status=200, **kw):
    r = session.get(server.url + path, allow_redirects=False, **kw)
    assert r.status_code == status, (path, r.status_code, r.text[:500])
    check_page(r)
    return r


def post(session, server, path, data, status=303):
    """A form post as the browser sends it: the CSRF token in the hidden field only."""
    body = dict(data)
    body.setdefault("csrf", session.headers["X-CSRF-Token"])
    headers = {"X-CSRF-Token": None}  # requests drops a header set to None
    r = session.post(server.url + path, data=body, headers=headers, allow_redirects=False)
    assert r.status_code == status, (path, r.status_code, r.text[:800])
    if status != 303:
        check_page(r)
    return r


def upload(session, server, path, data, file, status=303):
    """A multipart form post with one file (the part "file", or a (part, file) pair), as the
    browser sends it."""
    body = dict(data)
    body.setdefault("csrf", session.headers["X-CSRF-Token"])
    part, file = file if isinstance(file[1], tuple) else ("file", file)
    r = session.post(server.url + path, data=body, files={part: file},
                     headers={"X-CSRF-Token": None}, allow_redirects=False)
    assert r.status_code == status, (path, r.status_code, r.text[:800])
    return r


def state_of(session, server, code):
    return session.get(server.url + "/api/v1/dossiers/" + code).json()["state"]


@pytest.fixture(scope="module")
def clerk(server):
    return login(server, "clerk")


@pytest.fixture(scope="module")
def specialist(server):
    return login(server, "specialist")


@pytest.fixture(scope="module")
def leader(server):
    return login(server, "leader")


@pytest.fixture(scope="module")
def catalogue(server):
    p = requests.get(server.url + "/api/v1/catalogue/procedures/" + PROCEDURE).json()
    return p["components"]


def intake_form(catalogue, **over):
    required = [str(i) for i, c in enumerate(catalogue) if c["required"]]
    data = {"procedure": PROCEDURE, "channel": "direct", "component": required,
            "name": "Nguyễn Văn Đức", "phone": "0912345678",
            "id_number": "045090001234", "address": "Gio Linh, Quảng Trị"}
    data.update(over)
    return data


def take_in(clerk, server, catalogue, **over):
    r = post(clerk, server, "/tiep-nhan", intake_form(catalogue, **over))
    m = re.fullmatch(r"/dossiers/([^/]+)/forms/01", r.headers["Location"])
    assert m, r.headers["Location"]
    return m.group(1)


def test_intake_form_picks_a_procedure_with_or_without_diacritics(clerk, server, catalogue):
    html = page(clerk, server, "/tiep-nhan").text
    assert '<select id="procedure" name="procedure"' in html
    assert 'data-filter="procedure"' in html and "<label" in html
    assert 'name="csrf"' not in html.split("<h2>1.")[1].split("</form>")[0]  # GET picker
    for q in ("hôn nhân", "hon nhan", "HON NHAN"):
        narrowed = page(clerk, server, "/tiep-nhan", params={"q": q}).text
        assert f'value="{PROCEDURE}"' in narrowed, q
        assert narrowed.count("<option") < html.count("<option")
    chosen = page(clerk, server, "/tiep-nhan", params={"procedure": PROCEDURE}).text
    assert f'<option value="{PROCEDURE}" selected>' in chosen
    for i, c in enumerate(catalogue):
        assert has_input(chosen, type="checkbox", name="component", id=f"component-{i}",
                         value=str(i))
        assert has_input(chosen, type="file", name=f"file-{i}", id=f"file-{i}")
        assert c["name"] in chosen
    assert chosen.count("(bắt buộc)") == sum(c["required"] for c in catalogue)
    for channel in ("direct", "postal", "online"):
        assert f'value="{channel}"' in chosen
    assert "Không thu" in chosen  # the procedure's fee, 0
    assert re.search(r'<form class="stack" method="post" enctype="multipart/form-data" '
                     r'action="/tiep-nhan"><h2>2\. Hồ sơ</h2><input type="hidden" name="csrf"',
                     chosen)
    page(clerk, server, "/tiep-nhan", status=404, params={"procedure": "9.999999"})


def test_intake_prints_the_receipt(clerk, server, catalogue):
    code = take_in(clerk, server, catalogue)
    assert code.startswith(COMMUNE + "-")
    receipt = clerk.get(server.url + f"/dossiers/{code}/forms/01")
    assert receipt.status_code == 200 and code in receipt.text
    d = clerk.get(server.url + "/api/v1/dossiers/" + code).json()
    assert d["state"] == "received" and d["channel"] == "direct"
    assert d["applicant"]["name"] == "Nguyễn Văn Đức"
    required = [c["name"] for c in catalogue if c["required"]]
    assert [c["name"] for c in d["components"]] == required
    assert not any(c["digitized"] for c in d["components"])  # a scan makes it digitized

    # the clerk scans the first paper from the dossier's page (a phone photo is fine)
    r = upload(clerk, server, f"/ho-so/{code}/tai-lieu", {"kind": "component", "name": required[0]},
               ("anh.jpg", b"\xff\xd8\xff\xe0" + b"x" * 64, "image/jpeg"))
    assert r.headers["Location"] == f"/ho-so/{code}#tai-lieu"
    d = clerk.get(server.url + "/api/v1/dossiers/" + code).json()
    assert d["components"][0]["digitized"] is True
    html = page(clerk, server, f"/ho-so/{code}").text
    assert "Có (mở tệp)" in html and "Thay bản quét" in html
    # a wrong scan is replaced: the old one stays in the record, marked
    upload(clerk, server, f"/ho-so/{code}/tai-lieu", {"kind": "component", "name": required[0]},
           ("lai.pdf", b"%PDF-1.4 lan hai", "application/pdf"))
    html = page(clerk, server, f"/ho-so/{code}").text
    assert html.count("(đã thay bằng bản mới)") == 1
    # a file that is not a PDF, JPEG or PNG is refused beside the field, nothing attached
    r = upload(clerk, server, f"/ho-so/{code}/tai-lieu", {"kind": "component", "name": required[0]},
               ("x.exe", b"MZ\x90\x00", "application/octet-stream"), status=415)
    assert len(clerk.get(server.url + f"/api/v1/dossiers/{code}/documents").json()["documents"]) == 2


def test_intake_takes_the_scans_at_the_counter(clerk, server, catalogue):
    """The clerk scans the papers while receiving: each file, with the intake, makes its paper
    digitized; a file that is not a PDF, JPEG or PNG is refused beside its input and nothing is
    received."""
    required = [i for i, c in enumerate(catalogue) if c["required"]]
    first = required[0]
    form = intake_form(catalogue, name="Phan Văn Quét")
    bad = upload(clerk, server, "/tiep-nhan", form,
                 (f"file-{first}", ("x.exe", b"MZ\x90\x00", "application/octet-stream")), status=415)
    assert f'id="err-file-{first}"' in bad.text and 'value="Phan Văn Quét"' in bad.text
    r = upload(clerk, server, "/tiep-nhan", form,
               (f"file-{first}", ("to-khai.jpg", b"\xff\xd8\xff\xe0" + b"q" * 64, "image/jpeg")))
    code = re.fullmatch(r"/dossiers/([^/]+)/forms/01", r.headers["Location"]).group(1)
    d = clerk.get(server.url + "/api/v1/dossiers/" + code).json()
    assert [c["digitized"] for c in d["components"]] == [i == first for i in required]
    docs = clerk.get(server.url + f"/api/v1/dossiers/{code}/documents").json()["documents"]
    assert [(x["kind"], x["name"]) for x in docs] == [("component", catalogue[first]["name"])]
    hits = clerk.get(server.url + "/api/v1/dossiers", params={"q": "Phan Văn Quét"}).json()
    assert [x["code"] for x in hits["dossiers"]] == [code]  # the refused post received nothing


def test_intake_errors_beside_the_field_with_values_kept(clerk, server, catalogue):
    r = post(clerk, server, "/tiep-nhan", intake_form(catalogue, component=[]), status=422)
    assert '<p class="field-error" id="err-components">Thiếu thành phần hồ sơ bắt buộc' in r.text
    assert 'value="Nguyễn Văn Đức"' in r.text and 'value="0912345678"' in r.text
    assert has_input(r.text, "checked", type="radio", id="channel-direct", value="direct")
    r = post(clerk, server, "/tiep-nhan", intake_form(catalogue, phone="09"), status=400)
    assert '<p class="field-error" id="err-phone">Số điện thoại không hợp lệ' in r.text
    r = post(clerk, server, "/tiep-nhan", intake_form(catalogue, phone="", id_number=""),
             status=400)
    assert '<p class="field-error" id="err-phone">' in r.text
    r = post(clerk, server, "/tiep-nhan", intake_form(catalogue, name=""), status=400)
    assert '<p class="field-error" id="err-name">Hãy nhập họ và tên' in r.text
    r = post(clerk, server, "/tiep-nhan", intake_form(catalogue, email="khong-phai-thu"),
             status=400)
    assert '<p class="field-error" id="err-email">' in r.text
    r = post(clerk, server, "/tiep-nhan", intake_form(catalogue, procedure="9.999999"),
             status=422)
    assert "Không có thủ tục này" in r.text


def test_specialist_and_leader_may_not_take_in(specialist, leader, server):
    page(specialist, server, "/tiep-nhan", status=403)
    page(specialist, server, "/quay", status=403)
    page(leader, server, "/tiep-nhan", status=403)


def test_anonymous_visitor_is_sent_to_login(server):
    for path in ("/quay", "/tiep-nhan", "/ho-so", "/ho-so-cua-toi", "/ho-so/x"):
        r = requests.get(server.url + path, allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].startswith("/dang-nhap?next="), path


def test_the_whole_flow_through_the_pages(clerk, specialist, leader, server, catalogue):
    code = take_in(clerk, server, catalogue, name="Trần Thị Hồng Đào", phone="0987654321",
                   id_number="045190009876")
    path = "/ho-so/" + code

    # received: each role sees exactly what the lifecycle allows it
    html = page(clerk, server, path).text
    assert code in html and "Trần Thị Hồng Đào" in html and "Được tiếp nhận" in html
    # received today: the forms of Circular 03/2025, whose control sheet is 06
    assert f'href="/dossiers/{code}/forms/01"' in html and f"/dossiers/{code}/forms/06" in html
    assert f"/dossiers/{code}/forms/03" not in html
    assert offered_actions(html) == expected_actions("clerk", "received")
    assert "Chuyển xử lý" in html and "Trả kết quả" not in html
    for role, session in (("specialist", specialist), ("leader", leader)):
        assert offered_actions(page(session, server, path).text) == \
            expected_actions(role, "received"), role
    assert offered_actions(page(login(server, "admin"), server, path).text) == set()

    # the clerk transfers it to the specialist, who finds it among their dossiers
    assert code not in page(specialist, server, "/ho-so-cua-toi").text.split(
        "Hồ sơ đang giải quyết của đơn vị")[0]
    r = post(clerk, server, path + "/thao-tac",
             {"action": "transfer", "to": COMMUNE, "handler": "chuyenvien"})
    assert r.headers["Location"] == path
    assert state_of(clerk, server, code) == "processing"
    mine = page(specialist, server, "/ho-so-cua-toi").text
    assigned = mine.split("Hồ sơ đang giải quyết của đơn vị")[0]
    assert f'href="/ho-so/{code}"' in assigned and "Đang xử lý" in assigned
    html = page(specialist, server, path).text
    assert offered_actions(html) == expected_actions("specialist", "processing")
    assert "Người xử lý: chuyenvien" in html  # the history tells where it went

    # a rejection needs a reason: the error stands beside the field, the form stays open
    r = post(specialist, server, path + "/thao-tac", {"action": "resolve", "outcome": "rejected"},
             status=400)
    assert '<p class="field-error" id="err-reason">' in r.text
    assert '<details class="action" open><summary>Có kết quả giải quyết' in r.text
    assert has_input(r.text, "checked", type="radio", id="resolve-rejected", name="outcome",
                     value="rejected")
    assert state_of(clerk, server, code) == "processing"

    # the specialist resolves it from the page, the result's file in the same step
    r = upload(specialist, server, path + "/tai-lieu", {"action": "resolve", "outcome": "approved"},
               ("ket-qua.pdf", b"%PDF-1.4 giay xac nhan", "application/pdf"))
    assert r.headers["Location"] == path
    d = clerk.get(server.url + "/api/v1/dossiers/" + code).json()
    assert d["state"] == "resolved" and d["outcome"] == "approved"
    assert d["result_digitized"] is True
    html = page(specialist, server, path).text
    assert offered_actions(html) == expected_actions("specialist", "resolved")
    assert "Chấp thuận" in html and "Đã xử lý xong" in html

    # the clerk hands the result back from the counter
    counter = page(clerk, server, "/quay").text
    ready = counter.split("Kết quả chờ trả cho người nộp")[1]
    assert f'action="/ho-so/{code}/thao-tac"' in ready
    assert "Tiếp nhận hồ sơ mới" in counter and 'href="/tiep-nhan"' in counter
    # an irreversible action asks first, with what was typed kept; who collected is required
    r = post(clerk, server, path + "/thao-tac", {"action": "return", "next": "/quay"}, status=400)
    assert 'id="err-collector"' in r.text
    ask = {"action": "return", "next": "/quay", "collector": "Nguyễn Văn Nam"}
    r = post(clerk, server, path + "/thao-tac", ask, status=200)
    assert 'name="confirm" value="return"' in r.text and "Xác nhận: Trả kết quả" in r.text
    assert has_input(r.text, name="collector", value="Nguyễn Văn Nam")
    assert state_of(clerk, server, code) == "resolved"
    r = post(clerk, server, path + "/thao-tac", dict(ask, confirm="return"))
    assert r.headers["Location"] == f"/quay?xong={code}&thao-tac=return"
    notice = page(clerk, server, r.headers["Location"]).text
    assert "Đã thực hiện “Trả kết quả”" in notice
    assert state_of(clerk, server, code) == "returned"
    assert f'action="/ho-so/{code}/thao-tac"' not in notice
    html = page(clerk, server, path).text
    assert offered_actions(html) == expected_actions("clerk", "returned")
    history = html.split("Quá trình xử lý")[1]
    for label in ("Tiếp nhận hồ sơ", "Chuyển xử lý", "Có kết quả giải quyết", "Trả kết quả"):
        assert label in history, label
    assert re.search(r"<td>\d\d:\d\d \d\d/\d\d/\d{4}</td>", history)


def test_earlier_result_reused_as_a_paper(clerk, specialist, server, catalogue):
    """An applicant's earlier electronic result is offered on the next dossier and attached
    with one click, without a new paper (what the State holds is not asked again)."""
    first = take_in(clerk, server, catalogue, name="Lê Văn Tám", id_number="045190005555")
    post(clerk, server, f"/ho-so/{first}/thao-tac",
         {"action": "transfer", "to": COMMUNE, "handler": "chuyenvien"})
    upload(specialist, server, f"/ho-so/{first}/tai-lieu", {"action": "resolve", "outcome": "approved"},
           ("ket-qua.pdf", b"%PDF-1.4 ket qua lan truoc", "application/pdf"))
    second = take_in(clerk, server, catalogue, name="Lê Văn Tám", id_number="045190005555")
    other = take_in(clerk, server, catalogue, name="Người khác", id_number="045190006666")
    assert "Kết quả điện tử đã có của người nộp" not in page(clerk, server, f"/ho-so/{other}").text
    html = page(clerk, server, f"/ho-so/{second}").text
    offer = html.split("Kết quả điện tử đã có của người nộp")[1].split("</ul>")[0]
    assert f"(hồ sơ {first})" in offer and f'action="/ho-so/{second}/dung-lai"' in offer
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', offer).group(1)
    paper = catalogue[[c["required"] for c in catalogue].index(True)]["name"]
    # a file that is not this applicant's earlier result is refused, nothing attached
    post(clerk, server, f"/ho-so/{second}/dung-lai",
         {"from": first, "sha256": "0" * 64, "name": paper}, status=422)
    r = post(clerk, server, f"/ho-so/{second}/dung-lai", {"from": first, "sha256": sha, "name": paper})
    assert r.headers["Location"] == f"/ho-so/{second}#tai-lieu"
    docs = clerk.get(server.url + f"/api/v1/dossiers/{second}/documents").json()["documents"]
    assert [(d["sha256"], d["name"], d.get("reused_from")) for d in docs] == [(sha, paper, first)]
    d = clerk.get(server.url + "/api/v1/dossiers/" + second).json()
    assert next(c for c in d["components"] if c["name"] == paper)["digitized"] is True
    assert f"(dùng lại từ hồ sơ {first})" in page(clerk, server, f"/ho-so/{second}").text


def test_online_filing_refused_at_the_counter(clerk, server, catalogue):
    body = {"procedure": PROCEDURE, "unit": COMMUNE, "channel": "online",
            "applicant": {"name": "Lê Văn Bình", "phone": "0911222333"},
            "components": [{"name": c["name"]} for c in catalogue if c["required"]]}
    r = requests.post(server.url + "/api/v1/dossiers", json=body)  # a citizen, no login
    assert r.status_code == 201, r.text
    code = r.json()["code"]
    counter = page(clerk, server, "/quay").text
    waiting = counter.split("Hồ sơ nộp trực tuyến chờ tiếp nhận")[1].split("Kết quả chờ trả")[0]
    assert code in waiting and "Lê Văn Bình" in waiting
    assert waiting.count(f'action="/ho-so/{code}/thao-tac"') == 3  # receive, refuse, guide
    html = page(clerk, server, "/ho-so/" + code).text
    assert offered_actions(html) == expected_actions("clerk", "submitted") == \
        {"receive", "refuse", "guide", "comment"}
    # a refusal needs a reason
    r = post(clerk, server, f"/ho-so/{code}/thao-tac",
             {"action": "refuse", "next": "/quay"}, status=400)
    assert '<p class="field-error" id="err-reason">Cần nhập lý do từ chối (in trên Mẫu 03)' in r.text
    r = post(clerk, server, f"/ho-so/{code}/thao-tac",
             {"action": "refuse", "reason": "Không thuộc thẩm quyền", "next": "/quay",
              "confirm": "refuse"})
    assert r.headers["Location"] == f"/quay?xong={code}&thao-tac=refuse"
    notice = page(clerk, server, r.headers["Location"]).text
    assert f'href="/dossiers/{code}/forms/03"' in notice
    assert clerk.get(server.url + f"/dossiers/{code}/forms/03").status_code == 200
    assert state_of(clerk, server, code) == "refused"
    html = page(clerk, server, "/ho-so/" + code).text
    assert f'href="/dossiers/{code}/forms/03"' in html
    assert f"/dossiers/{code}/forms/01" not in html  # never received
    assert offered_actions(html) == expected_actions("clerk", "refused")


def test_supplement_request_leads_to_its_form(clerk, specialist, server, catalogue):
    code = take_in(clerk, server, catalogue)
    r = post(specialist, server, f"/ho-so/{code}/thao-tac",
             {"action": "request_supplement", "items": "Bản sao CCCD\r\n\r\nẢnh 4x6\n",
              "reason": "Thiếu giấy tờ"})
    assert r.headers["Location"] == f"/dossiers/{code}/forms/02"
    d = clerk.get(server.url + "/api/v1/dossiers/" + code).json()
    assert d["state"] == "supplement"
    assert d["events"][-1]["items"] == ["Bản sao CCCD", "Ảnh 4x6"]
    html = page(clerk, server, "/ho-so/" + code).text
    assert f'href="/dossiers/{code}/forms/02"' in html
    assert "Giấy tờ cần bổ sung: Bản sao CCCD, Ảnh 4x6" in html
    assert offered_actions(html) == expected_actions("clerk", "supplement")
    assert offered_actions(page(specialist, server, "/ho-so/" + code).text) == \
        expected_actions("specialist", "supplement")
    # an action the lifecycle does not allow here is refused, and said so on the page
    r = post(specialist, server, f"/ho-so/{code}/thao-tac",
             {"action": "resolve", "outcome": "approved"}, status=422)
    assert 'class="notice bad"' in r.text
    # a role that may not take an action is refused even if it forges the form
    r = post(specialist, server, f"/ho-so/{code}/thao-tac", {"action": "supplement"}, status=403)
    assert 'class="notice bad"' in r.text
    assert state_of(clerk, server, code) == "supplement"


def test_notices_are_not_issued_blank(clerk, specialist, server, catalogue):
    """Form 02 lists the papers to supplement and the stop notice the reason: the page refuses
    to issue either without them, says so at the field and changes nothing."""
    code = take_in(clerk, server, catalogue)
    for data, field in (({"action": "request_supplement", "items": " \r\n \n", "reason": ""},
                         "items"),
                        ({"action": "stop", "reason": ""}, "reason")):
        r = post(specialist, server, f"/ho-so/{code}/thao-tac", data, status=400)
        assert re.search(r'class="field-error" id="(?:err-)?%s">[^<]*(?:Mẫu 0|Thông báo dừng)'
                         % field, r.text), \
            r.text[:2000]
        assert state_of(clerk, server, code) == "received"


def test_post_without_csrf_is_refused(clerk, server, catalogue):
    code = take_in(clerk, server, catalogue)
    s = requests.Session()
    s.cookies.update(clerk.cookies)
    for path, data in ((f"/ho-so/{code}/thao-tac", {"action": "comment", "text": "x"}),
                       ("/tiep-nhan", intake_form(catalogue))):
        r = s.post(server.url + path, data=data, allow_redirects=False)
        assert r.status_code == 403, r.text[:300]
        check_page(r)
        r = s.post(server.url + path, data={**data, "csrf": "sai"}, allow_redirects=False)
        assert r.status_code == 403
    assert offered_actions(page(clerk, server, "/ho-so/" + code).text)
    d = clerk.get(server.url + "/api/v1/dossiers/" + code).json()
    assert [e["action"] for e in d["events"]] == ["receive"]


def test_out_of_scope_dossier_is_forbidden(clerk, specialist, server, demo_db, catalogue):
    run("user", "add", "mcconltien", "--role", "clerk", "--unit", OTHER_COMMUNE,
        "--password-stdin", "--db", demo_db, input="mat-khau-thu-nghiem\n", check=0)
    other = login(server, "mcconltien", "mat-khau-thu-nghiem")
    code = take_in(other, server, catalogue, name="Phạm Văn Cường Ngoài Xã")
    assert code.startswith(OTHER_COMMUNE + "-")
    page(other, server, "/ho-so/" + code)
    page(clerk, server, "/ho-so/" + code, status=403)
    page(specialist, server, "/ho-so/" + code, status=403)
    post(clerk, server, f"/ho-so/{code}/thao-tac", {"action": "comment", "text": "x"},
         status=403)
    html = page(specialist, server, "/ho-so", params={"q": "ngoai xa"}).text
    assert code not in html
    # the province leader reaches every commune below it
    page(login(server, "leader"), server, "/ho-so/" + code)


def test_search_without_diacritics_and_paging(clerk, specialist, server, catalogue):
    code = take_in(clerk, server, catalogue, name="Hoàng Thị Ánh Tuyết", phone="0977000111",
                   id_number="045300001111")
    for q in ("hoang thi anh tuyet", "Hoàng Thị Ánh", "tuyet", "0977000111", "045300001111",
              code):
        html = page(specialist, server, "/ho-so", params={"q": q}).text
        assert f'href="/ho-so/{code}"' in html, q
    html = page(specialist, server, "/ho-so", params={"q": "khong co ai ten nay"}).text
    assert "Không tìm thấy hồ sơ nào" in html
    html = page(specialist, server, "/ho-so", params={"q": "tuyet", "state": "resolved"}).text
    assert f'href="/ho-so/{code}"' not in html
    html = page(specialist, server, "/ho-so", params={"q": "tuyet", "state": "received"}).text
    assert f'href="/ho-so/{code}"' in html and '<option value="received" selected>' in html
    html = page(specialist, server, "/ho-so", params={"q": "tuyet", "overdue": "1"}).text
    assert f'href="/ho-so/{code}"' not in html  # just received: within its deadline
    r = page(specialist, server, "/ho-so", status=400, params={"state": "nonsense"})
    assert '<p class="field-error" id="err-state">' in r.text
    r = page(specialist, server, "/ho-so", status=400, params={"q": "x" * 201})
    assert '<p class="field-error" id="err-q">' in r.text
    # paging: enough dossiers for a second page, every one seen exactly once
    for i in range(50):
        take_in(clerk, server, catalogue, name="Người Nộp Thử %d" % i, phone="09123400%02d" % i)
    seen, path, pages = [], "/ho-so?q=nguoi+nop+thu", 0
    while path:
        html = page(specialist, server, path.replace("&amp;", "&")).text
        seen += re.findall(r'<td><a href="/ho-so/([^"]+)">', html)
        m = re.search(r'<a rel="next" href="([^"]+)">', html)
        path = m.group(1) if m else None
        pages += 1
    assert pages == 2 and len(seen) == 50 and len(set(seen)) == 50


def test_worklist_sorted_by_due_date(clerk, specialist, server, catalogue):
    codes = [take_in(clerk, server, catalogue) for _ in range(2)]
    for code in codes:
        post(clerk, server, f"/ho-so/{code}/thao-tac",
             {"action": "transfer", "handler": "chuyenvien"})
    html = page(specialist, server, "/ho-so-cua-toi").text
    assigned = html.split("Hồ sơ đang giải quyết của đơn vị")[0]
    listed = re.findall(r'<td><a href="/ho-so/([^"]+)">', assigned)
    assert set(codes) <= set(listed)
    dues = [specialist.get(server.url + "/api/v1/dossiers/" + c).json()["due_at"] for c in listed]
    assert dues == sorted(dues)
    # the rows carry the highlighting classes the stylesheet knows
    for row in re.findall(r"<tr( class=\"[a-z]+\")?><td><a href=\"/ho-so/", assigned):
        assert row in ("", ' class="overdue"', ' class="soon"')
    # the clerk and the leader have the page too
    page(clerk, server, "/ho-so-cua-toi")
    page(login(server, "leader"), server, "/ho-so-cua-toi")


def test_pages_of_unknown_dossiers(clerk, server):
    page(clerk, server, "/ho-so/000.01.52.H50-990101-9999", status=404)
    r = clerk.post(server.url + "/ho-so/000.01.52.H50-990101-9999/thao-tac",
                   data={"action": "comment", "text": "x",
                         "csrf": clerk.headers["X-CSRF-Token"]}, allow_redirects=False)
    assert r.status_code == 404
    check_page(r)


def test_walk_in_guided_or_refused_at_the_counter(clerk, server, catalogue):
    """Decree 61 Art 17(1): a walk-in whose papers are incomplete is guided (Mẫu 02), one who
    cannot be served is refused (Mẫu 03); neither dossier is received or counted, both are kept
    and found by search, and the clerk confirms before either is recorded."""
    report_before = clerk.get(server.url + "/api/v1/reports/official",
                              params={"from": "2020-01-01", "to": "2099-12-31"}).json()
    guide = intake_form(catalogue, intake="guide", items="Bản sao giấy khai sinh\nẢnh 4x6",
                        reason="Mang đủ giấy tờ rồi quay lại", name="Hồ Thị Guide")
    r = post(clerk, server, "/tiep-nhan", guide, status=200)  # asks first
    assert 'name="confirm" value="guide"' in r.text and "Ảnh 4x6" in r.text
    r = post(clerk, server, "/tiep-nhan", dict(guide, confirm="guide"))
    m = re.fullmatch(r"/dossiers/([^/]+)/forms/02", r.headers["Location"])
    assert m, r.headers["Location"]
    guided = m.group(1)
    d = clerk.get(server.url + "/api/v1/dossiers/" + guided).json()
    assert (d["state"], d["portal_status"], d["received_at"], d["due_at"]) == (
        "guided", 3, None, None)
    form02 = page(clerk, server, f"/dossiers/{guided}/forms/02").text
    assert "Bản sao giấy khai sinh" in form02 and "Ảnh 4x6" in form02
    # a refusal needs its reason before it is asked
    refuse = intake_form(catalogue, intake="refuse", name="Hồ Văn Refuse")
    r = post(clerk, server, "/tiep-nhan", refuse, status=400)
    assert 'id="err-reason"' in r.text and 'name="confirm"' not in r.text
    refuse["reason"] = "Không thuộc thẩm quyền của xã"
    r = post(clerk, server, "/tiep-nhan", dict(refuse, confirm="refuse"))
    refused = re.fullmatch(r"/dossiers/([^/]+)/forms/03", r.headers["Location"]).group(1)
    assert state_of(clerk, server, refused) == "refused"
    assert "Không thuộc thẩm quyền của xã" in page(clerk, server, f"/dossiers/{refused}/forms/03").text
    # counted nowhere, found by search
    report_after = clerk.get(server.url + "/api/v1/reports/official",
                             params={"from": "2020-01-01", "to": "2099-12-31"}).json()
    assert report_after["total"]["received"] == report_before["total"]["received"]
    found = page(clerk, server, "/ho-so", params={"q": "Ho Thi Guide"}).text
    assert guided in found


def test_api_intake_may_refuse_or_guide(clerk, server, catalogue):
    body = {"procedure": PROCEDURE, "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": "Lý Văn Tuấn", "phone": "0911222444"},
            "intake_action": {"action": "refuse"}}
    headers = {"X-CSRF-Token": clerk.headers["X-CSRF-Token"]}
    r = clerk.post(server.url + "/api/v1/dossiers", json=body, headers=headers)
    assert r.status_code == 400 and r.json()["error"]["field"] == "reason", r.text
    body["intake_action"] = {"action": "resolve", "outcome": "approved"}
    r = clerk.post(server.url + "/api/v1/dossiers", json=body, headers=headers)
    assert r.status_code == 400 and r.json()["error"]["field"] == "intake_action", r.text
    body["intake_action"] = {"action": "guide", "items": ["Tờ khai có chữ ký"]}
    r = clerk.post(server.url + "/api/v1/dossiers", json=body, headers=headers)
    assert r.status_code == 201, r.text
    assert (r.json()["state"], r.json()["due_at"]) == ("guided", None)
