"""Keyboard-only intake: after logging in, the clerk reaches the procedure filter with Tab,
types without diacritics, picks the procedure with the arrow keys, submits with Enter, then
Tabs through the intake form typing into each field (chosen by its label), ticking boxes with
Space, and submits with Enter: no clicks. Focus must be visible on every control reached."""
import re

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser import WAIT

ANSWERS = [(("ho", "ten"), "Lê Thị Mai"), (("dien thoai",), "0905112233"),
           (("dinh danh",), "045188004321"), (("dia chi",), "Thôn An Mỹ, xã Gio Linh")]
FOCUSED = """const e = document.activeElement, s = getComputedStyle(e);
const fold = t => t.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[đĐ]/g, 'd')
  .toLowerCase();
const label = e.labels && e.labels.length ? fold(e.labels[0].textContent) : '';
const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) ||
  s.boxShadow !== 'none';
return {tag: e.tagName.toLowerCase(), type: e.type || '', label: label, value: e.value || '',
        checked: !!e.checked, filter: e.hasAttribute('data-filter'), form: e.form ?
        (e.form.getAttribute('method') || 'get').toLowerCase() : '', visible: visible,
        action: e.form ? e.form.getAttribute('action') || '' : '',
        html: e.outerHTML.slice(0, 200)};"""


def keys(b, *k):
    ActionChains(b.driver).send_keys(*k).perform()


def focused(b):
    return b.driver.execute_script(FOCUSED)


def tab_until(b, want, limit=60):
    """Presses Tab until want(focused element) holds; returns that element's description."""
    for _ in range(limit):
        keys(b, Keys.TAB)
        f = focused(b)
        if f["tag"] != "body":
            assert f["visible"], ("focus not visible", f["html"])
        if want(f):
            return f
    raise AssertionError("Tab never reached the wanted control")


def wait_page(b, old, name):
    WebDriverWait(b.driver, WAIT).until(lambda d: d.current_url != old)
    b.wait_loaded()
    b.check(name)


def test_keyboard_only_intake(browsers):
    b = browsers("keyboard")
    b.login("clerk2")
    b.go("/tiep-nhan", "tiep-nhan")
    tab_until(b, lambda f: f["filter"])
    keys(b, "xac nhan tinh trang hon nhan")
    tab_until(b, lambda f: f["tag"] == "select")
    for _ in range(40):  # arrow down through the options the filter left visible
        if "1.004873" in focused(b)["value"]:
            break
        keys(b, Keys.ARROW_DOWN)
    assert focused(b)["value"] == "1.004873"
    tab_until(b, lambda f: f["type"] == "submit")
    old = b.driver.current_url
    keys(b, Keys.ENTER)
    wait_page(b, old, "tiep-nhan-thu-tuc")
    assert "procedure=1.004873" in b.path()
    typed = set()
    while True:
        f = tab_until(b, lambda f: f["form"] == "post" and f["type"] in (
            "text", "tel", "checkbox", "submit", "textarea"))
        if f["type"] == "submit" and f["action"] != "/dang-xuat":
            break
        if f["type"] == "checkbox" and not f["checked"]:
            keys(b, Keys.SPACE)
        for words, answer in ANSWERS:
            if f["type"] != "checkbox" and all(w in f["label"] for w in words) and not f["value"]:
                keys(b, answer)
                typed.add(words)
    assert len(typed) == len(ANSWERS), typed
    old = b.driver.current_url
    keys(b, Keys.ENTER)
    wait_page(b, old, "mau-01")
    assert re.fullmatch(r"/dossiers/000\.01\.52\.H50-\d{6}-\d{4,}/forms/01", b.path())
    assert "Lê Thị Mai" in b.driver.find_element("tag name", "body").text
