"""The counter queue (issue 20) end to end on the real binary: the API's contract for kiosks
and boards of other makers (tickets, calls, the board and its server-sent events, one's turn,
the groups, the figures), who may call, the validation errors, the numbers restarting at
Vietnam midnight on a faked clock, and a day of 2,000 tickets across the demo's 6 counters
whose figures match the waits and services recounted here from the answers' times."""
import datetime
import json
import re
import time

import pytest
import requests

from clock import VN, Clock
from conftest import assert_error, login
from motcua import COMMUNE, OTHER_COMMUNE, Server, demo_store, run

# the demo office (init --demo): groups and their counters
GROUPS = {"ho-tich": ("A", ["quay-1", "quay-2", "quay-3"]), "dat-dai": ("B", ["quay-4", "quay-5"]),
          "khac": ("C", ["quay-6"])}


def instant(text):
    return datetime.datetime.fromisoformat(text).timestamp()


def issue(srv, group):
    r = requests.post(srv.url + "/api/v1/queue/tickets", json={"group": group})
    assert r.status_code == 201, r.text
    return r.json()


def call(clerk, srv, counter, action=None, to=None):
    body = {"counter": counter}
    if action:
        body["action"] = action
    if to:
        body["to"] = to
    r = clerk.post(srv.url + "/api/v1/queue/call", json=body)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def clerk(server):
    return login(server, "clerk")


def test_groups_list_the_demo_office(server):
    r = requests.get(server.url + "/api/v1/queue/groups")
    assert r.status_code == 200
    groups = {g["code"]: g for g in r.json()["groups"]}
    assert set(groups) == set(GROUPS)
    assert groups["ho-tich"]["prefix"] == "A"
    assert groups["ho-tich"]["name"] == "Hộ tịch, chứng thực"
    assert groups["ho-tich"]["unit"] == COMMUNE
    assert groups["ho-tich"]["field"] == "HT"
    assert groups["khac"]["field"] is None
    r = requests.get(server.url + "/api/v1/queue/groups", params={"unit": OTHER_COMMUNE})
    assert r.json()["groups"] == []


def test_ticket_call_recall_transfer_and_follow(server, clerk):
    first = issue(server, "dat-dai")
    second = issue(server, "dat-dai")
    assert set(first) == {"number", "group", "ahead", "issued_at", "key", "follow"}
    assert first["group"] == "dat-dai"
    assert first["number"] == "B001" and second["number"] == "B002"
    assert (first["ahead"], second["ahead"]) == (0, 1)
    assert second["follow"] == "/so/" + second["key"]
    assert abs(instant(second["issued_at"]) - time.time()) < 60

    mine = requests.get(server.url + "/api/v1/queue/tickets/" + second["key"]).json()
    assert (mine["number"], mine["state"], mine["ahead"], mine["counter"]) == \
        ("B002", "issued", 1, None)

    called = call(clerk, server, "quay-4")
    assert called["counter"] == "quay-4"
    t = called["ticket"]
    assert (t["number"], t["state"], t["calls"], t["counter"], t["group"]) == \
        ("B001", "called", 1, "quay-4", "dat-dai")
    assert requests.get(server.url + "/api/v1/queue/tickets/" + second["key"]).json()["ahead"] == 0

    again = call(clerk, server, "quay-4", "recall")["ticket"]
    assert (again["number"], again["calls"]) == ("B001", 2)
    board = requests.get(server.url + "/api/v1/queue/board").json()["counters"]
    row = next(c for c in board if c["counter"] == "quay-4")
    assert (row["number"], row["state"], row["calls"], row["group"], row["name"]) == \
        ("B001", "called", 2, "dat-dai", "Quầy 4")
    assert row["callout"] == "Mời công dân có số B 0 0 1 đến Quầy 4"
    assert next(c for c in board if c["counter"] == "quay-5")["number"] is None

    # B001 belongs to another field: it waits at the end of "khác", and quay-6 calls it
    moved = call(clerk, server, "quay-4", "transfer", "khac")["ticket"]
    assert (moved["number"], moved["state"], moved["group"]) == ("B001", "transferred", "khac")
    assert call(clerk, server, "quay-6")["ticket"]["number"] == "B001"
    # quay-4 calls B002 next; skipped, it leaves the counter empty
    assert call(clerk, server, "quay-4")["ticket"]["number"] == "B002"
    assert call(clerk, server, "quay-4", "skip")["ticket"]["state"] == "skipped"
    assert requests.get(server.url + "/api/v1/queue/tickets/" + second["key"]).json()["state"] \
        == "skipped"
    nobody = call(clerk, server, "quay-4")
    assert nobody == {"counter": "quay-4", "ticket": None}
    # service starts and ends at quay-6
    assert call(clerk, server, "quay-6", "start")["ticket"]["state"] == "serving"
    done = call(clerk, server, "quay-6", "finish")["ticket"]
    assert (done["number"], done["state"]) == ("B001", "done")
    mine = requests.get(server.url + "/api/v1/queue/tickets/" + first["key"]).json()
    assert (mine["state"], mine["counter"], mine["group"]) == ("done", "quay-6", "khac")


