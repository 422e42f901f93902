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
from kg.extract.text import word
from kg.vocab import relation_allowed

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token

def joint_facts(ctx: SentenceContext, lex: Lexicon) -> list[tuple[Mention, Mention]]:
    """Pairs of coordinated agents of a verb that acts jointly, each pair once."""
    out: list[tuple[Mention, Mention]] = []
    for tok in ctx.sent:
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
        return _run(ctx, first, forward=True)
    j = verb.i - 1
    while j > ctx.sent.start and doc[j].pos_ in {"AUX", "ADV"}:
        j -= 1
    last = ctx.mention_at(j)
    return _run(ctx, last, forward=False) if last is not None and last.end == j + 1 else []


def _run(ctx: SentenceContext, first: Mention | None, forward: bool) -> list[Mention]:
    """`first` and the names joined to it by commas and « et » (only those words and articles between)."""
    if first is None:
        return []
    ordered = sorted((m for m in ctx.mentions if m.key and not _inside(m, ctx.mentions)), key=lambda m: m.start)
    run, k = [first], ordered.index(first) if first in ordered else -1
    step = 1 if forward else -1
    while k >= 0 and 0 <= k + step < len(ordered):
        a, b = (run[-1], ordered[k + step]) if forward else (ordered[k + step], run[-1])
        if not all(word(t) in JOINERS or t.pos_ == "DET" for t in ctx.doc[a.end:b.start]) or a.end == b.start:
            break
        if not forward and ctx.preposition_before(ordered[k + step]):
            break  # « … après celui de Londres, Emmanuel Macron et Theresa May ont … »: a complement, no agent
        run.append(ordered[k + step])
        k += step
    unique: dict[str, Mention] = {}
    for m in run:
        unique.setdefault(m.known_key(), m)
    return list(unique.values()) if len(unique) > 1 else []


def _inside(m: Mention, mentions: list[Mention]) -> bool:
    """'Stanford' inside « l'Observatoire de l'internet de Stanford »: not an agent of its own."""
    return any(o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
               for o in mentions)


JOINERS = {",", "et", "ainsi", "que"}
