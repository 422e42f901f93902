"""Token-level helpers shared by the extraction modules."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.vocab import tfold  # noqa: F401  (re-exported for the extraction modules)

# Contracted and elided forms, so that cues match "aux", "du", "d'", "qu'" like their full forms.
_CONTRACTIONS = {"au": "a", "aux": "a", "du": "de", "des": "de", "d'": "de", "l'": "le", "qu'": "que", "s'": "se",
                 "n'": "ne", "à": "a", "la": "le", "les": "le", "c'": "ce", "j'": "je", "m'": "me", "t'": "te"}
QUOTES = {"«", "»", '"', "“", "”", "„"}


def lemma(token: Token) -> str:
    """The folded lemma, with contractions expanded."""
    text = tfold(token.text)
    if text in _CONTRACTIONS:
        return _CONTRACTIONS[text]
    return tfold(token.lemma_ or token.text).replace("\u2019", "'")


def word(token: Token) -> str:
    text = tfold(token.text)
    return _CONTRACTIONS.get(text, text)


_NUMBER = re.compile(r"^\d{1,3}(?:[ .\u00a0\u202f]\d{3})+$|^\d+$")


def parse_number(text: str) -> int | None:
    """French-written integers: '10 000', '125.000', '5.000', '360 000', '3000'."""
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    return int(re.sub(r"[ .\u00a0\u202f]", "", text))
