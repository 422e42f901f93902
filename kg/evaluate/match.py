"""Matching: the predicted graph's nodes to gold entities, its triples to predicted facts and counted events,
and when a prediction entails a gold fact. The rules are those of ../shared/eval/score.py (README.md beside it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import pyoxigraph as ox

from kg.evaluate.gold import EVENT_KINDS, Gold, GoldFact, GoldQuantity, fold
from kg.evaluate.graph import PredictedGraph, Term, Triple, local
from kg.vocab import RELATIONS, SYMMETRIC_RELATIONS

CONTRACT_RELATIONS = frozenset(RELATIONS)


@dataclass(frozen=True, order=True)
class Unmatched:
    """A node that names no gold entity, known by its smallest label (or its local name when it has none)."""

    name: str

    def __str__(self) -> str:
        return f"?{self.name!r}"


Node = str | Unmatched  # a gold entity key, or a node that matches none


@dataclass(frozen=True)
class PredictedFact:
    """A triple whose predicate is (or is under) a contract relation, read through the gold's entity keys.
    Two triples that read the same (same keys, same predicate) are one prediction."""

    subject: Node
    relations: frozenset[str]  # the contract relations the predicate is or is a sub-property of
    object: Node
    predicate: str  # the predicate's local name
    relation: str = field(compare=False)  # the most specific of `relations`: the one the prediction counts under

    def __str__(self) -> str:
        return f"{self.subject} {self.predicate} {self.object}"


@dataclass(frozen=True)
class PredictedQuantity:
    kind: str
    agent: Node
    target: Node
    count: int

    def __str__(self) -> str:
        return f"{self.kind} {self.agent} -> {self.target} x{self.count}"


class EntityMatcher:
    """Reads each node as the gold entity its labels name; remembers the nodes whose labels name several."""

    def __init__(self, gold: Gold, graph: PredictedGraph):
        self.gold, self.graph = gold, graph
        self.keys: dict[Term, str | None] = {}
        self.ambiguous: dict[Term, set[str]] = {}

    def key(self, node: Term) -> str | None:
        if node not in self.keys:
            self.keys[node] = self._key(node)
        return self.keys[node]

    def _key(self, node: Term) -> str | None:
        """Labels decide, as a reader of the graph would; a Wikidata link decides only for an unlabelled node."""
        keys = {key for label in self.graph.labels(node) for key in self.gold.alias.get(fold(label), ())}
        if not keys:
            keys = {self.gold.by_qid[q] for q in self.graph.qids(node) if q in self.gold.by_qid}
        if len(keys) > 1:
            self.ambiguous[node] = keys
            return None
        return next(iter(keys), None)

    def read(self, node: Term) -> Node:
        return self.key(node) or Unmatched(self.name(node))

    def name(self, node: Term) -> str:
        labels = sorted(self.graph.labels(node))
        return labels[0] if labels else local(node)


def predicted_facts(graph: PredictedGraph, matcher: EntityMatcher, triples: Iterable[Triple]) -> set[PredictedFact]:
    """The facts among `triples`: a contract relation between a node and an IRI (literals are not entities)."""
    out = set()
    for s, p, o in triples:
        name = local(p)
        relations = frozenset(graph.supers(name) & CONTRACT_RELATIONS)
        if relations and isinstance(o, ox.NamedNode):
            relation = _counted_under(name, relations, graph)
            out.add(PredictedFact(matcher.read(s), relations, matcher.read(o), name, relation))
    return out


def _counted_under(predicate: str, relations: frozenset[str], graph: PredictedGraph) -> str:
    """The relation a prediction counts under in the per-relation figures: its own when it is a contract
    relation (leaderOf, not the memberOf above it), else the most specific contract relation above it."""
    if predicate in relations:
        return predicate
    lowest = [r for r in relations if not any(r != other and r in graph.supers(other) for other in relations)]
    return sorted(lowest or relations)[0]


def predicted_quantities(graph: PredictedGraph, matcher: EntityMatcher,
                         triples: Iterable[Triple]) -> set[PredictedQuantity]:
    """Counted account events among `triples`: a node typed AccountSuspension or AccountTakeover (or a subclass)
    with an agent, a target and an accountCount; every combination of their values is one prediction."""
    nodes: dict[Term, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        nodes[s][local(p)].append(o)
    out = set()
    for props in nodes.values():
        kinds = {k for t in props["type"] for k in graph.classes(local(t))} & EVENT_KINDS
        counts = [count for c in props["accountCount"] if (count := _whole_number(c.value)) is not None]
        out |= {PredictedQuantity(kind, matcher.read(a), matcher.read(t), count)
                for kind in kinds for a in props["agent"] for t in props["target"] for count in counts}
    return out


def _whole_number(text: str) -> int | None:
    try:
        return int(text.replace(" ", ""))
    except ValueError:
        return None


def entails(pred: PredictedFact, fact: GoldFact) -> bool:
    """Same relation (or one below it), subject and object among the alternatives; either way when symmetric."""
    if fact.relation not in pred.relations:
        return False
    if pred.subject in fact.subjects and pred.object in fact.objects:
        return True
    return fact.relation in SYMMETRIC_RELATIONS and pred.object in fact.subjects and pred.subject in fact.objects


def hits(pred: PredictedQuantity, gold: GoldQuantity) -> bool:
    return (pred.kind == gold.kind and pred.agent in gold.agents and pred.target in gold.targets
            and pred.count == gold.count)
