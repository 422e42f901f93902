"""Where things are: 'des bureaux de Twitter … à Paris', 'Ischia, en Italie', 'Ischia, île italienne'."""

from __future__ import annotations

from kg.extract.context import SentenceContext
from kg.extract.mentions import Mention
from kg.extract.text import folded_lemmas, lemma, word
from kg.lexicon import Lexicon

IN_PREPS = {"a", "en", "au", "aux", "dans"}
PLACE_NOUNS = {"ile", "ville", "capitale", "region", "province", "localite", "commune", "cite"}
LocatedFact = tuple[Mention, Mention, float]


def located_facts(ctx: SentenceContext, lex: Lexicon, countries: dict[str, Mention]) -> list[LocatedFact]:
    facts = _offices(ctx, lex) + _place_in_place(ctx, lex, countries)
    return [f for f in facts if f[0].key != f[1].key]


def _offices(ctx: SentenceContext, lex: Lexicon) -> list[LocatedFact]:
    """An organisation's offices, seat or staff present in a place."""
    cues = lex.relations["locatedIn"]
    out, lemmas = [], folded_lemmas(ctx.doc)
    for i in range(ctx.sent.start, ctx.sent.end):
        if lemmas[i] not in cues.nouns and lemmas[i] not in cues.verbs:
            continue
        tok = ctx.doc[i]
        owner = _owner(ctx, tok.i) or (_subject(ctx, tok.i) if lemma(tok) in cues.verbs else None)
        lo, hi = ctx.clause_bounds(tok.i)
        places = [m for m in ctx.right_mentions(tok.i + 1, hi) if m.cls == "Place"
                  and ctx.preposition_before(m) in IN_PREPS]
        if owner and places:
            out += [(owner, p, 0.75) for p in places]
    return out


def _subject(ctx: SentenceContext, i: int) -> Mention | None:
    """'Twitter a installé son siège à Dublin': the organisation before the verb, not after a preposition."""
    left = [m for m in ctx.left_mentions(i, max(ctx.sent.start, i - 8))
            if m.cls != "Place" and ctx.preposition_before(m) == ""]
    return left[0] if left else None


def _owner(ctx: SentenceContext, i: int) -> Mention | None:
    for m in ctx.right_mentions(i + 1, min(i + 4, ctx.sent.end)):
        if m.cls != "Place" and ctx.preposition_before(m) == "de":
            return m
    # "Twitter, dont les bureaux …", "la messagerie, dont le siège …"
    left = [m for m in ctx.left_mentions(i, max(ctx.sent.start, i - 5)) if m.cls != "Place"]
    between = {word(t) for t in ctx.doc[left[0].end:i]} if left else set()
    return left[0] if left and between & {",", "dont"} else None


def _place_in_place(ctx: SentenceContext, lex: Lexicon, countries: dict[str, Mention]) -> list[LocatedFact]:
    out = []
    country_keys = set(lex.nationalities.values())
    places = [m for m in ctx.mentions if m.cls == "Place"]
    for a in places:
        nxt = ctx.doc[a.end:a.end + 3]
        if len(nxt) < 2 or nxt[0].text != ",":
            continue
        b = ctx.mention_at(a.end + 2) if word(nxt[1]) in IN_PREPS else None
        if b and b.cls == "Place" and b.start == a.end + 2:
            out += _contained(a, b, country_keys)
        elif lemma(nxt[1]) in PLACE_NOUNS:
            out += _adjective_country(ctx, a, lex, countries)
    return out


def _contained(a: Mention, b: Mention, country_keys: set[str]) -> list[LocatedFact]:
    if b.key in country_keys and a.key not in country_keys:
        return [(a, b, 0.75)]
    if a.key in country_keys and b.key not in country_keys:
        return [(b, a, 0.7)]
    return []


def _adjective_country(ctx: SentenceContext, a: Mention, lex: Lexicon, countries) -> list[LocatedFact]:
    for t in ctx.doc[a.end + 2:min(a.end + 4, ctx.sent.end)]:
        key = lex.nationalities.get(word(t))
        if key and key in countries:
            return [(a, countries[key], 0.7)]
    return []
