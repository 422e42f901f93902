"""The trained mention classifier: is a name the gazetteer does not hold an entity, and of which class?

Candidates are the names the rules found outside the gazetteer and spaCy's own named entities. Each gets a
softmax over "none" and the contract's classes from hashed features (its words and their shapes, the words
before and after it, spaCy's NER label, its syntactic role) and its head's word vector. A name the model calls
"none" is dropped ('Mercredi', 'M.', 'DDoS'), one it types with confidence is retyped, and an entity spaCy
found that the rules had left out is added. The weights sit in the relation model's file.
"""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING, cast

import numpy as np

from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import HONORIFICS, Mention
from kg.extract.name_types import typed_by_head
from kg.extract.text import doc_ents
from kg.vocab import ENTITY_CLASSES, slug, tfold

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPAN_LABELS = ("none", *sorted(ENTITY_CLASSES))
N_SPAN_HASHED = 1 << 16
SPAN_DENSE_WIDTH = 300


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_SPAN_HASHED


def _shape(text: str) -> str:
    shape = re.sub(r"[A-ZÀ-Ý]", "X", text)
    shape = re.sub(r"[a-zà-ÿ]", "x", shape)
    shape = re.sub(r"[0-9]", "d", shape)
    return re.sub(r"(.)\1{2,}", r"\1\1", shape)


def span_features(doc: Doc, start: int, end: int, ner: str) -> list[int]:
    """Hashed features of the candidate name doc[start:end]."""
    span = doc[start:end]
    words = [tfold(t.text) for t in span]
    feats = [f"ner={ner}", f"len={min(len(span), 5)}", f"shape={_shape(span.text)[:12]}",
             f"first={words[0]}", f"last={words[-1]}", f"whole={' '.join(words)}",
             f"sentstart={span[0].is_sent_start}", f"rootdep={span.root.dep_}",
             f"rootgov={tfold(span.root.head.lemma_)}",
             f"punct_end={span.text[-1] in '.:'}", f"allcaps={span.text.isupper()}"]
    feats += [f"w={w}" for w in words]
    before = [tfold(t.lemma_) for t in doc[max(0, start - 3):start]]
    feats += [f"b1={before[-1]}" if before else "b1=^", f"b2={' '.join(before[-2:])}" if before else "b2=^"]
    feats += [f"bw={w}" for w in before]
    after = [tfold(t.lemma_) for t in doc[end:end + 2]]
    feats += [f"a1={after[0]}" if after else "a1=$", f"a2={' '.join(after)}"]
    feats += [f"suffix={words[-1][-3:]}", f"prefix={words[0][:3]}"]
    return sorted({_hash(f) for f in feats})


def span_dense(doc: Doc, start: int, end: int) -> np.ndarray:
    vector = cast(np.ndarray, doc[start:end].root.vector)  # thinc types it Floats1d; with numpy ops it is an ndarray
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm else vector).astype(np.float32)


def classify_spans(weights: dict[str, np.ndarray], doc: Doc, candidates: list[tuple[int, int, str]]) -> np.ndarray:
    """Probabilities over SPAN_LABELS for each (start, end, NER label) candidate."""
    if not candidates:
        return np.zeros((0, len(SPAN_LABELS)))
    dense = np.stack([span_dense(doc, s, e) for s, e, _ in candidates])
    scores = dense @ weights["span_dense"] + weights["span_bias"]
    for k, (s, e, ner) in enumerate(candidates):
        scores[k] += weights["span_sparse"][span_features(doc, s, e, ner)].sum(axis=0)
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def _group_by_head(doc: Doc, name: Mention) -> bool:
    """« le groupe Zeta Noire », « le magazine Vocativ »: the noun the text puts before a name says it is a group, an
    outlet or a platform; the classifier, which sees the name alone, may refine that class but neither drop the name
    nor make it a person or a place."""
    return typed_by_head(doc, name.start, load_lexicon()) not in {None, "Person", "Place"}


def ner_label(doc: Doc, start: int, end: int) -> str:
    """spaCy's NER label of a span (the entity covering its first token), or '-'."""
    token = doc[start]
    return token.ent_type_ or "-"


DROP_AT = 0.6  # "none" at least this likely: the name is no entity
RETYPE_AT = 0.6  # a class at least this likely replaces the rules' class
ADD_AT = 0.7  # a spaCy entity the rules left out is added at this probability of a class


CUT_AFTER = frozenset({"ADP", "DET", "CCONJ"})  # no name ends with « de », « la », « et »


def name_candidates(doc: Doc, names: list[Mention], gazetteer: dict) -> tuple[list[Mention], list[tuple[int, int]]]:
    """The rules' names outside the gazetteer, and spaCy's entities that no name covers (but not a role the tagger
    took for a body, « ministre des Affaires étrangères »: the role rules read it, with the person it names; nor an
    entity cut after a preposition, « le commissariat de | Lens »; nor the network itself, « sur Internet »)."""
    own = [m for m in names if m.kind == "name" and m.key not in gazetteer]
    covered = {t for m in names for t in range(m.start, m.end)}
    lex = load_lexicon()
    extra = [(e.start, e.end) for e in doc_ents(doc) if not covered.intersection(range(e.start, e.end))
             and not (e[0].is_lower and tfold(e[0].lemma_) in lex.roles) and e[-1].pos_ not in CUT_AFTER
             and not all(tfold(t.text) in lex.network_words for t in e)]
    return own, extra


def reviewed_names(doc: Doc, names: list[Mention], gazetteer: dict, weights: dict[str, np.ndarray]) -> list[Mention]:
    own, extra = name_candidates(doc, names, gazetteer)
    spans = [(m.start, m.end) for m in own] + extra
    probs = classify_spans(weights, doc, [(s, e, ner_label(doc, s, e)) for s, e in spans])
    dropped = set()
    for m, row in zip(own, probs[:len(own)]):
        k = int(row.argmax())
        if m.start and doc[m.start - 1].text in HONORIFICS:
            m.cls = "Person"  # « M. Gleicher », « Mme Merkel »: the title says who
        elif SPAN_LABELS[k] == "none" and row[k] >= DROP_AT and not _group_by_head(doc, m):
            dropped.add(id(m))
        elif SPAN_LABELS[k] != "none" and row[k] >= RETYPE_AT and not (
                _group_by_head(doc, m) and SPAN_LABELS[k] in {"Person", "Place"}):
            m.cls = SPAN_LABELS[k]
    kept = [m for m in names if id(m) not in dropped]
    for (s, e), row in zip(extra, probs[len(own):]):
        k = int(row.argmax())
        if SPAN_LABELS[k] != "none" and row[k] >= ADD_AT:
            kept.append(Mention(s, e, slug(doc[s:e].text), SPAN_LABELS[k], doc[s:e].text, "name"))
    return sorted(kept, key=lambda m: m.start)
