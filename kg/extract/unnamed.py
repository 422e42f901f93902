"""Actors the text names without their name: the owner a possessive stands for before accounts (« son compte »)
and the hacker collective of « un groupe de hackers » (resolved later to the one the article names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import QUOTES, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
OWNER_CLASSES = ("Person", "TerroristGroup", "HackerGroup", "Organization", "MediaOutlet", "GovernmentBody")


def after_de(doc: Doc, j: int) -> int:
    """The token after 'de' / "d'" at j (the tokenizer splits "d'«" into 'd', "'", '«'), else 0."""
    if j < len(doc) and word(doc[j]) in {"de", "d'"}:
        return j + 1
    return j + 2 if j + 1 < len(doc) and doc[j].text.lower() == "d" and doc[j + 1].text == "'" else 0


def hackers_after(doc: Doc, j: int, lex: Lexicon) -> int:
    """Where 'hackers', 'pirates' or '« hacktivistes »' (quoted or not) ends when it starts at j, else 0."""
    if not j:
        return 0
    if j < len(doc) and doc[j].text in QUOTES:
        j += 1
    if j >= len(doc) or "HackerGroup" not in lex.descriptions.get((word(doc[j]),), ()):
        return 0
    return j + 2 if j + 1 < len(doc) and doc[j + 1].text in QUOTES else j + 1


def possessive_ref(doc: Doc, i: int, lex: Lexicon) -> Mention | None:
    """'Facebook a suspendu son compte', 'leurs pages': whom the possessive stands for owns the accounts (never a
    platform, which is what suspends them)."""
    if word(doc[i]) not in POSSESSIVES or i + 1 >= len(doc) or word(doc[i + 1]) not in lex.counted_nouns:
        return None
    return Mention(i, i + 1, None, OWNER_CLASSES[0], doc[i].text, "ref", OWNER_CLASSES)
