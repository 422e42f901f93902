"""Roles over a part of an organisation: « directeur des enquêtes chez OpenAI », « responsable de la politique de
sécurité de Facebook », « directrice des opérations de Twitter » make their holder a member, not the head; a
title of the head (« secrétaire général ») makes them the head."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.text import OF_WORDS, POSSESSIVES, lemma, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token

# nouns after a role that still name the whole: « chef de file », « président du conseil d'administration »
WHOLE_NOUNS = frozenset({"file", "conseil", "etat-major", "etat"})
GOVERNING = frozenset({"politique", "executif"})  # « le chef du bureau politique du Hamas » heads the whole
REACH = 6  # tokens from the department's noun to the organisation it belongs to
# roles whose next word makes their holder the head: « le secrétaire général du Hezbollah »
HEAD_TITLES = frozenset({("secretaire", "general"), ("secretaire", "generale")})


def held_relation(tok: Token, relation: str, lex: Lexicon) -> str:
    """The tie the role noun `tok` gives its holder: its lexicon relation, a head's for a title of the head
    (« secrétaire général »), a member's for a role over a department."""
    following = word(tok.doc[tok.i + 1]) if tok.i + 1 < len(tok.doc) else ""
    if (word(tok), following) in HEAD_TITLES:
        relation = "leaderOf"
    return "memberOf" if relation == "leaderOf" and heads_a_department(tok, lex) else relation


def heads_a_department(tok: Token, lex: Lexicon) -> bool:
    """Whether the role noun `tok` is over a department: a narrowing word of the lexicon after it, or « de » and a
    common noun in lower case that names no actor, then the organisation (« de X », « chez X »)."""
    doc = tok.doc
    if any(word(t) in lex.role_narrowers for t in doc[tok.i + 1:tok.i + 4]):
        return True
    k = tok.i + 1
    if k >= len(doc) or word(doc[k]) not in OF_WORDS:
        return False
    k += 1
    while k < len(doc) and doc[k].pos_ == "DET":
        k += 1
    if k >= len(doc) or not _department_noun(doc[k], lex):
        return False
    if tok.i > 0 and word(doc[tok.i - 1]) in POSSESSIVES:
        return True  # « Pour Google, sa directrice des politiques publiques »: the possessor is the organisation
    return any(word(t) in OF_WORDS | {"chez"} and t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper()
               for t in doc[k + 1:min(len(doc), k + 1 + REACH)])


def _department_noun(tok: Token, lex: Lexicon) -> bool:
    head = lemma(tok)
    if tok.i + 1 < len(tok.doc) and word(tok.doc[tok.i + 1]) in GOVERNING:
        return False
    return tok.pos_ == "NOUN" and tok.is_lower and tok.ent_iob_ == "O" and head not in WHOLE_NOUNS \
        and head not in lex.typing_heads and head not in lex.actor_heads and head not in lex.name_heads \
        and (head,) not in lex.descriptions
