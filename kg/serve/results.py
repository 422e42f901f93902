"""Query evaluation for the server, bounded in time and size, and the media types it can answer in.

A result is read row by row up to `max_rows`, checking the deadline between rows, then written out:
SELECT/ASK rows go through the W3C JSON form, which pyoxigraph turns into any other result format.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox

from kg import formats
from kg.ingest.sanitize import safe_strings, xml_safe
from kg.query.run import result_kind
from kg.vocab import DEFAULT_BASE

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
HTML = "html"  # the server's own page of a result, beside the formats of kg/formats.py
GENERIC = ("*/*", "application/*", "text/*")


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
    base: str = DEFAULT_BASE  # the store's base IRI (kg build --base-iri): the HTML page shortens IRIs under it


def collect(result, max_rows: int, deadline: float) -> Answer:
    """Read a pyoxigraph result into memory, refusing more than max_rows rows or passing the deadline."""
    kind = result_kind(result)
    if kind == "boolean":
        return Answer(kind, boolean=bool(result))
    variables = tuple(v.value for v in result.variables) if kind == "solutions" else ()
    rows: list = []
    for row in result:
        if len(rows) >= max_rows:
            raise ResultTooLarge(f"the result has more than {max_rows} rows (the server's limit); add a LIMIT")
        if time.monotonic() > deadline:
            raise QueryTimeout("the query ran past the server's time limit")
        rows.append(row)
    return Answer(kind, variables, tuple(rows))


def choose_format(kind: str, requested: str | None, accept: str | None) -> str | None:
    """A format name from the `format`/`output`/`results` parameter, else from the Accept header; None if none fits.

    A parameter value that means nothing for this kind of query (SPARQLWrapper sends `format=csv` with a
    CONSTRUCT, and Accept: */*) gives way to the Accept header rather than failing the request.
    """
    if requested:
        name = HTML if requested.lower() == HTML else formats.resolve(kind, requested)
        if name:
            return name
    for media in _accepted(accept or "*/*"):
        if media in GENERIC:
            return "csv" if media == "text/*" and kind != "graph" else next(iter(formats.table_for(kind)))
        name = HTML if media == "text/html" else formats.resolve(kind, media)
        if name:
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
    return "text/html" if name == HTML else formats.table_for(kind)[name].media_type


def serialize(answer: Answer, name: str) -> bytes:
    """The answer in the named format (anything but html)."""
    if answer.kind == "graph":
        fmt = formats.GRAPH_FORMATS[name].writer
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
    return cast(bytes, parsed.serialize(format=formats.SOLUTION_FORMATS[name].writer))  # bytes: no output file


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
