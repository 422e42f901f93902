"""uses from what is done on a platform: 'Al-Shabaab diffusait ses vidéos sur Telegram', 'le suspect recrutait
via WhatsApp', 'des messages postés sur X par l'EI'. The verb that governs '<sur|via> Platform' is one of the
lexicon's `[uses_on].verbs` (spreading, posting, recruiting, claiming); its agent is the verb's subject (or 'par X'
for a passive), within the classes `uses` allows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.cues import modality
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.relations import is_passive, subject_of
from kg.extract.text import folded_words, lemma, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token

PREPS = {"sur", "via"}
UseFact = tuple[Mention, Mention, float, bool]  # (actor, platform, confidence, alleged)


def platform_uses(ctx: SentenceContext, lex: Lexicon, recent) -> list[UseFact]:
    rel = lex.relations["uses"]
    out: list[UseFact] = _there(ctx, lex, recent)  # recent: Resolved.recent, the mention named last
    for m in ctx.mentions:
        if m.cls != "Platform" or ctx.preposition_before(m) not in PREPS:
            continue
        verb = _governing_verb(ctx.doc[m.start:m.end].root, lex)
        if verb is None:
            continue
        mood = modality(verb, lex)
        if mood is None:
            continue
        for actor in _actors(verb, ctx, rel.agent):
            out.append((actor, m, 0.7, mood == "alleged"))
    return out


def _there(ctx: SentenceContext, lex: Lexicon, recent) -> list[UseFact]:
    """« Telegram … Les Brigades y disposent d'une chaîne », « ses figures y rassemblent des abonnés »: « y » with a
    verb of what is done on a platform stands for the platform named last, in this sentence or the one before."""
    out: list[UseFact] = []
    words = folded_words(ctx.doc)
    for i in range(ctx.sent.start, ctx.sent.end):
        if words[i] != "y":
            continue  # most words are not « y »: decided without building spaCy tokens
        tok = ctx.doc[i]
        verb = tok.head
        if tok.pos_ != "PRON" or lemma(verb) not in lex.uses_on_verbs | lex.there_verbs:
            continue
        platform = recent(frozenset({"Platform"}), tok.i)
        previous = ctx.doc[ctx.sent.start - 1].sent.start if ctx.sent.start > 0 else ctx.sent.start
        mood = modality(verb, lex)
        if platform is None or platform.start < previous or mood is None:
            continue
        out += [(actor, platform, 0.6, mood == "alleged") for actor in _actors(verb, ctx, lex.relations["uses"].agent)]
    return out


def _governing_verb(tok: Token, lex: Lexicon) -> Token | None:
    """The verb '<sur|via> X' hangs from, directly or through the verb's object ('diffuse des vidéos sur
    Telegram'); not through accounts ('le piratage de comptes sur X': accounts on X are no use of X)."""
    head = tok.head
    if head.i == tok.i - 1 and head.pos_ == "NOUN" and lemma(head) in lex.typing_heads:
        head = head.head  # "via la messagerie Discord": the noun only introduces the name
    if head.dep_ == "obj" and head.pos_ == "NOUN" and word(head) not in lex.account_nouns:
        head = head.head
    return head if head is not tok and lemma(head) in lex.uses_on_verbs and head.pos_ in {"VERB", "AUX"} else None


def _actors(verb: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    lo, hi = ctx.clause_bounds(verb.i)
    if is_passive(verb):  # "des vidéos diffusées sur Telegram par Al-Shabaab"
        for m in ctx.right_mentions(verb.i + 1, hi):
            if m.cls in allowed and ctx.preposition_before(m) == "par":
                return ctx.chain(m, allowed, hi)
        return []
    found, _ = subject_of(verb, ctx, lo, allowed, [])
    return [m for m in found if word(ctx.doc[m.start]) not in PREPS]
