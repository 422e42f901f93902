"""An extraction as RDF: the content of the article's named graph, as docs/rdf-model.md describes.

Pure and deterministic: the same extraction always gives the same triples (no blank nodes; fact
and event IRIs are hashes of what they say), so rebuilding a corpus changes nothing.

The triples are written straight to N-Triples: building an rdflib Graph only to serialise it cost
about 8 % of the parse time of a build (bench/RESULTS.md); `to_graph` parses the text back for
callers that want a Graph.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import vocab
from kg.model import Article, CountedEvent, Entity, Evidence, Extraction, Fact
from kg.vocab import DEFAULT_IRIS, KG, SCHEMA, Iris

# N-Triples escapes inside a quoted literal; every other character is written as itself (UTF-8).
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
TYPE = f"<{RDF.type}>"
PARIS = ZoneInfo("Europe/Paris")
# Bumped whenever the same extraction maps to different triples, so incremental builds redo stored articles.
MAPPING_VERSION = "2"


def pipeline_identity(extractor: str) -> str:
    """What a stored article graph records as made it: the extractor's identity and the mapping's version."""
    return f"{extractor} rdf-{MAPPING_VERSION}"


def iri(value: str) -> str:
    return f"<{value}>"


def literal(text: str, datatype: str | None = None) -> str:
    quoted = f'"{text.translate(_ESCAPES)}"'
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def french(text: str) -> str:
    """A literal in French (@fr): the articles' titles, sentences and the names they give."""
    return f'"{text.translate(_ESCAPES)}"@fr'


