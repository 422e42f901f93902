"""What the relation model sees of a pair of mentions in a parsed sentence: a pure function of the parse.

Sparse features are strings hashed into a fixed number of columns (so the weights file has a fixed shape): the
two classes and their order, the token distance, the lemmas between and around the mentions, the dependency
path between their heads with the words on it, the lexicon's cue words for each relation on that path, and
the modality markers (negation, hypothesis, conditional, passive). Dense features are spaCy's word vectors and
tok2vec tensor rows of the two heads, of the word that joins them and of the words between.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import numpy as np

from kg.vocab import tfold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

N_HASHED = 1 << 18
_ARRAYS = "kg.features.arrays"  # doc.user_data key of the document's vectors
VECTOR_WIDTH = 300  # fr_core_news_md's word vectors
TENSOR_WIDTH = 96  # its tok2vec output
RAW_DENSE_WIDTH = 4 * VECTOR_WIDTH + 3 * TENSOR_WIDTH
DENSE_WIDTH = 192
# A fixed random projection of the vectors (Johnson-Lindenstrauss): the model sees 192 numbers instead of 1,488,
# which keeps training within minutes on two cores and the weights small; the seed makes it the same everywhere.
PROJECTION = (np.random.default_rng(20261203).standard_normal((RAW_DENSE_WIDTH, DENSE_WIDTH))
              / np.sqrt(DENSE_WIDTH)).astype(np.float32)
NEGATIONS = frozenset({"ne", "n'", "pas", "jamais", "aucun", "aucune", "nullement", "non", "ni", "sans", "guere"})
HYPOTHESES = frozenset({"si", "s'", "eventuel", "eventuellement", "envisager", "pourrait", "pourraient",
                        "menacer", "risquer", "refuser", "demander", "appeler", "souhaiter", "vouloir"})


@dataclass(frozen=True)
class Side:
    """One mention of a candidate pair: its token span in the doc and its class; `ref` for pronouns and
    descriptions that coreference resolved ('il', 'le réseau social')."""

    start: int
    end: int
    cls: str
    ref: bool = False


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_HASHED


def _word(token: Token) -> str:
    return tfold(token.lemma_ or token.text)


def span_root(doc: Doc, side: Side) -> Token:
    return doc[side.start:side.end].root


def dependency_path(a: Token, b: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """The tokens from `a` up to the lowest common ancestor, that ancestor, and the tokens from it down to `b`."""
    up = [a, *a.ancestors]
    up_index = {t.i: k for k, t in enumerate(up)}
    down = [b]
    for t in b.ancestors:
        if t.i in up_index:
            break
        down.append(t)
    top = down[-1].head if down[-1].i not in up_index else down[-1]
    if top.i not in up_index:
        return up, None, []
    if top.i == b.i:
        down = []
    elif down and down[-1].i == top.i:
        down = down[:-1]
    return up[:up_index[top.i]], top, list(reversed(down))


def pair_features(doc: Doc, head: Side, child: Side, cues: dict[str, frozenset[str]]) -> list[int]:
    """The hashed sparse features of (head, child); `cues` maps a folded lemma to the relations it cues."""
    feats = [f"cls={head.cls}>{child.cls}", f"hcls={head.cls}", f"ccls={child.cls}"]
    first, second = (head, child) if head.start <= child.start else (child, head)
    order = "hc" if first is head else "ch"
    feats += [f"order={order}", f"ocls={order}:{head.cls}>{child.cls}"]
    gap = max(0, second.start - first.end)
    feats.append(f"dist={min(gap, 12) if gap < 12 else 12 + min(gap // 8, 4)}")
    between = [t for t in doc[first.end:second.start] if not t.is_space]
    words = [_word(t) for t in between]
    feats += [f"btw={w}" for w in words] + [f"obtw={order}:{w}" for w in words]
    feats += [f"bi={a}_{b}" for a, b in zip(words, words[1:])]
    feats += [f"pre={_word(t)}" for t in doc[max(0, first.start - 2):first.start]]
    feats += [f"post={_word(t)}" for t in doc[second.end:second.end + 2]]
    feats += [f"hword={_word(t)}" for t in doc[head.start:head.end]][:3] if head.ref else []
    feats += [f"cword={_word(t)}" for t in doc[child.start:child.end]][:3] if child.ref else []
    feats += [f"href={head.ref}", f"cref={child.ref}"]
    feats += _path_features(doc, head, child, cues)
    feats += [f"cueb={rel}" for w in words for rel in cues.get(w, ())]
    feats += ["neg_btw" for w in words if w in NEGATIONS][:1]
    return sorted({_hash(f) for f in feats})


def _path_features(doc: Doc, head: Side, child: Side, cues: dict[str, frozenset[str]]) -> list[str]:
    a, b = span_root(doc, head), span_root(doc, child)
    up, top, down = dependency_path(a, b)
    feats = [f"hdep={a.dep_}", f"cdep={b.dep_}", f"hgov={_word(a.head)}", f"cgov={_word(b.head)}",
             f"hdep_gov={a.dep_}:{_word(a.head)}", f"cdep_gov={b.dep_}:{_word(b.head)}"]
    if top is None:
        return feats + ["nopath"]
    labels = [f"{t.dep_}^" for t in up] + [f"v{t.dep_}" for t in down]
    feats += [f"path={' '.join(labels)}", f"lca={_word(top)}", f"lcapos={top.pos_}",
              f"lcapath={_word(top)}:{' '.join(labels)}", f"pathlen={min(len(labels), 8)}"]
    on_path = [t for t in (*up[1:], top, *down[:-1]) if t.i not in range(head.start, head.end)
               and t.i not in range(child.start, child.end)]
    feats += [f"onpath={_word(t)}" for t in on_path]
    feats += [f"cuep={rel}" for t in on_path for rel in cues.get(_word(t), ())]
    feats += [f"cuelca={rel}" for rel in cues.get(_word(top), ())]
    feats += _modality(top)
    return feats


def _modality(top: Token) -> list[str]:
    """Markers on the word that joins the pair: negated, hypothetical, conditional, passive."""
    feats = []
    children = list(top.children)
    if any(_word(c) in NEGATIONS or c.dep_ == "advmod" and _word(c) in NEGATIONS for c in children):
        feats.append("neg")
    if any(c.dep_ == "mark" and _word(c) in {"si", "s'"} for c in children) or _word(top) in HYPOTHESES:
        feats.append("hyp")
    if "Cnd" in top.morph.get("Mood", []) or any("Cnd" in c.morph.get("Mood", []) for c in children if c.dep_ == "aux"):
        feats.append("cond")
    if any(c.dep_ in {"aux:pass", "nsubj:pass"} for c in children):
        feats.append("passive")
    if "Fut" in top.morph.get("Tense", []):
        feats.append("future")
    return feats


def dense_features(doc: Doc, head: Side, child: Side) -> np.ndarray:
    """Word vectors and tok2vec rows of the two heads, the word joining them and the words between."""
    a, b = span_root(doc, head), span_root(doc, child)
    _, top, _ = dependency_path(a, b)
    arrays = doc_arrays(doc)
    lo, hi = min(head.end, child.end), max(head.start, child.start)
    usable = arrays.usable[lo:hi] if hi > lo else arrays.usable[:0]
    between = arrays.vectors[lo:hi][usable].mean(axis=0) if usable.any() else np.zeros(VECTOR_WIDTH, np.float32)
    zeros = np.zeros(VECTOR_WIDTH, dtype=np.float32)
    parts = [arrays.units[a.i], arrays.units[b.i], arrays.units[top.i] if top is not None else zeros, _unit(between)]
    for token in (a, b, top):
        parts.append(arrays.tensor_units[token.i] if arrays.tensor_units is not None and token is not None
                     else np.zeros(TENSOR_WIDTH, dtype=np.float32))
    return np.concatenate(parts).astype(np.float32) @ PROJECTION


@dataclass(frozen=True)
class DocArrays:
    """A parsed document's vectors, read once for all of its candidate pairs."""

    vectors: np.ndarray  # (tokens, VECTOR_WIDTH): spaCy's word vector of each token (zeros when it has none)
    units: np.ndarray  # the same rows scaled to unit length
    usable: np.ndarray  # the token has a vector and is no punctuation: it counts in the mean of the words between
    tensor_units: np.ndarray | None  # the tok2vec rows at unit length, when the pipeline has them


def doc_arrays(doc: Doc) -> DocArrays:
    cached = doc.user_data.get(_ARRAYS)
    if cached is None:
        vectors = np.stack([cast(np.ndarray, t.vector) for t in doc]).astype(np.float32) if len(doc) else \
            np.zeros((0, VECTOR_WIDTH), np.float32)
        usable = np.array([t.has_vector and not t.is_punct for t in doc], dtype=bool)
        tensor = doc.tensor if doc.tensor is not None and doc.tensor.shape[-1] == TENSOR_WIDTH else None
        cached = doc.user_data[_ARRAYS] = DocArrays(vectors, _units(vectors), usable,
                                                    _units(np.asarray(tensor)) if tensor is not None else None)
    return cached


def _units(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.where(norms == 0, 1, norms)).astype(np.float32)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm else vector).astype(np.float32)
