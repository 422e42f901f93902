"""Query evaluation for the server, bounded in time and size, and the media types it can answer in.

A result is read row by row up to `max_rows`, checking the deadline between rows, then written out:
SELECT/ASK rows go through the W3C JSON form, which pyoxigraph turns into any other result format.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import pyoxigraph as ox

from kg.ingest.sanitize import safe_strings, xml_safe
from kg.query.run import result_kind

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# name -> (media type, pyoxigraph format); the first of each table is the default.
SOLUTION_TYPES = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    "html": ("text/html", None),
}
GRAPH_TYPES = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "nquads": ("application/n-quads", ox.RdfFormat.N_QUADS),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    "html": ("text/html", None),
}
ALIASES = {"application/json": "json", "text/xml": "xml", "application/xml": "xml", "ttl": "turtle",
           "n-triples": "ntriples", "nt": "ntriples", "n-quads": "nquads", "json-ld": "jsonld",
           "rdf": "rdfxml", "rdf+xml": "rdfxml", "text/plain": "ntriples"}


class QueryTimeout(Exception):
    pass


class ResultTooLarge(Exception):
    pass


class OutOfMemory(Exception):
    """The query needed more memory than a worker may have (`kg serve --max-memory`)."""


@dataclass(frozen=True)
class Answer:
    kind: str  # "solutions", "boolean" or "graph"
    variables: tuple[str, ...] = ()
    rows: tuple = ()  # QuerySolutions' rows, or Triples
    boolean: bool = False


def collect(result, max_rows: int, deadline: float) -> Answer:
    """Read a pyoxigraph result into memory, refusing more than max_rows rows or passing the deadline."""
    kind = result_kind(result)
    if kind == "boolean":
        return Answer(kind, boolean=bool(result))
    variables = tuple(v.value for v in result.variables) if kind == "solutions" else ()
    rows = []
    for row in result:
        if len(rows) >= max_rows:
            raise ResultTooLarge(f"the result has more than {max_rows} rows (the server's limit); add a LIMIT")
        if time.monotonic() > deadline:
            raise QueryTimeout("the query ran past the server's time limit")
        rows.append(row)
    return Answer(kind, variables, tuple(rows))


def choose_format(kind: str, requested: str | None, accept: str | None) -> str | None:
    """A format name from the `format` parameter, else from the Accept header; None if none fits."""
    table = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    by_type = {media: name for name, (media, _) in table.items()}
    if requested:
        name = ALIASES.get(requested, by_type.get(requested, requested))
        return name if name in table else None
    for media in _accepted(accept or "*/*"):
        if media in ("*/*", "application/*", "text/*") or media in by_type or media in ALIASES:
            name = by_type.get(media) or ALIASES.get(media) or next(iter(table))
            if media == "text/*":
                name = "csv" if kind != "graph" else "turtle"
            if name in table:
                return name
    return None


def _accepted(header: str) -> list[str]:
    """Media types of an Accept header, best first (q=0 dropped, order kept among equals)."""
    ranked = []
    for index, part in enumerate(header.split(",")):
        media, *params = [piece.strip() for piece in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def media_type(kind: str, name: str) -> str:
    table = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    return table[name][0]


def serialize(answer: Answer, name: str) -> bytes:
    """The answer in the named format (anything but html)."""
    if answer.kind == "graph":
        fmt = GRAPH_TYPES[name][1]
        rows = [_xml_safe_triple(t) for t in answer.rows] if name == "rdfxml" else answer.rows
        statements = (ox.Quad(t.subject, t.predicate, t.object) for t in rows) if name == "nquads" \
            else iter(rows)
        return ox.serialize(statements, format=fmt) or b""
    document = json.dumps(to_json(answer), ensure_ascii=False)
    if name == "json":
        return document.encode("utf-8")
    if name == "xml":  # characters XML 1.0 refuses (from a store built before ingest removed them) go
        document = json.dumps(safe_strings(to_json(answer)), ensure_ascii=False)
    parsed = ox.parse_query_results(document, ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=SOLUTION_TYPES[name][1])


def _xml_safe_triple(triple: ox.Triple) -> ox.Triple:
    """The triple with a literal object cleaned of characters XML 1.0 refuses (RDF/XML cannot carry them)."""
    value = triple.object
    if not isinstance(value, ox.Literal) or xml_safe(value.value) == value.value:
        return triple
    cleaned = ox.Literal(xml_safe(value.value), language=value.language) if value.language \
        else ox.Literal(xml_safe(value.value), datatype=value.datatype)
    return ox.Triple(triple.subject, triple.predicate, cleaned)


def to_json(answer: Answer) -> dict:
    """The W3C SPARQL 1.1 Query Results JSON document of a SELECT or ASK answer."""
    if answer.kind == "boolean":
        return {"head": {}, "boolean": answer.boolean}
    bindings = [
        {name: term_json(row[name]) for name in answer.variables if row[name] is not None}
        for row in answer.rows
    ]
    return {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}


def term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {key: term_json(value) for key, value in parts.items()}}
    found = {"type": "literal", "value": term.value}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
        found["datatype"] = term.datatype.value
    return found
