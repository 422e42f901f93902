"""A long `kg build` killed with SIGKILL at seeded random points: nothing half-written, nothing lost.

After each kill the store must open, hold only complete article graphs (each one exactly the graph an
uninterrupted build writes for that article), and pass `kg validate`; a rerun must then complete to
exactly the quads of an uninterrupted build. One of the killed builds parses in worker processes (`--workers 2`), which
must not outlive it. Quads are compared as sets of N-Quads lines, which is
exact here because the pipeline writes no blank nodes (checked below).
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections import defaultdict
from pathlib import Path

import psutil
import pytest
from helpers import frozen_kg, popen_with_ctrl_c

from kg.store import LocalStore, open_store
from kg.vocab import NAMES_GRAPH, PROVENANCE_GRAPH, VOID_GRAPH

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
ARTICLES = 192  # twelve of the build's parse batches of 16: a build of a few seconds, long enough to be cut
KILL_OPTIONS = [(), ("--workers", "2"), ()]  # one build per kill; the second parses in two worker processes
SEED = 20261123
POLL_S = 0.01
ARTICLE_GRAPHS = ("SELECT (COUNT(DISTINCT ?g) AS ?n) "
                  "WHERE { GRAPH ?g { ?a a <https://w3id.org/kg-news/ontology#Article> } }")

pytestmark = pytest.mark.slow


def long_corpus(folder: Path) -> Path:
    """The plain-text examples copied under varied ids, each with a line of its own (one text is one article):
    a build long enough to be killed in the middle."""
    folder.mkdir()
    sources = sorted(EXAMPLES.glob("*.txt"))
    for number in range(ARTICLES):
        source = sources[number % len(sources)]
        (folder / f"{number:03d}_{source.stem}.txt").write_bytes(distinct(source, number))
    return folder


def distinct(source: Path, number: int) -> bytes:
    """The article's bytes with a first paragraph of its own after the title, so every copy is another text."""
    title, _, rest = source.read_text(encoding="utf-8").partition("\n")
    return f"{title}\nDépêche numéro {number}.\n{rest}".encode()


def graphs_of(store_path: Path) -> dict[str, set[str]]:
    """Named graph IRI -> its quads as N-Quads lines; opened read-write, as the next build would."""
    store = LocalStore(store_path)
    try:
        graphs = defaultdict(set)
        for quad in store.quads():
            if quad.graph_name.value != PROVENANCE_GRAPH:  # when the builds ran: differs from run to run
                graphs[quad.graph_name.value].add(str(quad))
        return dict(graphs)
    finally:
        store.close()


