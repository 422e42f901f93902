"""The one table of the formats kg reads and writes: query results, exports and the server share it.

Each format has a name (what `--format` takes), a media type (what HTTP speaks), and the pyoxigraph format
that writes it. Other names people and clients use for the same thing are aliases: SPARQLWrapper sends
`format=xml` for RDF/XML on a CONSTRUCT and for SPARQL XML results on a SELECT, so an alias is looked up
in the table of the query's kind (graph or solutions), as Fuseki and Virtuoso do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import pyoxigraph as ox

Writer = TypeVar("Writer", ox.QueryResultsFormat, ox.RdfFormat)


@dataclass(frozen=True)
class Format(Generic[Writer]):
    name: str
    media_type: str
    writer: Writer  # ox.QueryResultsFormat or ox.RdfFormat
    aliases: tuple[str, ...] = ()


# SELECT and ASK answers; the first is the server's default.
SOLUTION_FORMATS: dict[str, Format[ox.QueryResultsFormat]] = {f.name: f for f in (
    Format("json", "application/sparql-results+json", ox.QueryResultsFormat.JSON, ("application/json", "srj")),
    Format("xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML,
           ("text/xml", "application/xml", "srx")),
    Format("csv", "text/csv", ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
)}
# CONSTRUCT and DESCRIBE answers (and `kg export`); the first is the server's default.
GRAPH_FORMATS: dict[str, Format[ox.RdfFormat]] = {f.name: f for f in (
    Format("turtle", "text/turtle", ox.RdfFormat.TURTLE, ("ttl", "n3", "text/n3", "application/x-turtle")),
    Format("ntriples", "application/n-triples", ox.RdfFormat.N_TRIPLES, ("nt", "n-triples", "text/plain")),
    Format("nquads", "application/n-quads", ox.RdfFormat.N_QUADS, ("nq", "n-quads")),
    Format("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, ("json-ld", "json", "application/json")),
    Format("rdfxml", "application/rdf+xml", ox.RdfFormat.RDF_XML,
           ("rdf", "rdf+xml", "xml", "text/xml", "application/xml")),
)}
# Dataset formats keep the named graphs; the others hold the union of all graphs.
DATASET_FORMATS = {"trig": Format("trig", "application/trig", ox.RdfFormat.TRIG), "nquads": GRAPH_FORMATS["nquads"]}


def table_for(kind: str) -> dict[str, Format]:
    """The formats of a result kind: "graph" for CONSTRUCT/DESCRIBE, anything else for SELECT/ASK."""
    return GRAPH_FORMATS if kind == "graph" else SOLUTION_FORMATS


def resolve(kind: str, requested: str) -> str | None:
    """The format name a name, an alias or a media type stands for in this kind's table; None if none."""
    table = table_for(kind)
    wanted = requested.strip().lower()
    for fmt in table.values():
        if wanted in (fmt.name, fmt.media_type) or wanted in fmt.aliases:
            return fmt.name
    return None