def english(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"@en'


def to_ntriples(extraction: Extraction, iris: Iris = DEFAULT_IRIS) -> str:
    """The named graph's triples as N-Triples, one per line, sorted and without duplicates, its IRIs minted
    by `iris` (the store's base)."""
    article = extraction.article
    lines = set(_article_lines(article, extraction.extractor, iris))
    for entity in extraction.entities.values():
        lines.update(_entity_lines(entity, iris))
    for fact in best_facts(extraction.facts):
        lines.update(_fact_lines(article.id, fact, iris))
    for event in best_events(extraction.events):
        lines.update(_event_lines(article.id, event, iris))
    return _without_surrogates("\n".join(sorted(lines)) + "\n")


def to_graph(extraction: Extraction, iris: Iris = DEFAULT_IRIS) -> Graph:
    """The triples of the article's named graph, as an rdflib Graph."""
    graph = Graph().parse(data=to_ntriples(extraction, iris), format="nt")
    for prefix, namespace in iris.prefixes.items():
        graph.bind(prefix, namespace)
    return graph


def _without_surrogates(text: str) -> str:
    """A lone surrogate (JSON may escape one: "\\ud800") is no character, so no RDF literal can hold it: U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def _triple(subject: str, predicate: str, obj: str) -> str:
    return f"{subject} {predicate} {obj} ."


def _article_lines(article: Article, extractor: str, iris: Iris) -> list[str]:
    node, graph = iri(iris.article[article.id]), iri(iris.graph[article.id])
    lines = [_triple(graph, TYPE, iri(KG.ArticleGraph)), _triple(graph, iri(PROV.wasDerivedFrom), node),
             _triple(node, TYPE, iri(KG.Article)), _triple(node, TYPE, iri(SCHEMA.NewsArticle)),
             _triple(node, iri(DCTERMS.identifier), literal(article.name)),
             _triple(node, iri(DCTERMS.title), french(article.title)),
             _triple(node, iri(KG.contentHash), literal(article.content_hash)),
             _triple(node, iri(KG.extractorVersion), literal(pipeline_identity(extractor)))]
    if article.origin:
        lines.append(_triple(node, iri(KG.source), literal(article.origin)))
    if article.url and _is_iri(article.url):
        lines.append(_triple(node, iri(SCHEMA.url), iri(article.url)))
    if article.date:
        lines += _date_lines(node, article.date)
    return lines


def _date_lines(node: str, date: str) -> list[str]:
    """One datatype per property: dcterms:date is always the day (xsd:date), so a date filter sees every
    dated article; dcterms:issued is the moment (xsd:dateTime with its time zone) when the source gives a time."""
    day, _, time = date.partition("T")
    lines = [_triple(node, iri(DCTERMS.date), literal(day, XSD.date))]
    if time:
        lines.append(_triple(node, iri(DCTERMS.issued), literal(with_time_zone(date), XSD.dateTime)))
    return lines


def with_time_zone(moment: str) -> str:
    """An ISO date-time with its UTC offset; one without is French news time (Europe/Paris), as the articles
    are French and give their local time."""
    stamp = datetime.fromisoformat(moment)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=PARIS)
    return stamp.isoformat()


def _is_iri(text: str) -> bool:
    """A URL that can stand as an IRI in N-Triples (no spaces, quotes, angle brackets or controls)."""
    return (text.startswith(("http://", "https://")) and not any(ch in text for ch in ' <>"{}|\\^`')
            and all(ord(ch) > 0x20 for ch in text))


def _entity_lines(entity: Entity, iris: Iris) -> list[str]:
    node = iri(iris.entity[entity.key])
    lines = [_triple(node, TYPE, iri(KG[entity.cls]))]
    names = {entity.label, *entity.aliases}
    lines += [_triple(node, iri(RDFS.label), french(label)) for label in names]
    if entity.wikidata:
        # Only gazetteer entities carry a Wikidata link; their preferred name is the same in every article.
        lines.append(_triple(node, iri(SKOS.prefLabel), french(entity.label)))
        lines.append(_triple(node, iri(OWL.sameAs), iri(vocab.wikidata_iri(entity.wikidata))))
    if entity.english:
        lines.append(_triple(node, iri(SKOS.prefLabel), english(entity.english)))
    # The gazetteer's other names, French and English mixed, so with no language tag: searchable, never shown.
    lines += [_triple(node, iri(SKOS.altLabel), literal(name)) for name in entity.alt_labels - names
              - {entity.english}]
    return lines
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


def _fact_lines(article_id: str, fact: Fact, iris: Iris) -> list[str]:
    subject, obj = iri(iris.entity[fact.subject]), iri(iris.entity[fact.object])
    predicate = iri(KG[fact.relation])
    node = iri(iris.fact_iri(article_id, fact.subject, fact.relation, fact.object))
    lines = [_triple(subject, predicate, obj), _triple(node, TYPE, iri(KG.Evidence)),
             _triple(node, TYPE, iri(RDF.Statement)), _triple(node, iri(RDF.subject), subject),
             _triple(node, iri(RDF.predicate), predicate), _triple(node, iri(RDF.object), obj)]
    lines += _evidence_lines(node, iris.article[article_id], fact.evidence, fact.confidence)
    if fact.cue:
        lines.append(_triple(node, iri(KG.cue), literal(fact.cue)))
    if fact.alleged:
        lines.append(_triple(node, iri(KG.alleged), literal("true", XSD.boolean)))
    return lines


def _event_lines(article_id: str, event: CountedEvent, iris: Iris) -> list[str]:
    node = iri(iris.event_iri(article_id, event.kind, event.agent, event.target, event.count))
    lines = [_triple(node, TYPE, iri(KG[event.kind])),
             _triple(node, iri(KG.agent), iri(iris.entity[event.agent])),
             _triple(node, iri(KG.target), iri(iris.entity[event.target])),
             _triple(node, iri(KG.accountCount), literal(str(int(event.count)), XSD.integer))]
    return lines + _evidence_lines(node, iris.article[article_id], event.evidence, event.confidence)


def _evidence_lines(node: str, article: str, evidence: Evidence, confidence: float) -> list[str]:
    return [_triple(node, iri(KG.sentence), french(evidence.sentence)),
            _triple(node, iri(KG.charStart), literal(str(int(evidence.start)), XSD.integer)),
            _triple(node, iri(KG.charEnd), literal(str(int(evidence.end)), XSD.integer)),
            _triple(node, iri(KG.confidence), literal(confidence_lexical(confidence), XSD.decimal)),
            _triple(node, iri(PROV.wasDerivedFrom), iri(article))]


def confidence_lexical(confidence: float) -> str:
    """An xsd:decimal rounded to three places and clamped to [0, 1], so float noise never changes the graph.

    Written in canonical form ("0.85", "1"), the form Oxigraph stores, so a graph reads back as written.
    """
    value = Decimal(f"{min(max(float(confidence), 0.0), 1.0):.3f}").normalize()
    return format(value, "f")
