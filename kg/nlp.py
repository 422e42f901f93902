"""The spaCy pipeline: fr_core_news_md, with paragraph breaks forced as sentence boundaries.

Loaded once per process (`load_pipeline` is cached); workers each load their own copy.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "fr_core_news_md"


SENTENCE_END = (".", "!", "?", "…", ":", "»", '"', "”", ")")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Headlines and captions end without a full stop, so a line break always ends a sentence; and a sentence
    never starts after a word that cannot end one (the parser sometimes cuts 'Facebook, Google et Twitter')."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif not prev.text.endswith(SENTENCE_END):
            tok.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp
