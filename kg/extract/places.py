"""Where things are: 'des bureaux de Twitter … à Paris', 'Ischia, en Italie', 'Ischia, île italienne'."""

from __future__ import annotations

from kg.extract.context import SentenceContext
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import ORG_CLASSES, Mention
from kg.extract.text import OF_WORDS, POSSESSIVES, folded_lemmas, lemma, tfold, word

IN_PREPS = {"a", "en", "au", "aux", "dans"}
PLACE_NOUNS = {"ile", "ville", "capitale", "region", "province", "localite", "commune", "cite"}
LocatedFact = tuple[Mention, Mention, float]


def located_facts(ctx: SentenceContext, lex: Lexicon, countries: dict[str, Mention]) -> list[LocatedFact]:
    facts = _offices(ctx, lex) + _place_in_place(ctx, lex, countries) + _described_from(ctx) + _seat_where(ctx, lex)
    facts += _fronted_seat(ctx)
    return [f for f in facts if f[0].key != f[1].key]


# the locatedIn verbs whose participle opens a sentence to say where its subject is (not « réunir », a meeting),
# and « domicilier », which the lexicon leaves out so as not to change the model's cue features
SEAT_PARTICIPLES = {"baser", "installer", "implanter", "etablir", "situer", "domicilier"}


def _fronted_seat(ctx: SentenceContext) -> list[LocatedFact]:
    """« Basée à Tel-Aviv, la société X … », « Installé à Londres depuis 2010, le prédicateur Y … »: a participle
    opening the sentence says where the subject of its clause is."""
    doc, start = ctx.doc, ctx.sent.start
    if start + 3 >= ctx.sent.end or lemma(doc[start]) not in SEAT_PARTICIPLES or word(doc[start + 1]) not in IN_PREPS:
        return []
    place = ctx.mention_at(start + 2)
    comma = next((t.i for t in doc[start + 3:ctx.sent.end] if t.text == ","), None)
    if place is None or place.cls != "Place" or place.start != start + 2 or comma is None:
        return []
    # the verb of the clause (the tagger sometimes makes the participle the root): the first one after the comma
    verb = next((t.i for t in doc[comma + 1:ctx.sent.end] if t.pos_ in {"VERB", "AUX"}), ctx.sent.end)
    subjects = [m for m in ctx.right_mentions(comma + 1, verb) if m.cls != "Place" and not ctx.preposition_before(m)]
    named = [m for m in subjects if m.kind == "name"]  # « l'ONG EU DisinfoLab »: the name, not the noun before it
    return [((named or subjects)[0], place, 0.7)] if subjects else []


def _described_from(ctx: SentenceContext) -> list[LocatedFact]:
    """'l'entreprise de Mountain View', 'la firme de Menlo Park': a company described by where it is."""
    out = []
    for m in ctx.mentions:
        if m.kind != "ref" or m.cls not in ORG_CLASSES or m.end + 1 >= ctx.sent.end or word(ctx.doc[m.end]) != "de":
            continue
        place = ctx.mention_at(m.end + 1)
        if place and place.cls == "Place" and place.start == m.end + 1:
            out.append((m, place, 0.7))
    return out


def _seat_where(ctx: SentenceContext, lex: Lexicon) -> list[LocatedFact]:
    """'Dublin, où se trouve le siège européen de l'entreprise': the place before 'où', the owner after the noun."""
    nouns, out = lex.relations["locatedIn"].nouns, []
    for place in (m for m in ctx.mentions if m.cls == "Place"):
        rest = ctx.doc[place.end:min(place.end + 3, ctx.sent.end)]
        if len(rest) < 2 or rest[0].text != "," or word(rest[1]) != "ou":
            continue
        lo, hi = ctx.clause_bounds(place.end + 2)
        for tok in ctx.doc[place.end + 2:min(hi, place.end + 9)]:
            owner = _owner(ctx, tok.i) if lemma(tok) in nouns else None
            if owner and owner.cls in ORG_CLASSES:
                out.append((owner, place, 0.7))
                break
    return out


def _offices(ctx: SentenceContext, lex: Lexicon) -> list[LocatedFact]:
    """An organisation's offices, seat or staff present in a place."""
    cues = lex.relations["locatedIn"]
    out, lemmas = [], folded_lemmas(ctx.doc)
    for i in range(ctx.sent.start, ctx.sent.end):
        if lemmas[i] not in cues.nouns and lemmas[i] not in cues.verbs or _organ(ctx, i):
            continue
        tok = ctx.doc[i]
        owner = _owner(ctx, tok.i) or (_subject(ctx, tok.i) if lemma(tok) in cues.verbs or _possessed(ctx, i) else None)
        lo, hi = ctx.clause_bounds(tok.i)
        places = [m for m in ctx.right_mentions(tok.i + 1, hi) if m.cls == "Place"
                  and (ctx.preposition_before(m) in IN_PREPS or _possessed(ctx, i) and m.start == i + 2
                       and word(ctx.doc[i + 1]) == "de")]  # "depuis son siège de La Haye"
        if owner and places:
            out += [(owner, p, 0.75) for p in places]
    return out


ORGANS = frozenset({"politique", "executif"})  # « le bureau politique du Hamas » governs; it is no office


def _organ(ctx: SentenceContext, i: int) -> bool:
    return i + 1 < ctx.sent.end and tfold(ctx.doc[i + 1].text) in ORGANS


def _possessed(ctx: SentenceContext, i: int) -> bool:
    return i > ctx.sent.start and word(ctx.doc[i - 1]) in POSSESSIVES


def _subject(ctx: SentenceContext, i: int) -> Mention | None:
    """'Twitter a installé son siège à Dublin': the organisation before the verb, not after a preposition."""
    left = [m for m in ctx.left_mentions(i, max(ctx.sent.start, i - 8))
            if m.cls != "Place" and ctx.preposition_before(m) == ""]
    return left[0] if left else None


def _owner(ctx: SentenceContext, i: int) -> Mention | None:
    for m in ctx.right_mentions(i + 1, min(i + 5, ctx.sent.end)):  # "le siège européen de l'entreprise"
        if m.cls != "Place" and ctx.preposition_before(m) == "de":
            return m
    # "Twitter, dont les bureaux …", "la messagerie, dont le siège …"
    left = [m for m in ctx.left_mentions(i, max(ctx.sent.start, i - 5)) if m.cls != "Place"]
    between = {word(t) for t in ctx.doc[left[0].end:i]} if left else set()
    return left[0] if left and between & {",", "dont"} else None


def _place_in_place(ctx: SentenceContext, lex: Lexicon, countries: dict[str, Mention]) -> list[LocatedFact]:
    out = []
    country_keys = lex.countries
    places = [m for m in ctx.mentions if m.cls == "Place"]
    for a in places:
        nxt = ctx.doc[a.end:a.end + 3]
        inner = ctx.mention_at(a.end + 1) if len(nxt) > 1 and nxt[0].text == "(" else None
        if inner and inner.cls == "Place" and inner.start == a.end + 1 and ctx.doc[inner.end:inner.end + 1].text == ")":
            # "TORONTO (Canada)", "Mossoul (Irak)"; two places neither of which is a country: the bracket holds the
            # division the town is in, as French writes it (« Poway (Californie) », « Trappes (Yvelines) »)
            out += _contained(a, inner, country_keys) or ([(a, inner, 0.7)] if a.key not in country_keys
                                                          and inner.key not in country_keys else [])
            continue
        if len(nxt) < 2 or nxt[0].text != ",":
            continue
        b = ctx.mention_at(a.end + 2) if word(nxt[1]) in IN_PREPS else None
        region = _region_after(ctx, a.end + 2) if word(nxt[1]) in IN_PREPS else None
        if b and b.cls == "Place" and b.start == a.end + 2:
            out += _contained(a, b, country_keys)
        elif region is not None and a.key not in country_keys:
            out.append((a, region, 0.7))
        elif lemma(nxt[1]) in PLACE_NOUNS:
            out += _place_of(ctx, a, a.end + 2) or _adjective_country(ctx, a, lex, countries)
    return out


# the nouns that open the name of a country's division: « Baga, dans l'État de Borno »
REGION_WORDS = {"etat", "region", "province", "comte", "departement", "gouvernorat", "wilaya", "canton", "district"}


def _region_after(ctx: SentenceContext, i: int) -> Mention | None:
    """« Baga, dans l'État de Borno », « dans la région de Tillabéri »: the division named at i (after its article),
    when its name or the noun before it says it is one; neither place being a country, _contained could not tell
    which holds the other."""
    start = i + 1 if i < ctx.sent.end and ctx.doc[i].pos_ == "DET" else i
    m = ctx.mention_at(start)
    if m is not None:  # the division's noun inside its name: « l'État de Borno »
        named = m.start == start and m.text and tfold(m.text.split()[0]) in REGION_WORDS
        return m if named and m.cls == "Place" else None
    if start + 2 >= ctx.sent.end or tfold(ctx.doc[start].text) not in REGION_WORDS \
            or tfold(ctx.doc[start + 1].text) not in OF_WORDS:
        return None
    m = ctx.mention_at(start + 2)  # the name after the noun and its « de »: « la région de Tillabéri »
    return m if m is not None and m.start == start + 2 and m.cls == "Place" else None


def _place_of(ctx: SentenceContext, a: Mention, noun: int) -> list[LocatedFact]:
    """« Maiduguri, capitale de l'État du Borno », « Kidal, ville du nord du Mali »: the place the noun's « de »
    names, within a few words."""
    first = next(iter(ctx.right_mentions(noun + 1, min(ctx.sent.end, noun + 6))), None)
    return [(a, first, 0.7)] if first and first.cls == "Place" and ctx.preposition_before(first) == "de" else []


def _contained(a: Mention, b: Mention, country_keys: frozenset[str]) -> list[LocatedFact]:
    if b.key in country_keys and a.key not in country_keys:
        return [(a, b, 0.75)]
    if a.key in country_keys and b.key not in country_keys:
        return [(b, a, 0.7)]
    return []


def _adjective_country(ctx: SentenceContext, a: Mention, lex: Lexicon, countries) -> list[LocatedFact]:
    for t in ctx.doc[a.end + 2:min(a.end + 4, ctx.sent.end)]:
        key = lex.country_of_adjective(word(t))
        if key and key in countries:
            return [(a, countries[key], 0.7)]
    return []
