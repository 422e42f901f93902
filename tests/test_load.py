"""A bounded load test of `kg serve` on loopback: 20 concurrent clients, 2,000 queries, some hostile.

Ordinary queries must all succeed with the same answer they get on an idle server; pathological ones
(cartesian products, deep property paths) must end with the server's limit errors (422 too large,
503 too slow), not hang; malformed ones get 400 with the parser's message, updates 403. The server
must answer afterwards. Throughput and p99 latency are printed (pytest -s) and recorded as
serve_load_* properties of the JUnit report's test suite; they are reported, not asserted (speed targets live in
bench/).
"""

from __future__ import annotations

import itertools
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox
import pytest

from kg.serve.server import make_server
from kg.store import LocalStore

pytestmark = [pytest.mark.server, pytest.mark.slow]

CLIENTS = 20
QUERIES = 2_000
TIMEOUT_S = 3.0  # the server's per-query limit
MAX_ROWS = 1_000
HOSTILE_CLIENTS = 2  # clients that mix pathological queries into their share
KG = "https://w3id.org/kg-news/ontology#"

ORDINARY = {
    "count": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "articles": f"SELECT ?a ?t WHERE {{ ?a a <{KG}Article> ; <http://purl.org/dc/terms/title> ?t }} ORDER BY ?a",
    "facts": f"SELECT ?f ?p WHERE {{ ?f a <{KG}Evidence> ; ?p ?o }} ORDER BY ?f ?p LIMIT 200",
    "ask": f"ASK {{ ?a a <{KG}Article> }}",
    "construct": f"CONSTRUCT {{ ?a a <{KG}Article> }} WHERE {{ ?a a <{KG}Article> }}",
    "path": "SELECT ?o WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label>"
            "/^<http://www.w3.org/2000/01/rdf-schema#label> ?o } ORDER BY ?o LIMIT 50",
}
PATHOLOGICAL = {  # each must end with a limit error, never an answer and never a hang
    "cartesian rows": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "cartesian count": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "deep path": "SELECT * WHERE { ?s (<http://ex/p>|!<http://ex/p>)* ?o }",
    "deep path count": "SELECT (COUNT(*) AS ?n) WHERE { ?s (<http://ex/p>|!<http://ex/p>)* ?o . "
                       "?o (<http://ex/p>|!<http://ex/p>)* ?x . ?x (<http://ex/p>|!<http://ex/p>)* ?y . ?a ?b ?c }",
}
MALFORMED = {"syntax": "SELECT ?s WHERE { ?s ?p ", "unknown prefix": "SELECT * WHERE { ?s foo:bar ?o }"}
UPDATES = {"update": "INSERT DATA { <http://ex/a> <http://ex/b> <http://ex/c> }"}


@dataclass(frozen=True)
class Outcome:
    kind: str  # "ordinary", "pathological", "malformed" or "update"
    name: str
    status: int  # 0: no HTTP answer at all
    body: bytes
    seconds: float


def ask(url: str, query: str, post: bool) -> tuple[int, bytes]:
    headers = {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}
    if post:
        request = urllib.request.Request(url, urllib.parse.urlencode({"query": query}).encode(), headers=headers)
    else:
        request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S * 10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()
    except OSError as err:  # refused, reset or timed out: a failure, kept as such
        return 0, str(err).encode()


def plan() -> list[list[tuple[str, str, str]]]:
    """Each client's queries (kind, name, text): ordinary ones round-robin; the hostile clients also send
    every pathological query twice, and the malformed ones and updates are spread over everyone."""
    ordinary = itertools.cycle(ORDINARY.items())
    per_client = QUERIES // CLIENTS
    clients = [[("ordinary", *next(ordinary)) for _ in range(per_client)] for _ in range(CLIENTS)]
    for index, (name, text) in enumerate(list(PATHOLOGICAL.items()) * 2):
        clients[index % HOSTILE_CLIENTS][5 + index * 9] = ("pathological", name, text)
    odd = [("malformed", *item) for item in MALFORMED.items()] + [("update", *item) for item in UPDATES.items()]
    for index in range(CLIENTS):
        clients[index][per_client - 10] = odd[index % len(odd)]
    return clients


def run_client(url: str, queries: list[tuple[str, str, str]], client: int) -> list[Outcome]:
    outcomes = []
    for number, (kind, name, text) in enumerate(queries):
        started = time.perf_counter()
        status, body = ask(url, text, post=(client + number) % 3 == 0)
        outcomes.append(Outcome(kind, name, status, body, time.perf_counter() - started))
    return outcomes


