"""Actors named together who act jointly: « les réseaux ont été analysés conjointement par Graphika et
l'Observatoire de Stanford », « Graphika et Meta ont publié un rapport commun », « Europol et Telegram ont mené
ensemble une opération ». Two or more coordinated agents of one verb cooperate (cooperatesWith, symmetric) when the
verb says it (lexicon `[jointly].adverbs`) or its object is a shared thing (`[jointly].adjectives`); actors merely
named together (« Facebook et Twitter ont supprimé des comptes ») do not."""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import sentence_tokens, word
from kg.vocab import relation_allowed

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token

def joint_facts(ctx: SentenceContext, lex: Lexicon) -> list[tuple[Mention, Mention]]:
    """Pairs of coordinated agents of a verb that acts jointly, each pair once."""
    out: list[tuple[Mention, Mention]] = []
    for tok in sentence_tokens(ctx.sent):
        if tok.pos_ == "VERB" and _joint(tok, lex) and not any(word(c) in {"ne", "n'"} for c in tok.children):
            agents = _agents(ctx, tok)
            out += [(a, b) for a, b in combinations(agents, 2) if relation_allowed("cooperatesWith", a.cls, b.cls)]
    return out


def _joint(verb: Token, lex: Lexicon) -> bool:
    """« conjointement », « ensemble », « de concert » on the verb, or « commun », « conjoint » on its object."""
    if any(word(c) in lex.joint_adverbs for c in verb.children if c.dep_ in {"advmod", "obl:mod", "fixed"}):
        return True
    objects = [c for c in verb.children if c.dep_ == "obj"]
    return any(word(a) in lex.joint_adjectives for o in objects for a in o.children if a.dep_ == "amod")


def _agents(ctx: SentenceContext, verb: Token) -> list[Mention]:
    """The names coordinated as the verb's agents, each entity once: those after its « par » (« analysés
    conjointement par X et Y »), else those right before it (« X et Y ont publié », whatever the parse made of them)."""
    doc = ctx.doc
    after = next((j for j in range(verb.i + 1, min(ctx.sent.end, verb.i + 4)) if word(doc[j]) == "par"), None)
    if after is not None:
        first = next((m for m in ctx.right_mentions(after + 1, ctx.sent.end) if m.start <= after + 2), None)
        return _distinct(ctx.chain(first)) if first is not None else []
    j = verb.i - 1
    while j > ctx.sent.start and doc[j].pos_ in {"AUX", "ADV"}:
        j -= 1
    last = ctx.mention_at(j)
    if last is None or last.end != j + 1:
        return []
    # « … après celui de Londres, X et Y ont … »: a name governed by a preposition is a complement, no agent
    return _distinct([m for m in ctx.chain_left(last) if not ctx.preposition_before(m)])


def _distinct(mentions: list[Mention]) -> list[Mention]:
    """Each entity once; fewer than two is no one acting jointly."""
    unique: dict[str, Mention] = {}
    for m in mentions:
        if m.key:
            unique.setdefault(m.key, m)
    return list(unique.values()) if len(unique) > 1 else []
