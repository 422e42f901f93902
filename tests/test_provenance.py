"""Each build that changes the store is a prov:Activity in the provenance graph; the store describes itself in VoID."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
import rdflib

from kg import __version__, vocab
from kg.extract import extractor_identity
from kg.pipeline.build import build
from kg.rdf.mapping import pipeline_identity
from kg.store import open_store

SEEDS = Path(__file__).parent / "data" / "ingest"
PROV, VOID = rdflib.Namespace("http://www.w3.org/ns/prov#"), rdflib.Namespace("http://rdfs.org/ns/void#")


@pytest.fixture
def store(tmp_path, nlp):
    opened = open_store(tmp_path / "store")
    yield opened
    opened.close()


def graph(store, name: str) -> rdflib.Graph:
    text = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads() if q.graph_name.value == name)
    return rdflib.Graph().parse(data=text, format="nt")


def test_a_build_is_an_activity_with_its_times_its_software_agent_and_the_articles_it_used(tmp_path, store):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("rtl_excerpt.txt", "lci_excerpt.txt"):
        shutil.copy(SEEDS / name, corpus / name)
    build([corpus], store)
    provenance = graph(store, vocab.PROVENANCE_GRAPH)
    (activity,) = provenance.subjects(rdflib.RDF.type, PROV.Activity)
    started, ended = (provenance.value(activity, p).toPython() for p in (PROV.startedAtTime, PROV.endedAtTime))
    assert isinstance(started, datetime) and started.tzinfo is not None and started <= ended
    agent = provenance.value(activity, PROV.wasAssociatedWith)
    assert (agent, rdflib.RDF.type, PROV.SoftwareAgent) in provenance
    assert str(provenance.value(agent, rdflib.URIRef("https://schema.org/softwareVersion"))) == __version__
    assert str(provenance.value(agent, vocab.KG.extractorVersion)) == pipeline_identity(extractor_identity())
    articles = {str(a) for a in store_articles(store)}
    assert {str(a) for a in provenance.objects(activity, PROV.used)} == articles
    assert len(set(provenance.objects(activity, PROV.generated))) == 2
    build([corpus], store)  # nothing changed: no activity
    assert len(set(graph(store, vocab.PROVENANCE_GRAPH).subjects(rdflib.RDF.type, PROV.Activity))) == 1
    (corpus / "lci_excerpt.txt").unlink()
    build([corpus], store, prune=True)  # a pruning build is one
    assert len(set(graph(store, vocab.PROVENANCE_GRAPH).subjects(rdflib.RDF.type, PROV.Activity))) == 2


def store_articles(store) -> list:
    return [rdflib.URIRef(row["a"].value) for row in store.query(f"SELECT ?a WHERE {{ ?a a <{vocab.KG.Article}> }}")]


def test_the_void_description_counts_the_article_graphs(tmp_path, store):
    shutil.copy(SEEDS / "rtl_excerpt.txt", tmp_path / "rtl.txt")
    build([tmp_path / "rtl.txt"], store)
    void = graph(store, vocab.VOID_GRAPH)
    dataset = rdflib.URIRef(vocab.DATASET)
    assert (dataset, rdflib.RDF.type, VOID.Dataset) in void
    articles = [q for q in store.quads() if q.graph_name.value.startswith(str(vocab.GRAPH))]
    assert void.value(dataset, VOID.triples).toPython() == len(articles)
    typed = {q.subject.value for q in articles if q.predicate.value == str(rdflib.RDF.type)
             and q.subject.value.startswith(str(vocab.ENTITY))}
    assert void.value(dataset, VOID.entities).toPython() == len(typed) > 0
    classes = {q.object.value for q in articles if q.predicate.value == str(rdflib.RDF.type)}
    assert void.value(dataset, VOID.classes).toPython() == len(classes)
    linkset = void.value(dataset, VOID.subset)
    links = {(q.subject.value, q.object.value) for q in articles if q.predicate.value == str(rdflib.OWL.sameAs)}
    assert void.value(linkset, VOID.linkPredicate) == rdflib.OWL.sameAs
    assert void.value(linkset, VOID.triples).toPython() == len(links) > 0
