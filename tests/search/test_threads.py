"""Threads of one process searching one generation (`jobboard serve` runs 4 per worker, and a
background refresh prepares the next generation beside them): Whoosh's readers seek and read
one shared file per segment, so two first reads at once must not interleave."""

import random
import threading
from pathlib import Path

import yaml

from jobboard.search.engine import SearchIndex
from jobboard.search.query import SearchRequest

QUERIES = Path(__file__).resolve().parents[1] / "data" / "search_queries.yaml"
THREADS, ROUNDS = 8, 4
ALL = {"status": ("all",)}


def _requests() -> list[SearchRequest]:
    queries = yaml.safe_load(QUERIES.read_text())["queries"]
    asked = [SearchRequest(q=item["q"], ui_lang=item["lang"], filters=ALL, page_size=50)
             for item in queries]
    # Prefixes and phrases read more of the postings files than single words.
    return asked + [SearchRequest(q=f'"{item["q"]}"', ui_lang=item["lang"], filters=ALL)
                    for item in queries] + [
        SearchRequest(q=item["q"].split()[0][:4] + "*", ui_lang=item["lang"], filters=ALL)
        for item in queries if len(item["q"].split()[0]) >= 4]


def _answer(results) -> tuple:
    return results.total, [(hit.uid, hit.snippet) for hit in results.hits]


def test_threads_searching_a_cold_generation_get_the_answers_of_one_thread(corpus_index,
                                                                             today):
    requests = _requests()
    alone = SearchIndex(corpus_index.index_dir, cache_size=0)
    expected = [_answer(alone.search(request, today)) for request in requests]

    for round_ in range(ROUNDS):
        fresh = SearchIndex(corpus_index.index_dir, cache_size=0)  # nothing read yet
        fresh.warm()
        errors: list[BaseException] = []
        wrong: list[str] = []
        start = threading.Barrier(THREADS)

        def client(seed: int, fresh=fresh, errors=errors, wrong=wrong, start=start) -> None:
            order = list(range(len(requests)))
            random.Random(seed).shuffle(order)
            start.wait()
            for i in order:
                try:
                    got = _answer(fresh.search(requests[i], today))
                except Exception as error:  # noqa: BLE001 - reported below
                    errors.append(error)
                    continue
                if got != expected[i]:
                    wrong.append(requests[i].q)

        threads = [threading.Thread(target=client, args=(round_ * THREADS + n,))
                   for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert not any(thread.is_alive() for thread in threads)
        assert errors == [] and wrong == [], (round_, errors[:3], wrong[:5])
