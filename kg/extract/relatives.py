"""Patients named before a relative pronoun the cue's verb governs: « Telegram, que Pavel Durov a cofondé », « l'EI,
à laquelle X avait prêté allégeance »."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.mentions import Mention
from kg.extract.text import tfold, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token


def relative_object(verb: Token, ctx: SentenceContext, rel) -> list[Mention]:
    """'Telegram, que Pavel Durov a cofondé', 'le magazine Dabiq, que publie l'EI': the name right before the
    relative 'que' the verb governs (the parser often reads it as a conjunction, so the surface decides)."""
    if rel.symmetric or rel.accounts or "" not in rel.patient_preps:
        return []
    que = next((c for c in verb.children if c.dep_ in {"obj", "mark"} and word(c) in {"que", "qu'"} and c.i < verb.i),
               None)
    if que is None:
        return []
    before = que.i - 1 if que.i > ctx.sent.start and ctx.doc[que.i - 1].text == "," else que.i
    m = ctx.mention_at(before - 1)
    return [m] if m and m.end == before and m.cls in rel.patient else []


RELATIVE_PRONOUNS = {"laquelle", "lequel", "lesquels", "lesquelles", "qui"}
CONTRACTED_RELATIVES = {"auquel", "auxquels", "auxquelles"}  # « à » + lequel


def prepositional_relative(verb: Token, ctx: SentenceContext, rel) -> list[Mention]:
    """« l'EI, à laquelle X avait prêté allégeance », « Al-Qaïda, avec laquelle X a collaboré »: the name before
    the preposition of a relative pronoun the verb governs, when the relation takes its patient by that preposition."""
    for c in verb.children:
        case = next((k for k in c.children if k.dep_ == "case"), None)
        if c.i > verb.i or not (tfold(c.text) in CONTRACTED_RELATIVES or case and tfold(c.text) in RELATIVE_PRONOUNS):
            continue
        prep, first = ("a", c.i) if case is None else (word(case), case.i)
        if prep not in rel.patient_preps and not (rel.symmetric and prep == "avec"):
            return []
        before = first - 1 if first > ctx.sent.start and ctx.doc[first - 1].text == "," else first
        m = ctx.mention_at(before - 1)
        return [m] if m and m.end == before and m.cls in rel.patient else []
    return []
