"""One writer at a time: a second `kg build` on a store being built fails at once with one clear line
(exit 4) and corrupts nothing, while `kg query` and `kg serve` keep answering during the build."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest
from helpers import frozen_kg

from kg.serve.server import make_server
from kg.store import LocalStore, open_store
from kg.vocab import PROVENANCE_GRAPH

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
KG = Path(sys.executable).parent / "kg"
ARTICLES = 48
ARTICLE_GRAPHS = ("SELECT (COUNT(DISTINCT ?g) AS ?n) "
                  "WHERE { GRAPH ?g { ?a a <https://w3id.org/kg-news/ontology#Article> } }")

pytestmark = pytest.mark.slow


def corpus_of(folder: Path, count: int) -> Path:
    folder.mkdir()
    sources = sorted(EXAMPLES.glob("*.txt"))
    for number in range(count):  # each copy with a line of its own: one text is one article
        source = sources[number % len(sources)]
        title, _, rest = source.read_text(encoding="utf-8").partition("\n")
        (folder / f"{number:03d}_{source.stem}.txt").write_text(f"{title}\nDépêche numéro {number}.\n{rest}",
                                                                 encoding="utf-8")
    return folder


def quads_by_graph(path: Path) -> dict[str, set[str]]:
    store = LocalStore(path, read_only=True)
    try:
        graphs = defaultdict(set)
        for quad in store.quads():
            if quad.graph_name.value != PROVENANCE_GRAPH:  # when the builds ran: differs from run to run
                graphs[quad.graph_name.value].add(str(quad))
        return dict(graphs)
    finally:
        store.close()


def kg(*args, command=(str(KG),), timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def start_build(command: list[str], corpus: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen([*command, "build", corpus, "--store", store], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE,
                            text=True)


def wait_for_articles(store: Path, build_process: subprocess.Popen) -> None:
    """Until the build has written its first article (a read-only open takes no lock)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and build_process.poll() is None:
        try:
            opened = open_store(store, read_only=True)
            try:
                if int(next(iter(opened.query(ARTICLE_GRAPHS)))["n"].value) > 0:
                    return
            finally:
                opened.close()
        except Exception:  # noqa: BLE001  (the store directory is not there yet)
            pass
        time.sleep(0.05)
    raise AssertionError("the build wrote no article")


def wait_for_the_lock(store: Path, build_process: subprocess.Popen) -> None:
    """Until the build has opened the store: it holds RocksDB's lock from then on, and parses after that."""
    deadline = time.monotonic() + 120
    while not (store / "CURRENT").exists():  # written by RocksDB once it holds the lock on a new store
        assert time.monotonic() < deadline and build_process.poll() is None, "the build did not open the store"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The `kg` command, the corpus and the graphs of a solo build of it by that command."""
    root = tmp_path_factory.mktemp("lock")
    command, corpus = frozen_kg(root / "source"), corpus_of(root / "corpus", ARTICLES)
    built = kg("build", corpus, "--store", root / "reference", command=command)
    assert built.returncode == 0, built.stderr
    return command, corpus, quads_by_graph(root / "reference")


def test_a_build_on_a_store_held_by_another_process_fails_at_once_with_one_line_and_exit_4(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", 1)
    holder = LocalStore(tmp_path / "store")  # this test process holds the store for writing, as a build does
    try:
        result = kg("build", corpus, "--store", tmp_path / "store")
    finally:
        holder.close()
    assert result.returncode == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"kg: error: {tmp_path / 'store'}: the store is in use by another kg process")


def test_a_second_build_during_a_build_is_refused_and_the_first_completes_intact(reference, tmp_path):
    command, corpus, expected = reference
    store = tmp_path / "store"
    first = start_build(command, corpus, store)
    try:
        # Not wait_for_articles: the articles are written at the end of a build, now seconds after its parse,
        # and the first build was sometimes over before the second one (4 s to start under load) tried.
        wait_for_the_lock(store, first)
        second = kg("build", corpus, "--store", store, command=command)
        assert second.returncode == 4, second.stderr  # refused: the first build held the store, they overlapped
        assert "the store is in use by another kg process" in second.stderr
        _, stderr = first.communicate(timeout=300)
    finally:
        first.kill()
        first.wait()
    assert first.returncode == 0, stderr
    assert f"kg: {ARTICLES} stored, 0 unchanged, 0 skipped" in stderr
    assert quads_by_graph(store) == expected


def test_kg_query_answers_during_a_build(reference, tmp_path):
    command, corpus, _ = reference
    store = tmp_path / "store"
    building = start_build(command, corpus, store)
    answers = []
    try:
        wait_for_articles(store, building)
        while building.poll() is None:
            answered = kg("query", ARTICLE_GRAPHS, "--store", store, "--format", "csv", timeout=60)
            assert answered.returncode == 0, answered.stderr
            answers.append(int(answered.stdout.split()[-1]))
        building.communicate(timeout=300)
    finally:
        building.kill()
        building.wait()
    assert building.returncode == 0
    assert answers and all(0 < count <= ARTICLES for count in answers)
    assert answers == sorted(answers)  # a reader sees the build progress, never go back
    final = kg("query", ARTICLE_GRAPHS, "--store", store, "--format", "csv")
    assert int(final.stdout.split()[-1]) == ARTICLES


def count_over_http(url: str) -> tuple[int, int]:
    """(HTTP status, article graph count) of one SPARQL request."""
    request = urllib.request.Request(url + "query?" + urllib.parse.urlencode({"query": ARTICLE_GRAPHS}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.loads(response.read())["results"]["bindings"]
        return response.status, int(rows[0]["n"]["value"])


@pytest.mark.server
def test_kg_serve_answers_during_a_build_and_then_sees_the_finished_store(reference, tmp_path):
    command, corpus, _ = reference
    store = tmp_path / "store"
    building = start_build(command, corpus, store)
    counts = []
    try:
        wait_for_the_lock(store, building)
        server = make_server(store, "127.0.0.1", 0, timeout_s=20, workers=2)  # started before the articles come
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            wait_for_articles(store, building)
            while building.poll() is None:
                status, count = count_over_http(server.url)
                assert status == 200
                counts.append(count)
                time.sleep(0.2)
            deadline = time.monotonic() + 15  # the server reopens its snapshots when the files change
            while count_over_http(server.url)[1] != ARTICLES and time.monotonic() < deadline:
                time.sleep(0.3)
            # every later answer too, from either worker (one of them used to lag behind with 44)
            assert [count_over_http(server.url) for _ in range(4)] == [(200, ARTICLES)] * 4
        finally:
            server.shutdown()
            server.server_close()
            thread.join(5)
    finally:
        building.kill()
        building.wait()
    assert building.returncode == 0
    assert counts and all(0 < count <= ARTICLES for count in counts)
    assert counts == sorted(counts)  # whichever worker answers, the server never goes back
