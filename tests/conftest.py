"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once for the whole test session."""
    from kg.nlp import load_pipeline

    return load_pipeline()


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory) -> Path:
    """The seed articles built once into an on-disk store; returns its directory. Do not write to it."""
    from kg.build import build
    from kg.store import open_store

    assert SEEDS.is_dir(), f"the seed corpus is missing: {SEEDS}"
    path = tmp_path_factory.mktemp("seeds") / "store"
    store = open_store(path)
    try:
        build([SEEDS], store)
    finally:
        store.close()
    return path
