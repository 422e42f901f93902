"""Named queries on a million-triple store, against rdflib's in-memory store as a baseline.

Generates (or reuses) bench/out/graph-1M.nq (bench/graph.py), bulk-loads it into an on-disk
Oxigraph store the way `kg` opens it, runs every named query (queries/*.rq and queries/stats/*.rq,
`actor` with entity=daech) through `kg.query.run_query` and reads every row; then loads the same
N-Quads into an rdflib Dataset (default graph = union, as kg queries expect) and runs the same
query text there, each in a forked child killed after --timeout seconds.

    .venv/bin/python bench/bench_query.py --triples 1000000 --timeout 60 [--reuse-store]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg.query import bound_query, named_queries, prepare, run_query
from kg.resources import queries_dir
from kg.store import open_store

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PARAMS = {"actor": {"entity": "daech"}}


def query_names() -> list[str]:
    """The named queries, then the `kg stats` queries (given to kg.query as file paths)."""
    top = sorted(named_queries())
    return top + sorted(f"stats/{path.stem}" for path in (queries_dir() / "stats").glob("*.rq"))


def spec(name: str) -> str:
    return str(queries_dir() / f"{name}.rq") if name.startswith("stats/") else name


def load_oxigraph(nquads: Path, store_dir: Path) -> float:
    shutil.rmtree(store_dir, ignore_errors=True)
    start = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    return time.perf_counter() - start


def oxigraph_rows(store_dir: Path, name: str) -> int:
    store = open_store(store_dir, read_only=True)
    try:
        return sum(1 for _ in run_query(store, spec(name), PARAMS.get(name, {})))
    finally:
        store.close()


def rdflib_rows(dataset, name: str) -> int:
    return sum(1 for _ in dataset.query(bound_query(prepare(spec(name)), PARAMS.get(name, {}), dataset.query)))


def _child(count_rows, args, pipe) -> None:
    start = time.perf_counter()
    rows = count_rows(*args)
    pipe.send((rows, time.perf_counter() - start))


def timed(count_rows, args: tuple, timeout: float) -> dict:
    """Run `count_rows(*args)` in a forked child (an rdflib dataset is shared, not reloaded) and cut
    it off after `timeout` s: neither engine can interrupt a running query from the same thread."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(count_rows, args, send))
    child.start()
    if receive.poll(timeout):
        rows, seconds = receive.recv()
        child.join()
        return {"rows": rows, "seconds": seconds}
    child.kill()
    child.join()
    return {"rows": None, "seconds": None}


def time_oxigraph(store_dir: Path, name: str, timeout: float) -> dict:
    cold = timed(oxigraph_rows, (store_dir, name), timeout)
    warm = timed(oxigraph_rows, (store_dir, name), timeout) if cold["seconds"] is not None else cold
    return {"rows": cold["rows"], "cold": cold["seconds"], "warm": warm["seconds"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=float, default=60.0, help="per-query limit for each engine, s")
    parser.add_argument("--reuse-store", action="store_true",
                        help="query the existing bench/out/store-N instead of bulk-loading it again")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from graph import write_graph

    nquads = OUT / f"graph-{args.triples}.nq"
    if not nquads.exists():
        start = time.perf_counter()
        articles, triples = write_graph(nquads, args.triples)
        print(json.dumps({"generated": triples, "articles": articles, "seconds": time.perf_counter() - start}))
    store_dir = OUT / f"store-{args.triples}"
    if not (args.reuse_store and store_dir.exists()):
        print(json.dumps({"oxigraph_bulk_load_s": load_oxigraph(nquads, store_dir)}), flush=True)
    names = query_names()
    results = {name: {"oxigraph": time_oxigraph(store_dir, name, args.timeout)} for name in names}
    for name in names:
        print(json.dumps({name: results[name]}), flush=True)
    from rdflib import Dataset

    start = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(nquads), format="nquads")
    print(json.dumps({"rdflib_parse_s": time.perf_counter() - start, "rdflib_quads": len(dataset)}), flush=True)
    for name in names:
        results[name]["rdflib"] = timed(rdflib_rows, (dataset, name), args.timeout)
        print(json.dumps({name: results[name]}), flush=True)
    print(table(results, args.timeout))
    return 0


def seconds(value: float | None, timeout: float) -> str:
    return f"{value:.3f}" if value is not None else f"> {timeout:.0f}"


def table(results: dict, timeout: float) -> str:
    lines = ["| query | rows | Oxigraph cold s | Oxigraph warm s | rdflib s | rdflib rows | rdflib / Oxigraph (warm) |",
             "|---|---|---|---|---|---|---|"]
    for name, result in results.items():
        ox_run, rd_run = result["oxigraph"], result["rdflib"]
        if ox_run["warm"] is None:
            ratio = "-"
        elif rd_run["seconds"] is None:
            ratio = f"> {timeout / ox_run['warm']:.0f}×"
        else:
            ratio = f"{rd_run['seconds'] / ox_run['warm']:.0f}×"
        rows = lambda run: f"{run['rows']:,}" if run["rows"] is not None else "-"  # noqa: E731
        lines.append(f"| {name} | {rows(ox_run)} | {seconds(ox_run['cold'], timeout)} | "
                     f"{seconds(ox_run['warm'], timeout)} | {seconds(rd_run['seconds'], timeout)} | {rows(rd_run)} | "
                     f"{ratio} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
