"""Issue 12's acceptance test: PostgreSQL, the indexer, three nodes and HAProxy on loopback.

One cluster for the module (2,000 generated postings); the steps run in order, each a test,
while a load client sends about 20 searches a second through HAProxy. Waits are bounded
generously (this machine is shared); the measured times are printed at the end, and the
speed goals live in the benchmark, not in assertions.
"""

from __future__ import annotations

import hashlib
import hmac
import http.cookiejar
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest

from benchmarks.generate import generate
from jobboard.cluster.queue import libpq_url
from jobboard.cluster.sandbox import Sandbox, get_json
from jobboard.hr.db import database, database_url, forget
from jobboard.hr.users import add_user

pytestmark = pytest.mark.slow
QUERIES = ("developer", "analyste", "policy", "ottawa", "données")
PASSWORD = "correct horse battery"
WAIT_S = 60  # bound of every wait; the targets are what is printed
MEASURED: dict[str, float] = {}


class Load:
    """About 20 searches a second through HAProxy; every answer kept with its phase."""

    def __init__(self, url: str, per_second: float = 20):
        self.url, self.gap = url, 1 / per_second
        self.phase, self.samples = "boot", []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            query = QUERIES[n % len(QUERIES)]
            n += 1
            started = time.perf_counter()
            code, _ = get_json(f"{self.url}/api/v1/search?q={urllib.parse.quote(query)}",
                               timeout=10)
            self.samples.append((self.phase, code, time.perf_counter() - started))
            self.stop.wait(max(0.0, self.gap - (time.perf_counter() - started)))

    def failures(self, phase: str) -> list[int]:
        return [code for p, code, _ in self.samples if p == phase and not 200 <= code < 300]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    content = generate(tmp_path_factory.mktemp("postings"), 2000).content_dir
    sandbox = Sandbox.start(nodes=3, content=content, spare=1)
    url = database_url({"DATABASE_URL": sandbox.state["database_url"]})
    with database(url).session() as session:
        add_user(session, "ana@example.ca", PASSWORD)
    forget(url)
    load = Load(sandbox.haproxy_url)
    load.thread.start()
    yield sandbox, load
    load.stop.set()
    load.thread.join(15)
    # The processes' logs outlive the sandbox in pytest's temporary folders (the last 3 runs).
    shutil.copytree(sandbox.root / "logs", tmp_path_factory.mktemp("cluster-logs"),
                    dirs_exist_ok=True)
    sandbox.stop()


def published(sandbox) -> int | None:
    with psycopg.connect(libpq_url(sandbox.state["database_url"])) as connection:
        return connection.execute("SELECT number FROM index_pointer").fetchone()[0]


def query(sql: str, sandbox, *args) -> list[tuple]:
    with psycopg.connect(libpq_url(sandbox.state["database_url"])) as connection:
        cursor = connection.execute(sql, args)
        return cursor.fetchall() if cursor.description else []


def total(node_url: str, q: str) -> int | None:
    code, body = get_json(f"{node_url}/api/v1/search?q={urllib.parse.quote(q)}")
    return body.get("total") if code == 200 else None


