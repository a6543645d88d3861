"""Save → searchable as HR lives it, and the searches right after a save, over real HTTP.

One `jobboard serve --workers 2` (results cache off, webhook secret, an HR account) answers:
- webhook: write a posting with a new word, POST the signed content webhook, poll the JSON API
  until the word finds it; seconds from the file's save to the first answer that finds it;
- hr_button: the same through HR's "Reindex now" (signed in, CSRF token, as a browser does);
- after_save: 80 distinct searches just after a one-posting change (every worker on the new
  generation) beside the same 80 in the steady state before it, 8 clients, same run.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import http.cookiejar
import json
import re
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.measure import median_of
from benchmarks.queries import MIX, query_string
from benchmarks.serving import SEARCH_PATHS, Server, load

SECRET = "benchmark-webhook-secret"
HR_EMAIL, HR_PASSWORD = "bench@example.ca", "benchmark password 1"
POLL_S, GIVE_UP_S = 0.02, 60.0
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def eighty_searches() -> list[str]:
    """80 distinct search URLs: the mix, then its first queries on their second page."""
    urls = [f"{SEARCH_PATHS[r.ui_lang]}?{query_string(r)}".rstrip("?") for _, r in MIX]
    for _, request in MIX:
        if len(urls) >= 80:
            break
        if request.page == 1:
            urls.append(f"{SEARCH_PATHS[request.ui_lang]}?{query_string(request)}&page=2")
    return urls[:80]


def _save_with_word(content: Path, run: int, tag: str) -> str:
    """Append a sentence with a word no posting has to one English posting; the word."""
    word = f"zq{tag}{''.join(chr(ord('a') + int(d)) for d in f'{run:04d}')}fresh"
    path = sorted((content / "en").glob("*.md"))[run]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\nNew this week: the {word} initiative.\n", encoding="utf-8")
    return word


def _found(port: int, word: str) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        # as_typed: a word one letter away from an earlier run's would otherwise be found at
        # once through typo tolerance, before the save is even indexed.
        connection.request("GET", f"/api/v1/search?q={word}&status=all&as_typed=1")
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status == 200 and json.loads(body)["total"] > 0


def _until_found(port: int, word: str, saved: float) -> float:
    while time.perf_counter() - saved < GIVE_UP_S:
        if _found(port, word):
            return round(time.perf_counter() - saved, 3)
        time.sleep(POLL_S)
    raise RuntimeError(f"{word!r} not searchable {GIVE_UP_S} s after its save")


def _post_webhook(port: int, delivery: str) -> int:
    body = json.dumps({"ref": "refs/heads/main", "pusher": {"name": "bench"}}).encode()
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", "/hooks/reindex", body, {
            "Content-Type": "application/json", "X-Hub-Signature-256": signature,
            "X-GitHub-Event": "push", "X-GitHub-Delivery": delivery})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class _Browser:
    """Cookies and CSRF tokens, as a browser signed in to HR's pages."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def token(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return _TOKEN.search(response.read().decode()).group(1)

    def post(self, path: str, fields: dict) -> int:
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.base + path, data, timeout=30) as response:
            response.read()
            return response.status

    def sign_in(self) -> None:
        self.post("/en/hr/login", {"email": HR_EMAIL, "password": HR_PASSWORD,
                                   "csrf_token": self.token("/en/hr/login")})

    def reindex(self) -> int:
        return self.post("/en/hr/reindex", {"csrf_token": self.token("/en/hr/")})


def _add_hr_account(instance: str) -> None:
    from jobboard.hr.db import database, database_url
    from jobboard.hr.users import add_user

    with database(database_url({"INSTANCE_DIR": instance})).session() as session:
        add_user(session, HR_EMAIL, HR_PASSWORD)


def one_run(index_dir: Path, content: Path, run: int, command: tuple[str, ...],
            clients: int = 8) -> dict:
    """A fresh server: webhook and HR-button freshness, then searches after a save vs steady."""
    server = Server(index_dir, content, command=command, SEARCH_CACHE="0", ENV="development",
                    WEBHOOK_SECRET=SECRET)
    try:
        server.wait_ready()
        _add_hr_account(server.instance.name)
        urls = eighty_searches()
        load(server.port, urls * 3, clients)  # untimed: both workers have read the words
        word = _save_with_word(content, 3 * run, "w")
        saved = time.perf_counter()
        if _post_webhook(server.port, f"bench-{run}-{time.time_ns()}") != 202:
            raise RuntimeError("the webhook did not start a reindex")
        webhook_s = _until_found(server.port, word, saved)
        browser = _Browser(server.port)
        browser.sign_in()
        word = _save_with_word(content, 3 * run + 1, "h")
        saved = time.perf_counter()
        browser.reindex()
        button_s = _until_found(server.port, word, saved)
        load(server.port, urls * 2, clients)  # untimed: back to the steady state
        steady = load(server.port, urls, clients)
        word = _save_with_word(content, 3 * run + 2, "s")
        saved = time.perf_counter()
        _post_webhook(server.port, f"bench-{run}-{time.time_ns()}")
        _until_found(server.port, word, saved)
        after = load(server.port, urls, clients)  # each worker opens the new generation here
        errors = server.errors()
    finally:
        server.stop()
    return {"webhook_s": webhook_s, "hr_button_s": button_s, "steady": steady,
            "after_save": after, "server_errors": errors,
            "failed_requests": steady["failures"] + after["failures"],
            "after_x_steady_p95": round(after["p95"] / max(steady["p95"], 1e-3), 2)}


def benchmark(index_dir: Path, content: Path, runs: int, command: tuple[str, ...]) -> dict:
    """Median of `runs` fresh-server runs (each changes three postings of `content`)."""
    results = [one_run(index_dir, content, run, command) for run in range(runs)]
    return {"webhook_s": median_of([{"v": r["webhook_s"]} for r in results])["v"],
            "hr_button_s": median_of([{"v": r["hr_button_s"]} for r in results])["v"],
            "steady": median_of([r["steady"] for r in results]),
            "after_save": median_of([r["after_save"] for r in results]),
            "after_x_steady_p95": median_of(
                [{"v": r["after_x_steady_p95"]} for r in results])["v"],
            "failed_requests": sum(r["failed_requests"] for r in results),
            "server_errors": sum(r["server_errors"] for r in results),
            "runs_detail": results}

