"""The node agent and /healthz on a node (jobboard/cluster/agent.py, health.py)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from jobboard import create_app
from jobboard.cluster import health, publish
from jobboard.cluster.agent import Agent, read_state, warm_staged
from jobboard.hr.db import database
from jobboard.search import store
from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.query import SearchRequest

from .conftest import write


def publish_now(settings, url) -> int:
    report = reindex(settings["CONTENT_DIR"], settings["INDEX_DIR"])
    with database(settings["DATABASE_URL"]).session() as session:
        expected = publish.pointer(session).number
        folder = Path(settings["INDEX_DIR"]) / "generations" / report.generation
        return publish.publish(session, folder, url, expected=expected,
                               report=report.to_dict()).number


_made: list[Agent] = []


def agent(settings, node: Path, workers=list) -> Agent:
    _made.append(Agent(settings, node, workers, poll_s=0.1, warm_limit_s=20,
                       log=lambda _: None))
    return _made[-1]


@pytest.fixture(autouse=True)
def _close_agents():
    yield
    while _made:
        _made.pop().close()


def test_the_agent_brings_the_node_to_the_pointer(settings, file_server, tmp_path):
    node = tmp_path / "node"
    number = publish_now(settings, file_server)
    follower = agent(settings, node)
    assert follower.step() and store.live_path(node).name == f"g{number:06d}"
    assert not follower.step()  # nothing new
    assert read_state(node)["published"] == number
    write(Path(settings["CONTENT_DIR"]), "en", "quokka", "Quokka warden", "quokka")
    newer = publish_now(settings, file_server)
    assert follower.step() and store.live_path(node).name == f"g{newer:06d}"
    assert SearchIndex(node).search(SearchRequest(q="quokka")).total == 1


def test_workers_open_and_warm_the_new_generation_before_the_swap(settings, file_server,
                                                                   tmp_path):
    node, stop = tmp_path / "node", threading.Event()
    publish_now(settings, file_server)
    agent(settings, node).step()
    index = SearchIndex(node)
    index.warm()
    before = index.current()
    threading.Thread(target=warm_staged, args=(index, node, stop, 0.01), daemon=True).start()
    write(Path(settings["CONTENT_DIR"]), "en", "quokka", "Quokka warden", "quokka")
    publish_now(settings, file_server)
    try:
        agent(settings, node, workers=lambda: [os.getpid()]).step()
    finally:
        stop.set()
    prepared = index._prepared
    assert prepared is not None and prepared.path == store.live_path(node)
    assert index.current() is prepared and prepared is not before  # no cold open at the swap


def test_health_of_a_node(settings, file_server, tmp_path):
    node = tmp_path / "node"
    assert health.node_health(node) == (503, {"generation": None, "published": None,
                                              "lag_s": None, "healthy": False})
    first = publish_now(settings, file_server)
    follower = agent(settings, node)
    follower.step()
    assert health.node_health(node) == (200, {"generation": first, "published": first,
                                              "lag_s": 0.0, "healthy": True})
    write(Path(settings["CONTENT_DIR"]), "en", "quokka", "Quokka warden", "quokka")
    second = publish_now(settings, file_server)
    state = read_state(node)
    follower.step()  # a node that only learns about it...
    store.swap(node, node / "generations" / f"g{first:06d}")  # ...but cannot install it
    published_at = read_state(node)["published_at"]
    assert state["published"] == first and read_state(node)["published"] == second
    code, facts = health.node_health(node, now=published_at + 5)
    assert (code, facts["generation"], facts["lag_s"]) == (200, first, 5.0)
    code, facts = health.node_health(node, now=published_at + health.LAG_LIMIT_S + 1)
    assert code == 503 and not facts["healthy"]


def test_healthz_of_a_cluster_node(settings, file_server, tmp_path):
    node = tmp_path / "node"
    app = create_app({**settings, "INDEX_DIR": str(node), "TESTING": True})
    answer = app.test_client().get("/healthz")
    assert answer.status_code == 503 and answer.get_json()["generation"] is None
    number = publish_now(settings, file_server)
    agent(settings, node).step()
    answer = app.test_client().get("/healthz").get_json()
    assert (answer["generation"], answer["published"], answer["lag_s"]) == (number, number, 0.0)
