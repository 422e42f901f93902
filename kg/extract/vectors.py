"""A parsed document's vectors for the relation model: spaCy's word vector and tok2vec row of each token, at unit
length, read once per document for all of its candidate pairs (kg.extract.features)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ARRAYS = "kg.features.arrays"  # doc.user_data key of the document's vectors
VECTOR_WIDTH = 300  # fr_core_news_md's word vectors
TENSOR_WIDTH = 96  # its tok2vec output
ZEROS = {width: np.zeros(width, np.float32) for width in (VECTOR_WIDTH, TENSOR_WIDTH)}  # read, never written


@dataclass(frozen=True)
class DocArrays:
    """A parsed document's vectors, read once for all of its candidate pairs."""

    vectors: np.ndarray  # (tokens, VECTOR_WIDTH): spaCy's word vector of each token (zeros when it has none)
    units: np.ndarray  # the same rows scaled to unit length
    usable: np.ndarray  # the token has a vector and is no punctuation: it counts in the mean of the words between
    tensor_units: np.ndarray | None  # the tok2vec rows at unit length, when the pipeline has them
    _between: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)

    def between(self, lo: int, hi: int) -> np.ndarray:
        """The mean vector of the usable words in [lo, hi), at unit length (zeros when there is none)."""
        if (lo, hi) not in self._between:
            usable = self.usable[lo:hi] if hi > lo else self.usable[:0]
            mean = self.vectors[lo:hi][usable].mean(axis=0) if usable.any() else ZEROS[VECTOR_WIDTH]
            self._between[lo, hi] = _unit(mean)
        return self._between[lo, hi]


def doc_arrays(doc: Doc) -> DocArrays:
    cached = doc.user_data.get(_ARRAYS)
    if cached is None:
        vectors, usable = _token_vectors(doc)
        tensor = doc.tensor if doc.tensor is not None and doc.tensor.shape[-1] == TENSOR_WIDTH else None
        cached = doc.user_data[_ARRAYS] = DocArrays(vectors, _units(vectors), usable,
                                                    _units(np.asarray(tensor)) if tensor is not None else None)
    return cached


def _token_vectors(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Each token's `vector` and whether it counts in a mean (`has_vector and not is_punct`), read from the
    vectors table by row in one go when the table is a plain key -> row one, else token by token."""
    table = doc.vocab.vectors
    if not len(doc):
        return np.zeros((0, VECTOR_WIDTH), np.float32), np.zeros(0, dtype=bool)
    punct = doc.to_array("IS_PUNCT").astype(bool)
    if table.mode != "default" or table.size == 0 or doc.user_token_hooks:
        vectors = np.stack([cast(np.ndarray, t.vector) for t in doc]).astype(np.float32)
        return vectors, np.array([t.has_vector for t in doc], dtype=bool) & ~punct
    rows = table.find(keys=doc.to_array(table.attr).tolist())
    found = rows >= 0
    vectors = np.asarray(table.data)[np.where(found, rows, 0)].astype(np.float32)
    vectors[~found] = 0
    return vectors, found & ~punct


def _units(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.where(norms == 0, 1, norms)).astype(np.float32)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm else vector).astype(np.float32)
