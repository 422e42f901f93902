"""The spaCy pipeline: fr_core_news_md, with paragraph breaks forced as sentence boundaries.

Loaded once per process (`load_pipeline` is cached); workers each load their own copy.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "fr_core_news_md"
MAX_LENGTH = 1_000_000  # characters the parser takes at once (spaCy's own default)


SENTENCE_END = (".", "!", "?", "…", ":", "»", '"', "”", ")")


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
    """The French pipeline; spaCy is imported here, so commands that parse nothing never pay for it."""
    import spacy
    from spacy.language import Language

    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=paragraph_breaks)
    nlp = spacy.load(MODEL)
    nlp.max_length = MAX_LENGTH
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp
