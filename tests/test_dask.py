"""`kg build --executor dask`: extraction on a real Dask cluster (a LocalCluster of two worker
processes) writes the same graphs as a local build; the client alone writes the store."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import ROOT
from helpers import isomorphic_graphs_of as graphs_of
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ExecutorError
from kg.pipeline.executors import open_executor
from kg.vocab import PROVENANCE_GRAPH

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scheduler():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=50)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_a_dask_build_writes_the_same_graphs_as_a_local_build(tmp_path, seeds_store, scheduler):
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--store", str(tmp_path / "store"),
                                      "--executor", "dask", "--scheduler", scheduler, "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    local, on_dask = graphs_of(seeds_store), graphs_of(tmp_path / "store")
    # and the names graph, the provenance of the build and the VoID description
    assert local.keys() == on_dask.keys() and len(local) == len(list(SEEDS.glob("*.txt"))) + 3
    assert all(local[name] == on_dask[name] for name in local if name != PROVENANCE_GRAPH)  # times differ


def test_each_dask_worker_loads_the_pipeline_once(tmp_path, scheduler):
    client = distributed.Client(scheduler)
    try:
        loads = client.run(_pipeline_loads)
    finally:
        client.close()
    # after the build above: no worker loaded the model twice, and the work did reach the workers
    assert len(loads) == 2 and all(count <= 1 for count in loads.values()) and sum(loads.values()) >= 1


def _pipeline_loads() -> int:
    from kg.pipeline.nlp import load_pipeline

    return load_pipeline.cache_info().misses


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path):
    with pytest.raises(ExecutorError, match="cannot reach the Dask scheduler"):
        with open_executor("dask", scheduler="tcp://127.0.0.1:9"):
            pass


def test_the_time_budget_holds_on_dask_workers(tmp_path, scheduler):
    """A Dask worker runs its tasks in a thread, where no SIGALRM arrives: the clock checked between the pieces of
    a long article is what stops it (kg/pipeline/bounded.py). A 1,000,000-character article takes about 36 s on
    this machine; with a 2 s budget it is skipped with the reason, and the short article beside it is stored."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from long_article import long_article
    finally:
        sys.path.remove(str(ROOT / "bench"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(long_article(1_000_000), encoding="utf-8")
    (tmp_path / "in" / "short.txt").write_text("Daesh menace Facebook\n\nDaesh menace Facebook et Twitter.\n",
                                               encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(app, ["build", str(tmp_path / "in"), "--store", str(tmp_path / "store"),
                                      "--executor", "dask", "--scheduler", scheduler, "--max-seconds", "2"])
    assert result.exit_code == 1, result.output
    assert "long.txt: over the time budget" in result.output and "--max-seconds" in result.output
    assert "1 stored" in result.output
    assert time.monotonic() - started < 25  # a worker's model load, the budget and one piece; not the 36 s
