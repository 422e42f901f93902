"""Scoring: the predicted graph (a store's quads) against a gold file, as figures.

`evaluate(gold, quads)` gives every figure that ../shared/eval/score.py prints, computed the same way so
that they are equal on the same graph, plus precision, recall and F1 per relation. Pure: no store, no output.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

import pyoxigraph as ox

from kg.evaluate.calibration import Calibration, calibration, fact_confidences
from kg.evaluate.gold import Gold, GoldFact, GoldQuantity
from kg.evaluate.graph import QID, PredictedGraph, Term, article_graphs, read_graph
from kg.evaluate.match import (
    EntityMatcher,
    PredictedFact,
    PredictedQuantity,
    entails,
    hits,
    predicted_facts,
    predicted_quantities,
)
from kg.vocab import RELATIONS


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True)
class Figures:
    """Counts of right (tp), wrong (fp) and missed (fn) items, and the P/R/F1 they give."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]

    def __add__(self, other: Figures) -> Figures:
        return Figures(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


Predicted = TypeVar("Predicted")
Expected = TypeVar("Expected")


@dataclass(frozen=True)
class Score(Generic[Predicted, Expected]):
    """Predictions that entail a required gold item (`correct`) or none (`wrong`: those that entail only an
    optional one are in neither), and the required gold items that no prediction entails."""

    correct: list[Predicted]
    wrong: list[Predicted]
    missed: list[Expected]
    required: int

    @property
    def figures(self) -> Figures:
        return Figures(len(self.correct), len(self.wrong), len(self.missed))

    @property
    def found(self) -> int:
        return self.required - len(self.missed)


FactScore = Score[PredictedFact, GoldFact]
QuantityScore = Score[PredictedQuantity, GoldQuantity]


@dataclass(frozen=True)
class ArticleScore:
    article: str
    graphs: int  # named graphs of the store found for the article (0: the store has nothing for it)
    facts: FactScore
    quantities: QuantityScore


@dataclass(frozen=True)
class RelationScore:
    """One relation at article level: P over the predictions counted under it, R over its gold facts."""

    relation: str
    predicted: int
    correct: int
    required: int
    found: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class EntityScore:
    """How the gold entities appear in the graph: found, typed, linked to Wikidata, merged into one node."""

    found: int  # gold entities some node names
    gold: int
    typed: int  # found entities with a node of the gold class
    with_qid: int  # found entities that have a Wikidata item in the gold
    linked: int  # ... of which a node links that item
    nodes: int  # nodes that name a gold entity
    wrong_links: list[tuple[str, str]]  # (entity key, Wikidata item that is not its own)
    ambiguous: dict[str, list[str]]  # node -> the entity keys its labels name

    @property
    def typing_accuracy(self) -> float:
        return self.typed / self.found if self.found else 0.0

    @property
    def linking_recall(self) -> float:
        return self.linked / self.with_qid if self.with_qid else 0.0

    @property
    def nodes_per_entity(self) -> float:
        return self.nodes / self.found if self.found else 0.0


@dataclass(frozen=True)
class Evaluation:
    articles: list[ArticleScore]
    corpus_facts: FactScore  # the merged graph against every gold fact
    corpus_quantities: QuantityScore
    entities: EntityScore
    relations: list[RelationScore]
    calibration: Calibration  # of the article-level facts' confidences (kg.evaluate.calibration)

    @property
    def article_facts(self) -> Figures:
        return sum((row.facts.figures for row in self.articles), Figures(0, 0, 0))

    @property
    def article_quantities(self) -> Figures:
        return sum((row.quantities.figures for row in self.articles), Figures(0, 0, 0))

    @property
    def articles_with_graph(self) -> int:
        return sum(1 for row in self.articles if row.graphs)


def evaluate(gold: Gold, quads: Iterable[ox.Quad]) -> Evaluation:
    """Score the graph held in `quads` (a store's `quads()`) against `gold`."""
    graph = read_graph(quads)
    matcher = EntityMatcher(gold, graph)
    corpus_facts = score_facts(predicted_facts(graph, matcher, graph.union), gold.facts)
    corpus_quantities = score_quantities(predicted_quantities(graph, matcher, graph.union), gold.quantities)
    per_article = article_graphs(graph, gold.articles)
    rows = score_articles(gold, graph, matcher, per_article)
    judged = judged_confidences(rows, graph, matcher, per_article)
    entities = score_entities(gold, graph, matcher)  # last: its ambiguous nodes include those of the facts
    return Evaluation(rows, corpus_facts, corpus_quantities, entities, score_relations(rows, gold),
                      calibration(judged))


def score_articles(gold: Gold, graph: PredictedGraph, matcher: EntityMatcher,
                   per_article: dict[str, list[Term]]) -> list[ArticleScore]:
    """Each article's named graphs against that article's gold, in the order of the article ids."""
    rows = []
    for article in gold.articles:
        names = per_article.get(article, [])
        triples = [t for name in names for t in graph.graphs[name]]
        facts = score_facts(predicted_facts(graph, matcher, triples), [f for f in gold.facts if f.article == article])
        quantities = score_quantities(predicted_quantities(graph, matcher, triples),
                                      [q for q in gold.quantities if q.article == article])
        rows.append(ArticleScore(article, len(names), facts, quantities))
    return rows


def judged_confidences(rows: list[ArticleScore], graph: PredictedGraph, matcher: EntityMatcher,
                       per_article: dict[str, list[Term]]) -> list[tuple[float, bool]]:
    """(confidence, right) of each article-level fact counted right or wrong that has an evidence record."""
    judged = []
    for row in rows:
        confidences = fact_confidences(graph, matcher, per_article.get(row.article, []))
        judged += [(confidences[p], True) for p in row.facts.correct if p in confidences]
        judged += [(confidences[p], False) for p in row.facts.wrong if p in confidences]
    return judged


def score_facts(preds: set[PredictedFact], gold_facts: list[GoldFact]) -> FactScore:
    """Gold facts that read the same (subjects, relation, objects) are required once."""
    required = list({(f.subjects, f.relation, f.objects): f for f in gold_facts if not f.optional}.values())
    optional = [f for f in gold_facts if f.optional]
    ordered = sorted(preds, key=str)
    correct = [p for p in ordered if any(entails(p, f) for f in required)]
    wrong = [p for p in ordered if not any(entails(p, f) for f in required + optional)]
    missed = [f for f in required if not any(entails(p, f) for p in preds)]
    return FactScore(correct, wrong, missed, len(required))


def score_quantities(preds: set[PredictedQuantity], gold_quantities: list[GoldQuantity]) -> QuantityScore:
    unique = list({(q.kind, q.agents, q.targets, q.count): q for q in gold_quantities}.values())
    ordered = sorted(preds, key=str)
    correct = [p for p in ordered if any(hits(p, q) for q in unique)]
    wrong = [p for p in ordered if not any(hits(p, q) for q in unique)]
    missed = [q for q in unique if not any(hits(p, q) for p in preds)]
    return QuantityScore(correct, wrong, missed, len(unique))


def score_relations(rows: list[ArticleScore], gold: Gold) -> list[RelationScore]:
    """Article-level figures per contract relation; a prediction counts under its own relation (a leaderOf
    fact that matches a gold memberOf is a correct leaderOf prediction), a gold fact under its relation."""
    count: dict[str, dict[str, int]] = {r: defaultdict(int) for r in RELATIONS}
    for row in rows:
        for pred in row.facts.correct:
            count[pred.relation]["correct"] += 1
        for pred in row.facts.correct + row.facts.wrong:
            count[pred.relation]["predicted"] += 1
        required = {(f.subjects, f.relation, f.objects): f for f in gold.facts if f.article == row.article
                    and not f.optional}
        for fact in required.values():
            count[fact.relation]["required"] += 1
        for fact in row.facts.missed:
            count[fact.relation]["missed"] += 1
    return [RelationScore(r, c["predicted"], c["correct"], c["required"], c["required"] - c["missed"])
            for r, c in count.items()]


def score_entities(gold: Gold, graph: PredictedGraph, matcher: EntityMatcher) -> EntityScore:
    nodes_for = _nodes_per_entity(graph, matcher)
    typed = sum(1 for k, ns in nodes_for.items() if any(gold.entities[k].type in graph.types(n) for n in ns))
    with_qid = [k for k in nodes_for if gold.entities[k].qid]
    linked = sum(1 for k in with_qid if any(gold.entities[k].qid in graph.qids(n) for n in nodes_for[k]))
    # A wrong link: a node whose Wikidata item is not the one of the entity its labels name.
    wrong_links = sorted({(k, q) for k, ns in nodes_for.items() for n in ns for q in graph.qids(n)
                          if q != gold.entities[k].qid and (q in gold.by_qid or gold.entities[k].qid)})
    ambiguous = {node.value: sorted(keys) for node, keys in sorted(matcher.ambiguous.items(), key=lambda i: i[0].value)}
    return EntityScore(len(nodes_for), len(gold.entities), typed, len(with_qid), linked,
                       sum(len(ns) for ns in nodes_for.values()), wrong_links, ambiguous)


def _nodes_per_entity(graph: PredictedGraph, matcher: EntityMatcher) -> dict[str, set[Term]]:
    """Gold entity -> the nodes that name it, among every subject and IRI object (Wikidata's own IRIs aside)."""
    nodes = {s for s, _, _ in graph.union} | {o for _, _, o in graph.union if isinstance(o, ox.NamedNode)}
    nodes_for: dict[str, set[Term]] = defaultdict(set)
    for node in nodes:
        key = None if QID.search(node.value) else matcher.key(node)
        if key:
            nodes_for[key].add(node)
    return nodes_for
