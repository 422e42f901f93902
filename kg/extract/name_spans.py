"""Where a name begins when the tagger reads its words as common nouns or foreign words: « Youval Steinitz »
(a first name read as a noun), « le groupe Middle East Cyber Army » (English words read as foreign, X)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc, Span, Token


NAME_LIKE = frozenset({"X", "NOUN", "ADJ"})  # what the tagger makes of first names and English words
PROPER = frozenset({"PROPN", "X"})


def foreign_word(ent: Span, tok: Token) -> bool:
    """In a name of several words that holds a proper noun or a foreign word, a capitalised word the tagger read
    as a common noun (a first name: « Youval ») or a foreign word (« Middle East Cyber Army »)."""
    return len(ent) > 1 and tok.text[:1].isupper() and tok.pos_ in NAME_LIKE and \
        any(t.pos_ in PROPER and t.text[:1].isupper() and t.i != tok.i for t in ent)


def opens_name(doc: Doc, j: int) -> bool:
    """Inside a sentence, a capitalised word read as a common noun opens a name when a capitalised proper noun or
    foreign word follows it (« le groupe Middle East Cyber Army »)."""
    return (doc[j].pos_ in NAME_LIKE and not doc[j].is_sent_start and j + 1 < len(doc)
            and doc[j + 1].pos_ in PROPER and doc[j + 1].text[:1].isupper())
