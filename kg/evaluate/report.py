"""Every figure of an evaluation as plain data, for `kg evaluate --json`.

The top-level keys of ../shared/eval/score.py's JSON come first, with the same names and values; the rest
(per article, per relation, the entities' counts, each missed and wrong fact) is added beside them.
"""

from __future__ import annotations

from kg.evaluate.calibration import Calibration
from kg.evaluate.gold import GoldFact, GoldQuantity
from kg.evaluate.match import PredictedFact, PredictedQuantity
from kg.evaluate.score import Evaluation, FactScore, Figures, QuantityScore


def as_json(evaluation: Evaluation) -> dict:
    e = evaluation.entities
    corpus_q = evaluation.corpus_quantities
    return {
        "articles_with_graph": evaluation.articles_with_graph, "articles": len(evaluation.articles),
        "article_facts": _figures(evaluation.article_facts),
        "corpus_facts": _figures(evaluation.corpus_facts.figures),
        "article_quantities": _figures(evaluation.article_quantities),
        "corpus_quantities": {"found": corpus_q.found, "required": corpus_q.required, "wrong": len(corpus_q.wrong)},
        "entities_found": e.found, "entities_gold": e.gold,
        "typing_accuracy": e.typing_accuracy,
        "linking_recall": e.linking_recall,
        "wrong_links": len(e.wrong_links),
        "nodes_per_entity": e.nodes_per_entity,
        "ambiguous_nodes": len(e.ambiguous),
        # beyond score.py's report
        "per_relation": {r.relation: {"precision": r.precision, "recall": r.recall, "f1": r.f1,
                                      "predicted": r.predicted, "correct": r.correct, "required": r.required,
                                      "found": r.found} for r in evaluation.relations},
        "per_article": [{"article": row.article, "graphs": row.graphs, "facts": _facts(row.facts),
                         "quantities": _quantities(row.quantities)} for row in evaluation.articles],
        "corpus_detail": {"facts": _facts(evaluation.corpus_facts), "quantities": _quantities(corpus_q)},
        "calibration": _calibration(evaluation.calibration),
        "entities": {"found": e.found, "gold": e.gold, "typed": e.typed, "with_qid": e.with_qid, "linked": e.linked,
                     "nodes": e.nodes, "wrong_links": [list(pair) for pair in e.wrong_links],
                     "ambiguous": e.ambiguous},
    }


def _calibration(c: Calibration) -> dict:
    return {"facts": c.facts, "error": c.error, "perfect_mean": c.perfect_mean, "perfect_p95": c.perfect_p95,
            "precise_from": c.precise_from, "precise_facts": c.precise_facts,
            "bins": [{"low": b.low, "facts": b.facts, "mean_confidence": b.mean_confidence, "right": b.right}
                     for b in c.bins]}


def _figures(f: Figures) -> dict:
    return {"precision": f.precision, "recall": f.recall, "f1": f.f1, "tp": f.tp, "fp": f.fp, "fn": f.fn}


def _facts(score: FactScore) -> dict:
    return {**_figures(score.figures), "found": score.found, "required": score.required,
            "missed": [_gold_fact(f) for f in score.missed], "wrong": [_predicted_fact(p) for p in score.wrong]}


def _quantities(score: QuantityScore) -> dict:
    return {**_figures(score.figures), "found": score.found, "required": score.required,
            "missed": [_gold_quantity(q) for q in score.missed],
            "wrong": [_predicted_quantity(q) for q in score.wrong]}


def _gold_fact(f: GoldFact) -> dict:
    return {"s": sorted(f.subjects), "p": f.relation, "o": sorted(f.objects)}


def _predicted_fact(p: PredictedFact) -> dict:
    return {"s": str(p.subject), "p": p.predicate, "o": str(p.object), "relation": p.relation}


def _gold_quantity(q: GoldQuantity) -> dict:
    return {"kind": q.kind, "agent": sorted(q.agents), "target": sorted(q.targets), "count": q.count}


def _predicted_quantity(q: PredictedQuantity) -> dict:
    return {"kind": q.kind, "agent": str(q.agent), "target": str(q.target), "count": q.count}
