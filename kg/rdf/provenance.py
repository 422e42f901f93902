"""What kg records about its own work: each build that changes the store as a prov:Activity, and a VoID
description of the dataset. Both sit in graphs of their own (vocab.PROVENANCE_GRAPH, vocab.VOID_GRAPH), never
in an article's graph, so an article's graph stays the pure mapping of its text and an unchanged rebuild
writes nothing. Neither carries an rdfs:label, so no display name is derived for them (kg/pipeline/names.py).

    kgb:20261203T190455Z-3f2a… a prov:Activity ;
        prov:startedAtTime "…"^^xsd:dateTime ; prov:endedAtTime "…"^^xsd:dateTime ;
        prov:wasAssociatedWith kgag:9c1d… ;          # the kg version and extractor identity
        prov:used kga:… ;                            # every article the build read
        prov:generated kgg:… .                       # the article graphs it wrote
    kgag:9c1d… a prov:SoftwareAgent ; foaf:name "kg 0.1.0" ; schema:softwareVersion "0.1.0" ;
        kg:extractorVersion "0.4.2+… rdf-2" .
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Iterable

from kg import vocab
from kg.rdf.mapping import french, iri, literal
from kg.store.base import iris_of, stored_base
from kg.version import __version__
from kg.vocab import FOAF, KG, OWL, PROV, RDF, SCHEMA, VOID, XSD

TYPE = iri(RDF.type)
TITLE = "kg : graphe de connaissances d'articles de presse"
VOID_COUNTS = """
SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?entity) AS ?entities) (COUNT(DISTINCT ?class) AS ?classes)
       (COUNT(DISTINCT ?link) AS ?links)
WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(STRSTARTS(STR(?g), "{graphs}"))
  BIND(IF(STRSTARTS(STR(?s), "{entities}") && ?p = <{type}>, ?s, ?unbound) AS ?entity)
  BIND(IF(?p = <{type}>, ?o, ?unbound) AS ?class)
  BIND(IF(?p = <{same_as}> && STRSTARTS(STR(?o), "{wikidata}"), CONCAT(STR(?s), " ", STR(?o)), ?unbound) AS ?link)
}}
"""


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def kg_version() -> str:

    return __version__


def build_activity(started: datetime, ended: datetime, identity: str, used: Iterable[str],
                   generated: Iterable[str], iris: vocab.Iris = vocab.DEFAULT_IRIS) -> str:
    """The N-Triples of one build: `used` and `generated` are article ids (article and graph IRIs)."""
    used, generated = sorted(set(used)), sorted(set(generated))
    version = kg_version()
    agent = iri(iris.agent[vocab.digest(version, identity)])
    activity = iri(iris.build[f"{started:%Y%m%dT%H%M%SZ}-{vocab.digest(started, identity, *used)[:8]}"])
    lines = [f"{activity} {TYPE} {iri(PROV.Activity)} .",
             f"{activity} {iri(PROV.startedAtTime)} {literal(started.isoformat(), XSD.dateTime)} .",
             f"{activity} {iri(PROV.endedAtTime)} {literal(ended.isoformat(), XSD.dateTime)} .",
             f"{activity} {iri(PROV.wasAssociatedWith)} {agent} .",
             f"{agent} {TYPE} {iri(PROV.SoftwareAgent)} .", f"{agent} {iri(FOAF.name)} {literal('kg ' + version)} .",
             f"{agent} {iri(SCHEMA.softwareVersion)} {literal(version)} .",
             f"{agent} {iri(KG.extractorVersion)} {literal(identity)} ."]
    lines += [f"{activity} {iri(PROV.used)} {iri(iris.article[key])} ." for key in used]
    lines += [f"{activity} {iri(PROV.generated)} {iri(iris.graph[key])} ." for key in generated]
    return "\n".join(lines) + "\n"


def record_build(store, ntriples: str) -> None:
    """Add a build's activity to the provenance graph (the earlier builds stay)."""
    store.update(f"INSERT DATA {{ GRAPH <{iris_of(store).provenance_graph}> {{\n{ntriples}\n}} }}")


def remember_base(store, iris: vocab.Iris) -> None:
    """Write the store's base where kg reads it back (kg.store.base.stored_base), unless it is there already: the
    start of the VoID description, which describe_dataset completes at the end of the build."""
    if stored_base(store) is None:
        store.update(f"INSERT DATA {{ GRAPH <{iris.void_graph}> {{\n{void_base_ntriples(iris)}}} }}")


def describe_dataset(store) -> None:
    """Rewrite the VoID description from the article graphs: triples, entities, classes, links to Wikidata."""
    iris = iris_of(store)
    query = VOID_COUNTS.format(graphs=iris.graph, entities=iris.entity, type=RDF.type, same_as=OWL.sameAs,
                               wikidata=vocab.WD)
    (row,) = list(store.query(query))
    counts = {name: int(row[name].value) for name in ("triples", "entities", "classes", "links")}
    store.replace_graph(iris.void_graph, void_ntriples(iris, **counts))


def void_base_ntriples(iris: vocab.Iris) -> str:
    """The dataset and its void:uriSpace, the namespace of its entities: what says the store's base."""
    dataset = iri(iris.dataset)
    return f"{dataset} {TYPE} {iri(VOID.Dataset)} .\n{dataset} {iri(VOID.uriSpace)} {literal(str(iris.entity))} .\n"


def void_ntriples(iris: vocab.Iris, triples: int, entities: int, classes: int, links: int) -> str:
    dataset, linkset, wikidata = iri(iris.dataset), iri(iris.dataset + "/wikidata-links"), iri("http://www.wikidata.org/")

    def count(value: int) -> str:
        return literal(str(value), XSD.integer)

    lines = [*void_base_ntriples(iris).splitlines(), f"{dataset} {iri(vocab.DCTERMS.title)} {french(TITLE)} .",
             f"{dataset} {iri(VOID.triples)} {count(triples)} .", f"{dataset} {iri(VOID.entities)} {count(entities)} .",
             f"{dataset} {iri(VOID.classes)} {count(classes)} .",
             f"{dataset} {iri(VOID.vocabulary)} {iri(str(KG))} .", f"{dataset} {iri(VOID.subset)} {linkset} .",
             f"{linkset} {TYPE} {iri(VOID.Linkset)} .", f"{linkset} {iri(VOID.linkPredicate)} {iri(OWL.sameAs)} .",
             f"{linkset} {iri(VOID.subjectsTarget)} {dataset} .", f"{linkset} {iri(VOID.objectsTarget)} {wikidata} .",
             f"{linkset} {iri(VOID.triples)} {count(links)} .", f"{wikidata} {TYPE} {iri(VOID.Dataset)} ."]
    return "\n".join(lines) + "\n"
