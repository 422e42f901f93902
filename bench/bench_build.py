"""Build speed and scale: is `kg build` bounded by spaCy, flat in memory, parallel and incremental?

For each N it makes (or reuses) the synthetic corpus bench/out/corpus-N (bench/corpus.py), then
measures, each in a fresh process so that peak memory is that run's own:

  pipe      raw `nlp.pipe` of the same pipeline, same batch size, over the same cleaned texts
  build     a full `kg build` into a new on-disk store, then the same build again (nothing changed),
            then again after one article was edited (one graph replaced)
  build-w2  the full build with --workers 2 (only with --workers-check)

The model load is excluded from every timing (it is the same once-per-process cost everywhere).

    .venv/bin/python bench/bench_build.py --sizes 100 1000 --workers-check
    .venv/bin/python bench/bench_build.py --quick        # N = 50, a smoke run for CI

Prints one JSON object per measurement and a Markdown table at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BATCH_SIZE = 16


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    """The largest peak among the finished child processes (a build's parsing process or workers)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: unlike wall time, not inflated by other load."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class PeakPss:
    """The peak, sampled every `every` seconds, of the proportional set sizes of this process and its children
    summed: the memory of a build that forks a parsing process, with the pages they share counted once."""

    def __init__(self, every: float = 1.0) -> None:
        self.peak, self.every, self.done = 0.0, every, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return self.peak

    def _sample(self) -> None:
        while not self.done.wait(self.every):
            self.peak = max(self.peak, sum(map(_pss_mb, _family(os.getpid()))))


def _family(pid: int) -> list[int]:
    tasks = Path(f"/proc/{pid}/task")
    children = [int(c) for task in tasks.glob("*") for c in _read(task / "children").split()]
    return [pid, *(grandchild for child in children for grandchild in _family(child))]


def _pss_mb(pid: int) -> float:
    line = next((x for x in _read(Path(f"/proc/{pid}/smaps_rollup")).splitlines() if x.startswith("Pss:")), "")
    return int(line.split()[1]) / 1024 if line else 0.0


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:  # the process ended meanwhile
        return ""


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def cleaned_texts(corpus: Path) -> list[str]:
    """The texts kg build parses (after ingest's cleaning), so `pipe` parses exactly the same input."""
    from kg.ingest.read import read_articles
    from kg.model import Article

    return [item.text for item in read_articles([corpus]) if isinstance(item, Article)]


def measure_pipe(corpus: Path) -> dict:
    from kg.pipeline.nlp import load_pipeline

    nlp = load_pipeline()
    texts = cleaned_texts(corpus)
    start, cpu, pss = time.perf_counter(), cpu_seconds(), PeakPss()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {"seconds": seconds, "cpu": cpu, "peak_pss_mb": pss.stop(), "articles": len(texts),
            "words": sum(len(t.split()) for t in texts)}


def timed_build(corpus: Path, store_dir: Path, **options) -> tuple[float, object]:
    from kg.pipeline.build import build
    from kg.store import open_store

    store = open_store(store_dir)
    try:
        start = time.perf_counter()
        report = build([corpus], store, batch_size=BATCH_SIZE, **options)
        return time.perf_counter() - start, report
    finally:
        store.close()


def measure_build(corpus: Path, workers: int, incremental: bool) -> dict:
    from kg.pipeline.nlp import load_pipeline

    load_pipeline()
    store_dir = OUT / f"store-{corpus.name}-w{workers}"
    shutil.rmtree(store_dir, ignore_errors=True)
    cpu, pss = cpu_seconds(), PeakPss()
    seconds, report = timed_build(corpus, store_dir, workers=workers)
    result = {"seconds": seconds, "cpu": cpu_seconds() - cpu, "stored": report.stored, "skipped": len(report.skipped),
              "triples": report.counts["triples"], "facts": report.counts["facts"], "store_mb": dir_mb(store_dir),
              "peak_rss_mb": peak_rss_mb(), "peak_pss_mb": pss.stop(), "children_peak_rss_mb": children_peak_rss_mb()}
    if incremental:
        result["rebuild_seconds"], again = timed_build(corpus, store_dir, workers=workers)
        result["rebuild_unchanged"] = again.unchanged
        result.update(_edited_rebuild(corpus, store_dir, workers))
    shutil.rmtree(store_dir, ignore_errors=True)
    return result


def _edited_rebuild(corpus: Path, store_dir: Path, workers: int) -> dict:
    """Edit one article, rebuild: only it is parsed again; then put it back (the corpus stays the same)."""
    first = sorted(corpus.glob("*.txt"))[0]
    original = first.read_text(encoding="utf-8")
    first.write_text(original + "\nUne phrase ajoutée après publication.\n", encoding="utf-8")
    try:
        seconds, report = timed_build(corpus, store_dir, workers=workers)
    finally:
        first.write_text(original, encoding="utf-8")
    return {"edited_seconds": seconds, "edited_stored": report.stored, "edited_unchanged": report.unchanged}


def child(mode: str, size: int, workers: int, incremental: bool) -> dict:
    corpus = OUT / f"corpus-{size}"
    result = measure_pipe(corpus) if mode == "pipe" else measure_build(corpus, workers, incremental)
    result.setdefault("peak_rss_mb", peak_rss_mb())
    return {"mode": mode, "N": size, "workers": workers, **result}


def run_child(mode: str, size: int, workers: int = 1, incremental: bool = False) -> dict:
    command = [sys.executable, __file__, "--child", mode, str(size), "--workers", str(workers)]
    command += ["--incremental"] if incremental else []
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--quick", action="store_true", help="N = 50 only, no --workers run")
    parser.add_argument("--workers-check", action="store_true", help="also time --workers 2")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--incremental", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.workers, args.incremental)))
        return 0
    sizes = [50] if args.quick else args.sizes
    rows = []
    for size in sizes:
        sys.path.insert(0, str(HERE))
        from corpus import write_corpus

        write_corpus(OUT / f"corpus-{size}", size)
        runs = [run_child("pipe", size), run_child("build", size, incremental=True)]
        if args.workers_check and not args.quick:
            runs.append(run_child("build", size, workers=2))
        for run in runs:
            print(json.dumps(run), flush=True)
        rows.append(runs)
    print(table(rows))
    return 0


def table(rows: list[list[dict]]) -> str:
    lines = ["| N | words | nlp.pipe s | kg build s | build/pipe | ms/article | articles/s | words/s | "
             "peak MB pipe, PSS | peak MB build, PSS with its children | store MB | rebuild s (% of build) | "
             "edited 1: s, stored | --workers 2 s (speed-up) | "
             "CPU s pipe / build (ratio) |",
             "|" + "---|" * 15]
    for pipe, build, *w2 in rows:
        speedup = f"{w2[0]['seconds']:.1f} ({build['seconds'] / w2[0]['seconds']:.2f}×)" if w2 else "not run"
        lines.append(
            f"| {pipe['N']:,} | {pipe['words']:,} | {pipe['seconds']:.1f} | {build['seconds']:.1f} | "
            f"{build['seconds'] / pipe['seconds']:.2f} | {1000 * build['seconds'] / build['stored']:.0f} | "
            f"{build['stored'] / build['seconds']:.1f} | {pipe['words'] / build['seconds']:,.0f} | "
            f"{pipe['peak_rss_mb']:.0f}, {pipe['peak_pss_mb']:.0f} | {build['peak_rss_mb']:.0f}, "
            f"{build['peak_pss_mb']:.0f} | {build['store_mb']:.1f} | "
            f"{build['rebuild_seconds']:.2f} ({100 * build['rebuild_seconds'] / build['seconds']:.1f} %) | "
            f"{build['edited_seconds']:.2f}, {build['edited_stored']} | {speedup} | "
            f"{pipe['cpu']:.1f} / {build['cpu']:.1f} ({build['cpu'] / pipe['cpu']:.2f}) |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
