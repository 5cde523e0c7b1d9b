"""An interconnected group through the pages (issue 17): the clerk picks the birth group from
the counter's list, ticks its papers (every step's, once) and receives it; Mẫu 01 names the
group and each step's own code; the parent's page shows its steps, each linked to its own
dossier with the agency that does it; a step's page leads back to the parent."""
import re

from selenium.webdriver.support.ui import WebDriverWait

from browser import WAIT, labelled

GROUP = "2.000986"
CODE_RE = r"000\.01\.52\.H50-\d{6}-\d{4,}"


def test_parent_page_shows_its_steps(browsers):
    b = browsers("clerk")
    b.login("clerk")
    b.go("/tiep-nhan", "lien-thong-tiep-nhan")
    select = b.find("select#procedure")
    assert b.find("optgroup[label='Nhóm thủ tục liên thông'] option[value='%s']" % GROUP, select)
    b.find("option[value='%s']" % GROUP, select).click()
    form = b.find("form:has(select#procedure)")
    b.submit(form, "lien-thong-ho-so", button=b.all("[type=submit]", form)[-1])
    form = b.find("main form[method=post i]")
    assert "Liên thông đăng ký khai sinh" in b.text()
    labelled(b, "họ", "tên", within=form).send_keys("Võ Thị Hạnh")
    labelled(b, "điện thoại", within=form).send_keys("0912000777")
    for box in b.all("input[type=checkbox]", form):
        if not box.is_selected():
            b.driver.execute_script("arguments[0].click()", box)
    b.submit(form, "lien-thong-mau-01")
    m = re.fullmatch(r"/dossiers/(%s)/forms/01" % CODE_RE, b.path())
    assert m, b.path()
    parent = m.group(1)
    body = b.driver.find_element("tag name", "body").text
    steps = re.findall(CODE_RE, body[body.index("Các thủ tục liên thông"):])
    kids = [c for c in dict.fromkeys(steps) if c != parent]
    assert len(kids) == 3, body

    b.go("/ho-so/" + parent, "lien-thong-ho-so-cha")
    section = b.find("section[aria-labelledby=h-lien-thong]")
    rows = b.all("tbody tr", section)
    assert len(rows) == 3
    links = [b.find("a", r).text for r in rows]
    assert links == kids
    agencies = [r.find_elements("tag name", "td")[3].text for r in rows]
    assert agencies == ["Tư pháp – hộ tịch (UBND cấp xã)", "Công an (quản lý cư trú)",
                        "Bảo hiểm xã hội"]
    assert all("Được tiếp nhận" in r.text for r in rows)
    assert "Đang xử lý" in b.find("dl.kv").text

    b.follow(b.find("a", rows[1]), "lien-thong-buoc-2")
    assert b.path() == "/ho-so/" + kids[1]
    assert "Bước 2 của hồ sơ liên thông" in b.text()
    b.follow(b.find("main p.notice a[href='/ho-so/%s']" % parent), "lien-thong-ve-ho-so-cha")
    WebDriverWait(b.driver, WAIT).until(lambda d: b.path() == "/ho-so/" + parent)
