"""Interconnected groups as dossiers (issue 17.2): an intake naming a group (`chain`) files a
parent with one child per step, each with its own code, agency, deadline and lifecycle; the
officer view shows the children on the parent and the parent on a child; the parent follows
its children (processing until the last step is finished, resolved once, returned once); a
failed step stops the steps that wait for it and the citizen is told the group's result; the
reports count the parent once; the group's 3-working-day limit with its 15:00 cut-off is the
parent's classification, across a weekend. The server runs on a faked clock (libfaketime)."""
import json
import re

import pytest

import requests

import htmlcheck
from clock import Clock
from conftest import login
from motcua import COMMUNE, Server, demo_store, is_url, run
from poll import wait_until

BIRTH, DEATH = "2.000986", "1.006714"
APPLICANT = {"name": "Trần Thị Bình", "phone": "0912345678", "id_number": "045190001234"}


def bearer(db, name, role):
    token = run("token", "add", name, "--role", role, "--unit", COMMUNE, "--db", db,
                check=0).stdout.strip()
    s = requests.Session()
    s.headers["Authorization"] = "Bearer " + token
    return s


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chain")
    db = demo_store(folder)
    out = folder / "messages.jsonl"
    clock = Clock(folder / "now", "2026-03-02 09:00:00")  # a Monday
    srv = Server(db, clock=clock,
                 extra=("--webhook-retry", "1", "--notify-cmd", f"cat >> {out}; echo >> {out}"))
    yield {"srv": srv, "db": db, "clock": clock, "out": out,
           "clerk": bearer(db, "mc.lienthong", "clerk"),
           "specialist": bearer(db, "cv.lienthong", "specialist")}
    srv.stop()


def papers(srv, chain):
    """The required papers of every step of chain."""
    c = requests.get(srv.url + "/api/v1/catalogue/chains/" + chain).json()
    names = []
    for st in c["steps"]:
        p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + st["procedure"]).json()
        names += [x["name"] for x in p["components"] if x["required"] and x["name"] not in names]
    return [{"name": n} for n in names]


def file_group(env, chain=BIRTH, status=201, papers_of=None, **extra):
    srv = env["srv"]
    body = {"chain": chain, "unit": COMMUNE, "channel": "direct", "applicant": APPLICANT,
            "components": papers(srv, papers_of or chain), **extra}
    r = env["clerk"].post(srv.url + "/api/v1/dossiers", json=body)
    assert r.status_code == status, r.text
    return r.json()


def minute(instant):
    """An instant to the minute: the server's clock runs on from where the test set it, so a
    receipt may come a second or two after it."""
    return instant[:16]


def view(env, code):
    r = env["clerk"].get(env["srv"].url + "/api/v1/dossiers/" + code)
    assert r.status_code == 200, r.text
    return r.json()


def act(env, code, status=200, who="specialist", **body):
    r = env[who].post(env["srv"].url + f"/api/v1/dossiers/{code}/events", json=body)
    assert r.status_code == status, r.text
    return r.json()


def received(db, day):
    rep = json.loads(run("report", "--db", db, "--from", day, "--to", day, "--unit", COMMUNE,
                         "--format", "json", check=0).stdout)
    return rep["total"]["received"]["total"]


def test_intake_files_a_parent_and_a_child_per_step(env):
    env["clock"].set("2026-03-02 09:00:00")
    before = received(env["db"], "2026-03-02")
    got = file_group(env)
    parent = got["code"]
    assert got["state"] == "processing" and got["chain"] == BIRTH
    kids = got["children"]
    assert [k["agency"] for k in kids] == ["civil_status", "residence", "insurance"]
    assert [k["procedure"] for k in kids] == ["1.001193", "1.004194", "1.010818"]
    codes = [parent] + [k["code"] for k in kids]
    assert len(set(codes)) == 4 and all(c.startswith(COMMUNE + "-260302-") for c in codes)
    assert all(k["state"] == "received" for k in kids)
    # each step its own deadline: its procedure's limit from the receipt (Monday 09:00)
    assert [minute(k["due_at"]) for k in kids] == ["2026-03-03T09:00",   # 8 working hours
                                                   "2026-03-11T09:00",   # 7 working days
                                                   "2026-03-04T09:00"]   # 2 working days
    # the group's: 3 working days
    p = view(env, parent)
    assert minute(p["due_at"]) == "2026-03-05T09:00" and p["classification"] == "within_deadline"
    assert [k["code"] for k in p["children"]] == codes[1:]
    c = view(env, kids[1]["code"])
    assert c["parent"] == parent and c["agency"] == "residence" and c["step"] == 1
    assert "children" not in c and "parent" not in p
    # the receiving unit counts the group once
    assert received(env["db"], "2026-03-02") == before + 1
    assert run("verify", "--db", env["db"]).returncode == 0


