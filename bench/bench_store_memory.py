"""Does writing the store keep memory flat? `replace_graph` per article, no spaCy involved.

Writes the article graphs of bench/out/graph-1000000.nq (made by bench_query.py / graph.py) one
by one into a new on-disk store, exactly as `kg build` does (one atomic SPARQL update per
article), and prints the resident memory every --every graphs. A curve that levels off means the
store's caches are bounded; one that keeps rising means something grows with the corpus.

    .venv/bin/python bench/bench_store_memory.py --every 500
    .venv/bin/python bench/bench_store_memory.py --every 500 --flush-every 500
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from itertools import groupby
from pathlib import Path

from kg.store import open_store

OUT = Path(__file__).resolve().parent / "out"


def rss_mb() -> float:
    fields = Path("/proc/self/status").read_text().split("VmRSS:")[1].split()
    return int(fields[0]) / 1024


def article_graphs(nquads: Path):
    """(graph IRI, N-Triples) per article; the file is grouped by graph, as graph.py writes it."""
    with nquads.open(encoding="utf-8") as lines:
        for graph, quads in groupby(lines, key=lambda line: line.rsplit(" ", 2)[-2]):
            yield graph[1:-1], "".join(quad.rsplit(" ", 2)[0] + " .\n" for quad in quads)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=500)
    parser.add_argument("--flush-every", type=int, default=0, help="also flush the store every N graphs")
    args = parser.parse_args()
    store_dir = OUT / "store-memory"
    shutil.rmtree(store_dir, ignore_errors=True)
    store = open_store(store_dir)
    start, written = time.perf_counter(), 0
    print(f"graphs 0: {rss_mb():.0f} MB", flush=True)
    for written, (graph, ntriples) in enumerate(article_graphs(OUT / "graph-1000000.nq"), start=1):
        store.replace_graph(graph, ntriples)
        if args.flush_every and written % args.flush_every == 0:
            store._store.flush()  # what a periodic flush in kg build would do
        if written % args.every == 0:
            print(f"graphs {written}: {rss_mb():.0f} MB, {time.perf_counter() - start:.1f} s", flush=True)
    store.close()
    print(f"graphs {written}: done in {time.perf_counter() - start:.1f} s")
    shutil.rmtree(store_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
