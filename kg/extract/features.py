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
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

import numpy as np

from kg.extract.text import cached_tfold
from kg.extract.vectors import TENSOR_WIDTH, VECTOR_WIDTH, ZEROS, doc_arrays
from kg.vocab import tfold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

N_HASHED = 1 << 18
_VIEW = "kg.features.tokens"  # ... and of its TokenView
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


@lru_cache(maxsize=1 << 17)  # the same feature strings come back pair after pair
def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_HASHED


def _word(token: Token) -> str:
    return tfold(token.lemma_ or token.text)


class TokenSpan(Protocol):
    """Anything over a range of a document's tokens: a Side, a Mention."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class TokenView:
    """A parsed document's token attributes as plain Python lists, read once for all of its candidate pairs
    (spaCy's token properties cost a call each), with the span roots, head chains and modality markers the pairs
    ask for, each computed once."""

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        rows = doc.to_array(["DEP", "LEMMA", "ORTH", "IS_SPACE", "POS"]).tolist() if len(doc) else []
        heads = doc.to_array(["HEAD"]).astype(np.int64).ravel().tolist() if len(doc) else []  # offsets, may be < 0
        self.heads = [i + offset for i, offset in enumerate(heads)]
        self.deps = [strings[row[0]] for row in rows]
        self.words = [cached_tfold(strings[row[1]] or strings[row[2]]) for row in rows]
        self.spaces = [bool(row[3]) for row in rows]
        self.pos = [strings[row[4]] for row in rows]
        self._roots: dict[tuple[int, int], int] = {}
        self._chains: dict[int, tuple[list[int], dict[int, int]]] = {}
        self._modality: dict[int, list[str]] = {}
        self._between: dict[tuple[int, ...], tuple[list[str], set[int]]] = {}
        self._children: list[list[int]] | None = None
        self._sentence_starts: list[int] | None = None

    def children(self, i: int) -> list[int]:
        """Token.children on indices: the tokens whose head is i, in document order."""
        if self._children is None:
            self._children = [[] for _ in self.heads]
            for j, head in enumerate(self.heads):
                if head != j:
                    self._children[head].append(j)
        return self._children[i]

    def sentence_start(self, doc: Doc, i: int) -> int:
        """Token.sent.start: where the sentence of token i starts."""
        if self._sentence_starts is None:
            self._sentence_starts = [0] * len(self.heads)
            for sent in doc.sents:
                self._sentence_starts[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
        return self._sentence_starts[i]

    def root(self, doc: Doc, side: TokenSpan) -> int:
        """The index of the root of a side's (or a mention's) tokens."""
        key = (side.start, side.end)
        if key not in self._roots:
            self._roots[key] = doc[side.start:side.end].root.i
        return self._roots[key]

    def chain(self, i: int) -> tuple[list[int], dict[int, int]]:
        """The token and its ancestors up to the root (Token.ancestors), with each one's place in that list."""
        if i not in self._chains:
            up, heads = [i], self.heads
            while heads[up[-1]] != up[-1] and len(up) <= len(heads):
                up.append(heads[up[-1]])
            self._chains[i] = up, {t: k for k, t in enumerate(up)}
        return self._chains[i]

    def path(self, a: int, b: int) -> tuple[list[int], int | None, list[int]]:
        """dependency_path on token indices."""
        up, up_index = self.chain(a)
        down = [b]
        for t in self.chain(b)[0][1:]:
            if t in up_index:
                break
            down.append(t)
        top = self.heads[down[-1]] if down[-1] not in up_index else down[-1]
        if top not in up_index:
            return up, None, []
        if top == b:
            down = []
        elif down and down[-1] == top:
            down = down[:-1]
        return up[:up_index[top]], top, down[::-1]

    def between(self, first: Side, second: Side, cues: dict[str, frozenset[str]]) -> tuple[list[str], set[int]]:
        key = (first.start, first.end, second.start, second.end, id(cues))
        if key not in self._between:
            self._between[key] = _around(self, first, second, cues)
        return self._between[key]

    def modality(self, doc: Doc, top: int) -> list[str]:
        if top not in self._modality:
            self._modality[top] = _modality(doc[top])
        return self._modality[top]


def token_view(doc: Doc) -> TokenView:
    cached = doc.user_data.get(_VIEW)
    if cached is None:
        cached = doc.user_data[_VIEW] = TokenView(doc)
    return cached


def span_root(doc: Doc, side: Side) -> Token:
    return doc[token_view(doc).root(doc, side)]


def joining_token(doc: Doc, head: Side, child: Side) -> int | None:
    """The index of the lowest common ancestor of the two sides' roots (None when they share no tree)."""
    view = token_view(doc)
    return view.path(view.root(doc, head), view.root(doc, child))[1]


