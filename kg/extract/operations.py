"""Influence operations the text describes by their country: « un réseau chinois », « une opération d'influence
russe », « un réseau iranien de désinformation ». Platforms take down such networks and count their accounts, and
news names them before (or without ever) giving them a name; the description is the actor (lexicon `[operations]`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import lemma, tfold, word
from kg.vocab import slug

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

DE = {"de", "d'"}


def operation_mention(doc: Doc, i: int, by_start: dict[int, Mention], lex: Lexicon) -> Mention | None:
    """The operation whose head noun is at `i`, narrowed by a nationality right after the head or its purpose
    (« réseau de propagande russe »); not « le réseau social chinois » (a platform) nor « une opération militaire
    russe »."""
    if doc[i].pos_ != "NOUN" or lemma(doc[i]) not in lex.operation_heads or doc[i].text.endswith(("x", "s")):
        return None
    end = _after_purpose(doc, i + 1, lex)
    # the nationality comes first: « une opération militaire russe » is a war, not an influence network
    country = lex.country_of_adjective(word(doc[end])) if end < len(doc) and doc[end].is_lower else None
    if country is None or end in by_start:
        return None
    end += 1
    end = _after_purpose(doc, end, lex)  # « un réseau iranien de désinformation »
    text = doc[i:end].text
    return Mention(i, end, slug(text), "Organization", text, "actor", country=country)


def _after_purpose(doc: Doc, j: int, lex: Lexicon) -> int:
    """Past « d'influence », « de propagande », « de désinformation » at `j`, or `j`."""
    if j + 1 < len(doc) and tfold(doc[j].text) in DE and lemma(doc[j + 1]) in lex.operation_purposes:
        return j + 2
    return j
