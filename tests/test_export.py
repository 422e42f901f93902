"""kg.export.export: every format parses back, with rdflib and with pyoxigraph, into the store's quads."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from kg import vocab
from kg.errors import UsageError
from kg.export.export import export
from kg.model import Article, CountedEvent, Entity, Evidence, Extraction, Fact
from kg.rdf.mapping import to_ntriples
from kg.store import open_store

RDFLIB = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "turtle": "turtle", "ntriples": "nt"}
OXIGRAPH = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
            "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
DATASET_FORMATS = ("nquads", "trig", "jsonld")


def extraction(article_id: str, title: str) -> Extraction:
    """Two articles share the entities and one fact, so the union of their graphs is smaller than the sum."""
    sentence = Evidence(f"{title}, dit « l'AFP » ; 125 000 comptes\\n\"supprimés\".", 0, 40)
    article = Article(id=article_id, title=title, text=sentence.sentence, url=f"https://example.org/{article_id}",
                      date="2016-02-27T20:33:35", content_hash=article_id * 4)
    entities = {
        "daesh": Entity("daesh", "État islamique", "TerroristGroup", frozenset({"Daesh", "EI"}), "Q2429253"),
        "twitter": Entity("twitter", "Twitter", "Platform", frozenset({"Twitter"}), "Q918"),
    }
    facts = [Fact("daesh", "threatens", "twitter", sentence, 0.85, "menacer", alleged=True),
             Fact("twitter", "suspendsAccountsOf", "daesh", sentence, 0.9, "supprimer")]
    events = [CountedEvent("AccountSuspension", "twitter", "daesh", 125000, sentence, 0.8)]
    return Extraction(article=article, entities=entities, facts=facts, events=events)


def filled_store(path):
    opened = open_store(path)
    for article_id, title in (("a1", "Daesh menace Twitter"), ("a2", "Twitter supprime des comptes")):
        opened.replace_graph(str(vocab.graph_iri(article_id)), to_ntriples(extraction(article_id, title)))
    return opened


@pytest.fixture
def store(tmp_path):
    opened = filled_store(tmp_path / "store")
    yield opened
    opened.close()


def rdflib_count(data: bytes, fmt: str) -> int:
    if fmt in DATASET_FORMATS:
        dataset = Dataset()
        dataset.parse(data=data.decode("utf-8"), format=RDFLIB[fmt])
        return sum(1 for _ in dataset.quads((None, None, None, None)))
    return len(Graph().parse(data=data.decode("utf-8"), format=RDFLIB[fmt]))


@pytest.mark.parametrize("fmt", list(RDFLIB))
def test_every_rdf_format_parses_back_with_rdflib_and_oxigraph_into_the_same_number_of_quads(store, fmt):
    data = export(store, fmt)
    union = {quad.triple for quad in store.quads()}
    expected = len(store) if fmt in DATASET_FORMATS else len(union)
    assert len(store) > len(union)  # the fixture really has triples shared between graphs
    assert rdflib_count(data, fmt) == expected
    assert len(list(ox.parse(data, format=OXIGRAPH[fmt]))) == expected


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_dataset_formats_keep_every_quad_in_its_named_graph(store, fmt):
    assert set(ox.parse(export(store, fmt), format=OXIGRAPH[fmt])) == set(store.quads())


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_graph_formats_hold_the_union_of_the_graphs(store, fmt):
    exported = {quad.triple for quad in ox.parse(export(store, fmt), format=OXIGRAPH[fmt])}
    assert exported == {quad.triple for quad in store.quads()}


@pytest.mark.parametrize("fmt", list(RDFLIB))
def test_the_same_store_exports_the_same_bytes(store, fmt):
    assert export(store, fmt) == export(store, fmt)


def test_jsonld_is_the_same_bytes_whatever_the_hash_seed_of_the_process(tmp_path):
    """rdflib's output order follows Python's per-process string hashing; the export must not."""
    filled_store(tmp_path / "seeded").close()
    code = ("import sys; from kg.export.export import export; from kg.store import open_store; "
            f"sys.stdout.buffer.write(export(open_store({str(tmp_path / 'seeded')!r}, read_only=True), 'jsonld'))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1
    assert rdflib_count(outputs.pop(), "jsonld") > 0


def test_jsonld_keeps_an_empty_string_among_several_values(tmp_path):
    opened = open_store(tmp_path / "values")
    try:
        opened.replace_graph("https://example.org/g", '<https://example.org/s> <https://example.org/p> "" .\n'
                                                      '<https://example.org/s> <https://example.org/p> "0" .\n')
        back = set(ox.parse(export(opened, "jsonld"), format=ox.RdfFormat.JSON_LD))
        assert back == set(opened.quads())
    finally:
        opened.close()


def test_an_empty_store_exports_an_empty_dataset(tmp_path):
    empty = open_store(tmp_path / "empty")
    try:
        for fmt in RDFLIB:
            assert rdflib_count(export(empty, fmt), fmt) == 0
    finally:
        empty.close()


@pytest.mark.parametrize("fmt, read", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_network_formats_are_readable_by_networkx(store, fmt, read):
    network = read(io.BytesIO(export(store, fmt)))
    assert network.number_of_nodes() >= 2


def test_an_unknown_format_is_a_usage_error(store):
    with pytest.raises(UsageError, match="unknown export format 'yaml'"):
        export(store, "yaml")


def test_jsonld_is_compacted_with_a_readable_context_that_pyld_expands_back_to_every_quad(store):
    """PyLD (the JSON-LD reference implementation in Python) reads the compacted export back, quad for quad."""
    from pyld import jsonld

    document = json.loads(export(store, "jsonld"))
    context = document["@context"]
    assert context["title"] == "dcterms:title" and context["sentence"] == "kg:sentence"
    assert context["threatens"] == {"@id": "kg:threatens", "@type": "@id"} and context["@language"] == "fr"
    text = json.dumps(document, ensure_ascii=False)
    assert '"title"' in text and '"sentence"' in text and "http://purl.org/dc/terms/title" not in text
    back = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert set(ox.parse(back.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) == set(store.quads())
