"""Every role's main pages open and pass the page checks of browser.py (status 200, strict HTML,
under 50 KB with CSS and JS, nothing from another host, a screenshot); the citizen's pages fit
a 360 px phone; a wrong password gives the Vietnamese error; a form posted without its CSRF
field is refused with a 403 page and does nothing."""
import pytest

from browser import labelled

PAGES = [
    ("citizen", "/thu-tuc"), ("citizen", "/thu-tuc/1.004873"), ("citizen", "/tra-cuu"),
    ("citizen", "/dang-nhap"),
    ("clerk", "/quay"), ("clerk", "/tiep-nhan"), ("clerk", "/tiep-nhan?procedure=1.004873"),
    ("clerk", "/ho-so"), ("clerk", "/ho-so?q=nguyen"), ("clerk", "/bao-cao"),
    ("clerk", "/doi-mat-khau"),
    ("specialist", "/ho-so-cua-toi"),
    ("leader", "/tong-quan"), ("leader", "/bao-cao"), ("leader", "/can-bo"),
    ("admin", "/quan-tri"), ("admin", "/quan-tri/don-vi"), ("admin", "/quan-tri/thu-tuc"),
    ("admin", "/quan-tri/ngay-nghi"), ("admin", "/quan-tri/chung-thu-so"),
]


@pytest.fixture(scope="module")
def users(browsers):
    """role -> a browser logged in as that role (the citizen is not logged in)."""
    made = {}

    def get(role):
        if role not in made:
            made[role] = browsers(role)
            if role != "citizen":
                made[role].login(role)
        return made[role]

    return get


@pytest.mark.parametrize("role,path", PAGES, ids=["%s%s" % p for p in PAGES])
def test_page(users, role, path):
    b = users(role)
    b.go(path)
    assert b.find("h1").text.strip()
    unlabelled = b.driver.execute_script(  # every visible control has a label
        "return [...document.querySelectorAll('main input:not([type=hidden]), main select,"
        " main textarea')].filter(e => !e.labels.length && !e.getAttribute('aria-label')"
        " && !e.getAttribute('aria-labelledby')).map(e => e.outerHTML);")
    assert not unlabelled, (path, unlabelled)


@pytest.mark.parametrize("path", ["/thu-tuc", "/tra-cuu"])
def test_phone_width(browsers, path):
    b = browsers("phone", size=(360, 740))
    b.go(path, "phone" + path)
    wide = b.driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];")
    assert wide[0] <= wide[1], ("scrolls sideways at 360 px", wide)


def test_login_failure(browsers):
    b = browsers("wrong")
    b.go("/dang-nhap", "dang-nhap")
    form = b.find("form[action='/dang-nhap']")
    b.find("#username", form).send_keys("motcua")
    b.find("#password", form).send_keys("sai-mat-khau")
    b.submit(form, "dang-nhap-sai", status=401, raw=False)
    assert "Sai tên đăng nhập hoặc mật khẩu" in b.find("[role=alert]").text
    assert b.find("#username").get_attribute("value") == "motcua"
    assert b.path().startswith("/dang-nhap")


def drop_csrf(b, form):
    n = b.driver.execute_script(
        "const i = arguments[0].querySelectorAll('input[name=csrf]'); i.forEach(e => e.remove());"
        "return i.length;", form)
    assert n == 1, "the form carried no CSRF field"


def test_logout_without_csrf_refused(browsers):
    b = browsers("csrf-logout")
    b.login("clerk2")
    b.go("/doi-mat-khau", "doi-mat-khau")
    form = b.find("form[action='/dang-xuat']")
    drop_csrf(b, form)
    b.submit(form, "dang-xuat-khong-csrf", status=403, raw=False)
    assert "Không thực hiện được" in b.find("h1").text
    b.go("/doi-mat-khau", "van-dang-nhap")  # the session survived the refused post


def test_intake_without_csrf_refused(browsers):
    b = browsers("csrf-intake")
    b.login("clerk2")
    b.go("/tiep-nhan?procedure=1.004873", "tiep-nhan-thu-tuc")
    form = b.find("main form[method=post i]")
    labelled(b, "họ", "tên", within=form).send_keys("Trần Văn Bình")
    labelled(b, "điện thoại", within=form).send_keys("0987654321")
    drop_csrf(b, form)
    b.submit(form, "tiep-nhan-khong-csrf", status=403, raw=False)
    assert "/forms/01" not in b.path()
    b.go("/ho-so?q=" + "Tran Van Binh", "ho-so-tim")
    assert "Trần Văn Bình" not in b.text()  # nothing was received
