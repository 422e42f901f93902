"""Counted accounts: '125.000 comptes', 'plus de 10 000 comptes', '5 000 profils Twitter'."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import folded_words, parse_number

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Span


@dataclass(frozen=True)
class Count:
    value: int
    noun: int  # index of the counted noun ("comptes")
    platform: Mention | None  # the platform the accounts are on, when the phrase says it


def account_indices(sent: Span, lex: Lexicon) -> list[int]:
    words = folded_words(sent.doc)
    return [i for i in range(sent.start, sent.end) if words[i] in lex.account_nouns]


def counts_in(ctx: SentenceContext, start: int, hi: int, lex: Lexicon) -> list[Count]:
    out, words = [], folded_words(ctx.doc)
    for i in range(start, min(hi, len(ctx.doc))):
        if words[i] not in lex.counted_nouns:
            continue
        tok = ctx.doc[i]
        value = _number_before(ctx, tok.i)
        if value:
            out.append(Count(value, tok.i, _platform_after(ctx, tok.i, hi)))
    return out


def _number_before(ctx: SentenceContext, noun: int) -> int | None:
    """Digit groups right before the noun: spaCy splits '10 000' into '10' '000'."""
    j = noun - 1
    groups: list[str] = []
    while j >= ctx.sent.start and ctx.doc[j].text.replace(".", "").replace("\u00a0", "").isdigit():
        groups.insert(0, ctx.doc[j].text)
        j -= 1
    return parse_number(" ".join(groups)) if groups else None


def _platform_after(ctx: SentenceContext, noun: int, hi: int) -> Mention | None:
    """'5.000 profils Twitter', '10 000 comptes et 150 groupes sur Facebook': the next platform before the
    next number."""
    for k in range(noun + 1, min(hi, noun + 9)):
        if ctx.doc[k].like_num and k > noun + 1:
            return None
        m = ctx.mention_at(k)
        if m and m.cls == "Platform":
            return m
    return None