def wait(condition, seconds: float = WAIT_S) -> float:
    """Seconds until condition() held; fails after `seconds`."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, "timed out"
        time.sleep(0.05)
    return round(time.monotonic() - started, 2)


def add_posting(sandbox, slug: str, word: str) -> None:
    (Path(sandbox.state["content"]) / "en" / f"{slug}.md").write_text(
        f'---\ntitle: "Keeper of {word}"\ntranslationKey: {slug}\nclassification: [IT-02]\n'
        f"language_requirement: bilingual_imperative\n---\nLooks after the {word}.\n")


def webhook(url: str, sandbox, delivery: str) -> tuple[int, dict]:
    body = json.dumps({"ref": "refs/heads/main", "pusher": {"name": "ana"}}).encode()
    signature = hmac.new(sandbox.state["webhook_secret"].encode(), body,
                         hashlib.sha256).hexdigest()
    request = urllib.request.Request(f"{url}/hooks/reindex", data=body, method="POST",
                                     headers={"X-Hub-Signature-256": f"sha256={signature}",
                                              "X-GitHub-Delivery": delivery,
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read() or b"{}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie jar and forms, without following redirects."""

    TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  _NoRedirect())

    def open(self, url: str, form: dict | None = None, **headers) -> tuple[int, str, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(url, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.read().decode(), response.headers.get(
                    "Location", "")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode(), error.headers.get("Location", "")

    def token(self, url: str) -> str:
        return self.TOKEN.search(self.open(url)[1]).group(1)

    def sign_in(self, node: str, email: str, password: str, **headers) -> int:
        token = self.token(f"{node}/en/hr/login")
        return self.open(f"{node}/en/hr/login", {"email": email, "password": password,
                                                 "csrf_token": token}, **headers)[0]


def test_1_boot_every_node_serves_the_same_generation(cluster):
    sandbox, load = cluster
    answers = [sandbox.health(n)[1] for n in (1, 2, 3)]
    assert {a["generation"] for a in answers} == {published(sandbox)}
    assert list(sandbox.servers_up().values()).count("UP") == 3
    assert sandbox.servers_up()["node4"] != "UP"  # the spare slot, not started yet


def test_2_a_saved_posting_reaches_every_node(cluster):
    sandbox, load = cluster
    load.phase = "propagation"
    cluster[0].state["before_word"] = published(sandbox)
    add_posting(sandbox, "zyxquorp", "zyxquorp")
    saved = time.monotonic()
    code, answer = webhook(sandbox.haproxy_url, sandbox, "delivery-propagation")
    assert code == 202 and answer["status"] == "queued"
    nodes = [sandbox.node_url(n) for n in (1, 2, 3)]
    wait(lambda: all(total(node, "zyxquorp") == 1 for node in nodes))
    MEASURED["save to every node (s)"] = round(time.monotonic() - saved, 2)
    for q in QUERIES:
        assert len({total(node, q) for node in nodes}) == 1, q


def test_3_simultaneous_clicks_and_one_delivery_twice(cluster):
    sandbox, load = cluster
    load.phase = "concurrency"
    browser = Browser()
    assert browser.sign_in(sandbox.node_url(3), "ana@example.ca", PASSWORD) == 303
    token = browser.token(f"{sandbox.node_url(3)}/en/hr/")
    wait(lambda: not query("SELECT 1 FROM cluster_run", sandbox))  # the last run is over
    (before,) = query("SELECT coalesce(max(id), 0) FROM hr_reindex_run", sandbox)[0]
    answers, barrier = {}, threading.Barrier(4)

    def click(n):
        barrier.wait()
        answers[f"click{n}"] = browser.open(f"{sandbox.node_url(n)}/en/hr/reindex",
                                            {"csrf_token": token})

    def hook(n):
        barrier.wait()
        answers[f"hook{n}"] = webhook(sandbox.node_url(n), sandbox, "delivery-twice")

    threads = [threading.Thread(target=click, args=(1,)), threading.Thread(target=click,
                                                                           args=(2,)),
               threading.Thread(target=hook, args=(1,)), threading.Thread(target=hook,
                                                                          args=(2,))]
    # The indexer is paused while the four requests race: a run it claimed and finished between
    # two of them would rightly make the later click queue a new one, and the test would measure
    # the indexer's speed instead of how two nodes queue at the same moment. Paused, it keeps its
    # lock (its connection stays open), so no node may call the queued run orphaned.
    os.kill(sandbox.state["indexer_pid"], signal.SIGSTOP)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        queued = query("SELECT run_id, state FROM cluster_run", sandbox)
    finally:
        os.kill(sandbox.state["indexer_pid"], signal.SIGCONT)
    assert len(queued) == 1 and queued[0][1] == "queued", queued  # one run, waiting
    clicks = [answers["click1"], answers["click2"]]
    assert all(code == 303 for code, _, _ in clicks)
    assert {location for _, _, location in clicks} == {f"/en/hr/runs/{queued[0][0]}"}
    hooks = {answers[f"hook{n}"][1]["status"]: answers[f"hook{n}"][1]["run"] for n in (1, 2)}
    assert hooks == {"duplicate": queued[0][0], "queued": queued[0][0]} or \
        hooks == {"duplicate": None, "queued": queued[0][0]}, hooks  # None: asked mid-insert
    wait(lambda: not query("SELECT 1 FROM cluster_run", sandbox))
    runs = query("SELECT id, outcome, error FROM hr_reindex_run WHERE id > %s", sandbox, before)
    assert [(run, outcome) for run, outcome, _ in runs] == [(queued[0][0], "ok")], runs


def test_4_kill_the_indexer_mid_full_build(cluster):
    sandbox, load = cluster
    load.phase = "indexer killed"
    wait(lambda: not query("SELECT 1 FROM cluster_run", sandbox))  # nothing queued before
    pointer = published(sandbox)
    (run,) = query("INSERT INTO hr_reindex_run (who, trigger, started_at, outcome, "
                   "progress_done, progress_total, added, updated, removed, invalid) VALUES "
                   "('test', 'cli', now(), 'queued', 0, 0, 0, 0, 0, 0) RETURNING id",
                   sandbox)[0]
    query("INSERT INTO cluster_run (run_id, state, \"full\", queued_at) "
          "VALUES (%s, 'queued', true, now())", sandbox, run)
    query("NOTIFY jobboard_runs", sandbox)
    wait(lambda: query("SELECT progress_done FROM hr_reindex_run WHERE id = %s", sandbox,
                       run)[0][0] > 0)
    os.kill(sandbox.state["indexer_pid"], signal.SIGKILL)
    killed = time.monotonic()
    sandbox.kill(sandbox.state["indexer_pid"])  # reaps it
    wait(lambda: query("SELECT outcome FROM hr_reindex_run WHERE id = %s", sandbox,
                       run)[0][0] == "failed")
    MEASURED["indexer killed to run failed (s)"] = round(time.monotonic() - killed, 2)
    assert published(sandbox) == pointer
    sandbox.start_indexer()
    wait(lambda: sandbox.transfer_pid() is not None)
    add_posting(sandbox, "after-kill", "wombatix")
    assert webhook(sandbox.haproxy_url, sandbox, "delivery-after-kill")[0] == 202
    wait(lambda: all(total(sandbox.node_url(n), "wombatix") == 1 for n in (1, 2, 3)))
    assert published(sandbox) > pointer
    assert load.failures("indexer killed") == []


def test_5_paused_transfer_then_postgresql_outage(cluster):
    sandbox, load = cluster
    load.phase = "transfer paused"
    old = published(sandbox)
    transfer = sandbox.transfer_pid()
    os.kill(transfer, signal.SIGSTOP)
    try:
        add_posting(sandbox, "paused", "quagglet")
        assert webhook(sandbox.haproxy_url, sandbox, "delivery-paused")[0] == 202
        wait(lambda: published(sandbox) > old)
        time.sleep(20)
        assert [sandbox.health(n)[1]["generation"] for n in (1, 2, 3)] == [old] * 3
        assert all(total(sandbox.node_url(n), "zyxquorp") == 1 for n in (1, 2, 3))
    finally:
        os.kill(transfer, signal.SIGCONT)
    resumed = time.monotonic()
    wait(lambda: sandbox.converged([1, 2, 3]))
    MEASURED["transfer resumed to converged (s)"] = round(time.monotonic() - resumed, 2)
    assert all(total(sandbox.node_url(n), "quagglet") == 1 for n in (1, 2, 3))
    load.phase = "postgresql stopped"
    sandbox.postgres.halt()
    try:
        time.sleep(10)
    finally:
        sandbox.postgres.start()
    load.phase = "after outage"
    assert load.failures("transfer paused") == [] and load.failures("postgresql stopped") == []
    wait(lambda: sandbox.converged([1, 2, 3]))


def test_6_a_node_dies_and_an_empty_one_joins(cluster):
    sandbox, load = cluster
    load.phase = "node killed"
    sandbox.kill(sandbox.state["node_pids"][1], signal.SIGKILL)
    wait(lambda: sandbox.servers_up().get("node2") == "DOWN")
    time.sleep(2)
    assert len(load.failures("node killed")) <= 2
    load.phase = "node joins"
    started = time.monotonic()
    sandbox.start_node(4)
    wait(lambda: sandbox.converged([1, 3, 4]))
    MEASURED["empty node to current (s)"] = round(time.monotonic() - started, 2)
    wait(lambda: sandbox.servers_up().get("node4") == "UP")
    log = (sandbox.root / "logs" / "node4.log").read_text().splitlines()
    served = [line for line in log if '"GET /' in line]
    first_ok = next(i for i, line in enumerate(served) if '/healthz HTTP/1.0" 200' in line)
    assert not [line for line in served[:first_ok] if "/healthz" not in line]
    assert load.failures("node joins") == []


def test_7_rollback(cluster):
    sandbox, load = cluster
    load.phase = "rollback"
    before = published(sandbox)
    result = subprocess.run(
        [Sandbox._jobboard(), "publish", "--rollback", "--to",
         str(sandbox.state["before_word"]), "--index", str(sandbox.root / "indexer")],
        env=sandbox.env("indexer"), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    rolled = time.monotonic()
    wait(lambda: all(total(sandbox.node_url(n), "zyxquorp") == 0 for n in (1, 3, 4)))
    MEASURED["rollback to every node (s)"] = round(time.monotonic() - rolled, 2)
    numbers = [n for (n,) in query("SELECT number FROM index_generation ORDER BY published_at",
                                   sandbox)]
    assert numbers == sorted(numbers) and published(sandbox) == numbers[-1] > before


def test_8_throttling_sees_the_client_behind_haproxy(cluster):
    sandbox, load = cluster
    load.phase = "throttling"
    nodes = [sandbox.node_url(n) for n in (1, 3, 4)]
    codes = [Browser().sign_in(nodes[i % 3], "ana@example.ca", "wrong password!",
                               **{"X-Forwarded-For": "203.0.113.5"}) for i in range(5)]
    assert codes == [401] * 5
    assert {Browser().sign_in(node, "ana@example.ca", "wrong password!",
                              **{"X-Forwarded-For": "203.0.113.5"}) for node in nodes} == {429}
    assert Browser().sign_in(nodes[0], "bo@example.ca", "wrong password!",
                             **{"X-Forwarded-For": "198.51.100.7"}) == 401


def test_overall_no_server_error_outside_the_node_kill(cluster):
    sandbox, load = cluster
    load.phase = "done"
    errors = [(p, code) for p, code, _ in load.samples
              if p != "node killed" and not 200 <= code < 300]
    latencies = sorted(seconds for _, _, seconds in load.samples)
    MEASURED["searches through HAProxy"] = len(latencies)
    MEASURED["p95 at HAProxy (ms)"] = round(
        statistics.quantiles(latencies, n=20)[-1] * 1000, 1)
    print("\ncluster acceptance, measured:", json.dumps(MEASURED))
    assert errors == []
