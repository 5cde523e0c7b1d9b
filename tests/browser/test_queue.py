"""The counter queue through the pages, as the people in the office meet it, in order on one
server: a citizen takes a ticket at the kiosk (/lay-so) and gets it printed with the people
ahead and a QR; the TV's call board (/bang-goi) is open; the clerk chooses a counter on /quay
and calls the next number, and the board shows it within a second with its spoken call-out;
the clerk starts intake from the called ticket and the dossier received is linked to it; an
admin registers a rating tablet for the counter on /quan-tri/thiet-bi; once the clerk ends the service the tablet
asks the citizen to rate it, and the rating lands on the ticket."""
import re
import time

import pytest
import requests
from selenium.webdriver.support.ui import WebDriverWait

from browser import labelled

PROCEDURE = "1.004873"
CODE_RE = re.compile(r"000\.01\.52\.H50-\d{6}-\d{4,}")


@pytest.fixture(scope="module")
def office(browsers):
    return {"open": browsers}


def ticket(server, key):
    r = requests.get(server.url + "/api/v1/queue/tickets/" + key)
    assert r.status_code == 200, r.text
    return r.json()


def test_kiosk_prints_a_ticket(office, server):
    kiosk = office.setdefault("kiosk", office["open"]("kiosk", (800, 1280)))
    kiosk.go("/lay-so?kho=58", "lay-so")
    buttons = kiosk.all("main form button")
    assert [b.text for b in buttons] == ["A\nHộ tịch, chứng thực", "B\nĐất đai, xây dựng",
                                         "C\nLĩnh vực khác"] or \
        [b.text.replace("\n", "") for b in buttons] == ["AHộ tịch, chứng thực",
                                                         "BĐất đai, xây dựng", "CLĩnh vực khác"]
    kiosk.submit(kiosk.find("form:has(#group-ho-tich)"), "ve")
    m = re.fullmatch(r"/lay-so/ve/([A-Za-z0-9_-]{43})\?kho=58", kiosk.path())
    assert m, kiosk.path()
    office["key"] = m.group(1)
    assert kiosk.find("#ticket-number").text == "A001"
    assert kiosk.find("#ticket-ahead").text == "0"
    assert "ticket-58" in kiosk.find("body").get_attribute("class")
    qr = kiosk.find(".ticket svg")
    assert qr.get_attribute("aria-label") == "Mã QR: %s/so/%s" % (server.url, office["key"])
    # the QR's page: one's turn on a phone
    phone = office["open"]("phone", (390, 844))
    phone.go("/so/" + office["key"], "so")
    assert phone.find("#follow-state").text == "Đang chờ"
    assert phone.find("#ticket-number").text == "A001"


def test_clerk_calls_and_the_board_shows_it_within_a_second(office, server):
    board = office.setdefault("board", office["open"]("board", (1920, 1080)))
    board.go("/bang-goi", "bang-goi")
    row = 'tr[data-counter="quay-1"] td.number'
    assert board.find(row).text == "—"
    # the stream is open before the call
    WebDriverWait(board.driver, 5).until(lambda d: d.execute_script(
        "return performance.getEntriesByType('resource').some("
        "r => r.name.includes('/api/v1/queue/board/events'))"))
    clerk = office.setdefault("clerk", office["open"]("clerk"))
    clerk.login("clerk")
    clerk.go("/quay?quay=quay-1", "quay")
    assert "Quầy 1 chưa gọi số nào" in clerk.text()
    clerk.submit(clerk.find("form:has(#call-next)"), "quay-goi")
    called = time.monotonic()
    assert clerk.find("#calls-number").text == "A001"
    WebDriverWait(board.driver, 1.0, poll_frequency=0.05).until(
        lambda d: d.find_element("css selector", row).text == "A001",
        "the board did not show the call within a second")
    assert time.monotonic() - called < 1.0
    assert board.find("#callout").text == "Mời công dân có số A 0 0 1 đến Quầy 1"
    board.check("bang-goi-da-goi", raw=False)
    assert ticket(server, office["key"])["state"] == "called"


def test_intake_from_the_called_ticket(office, server):
    clerk = office["clerk"]
    clerk.follow(clerk.find("#intake-from-ticket"), "tiep-nhan-tu-so")
    assert clerk.path() == "/tiep-nhan?quay=quay-1"
    assert "A001" in clerk.find("#intake-ticket").text
    clerk.go("/tiep-nhan?quay=quay-1&procedure=" + PROCEDURE, "tiep-nhan-thu-tuc")
    form = clerk.find("main form[method=post i]")
    assert clerk.find("input[name=quay]", form).get_attribute("value") == "quay-1"
    labelled(clerk, "họ", "tên", within=form).send_keys("Lê Văn Tâm")
    labelled(clerk, "điện thoại", within=form).send_keys("0912000111")
    for box in clerk.all("input[type=checkbox]", form):
        if not box.is_selected():
            clerk.driver.execute_script("arguments[0].click()", box)
    clerk.submit(form, "mau-01")
    m = re.fullmatch(r"/dossiers/(%s)/forms/01" % CODE_RE.pattern, clerk.path())
    assert m, clerk.path()
    office["code"] = m.group(1)
    t = ticket(server, office["key"])
    assert (t["dossier"], t["state"]) == (office["code"], "serving")


def test_rating_on_the_counter_tablet(office, server):
    admin = office["open"]("admin")
    admin.login("admin")
    admin.go("/quan-tri/thiet-bi", "thiet-bi")
    form = admin.find("form[action='/quan-tri/thiet-bi']")
    labelled(admin, "tên thiết bị", within=form).send_keys("Máy tính bảng quầy 1")
    admin.find("#d-counter option[value='quay-1']", form).click()
    admin.submit(form, "thiet-bi-da-dang-ky", status=201, raw=False)
    setup = admin.find("#device-setup").get_attribute("href")
    assert re.fullmatch(re.escape(server.url) + r"/may-danh-gia\?token=mcd_[A-Za-z0-9_-]{43}",
                        setup), setup
    assert "Quầy 1" in admin.text()  # the list names the counter
    tablet = office["open"]("tablet", (800, 1280))
    tablet.driver.get(setup)
    tablet.wait_loaded()
    assert tablet.path() == "/may-danh-gia"  # the token left the address for a cookie
    tablet.check("may-danh-gia")
    assert not tablet.all("#rate-very_satisfied")  # nothing served yet
    clerk = office["clerk"]
    clerk.go("/quay?quay=quay-1", "quay-phuc-vu")
    clerk.submit(clerk.find("form:has(#call-finish)"), "quay-xong")
    assert ticket(server, office["key"])["state"] == "done"
    # the tablet reloads itself every few seconds and then asks
    WebDriverWait(tablet.driver, 10).until(
        lambda d: d.find_elements("css selector", "#rate-very_satisfied"))
    tablet.wait_loaded()
    assert tablet.find("#rate-number").text == "A001"
    tablet.submit(tablet.find("form.rate-levels"), "da-danh-gia", raw=False,
                  button=tablet.find("#rate-very_satisfied"))
    assert "Rất hài lòng" in tablet.find("#rate-thanks").text
    t = ticket(server, office["key"])
    assert (t["rating"], t["dossier"]) == ("very_satisfied", office["code"])
    # one rating per service: the tablet asks nothing more
    assert not tablet.all("#rate-very_satisfied")
