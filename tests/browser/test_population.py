"""Once-only identity at the counter (issue 17.6): the clerk types the citizen's identity
number and presses "Tra cứu CSDL dân cư"; the name, birth date and address come from the
simulated population register and are not to be typed; the dossier received carries them."""
import json
import re
import signal
import subprocess

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from browser import SPARE_CLERK, WAIT, labelled
from clock import Clock
from conftest import START
from motcua import BIN, COMMUNE, Server, assert_clean, child_env, demo_store, run

PERSON = {"id_number": "045190001234", "name": "Trần Thị Bình", "birth_date": "1990-05-17",
          "address": "Thôn Hà Trung, xã Gio Linh, tỉnh Quảng Trị"}
PROCEDURE = "1.001193"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The browser tests' server, with a population register registered and reachable."""
    folder = tmp_path_factory.mktemp("store")
    data = folder / "people.jsonl"
    data.write_text(json.dumps(PERSON, ensure_ascii=False) + "\n")
    clock = Clock(folder / "now", START)
    db = demo_store(folder, clock)
    name, pw = SPARE_CLERK
    run("user", "add", name, "--role", "clerk", "--unit", COMMUNE, "--password-stdin", "--db", db,
        input=pw + "\n", check=0)
    sim = subprocess.Popen([BIN, "agency-sim", "--kind", "population", "--data", str(data)],
                           stdout=subprocess.PIPE, text=True, env=child_env(),
                           stderr=open(folder / "sim.stderr", "w"))
    url, key = sim.stdout.readline().split()
    run("agency", "add", "--db", db, "--kind", "population", "--url", url, "--public-key", key,
        check=0)
    s = Server(db, clock=clock, extra=("--webhook-allow", "127.0.0.1"))
    yield s
    s.stop()
    sim.send_signal(signal.SIGTERM)
    assert sim.wait(timeout=30) == 0
    assert_clean((folder / "sim.stderr").read_text(errors="replace"))


def test_the_counter_fills_the_applicant_from_the_register(browsers):
    b = browsers("clerk")
    b.login("clerk")
    b.go("/tiep-nhan?procedure=" + PROCEDURE, "dan-cu-tiep-nhan")
    form = b.find("main form[method=post i]")
    labelled(b, "định danh", within=form).send_keys(PERSON["id_number"])
    labelled(b, "điện thoại", within=form).send_keys("0912000888")
    b.find("button[data-people]", form).click()
    status = b.find("#people-status", form)
    WebDriverWait(b.driver, WAIT).until(lambda d: "CSDL" in status.text and "Đang" not in status.text)
    name = labelled(b, "họ", "tên", within=form)
    assert name.get_attribute("value") == PERSON["name"]
    assert name.get_attribute("readonly") is not None
    assert labelled(b, "ngày sinh", within=form).get_attribute("value") == PERSON["birth_date"]
    assert labelled(b, "địa chỉ", within=form).get_attribute("value") == PERSON["address"]
    for box in b.all("input[type=checkbox]", form):
        if not box.is_selected():
            b.driver.execute_script("arguments[0].click()", box)
    b.submit(form, "dan-cu-mau-01", button=b.find("button[name=intake][value=receive]", form))
    m = re.fullmatch(r"/dossiers/([^/]+)/forms/01", b.path())
    assert m, b.path()
    b.go("/ho-so/" + m.group(1), "dan-cu-ho-so")
    assert PERSON["name"] in b.text() and PERSON["address"] in b.text()
