"""Sync with the national public-service portal (issue 18) against its simulator
(`motcua portal-sim`): 1,000 dossiers go through their lifecycles while the portal is down for
the first seconds of the run and fails a share of the calls after, and the server is killed
(-9) half-way with calls waiting; in the end the simulator
holds exactly motcua's state of each dossier (status and version, the record field by field)
and `motcua portal reconcile` reports no difference. A record the simulator corrupts (its
admin call) is listed by reconcile with the field that differs. The simulator checks what it
takes: a record with a wrong time format, an unknown field or a status the lifecycle cannot
reach is refused, and a session is needed."""
import datetime
import json
import os
import signal
import sqlite3
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from clock import vn_today
from conftest import login
from motcua import BIN, COMMUNE, Server, assert_clean, child_env, demo_store, run
from poll import wait_until
from conftest import sqlite_file_only

N = 1000
PROCEDURE = "1.004873"
CRED = "motcua:mat-khau-cong"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("portal")
    db = demo_store(folder)
    err = open(folder / "sim.stderr", "w")
    sim = subprocess.Popen([BIN, "portal-sim", "--down-for", "6s", "--fail-rate", "0.1",
                            "--credentials-env", "PORTAL_CRED", "--keep", str(folder / "kept")],
                           stdout=subprocess.PIPE, stderr=err, text=True,
                           env={**child_env(), "PORTAL_CRED": CRED})
    url = sim.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), url
    srv = None
    os.environ["PORTAL_CRED"] = CRED  # the server names the variable; its value is never an argument
    try:
        srv = Server(db, extra=serve_args(url))
        token = run("token", "add", "mc.portal", "--role", "clerk", "--unit", COMMUNE, "--db", db,
                    check=0).stdout.strip()
        e = {"srv": srv, "db": db, "sim": url, "token": token, "folder": folder}
        yield e
        srv = e["srv"]  # the test may have killed it and started another
    finally:
        if srv:
            srv.stop()
        os.environ.pop("PORTAL_CRED", None)
        sim.send_signal(signal.SIGTERM)
        assert sim.wait(timeout=30) == 0
        err.close()
        assert_clean((folder / "sim.stderr").read_text(errors="replace"))


def serve_args(sim):
    return ("--webhook-retry", "1", "--portal-url", sim, "--portal-credentials-env", "PORTAL_CRED")


def session(env):
    s = requests.Session()
    s.headers["Authorization"] = "Bearer " + env["token"]
    return s


def token(env):
    """A session of the simulator (the credentials it was given), asked until it answers."""
    for _ in range(20):
        r = requests.post(env["sim"] + "/token", json={"username": "motcua", "password": "mat-khau-cong"})
        if r.status_code != 500:
            return r.json()["session"]
    raise AssertionError(r.text)


def portal(env, service, body, sess=None):
    """A call to the simulator in a session of its own (the credentials it was given)."""
    if sess is None:
        sess = token(env)
    for _ in range(20):  # the simulator fails a share of the calls (--fail-rate)
        r = requests.post(env["sim"] + "/" + service, json=body,
                          headers={"Authorization": "Bearer " + sess})
        if r.status_code != 500:
            return r
    return r


def required_components(env):
    p = requests.get(env["srv"].url + "/api/v1/catalogue/procedures/" + PROCEDURE).json()
    return [{"name": c["name"], "digitized": True} for c in p["components"] if c["required"]]


def lifecycle(env, s, components, i):
    """Files dossier i at the counter and takes it through one of five lifecycles; returns its
    code."""
    url = env["srv"].url + "/api/v1/dossiers"
    r = s.post(url, json={"procedure": PROCEDURE, "unit": COMMUNE, "channel": "direct",
                          "applicant": {"name": "Nguyễn Văn %d" % i, "phone": "0912345678"},
                          "components": components})
    assert r.status_code == 201, r.text
    code = r.json()["code"]

    def act(**ev):
        r = s.post(url + "/" + code + "/events", json=ev)
        assert r.status_code == 200, r.text

    kind = i % 5
    if kind == 4:
        return code  # received, waiting
    act(action="transfer", to=COMMUNE)
    if kind == 1:
        act(action="request_supplement", reason="Thiếu giấy tờ", items=["Bản sao CCCD"])
        act(action="supplement")
    if kind == 2:
        act(action="request_withdrawal", reason="Công dân xin rút hồ sơ")
        act(action="stop", reason="Đồng ý cho rút hồ sơ")
        return code
    if kind == 3:
        act(action="resolve", outcome="rejected", reason="Không đủ điều kiện")
    else:
        act(action="resolve", outcome="approved")
    act(action="return", collector="Người nộp")
    return code


def waiting(db):
    with sqlite3.connect(db) as c:
        return c.execute("SELECT count(*) FROM portal_outbox WHERE sent_at IS NULL").fetchone()[0]


