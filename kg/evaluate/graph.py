"""The predicted graph as the scorer reads it: the store's quads, looked at through the contract's local names.

Terms are pyoxigraph terms (what `Store.quads()` yields). Like ../shared/eval/score.py, which reads an N-Quads
export with rdflib, a node's labels, links and types are read in the union of all graphs, and predicates and
classes are known by their local name (after the last '#' or '/'), so the namespace is the ontology's choice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, cast

import pyoxigraph as ox

from kg.vocab import RDF, RDFS

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Triple = tuple[Term, Term, Term]

# What the contract itself declares, whether or not the store holds the ontology.
CONTRACT_SUPER = {"leaderOf": {"memberOf"}}
CONTRACT_SUBCLASS = {name: {"Organization"} for name in
                     ("TerroristGroup", "HackerGroup", "Platform", "GovernmentBody", "MediaOutlet")}
LABEL_NAMES = frozenset({"label", "prefLabel", "altLabel", "hiddenLabel", "name"})
LINK_NAMES = frozenset({"sameAs", "exactMatch"})
QID = re.compile(r"wikidata\.org/(?:entity|wiki)/(Q\d+)$")
TYPE = ox.NamedNode(str(RDF.type))
SUB_PROPERTY = ox.NamedNode(str(RDFS.subPropertyOf))
SUB_CLASS = ox.NamedNode(str(RDFS.subClassOf))


def local(term) -> str:
    """The local name of an IRI; any other term's text (a literal's lexical form, a blank node's id)."""
    return re.split(r"[#/]", term.value)[-1] if isinstance(term, ox.NamedNode) else term.value


@dataclass
class PredictedGraph:
    union: set[Triple]  # every triple of every graph, once
    graphs: dict[Term, list[Triple]]  # named graph -> its triples
    about: dict[Term, list[tuple[Term, Term]]]  # subject -> (predicate, object) pairs, in the union
    super_properties: dict[str, set[str]]  # local name -> itself and every property above it
    super_classes: dict[str, set[str]]  # local name -> itself and every class above it

    def supers(self, predicate: str) -> set[str]:
        return self.super_properties.get(predicate, {predicate})

    def classes(self, name: str) -> set[str]:
        return self.super_classes.get(name, {name})

    def labels(self, node: Term) -> set[str]:
        return {o.value for p, o in self.about.get(node, ()) if local(p) in LABEL_NAMES and isinstance(o, ox.Literal)}

    def qids(self, node: Term) -> set[str]:
        """The Wikidata items a node is linked to (owl:sameAs, skos:exactMatch) or is."""
        found = {match.group(1) for p, o in self.about.get(node, ()) if local(p) in LINK_NAMES
                 for match in [QID.search(o.value)] if match}
        own = QID.search(node.value)
        return found | {own.group(1)} if own else found

    def types(self, node: Term) -> set[str]:
        return {name for p, o in self.about.get(node, ()) if p == TYPE for name in self.classes(local(o))}

    def objects(self, node: Term) -> list[Term]:
        return [o for _, o in self.about.get(node, ())]


def read_graph(quads: Iterable[ox.Quad]) -> PredictedGraph:
    """Index the quads of a store (or of a parsed file) for scoring."""
    union: dict[Triple, None] = {}
    graphs: dict[Term, list[Triple]] = defaultdict(list)
    for quad in quads:
        if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, ox.Triple):
            continue  # RDF-star: kg writes none, and the scorer reads none
        triple = cast(Triple, (quad.subject, quad.predicate, quad.object))
        union[triple] = None
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            graphs[quad.graph_name].append(triple)
    about: dict[Term, list[tuple[Term, Term]]] = defaultdict(list)
    for s, p, o in union:
        about[s].append((p, o))
    return PredictedGraph(set(union), dict(graphs), dict(about), closure(union, SUB_PROPERTY, CONTRACT_SUPER),
                          closure(union, SUB_CLASS, CONTRACT_SUBCLASS))


def closure(triples: Iterable[Triple], predicate: ox.NamedNode, contract: dict[str, set[str]]) -> dict[str, set[str]]:
    """Local name -> itself and everything above it, through the contract's declarations and the graph's own."""
    edges: dict[str, set[str]] = defaultdict(set)
    for name, parents in contract.items():
        edges[name] |= parents
    for s, p, o in triples:
        if p == predicate:
            edges[local(s)].add(local(o))
    return {name: _above(name, edges) for name in set(edges) | set(contract)}


def _above(name: str, edges: dict[str, set[str]]) -> set[str]:
    seen, todo = {name}, [name]
    while todo:
        for parent in edges.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def article_graphs(graph: PredictedGraph, articles: list[str]) -> dict[str, list[Term]]:
    """The named graphs of each article: a graph belongs to an article when the article's id appears (as a
    whole, between separators) in the graph's name, in an object of a triple about the graph, or in an object
    of a triple about such an object (the article resource the graph is derived from)."""
    patterns = {a: re.compile(rf"(^|[^0-9A-Za-z]){re.escape(a)}([_.\-/#]|$)") for a in articles}
    found: dict[str, list[Term]] = defaultdict(list)
    for name in graph.graphs:
        texts = [name.value]
        for o in graph.objects(name):
            texts.append(o.value)
            if isinstance(o, ox.NamedNode):
                texts += [x.value for x in graph.objects(o)]
        for article, pattern in patterns.items():
            if any(pattern.search(text) for text in texts):
                found[article].append(name)
    return found
