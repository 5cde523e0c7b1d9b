"""The page checks of the Python tests (end-to-end and browser). The HTML rules are the one
strict checker's (tests/unit/htmlcheck.c; htmlcheck.h says what it accepts), run as the
htmlcheck command that the build puts beside the binary under test; assert_page adds the
response's status, type and size."""
import os
import subprocess

from motcua import BIN, assert_clean, child_env

TOOL = os.path.join(os.path.dirname(BIN), "htmlcheck")
MAX_BYTES = 50 * 1024


def check_html(page, labels=False):
    """The problems the checker finds in a whole page (str, or the bytes as sent): [] when it
    passes, else one "LINE:COLUMN: problem near «...»". labels=True: every visible form
    control must also have a <label for>."""
    data = page if isinstance(page, bytes) else page.encode()
    p = subprocess.run([TOOL, *(["--labels"] if labels else [])], input=data,
                       capture_output=True, env=child_env(), timeout=60)
    assert_clean(p.stderr.decode(errors="backslashreplace"))
    problems = p.stdout.decode(errors="backslashreplace").splitlines()
    # anything else is the command failing, which must not read as a page that passed
    assert (p.returncode, len(problems)) in ((0, 0), (1, 1)), (TOOL, p.returncode, p.stdout,
                                                               p.stderr)
    return problems


def assert_page(response, status=200, max_bytes=MAX_BYTES, labels=False):
    """Checks a page response: status (None: any), HTML content type, size, and the bytes the
    server sent through the checker; returns its text."""
    if status is not None:
        assert response.status_code == status, (response.status_code, response.text[:2000])
    assert response.headers["Content-Type"].startswith("text/html"), response.headers
    assert len(response.content) < max_bytes, (response.url, len(response.content))
    problems = check_html(response.content, labels)
    assert not problems, (response.url, problems)
    return response.text


def check_page(response):
    """assert_page whatever the status."""
    return assert_page(response, status=None)
