"""kg.pipeline.build: articles into a real on-disk store, incremental, atomic per article, pruning on request."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

import kg.pipeline.executors
from kg import vocab
from kg.extract import extractor, extractor_identity  # extractor: the module (kg.extract is also a function)
from kg.ingest.read import read_articles
from kg.model import Skipped
from kg.pipeline.build import build, process
from kg.pipeline.names import mark_display_names_outdated
from kg.rdf.mapping import pipeline_identity
from kg.store import open_store

SEEDS = Path(__file__).parent / "data" / "ingest"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("rtl_excerpt.txt", "maliweb_excerpt.txt", "lci_excerpt.txt"):
        shutil.copy(SEEDS / name, folder / name)
    return folder


@pytest.fixture
def store(tmp_path, nlp):  # nlp: the pipeline is loaded once per session, build() reuses it
    opened = open_store(tmp_path / "store")
    yield opened
    opened.close()


def quads(store) -> set:
    return set(store.quads())


def without_provenance(found: set) -> set:
    return {q for q in found if q.graph_name.value != vocab.PROVENANCE_GRAPH}


def graph_iri_of(store, identifier: str) -> str | None:
    """The named graph of the stored article a file `identifier`.txt was read into (IRIs are digests of the text)."""
    rows = list(store.query(f'SELECT ?g WHERE {{ GRAPH ?g {{ ?a <{vocab.DCTERMS.identifier}> "{identifier}" }} }}'))
    assert len(rows) <= 1, f"{identifier} is in {len(rows)} graphs"
    return rows[0]["g"].value if rows else None


def graph_of(store, identifier: str) -> Graph:
    iri = graph_iri_of(store, identifier)
    text = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads() if q.graph_name.value == iri)
    return Graph().parse(data=text, format="nt")


def titles(store) -> dict[str, str]:
    rows = store.query(
        f"SELECT ?id ?title WHERE {{ ?a <{vocab.DCTERMS.identifier}> ?id ; <{vocab.DCTERMS.title}> ?title }}")
    return {row["id"].value: row["title"].value for row in rows}


def test_build_stores_one_graph_per_article_equal_to_the_mapping_of_its_extraction(corpus, store, nlp):
    report = build([corpus], store)
    assert (report.stored, report.unchanged, report.skipped) == (3, 0, [])
    for article in read_articles([corpus]):
        expected = Graph().parse(data=process(nlp(article.text), article), format="nt")
        assert len(expected) > 10 and isomorphic(graph_of(store, article.name), expected)
    names = [q for q in store.quads() if q.graph_name.value == vocab.NAMES_GRAPH]
    articles = [q for q in store.quads() if q.graph_name.value.startswith(str(vocab.GRAPH))]
    assert names and report.counts["triples"] == len(articles)


def display_names(store) -> dict[str, str]:
    rows = store.query(
        f"SELECT ?e ?name WHERE {{ GRAPH <{vocab.NAMES_GRAPH}> {{ ?e <{vocab.KG.displayName}> ?name }} }}")
    return {row["e"].value: row["name"].value for row in rows}


def entities_in_facts(store) -> set[str]:
    rows = store.query(
        f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?f <{vocab.RDF.subject}>|<{vocab.RDF.object}> ?e }} }}")
    return {row["e"].value for row in rows}


def labelled_entities(store) -> set[str]:
    rows = store.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?e <{vocab.RDFS.label}> ?l }} }}")
    return {row["e"].value for row in rows}


def test_build_names_every_entity_of_its_facts_and_pruning_drops_the_names_of_the_removed(corpus, store):
    build([corpus], store)
    assert entities_in_facts(store) <= set(display_names(store))
    (corpus / "lci_excerpt.txt").unlink()
    (corpus / "maliweb_excerpt.txt").unlink()
    build([corpus], store, prune=True)
    assert entities_in_facts(store) <= set(display_names(store))
    assert set(display_names(store)) == labelled_entities(store)


def test_an_unchanged_rebuild_names_the_entities_of_a_store_that_has_no_names_yet(corpus, store):
    build([corpus], store)
    named, written = display_names(store), quads(store)
    store.remove_graph(vocab.NAMES_GRAPH)  # as a store built by an earlier kg
    report = build([corpus], store)
    assert report.stored == 0 and display_names(store) == named and quads(store) == written


def test_an_unchanged_rebuild_after_a_build_cut_short_refreshes_the_names(corpus, store):
    build([corpus], store)
    written = quads(store)
    (corpus / "lci_excerpt.txt").unlink()
    store.remove_graph(graph_iri_of(store, "lci_excerpt"))  # an article gone, and then the build killed
    mark_display_names_outdated(store)                            # before it could refresh the names
    build([corpus], store)
    assert quads(store) < written and entities_in_facts(store) <= set(display_names(store))
    assert set(display_names(store)) == labelled_entities(store)


def test_building_twice_gives_identical_quads_and_parses_nothing_the_second_time(corpus, store, monkeypatch):
    build([corpus], store)
    first = quads(store)

    def no_parser():
        raise AssertionError("an unchanged rebuild loaded the parser")

    monkeypatch.setattr(kg.pipeline.executors, "load_pipeline", no_parser)
    report = build([corpus], store)
    assert (report.stored, report.unchanged) == (0, 3)
    assert quads(store) == first


def test_force_rebuilds_everything_to_the_same_quads(corpus, store):
    build([corpus], store)
    first = quads(store)
    report = build([corpus], store, force=True)
    assert (report.stored, report.unchanged) == (3, 0)
    assert without_provenance(quads(store)) == without_provenance(first)  # which has one build more


def test_a_changed_article_has_its_graph_replaced_and_the_others_are_untouched(corpus, store):
    build([corpus], store)
    before = {key: graph_of(store, key) for key in ("rtl_excerpt", "lci_excerpt")}
    assert all(len(graph) > 10 for graph in before.values())
    path = corpus / "maliweb_excerpt.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("USA: le co-fondateur", "Mali: le fondateur"),
                    encoding="utf-8")
    report = build([corpus], store)
    assert (report.stored, report.unchanged, report.replaced) == (1, 2, 1)
    assert titles(store)["maliweb_excerpt"] == "Mali: le fondateur de Twitter menacé par l’Etat islamique"
    assert not bool(store.query(f"ASK {{ ?a <{vocab.DCTERMS.title}> ?t FILTER(CONTAINS(?t, 'USA')) }}"))
    for key, graph in before.items():
        assert isomorphic(graph_of(store, key), graph)




def test_an_article_stored_by_another_extractor_version_is_rebuilt(corpus, store):
    build([corpus], store)
    graph = graph_iri_of(store, "rtl_excerpt")
    old = graph_of(store, "rtl_excerpt")
    old.set((next(old.subjects(vocab.DCTERMS.identifier, None)), vocab.KG.extractorVersion, Literal("0.0.1-old")))
    store.replace_graph(graph, old.serialize(format="nt"))
    report = build([corpus], store)
    assert (report.stored, report.unchanged) == (1, 2)
    key = vocab.article_id_of_graph(graph)
    assert store.article_states()[key][1] == pipeline_identity(extractor_identity())


def test_prune_drops_only_the_graphs_of_articles_no_longer_given(corpus, store):
    build([corpus], store)
    (corpus / "lci_excerpt.txt").unlink()
    kept = build([corpus], store)
    assert kept.pruned == 0 and "lci_excerpt" in titles(store)
    pruned = build([corpus], store, prune=True)
    assert pruned.pruned == 1
    assert set(titles(store)) == {"rtl_excerpt", "maliweb_excerpt"}
    assert graph_iri_of(store, "lci_excerpt") is None and len(store.article_states()) == 2


def test_an_input_that_became_unreadable_keeps_its_stored_graph_even_when_pruning(corpus, store):
    build([corpus], store)
    before = graph_of(store, "lci_excerpt")
    assert len(before) > 10
    (corpus / "lci_excerpt.txt").write_bytes(PNG)
    report = build([corpus], store, prune=True)
    assert report.skipped == [Skipped(str(corpus / "lci_excerpt.txt"), "binary file (PNG image)")]
    assert report.pruned == 0
    assert isomorphic(graph_of(store, "lci_excerpt"), before)


def test_bad_inputs_are_reported_and_the_good_ones_stored(corpus, store, tmp_path):
    (corpus / "empty.txt").write_text("")
    report = build([corpus, tmp_path / "missing"], store)
    assert report.stored == 3
    assert [(Path(s.source).name, s.reason) for s in report.skipped] == [("empty.txt", "empty file"),
                                                                         ("missing", "no such file or directory")]
    assert not report.ok


def test_an_extractor_failure_on_one_article_is_a_skip_not_a_crash(corpus, store, monkeypatch):
    real_extract = extractor.extract

    def failing_on_lci(doc, article, **options):
        if article.name == "lci_excerpt":
            raise ValueError("boom")
        return real_extract(doc, article, **options)

    monkeypatch.setattr(extractor, "extract", failing_on_lci)
    report = build([corpus], store)
    assert report.stored == 2
    assert report.skipped == [Skipped(str(corpus / "lci_excerpt.txt"), "extraction failed (ValueError: boom)")]
    assert "lci_excerpt" not in titles(store)


def test_progress_hears_of_every_input_with_its_status(corpus, store):
    (corpus / "z.txt").write_text("")
    seen = []
    build([corpus], store, progress=lambda item, status: seen.append((Path(item.source).name, status)))
    assert sorted(seen) == [("lci_excerpt.txt", "loading"), ("lci_excerpt.txt", "stored"),  # the first to parse
                            ("maliweb_excerpt.txt", "stored"), ("rtl_excerpt.txt", "stored"), ("z.txt", "skipped")]
    seen.clear()
    build([corpus], store, progress=lambda item, status: seen.append(status))
    assert sorted(seen) == ["skipped", "unchanged", "unchanged", "unchanged"]
