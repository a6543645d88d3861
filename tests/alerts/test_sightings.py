"""Sightings: what makes a posting new; two at once never fail (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from jobboard.alerts.models import Sighting
from jobboard.alerts.sightings import sight
from jobboard.hr.db import database, now


def first_runs(db) -> dict[str, int]:
    with db.session() as session:
        return dict(session.execute(select(Sighting.key, Sighting.first_run)).all())


def test_a_key_keeps_the_run_that_first_saw_it(db_url):
    db = database(db_url)
    with db.session() as session:
        first, fresh = sight(session, "g000001", ["dev", "eco", "dev"], now())
    assert fresh == 2
    with db.session() as session:
        second, fresh = sight(session, "g000002", ["eco", "data"], now())
    assert fresh == 1 and second > first
    assert first_runs(db) == {"dev": first, "eco": first, "data": second}


def test_two_sightings_at_once_both_succeed(db_url):
    db = database(db_url)
    keys = [f"posting-{number}" for number in range(50)]
    holding = db.new_session()
    holding_run, _ = sight(holding, "g000001", keys, now())  # inserted, not committed yet
    outcome = {}

    def other():
        try:
            with db.session() as session:
                outcome["run"] = sight(session, "g000001", [*keys, "late"], now())[0]
        except Exception as error:  # noqa: BLE001  (the assertion below shows it)
            outcome["error"] = error

    thread = threading.Thread(target=other)
    thread.start()
    thread.join(0.5)  # it waits for the first transaction (a lock), or reads before it
    holding.commit()
    holding.close()
    thread.join(60)
    assert "error" not in outcome, outcome.get("error")
    runs = first_runs(db)
    assert runs["late"] == outcome["run"]
    assert {runs[key] for key in keys} <= {holding_run, outcome["run"]}
    assert len(runs) == len(keys) + 1
