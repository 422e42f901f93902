"""Training the mention classifier (kg.extract.spans) on the same examples as the relation model.

Candidates are what the extractor reviews at run time: the rules' names outside the gazetteer and spaCy's
entities no name covers. A candidate takes the class of the annotated span it matches (same characters, or
most of them); in a written passage every entity is annotated, so an unmatched candidate is "none"; in a real
article's paragraph only the gold's entities are, so an unmatched candidate there is left out.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse as sp

from kg.extract.gazetteer import load_gazetteer
from kg.extract.lexicon import load_lexicon
from kg.extract.resolve import rule_names
from kg.extract.spans import (
    N_SPAN_HASHED,
    SPAN_DENSE_WIDTH,
    SPAN_LABELS,
    name_candidates,
    ner_label,
    span_dense,
    span_features,
)
from kg.extract.text import release_token_caches
from kg.train.corpus import Example, Span

C_SPANS = 1.0


def span_data(examples: list[Example], docs: list) -> tuple[sp.csr_matrix, np.ndarray]:
    """The candidates' feature matrix and labels (indices into SPAN_LABELS)."""
    gazetteer, lex = load_gazetteer(()), load_lexicon()
    rows, dense, labels = [], [], []
    for example, doc in zip(examples, docs):
        own, extra = name_candidates(doc, rule_names(doc, (), gazetteer, lex), gazetteer)
        for start, end in [(m.start, m.end) for m in own] + extra:
            label = _label(doc[start:end].start_char, doc[start:end].end_char, example.spans)
            if label is None and example.genre == "article":
                continue
            rows.append(span_features(doc, start, end, ner_label(doc, start, end)))
            dense.append(span_dense(doc, start, end))
            labels.append(SPAN_LABELS.index(label or "none"))
        release_token_caches(doc)  # as extract() does: the cached entity Spans refer back to the Doc
    return _matrix(rows, dense), np.array(labels)


def _label(start: int, end: int, spans: tuple[Span, ...]) -> str | None:
    for span in spans:
        overlap = min(end, span.end) - max(start, span.start)
        if overlap > 0 and overlap >= 0.6 * max(end - start, span.end - span.start):
            return span.label
    return None


def _matrix(rows: list[list[int]], dense: list[np.ndarray]) -> sp.csr_matrix:
    indptr, indices = [0], []
    for row in rows:
        indices.extend(row)
        indptr.append(len(indices))
    hashed = sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), N_SPAN_HASHED))
    vectors = np.vstack(dense) if dense else np.zeros((0, SPAN_DENSE_WIDTH))
    return sp.hstack([hashed, sp.csr_matrix(vectors)], format="csr")


def fit_spans(x: sp.csr_matrix, y: np.ndarray) -> dict[str, np.ndarray]:
    from sklearn.linear_model import LogisticRegression  # training only

    present = np.unique(y)
    model = LogisticRegression(C=C_SPANS, max_iter=300, solver="lbfgs").fit(x, y)
    coef = np.zeros((len(SPAN_LABELS), x.shape[1]), dtype=np.float32)
    bias = np.full(len(SPAN_LABELS), -30.0, dtype=np.float32)
    coef[present] = model.coef_ if len(present) > 2 else np.vstack([-model.coef_, model.coef_])
    bias[present] = model.intercept_ if len(present) > 2 else np.array([-model.intercept_[0], model.intercept_[0]])
    return {"span_sparse": coef[:, :N_SPAN_HASHED].T.copy(), "span_dense": coef[:, N_SPAN_HASHED:].T.copy(),
            "span_bias": bias}
