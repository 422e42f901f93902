"""Shared fixtures."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once for the whole test session."""
    from kg.pipeline.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def bench_script():
    """Load a script of bench/ (not a package) as a module: `bench_script("ece")`."""
    def load(name: str):
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory) -> Path:
    """The seed articles built once into an on-disk store; returns its directory. Do not write to it."""
    from kg.pipeline.build import build
    from kg.store import open_store

    assert SEEDS.is_dir(), f"the seed corpus is missing: {SEEDS}"
    path = tmp_path_factory.mktemp("seeds") / "store"
    store = open_store(path)
    try:
        build([SEEDS], store)
    finally:
        store.close()
    return path


@pytest.fixture
def one_threat_store(tmp_path):
    """A store holding one article graph, 'Daesh menace Twitter.'; returns (directory, its quads)."""
    from kg import vocab
    from kg.model import Article, Entity, Evidence, Extraction, Fact
    from kg.rdf.mapping import to_ntriples
    from kg.store import open_store

    evidence = Evidence("Daesh menace Twitter.", 0, 21)
    extraction = Extraction(
        article=Article(id="a1", title="Daesh menace Twitter", text=evidence.sentence, content_hash="h"),
        entities={"daesh": Entity("daesh", "Daesh", "TerroristGroup"),
                  "twitter": Entity("twitter", "Twitter", "Platform")},
        facts=[Fact("daesh", "threatens", "twitter", evidence, 0.9, "menacer")],
    )
    path = tmp_path / "store"
    opened = open_store(path)
    opened.replace_graph(str(vocab.graph_iri("a1")), to_ntriples(extraction))
    expected = set(opened.quads())
    opened.close()
    return path, expected