def test_the_parent_follows_its_children(env):
    env["clock"].set("2026-03-02 10:00:00")
    got = file_group(env)
    parent, kids = got["code"], [k["code"] for k in got["children"]]
    # the group's result is its steps': never resolved by hand
    act(env, parent, 422, action="resolve", outcome="approved")
    env["clock"].set("2026-03-02 14:00:00")
    for i, k in enumerate(kids):
        assert view(env, parent)["state"] == "processing", i
        act(env, k, action="resolve", outcome="approved")
    p = view(env, parent)
    assert p["state"] == "resolved" and p["outcome"] == "approved"
    assert minute(p["resolved_at"]) == "2026-03-02T14:00" and p["classification"] == "early"
    # returned once, by the one-stop counter, from the parent
    act(env, parent, who="clerk", action="return", collector="Trần Thị Bình")
    assert view(env, parent)["state"] == "returned"
    act(env, parent, 422, who="clerk", action="return", collector="Trần Thị Bình")
    assert run("verify", "--db", env["db"]).returncode == 0


def test_a_failed_step_stops_what_waits_for_it_and_the_citizen_is_told(env):
    env["clock"].set("2026-03-03 08:00:00")
    got = file_group(env, DEATH)
    parent, kids = got["code"], [k["code"] for k in got["children"]]
    assert [k["agency"] for k in got["children"]] == ["civil_status", "residence", "social"]
    act(env, kids[0], action="stop", reason="Giấy báo tử không hợp lệ")
    p = view(env, parent)
    states = {k["code"]: k["state"] for k in p["children"]}
    assert states == {kids[0]: "stopped", kids[1]: "stopped", kids[2]: "stopped"}
    for k in kids[1:]:
        stop = [e for e in view(env, k)["events"] if e["action"] == "stop"]
        assert len(stop) == 1 and stop[0]["by"] == "liên thông"
        assert "Bước 1" in stop[0]["reason"] and kids[0] in stop[0]["reason"]
    assert p["state"] == "resolved" and p["outcome"] == "rejected"
    resolve = [e for e in p["events"] if e["action"] == "resolve"]
    assert len(resolve) == 1 and kids[0] in resolve[0]["reason"]

    def result():
        if not env["out"].exists():
            return None
        lines = [json.loads(l) for l in env["out"].read_text().splitlines() if l.strip()]
        return [m for m in lines if m["dossier"] == parent and m["kind"] == "result"]

    told = wait_until(result, 30, "the citizen told the group's result", 0.1)
    assert len(told) == 1 and "không chấp thuận" in told[0]["message"]


def test_an_independent_step_goes_on_when_another_fails(env):
    env["clock"].set("2026-03-03 09:00:00")
    got = file_group(env)
    parent, kids = got["code"], [k["code"] for k in got["children"]]
    act(env, kids[0], action="resolve", outcome="approved")
    act(env, kids[1], action="resolve", outcome="rejected", reason="Chỗ ở không hợp pháp")
    p = view(env, parent)
    assert [k["state"] for k in p["children"]] == ["resolved", "resolved", "received"]
    assert p["state"] == "processing"  # the insurance step waits only for the birth
    act(env, kids[2], action="resolve", outcome="approved")
    p = view(env, parent)
    assert p["state"] == "resolved" and p["outcome"] == "rejected"
    assert kids[1] in [e for e in p["events"] if e["action"] == "resolve"][0]["reason"]


def test_bad_group_intakes_are_refused_and_file_nothing(env):
    srv = env["srv"]
    before = received(env["db"], "2026-03-03")
    file_group(env, "9.999999", 422, papers_of=BIRTH)
    file_group(env, BIRTH, 400, procedure="1.001193")  # both
    file_group(env, BIRTH, 422, fee=8000)
    r = env["clerk"].post(srv.url + "/api/v1/dossiers", json={
        "chain": BIRTH, "unit": COMMUNE, "channel": "direct", "applicant": APPLICANT,
        "components": [{"name": "Tờ khai đăng ký khai sinh theo mẫu"}]})
    assert r.status_code == 422 and r.json()["error"]["field"] == "components", r.text
    assert received(env["db"], "2026-03-03") == before


