"""The SPARQL 1.1 Service Description of `kg serve`'s endpoint: what a GET on it with no query answers.

https://www.w3.org/TR/sparql11-service-description/ — the endpoint, the query language, the result formats
it can write and the dataset (one named graph per article, their union as the default graph),.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg import formats
from kg.serve.results import Answer

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
# The W3C's IRI for each format kg writes (https://www.w3.org/ns/formats/).
FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
               "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "rdfxml": "RDF_XML",
               "jsonld": "JSON-LD", "nquads": "N-Quads"}


def service_description(endpoint: str) -> Answer:
    """The description as a graph answer, so that it is negotiated like a CONSTRUCT's result."""
    service, described = ox.NamedNode(endpoint), ox.BlankNode()
    default_graph = ox.BlankNode()

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples = [ox.Triple(service, RDF_TYPE, sd("Service")), ox.Triple(service, sd("endpoint"), service),
               ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
               ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
               ox.Triple(service, sd("defaultDataset"), described), ox.Triple(described, RDF_TYPE, sd("Dataset")),
               ox.Triple(described, sd("defaultGraph"), default_graph), ox.Triple(default_graph, RDF_TYPE, sd("Graph"))]
    names = [*formats.SOLUTION_FORMATS, *formats.GRAPH_FORMATS]
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + FORMAT_IRIS[name]))
                for name in dict.fromkeys(names) if name in FORMAT_IRIS]
    return Answer(kind="graph", rows=tuple(triples))