@pytest.fixture(scope="module")
def server(seeds_store):
    started = make_server(seeds_store, "127.0.0.1", 0, timeout_s=TIMEOUT_S, max_rows=MAX_ROWS, workers=4)
    thread = threading.Thread(target=started.serve_forever, daemon=True)
    thread.start()
    yield started
    started.shutdown()
    started.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def load(server) -> tuple[dict[str, bytes], list[Outcome], float]:
    """The answers of an idle server, then the outcomes of the load and its wall time."""
    url = server.url + "query"
    idle = {}
    for name, text in ORDINARY.items():
        status, body = ask(url, text, post=False)
        assert status == 200, body
        idle[name] = body
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(run_client, itertools.repeat(url), plan(), range(CLIENTS)))
    return idle, [outcome for outcomes in results for outcome in outcomes], time.perf_counter() - started


def test_the_load_is_what_the_issue_asks_for(load):
    _, outcomes, _ = load
    assert len(outcomes) == QUERIES
    kinds = {kind: sum(o.kind == kind for o in outcomes) for kind in ("pathological", "malformed", "update")}
    assert kinds == {"pathological": 2 * len(PATHOLOGICAL), "malformed": 14, "update": 6}


def test_no_well_formed_ordinary_query_fails_and_each_gets_the_idle_answer(load, record_testsuite_property):
    idle, outcomes, elapsed = load
    ordinary = [o for o in outcomes if o.kind == "ordinary"]
    failed = [(o.name, o.status, o.body[:200]) for o in ordinary if o.status != 200]
    assert not failed, f"{len(failed)} ordinary queries failed, e.g. {failed[:3]}"
    assert [o.name for o in ordinary if o.body != idle[o.name]] == []
    latencies = sorted(o.seconds for o in outcomes)
    ordinary_latencies = sorted(o.seconds for o in ordinary)
    figures = {
        "queries": len(outcomes),
        "throughput_qps": round(len(outcomes) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "p99_ordinary_ms": round(ordinary_latencies[int(len(ordinary_latencies) * 0.99) - 1] * 1000, 1),
        "wall_s": round(elapsed, 2),
    }
    for name, value in figures.items():
        record_testsuite_property(f"serve_load_{name}", value)
    print("\nkg serve load test: " + ", ".join(f"{name}={value}" for name, value in figures.items()))


def test_pathological_queries_end_with_a_limit_error_not_an_answer_or_a_hang(load):
    _, outcomes, _ = load
    for outcome in (o for o in outcomes if o.kind == "pathological"):
        assert outcome.status in (422, 503), (outcome.name, outcome.status, outcome.body[:200])
        assert b"the server's limit" in outcome.body or b"the server's time limit" in outcome.body
        assert outcome.seconds < TIMEOUT_S * 5, (outcome.name, outcome.seconds)


def test_malformed_queries_get_400_with_the_parsers_message_and_updates_403(load):
    _, outcomes, _ = load
    for outcome in (o for o in outcomes if o.kind == "malformed"):
        assert outcome.status == 400, (outcome.name, outcome.status, outcome.body[:200])
        assert outcome.body.startswith(b"query syntax error at line ")
        assert b"expected" in outcome.body or b"unexpected" in outcome.body  # what the parser wanted
    for outcome in (o for o in outcomes if o.kind == "update"):
        assert (outcome.status, outcome.body.strip()) == (403, b"this SPARQL endpoint is read-only: updates are "
                                                                b"refused (use kg build to change the store)")


def test_the_server_still_answers_every_client_after_the_load(load, server):
    idle, _, _ = load
    url = server.url + "query"
    with ThreadPoolExecutor(CLIENTS) as pool:
        after = list(pool.map(lambda name: ask(url, ORDINARY[name], post=False), list(ORDINARY) * 4))
    assert after == [(200, idle[name]) for name in list(ORDINARY) * 4]


def test_the_store_is_unchanged_by_the_load(load, seeds_store):
    """Updates were refused: the count of quads is the one the idle server gave."""
    idle, _, _ = load
    store = LocalStore(seeds_store, read_only=True)
    try:
        quads = sum(not isinstance(quad.graph_name, ox.DefaultGraph) for quad in store.quads())
    finally:
        store.close()
    assert f'"{quads}"'.encode() in idle["count"]
