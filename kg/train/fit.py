"""Training the relation model: examples -> candidate pairs -> features -> a softmax layer -> calibration.

Deterministic (fixed folds, lbfgs), CPU only. The held-out figures and the calibration come from k-fold
cross-validation by document: each pair is scored by a model that never saw its passage (or its article).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
from scipy import sparse as sp

from kg.extract.features import DENSE_WIDTH, N_HASHED, Side
from kg.extract.relmodel import LABELS, NONE, candidate_pairs, cue_map, featurise
from kg.train.corpus import Example, Span
from kg.train.spanfit import fit_spans, span_data
from kg.vocab import SYMMETRIC_RELATIONS, relation_allowed

Progress = Callable[[str, int, int], None]  # (stage, done, total)
DENSE_SCALE = 0.5  # weight of the dense block beside the binary sparse features
C = 0.5  # inverse regularisation strength, chosen by cross-validation on the packaged corpus
ARTICLE_WEIGHT = 16.0  # a real article's pair counts this many written passages' pairs (dev, out of fold)
MIN_ARTICLE_PAIRS = 400  # enough real-article pairs to calibrate on them alone


@dataclass
class PairData:
    sparse: list[list[int]] = field(default_factory=list)
    dense: list[np.ndarray] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)  # the document (a passage, or an article) each pair comes from
    articles: list[bool] = field(default_factory=list)  # the pair comes from a real article's paragraph
    classes: list[tuple[str, str]] = field(default_factory=list)
    lost: int = 0  # annotated relations whose mentions the parser put in two sentences
    docs: list = field(default_factory=list)  # the parsed examples, for the mention classifier

    def weights(self) -> np.ndarray:
        return np.where(np.array(self.articles, dtype=bool), ARTICLE_WEIGHT, 1.0)

    def matrix(self) -> sp.csr_matrix:
        rows = len(self.labels)
        indptr, indices = [0], []
        for row in self.sparse:
            indices.extend(row)
            indptr.append(len(indices))
        hashed = sp.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(rows, N_HASHED))
        dense = np.vstack(self.dense) if self.dense else np.zeros((0, DENSE_WIDTH), dtype=np.float32)
        return sp.hstack([hashed, sp.csr_matrix(dense * DENSE_SCALE)], format="csr")


def pair_data(examples: list[Example], nlp, progress: Progress | None = None) -> PairData:
    """Every candidate pair of every example, with its label (a relation or none)."""
    data, cues = PairData(), cue_map()
    texts = ((example.text, k) for k, example in enumerate(examples))
    documents: dict[str, int] = {}  # one group per document: an article's paragraphs share their fold
    for done, (doc, k) in enumerate(nlp.pipe(texts, as_tuples=True, batch_size=64), 1):
        group = documents.setdefault(examples[k].document or examples[k].source, len(documents))
        _add_example(data, doc, examples[k], group, cues)
        data.docs.append(doc)
        if progress and (done % 50 == 0 or done == len(examples)):
            progress("parsing", done, len(examples))
    return data


def _add_example(data: PairData, doc, example: Example, group: int, cues) -> None:
    token_spans = {s: doc.char_span(s.start, s.end, alignment_mode="expand") for s in example.spans}
    same = _entities(example)
    gold: dict[tuple[Span, Span], set[str]] = {}  # a pair may hold two relations (the founder who also heads)
    for r in example.relations:
        gold.setdefault((r.head, r.child), set()).add(r.label)
        if r.label in SYMMETRIC_RELATIONS:
            gold.setdefault((r.child, r.head), set()).add(r.label)
    placed: set[tuple[Span, Span]] = set()
    for sent in doc.sents:
        inside = [s for s in example.spans if token_spans[s] is not None
                  and sent.start <= token_spans[s].start and token_spans[s].end <= sent.end]
        sides = [Side(token_spans[s].start, token_spans[s].end, s.label, example.text[s.start].islower())
                 for s in inside]
        pairs = [(i, j) for i, j in candidate_pairs(sides) if same[inside[i]] != same[inside[j]]]
        sparse, dense = featurise(doc, sides, pairs, cues)
        for (i, j), row, vector in zip(pairs, sparse, dense):
            placed.add((inside[i], inside[j]))
            for label in sorted(gold.get((inside[i], inside[j]), {NONE})):  # one row per relation it holds
                data.sparse.append(row)
                data.dense.append(vector)
                data.labels.append(LABELS.index(label))
                data.groups.append(group)
                data.articles.append(example.genre == "article")
                data.classes.append((sides[i].cls, sides[j].cls))
    data.lost += sum(1 for r in example.relations if (r.head, r.child) not in placed)


def _entities(example: Example) -> dict[Span, int]:
    """Each span's entity: coreferent spans (meta.coref) share one, so they are never paired with each other."""
    parent = {s: k for k, s in enumerate(example.spans)}
    for mention, antecedent in example.coref:
        if mention in parent and antecedent in parent:
            old, new = parent[mention], parent[antecedent]
            parent = {s: new if e == old else e for s, e in parent.items()}
    return parent


