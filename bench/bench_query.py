"""Named queries on a million-triple store, against rdflib's in-memory store as a baseline.

Generates (or reuses) bench/out/graph-1M.nq (bench/graph.py), writes it into an on-disk store the
way `kg build` does (one transactional write per article graph, then the display names of
kg/names.py), runs every named query (queries/*.rq and queries/stats/*.rq,
`actor` with entity=daech) through `kg.query.run.run_query` and reads every row; then loads the same
N-Quads and names graph into an rdflib Dataset (default graph = union, as kg queries expect) and runs the same
query text there, each in a forked child killed after --timeout seconds.

    .venv/bin/python bench/bench_query.py --triples 1000000 --timeout 60 [--reuse-store]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg.pipeline.build import FLUSH_EVERY
from kg.pipeline.names import refresh_display_names
from kg.query.run import bound_query, named_queries, prepare, run_query
from kg.resources import queries_dir
from kg.store import LocalStore, open_store
from kg.vocab import NAMES_GRAPH

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PARAMS = {"actor": {"entity": "daech"}}
WARM_RUNS = 3


def query_names() -> list[str]:
    """The named queries, then the `kg stats` queries (given to kg.query.run as file paths)."""
    top = sorted(named_queries())
    return top + sorted(f"stats/{path.stem}" for path in (queries_dir() / "stats").glob("*.rq"))


def spec(name: str) -> str:
    return str(queries_dir() / f"{name}.rq") if name.startswith("stats/") else name


def graphs_of(nquads: Path):
    """(graph IRI, N-Triples) for each run of quads of one graph (bench/graph.py writes a graph's quads together)."""
    graph, lines = None, []
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        if quad.graph_name.value != graph and lines:
            yield graph, "".join(lines)
            lines = []
        graph = quad.graph_name.value
        lines.append(f"{quad.subject} {quad.predicate} {quad.object} .\n")
    if lines:
        yield graph, "".join(lines)


def load_as_kg_builds(nquads: Path, store_dir: Path, names: Path) -> float:
    """The store `kg build` would leave: a transactional write per new article graph, a flush every
    FLUSH_EVERY graphs, then the display names, also written to `names` for rdflib. (A bulk load lays
    RocksDB's files out differently: the same queries ran 15 % slower on it.)"""
    shutil.rmtree(store_dir, ignore_errors=True)
    start = time.perf_counter()
    store = LocalStore(store_dir)
    for written, (graph, ntriples) in enumerate(graphs_of(nquads), 1):
        store.replace_graph(graph, ntriples, new=True)
        if written % FLUSH_EVERY == 0:
            store.flush()
    refresh_display_names(store)
    seconds = time.perf_counter() - start
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{NAMES_GRAPH}> {{ ?s ?p ?o }} }}")
    names.write_text("".join(f"{r['s']} {r['p']} {r['o']} <{NAMES_GRAPH}> .\n" for r in rows), encoding="utf-8")
    store.close()
    return seconds


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


def time_oxigraph(store_dir: Path, name: str, timeout: float, warm_runs: int = WARM_RUNS) -> dict:
    """The first run (cold) and the median of the next `warm_runs`, each in a fresh process as `kg query`
    runs: one run's time varies by up to 10 % on this machine."""
    cold = timed(oxigraph_rows, (store_dir, name), timeout)
    if cold["seconds"] is None:
        return {"rows": None, "cold": None, "warm": None, "warm_runs": []}
    warm = [timed(oxigraph_rows, (store_dir, name), timeout)["seconds"] for _ in range(warm_runs)]
    finished = [seconds for seconds in warm if seconds is not None]
    middle = statistics.median(finished) if len(finished) == warm_runs else None
    return {"rows": cold["rows"], "cold": cold["seconds"], "warm": middle, "warm_runs": warm}


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
    store_dir, names_nq = OUT / f"store-{args.triples}", OUT / f"names-{args.triples}.nq"
    if not (args.reuse_store and store_dir.exists() and names_nq.exists()):
        print(json.dumps({"oxigraph_load_s": load_as_kg_builds(nquads, store_dir, names_nq)}), flush=True)
    names = query_names()
    results = {name: {"oxigraph": time_oxigraph(store_dir, name, args.timeout)} for name in names}
    for name in names:
        print(json.dumps({name: results[name]}), flush=True)
    from rdflib import Dataset

    start = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(nquads), format="nquads")
    dataset.parse(str(names_nq), format="nquads")
    print(json.dumps({"rdflib_parse_s": time.perf_counter() - start, "rdflib_quads": len(dataset)}), flush=True)
    for name in names:
        results[name]["rdflib"] = timed(rdflib_rows, (dataset, name), args.timeout)
        print(json.dumps({name: results[name]}), flush=True)
    print(table(results, args.timeout))
    return 0


def seconds(value: float | None, timeout: float) -> str:
    return f"{value:.3f}" if value is not None else f"> {timeout:.0f}"


def table(results: dict, timeout: float) -> str:
    lines = ["| query | rows | Oxigraph cold s | Oxigraph warm s (median of 3) | rdflib s | rdflib rows "
             "| rdflib / Oxigraph (warm) |",
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