def pair_features(doc: Doc, head: Side, child: Side, cues: dict[str, frozenset[str]]) -> list[int]:
    """The hashed sparse features of (head, child); `cues` maps a folded lemma to the relations it cues."""
    view = token_view(doc)
    words_of = view.words
    feats = [f"cls={head.cls}>{child.cls}", f"hcls={head.cls}", f"ccls={child.cls}"]
    first, second = (head, child) if head.start <= child.start else (child, head)
    order = "hc" if first is head else "ch"
    feats += [f"order={order}", f"ocls={order}:{head.cls}>{child.cls}"]
    words, around = view.between(first, second, cues)
    feats += [f"obtw={order}:{w}" for w in words]
    feats += [f"hword={w}" for w in words_of[head.start:head.end]][:3] if head.ref else []
    feats += [f"cword={w}" for w in words_of[child.start:child.end]][:3] if child.ref else []
    feats += [f"href={head.ref}", f"cref={child.ref}"]
    feats += _path_features(doc, view, head, child, cues)
    return sorted(around.union(map(_hash, feats)))


def _around(view: TokenView, first: Side, second: Side, cues: dict[str, frozenset[str]]) -> tuple[list[str], set[int]]:
    """The words between two sides, and the hashed features that do not depend on which one is the head."""
    words_of = view.words
    gap = max(0, second.start - first.end)
    feats = [f"dist={min(gap, 12) if gap < 12 else 12 + min(gap // 8, 4)}"]
    words = [words_of[i] for i in range(first.end, min(second.start, len(words_of))) if not view.spaces[i]]
    feats += [f"btw={w}" for w in words]
    feats += [f"bi={a}_{b}" for a, b in zip(words, words[1:])]
    feats += [f"pre={w}" for w in words_of[max(0, first.start - 2):first.start]]
    feats += [f"post={w}" for w in words_of[second.end:second.end + 2]]
    feats += [f"cueb={rel}" for w in words for rel in cues.get(w, ())]
    feats += ["neg_btw" for w in words if w in NEGATIONS][:1]
    return words, set(map(_hash, feats))


def _path_features(doc: Doc, view: TokenView, head: Side, child: Side, cues: dict[str, frozenset[str]]) -> list[str]:
    a, b = view.root(doc, head), view.root(doc, child)
    up, top, down = view.path(a, b)
    deps, words = view.deps, view.words
    hgov, cgov = words[view.heads[a]], words[view.heads[b]]
    feats = [f"hdep={deps[a]}", f"cdep={deps[b]}", f"hgov={hgov}", f"cgov={cgov}",
             f"hdep_gov={deps[a]}:{hgov}", f"cdep_gov={deps[b]}:{cgov}"]
    if top is None:
        return feats + ["nopath"]
    labels = " ".join([f"{deps[t]}^" for t in up] + [f"v{deps[t]}" for t in down])
    feats += [f"path={labels}", f"lca={words[top]}", f"lcapos={view.pos[top]}",
              f"lcapath={words[top]}:{labels}", f"pathlen={min(len(up) + len(down), 8)}"]
    on_path = [words[t] for t in (*up[1:], top, *down[:-1]) if not (head.start <= t < head.end)
               and not (child.start <= t < child.end)]
    feats += [f"onpath={w}" for w in on_path]
    feats += [f"cuep={rel}" for w in on_path for rel in cues.get(w, ())]
    feats += [f"cuelca={rel}" for rel in cues.get(words[top], ())]
    return feats + view.modality(doc, top)


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
    return dense_rows(doc, [head, child], [(0, 1)])[0]


def dense_rows(doc: Doc, sides: list[Side], pairs: list[tuple[int, int]]) -> np.ndarray:
    """dense_features of each (head, child) pair of `sides`, one row per pair: the document's arrays looked up
    once, each row projected on its own (one product per row, as dense_features, so the rows are the same)."""
    view, arrays = token_view(doc), doc_arrays(doc)
    units, tensor, zeros = arrays.units, arrays.tensor_units, ZEROS[TENSOR_WIDTH]
    rows = np.empty((len(pairs), DENSE_WIDTH), np.float32)
    for k, (i, j) in enumerate(pairs):
        head, child = sides[i], sides[j]
        a, b = view.root(doc, head), view.root(doc, child)
        top = view.path(a, b)[1]
        parts = [units[a], units[b], units[top] if top is not None else ZEROS[VECTOR_WIDTH],
                 arrays.between(min(head.end, child.end), max(head.start, child.start))]
        parts += [tensor[t] if tensor is not None and t is not None else zeros for t in (a, b, top)]
        rows[k] = np.concatenate(parts) @ PROJECTION  # every part is float32
    return rows
