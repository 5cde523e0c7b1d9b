"""The procedure picker at /tiep-nhan narrows its options as the catalogue's search does
(assets/app.js, core/vntext vntext_search_key): without diacritics, either i/y spelling of a
syllable ("ký"/"kí"), the words in any order."""
from selenium.webdriver.support.ui import WebDriverWait

from browser import WAIT

SHOWN = "return [...arguments[0].options].filter(o => !o.hidden && o.value).map(o => o.value)"
MARRIAGE = {"1.000894", "2.000806"}  # đăng ký kết hôn, and with a foreign element


def test_picker_takes_either_spelling_and_any_word_order(browsers):
    b = browsers("clerk")
    b.login("clerk")
    b.go("/tiep-nhan", "tiep-nhan")
    box, select = b.find("input[data-filter]"), b.find("select#procedure")
    for typed in ("đăng ký kết hôn", "ket hon dang ki", "KẾT HÔN ĐĂNG KÍ", "hon ket"):
        box.clear()
        box.send_keys(typed)
        WebDriverWait(b.driver, WAIT).until(
            lambda d: set(d.execute_script(SHOWN, select)) == MARRIAGE, typed)
    box.clear()
    box.send_keys("ket hon nuoc ngoai")
    WebDriverWait(b.driver, WAIT).until(
        lambda d: d.execute_script(SHOWN, select) == ["2.000806"], "nuoc ngoai")
