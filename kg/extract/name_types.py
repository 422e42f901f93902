"""The class a name gets from the words around it ('le collectif Anonymous', 'Atomwaffen Division, un groupuscule
néonazi', 'des hackers de la Fallaga Team', 'le fondateur Pavel Durov') when no gazetteer holds it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.text import lemma, tfold, word

DESIGNATION = re.compile(r"([A-Za-z]{2,5})[- ]?\d{1,5}$")

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc, Span


def typed_by_designation(ent: Span, lex: Lexicon) -> str | None:
    """« Storm-0558 », « APT41 », « UNC2452 »: a security firm's designation of an intrusion group (lexicon
    `designation_prefixes`); the NER often reads such a word as a place."""
    match = DESIGNATION.match(ent.text) if len(ent) <= 3 else None
    return "HackerGroup" if match and tfold(match.group(1)) in lex.designation_prefixes else None


def typed_by_own_head(ent: Span, lex: Lexicon) -> str | None:
    """'Brigades Abou al-Fadl', 'Groupe Wagner': a name whose first word is a typing noun, written with its capital."""
    first = word(ent[0])
    cls = (lex.typing_heads.get(first) or ("TerroristGroup" if first in lex.group_name_nouns else None)) \
        if len(ent) > 1 and ent[0].text[:1].isupper() else None
    return cls if cls in {"TerroristGroup", "HackerGroup", "MediaOutlet"} else None


def members_group_name(ent: Span, lex: Lexicon) -> bool:
    """'de la Fallaga Team' after 'des hackers': capitalised words the tagger read as common nouns, still a name."""
    return all(t.text[:1].isupper() for t in ent) and typed_by_members(ent.doc, ent.start, lex) is not None


def typed_by_members(doc: Doc, start: int, lex: Lexicon) -> str | None:
    """'des hackers tunisiens de la Fallaga Team', 'des jihadistes de X': the group its members are named for."""
    k = start - 1
    while k > 0 and doc[k].pos_ == "DET":
        k -= 1
    if k < 1 or word(doc[k]) not in {"de", "du", "d'"}:
        return None
    k -= 1
    while k > 0 and doc[k].pos_ == "ADJ":
        k -= 1
    members = word(doc[k])
    if members not in lex.member_nouns:
        return None
    classes = lex.descriptions.get((members,), ())
    return "HackerGroup" if "HackerGroup" in classes else "TerroristGroup" if members in lex.jihadist_words else None


def typed_by_head(doc: Doc, start: int, lex: Lexicon) -> str | None:
    """'le magazine Vocativ', 'le collectif Anonymous': the noun before a name gives its class."""
    if start == 0:
        return None
    return lex.typing_heads.get(lemma(doc[start - 1]))


def after_typing_noun(doc: Doc, j: int, start: int, lex: Lexicon) -> bool:
    """« le journal Présent », « le mouvement Citadelle »: a capitalised word the tagger reads as a common noun or
    an adjective is a name when a typing noun in lower case stands right before it."""
    return j == start and j > 0 and not doc[j].is_sent_start and doc[j - 1].is_lower and \
        typed_by_head(doc, j, lex) is not None


def has_name_head(doc: Doc, start: int, lex: Lexicon) -> bool:
    """Whether the noun before a name belongs to it (« l'Université Concordia », lexicon `name_heads`)."""
    return start > 0 and lemma(doc[start - 1]) in lex.name_heads


def typed_by_role(doc: Doc, start: int, lex: Lexicon) -> str | None:
    """'Son chef, Junaid Hussain', 'le fondateur Pavel Durov': a name apposed to a role noun is a person's."""
    k = start - 1
    if k > 0 and doc[k].text == ",":
        k -= 1
    while k > 0 and (lex.country_of_adjective(word(doc[k])) is not None or doc[k].dep_ in {"amod", "acl"}):
        k -= 1  # "le Britannique", "son chef présumé"
    return "Person" if k >= 0 and (lemma(doc[k]) in lex.roles or word(doc[k]) in lex.roles) else None


def typed_by_apposition(doc: Doc, end: int, lex: Lexicon) -> str | None:
    """'Atomwaffen Division, un groupuscule néonazi': the class the apposed noun gives."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].pos_ != "DET":
        return None
    head = lemma(doc[end + 2])
    return lex.actor_heads.get(head) or lex.typing_heads.get(head)
