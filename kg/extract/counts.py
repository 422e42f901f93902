"""Counted accounts: '125.000 comptes', 'plus de 10 000 comptes', '5 000 profils Twitter'."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.numbers import count_before
from kg.extract.text import folded_words, token_texts

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
        value = count_before(words, token_texts(ctx.doc), tok.i, ctx.sent.start, lex.numbers)
        if value:
            out.append(Count(value, tok.i, _platform_after(ctx, tok.i, hi)))
    return _the_accounts(out, words, lex)


def _the_accounts(counts: list[Count], words: list[str], lex: Lexicon) -> list[Count]:
    """Of several counts in a clause, those of accounts (lexicon [accounts] counted_accounts) and those that name a
    platform of their own right after their noun; with no accounts among them, the first."""
    accounts = [c for c in counts if words[c.noun] in lex.counted_accounts]
    if not accounts:
        return counts[:1]
    platforms = {c.platform.key for c in accounts if c.platform}
    return [c for c in counts if c in accounts or _own_platform(c) not in platforms | {None}]


def _own_platform(count: Count) -> str | None:
    """« 10 000 pages Facebook »: the platform named right after the counted noun."""
    return count.platform.key if count.platform and count.platform.start == count.noun + 1 else None


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
