"""One entity named twice side by side: « la police criminelle norvégienne, Kripos, a indiqué … », « le groupe
Strontium, plus connu sous le nom de Fancy Bear », « X, alias « Y » », « X, 19 ans, qui se fait appeler Y » (a
person's pseudonym, however the recogniser typed it),
« Twitter (TWTR.N) ». The two mentions become
one entity: the gazetteer's when one side is in it, else the name's; a plain comma joins only a described actor
and a name (two names with a comma between are a list); a stock ticker after a company, or an acronym in
brackets after a group's name (« l'Armée électronique syrienne (SEA) »), is that company or group, whatever it was
typed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.gazetteer import KnownEntity
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import folded_lemmas, folded_words

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

PLACE_OR_PERSON = {"Place", "Person"}
LINK_NOISE = {",", "(", "", "se", "s'"}  # commas, brackets, quotation marks (folded to nothing), the reflexive
TICKER = re.compile(r"[A-Z]{1,5}\.[A-Z]{1,2}")  # Reuters' « TWTR.N », « FB.O »


def merge_appositions(doc: Doc, mentions: list[Mention], gazetteer: dict[str, KnownEntity], lex: Lexicon) -> None:
    """Give both mentions of an apposition, and every other mention of the dropped key, one key and class."""
    named = sorted((m for m in mentions if m.kind in ("name", "actor") and m.key), key=lambda m: m.start)
    for a, b in zip(named, named[1:]):
        # a short code right after an organisation's name: a stock ticker or an acronym in brackets
        code = (_ticker(doc, a, b) or _bracketed_acronym(doc, a, b)) and a.cls not in PLACE_OR_PERSON
        if a.key == b.key or a.key in gazetteer and b.key in gazetteer:
            continue  # « Facebook (Meta) »: two entities the gazetteer knows stay two
        if not (code or (_same_kind(a, b) or _pseudonym(a, b, gazetteer)) and _apposed(doc, a, b, lex)):
            continue
        if code and b.cls != a.cls:
            b.cls = a.cls  # « TWTR.N » is no person: the name it follows says what it is
        if _pseudonym(a, b, gazetteer):
            b.cls = a.cls  # « Falcon », « Big K »: how the recogniser typed a pseudonym says nothing
        keep, drop = (b, a) if b.key in gazetteer or (a.kind == "actor" and a.key not in gazetteer) else (a, b)
        key, old = keep.known_key(), drop.known_key()
        cls = gazetteer[key].cls if key in gazetteer else (a.cls if a.kind == "actor" else keep.cls)
        for m in mentions:
            if m.key == old:
                m.key, m.keys, m.cls = key, tuple(key if k == old else k for k in m.keys), cls
        keep.cls = cls


def _same_kind(a: Mention, b: Mention) -> bool:
    """Two people, or two organisations of any kind; never a place."""
    return (a.cls == b.cls == "Person") or not ({a.cls, b.cls} & PLACE_OR_PERSON)


def _pseudonym(a: Mention, b: Mention, gazetteer: dict[str, KnownEntity]) -> bool:
    """A person, then a name of no place the gazetteer does not know: what an alias phrase between them makes a
    pseudonym (« Omar Khaled, surnommé « Falcon » »), however it was typed."""
    return a.cls == "Person" and b.kind == "name" and b.cls != "Place" and b.key not in gazetteer


def _apposed(doc: Doc, a: Mention, b: Mention, lex: Lexicon) -> bool:
    lemmas, words = folded_lemmas(doc), folded_words(doc)
    between = [i for i in range(a.end, b.start) if lemmas[i] not in lex.alias_adverbs]
    if [words[i] for i in between] == [","]:  # « la police criminelle norvégienne, Kripos, »: described, then named
        return a.kind == "actor" and b.kind == "name" and (b.end >= len(doc) or doc[b.end].text in {",", ")", "."})
    between = [i for i in _without_age(doc, between) if words[i] not in LINK_NOISE]
    return any(len(phrase) == len(between) and all(w in (lemmas[i], words[i]) for w, i in zip(phrase, between))
               for phrase in lex.alias_phrases)


def _without_age(doc: Doc, between: list[int]) -> list[int]:
    """« Julius Kivimäki, 17 ans, qui se fait appeler Zeekill »: a person's age between the two names is no link."""
    ages = {k for i in between if doc[i].like_num and i + 1 < len(doc) and doc[i + 1].lower_ == "ans"
            for k in (i, i + 1)}
    return [i for i in between if i not in ages]