def fit_weights(x: sp.csr_matrix, y: np.ndarray, sample_weight: np.ndarray | None = None,
                c: float = C) -> dict[str, np.ndarray]:
    from sklearn.linear_model import LogisticRegression  # training only: building never needs scikit-learn

    present = np.unique(y)
    model = LogisticRegression(C=c, max_iter=400, tol=1e-4, solver="lbfgs")
    model.fit(x, y, sample_weight=sample_weight)
    coef = np.zeros((len(LABELS), x.shape[1]), dtype=np.float32)
    bias = np.full(len(LABELS), -30.0, dtype=np.float32)  # a label never seen is never predicted
    coef[present] = model.coef_ if len(present) > 2 else np.vstack([-model.coef_, model.coef_])
    bias[present] = model.intercept_ if len(present) > 2 else np.array([-model.intercept_[0], model.intercept_[0]])
    scaled = coef[:, N_HASHED:] * DENSE_SCALE
    return {"sparse": coef[:, :N_HASHED].T.copy(), "dense": scaled.T.copy(), "bias": bias}


def predict(weights: dict[str, np.ndarray], x: sp.csr_matrix) -> np.ndarray:
    scores = x[:, :N_HASHED] @ weights["sparse"] + (x[:, N_HASHED:] / DENSE_SCALE) @ weights["dense"] + weights["bias"]
    scores = np.asarray(scores)
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def decisions(probabilities: np.ndarray, classes: Iterable[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """The best allowed label of each pair and its probability renormalised over the allowed labels."""
    best, score = [], []
    for row, (head, child) in zip(probabilities, classes):
        allowed = [k for k, rel in enumerate(LABELS) if rel == NONE or relation_allowed(rel, head, child)]
        k = max(allowed, key=lambda a: row[a])
        best.append(k)
        score.append(row[k] / row[allowed].sum())
    return np.array(best), np.array(score)


def out_of_fold(data: PairData, x: sp.csr_matrix, folds: int, progress: Progress | None) -> np.ndarray:
    """Each pair's probabilities from a model trained on the other folds (folds by document)."""
    y, groups, weights = np.array(data.labels), np.array(data.groups), data.weights()
    fold_of = groups % folds
    result = np.zeros((len(y), len(LABELS)))
    for fold in range(folds):
        test = fold_of == fold
        result[test] = predict(fit_weights(x[~test], y[~test], weights[~test]), x[test])
        if progress:
            progress("cross-validation", fold + 1, folds)
    return result


def calibration_curves(best: np.ndarray, score: np.ndarray, y: np.ndarray) -> dict[str, tuple[list, list]]:
    """Per relation, an isotonic map from the model's score to the share of right answers at that score."""
    from sklearn.isotonic import IsotonicRegression

    curves = {}
    for k, rel in enumerate(LABELS):
        chosen = best == k
        if rel == NONE or chosen.sum() < 10:
            continue
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(score[chosen], y[chosen] == k)
        xs, ys = iso.X_thresholds_, iso.y_thresholds_
        keep = np.unique(np.linspace(0, len(xs) - 1, min(len(xs), 60)).round().astype(int))
        curves[rel] = ([round(float(v), 4) for v in xs[keep]], [round(float(v), 4) for v in ys[keep]])
    return curves


def relation_report(best: np.ndarray, score: np.ndarray, y: np.ndarray, curves, minimum: float) -> dict[str, dict]:
    """Held-out precision, recall and F1 per relation, counting a prediction at or above `minimum`."""
    report = {}
    for k, rel in enumerate(LABELS):
        if rel == NONE:
            continue
        xs, ys = curves.get(rel, ([0.0, 1.0], [0.0, 1.0]))
        calibrated = np.interp(score, xs, ys)
        predicted = (best == k) & (calibrated >= minimum)
        tp = int((predicted & (y == k)).sum())
        fp, fn = int(predicted.sum()) - tp, int((y == k).sum()) - tp
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        report[rel] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                       "support": int((y == k).sum())}
    return report


def train_model(examples: list[Example], nlp, *, folds: int = 5, threshold: float = 0.5,
                progress: Progress | None = None) -> tuple[dict[str, np.ndarray], dict]:
    """Weights and metadata (calibration, held-out report, counts) of a model trained on `examples`."""
    started = time.monotonic()
    data = pair_data(examples, nlp, progress)
    x, y = data.matrix(), np.array(data.labels)
    if folds > 1:
        best, score = decisions(out_of_fold(data, x, folds, progress), data.classes)
        real = np.array(data.articles, dtype=bool)
        chosen = real if real.sum() >= MIN_ARTICLE_PAIRS else np.ones(len(y), dtype=bool)  # calibrate on real text
        curves = calibration_curves(best[chosen], score[chosen], y[chosen])
        report = relation_report(best, score, y, curves, threshold)
    else:
        curves, report = {}, {}
    weights = fit_weights(x, y, data.weights())
    span_x, span_y = span_data(examples, data.docs)
    weights.update(fit_spans(span_x, span_y))
    if progress:
        progress("final model", 1, 1)
    counts = Counter(LABELS[k] for k in y)
    meta = {"span_candidates": len(span_y), "calibration": curves, "threshold": threshold,
            "examples": len(examples), "pairs": len(y),
            "positives": {rel: counts.get(rel, 0) for rel in LABELS if rel != NONE}, "lost": data.lost,
            "article_pairs": int(sum(data.articles)), "heldout": report,
            "seconds": round(time.monotonic() - started, 1)}
    return weights, meta
