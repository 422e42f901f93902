"""Nouns that name a target (« cible », « viseur », « mire »): who is aimed at and who aims.

« X est devenu une cible de l'EI », « X est dans le viseur de l'EI »: the holder of the noun is the target and
the noun's own complement the one who aims; « la cible des critiques de Z » is criticism, not a threat (Z is no
complement of « cible »). « Z a désigné X comme cible »: a verb of naming's subject aims at its object; in the
passive (« X, désigné comme cible par Z ») the subject is the target and « par » names who aims. Not « Z a pris X
pour cible »: the target of a deed as often (« les pirates ont pris pour cible le site »), the model's to weigh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.cues import Cue
from kg.extract.mentions import Mention
from kg.extract.relations import Arguments, _after_preposition, _mentions_for_token, is_passive, subject_of
from kg.extract.text import lemma, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token

TARGET_NOUNS = frozenset({"cible", "viseur", "mire"})
AS_WORDS = frozenset({"comme", "pour"})  # « désigné comme cible », « choisi pour cible »
NAMING_VERBS = frozenset({"designer", "choisir", "considerer", "presenter", "nommer", "qualifier", "identifier"})
COMPLEMENT_WORDS = frozenset({"de", "d'", "du", "des"})
TARGET_CONFIDENCE = 0.75


def target_arguments(cue: Cue, ctx: SentenceContext, holder: list[Mention], hi: int,
                     accounts: list[int]) -> Arguments:
    """The arguments of a target noun; `holder` is who holds it (« X est la cible de … »), found by the caller."""
    tok, rel = cue.token, cue.relation
    verb = tok.head
    if tok.i > 0 and word(ctx.doc[tok.i - 1]) in AS_WORDS and verb is not tok:
        if verb.pos_ != "VERB" or lemma(verb) not in NAMING_VERBS:
            return Arguments([], [], 0.0)
        return _named_as_target(verb, ctx, hi, rel, accounts)
    return Arguments(_own_complement(ctx, cue.end, hi, rel.agent), holder, TARGET_CONFIDENCE)


def _named_as_target(verb: Token, ctx: SentenceContext, hi: int, rel, accounts: list[int]) -> Arguments:
    lo = ctx.sent.start
    if is_passive(verb):
        aimers = _after_preposition(ctx, verb.i + 1, hi, {"par"}, rel.agent)
        return Arguments(aimers, subject_of(verb, ctx, lo, rel.patient, accounts)[0], TARGET_CONFIDENCE)
    target = next((c for c in verb.children if c.dep_ == "obj"), None)
    targets = _mentions_for_token(target, ctx, rel.patient, accounts) if target is not None else []
    return Arguments(subject_of(verb, ctx, lo, rel.agent, accounts)[0], targets, TARGET_CONFIDENCE)


def _own_complement(ctx: SentenceContext, start: int, hi: int, allowed) -> list[Mention]:
    """The name the noun's « de » introduces, adjectives and determiners aside: « cible privilégiée de l'EI »."""
    k, linked = start, False
    while k < hi:
        found = ctx.mention_at(k)
        if found is not None:
            return [found] if linked and found.cls in allowed else []
        t = ctx.doc[k]
        if word(t) in COMPLEMENT_WORDS:
            linked = True
        elif t.pos_ not in {"ADJ", "ADV", "DET"} or lemma(t) in {"et", "ou"}:
            return []
        k += 1
    return []