@pytest.mark.parametrize("at,resolved_at,due,cls", [
    # Friday 14:00: 3 working days from the receipt, Wednesday 14:00; resolved 16:00: late
    ("2026-03-06 14:00:00", "2026-03-11 16:00:00", "2026-03-11T14:00:00+07:00", "late"),
    # Friday just before the cut-off (15:00:00 itself: tests/unit/test_chain.c)
    ("2026-03-06 14:59:00", "2026-03-11 16:00:00", "2026-03-11T14:59:00+07:00", "late"),
    # Friday 15:30, after the cut-off: from Monday, due Wednesday at the day's end: on time
    ("2026-03-06 15:30:00", "2026-03-11 16:00:00", "2026-03-11T17:00:00+07:00", "on_time"),
    # the same resolved on Tuesday: early
    ("2026-03-06 15:30:00", "2026-03-10 10:00:00", "2026-03-11T17:00:00+07:00", "early"),
])
def test_group_limit_across_a_weekend_and_the_cutoff(env, at, resolved_at, due, cls):
    env["clock"].set(at)
    got = file_group(env)
    assert minute(got["due_at"]) == minute(due)
    env["clock"].set(resolved_at)
    for k in got["children"]:
        act(env, k["code"], action="resolve", outcome="approved")
    p = view(env, got["code"])
    assert p["state"] == "resolved" and p["classification"] == cls


def test_pages_show_the_group(env):
    env["clock"].set("2026-03-04 09:00:00")
    got = file_group(env)
    parent, kids = got["code"], [k["code"] for k in got["children"]]
    srv = env["srv"]
    page = env["clerk"].get(srv.url + "/ho-so/" + parent)
    htmlcheck.assert_page(page)
    section = page.text[page.text.index("Các bước liên thông"):]
    section = section[:section.index("</section>")]
    for i, k in enumerate(kids):
        assert f'<a href="/ho-so/{k}">{k}</a>' in section
    assert section.index(kids[0]) < section.index(kids[1]) < section.index(kids[2])
    assert "Công an (quản lý cư trú)" in section and "Bảo hiểm xã hội" in section
    assert "Thủ tục đăng ký khai sinh" in section
    child = env["clerk"].get(srv.url + "/ho-so/" + kids[2])
    htmlcheck.assert_page(child)
    assert f'Bước 3 của hồ sơ liên thông <a href="/ho-so/{parent}">{parent}</a>' in child.text
    # Mẫu 01: the group as what is asked, its 3-day limit, every step and the appointment
    form = env["clerk"].get(srv.url + f"/dossiers/{parent}/forms/01")
    assert form.status_code == 200, form.text[:2000]
    text = form.text
    assert "Nội dung yêu cầu giải quyết: Liên thông đăng ký khai sinh" in text
    assert "giải quyết hồ sơ theo quy định là: 3 ngày làm việc" in text
    steps = text[text.index("Các thủ tục liên thông"):text.index("4. Thời gian nhận hồ sơ")]
    for k, agency in zip(kids, ("Tư pháp – hộ tịch", "Công an (quản lý cư trú)",
                                "Bảo hiểm xã hội")):
        assert k in steps and agency in steps
    # Wednesday 09:00 + 3 working days, over the weekend
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 09/03/2026" in text


def group_papers(srv, chain):
    """The group's checklist as the forms list it: every step's papers once, in step order,
    with whether a step requires it."""
    c = requests.get(srv.url + "/api/v1/catalogue/chains/" + chain).json()
    out = {}
    for st in c["steps"]:
        p = requests.get(srv.url + "/api/v1/catalogue/procedures/" + st["procedure"]).json()
        for x in p["components"]:
            out[x["name"]] = out.get(x["name"], False) or x["required"]
    return list(out.items())