def reconcile(env, *extra, check):
    day = vn_today()
    return run("portal", "reconcile", "--db", env["db"], "--from", str(day - datetime.timedelta(days=1)),
               "--to", str(day + datetime.timedelta(days=1)), "--portal-url", env["sim"],
               "--portal-credentials-env", "PORTAL_CRED", *extra,
               env={"PORTAL_CRED": CRED}, check=check)


@sqlite_file_only("reads the store with sqlite3 directly; not yet ported to connect()")
def test_a_thousand_dossiers_reach_the_portal_as_motcua_holds_them(env):
    srv = env["srv"]
    components = required_components(env)
    sessions = [session(env) for _ in range(6)]
    with ThreadPoolExecutor(6) as pool:
        codes = list(pool.map(lambda i: lifecycle(env, sessions[i % 6], components, i), range(N // 2)))
    # killed while calls wait in the outbox (the portal is still down): none is lost
    assert waiting(env["db"]) > 0
    srv.proc.kill()
    srv.proc.wait(timeout=30)
    srv.errlog.close()
    srv = env["srv"] = Server(env["db"], extra=serve_args(env["sim"]))
    with ThreadPoolExecutor(6) as pool:
        codes += list(pool.map(lambda i: lifecycle(env, sessions[i % 6], components, i),
                               range(N // 2, N)))
    assert len(set(codes)) == N
    wait_until(lambda: waiting(env["db"]) == 0, 240, "the portal's outbox drained", 0.5)
    # the portal was down at the start: the first calls waited, none was lost or doubled
    kept = [json.loads(line) for line in open(env["folder"] / "kept")]
    synced = [k["body"] for k in kept if k["service"] == "DongBoHoSoMC"]
    with sqlite3.connect(env["db"]) as c:
        events = dict(c.execute("SELECT d.code, count(*) FROM dossier d JOIN dossier_event e "
                                "ON e.dossier = d.id GROUP BY d.code").fetchall())
    # each version taken once (one sent again after the kill is answered and not taken again)
    assert len(synced) == len({(b["MaHoSo"], b["PhienBan"]) for b in synced})
    assert len(synced) == sum(events[c] for c in codes)
    # each dossier's versions arrived in order
    last = {}
    for b in synced:
        assert b["PhienBan"] == last.get(b["MaHoSo"], 0) + 1, b
        last[b["MaHoSo"]] = b["PhienBan"]
    sess = token(env)
    s = sessions[0]
    for code in codes[:: 7]:
        ours = s.get(srv.url + "/api/v1/dossiers/" + code).json()
        held = portal(env, "TraCuuHoSo", {"MaHoSo": code}, sess).json()
        assert held["error_code"] == 0
        rec = held["HoSo"]
        assert rec["TrangThaiHoSo"] == ours["portal_status"]
        assert rec["PhienBan"] == len(ours["events"]) == events[code]
        assert rec["KenhThucHien"] == 1 and rec["MaDonVi"] == COMMUNE
        assert rec["NgayTiepNhan"] == ours["received_at"][:19].replace("-", "").replace("T", "").replace(":", "")
        assert [t["TrangThai"] for t in held["TienDo"]][-1] == ours["portal_status"]
        assert len(held["TienDo"]) == events[code]
    r = reconcile(env, "--unit", COMMUNE, check=0)
    assert "dossiers that differ: 0 (of %d)" % N in r.stdout, r.stdout
    statuses = {line.split()[0]: line.split()[1:3] for line in r.stdout.splitlines()
                if line.split() and line.split()[0].isdigit()}
    # received 2, stopped 8, returned 10: 200 waiting, 200 stopped, 600 returned
    assert statuses == {"2": ["200", "200"], "8": ["200", "200"], "10": ["600", "600"]}, r.stdout

    # a record the portal holds wrongly is listed, with the field
    bad = codes[3]
    r = portal(env, "admin/corrupt", {"MaHoSo": bad, "field": "TrangThaiHoSo", "value": 9})
    assert r.status_code == 200 and r.json()["error_code"] == 0
    r = reconcile(env, check=1)
    assert "dossiers that differ: 1 (of %d)" % N in r.stdout, r.stdout
    assert bad + "\tTrangThaiHoSo" in r.stdout.splitlines()
    line = [ln for ln in r.stdout.splitlines() if ln.startswith("9 ")][0]
    assert line.split()[1:] == ["0", "1", "*"], r.stdout
    # the leaders' page says the same
    day = vn_today()
    page = login(srv, "leader").get(srv.url + "/doi-soat-cong", params={
        "from": str(day - datetime.timedelta(days=1)), "to": str(day + datetime.timedelta(days=1)),
        "unit": COMMUNE}).text
    assert 'data-differ="1"' in page and 'data-code="%s"' % bad in page, page[-3000:]
    assert '<tr data-key="status.9" class="overdue">' in page
    assert '<tr data-key="status.10" class="overdue">' in page  # 600 and 599
    assert '<tr data-key="status.2">' in page


@sqlite_file_only("reads the store with sqlite3 directly; not yet ported to connect()")
def test_the_simulator_checks_what_it_takes(env):
    rec = {"MaHoSo": "000.01.52.H50-991231-0001", "PhienBan": 1, "MaTTHC": PROCEDURE,
           "MaDonVi": COMMUNE, "NgayTiepNhan": "20261206093000", "TrangThaiHoSo": 2,
           "KenhThucHien": 1}
    # no session: refused
    r = portal(env, "DongBoHoSoMC", rec, sess="none")
    assert r.status_code == 401
    # wrong credentials get no session
    for _ in range(20):
        r = requests.post(env["sim"] + "/token", json={"username": "motcua", "password": "sai"})
        if r.status_code != 500:
            break
    assert r.status_code == 401 and "session" not in r.json()
    for field, value in (("NgayTiepNhan", "2026-12-06 09:30"), ("NgayTiepNhan", "20261306093000"),
                         ("TrangThaiHoSo", 11), ("KenhThucHien", 4), ("MaHoSo", 7),
                         ("TaiLieuNop", "giấy"), ("TruongLa", 1)):
        r = portal(env, "DongBoHoSoMC", {**rec, field: value})
        assert r.status_code == 200 and r.json()["error_code"] == 1, (field, r.text)
        assert field in r.json()["message"]
    assert portal(env, "DongBoHoSoMC", rec).json()["error_code"] == 0
    assert portal(env, "DongBoHoSoMC", rec).json()["error_code"] == 0  # taken once, again
    # 2 -> 10 is no step of the lifecycle; 2 -> 4 is
    assert portal(env, "DongBoHoSoMC", {**rec, "PhienBan": 2, "TrangThaiHoSo": 10}).json()["error_code"] == 2
    assert portal(env, "DongBoHoSoMC", {**rec, "PhienBan": 2, "TrangThaiHoSo": 4}).json()["error_code"] == 0
    # a progress update needs the dossier
    up = {"MaHoSo": "000.01.52.H50-991231-0002", "PhienBan": 1, "ThoiDiemXuLy": "20261206093000",
          "TrangThai": 2}
    assert portal(env, "CapNhatTienDoHoSoMC", up).json()["error_code"] == 3


@sqlite_file_only("reads the store with sqlite3 directly; not yet ported to connect()")
def test_pages_show_the_sync_and_the_backlog(env):
    srv = env["srv"]
    clerk, leader = login(srv, "clerk"), login(srv, "leader")
    s = session(env)
    r = s.post(srv.url + "/api/v1/dossiers", json={
        "procedure": PROCEDURE, "unit": COMMUNE, "channel": "direct",
        "applicant": {"name": "Trần Thị Bình", "phone": "0905111222"},
        "components": required_components(env)})
    assert r.status_code == 201, r.text
    code = r.json()["code"]
    wait_until(lambda: waiting(env["db"]) == 0, 60, "the new dossier synced", 0.2)
    page = clerk.get(srv.url + "/ho-so/" + code).text
    assert 'data-portal-version="1"' in page and "Đã gửi phiên bản 1 lúc" in page
    assert 'data-portal-waiting="0"' in leader.get(srv.url + "/tong-quan").text
    # the portal holds the dossier as returned: the transfer (2 -> 4 for motcua, 10 -> 4 for
    # the portal) is refused, retried, and shown with why; the dossier's later calls wait
    r = portal(env, "admin/corrupt", {"MaHoSo": code, "field": "TrangThaiHoSo", "value": 10})
    assert r.json()["error_code"] == 0
    r = s.post(srv.url + "/api/v1/dossiers/" + code + "/events", json={"action": "transfer", "to": COMMUNE})
    assert r.status_code == 200, r.text

    def refused():  # (a call the simulator fails at random shows its HTTP 500 first)
        page = clerk.get(srv.url + "/ho-so/" + code).text
        return page if "Chuyển trạng thái hồ sơ không hợp lệ" in page else None
    page = wait_until(refused, 60, "the refusal on the dossier page", 0.2)
    assert "Lỗi đồng bộ" in page
    assert "còn 2 lệnh chờ gửi" in page and 'data-portal-version="1"' in page
    board = leader.get(srv.url + "/tong-quan").text
    assert 'data-portal-waiting="2"' in board and "1 lệnh bị Cổng từ chối hoặc lỗi" in board
    # the portal mended, the retry goes through and the rest follows in order
    portal(env, "admin/corrupt", {"MaHoSo": code, "field": "TrangThaiHoSo", "value": 2})
    wait_until(lambda: waiting(env["db"]) == 0, 60, "the refused call taken on retry", 0.2)
    page = clerk.get(srv.url + "/ho-so/" + code).text
    assert 'data-portal-version="2"' in page and "Lỗi đồng bộ" not in page
    held = portal(env, "TraCuuHoSo", {"MaHoSo": code}).json()
    assert held["HoSo"]["TrangThaiHoSo"] == 4 and held["HoSo"]["PhienBan"] == 2
