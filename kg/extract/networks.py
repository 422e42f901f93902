"""Influence networks counted by their size: « le premier réseau russe, qui comptait 63 comptes Facebook », « un
réseau iranien de 652 comptes », « une campagne chinoise regroupant 81 comptes ». Reports of a platform's take-down
describe each network it removed by its number of accounts, often in a sentence with no verb of removal; in an
article that reports suspensions, that number is the platform's counted suspension of the network."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.counts import Count, counts_in
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.owners import owners_after
from kg.extract.text import lemma, tfold, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Span

    from kg.extract.sink import FactSink

# what may stand between a network and its size: « , qui comptait », « comptant », « composé de », « : », « de »
SIZE_LEMMAS = {"compter", "regrouper", "comprendre", "rassembler", "réunir", "composer", "constituer", "totaliser"}
SIZE_WORDS = {",", ":", "qui", "de", "d'", "d", "'", "au", "total", "plus", "pres", "environ", "quelque", "moins",
              "un", "une", "ensemble", "faux", "pas", "d'au"}
TIES = {"appartenir", "rattacher"}  # besides the lexicon's [accounts].run_from
REACH = 10  # tokens from the network's end to its count's noun
SIZED_CONFIDENCE = 0.55  # the removal is the article's, not the sentence's: as sure as the article's platform


def is_network(m: Mention, lex: Lexicon) -> bool:
    """A network named by its description (kg.extract.operations): « réseau russe », « campagne chinoise »."""
    return bool(m.key) and m.cls == "Organization" and tfold(m.text.split()[0]) in lex.operation_heads


def sized_networks(ctx: SentenceContext, lex: Lexicon) -> list[tuple[Mention, Count]]:
    """Each network of the sentence with the count of accounts that gives its size."""
    networks = [m for m in ctx.mentions if is_network(m, lex)]
    if not networks:
        return []
    counts = counts_in(ctx, ctx.sent.start, ctx.sent.end, lex)
    return [(net, count) for net in networks for count in counts if _sizes(ctx, net, count.noun)]


def owned_counts(ctx: SentenceContext, lex: Lexicon) -> list[tuple[Mention, Count]]:
    """A sentence with no verb of removal that counts accounts and says whose they are: « 418 comptes liés au
    ministère », « 2 160 comptes gérés depuis la Chine »; in an article that reports suspensions, the count of a
    removal the sentences around it tell."""
    found = []
    for count in counts_in(ctx, ctx.sent.start, ctx.sent.end, lex):
        owners = [m for m in owners_after(ctx, count.noun, lex) if _tied(ctx, count.noun, m, lex)]
        found += [(owners[0], count)] if owners else []
    return found


def _tied(ctx: SentenceContext, noun: int, owner: Mention, lex: Lexicon) -> bool:
    """« 418 comptes liés au ministère », « gérés depuis la Chine », « appartenant à ce réseau »: a participle ties the
    accounts to their owner (not « 20 000 comptes de sympathisants du groupe », whom a study counts)."""
    return any(lemma(t) in lex.run_from or word(t) in lex.run_from or lemma(t) in TIES
               for t in ctx.doc[noun + 1:owner.start])


def _sizes(ctx: SentenceContext, net: Mention, noun: int) -> bool:
    """Only size words, numbers and punctuation lie between the network and the counted noun."""
    between = ctx.doc[net.end:noun]
    return 0 < len(between) <= REACH and all(
        t.like_num or word(t) in SIZE_WORDS or lemma(t) in SIZE_LEMMAS or t.is_punct for t in between)


def sized_events(sized: list[tuple[Span, Mention, Count]], sink: FactSink, removers: list[Mention]) -> None:
    """Once the article is read: in an article where platforms remove accounts, each sized network's count is a
    suspension by the platform its accounts are on, else by the platform that removes most often."""
    key = next((k for k, _ in Counter(m.key for m in removers).most_common(1)), None)
    usual = next((m for m in removers if m.key == key), None)
    for sent, net, count in sized:
        agent = count.platform or usual
        if agent is None:
            continue
        sink.at(sent)
        sink.event("AccountSuspension", agent, net, count.value, SIZED_CONFIDENCE)
        sink.fact(agent, "suspendsAccountsOf", net, SIZED_CONFIDENCE, "compter")
