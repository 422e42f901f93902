"""Build throughput and memory: does `kg build` stream?

Makes a corpus of N articles (copies of the seed-like excerpts in tests/data/ingest, each with its
own id and a numbered sentence so that no two are equal), builds it into a fresh store, then
builds it again (incremental: nothing to parse). Prints articles per second and the peak resident
memory after the warm-up build and after the full one: memory that grows with N would mean
something holds the whole corpus.

    .venv/bin/python bench/bench_build.py --articles 400
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from kg.build import build
from kg.nlp import load_pipeline
from kg.store import open_store

EXCERPTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "ingest"


def make_corpus(folder: Path, count: int) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(EXCERPTS.glob("*.txt"))]
    for number in range(count):
        title, _, rest = texts[number % len(texts)].partition("\n")
        body = f"{title}\nLe réseau social a publié le rapport numéro {number} sur les comptes supprimés.\n{rest}"
        (folder / f"article_{number:06d}.txt").write_text(body, encoding="utf-8")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_build(corpus: Path, store_dir: Path) -> tuple[float, object]:
    store = open_store(store_dir)
    try:
        start = time.perf_counter()
        report = build([corpus], store)
        return time.perf_counter() - start, report
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    load_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("warm", "corpus"):
            (root / name).mkdir()
        make_corpus(root / "warm", 20)
        timed_build(root / "warm", root / "warm-store")
        warm_rss = peak_rss_mb()
        make_corpus(root / "corpus", args.articles)
        seconds, report = timed_build(root / "corpus", root / "store")
        again, rebuilt = timed_build(root / "corpus", root / "store")
    print(f"first build : {report.stored} articles in {seconds:.1f} s = {report.stored / seconds:.1f} articles/s "
          f"({report.counts['facts']} facts, {len(report.skipped)} skipped)")
    print(f"second build: {rebuilt.unchanged} unchanged in {again:.1f} s")
    print(f"peak RSS    : {warm_rss:.0f} MB after 20 articles, {peak_rss_mb():.0f} MB after {args.articles}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