def test_a_ticket_marked_absent_is_called_back_from_todays_list(tmp_path):
    from htmlcheck import assert_page
    clock = Clock(tmp_path / "clock", "2026-03-10 09:00:00")
    db = demo_store(tmp_path, clock=clock)
    srv = Server(db, clock=clock)
    try:
        clerk = login(srv, "clerk")
        csrf = clerk.headers["X-CSRF-Token"]
        url = srv.url + "/api/v1/queue/call"
        first, second = issue(srv, "dat-dai"), issue(srv, "dat-dai")
        assert call(clerk, srv, "quay-4")["ticket"]["number"] == first["number"] == "B001"
        assert call(clerk, srv, "quay-4", "skip")["ticket"]["state"] == "skipped"
        assert call(clerk, srv, "quay-4")["ticket"]["number"] == "B002"
        # the counter's page lists B001 as absent today, with a button to call it back
        page = assert_page(clerk.get(srv.url + "/quay", params={"quay": "quay-4"}))
        assert "Số vắng mặt hôm nay" in page and 'id="recall-B001"' in page
        assert 'id="recall-B002"' not in page
        # bad input changes nothing: an unknown number, one not absent, a ticket without a
        # recall, another group's counter, a number that is not a string
        for body, status, field in [
                ({"counter": "quay-4", "action": "recall", "ticket": "B009"}, 400, "ticket"),
                ({"counter": "quay-4", "action": "recall", "ticket": "B002"}, 400, "ticket"),
                ({"counter": "quay-4", "action": "skip", "ticket": "B001"}, 400, "ticket"),
                ({"counter": "quay-4", "ticket": "B001"}, 400, "ticket"),
                ({"counter": "quay-6", "action": "recall", "ticket": "B001"}, 400, "ticket"),
                ({"counter": "quay-4", "action": "recall", "ticket": 7}, 400, "ticket")]:
            assert_error(clerk.post(url, json=body), status, field)
        board = requests.get(srv.url + "/api/v1/queue/board").json()["counters"]
        assert next(c for c in board if c["counter"] == "quay-4")["number"] == "B002"
        # the page's button calls B001 back to quay-4; B002, at the counter, is finished
        r = clerk.post(srv.url + "/quay/goi", data={"csrf": csrf, "quay": "quay-4",
                                                    "action": "recall", "ticket": "B001"},
                       allow_redirects=False)
        assert r.status_code == 303, r.text
        back = requests.get(srv.url + "/api/v1/queue/tickets/" + first["key"]).json()
        assert (back["state"], back["counter"], back["calls"]) == ("called", "quay-4", 2)
        assert requests.get(srv.url + "/api/v1/queue/tickets/" +
                            second["key"]).json()["state"] == "done"
        board = requests.get(srv.url + "/api/v1/queue/board").json()["counters"]
        assert next(c for c in board if c["counter"] == "quay-4")["number"] == "B001"
        page = assert_page(clerk.get(srv.url + "/quay", params={"quay": "quay-4"}))
        assert 'id="recall-B001"' not in page
        # absent again, the API calls it back to another counter of its group
        call(clerk, srv, "quay-4", "skip")
        r = clerk.post(url, json={"counter": "quay-5", "action": "recall", "ticket": "B001"})
        assert r.status_code == 200, r.text
        t = r.json()["ticket"]
        assert (t["number"], t["state"], t["counter"], t["calls"]) == ("B001", "called", "quay-5", 3)
        # absent once more, it is not called back the next day: the list is today's
        call(clerk, srv, "quay-5", "skip")
        clock.set("2026-03-11 08:00:00")
        clerk = login(srv, "clerk")  # yesterday's session has ended
        assert_error(clerk.post(url, json={"counter": "quay-5", "action": "recall",
                                           "ticket": "B001"}), 400, "ticket")
        page = assert_page(clerk.get(srv.url + "/quay", params={"quay": "quay-5"}))
        assert "Số vắng mặt hôm nay" not in page
    finally:
        srv.stop()


def test_who_may_call(server, clerk):
    r = requests.post(server.url + "/api/v1/queue/call", json={"counter": "quay-1"})
    assert_error(r, 401)
    specialist = login(server, "specialist")
    assert_error(specialist.post(server.url + "/api/v1/queue/call", json={"counter": "quay-1"}), 403)
    admin = login(server, "admin")
    r = admin.post(server.url + "/api/v1/users", json={
        "username": "motcua_ct", "role": "clerk", "unit": OTHER_COMMUNE, "password": "congtien@2025"})
    assert r.status_code == 201, r.text
    other = login(server, "motcua_ct", "congtien@2025")
    assert_error(other.post(server.url + "/api/v1/queue/call", json={"counter": "quay-1"}), 403)
    # the public reads the board but not the figures
    assert_error(requests.get(server.url + "/api/v1/queue/figures"), 401)


