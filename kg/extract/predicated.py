"""Roles said of a subject by a copula or a verb that makes someone something: « X est le porte-parole de Y »,
« X a été nommé directeur de Y », « X se présente comme le chef de Y »; not when the verb is negated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext, token_chain_up
from kg.extract.cues import restrictive
from kg.extract.mentions import Mention
from kg.extract.text import lemma, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token


def _reflexive_verb_above(tok: Token) -> Token | None:
    verb = next((t for t in tok.ancestors if t.pos_ == "VERB"), None)
    return verb if verb is not None and any(word(c) == "se" for c in verb.children) else None


PREDICATE_VERBS = {"servir", "devenir", "nommer", "elire", "designer", "rester", "demeurer"}


def denied(tok: Token) -> bool:
    """« X n'était pas membre de Y », « X n'a jamais été nommé directeur de Y »; not « X n'était que … »."""
    kids = {word(c) for c in tok.children if c.dep_ != "mark"}  # the « que » of « rappelle que X n'était pas … »
    return "ne" in kids and not kids & {"que", "qu'"} and not restrictive(tok.doc, tok.i)


def predicated(tok: Token, ctx: SentenceContext) -> list[Mention]:
    """'X est le porte-parole de Y', 'X a servi de recruteur pour Y', 'X a été nommé directeur de Y': the role
    is said of the subject of the copula or of the verb that makes someone something."""
    reflexive = _reflexive_verb_above(tok) if any(word(c) == "comme" for c in tok.children) else None
    if any(c.dep_ == "cop" for c in tok.children):
        start = tok
    elif lemma(tok.head) in PREDICATE_VERBS and tok.dep_ in {"obl", "obl:arg", "obj", "xcomp"}:
        start = tok.head
    elif reflexive is not None:
        start = reflexive  # « X s'est présenté comme un porte-parole de Y », « X se décrit comme le chef de Y »
    else:
        return []
    if denied(start):
        return []
    for t in token_chain_up(start):
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
        if subj is not None:
            m = ctx.mention_at(subj.i)
            return [m] if m and m.cls == "Person" else []
    return []
