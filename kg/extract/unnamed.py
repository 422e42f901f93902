"""Actors the text names without their name: the owner a possessive stands for before accounts (« son compte »),
the hacker collective of « un groupe de hackers » (resolved later to the one the article names) and the hackers of
« des pirates ont piraté le site » (kg.extract.coref decides whom they stand for)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import QUOTES, tfold, word

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


COLLECTIVE_DETERMINERS = {"des", "les", "ces", "aux"}


def collective_ref(doc: Doc, i: int, by_start: dict[int, Mention], lex: Lexicon) -> Mention | None:
    """« des pirates », « les hackers », « des pirates informatiques iraniens »: hackers named by their noun alone,
    with no name or « de X » after them (« les pirates de Lizard Squad » are that group's members)."""
    if word(doc[i]) not in lex.collectives or i == 0 or tfold(doc[i - 1].text) not in COLLECTIVE_DETERMINERS:
        return None
    end = i + 1
    while end < len(doc) and doc[end].pos_ == "ADJ" and end not in by_start:
        end += 1
    if end < len(doc) and (end in by_start or word(doc[end]) == "de"):
        return None
    return Mention(i, end, None, "HackerGroup", doc[i:end].text, "ref", ("HackerGroup",), plural=True,
                   collective=True)
