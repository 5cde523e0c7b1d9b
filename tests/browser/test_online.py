"""A whole dossier electronically: a citizen on a phone files online with two files (a
required paper and an optional one), reads on the confirmation the code and the key to look
it up with; the clerk receives it and the specialist asks for a paper more; the citizen, on
the phone again, sees on /tra-cuu what is missing and why and uploads it there; the
specialist finds the dossier back in the worklist, the citizen's online answer in its
history, and proposes the result with its file; the leader finds it waiting for approval and
approves it; the citizen downloads the electronic result from /tra-cuu. Every citizen page
fits a 360 px screen without scrolling sideways."""
import re

import pytest
import requests

from browser import action_form, fill_form, labelled

PROCEDURE = "1.001699"  # the leader approves its results; component 0 required, 1 optional
PHONE = "0977123456"
PHONE_SIZE = (360, 740)


def fits(b, where):
    wide = b.driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];")
    assert wide[0] <= wide[1], (where, "scrolls sideways on a phone", wide)


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """Files as a phone has them: a scanned PDF and a camera photo (JPEG)."""
    folder = tmp_path_factory.mktemp("papers")
    made = {}
    for name, data in (("to-khai.pdf", b"%PDF-1.4\n% to khai\n1 0 obj << >> endobj\n%%EOF\n"),
                       ("IMG_2041.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 uy quyen \xff\xd9"),
                       ("khai-sinh.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 khai sinh \xff\xd9"),
                       ("ket-qua.pdf", b"%PDF-1.4\n% giay xac nhan\n1 0 obj << >> endobj\n%%EOF\n")):
        path = folder / name
        path.write_bytes(data)
        made[name] = str(path)
    return made


@pytest.fixture(scope="module")
def state(browsers):
    return {"open": browsers}


def citizen(state):
    if "citizen" not in state:
        state["citizen"] = state["open"]("citizen-phone", size=PHONE_SIZE)
    return state["citizen"]


def officer(state, role):
    if role not in state:
        state[role] = state["open"](role)
        state[role].login(role)
    return state[role]


def test_citizen_files_online_with_two_files(state, papers):
    b = citizen(state)
    b.go(f"/thu-tuc/{PROCEDURE}/nop-truc-tuyen", "nop-truc-tuyen")
    fits(b, "the filing form")
    form = b.find("main form[enctype='multipart/form-data']")
    labelled(b, "họ", "tên", within=form).send_keys("Trương Thị Điện Thoại")
    labelled(b, "điện thoại", within=form).send_keys(PHONE)
    b.find("input[type=file]#file-0", form).send_keys(papers["to-khai.pdf"])
    b.find("input[type=file]#file-1", form).send_keys(papers["IMG_2041.jpg"])
    fill_form(b, form, prefer=("gio linh",))
    b.submit(form, "da-nop-truc-tuyen", status=201, raw=False)
    fits(b, "the confirmation")
    box = b.find("section.filed")
    code = b.find(".dossier-code", box).text
    assert re.fullmatch(r"000\.01\.52\.H50-\d{6}-\d{4,}", code), code
    key = b.find(".lookup-key", box).text
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", key), key  # random: no one guesses it
    assert key.replace("-", "") in b.find("a.button", box).get_attribute("href")
    papers_list = b.find("ul.papers").text
    assert "Đơn đề nghị" in papers_list and "Bản sao các giấy tờ" in papers_list
    state["code"] = code
    state["lookup"] = b.find("a.button", box).get_attribute("href")


def test_officers_ask_for_a_paper_more(state):
    code = state["code"]
    clerk = officer(state, "clerk")
    clerk.go("/ho-so/" + code, "ho-so-truc-tuyen")
    assert "Mới đăng ký" in clerk.text()
    form = action_form(clerk, "receive", code)
    clerk.submit(form, "da-tiep-nhan")
    spec = officer(state, "specialist")
    spec.go("/ho-so/" + code, "ho-so-chuyen-vien")
    form = action_form(spec, "request_supplement", code)
    labelled(spec, "giấy tờ cần bổ sung", within=form).send_keys("Bản sao giấy khai sinh")
    labelled(spec, "lý do", within=form).send_keys("Cần đối chiếu ngày sinh")
    spec.submit(form, "mau-02")
    spec.go("/ho-so/" + code, "ho-so-cho-bo-sung")
    assert "Yêu cầu bổ sung giấy tờ" in spec.text()


def test_citizen_answers_online_from_the_lookup(state, papers):
    b = citizen(state)
    b.driver.get(state["lookup"])
    b.wait_loaded()
    b.check("tra-cuu-bo-sung")
    fits(b, "the look-up with its supplement form")
    missing = b.find("section.missing")
    assert "Bản sao giấy khai sinh" in missing.text and "Cần đối chiếu ngày sinh" in missing.text
    form = b.find("form[action='/tra-cuu/bo-sung']", missing)
    b.find("input[type=file]#file-0", form).send_keys(papers["khai-sinh.jpg"])
    b.submit(form, "da-bo-sung")
    fits(b, "the look-up after the answer")
    assert "Đã nhận giấy tờ bổ sung" in b.text() and "Đang xử lý" in b.text()
    assert not b.all("section.missing")


def test_specialist_sees_the_answer(state):
    code, spec = state["code"], officer(state, "specialist")
    spec.go("/ho-so-cua-toi", "ho-so-cua-toi-sau-bo-sung")
    assert code in spec.text()
    spec.follow(spec.find("main a[href='/ho-so/%s']" % code), "ho-so-sau-bo-sung")
    text = spec.text()
    assert "Đang xử lý" in text and "Công dân nộp bổ sung trực tuyến" in text
    assert "Bản sao giấy khai sinh" in text


def test_specialist_proposes_and_the_leader_approves(state, papers):
    code, spec = state["code"], officer(state, "specialist")
    spec.go("/ho-so/" + code, "ho-so-de-trinh")
    assert not spec.all("form:has(input[name=action][value=resolve])")  # the leader decides
    form = action_form(spec, "propose", code)
    fill_form(spec, form, prefer=("approved",))
    spec.find("input[type=file]", form).send_keys(papers["ket-qua.pdf"])
    spec.submit(form, "da-trinh")
    assert "Chờ lãnh đạo phê duyệt" in spec.text()
    leader = officer(state, "leader")
    leader.go("/ho-so-cua-toi", "cho-toi-phe-duyet")
    waiting = leader.text().split("Kết quả chờ tôi phê duyệt")[1]
    assert code in waiting, "the proposal is not in the leader's worklist"
    leader.follow(leader.find("main a[href='/ho-so/%s']" % code), "ho-so-phe-duyet")
    form = action_form(leader, "approve", code)
    leader.submit(form, "da-phe-duyet")
    assert "Đã xử lý xong" in leader.text()


def test_citizen_downloads_the_result(state, papers):
    b = citizen(state)
    b.driver.get(state["lookup"])
    b.wait_loaded()
    b.check("tra-cuu-co-ket-qua")
    fits(b, "the look-up with the result")
    assert "Đã xử lý xong" in b.text()
    link = b.find("ul.results a")
    assert "Tải về" in link.text
    with open(papers["ket-qua.pdf"], "rb") as f:
        assert requests.get(link.get_attribute("href")).content == f.read()
