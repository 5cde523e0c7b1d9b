"""One headless Chromium (Debian's chromium + chromedriver through Selenium) per user of the
tests, with the checks every visited page must pass: HTTP status, a screenshot under
build/screenshots/, strict well-formed HTML (tests/lib/htmlcheck.py, on the bytes the server
sent), HTML+CSS+JS under 50 KB, and nothing referenced or loaded from another host."""
import os
import re
import tempfile
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import htmlcheck  # the checker the end-to-end page tests use too (tests/lib, on the path)
from motcua import DEMO, ROOT

SCREENSHOTS = os.path.join(ROOT, "build", "screenshots")
SPARE_CLERK = ("motcua2", "mat-khau-thu-nghiem")  # added by conftest for tests that spoil a session
LOGINS = {**DEMO, "clerk2": SPARE_CLERK}
WAIT = 15  # seconds an element or a page may take to appear
PAGE_BUDGET = 50 * 1024
ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--lang=vi")
# the raw bytes of the current page, fetched again from the same URL by the page itself
FETCH = """const done = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: "same-origin", redirect: "manual"})
  .then(r => r.text().then(t => done([r.status, t]))).catch(e => done([0, String(e)]));"""


class Browser:
    def __init__(self, server, label, size=(1280, 900)):
        self.base, self.label = server.url, label
        self.profile = tempfile.TemporaryDirectory(prefix="motcua-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for a in ARGS:
            opts.add_argument(a)
        opts.add_argument("--user-data-dir=" + self.profile.name)
        opts.add_argument("--window-size=%d,%d" % size)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        self.driver.set_window_size(*size)
        self.driver.set_script_timeout(WAIT)
        self._assets = None

    def close(self):
        self.driver.quit()
        self.profile.cleanup()

    # --- navigation -------------------------------------------------------------------
    def go(self, path, name=None, status=200):
        """Opens base+path and checks the page; returns the driver."""
        self.driver.get(self.base + path)
        self.wait_loaded()
        self.check(name or path, status)
        return self.driver

    def wait_loaded(self):
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def submit(self, form, name, status=200, button=None, raw=True):
        """Clicks form's submit button (or `button`), waits for the next page, checks it."""
        self.driver.execute_script("window.confirm = () => true;")  # data-confirm buttons
        self.follow(button or form.find_element(By.CSS_SELECTOR, "[type=submit]"), name,
                    status, raw)

    def follow(self, element, name, status=200, raw=True):
        """Clicks a link or button, waits for the next page, checks it."""
        self.click_away(element)
        self.check(name, status, raw)

    def click_away(self, element):
        """Clicks element and waits until the page it leads to has loaded."""
        # a navigation gives the tab a new window object, so a mark set on the old one
        # tells the pages apart without holding a node that chromedriver may lose
        self.driver.execute_script("window.motcuaOldPage = true;")
        try:
            element.click()
        except WebDriverException as e:
            # chromedriver may lose the clicked node to the navigation the click started;
            # the wait below still fails if no navigation happened
            if "does not belong to the document" not in str(e):
                raise
        # a script run while the old page unloads may fail; the wait retries it
        WebDriverWait(self.driver, WAIT, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script(
                "return !window.motcuaOldPage && document.readyState === 'complete';"))

    def find(self, css, within=None):
        """Waits for and returns the first element matching css (inside `within` if given)."""
        root = within or self.driver
        return WebDriverWait(self.driver, WAIT).until(
            lambda d: root.find_element(By.CSS_SELECTOR, css))

    def all(self, css, within=None):
        return (within or self.driver).find_elements(By.CSS_SELECTOR, css)

    def text(self):
        return self.find("main").text

    def path(self):
        u = urllib.parse.urlsplit(self.driver.current_url)
        return u.path + ("?" + u.query if u.query else "")

    def login(self, role, password=None):
        """Logs in through /dang-nhap; lands on the role's home page."""
        user, pw = LOGINS.get(role, (role, password))
        self.go("/dang-nhap", "dang-nhap")
        form = self.find("form[action='/dang-nhap']")
        self.find("#username", form).send_keys(user)
        self.find("#password", form).send_keys(pw)
        self.click_away(form.find_element(By.CSS_SELECTOR, "[type=submit]"))
        # the home page itself is checked by test_pages.py
        assert not self.path().startswith("/dang-nhap"), self.driver.page_source[:2000]

    # --- the checks of every page ------------------------------------------------------
    def status(self):
        return self.driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return n ? n.responseStatus : null;")

    def check(self, name, status=200, raw=True):
        """Screenshot, status, strict HTML, size budget, no other host. raw=False checks the
        browser's serialisation instead of refetching (for the answer to a POST)."""
        d = self.driver
        os.makedirs(SCREENSHOTS, exist_ok=True)
        slug = re.sub(r"[^a-zA-Z0-9.]+", "-", "%s-%s" % (self.label, name)).strip("-")
        d.save_screenshot(os.path.join(SCREENSHOTS, slug + ".png"))
        where = "%s (%s)" % (d.current_url, name)
        got = self.status()
        assert got == status, (where, got, d.find_element(By.TAG_NAME, "body").text[:500])
        if raw:
            got, html = d.execute_async_script(FETCH, d.current_url)
            assert got == status, (where, got)
        else:  # the DOM as parsed: a weaker check, the bytes cannot be fetched again
            html = d.execute_script(
                "const t = document.doctype;"
                "return (t ? '<!DOCTYPE ' + t.name + '>' : '')"
                " + document.documentElement.outerHTML;")
        problems = htmlcheck.check_html(html)
        assert not problems, (where, problems[:10])
        css, js = self.assets()
        size = len(html.encode()) + css + js
        assert size < PAGE_BUDGET, (where, "HTML+CSS+JS = %d bytes" % size)
        self.assert_local(html, where)

    def assets(self):
        """Sizes in bytes of /assets/app.css and /assets/app.js (fetched once)."""
        if self._assets is None:
            sizes = []
            for a in ("/assets/app.css", "/assets/app.js"):
                got, body = self.driver.execute_async_script(FETCH, self.base + a)
                assert got == 200, (a, got)
                assert not re.search(r"url\(\s*['\"]?(\w+:)?//|@import", body), a
                sizes.append(len(body.encode()))
            self._assets = tuple(sizes)
        return self._assets

    def assert_local(self, html, where):
        """Every src/href/action of the page is site-relative, this origin, data: (or a
        tel:/mailto: link, which loads nothing), and every resource came from this origin."""
        refs = self.driver.execute_script(
            "const out = [];"
            "for (const a of ['src', 'href', 'action', 'srcset', 'poster', 'formaction'])"
            "  document.querySelectorAll('[' + a + ']').forEach(e => out.push(e.getAttribute(a)));"
            "return out;")
        loaded = self.driver.execute_script(
            "return performance.getEntriesByType('resource').map(r => r.name);")
        origin = urllib.parse.urlsplit(self.base)
        for ref in refs + loaded:
            u = urllib.parse.urlsplit(ref.strip())
            ok = (not u.scheme and not u.netloc) or u.scheme in ("data", "tel", "mailto") or \
                (u.scheme == origin.scheme and u.netloc == origin.netloc)
            assert ok, (where, "refers to another host", ref)
        assert not re.search(r"url\(\s*['\"]?(\w+:)?//", html), (where, "CSS url() to a host")


# --- form helpers shared by the tests ------------------------------------------------------
LABELLED = """const words = arguments[0];
const fold = s => s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[đĐ]/g, 'd')
  .toLowerCase();
for (const l of (arguments[1] || document).querySelectorAll('label')) {
  const t = fold(l.textContent);
  if (words.every(w => t.includes(fold(w))))
    return l.htmlFor ? document.getElementById(l.htmlFor)
                     : l.querySelector('input,select,textarea');
}
return null;"""


def labelled(b, *words, within=None):
    """The control whose <label> contains all words (compared without diacritics)."""
    return WebDriverWait(b.driver, WAIT).until(
        lambda d: d.execute_script(LABELLED, list(words), within),
        "no field labelled %r" % (words,))


def action_form(b, action, code=None):
    """The form on this page that posts the lifecycle action (hidden input name=action),
    unfolded if it sits in a closed <details>."""
    sel = "form:has(input[name=action][value=%s])" % action
    if code:
        sel = "form[action^='/ho-so/%s/']:has(input[name=action][value=%s])" % (code, action)
    form = b.find(sel)
    summary = b.driver.execute_script(  # forms folded in a closed <details>: open it
        "const d = arguments[0].closest('details');"
        "return d && !d.open ? d.querySelector('summary') : null;", form)
    if summary:
        summary.click()
    return form


def fill_form(b, form, prefer=(), text="Kiểm thử trình duyệt"):
    """Completes what a form still needs: each select without a value takes the option whose
    text or value contains a word of prefer (else the first real option); each radio group
    with nothing checked likewise; each empty required text field gets text."""
    for sel in b.all("select", form):
        opts = [o for o in b.all("option", sel) if o.get_attribute("value")]
        pick = next((o for o in opts for w in prefer
                     if w in (o.text + " " + o.get_attribute("value")).lower()), None)
        if pick is not None:
            pick.click()
        elif not sel.get_attribute("value") and opts:
            opts[0].click()
    groups = {}
    for r in b.all("input[type=radio]", form):
        groups.setdefault(r.get_attribute("name"), []).append(r)
    for radios in groups.values():
        if not any(r.is_selected() for r in radios):
            pick = next((r for r in radios for w in prefer if w in r.get_attribute("value")),
                        radios[0])
            b.driver.execute_script("arguments[0].click()", pick)
    for f in b.all("input[required]:not([type=hidden]):not([type=radio]):not([type=checkbox]),"
                   "textarea[required]", form):
        if not f.get_attribute("value"):
            f.send_keys(text)
