"""kg.pipeline.executors: a build on worker processes writes the same store as a serial one, and streams."""

from __future__ import annotations

from itertools import count
from pathlib import Path

import pytest
from helpers import isomorphic_graphs_of as graphs_of

from kg.errors import UsageError
from kg.extract import extractor  # the module (kg.extract is also the function of the API)
from kg.model import Article
from kg.pipeline.build import build
from kg.pipeline.executors import Outcome, _ordered, open_executor
from kg.store import open_store
from kg.vocab import PROVENANCE_GRAPH

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def built(path, *sources, **options):
    store = open_store(path)
    try:
        return build(list(sources), store, **options)
    finally:
        store.close()


def test_two_worker_processes_write_the_same_graphs_as_a_serial_build(tmp_path, seeds_store):
    report = built(tmp_path / "parallel", SEEDS, workers=2, batch_size=2)
    assert report.ok and report.stored == len(list(SEEDS.glob("*.txt")))
    serial, parallel = graphs_of(seeds_store), graphs_of(tmp_path / "parallel")
    # and the names graph, the provenance of the build and the VoID description
    assert serial.keys() == parallel.keys() and len(serial) == report.stored + 3
    assert all(serial[name] == parallel[name] for name in serial if name != PROVENANCE_GRAPH)  # times differ


def test_an_extractor_failure_in_a_worker_is_a_skip_and_the_others_are_stored(tmp_path, monkeypatch):
    real_extract = extractor.extract
    failing = sorted(SEEDS.glob("*.txt"))[1].stem

    def extract_failing_on_one(doc, article, **options):
        if article.name == failing:
            raise ValueError("boom")
        return real_extract(doc, article, **options)

    monkeypatch.setattr(extractor, "extract", extract_failing_on_one)  # forked workers inherit the patch
    report = built(tmp_path / "store", SEEDS, workers=2, batch_size=2)
    assert [item.reason for item in report.skipped] == ["extraction failed (ValueError: boom)"]
    assert report.stored == len(list(SEEDS.glob("*.txt"))) - 1


def test_a_rebuild_with_workers_parses_nothing(tmp_path):
    built(tmp_path / "store", SEEDS, workers=2)
    again = built(tmp_path / "store", SEEDS, workers=2)
    assert (again.stored, again.unchanged) == (0, len(list(SEEDS.glob("*.txt"))))


class Ready:
    def __init__(self, results):
        self.results = results

    def get(self):
        return self.results


def test_ordered_submission_reads_the_input_lazily_and_keeps_its_order():
    pulled = []

    def endless():
        for number in count():
            pulled.append(number)
            yield Article(id=f"a{number}", title="", text="")

    def submit(batch):
        return Ready([(article.id, None) for article in batch])

    outcomes = _ordered(submit, endless(), batch_size=3, in_flight=2)
    first = [next(outcomes) for _ in range(7)]
    assert [outcome.ntriples for outcome in first] == [f"a{n}" for n in range(7)]
    assert len(pulled) - len(first) <= 3 * 2  # read ahead by at most the batches in flight, never the whole stream
    assert isinstance(first[0], Outcome) and first[0].article.id == "a0"


@pytest.mark.parametrize("options, message", [
    ({"workers": 0}, "--workers must be at least 1"),
    ({"kind": "spark"}, "--executor must be one of local, dask"),
    ({"kind": "dask"}, "--executor dask needs --scheduler"),
])
def test_bad_executor_options_are_usage_errors(options, message):
    with pytest.raises(UsageError, match=message):
        with open_executor(**options):
            pass


def test_a_zero_batch_size_is_a_usage_error_and_stores_nothing(tmp_path):
    with pytest.raises(UsageError, match="--batch-size must be at least 1"):
        built(tmp_path / "store", SEEDS, batch_size=0)
    assert graphs_of(tmp_path / "store") == {}
