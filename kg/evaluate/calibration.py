"""Whether the stored confidences can be taken at their word: facts given 0.8 should be right about 80 % of the time.

Each fact the scorer counts in an article (right or wrong; those that match only an optional gold fact are left
out) is taken with its confidence in that article: that of its evidence record there (`kg build` writes one per
fact and article; should a store hold several, the highest). Facts without an evidence record are left out.

Beside the error comes the least confidence from which the facts are right at least 80 % of the time: the
`--min-confidence` that gives that precision on these articles.

The expected calibration error (ECE) is the facts-weighted mean gap, over ten bins of confidence, between a bin's
mean confidence and its share of right facts. On a hundred facts it is mostly sampling noise, so beside it comes
the error a perfectly calibrated model shows on the same confidences (each fact drawn right with its own confidence
as chance, seeded draws): an observed error under that band's 95th percentile is no evidence of miscalibration.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterable

from kg.evaluate.graph import PredictedGraph, Term, Triple, local
from kg.evaluate.match import EntityMatcher, PredictedFact, predicted_facts

BINS = 10
DRAWS = 1000
EVIDENCE_FIELDS = frozenset({"subject", "predicate", "object", "confidence"})


@dataclass(frozen=True)
class ConfidenceBin:
    """Facts whose confidence falls in [low, low + 0.1): how many, their mean confidence, how many are right."""

    low: float
    facts: int
    mean_confidence: float
    right: int

    @property
    def share_right(self) -> float:
        return self.right / self.facts if self.facts else 0.0


@dataclass(frozen=True)
class Calibration:
    facts: int
    error: float  # the expected calibration error of these facts
    perfect_mean: float  # the error a perfectly calibrated model shows on the same confidences: mean of the draws
    perfect_p95: float  # ... and their 95th percentile
    bins: list[ConfidenceBin]
    precise_from: float | None  # the least confidence from which facts are right TARGET_PRECISION of the time
    precise_facts: int  # how many facts have that confidence or more


TARGET_PRECISION = 0.8


def calibration(judged: list[tuple[float, bool]], draws: int = DRAWS) -> Calibration:
    """The calibration of facts given as (confidence, right)."""
    confidences = [c for c, _ in judged]
    errors = perfect_model_errors(confidences, draws)
    mean = sum(errors) / len(errors) if errors else 0.0
    p95 = errors[int(0.95 * (len(errors) - 1))] if errors else 0.0
    precise = least_confidence(judged, TARGET_PRECISION)
    return Calibration(len(judged), calibration_error(judged), mean, p95, confidence_bins(judged),
                       precise[0] if precise else None, precise[1] if precise else 0)


def least_confidence(judged: list[tuple[float, bool]], precision: float) -> tuple[float, int] | None:
    """The least confidence c such that the facts at c or more are right at least `precision` of the time, with
    how many they are; None when even the surest facts are not."""
    ordered = sorted(judged, key=lambda fact: -fact[0])
    found, right = None, 0
    for n, (confidence, ok) in enumerate(ordered, 1):
        right += ok
        boundary = n == len(ordered) or ordered[n][0] < confidence  # every fact of this confidence counted
        if boundary and right >= precision * n:
            found = (confidence, n)
    return found


def confidence_bins(judged: list[tuple[float, bool]]) -> list[ConfidenceBin]:
    """The non-empty bins, lowest first."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for confidence, right in judged:
        bins.setdefault(min(BINS - 1, int(confidence * BINS)), []).append((confidence, right))
    return [ConfidenceBin(index / BINS, len(b), sum(c for c, _ in b) / len(b), sum(ok for _, ok in b))
            for index, b in sorted(bins.items())]


def calibration_error(judged: list[tuple[float, bool]]) -> float:
    total = len(judged)
    return sum(b.facts / total * abs(b.mean_confidence - b.share_right) for b in confidence_bins(judged)) if total \
        else 0.0


def perfect_model_errors(confidences: list[float], draws: int, seed: int = 0) -> list[float]:
    """The errors of a perfectly calibrated model on these confidences, sorted: one per draw of the outcomes."""
    if not confidences:
        return []
    rng = random.Random(seed)
    return sorted(calibration_error([(c, rng.random() < c) for c in confidences]) for _ in range(draws))


def fact_confidences(graph: PredictedGraph, matcher: EntityMatcher,
                     graph_names: Iterable[Term]) -> dict[PredictedFact, float]:
    """Each fact the named graphs state, with the highest confidence its evidence records there give it."""
    best: dict[PredictedFact, float] = {}
    for name in graph_names:
        for record in evidence_records(graph.graphs[name]):
            triple = (record["subject"], record["predicate"], record["object"])
            for fact in predicted_facts(graph, matcher, [triple]):
                best[fact] = max(best.get(fact, 0.0), float(record["confidence"].value))
    return best


def evidence_records(triples: list[Triple]) -> list[dict[str, Term]]:
    """Each evidence record of a named graph: its statement (rdf:subject/predicate/object), confidence and, when
    it has one, cue; records are known by these properties, whatever their namespace."""
    records: dict[Term, dict[str, Term]] = {}
    for s, p, o in triples:
        if local(p) in EVIDENCE_FIELDS | {"cue"}:
            records.setdefault(s, {})[local(p)] = o
    return [r for r in records.values() if EVIDENCE_FIELDS <= set(r)]