def test_the_counter_files_a_group(env):
    env["clock"].set("2026-03-05 08:00:00")
    srv = env["srv"]
    clerk = login(srv, "clerk")
    picker = clerk.get(srv.url + "/tiep-nhan")
    htmlcheck.assert_page(picker)
    group = picker.text[picker.text.index('<optgroup label="Nhóm thủ tục liên thông">'):]
    group = group[:group.index("</optgroup>")]
    assert 'value="2.000986"' in group and 'value="1.006714"' in group
    form = clerk.get(srv.url + "/tiep-nhan", params={"procedure": DEATH})
    htmlcheck.assert_page(form)
    listed = group_papers(srv, DEATH)
    for name, _ in listed:
        assert name in form.text
    picked = [str(i) for i, (_, required) in enumerate(listed) if required]
    r = clerk.post(srv.url + "/tiep-nhan", allow_redirects=False, headers={"X-CSRF-Token": None},
                   data={"csrf": clerk.headers["X-CSRF-Token"], "procedure": DEATH,
                         "component": picked, "channel": "direct", "name": "Lê Văn Cường",
                         "phone": "0905111222", "intake": "receive"})
    assert r.status_code == 303, r.text[:3000]
    code = r.headers["Location"].split("/")[2]
    p = view(env, code)
    assert p["chain"] == DEATH and p["state"] == "processing"
    assert [k["agency"] for k in p["children"]] == ["civil_status", "residence", "social"]
    assert minute(p["due_at"]) == "2026-03-12T08:00"  # Thursday 08:00 + 5 working days
    # a paper some step requires, missing: refused, nothing filed
    r = clerk.post(srv.url + "/tiep-nhan", allow_redirects=False, headers={"X-CSRF-Token": None},
                   data={"csrf": clerk.headers["X-CSRF-Token"], "procedure": DEATH,
                         "component": picked[:1], "channel": "direct", "name": "Lê Văn Cường",
                         "phone": "0905111222", "intake": "receive"})
    assert r.status_code == 422 and "Thiếu thành phần hồ sơ bắt buộc" in r.text


def test_a_citizen_files_a_group_online_and_the_clerk_receives_it(env):
    env["clock"].set("2026-03-05 16:00:00")  # Thursday, after the cut-off
    srv = env["srv"]
    path = f"/thu-tuc/{BIRTH}/nop-truc-tuyen"
    page = requests.get(srv.url + path)
    htmlcheck.assert_page(page)
    token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)
    files = {f"file-{i}": (f"giay-{i}.pdf", b"%PDF-1.4\n% " + str(i).encode() + b"\n%%EOF\n",
                           "application/pdf")
             for i, (_, required) in enumerate(group_papers(srv, BIRTH)) if required}
    r = requests.post(srv.url + path, files=files,
                      data={"token": token, "unit": COMMUNE, "name": "Hồ Thị Dung",
                            "phone": "0905333444"})
    assert r.status_code == 201, r.text[:3000]
    code = re.search(r'class="dossier-code">([^<]+)<', r.text).group(1)
    p = view(env, code)
    assert p["state"] == "submitted" and p["chain"] == BIRTH and p["children"] == []
    # received on Friday 09:00: the steps are filed then, the group counted from the receipt
    env["clock"].set("2026-03-06 09:00:00")
    act(env, code, who="clerk", action="receive")
    p = view(env, code)
    assert p["state"] == "processing" and len(p["children"]) == 3
    assert minute(p["due_at"]) == "2026-03-11T09:00"
    assert all(k["state"] == "received" for k in p["children"])
    # every paper the citizen sent is on the parent's file list
    docs = env["clerk"].get(srv.url + f"/api/v1/dossiers/{code}/documents").json()
    assert len(docs["documents"]) == len(files)


def test_a_recount_counts_the_groups_as_the_live_counters_do(env, tmp_path):
    """The counters skip the steps on replay exactly as they did live: a recount of a copy of
    the store changes no figure, and the copy verifies. A PostgreSQL database is recounted in
    place (backup writes SQLite files only; a recount that changes nothing is harmless)."""
    copy = env["db"] if is_url(env["db"]) else str(tmp_path / "copy.db")
    if copy != env["db"]:
        run("backup", "--db", env["db"], copy, check=0)

    def figures():
        return json.loads(run("report", "--db", copy, "--from", "2026-03-01", "--to",
                              "2026-03-31", "--unit", COMMUNE, "--format", "json",
                              check=0).stdout)["total"]

    before = figures()
    assert before["received"]["total"] > 0
    run("recount", "--db", copy, check=0)
    assert figures() == before
    assert run("verify", "--db", copy).returncode == 0
