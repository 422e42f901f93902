"""`kg stats` on a real store."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg import vocab
from kg.cli import app
from kg.mapping import to_ntriples
from kg.model import Article, Entity, Evidence, Extraction, Fact
from kg.store import open_store

runner = CliRunner()


def kg(*args):
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture
def store(tmp_path):
    evidence = Evidence("Daesh menace Twitter.", 0, 21)
    extraction = Extraction(
        article=Article(id="a1", title="Daesh menace Twitter", text=evidence.sentence, content_hash="h"),
        entities={"daesh": Entity("daesh", "Daesh", "TerroristGroup"), "twitter": Entity("twitter", "Twitter", "Platform")},
        facts=[Fact("daesh", "threatens", "twitter", evidence, 0.9, "menacer")],
    )
    path = tmp_path / "store"
    opened = open_store(path)
    opened.replace_graph(str(vocab.graph_iri("a1")), to_ntriples(extraction))
    expected = set(opened.quads())
    opened.close()
    return path, expected


def test_stats_prints_the_counts(store):
    path, _ = store
    result = kg("stats", "--store", path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["articles: 1", "facts: 1"]
    assert "  threatens  1" in lines
    assert "counted events: none" in lines


def test_stats_of_a_missing_store_is_an_error_with_exit_3(tmp_path):
    result = kg("stats", "--store", tmp_path / "none")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"kg: error: {tmp_path / 'none'}: no store here")


def test_help_shows_an_example():
    result = kg("stats", "--help")
    assert result.exit_code == 0
    assert "kg stats --store kg-store" in result.stdout
