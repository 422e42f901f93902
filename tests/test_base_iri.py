"""The base IRI setting: `kg build --base-iri` (or KG_BASE_IRI) mints every data IRI under the user's base, the
store remembers it, and every command on that store works without the flag (docs/rdf-model.md, "Base IRI")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from kg.query.run import named_queries, result_kind, run_query
from kg.rdf.provenance import remember_base
from kg.store import open_store
from kg.store.base import claim_base, iris_of, stored_base
from kg.store.memory import MemoryStore
from kg.vocab import DEFAULT_BASE, ONTOLOGY, Iris, check_base, rebase
from tests.conftest import SEEDS
from tests.helpers import run_kg

CUSTOM = "https://example.org/news/"
OTHER = "https://other.example/kg#"
SCORER = Path("/work/shared/eval/score.py")
GOLD = Path("/work/shared/eval/gold-seeds.toml")
PARAMS = {"actor": {"entity": "Daesh"}}


@pytest.fixture(scope="module")
def custom_store(tmp_path_factory) -> Path:
    """The seeds built by the CLI under CUSTOM; do not write to it."""
    path = tmp_path_factory.mktemp("custom") / "store"
    built = run_kg("build", SEEDS, "--store", path, "--base-iri", CUSTOM)
    assert built.returncode == 0, built.stderr
    return path


def _rows(store_path: Path, name: str, base: str) -> list | set:
    """A named query's answer as text, the store's base written as the default one."""
    with open_store(store_path, read_only=True) as store:
        result = run_query(store, name, PARAMS.get(name))
        if result_kind(result) == "graph":
            return {str(triple).replace(base, DEFAULT_BASE) for triple in result}
        names = [v.value for v in result.variables]
        # sorted: rows that tie on the query's ORDER BY come in the store's order, which follows the IRIs
        return sorted([row[n].value.replace(base, DEFAULT_BASE) if row[n] else "" for n in names] for row in result)


# --- the function that rewrites shipped files, and the check of a base ---------------------------------------

def test_rebase_moves_data_iris_and_keeps_the_vocabulary():
    text = ('PREFIX kg: <https://w3id.org/kg-news/ontology#> GRAPH <https://w3id.org/kg-news/names> '
            '"^https://w3id.org/kg-news/entity/" <https://w3id.org/kg-news/shapes> <https://w3id.org/kg-news/ontology>')
    assert rebase(text, CUSTOM) == ('PREFIX kg: <https://w3id.org/kg-news/ontology#> '
                                    'GRAPH <https://example.org/news/names> "^https://example.org/news/entity/" '
                                    '<https://w3id.org/kg-news/shapes> <https://w3id.org/kg-news/ontology>')
    assert rebase(text, DEFAULT_BASE) == text


@pytest.mark.parametrize("base", [CUSTOM, OTHER, "http://localhost:8080/kg/"])
def test_a_valid_base_is_taken(base):
    assert check_base(base) == base
    assert str(Iris(base).entity["daesh"]) == base + "entity/daesh"


@pytest.mark.parametrize("base, reason", [
    ("ftp://example.org/news/", "http"), ("example.org/news/", "http"), ("https://example.org/news", "end with"),
    ("https://example.org/my news/", "ASCII"), ("https://example.org/a#b#", "#"),
])
def test_an_invalid_base_is_refused_with_one_line_and_exit_2(tmp_path, base, reason):
    result = run_kg("build", SEEDS, "--store", tmp_path / "store", "--base-iri", base, timeout=120)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and reason in result.stderr and base in result.stderr
    assert not (tmp_path / "store").exists()  # refused before the store is opened


def test_the_store_remembers_its_base_from_its_first_write():
    store = MemoryStore()
    assert stored_base(store) is None and iris_of(store).base == DEFAULT_BASE
    remember_base(store, claim_base(store, CUSTOM))
    assert stored_base(MemoryStore(store.quads())) == CUSTOM  # read back by a fresh store object


# --- a store built under another base ----------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_as_with_the_default_base(name, custom_store, seeds_store):
    custom, default = _rows(custom_store, name, CUSTOM), _rows(seeds_store, name, DEFAULT_BASE)
    assert custom == default and custom


@pytest.mark.slow
def test_export_holds_no_iri_of_the_default_base_but_the_ontology_s(custom_store, tmp_path):
    output = tmp_path / "graph.ttl"
    assert run_kg("export", "--store", custom_store, "--format", "turtle", "--output", output).returncode == 0
    text = output.read_text(encoding="utf-8")
    assert f"@prefix kge: <{CUSTOM}entity/> ." in text
    graph = rdflib.Graph().parse(output)
    iris = {str(term) for triple in graph for term in triple if isinstance(term, rdflib.URIRef)}
    assert CUSTOM + "entity/daesh" in iris
    assert {iri for iri in iris if iri.startswith(DEFAULT_BASE)} == {iri for iri in iris if iri.startswith(ONTOLOGY)}
    with open_store(custom_store, read_only=True) as store:
        graphs = {quad.graph_name.value for quad in store.quads()}
    assert graphs and all(graph.startswith(CUSTOM) for graph in graphs)


@pytest.mark.slow
def test_render_draws_the_store_under_its_base(custom_store, tmp_path):
    page = tmp_path / "graph.html"
    result = run_kg("render", "--store", custom_store, "-o", page)
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "Telegram" in html and (CUSTOM + "entity/") in html
    assert DEFAULT_BASE + "entity/" not in html


@pytest.mark.slow
def test_stats_validate_and_query_need_no_flag(custom_store, seeds_store):
    stats = [run_kg("stats", "--store", store).stdout for store in (custom_store, seeds_store)]
    assert stats[0] == stats[1] and "articles" in stats[0]
    validated = run_kg("validate", "--store", custom_store)
    assert validated.returncode == 0 and validated.stdout.startswith("conforms"), validated.stdout
    by_iri = run_kg("query", "actor", "--param", "entity=kge:daesh", "--store", custom_store, "--format", "csv")
    assert by_iri.returncode == 0 and f"{CUSTOM}entity/daesh," in by_iri.stdout


@pytest.mark.slow
def test_the_scorer_gives_the_same_figures_under_both_bases(custom_store, seeds_store, tmp_path):
    figures = []
    for name, store in (("custom", custom_store), ("default", seeds_store)):
        output = tmp_path / f"{name}.nq"
        assert run_kg("export", "--store", store, "--format", "nquads", "--output", output).returncode == 0
        scored = subprocess.run([sys.executable, SCORER, "--gold", GOLD, "--graph", output], capture_output=True,
                                text=True, timeout=300)
        assert scored.returncode == 0, scored.stderr
        figures.append(scored.stdout)
    assert figures[0] == figures[1] and "F1" in figures[0].upper()


@pytest.mark.slow
def test_a_store_takes_no_other_base(custom_store, seeds_store, monkeypatch):
    with open_store(custom_store, read_only=True) as store:
        quads = len(list(store.quads()))
    refused = run_kg("build", SEEDS, "--store", custom_store, "--base-iri", OTHER)
    monkeypatch.setenv("KG_BASE_IRI", OTHER)  # the environment variable is the flag's default
    refused_by_env = run_kg("build", SEEDS, "--store", custom_store)
    for result in (refused, refused_by_env):
        assert result.returncode == 2, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and CUSTOM in result.stderr and OTHER in result.stderr
    monkeypatch.setenv("KG_BASE_IRI", CUSTOM)
    again = run_kg("build", SEEDS, "--store", custom_store)
    assert again.returncode == 0 and "0 stored" in again.stderr, again.stderr
    monkeypatch.delenv("KG_BASE_IRI")
    refused = run_kg("build", SEEDS, "--store", seeds_store, "--base-iri", CUSTOM)  # the default base, unrecorded
    assert refused.returncode == 2 and DEFAULT_BASE in refused.stderr
    with open_store(custom_store, read_only=True) as store:
        assert len(list(store.quads())) == quads and iris_of(store).base == CUSTOM
