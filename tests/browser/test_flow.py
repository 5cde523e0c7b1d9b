"""Each role's main flow, end to end through the pages, in order on one server: the leader
notes the figures; the clerk receives a dossier at /tiep-nhan (procedure picked by typing
without diacritics) and gets Mẫu 01, then transfers it to the specialist; the specialist
finds it on /ho-so-cua-toi and resolves it; the clerk returns it from /quay; the citizen looks
it up on /tra-cuu with the look-up key Mẫu 01 printed and rates it; the leader sees the
figures change on /tong-quan and /bao-cao."""
import re

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from browser import WAIT, action_form, fill_form, labelled

PROCEDURE = "1.004873"  # cấp Giấy xác nhận tình trạng hôn nhân, 3 working days
CODE_RE = re.compile(r"000\.01\.52\.H50-\d{6}-\d{4,}")
PHONE = "0912345678"
FIGURES = """const out = [];
for (const e of document.querySelectorAll('main *')) {
  if (e.children.length) continue;
  const t = e.textContent.trim();
  if (/^\\d{1,3}(\\.\\d{3})*(,\\d+)?\\s*%?$/.test(t))
    out.push(parseFloat(t.replace(/\\./g, '').replace(',', '.')));
}
return out;"""


@pytest.fixture(scope="module")
def flow(browsers):
    """What the steps hand on: the browsers (one per user) and the dossier code."""
    return {"open": browsers}


def user(flow, role):
    """The role's browser, logged in on first use."""
    if role not in flow:
        flow[role] = flow["open"](role)
        if role != "citizen":
            flow[role].login(role)
    return flow[role]


def code_of(flow):
    assert "code" in flow, "the clerk did not receive a dossier (test_clerk_receives failed)"
    return flow["code"]


def figures(b, page):
    b.go(page, "figures" + page)
    return b.driver.execute_script(FIGURES)


def test_leader_notes_figures(flow):
    b = user(flow, "leader")
    flow["before"] = {p: figures(b, p) for p in ("/tong-quan", "/bao-cao")}


def test_clerk_receives(flow):
    b = user(flow, "clerk")
    b.go("/tiep-nhan", "tiep-nhan")
    box, select = b.find("input[data-filter]"), b.find("select#procedure")
    box.send_keys("xac nhan tinh trang hon nhan")
    shown = "return [...arguments[0].options].filter(o => !o.hidden && o.value).map(o => o.value)"
    WebDriverWait(b.driver, WAIT).until(
        lambda d: 0 < len(d.execute_script(shown, select)) < 5, "the filter hid nothing")
    assert PROCEDURE in b.driver.execute_script(shown, select)
    b.find("option[value='%s']" % PROCEDURE, select).click()
    form = b.find("form:has(select#procedure)")
    b.submit(form, "tiep-nhan-thu-tuc", button=b.all("[type=submit]", form)[-1])
    assert "procedure=" + PROCEDURE in b.path()
    form = b.find("main form[method=post i]")
    labelled(b, "họ", "tên", within=form).send_keys("Nguyễn Thị Lan")
    labelled(b, "điện thoại", within=form).send_keys(PHONE)
    labelled(b, "định danh", within=form).send_keys("045190001234")
    labelled(b, "địa chỉ", within=form).send_keys("Thôn Hà Thượng, xã Gio Linh")
    for box in b.all("input[type=checkbox]", form):
        if not box.is_selected():
            b.driver.execute_script("arguments[0].click()", box)
    direct = b.all("input[type=radio][value=direct]", form)
    if direct:
        b.driver.execute_script("arguments[0].click()", direct[0])
    b.submit(form, "mau-01")
    m = re.fullmatch(r"/dossiers/(%s)/forms/01" % CODE_RE.pattern, b.path())
    assert m, b.path()
    flow["code"] = m.group(1)
    body = b.driver.find_element("tag name", "body").text
    assert flow["code"] in body and "Nguyễn Thị Lan" in body
    key = re.search(r"Mã tra cứu hồ sơ[^:]*: ([0-9A-Z]{4}-[0-9A-Z]{4})", body)
    assert key, "Mẫu 01 prints no look-up key"
    flow["key"] = key.group(1)


def test_clerk_transfers_to_specialist(flow):
    b, code = user(flow, "clerk"), code_of(flow)
    b.go("/ho-so/" + code, "ho-so")
    assert "Được tiếp nhận" in b.text()
    form = action_form(b, "transfer", code)
    fill_form(b, form, prefer=("chuyenvien", "chuyên viên"))
    b.submit(form, "ho-so-da-chuyen")
    assert "Đang xử lý" in b.text()


def test_specialist_resolves(flow):
    b, code = user(flow, "specialist"), code_of(flow)
    b.go("/ho-so-cua-toi", "ho-so-cua-toi")
    b.follow(b.find("main a[href='/ho-so/%s']" % code), "ho-so")
    assert b.path() == "/ho-so/" + code
    form = action_form(b, "resolve", code)
    fill_form(b, form, prefer=("approved",))
    b.submit(form, "ho-so-da-giai-quyet")
    assert "Đã xử lý xong" in b.text()


def test_clerk_returns_from_counter(flow):
    b, code = user(flow, "clerk"), code_of(flow)
    b.go("/quay", "quay")
    assert code in b.text(), "the result to return is not on the counter's queue"
    here = b.all("form[action='/ho-so/%s/thao-tac']:has(input[name=action][value=return])" % code)
    if not here:  # the queue links to the dossier page, which has the form
        b.follow(b.find("main a[href='/ho-so/%s']" % code), "ho-so-tra")
    form = here[0] if here else action_form(b, "return", code)
    labelled(b, "người nhận", within=form).send_keys("Nguyễn Thị Lan")
    b.submit(form, "tra-xac-nhan", raw=False)
    # returning is irreversible: the dossier page asks to confirm, keeping who collected it
    assert "không thể hoàn tác" in b.text()
    form = b.find("form:has(input[name=confirm][value=return])")
    assert b.find("input[name=collector]", form).get_attribute("value") == "Nguyễn Thị Lan"
    b.submit(form, "da-tra")
    b.go("/ho-so/" + code, "ho-so-da-tra")
    assert "Đã trả kết quả" in b.text()


def test_citizen_looks_up_and_rates(flow):
    b, code = user(flow, "citizen"), code_of(flow)
    b.go("/tra-cuu?ma=" + code, "tra-cuu-ma")
    form = b.find("main form[action='/tra-cuu']")
    assert b.find("#ma", form).get_attribute("value") == code
    b.find("#key", form).send_keys(flow["key"])  # as printed, with its hyphen
    b.submit(form, "tra-cuu-ket-qua")
    assert code in b.text() and "Đã trả kết quả" in b.text()
    assert PHONE not in b.driver.page_source  # personal data stays masked
    form = b.find("main form[action='/danh-gia']")
    b.driver.execute_script("arguments[0].click()",
                            b.find("input[name=level][value=very_satisfied]", form))
    b.find("textarea[name=comment]", form).send_keys("Cán bộ hướng dẫn tận tình.")
    b.submit(form, "da-danh-gia")
    assert "Cảm ơn bạn đã đánh giá" in b.text()
    assert "Rất hài lòng" in b.text()
    assert not b.all("main form[action='/danh-gia']")  # rated once


def test_leader_sees_figures_change(flow):
    code_of(flow)
    b = user(flow, "leader")
    assert "before" in flow, "test_leader_notes_figures failed"
    for page, before in flow["before"].items():
        after = figures(b, page)
        assert after != before and sum(after) > sum(before), (page, before, after)
