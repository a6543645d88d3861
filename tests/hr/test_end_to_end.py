"""Issue 4's "done when", over real HTTP and real processes, on SQLite and PostgreSQL.

An HR user created with the CLI signs in, reindexes the real postings from the dashboard while
someone else searches, sees the 5 broken real postings listed with the fix to make, and finds
the run in the history.
"""

from __future__ import annotations

import html
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from jobboard import create_app
from jobboard.search.indexer import reindex

from .conftest import CORPUS, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

EMAIL, PASSWORD = "hr.person@example.ca", "a long HR passphrase"
BROKEN = {  # the 5 real files with broken front matter, the line to fix and the fix
    "en/senior-stakeholder-relations-advisor---strategic-engagement---"
    "685e34db-a7c9-4476-bc60-ae1c1e751763.md": (8, "indent that paragraph by two spaces"),
    "en/senior-stakeholder-relations-advisor-strategic-engagement---"
    "685e34db-a7c9-4476-bc60-ae1c1e751763.md": (8, "indent that paragraph by two spaces"),
    "fr/concepteur-trice-dinteraction-developpeur-se-front-end--"
    "ef1dd61a-bceb-42b5-9029-5cb139a9c12f.md": (4, "use double quotes"),
    "fr/concepteur-trice-dinteraction-developpeur-se-front-end-fr---"
    "ef1dd61a-bceb-42b5-9029-5cb139a9c12f.md": (4, "use double quotes"),
    "fr/responsable-dequipe--aaaa.md": (4, "use double quotes"),
}


class _Quiet(WSGIRequestHandler):
    def log_request(self, code="-", size="-") -> None:
        """No access log in the test output."""


class Browser:
    """A person with cookies, talking HTTP to the running board (redirects followed)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, form: dict) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(form).encode()
        return self._open(urllib.request.Request(self.base + path, data=body))

    def _open(self, request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.url, error.read().decode()


def token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def add_user_with_the_cli(db_url: str) -> None:
    """`jobboard hr add-user`, password typed twice at the prompt."""
    result = subprocess.run(
        [sys.executable, "-c", "from jobboard.cli import main; main()", "hr", "add-user", EMAIL],
        input=f"{PASSWORD}\n{PASSWORD}\n", capture_output=True, text=True, timeout=120,
        env={**os.environ, "JOBBOARD_DATABASE_URL": db_url},
        start_new_session=True)  # no terminal: the hidden prompt reads the piped input
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Added {EMAIL}." in result.stdout


class Searcher(threading.Thread):
    """Someone searching all along: JSON API and search page, in a loop, until stopped."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.browser, self.stop, self.totals, self.failures = Browser(base), False, [], []

    def run(self) -> None:
        while not self.stop:
            status, _, body = self.browser.get("/api/v1/search?lang=en&status=all")
            page_status, _, page = self.browser.get("/en/jobs?q=developer&status=all")
            if status != 200 or page_status != 200:
                self.failures.append((status, page_status))
                continue
            self.totals.append(json.loads(body)["total"])
            if 'class="result"' not in page:
                self.failures.append(("no result on the search page", page[:200]))


@pytest.fixture
def board(settings, tmp_path):
    """The board served over HTTP: live index of the sample postings, content = real corpus."""
    assert CORPUS.is_dir(), f"the real corpus is missing: {CORPUS}"
    reindex(ROOT / "content", settings["INDEX_DIR"])
    app = create_app({**settings, "CONTENT_DIR": str(CORPUS), "ENV": "development"})
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def test_hr_user_reindexes_the_real_postings_while_someone_searches(board, settings):
    add_user_with_the_cli(settings["DATABASE_URL"])
    hr = Browser(board)
    status, url, page = hr.get("/en/hr/")
    assert url.endswith("/en/hr/login?next=/en/hr/")
    status, url, page = hr.post("/en/hr/login?next=/en/hr/", {
        "email": EMAIL, "password": PASSWORD, "csrf_token": token(page)})
    assert status == 200 and url.endswith("/en/hr/") and "Reindex now" in page

    searcher = Searcher(board)
    searcher.start()
    time.sleep(0.5)
    status, run_url, page = hr.post("/en/hr/reindex", {"csrf_token": token(page)})
    assert status == 200 and re.search(r"/en/hr/runs/\d+$", run_url)
    status_url = re.search(r'data-status-url="([^"]+)"', page).group(1)
    deadline = time.monotonic() + 300
    while not json.loads(hr.get(status_url)[2])["finished"]:  # as hr.js does
        assert time.monotonic() < deadline, "the reindex did not finish"
        time.sleep(0.3)
    time.sleep(0.5)
    searcher.stop = True
    searcher.join()

    status, _, report = hr.get(run_url.removeprefix(board))
    text = html.unescape(report)
    assert "Succeeded with invalid files" in text
    assert 'Invalid files <span class="count">(5)</span>' in text
    for path, (line, fix) in BROKEN.items():
        row = re.search(rf"<tr>\s*<th scope=\"row\">((?!</th>).)*<code>{re.escape(path)}</code>"
                        r"((?!</th>).)*</th>\s*<td>(\d+)</td>.*?</tr>", text, re.S)
        assert row, f"{path} is not listed"
        assert int(row.group(3)) == line and fix in row.group(0)

    status, _, history = hr.get("/en/hr/history")
    assert f'href="{run_url.removeprefix(board)}"' in history
    assert EMAIL in history and "Dashboard" in history

    assert not searcher.failures, searcher.failures[:5]
    old, new = searcher.totals[0], searcher.totals[-1]
    assert 0 < old < new and set(searcher.totals) == {old, new}
    assert len(searcher.totals) > 5


def test_the_cli_prompt_refuses_mismatched_passwords(db_url):
    result = subprocess.run(
        [sys.executable, "-c", "from jobboard.cli import main; main()", "hr", "add-user", EMAIL],
        input=f"{PASSWORD}\nsomething else entirely\n", capture_output=True, text=True,
        timeout=120, env={**os.environ, "JOBBOARD_DATABASE_URL": db_url},
        start_new_session=True)
    assert result.returncode != 0 and "do not match" in result.stdout + result.stderr
    listed = subprocess.run(
        [sys.executable, "-c", "from jobboard.cli import main; main()", "hr", "list-users"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "JOBBOARD_DATABASE_URL": db_url})
    assert EMAIL not in listed.stdout