def article_graphs(graphs: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graphs of articles, without the names and VoID graphs that a build derives from them at its end."""
    return {name: quads for name, quads in graphs.items() if name not in (NAMES_GRAPH, VOID_GRAPH)}


def stored_articles(store_path: Path) -> int:
    """How many article graphs a reader sees right now (a read-only open takes no lock)."""
    try:
        store = open_store(store_path, read_only=True)
    except Exception:  # noqa: BLE001  (the writer may not have created the store yet)
        return 0
    try:
        return int(next(iter(store.query(ARTICLE_GRAPHS)))["n"].value)
    finally:
        store.close()


def kill_during_build(kg: list[str], corpus: Path, store_path: Path, rng: random.Random, already: int,
                      *options: str) -> int | None:
    """Start `kg build`, wait for it to write an article beyond `already`, then SIGKILL it: at once
    (in the middle of a batch's writes) or after a random pause (mostly in the middle of parsing).
    Its parsing worker processes, if any, must not outlive it. Returns the exit status if the build
    ended before it could be killed, else None."""
    pause = rng.choice([0.0, rng.uniform(0.2, 2.5)])
    build_process = subprocess.Popen([*kg, "build", corpus, "--store", store_path, *options],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while build_process.poll() is None and stored_articles(store_path) <= already:
            time.sleep(POLL_S)
        time.sleep(pause)
        workers = psutil.Process(build_process.pid).children(recursive=True) if build_process.poll() is None else []
        if build_process.poll() is not None:
            return build_process.returncode
        build_process.send_signal(signal.SIGKILL)
        assert build_process.wait(30) == -signal.SIGKILL
        _, orphans = psutil.wait_procs(workers, timeout=30)
        assert not orphans, f"worker processes outlived the killed build: {orphans}"
        return None
    finally:
        if build_process.poll() is None:
            build_process.kill()
            build_process.wait()


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[list[str], Path, dict[str, set[str]]]:
    """The `kg` command, the corpus and the graphs of an uninterrupted build by that command."""
    root = tmp_path_factory.mktemp("interrupt")
    kg, corpus = frozen_kg(root / "source"), long_corpus(root / "corpus")
    built = subprocess.run([*kg, "build", corpus, "--store", root / "reference"], capture_output=True, text=True,
                           timeout=300)
    assert built.returncode == 0, built.stderr
    assert f"kg: {ARTICLES} stored, 0 unchanged, 0 skipped" in built.stderr
    return kg, corpus, graphs_of(root / "reference")


def test_the_reference_build_writes_no_blank_nodes(reference):
    _, _, graphs = reference
    assert len(article_graphs(graphs)) == ARTICLES and NAMES_GRAPH in graphs
    assert not any(" _:" in quad or quad.startswith("_:") for quad in set().union(*graphs.values()))


def test_sigkill_at_random_points_leaves_only_complete_articles_and_a_rerun_completes(reference, tmp_path):
    kg, corpus, expected = reference
    store_path = tmp_path / "store"
    rng = random.Random(SEED)
    seen: list[int] = []
    for options in KILL_OPTIONS:
        ended = kill_during_build(kg, corpus, store_path, rng, seen[-1] if seen else 0, *options)
        graphs = article_graphs(graphs_of(store_path))  # the store opens after a SIGKILL
        for name, quads in graphs.items():  # every graph present is the whole graph, never a part of it
            assert quads == expected[name], f"{name} is incomplete after SIGKILL"
        seen.append(len(graphs))
        if ended is not None:  # the machine was fast enough to finish first: nothing left to interrupt
            assert ended == 0
            break
    print(f"article graphs stored when killed: {seen} of {ARTICLES}")
    assert seen == sorted(seen) and seen[0] > 0  # each kill came after the build had written something
    assert any(count < ARTICLES for count in seen), f"no kill landed before the end of the build: {seen}"

    validated = subprocess.run([*kg, "validate", "--store", store_path], capture_output=True, text=True, timeout=300)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert validated.stdout.strip().startswith("conforms")

    rerun = subprocess.run([*kg, "build", corpus, "--store", store_path], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    stored_before = seen[-1]
    assert f"kg: {ARTICLES - stored_before} stored, {stored_before} unchanged, 0 skipped" in rerun.stderr
    assert graphs_of(store_path) == expected


def test_ctrl_c_ends_the_build_with_one_line_saying_what_is_kept_and_exit_130(reference, tmp_path):
    kg, corpus, expected = reference
    store_path = tmp_path / "store"
    build_process = popen_with_ctrl_c([*kg, "build", corpus, "--store", store_path],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while build_process.poll() is None and stored_articles(store_path) == 0:
            time.sleep(POLL_S)
        assert build_process.poll() is None, "the build ended before it could be interrupted"
        build_process.send_signal(signal.SIGINT)
        _, stderr = build_process.communicate(timeout=60)
    finally:
        if build_process.poll() is None:
            build_process.kill()
            build_process.wait()
    graphs = article_graphs(graphs_of(store_path))
    assert build_process.returncode == 130
    assert stderr.splitlines() == [f"kg: error: interrupted: the store holds {len(graphs)} complete article graphs; "
                                   "run the same command again to build the rest"]
    assert 0 < len(graphs) < ARTICLES
    assert all(quads == expected[name] for name, quads in graphs.items())
