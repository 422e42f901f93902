"""Export the whole store in one RDF format (or as a network for graph tools).

Dataset formats (N-Quads, TriG, JSON-LD) keep one named graph per article; graph formats
(Turtle, N-Triples) hold the union of all graphs, each triple once.
"""

from __future__ import annotations

import json
from typing import cast

import pyoxigraph as ox

from kg import formats, vocab
from kg.errors import UsageError
from kg.store import Store
from kg.store.base import iris_of

# Every RDF format of kg/formats.py, dataset formats first; jsonld is written compacted (see _jsonld).
RDF_FORMATS = {name: fmt.writer for name, fmt in {**formats.DATASET_FORMATS, **formats.GRAPH_FORMATS}.items()
               if name != "jsonld"}
NETWORK_FORMATS = ("gexf", "graphml")
FORMATS = (*RDF_FORMATS, "jsonld", *NETWORK_FORMATS)


def export(store: Store, fmt: str) -> bytes:
    """The store's content serialised as `fmt`, one of FORMATS."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (choose one of {', '.join(FORMATS)})")
    if fmt in NETWORK_FORMATS:
        from kg.export.network import export_network  # the network view of the graph (networkx), only when asked

        return export_network(store, fmt)
    nquads = store.dump(ox.RdfFormat.N_QUADS)
    if fmt == "nquads":
        return nquads
    iris = iris_of(store)
    if fmt == "jsonld":
        return _jsonld(nquads, iris)
    quads = ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
    prefixes = {prefix: str(namespace) for prefix, namespace in iris.prefixes.items()}
    if fmt == "trig":
        return cast(bytes, ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))  # bytes: no output given
    return cast(bytes, ox.serialize(_union_triples(quads), format=RDF_FORMATS[fmt],
                                    prefixes=prefixes if fmt == "turtle" else None))


def _union_triples(quads) -> list[ox.Triple]:
    """Each triple of any graph once, in first-seen order (the dump's order is stable)."""
    return list(dict.fromkeys(quad.triple for quad in quads))


def _jsonld(nquads: bytes, iris: vocab.Iris) -> bytes:
    """Compacted JSON-LD with kg's readable @context (kg/export/context.py), through PyLD.

    The expanded form is written here from the quads (PyLD's own N-Quads reader keeps escapes such as \\n as
    they are, and rdflib 7's compaction drops an empty string among several values of a property).
    """
    from pyld import jsonld  # only when JSON-LD is asked for

    from kg.export.context import context, expanded

    document = jsonld.compact(expanded(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)), {"@context": context(iris)})
    document = {"@context": document.pop("@context"), **_in_stable_order(document)}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _in_stable_order(node):
    """rdflib writes nodes and values in set order, which changes from run to run. JSON-LD arrays
    here are unordered (no @list), so sorting them makes the same store export the same bytes."""
    if isinstance(node, dict):
        return {key: _in_stable_order(value) for key, value in node.items()}
    if isinstance(node, list):
        items = [_in_stable_order(item) for item in node]
        return sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
    return node
