"""The JSON-LD @context of `kg export --format jsonld`: short names a web developer can read.

`"title": "…"` instead of `"http://purl.org/dc/terms/title": [{"@value": "…", "@language": "fr"}]`. Strings are
French unless said otherwise (`@language: fr`); identifiers, hashes, cues and the gazetteer's untagged aliases are
plain strings; links to other nodes are `@id`s; numbers carry their XSD type.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from kg import vocab

RDF_TYPE = str(vocab.RDF.type)
XSD_STRING = str(vocab.XSD.string)

# term -> (prefixed IRI, kind): "id" for links, "plain" for untagged strings, an xsd type, or "" (French text).
TERMS = {
    "label": ("rdfs:label", ""), "prefLabel": ("skos:prefLabel", ""), "altLabel": ("skos:altLabel", "plain"),
    "sameAs": ("owl:sameAs", "id"), "title": ("dcterms:title", ""), "identifier": ("dcterms:identifier", "plain"),
    "date": ("dcterms:date", "xsd:date"), "issued": ("dcterms:issued", "xsd:dateTime"), "url": ("schema:url", "id"),
    "source": ("kg:source", "plain"), "contentHash": ("kg:contentHash", "plain"),
    "extractorVersion": ("kg:extractorVersion", "plain"), "derivedFrom": ("prov:wasDerivedFrom", "id"),
    "subject": ("rdf:subject", "id"), "predicate": ("rdf:predicate", "id"), "object": ("rdf:object", "id"),
    "sentence": ("kg:sentence", ""), "charStart": ("kg:charStart", "xsd:integer"),
    "charEnd": ("kg:charEnd", "xsd:integer"), "confidence": ("kg:confidence", "xsd:decimal"),
    "cue": ("kg:cue", "plain"), "alleged": ("kg:alleged", "xsd:boolean"), "agent": ("kg:agent", "id"),
    "target": ("kg:target", "id"), "accountCount": ("kg:accountCount", "xsd:integer"),
    "displayName": ("kg:displayName", ""),
    **{relation: (f"kg:{relation}", "id") for relation in vocab.RELATIONS},
}


def context(iris: vocab.Iris = vocab.DEFAULT_IRIS) -> dict:
    """The @context: prefixes (the data's under the store's base, `iris`), then the terms."""
    found: dict = {"@language": "fr", "id": "@id", "type": "@type", "graph": "@graph"}
    found.update({prefix: str(namespace) for prefix, namespace in iris.prefixes.items()})
    for term, (iri, kind) in TERMS.items():
        if kind == "id":
            found[term] = {"@id": iri, "@type": "@id"}
        elif kind == "plain":
            found[term] = {"@id": iri, "@language": None}
        elif kind:
            found[term] = {"@id": iri, "@type": kind}
        else:
            found[term] = iri
    return found


def expanded(quads) -> list:
    """Quads as expanded JSON-LD: one node object per subject, inside one object per named graph."""
    graphs: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for quad in quads:
        graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else _id(quad.graph_name)
        node = graphs[graph][_id(quad.subject)]
        if quad.predicate.value == RDF_TYPE and not isinstance(quad.object, ox.Literal):
            node["@type"].append(_id(quad.object))
        else:
            node[quad.predicate.value].append(_value(quad.object))
    document = [{"@id": s, **p} for s, p in graphs.pop("", {}).items()]
    document += [{"@id": g, "@graph": [{"@id": s, **p} for s, p in nodes.items()]} for g, nodes in graphs.items()]
    return document


def _id(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _value(term) -> dict:
    if not isinstance(term, ox.Literal):
        return {"@id": _id(term)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD_STRING:
        return {"@value": term.value}
    return {"@value": term.value, "@type": term.datatype.value}
