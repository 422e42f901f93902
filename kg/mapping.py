"""An extraction as RDF: the content of the article's named graph, as docs/rdf-model.md describes.

Pure and deterministic: the same extraction always gives the same triples (no blank nodes; fact
and event IRIs are hashes of what they say), so rebuilding a corpus changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import vocab
from kg.extract import EXTRACTOR_VERSION
from kg.model import Article, CountedEvent, Entity, Evidence, Extraction, Fact
from kg.vocab import KG, SCHEMA


def to_graph(extraction: Extraction) -> Graph:
    """The triples of the article's named graph."""
    graph = Graph()
    for prefix, namespace in vocab.PREFIXES.items():
        graph.bind(prefix, namespace)
    article = extraction.article
    _add_article(graph, article)
    for key in sorted(extraction.entities):
        _add_entity(graph, extraction.entities[key])
    for fact in best_facts(extraction.facts):
        _add_fact(graph, article.id, fact)
    for event in best_events(extraction.events):
        _add_event(graph, article.id, event)
    return graph


def to_ntriples(extraction: Extraction) -> str:
    """The named graph's triples as N-Triples, one per line, sorted."""
    # split on "\n" only: splitlines() would also cut at U+2028 or a form feed inside a literal
    lines = to_graph(extraction).serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def _add_article(graph: Graph, article: Article) -> None:
    node = vocab.article_iri(article.id)
    graph.add((vocab.graph_iri(article.id), RDF.type, KG.ArticleGraph))
    graph.add((vocab.graph_iri(article.id), PROV.wasDerivedFrom, node))
    for cls in (KG.Article, SCHEMA.NewsArticle):
        graph.add((node, RDF.type, cls))
    graph.add((node, DCTERMS.identifier, Literal(article.id)))
    graph.add((node, DCTERMS.title, Literal(article.title)))
    graph.add((node, KG.contentHash, Literal(article.content_hash)))
    graph.add((node, KG.extractorVersion, Literal(EXTRACTOR_VERSION)))
    if article.url and _is_iri(article.url):
        graph.add((node, SCHEMA.url, URIRef(article.url)))
    if article.date:
        datatype = XSD.dateTime if "T" in article.date else XSD.date
        graph.add((node, DCTERMS.date, Literal(article.date, datatype=datatype)))


def _is_iri(text: str) -> bool:
    """A URL that can stand as an IRI in N-Triples (no spaces, quotes or angle brackets)."""
    return text.startswith(("http://", "https://")) and not any(ch in text for ch in ' <>"{}|\\^`')


def _add_entity(graph: Graph, entity: Entity) -> None:
    node = vocab.entity_iri(entity.key)
    graph.add((node, RDF.type, KG[entity.cls]))
    for label in {entity.label, *entity.aliases}:
        graph.add((node, RDFS.label, Literal(label)))
    if entity.wikidata:
        # Only gazetteer entities carry a Wikidata link; their preferred name is the same in every article.
        graph.add((node, SKOS.prefLabel, Literal(entity.label)))
        graph.add((node, OWL.sameAs, vocab.wikidata_iri(entity.wikidata)))


def best_facts(facts: list[Fact]) -> list[Fact]:
    """One fact per (subject, relation, object): its most confident statement, earliest on ties."""
    best: dict[tuple[str, str, str], Fact] = {}
    for fact in sorted(facts, key=lambda f: (-f.confidence, f.evidence.start, f.evidence.end, f.cue)):
        best.setdefault((fact.subject, fact.relation, fact.object), fact)
    return [best[key] for key in sorted(best)]


def best_events(events: list[CountedEvent]) -> list[CountedEvent]:
    """One event per IRI (kind, agent, target, count): its most confident statement, earliest on ties."""
    best: dict[tuple, CountedEvent] = {}
    for event in sorted(events, key=lambda e: (-e.confidence, e.evidence.start, e.evidence.end)):
        best.setdefault((event.kind, event.agent, event.target, event.count), event)
    return [best[key] for key in sorted(best)]


def _add_fact(graph: Graph, article_id: str, fact: Fact) -> None:
    subject, obj = vocab.entity_iri(fact.subject), vocab.entity_iri(fact.object)
    predicate = KG[fact.relation]
    graph.add((subject, predicate, obj))
    node = vocab.fact_iri(article_id, fact.subject, fact.relation, fact.object)
    for cls in (KG.Evidence, RDF.Statement):
        graph.add((node, RDF.type, cls))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, obj))
    _add_evidence(graph, node, article_id, fact.evidence, fact.confidence)
    if fact.cue:
        graph.add((node, KG.cue, Literal(fact.cue)))
    if fact.alleged:
        graph.add((node, KG.alleged, Literal(True)))


def _add_event(graph: Graph, article_id: str, event: CountedEvent) -> None:
    node = vocab.event_iri(article_id, event.kind, event.agent, event.target, event.count)
    graph.add((node, RDF.type, KG[event.kind]))
    graph.add((node, KG.agent, vocab.entity_iri(event.agent)))
    graph.add((node, KG.target, vocab.entity_iri(event.target)))
    graph.add((node, KG.accountCount, Literal(int(event.count), datatype=XSD.integer)))
    _add_evidence(graph, node, article_id, event.evidence, event.confidence)


def _add_evidence(graph: Graph, node: URIRef, article_id: str, evidence: Evidence, confidence: float) -> None:
    graph.add((node, KG.sentence, Literal(evidence.sentence)))
    graph.add((node, KG.charStart, Literal(int(evidence.start), datatype=XSD.integer)))
    graph.add((node, KG.charEnd, Literal(int(evidence.end), datatype=XSD.integer)))
    graph.add((node, KG.confidence, confidence_literal(confidence)))
    graph.add((node, PROV.wasDerivedFrom, vocab.article_iri(article_id)))


def confidence_literal(confidence: float) -> Literal:
    """An xsd:decimal rounded to three places and clamped to [0, 1], so float noise never changes the graph.

    Written in canonical form ("0.85", "1"), the form Oxigraph stores, so a graph reads back as written.
    """
    value = Decimal(f"{min(max(float(confidence), 0.0), 1.0):.3f}").normalize()
    return Literal(format(value, "f"), datatype=XSD.decimal)