def _bracketed_acronym(doc: Doc, a: Mention, b: Mention) -> bool:
    """« l'Armée électronique syrienne (SEA) »: an acronym in brackets right after an organisation's name is that
    organisation's, whatever language its letters come from."""
    return (b.start == a.end + 1 and doc[a.end].text == "(" and b.end == b.start + 1 and b.end < len(doc)
            and doc[b.end].text == ")" and b.text.isupper() and len(b.text) >= 2 and a.kind == "name")


def _ticker(doc: Doc, a: Mention, b: Mention) -> bool:
    """« Twitter (TWTR.N) », « Twitter TWTR.N »: a stock ticker right after a company. Other names in brackets are
    left to the acronym rules: « l'unité de signalement d'Europol (EU IRU) » names the unit, not Europol."""
    after = b.start == a.end or b.start == a.end + 1 and doc[a.end].text == "("  # « Twitter TWTR.N , de Google … »
    return after and TICKER.fullmatch(b.text) is not None


def apposed_to(doc: Doc, i: int, by_start: dict[int, Mention]) -> Mention | None:
    """The name right before ', un/le' + this noun."""
    j = i - 1
    if j >= 0 and doc[j].pos_ == "DET":
        j -= 1
    if j < 1 or doc[j].text != ",":
        return None
    named = next((m for m in by_start.values() if m.end == j and m.key), None)
    return None if named and named.cls == "Place" else named  # "À Londres, la police …" is no apposition


def apposed_after(doc: Doc, start: int, end: int, by_start: dict[int, Mention]) -> Mention | None:
    """« Le suspect, Axel Rudakubana, 17 ans, est né … »: a description opening its sentence, then a comma and a name
    closed by a comma, is that name (a description after a preposition, « Pour le groupe, Facebook a … », is not)."""
    first = start - 1 if start > 0 and doc[start - 1].pos_ == "DET" else start
    named = by_start.get(end + 1) if end + 1 < len(doc) and doc[end].text == "," and doc[first].is_sent_start else None
    if named is None or not named.key or named.cls == "Place" or named.end >= len(doc) or doc[named.end].text != ",":
        return None
    return named


def closed_apposition(doc: Doc, end: int) -> bool:
    """A comma closes the phrase before any verb: an apposition (« X, la filiale de Y, a … »), not a subject."""
    return next((t.text == "," for t in doc[end:end + 8] if t.text == "," or t.pos_ in {"VERB", "AUX"}), False)


def apposition_head(doc: Doc, start: int) -> frozenset[int]:
    """'Al-Hayat, la branche médiatique du groupe': the token before the comma that opens the noun phrase holding
    the reference, whatever the parser made of it. Not a phrase that opens the sentence with a preposition: « Au
    Front national, le vice-président du parti » sets the scene, the party is the one it names."""
    j = start - 1
    while j > 0 and doc[j].pos_ in {"DET", "ADJ", "NOUN", "ADP"} and start - j < 8:
        j -= 1
    if not (j > 0 and doc[j].text == "," and j < start - 1):
        return frozenset()
    k = j - 1
    while k > doc[j].sent.start and doc[k].pos_ in {"PROPN", "NOUN", "ADJ", "DET", "X"}:
        k -= 1
    framing = k == doc[j].sent.start and doc[k].pos_ == "ADP"
    return frozenset() if framing else frozenset({j - 1})