def test_bad_input_changes_nothing(server, clerk):
    before = requests.get(server.url + "/api/v1/queue/board").json()
    url = server.url + "/api/v1/queue/tickets"
    assert_error(requests.post(url, json={"group": "không-có"}), 400, "group")
    assert_error(requests.post(url, json={}), 400, "group")
    assert_error(requests.post(url, json={"group": "khac", "extra": 1}), 400)
    assert_error(requests.post(url, json={"group": 5}), 400, "group")
    assert_error(requests.post(url, data='{"group":"khac"}'), 415)
    assert_error(requests.post(url, data="{", headers={"Content-Type": "application/json"}), 400)
    call_url = server.url + "/api/v1/queue/call"
    assert_error(clerk.post(call_url, json={"counter": "quay-9"}), 400, "counter")
    assert_error(clerk.post(call_url, json={"counter": "quay-1", "action": "dance"}), 400, "action")
    assert_error(clerk.post(call_url, json={"counter": "quay-1", "action": "transfer"}), 400, "to")
    # nothing at quay-5: recall, skip and transfer have no ticket to act on
    assert_error(clerk.post(call_url, json={"counter": "quay-5", "action": "recall"}), 404)
    issue(server, "khac")
    call(clerk, server, "quay-6")
    assert_error(clerk.post(call_url, json={"counter": "quay-6", "action": "transfer",
                                            "to": "khac"}), 400, "to")
    assert_error(clerk.post(call_url, json={"counter": "quay-6", "action": "transfer",
                                            "to": "nowhere"}), 400, "to")
    call(clerk, server, "quay-6", "start")
    assert_error(clerk.post(call_url, json={"counter": "quay-6", "action": "skip"}), 409, "action")
    assert_error(requests.get(server.url + "/api/v1/queue/tickets/nope"), 404)
    leader = login(server, "leader")
    assert_error(leader.get(server.url + "/api/v1/queue/figures", params={"by": "day"}), 400, "by")
    assert_error(leader.get(server.url + "/api/v1/queue/figures", params={"from": "2025-13-01"}),
                 400, "from")
    after = requests.get(server.url + "/api/v1/queue/board").json()
    quay6 = [c for c in after["counters"] if c["counter"] == "quay-6"][0]
    assert quay6["state"] == "serving"  # the refused skip left it being served
    assert [c for c in before["counters"] if c["counter"] != "quay-6"] == \
        [c for c in after["counters"] if c["counter"] != "quay-6"]


def test_board_events_deliver_a_call_within_a_second(server, clerk):
    url = server.url + "/api/v1/queue/board/events"
    r = requests.get(url)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/event-stream")
    lines = r.text.split("\n")
    assert lines[0] == "retry: 500"
    first_id = next(x for x in lines if x.startswith("id: "))[4:]
    # unchanged: the retry alone
    same = requests.get(url, headers={"Last-Event-ID": first_id})
    assert same.text == "retry: 500\n\n"
    ticket = issue(server, "ho-tich")
    start = time.monotonic()
    called = call(clerk, server, "quay-2")["ticket"]["number"]
    assert called == ticket["number"]
    # the browser reconnects after the retry; the next answer carries the call
    time.sleep(0.5)
    r = requests.get(url, headers={"Last-Event-ID": first_id})
    elapsed = time.monotonic() - start
    assert "event: board" in r.text
    data = next(x for x in r.text.split("\n") if x.startswith("data: "))[6:]
    row = [c for c in json.loads(data)["counters"] if c["counter"] == "quay-2"][0]
    assert row["number"] == called
    assert elapsed < 1.0, elapsed


def test_numbers_restart_at_vietnam_midnight(tmp_path):
    db = demo_store(tmp_path)
    clock = Clock(tmp_path / "clock", "2025-03-10 23:59:40")
    srv = Server(db, clock=clock)
    try:
        clerk = login(srv, "clerk")
        assert issue(srv, "ho-tich")["number"] == "A001"
        late = issue(srv, "ho-tich")
        assert late["number"] == "A002"
        assert late["issued_at"].startswith("2025-03-10T23:59")
        clock.set("2025-03-11 00:00:05")
        new = issue(srv, "ho-tich")
        assert new["number"] == "A001"
        assert new["ahead"] == 0  # yesterday's tickets are not ahead
        assert issue(srv, "dat-dai")["number"] == "B001"
        # the counters call today's tickets only
        assert call(clerk, srv, "quay-1")["ticket"]["number"] == "A001"
        assert call(clerk, srv, "quay-1")["ticket"] is None
        mine = requests.get(srv.url + "/api/v1/queue/tickets/" + late["key"]).json()
        assert mine["state"] == "issued"
    finally:
        srv.stop()


def test_a_day_of_2000_tickets_across_6_counters(tmp_path):
    db = demo_store(tmp_path)
    clock = Clock(tmp_path / "clock", "2025-03-12 07:30:00")
    srv = Server(db, ("--lookups-per-minute", "0"), clock=clock)
    try:
        clerk = login(srv, "clerk")
        leader = login(srv, "leader")
        kinds = ["ho-tich", "ho-tich", "ho-tich", "dat-dai", "dat-dai", "khac"]
        issued = {}  # number -> (group, issued_at)
        for i in range(2000):
            group = kinds[i % 6]
            t = issue(srv, group)
            issued[t["number"]] = (group, instant(t["issued_at"]))
        assert len(issued) == 2000  # every number distinct
        # the counters call in turn; the clock moves 4 minutes every 60 calls
        legs = []  # (counter, group, called_at)
        open_at = {}
        counters = [c for _, (_, cs) in GROUPS.items() for c in cs]
        moved, calls = 0, 0
        active = set(counters)
        while active:
            for counter in list(active):
                got = call(clerk, srv, counter)["ticket"]
                calls += 1
                if calls % 60 == 0:
                    moved += 1
                    clock.set("2025-03-12 %02d:%02d:00" % (8 + moved * 4 // 60, moved * 4 % 60))
                if got is None:
                    active.discard(counter)
                    continue
                group, issued_at = issued[got["number"]]
                assert got["group"] == group and counter in GROUPS[group][1]
                legs.append((counter, group, got["number"], instant(got["called_at"])))
        assert len(legs) == 2000
        # recount: waiting from issue to call; service from a call to the same counter's next
        by_counter = {}
        last = {}
        for counter, group, number, called_at in legs:
            f = by_counter.setdefault(counter, {"called": 0, "wait": 0, "done": 0, "service": 0})
            f["called"] += 1
            f["wait"] += called_at - issued[number][1]
            if counter in last:
                f["done"] += 1
                f["service"] += called_at - last[counter]
            last[counter] = called_at
        # the last call of each counter finished its last ticket ("next" with nobody waiting)
        figures = leader.get(srv.url + "/api/v1/queue/figures",
                             params={"by": "counter", "from": "2025-03-12", "to": "2025-03-12"})
        assert figures.status_code == 200, figures.text
        rows = {r["key"]: r for r in figures.json()["rows"]}
        assert set(rows) == set(counters)
        for counter, f in by_counter.items():
            assert rows[counter]["called"] == f["called"]
            assert rows[counter]["wait_total"] == int(f["wait"])
            # the last ticket's service ended with the empty call, after the clock moved on
            assert rows[counter]["done"] == f["done"] + 1
            assert rows[counter]["service_total"] >= f["service"]
        total = figures.json()["total"]
        assert total["called"] == 2000 and total["done"] == 2000
        for by in ("group", "hour", "officer"):
            r = leader.get(srv.url + "/api/v1/queue/figures",
                           params={"by": by, "from": "2025-03-12", "to": "2025-03-12"}).json()
            assert r["total"] == total
            assert sum(x["called"] for x in r["rows"]) == 2000
            assert sum(x["wait_total"] for x in r["rows"]) == total["wait_total"]
            assert sum(x["service_total"] for x in r["rows"]) == total["service_total"]
        by_group = {x["key"]: x["called"] for x in leader.get(
            srv.url + "/api/v1/queue/figures",
            params={"by": "group", "from": "2025-03-12", "to": "2025-03-12"}).json()["rows"]}
        assert by_group == {"ho-tich": 1001, "dat-dai": 666, "khac": 333}  # i % 6 of 0..1999
        hours = [x["key"] for x in leader.get(
            srv.url + "/api/v1/queue/figures",
            params={"by": "hour", "from": "2025-03-12", "to": "2025-03-12"}).json()["rows"]]
        assert hours[0] == "07" and len(hours) >= 3
        # the day before has none
        empty = leader.get(srv.url + "/api/v1/queue/figures",
                           params={"from": "2025-03-11", "to": "2025-03-11"}).json()
        assert empty["rows"] == [] and empty["total"]["called"] == 0
    finally:
        srv.stop()


def test_figures_as_csv_and_excel(server, clerk, tmp_path):
    from xlsx_readback import xlsx_to_csv
    leader = login(server, "leader")
    params = {"by": "counter"}
    as_json = leader.get(server.url + "/api/v1/queue/figures", params=params).json()
    assert as_json["total"]["called"] >= 4  # the calls of the tests before
    r = leader.get(server.url + "/api/v1/queue/figures", params={**params, "format": "csv"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    lines = r.text.split("\r\n")
    assert lines[0] == ("counter,label,called,done,skipped,transferred,wait_avg,wait_max,"
                        "service_avg,service_max")
    rows = {line.split(",")[0].strip('"'): line.split(",") for line in lines[1:] if line}
    for row in as_json["rows"]:
        got = rows[row["key"]]
        assert got[1] == '"%s"' % row["label"]
        assert [int(x) for x in got[2:]] == [row[k] for k in (
            "called", "done", "skipped", "transferred", "wait_avg", "wait_max", "service_avg",
            "service_max")]
    assert int(rows["total"][2]) == as_json["total"]["called"]
    r = leader.get(server.url + "/api/v1/queue/figures", params={**params, "format": "xlsx"})
    assert r.status_code == 200 and r.content[:2] == b"PK"
    path = str(tmp_path / "waits.xlsx")
    with open(path, "wb") as f:
        f.write(r.content)
    sheet = xlsx_to_csv(path)
    assert sheet[0][0] == "Thời gian chờ và phục vụ theo quầy"
    body = {row[0]: row for row in sheet[4:] if row and row[0]}
    for row in as_json["rows"]:
        assert body[row["key"]][1] == row["label"]
        assert float(body[row["key"]][2]) == row["called"]
        assert float(body[row["key"]][6]) == row["wait_avg"]
    assert float(body["Tổng"][2]) == as_json["total"]["called"]
    assert_error(leader.get(server.url + "/api/v1/queue/figures", params={"format": "pdf"}), 400,
                 "format")


def test_pages_render(server, clerk):
    from htmlcheck import assert_page
    kiosk = assert_page(requests.get(server.url + "/lay-so"))
    assert kiosk.index("Hộ tịch, chứng thực") < kiosk.index("Đất đai, xây dựng")  # A before B
    r = requests.post(server.url + "/lay-so", data={"group": "khac", "kho": "58"},
                      allow_redirects=False)
    assert r.status_code == 303
    key = re.fullmatch(r"/lay-so/ve/([A-Za-z0-9_-]+)\?kho=58", r.headers["Location"]).group(1)
    t = assert_page(requests.get(server.url + r.headers["Location"]))
    assert "ticket-58" in t and "Mã QR: " in t and "/so/" + key in t
    number = ticket_number(server, key)
    assert number in t
    follow = assert_page(requests.get(server.url + "/so/" + key))
    assert number in follow and "Đang chờ" in follow
    assert_page(requests.get(server.url + "/so/nope"), 404)
    bad = requests.post(server.url + "/lay-so", data={"group": "không"}, allow_redirects=False)
    assert_page(bad, 400)
    board = assert_page(requests.get(server.url + "/bang-goi"))
    assert 'data-events="/api/v1/queue/board/events"' in board
    assert 'data-counter="quay-1"' in board
    counter = assert_page(clerk.get(server.url + "/quay", params={"quay": "quay-6"}))
    assert "Quầy 6" in counter and "call-next" in counter
    issue(server, "dat-dai")
    call(clerk, server, "quay-4")  # a call today at least
    leader = login(server, "leader")
    dash = assert_page(leader.get(server.url + "/tong-quan", params={"unit": COMMUNE}))
    assert "Thời gian chờ tại quầy hôm nay" in dash and 'data-key="quay-4"' in dash


def ticket_number(server, key):
    return requests.get(server.url + "/api/v1/queue/tickets/" + key).json()["number"]


def test_counter_tablet_rates_the_ticket(server, clerk):
    from htmlcheck import assert_page
    admin = login(server, "admin")
    url = server.url + "/api/v1/devices"
    assert_error(admin.post(url, json={"name": "Máy quầy", "counter": "quay-9"}), 400, "counter")
    assert_error(admin.post(url, json={"name": "Máy quầy", "counter": "quay-5",
                                       "unit": OTHER_COMMUNE}), 400, "counter")
    plain = admin.post(url, json={"name": "Máy chung", "unit": COMMUNE}).json()
    at5 = admin.post(url, json={"name": "Máy quầy 5", "counter": "quay-5"})
    assert at5.status_code == 201, at5.text
    assert (at5.json()["unit"], at5.json()["counter"]) == (COMMUNE, "quay-5")
    listed = {d["name"]: d for d in admin.get(url).json()["devices"]}
    assert listed["Máy quầy 5"]["counter"] == "quay-5" and listed["Máy chung"]["counter"] is None
    # no device, a wrong one, one at no counter
    assert_page(requests.get(server.url + "/may-danh-gia"), 403)
    assert_page(requests.get(server.url + "/may-danh-gia", params={"token": "mcd_nope"}), 403)
    tablet = requests.Session()
    r = tablet.get(server.url + "/may-danh-gia", params={"token": plain["token"]},
                   allow_redirects=False)
    assert r.status_code == 303 and "HttpOnly" in r.headers["Set-Cookie"]
    assert_page(tablet.post(server.url + "/may-danh-gia", data={"level": "satisfied"}), 403)
    # the tablet at quay-5: nothing served yet
    tablet = requests.Session()
    tablet.get(server.url + "/may-danh-gia", params={"token": at5.json()["token"]})
    assert "rate-satisfied" not in assert_page(tablet.get(server.url + "/may-danh-gia"))
    assert_page(tablet.post(server.url + "/may-danh-gia", data={"level": "satisfied"}), 404)
    t = issue(server, "dat-dai")
    call(clerk, server, "quay-5")
    call(clerk, server, "quay-5", "finish")
    page = assert_page(tablet.get(server.url + "/may-danh-gia"))
    assert 'id="rate-number">%s<' % t["number"] in page
    assert_page(tablet.post(server.url + "/may-danh-gia", data={"level": "thrilled"}), 400)
    assert requests.get(server.url + "/api/v1/queue/tickets/" + t["key"]).json()["rating"] is None
    done = assert_page(tablet.post(server.url + "/may-danh-gia", data={"level": "satisfied"}))
    assert "Cảm ơn bạn đã đánh giá: Hài lòng" in done
    got = requests.get(server.url + "/api/v1/queue/tickets/" + t["key"]).json()
    assert (got["rating"], got["dossier"]) == ("satisfied", None)
    assert_page(tablet.post(server.url + "/may-danh-gia", data={"level": "satisfied"}), 404)


def test_import_defines_groups_and_counters(tmp_path):
    db = demo_store(tmp_path)
    good = tmp_path / "queue.jsonl"
    lines = [
        {"type": "queue_group", "code": "ct-a", "prefix": "A", "name": "Một cửa Cồn Tiên",
         "unit": OTHER_COMMUNE},
        {"type": "queue_counter", "code": "ct-1", "name": "Quầy số 1", "group": "ct-a"},
    ]
    good.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    out = run("import", "--db", db, str(good), check=0).stdout
    assert "1 nhóm quầy, 1 quầy" in out
    run("import", "--db", db, str(good), check=0)  # twice: the same rows
    # a bad line: exit 2 naming it, and the new group of the line before is not kept
    fresh = {"type": "queue_group", "code": "ct-z", "prefix": "Z", "name": "Mới",
             "unit": OTHER_COMMUNE}
    bad_lines = [
        {"type": "queue_group", "code": "X", "prefix": "B", "name": "n", "unit": COMMUNE},
        {"type": "queue_group", "code": "x", "prefix": "b", "name": "n", "unit": COMMUNE},
        {"type": "queue_group", "code": "x", "prefix": "A", "name": "n", "unit": COMMUNE},
        {"type": "queue_group", "code": "x", "prefix": "D", "name": "n", "unit": "000.99"},
        {"type": "queue_group", "code": "x", "prefix": "D", "name": "n", "unit": COMMUNE,
         "field": "NOPE"},
        {"type": "queue_counter", "code": "q", "name": "Quầy", "group": "nowhere"},
        {"type": "queue_counter", "code": "q", "name": "Quầy", "group": "ct-a",
         "unit": COMMUNE},
        {"type": "queue_counter", "code": "q", "name": "", "group": "ct-a"},
        {"type": "queue_counter", "code": "q", "name": "Quầy", "group": "ct-a", "extra": 1},
    ]
    for obj in bad_lines:
        f = tmp_path / "bad.jsonl"
        f.write_text(json.dumps(fresh, ensure_ascii=False) + "\n" +
                     json.dumps(obj, ensure_ascii=False) + "\n")
        p = run("import", "--db", db, str(f), check=2)
        assert "dòng 2" in p.stderr or "line 2" in p.stderr, (obj, p.stderr)
    srv = Server(db)
    try:
        groups = requests.get(srv.url + "/api/v1/queue/groups",
                              params={"unit": OTHER_COMMUNE}).json()["groups"]
        assert [(g["code"], g["prefix"], g["name"]) for g in groups] == \
            [("ct-a", "A", "Một cửa Cồn Tiên")]
        assert issue(srv, "ct-a")["number"] == "A001"
        board = requests.get(srv.url + "/api/v1/queue/board",
                             params={"unit": OTHER_COMMUNE}).json()["counters"]
        assert [c["counter"] for c in board] == ["ct-1"]
        # xã Gio Linh's clerk may not call at Cồn Tiên's counter
        clerk = login(srv, "clerk")
        assert_error(clerk.post(srv.url + "/api/v1/queue/call", json={"counter": "ct-1"}), 403)
    finally:
        srv.stop()


def test_export_writes_the_groups_and_counters_so_that_an_import_reproduces_them(tmp_path):
    db = demo_store(tmp_path)
    lines = [json.loads(l) for l in run("export", "--db", db, check=0).stdout.splitlines()]
    groups = {l["code"]: l for l in lines if l["type"] == "queue_group"}
    counters = {l["code"]: l for l in lines if l["type"] == "queue_counter"}
    assert {c: (g["prefix"], sorted(k for k, v in counters.items() if v["group"] == c))
            for c, g in groups.items()} == {c: (p, ks) for c, (p, ks) in GROUPS.items()}
    assert groups["ho-tich"] == {"type": "queue_group", "code": "ho-tich", "prefix": "A",
                                 "name": "Hộ tịch, chứng thực", "unit": COMMUNE, "field": "HT"}
    assert "field" not in groups["khac"]
    assert counters["quay-4"] == {"type": "queue_counter", "code": "quay-4", "name": "Quầy 4",
                                  "unit": COMMUNE, "group": "dat-dai"}
    # only the office of the unit asked for
    other = run("export", "--db", db, "--unit", OTHER_COMMUNE, check=0).stdout
    assert '"queue_group"' not in other and '"queue_counter"' not in other
    path = tmp_path / "all.jsonl"
    path.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines))
    fresh = str(tmp_path / "fresh.db")
    run("init", "--db", fresh, check=0)
    assert "3 nhóm quầy, 6 quầy" in run("import", "--db", fresh, str(path), check=0).stdout
    again = [json.loads(l) for l in run("export", "--db", fresh, check=0).stdout.splitlines()]
    assert [l for l in again if l["type"].startswith("queue_")] == \
        [l for l in lines if l["type"].startswith("queue_")]


def test_admin_defines_and_edits_groups_and_counters(tmp_path):
    from htmlcheck import assert_page
    db = demo_store(tmp_path)
    srv = Server(db)
    try:
        admin = login(srv, "admin")
        csrf = admin.headers["X-CSRF-Token"]
        page = assert_page(admin.get(srv.url + "/quan-tri/quay"))
        assert 'href="/quan-tri/quay"' in page  # in the admin's menu
        for code in GROUPS:
            assert f'href="/quan-tri/quay?nhom={code}"' in page
        assert 'href="/quan-tri/quay?quay=quay-6"' in page
        # a new group of Cồn Tiên and a counter for it
        r = admin.post(srv.url + "/quan-tri/quay/nhom", allow_redirects=False, data={
            "csrf": csrf, "code": "ct-a", "prefix": "D", "name": "Một cửa Cồn Tiên",
            "unit": OTHER_COMMUNE, "field": "HT"})
        assert r.status_code == 303, r.text
        assert "Đã lưu nhóm quầy Một cửa Cồn Tiên" in assert_page(admin.get(
            srv.url + r.headers["Location"]))
        r = admin.post(srv.url + "/quan-tri/quay/quay", allow_redirects=False, data={
            "csrf": csrf, "code": "ct-1", "name": "Quầy số 1", "group": "ct-a"})
        assert r.status_code == 303, r.text
        groups = requests.get(srv.url + "/api/v1/queue/groups",
                              params={"unit": OTHER_COMMUNE}).json()["groups"]
        assert groups == [{"code": "ct-a", "prefix": "D", "name": "Một cửa Cồn Tiên",
                           "unit": OTHER_COMMUNE, "field": "HT"}]
        assert issue(srv, "ct-a")["number"] == "D001"
        board = requests.get(srv.url + "/api/v1/queue/board",
                             params={"unit": OTHER_COMMUNE}).json()["counters"]
        assert [(c["counter"], c["name"], c["group"]) for c in board] == \
            [("ct-1", "Quầy số 1", "ct-a")]
        # edit: the group renamed and of no one field; quay-6 moves to dat-dai, renamed
        page = assert_page(admin.get(srv.url + "/quan-tri/quay", params={"nhom": "ct-a"}))
        assert 'value="Một cửa Cồn Tiên"' in page
        r = admin.post(srv.url + "/quan-tri/quay/nhom", allow_redirects=False, data={
            "csrf": csrf, "code": "ct-a", "prefix": "D", "name": "Bộ phận một cửa",
            "unit": OTHER_COMMUNE, "field": ""})
        assert r.status_code == 303, r.text
        r = admin.post(srv.url + "/quan-tri/quay/quay", allow_redirects=False, data={
            "csrf": csrf, "code": "quay-6", "name": "Quầy 6 (đất đai)", "group": "dat-dai"})
        assert r.status_code == 303, r.text
        lines = [json.loads(l) for l in run("export", "--db", db, check=0).stdout.splitlines()]
        queue = {(l["type"], l["code"]): l for l in lines if l["type"].startswith("queue_")}
        assert queue[("queue_group", "ct-a")] == {
            "type": "queue_group", "code": "ct-a", "prefix": "D", "name": "Bộ phận một cửa",
            "unit": OTHER_COMMUNE}
        assert queue[("queue_counter", "quay-6")] == {
            "type": "queue_counter", "code": "quay-6", "name": "Quầy 6 (đất đai)",
            "unit": COMMUNE, "group": "dat-dai"}
        # the import's checks, each answered beside its field, and nothing changed
        group = {"code": "x", "prefix": "E", "name": "n", "unit": COMMUNE}
        counter = {"code": "q", "name": "Quầy", "group": "khac"}
        bad = [("nhom", {**group, "code": "X"}, 400, "code"),
               ("nhom", {**group, "prefix": "e"}, 400, "prefix"),
               ("nhom", {**group, "prefix": "A"}, 400, "prefix"),  # ho-tich's letter
               ("nhom", {**group, "name": ""}, 400, "name"),
               ("nhom", {**group, "field": "NOPE"}, 400, "field"),
               ("nhom", {**group, "unit": "000.99.99.H99"}, 403, "unit"),
               ("quay", {**counter, "group": "nowhere"}, 400, "group"),
               ("quay", {**counter, "name": ""}, 400, "name"),
               ("quay", {**counter, "code": "Q!"}, 400, "code")]
        for form, data, status, field in bad:
            r = admin.post(srv.url + "/quan-tri/quay/" + form, data={"csrf": csrf, **data},
                           allow_redirects=False)
            assert r.status_code == status, (data, r.status_code)
            assert 'class="notice bad" role="alert"' in r.text, data
            assert f'id="err-{field}"' in r.text, (data, field)
        after = [json.loads(l) for l in run("export", "--db", db, check=0).stdout.splitlines()]
        assert [l for l in after if l["type"].startswith("queue_")] == \
            [l for l in lines if l["type"].startswith("queue_")]
        # Cồn Tiên's administrator sees and edits Cồn Tiên's office only
        r = admin.post(srv.url + "/api/v1/users", json={
            "username": "quantri_ct", "role": "admin", "unit": OTHER_COMMUNE,
            "password": "congtien@2025"})
        assert r.status_code == 201, r.text
        other = login(srv, "quantri_ct", "congtien@2025")
        page = assert_page(other.get(srv.url + "/quan-tri/quay", params={"nhom": "khac"}))
        assert "?nhom=ct-a" in page and "?nhom=khac" not in page and "Lĩnh vực khác" not in page
        r = other.post(srv.url + "/quan-tri/quay/nhom", allow_redirects=False, data={
            "csrf": other.headers["X-CSRF-Token"], "code": "khac", "prefix": "C",
            "name": "Của tôi", "unit": OTHER_COMMUNE})
        assert r.status_code == 403
        r = other.post(srv.url + "/quan-tri/quay/quay", allow_redirects=False, data={
            "csrf": other.headers["X-CSRF-Token"], "code": "quay-1", "name": "Của tôi",
            "group": "ct-a"})
        assert r.status_code == 403
        # a clerk may not
        clerk = login(srv, "clerk")
        assert clerk.get(srv.url + "/quan-tri/quay").status_code == 403
    finally:
        srv.stop()


def test_admin_registers_and_revokes_a_counter_tablet(server):
    from htmlcheck import assert_page
    admin = login(server, "admin")
    page = assert_page(admin.get(server.url + "/quan-tri/thiet-bi"))
    assert '<option value="quay-3">Quầy 3</option>' in page
    csrf = admin.headers["X-CSRF-Token"]
    made = admin.post(server.url + "/quan-tri/thiet-bi",
                      data={"csrf": csrf, "name": "Bảng quầy 3", "counter": "quay-3",
                            "unit": OTHER_COMMUNE})  # the counter's unit wins
    text = assert_page(made, 201)
    token = re.search(r'id="device-token">(mcd_[A-Za-z0-9_-]{43})<', text).group(1)
    assert "/may-danh-gia?token=" + token in text and "<svg" in text
    devices = {d["name"]: d for d in admin.get(server.url + "/api/v1/devices").json()["devices"]}
    assert (devices["Bảng quầy 3"]["counter"], devices["Bảng quầy 3"]["unit"]) == \
        ("quay-3", COMMUNE)
    assert_page(admin.post(server.url + "/quan-tri/thiet-bi",
                           data={"csrf": csrf, "name": "x", "counter": "quay-99"}), 400)
    assert_page(admin.post(server.url + "/quan-tri/thiet-bi",
                           data={"csrf": csrf, "name": "", "counter": "quay-3"}), 400)
    clerk = login(server, "clerk")
    assert_page(clerk.get(server.url + "/quan-tri/thiet-bi"), 403)
    tablet = requests.Session()
    assert tablet.get(server.url + "/may-danh-gia", params={"token": token}).status_code == 200
    gone = admin.post(server.url + "/quan-tri/thiet-bi/%d/thu-hoi" % devices["Bảng quầy 3"]["id"],
                      data={"csrf": csrf}, allow_redirects=False)
    assert gone.status_code == 303
    assert_page(tablet.get(server.url + "/may-danh-gia"), 403)  # revoked: no longer a device
    assert_page(admin.post(server.url + "/quan-tri/thiet-bi/999999/thu-hoi", data={"csrf": csrf}),
                404)
