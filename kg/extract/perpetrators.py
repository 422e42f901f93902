"""The perpetrator an article calls by the deed: « le tireur », « l'assaillante », « un forcené ». Reports of an
attack speak of its author this way, often without ever naming them, and say what that person did (published a
manifesto on 8chan, swore allegiance to a group, was suspended by a platform). Such a description refers back to
a person named before, like any other (kg.extract.coref); when there is none, it is the article's one unnamed
perpetrator, an actor of its own, whom every later description of the kind refers to."""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import lemma, word
from kg.vocab import slug

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

ONE_PERSON = {"le", "la", "l'", "un", "une", "ce", "cet", "cette"}  # « les assaillants » are several, maybe named
INDEFINITE = {"un", "une"}


def mark_perpetrator(doc: Doc, ref: Mention, by_start: dict[int, Mention], lex: Lexicon) -> None:
    """Give a one-person perpetrator description the actor it stands for when it finds no antecedent, and the
    place of the deed that belongs to it (« le tireur d'El Paso »)."""
    i = ref.start
    if word(doc[i]) not in lex.perpetrator_nouns or "Plur" in doc[i].morph.get("Number", []):
        return
    if i == 0 or word(doc[i - 1]) not in ONE_PERSON:
        return
    named = by_start.get(ref.end + 1) if ref.end < len(doc) and doc[ref.end].text == "," else None
    if named is not None and named.cls == "Person" and named.key:  # « Le tireur, Stephan Balliet, a filmé … »
        ref.keys, ref.key = (named.known_key(),), named.known_key()
        return
    place = by_start.get(ref.end + 1) if ref.end < len(doc) and word(doc[ref.end]) == "de" else None
    if place is not None and place.cls == "Place":
        ref.end, ref.text = place.end, doc[i:place.end].text
    # one key per article (its text's checksum): the unnamed author of one attack is not another article's
    ref.fallback_key = f"{slug(doc[i].text)}-{zlib.crc32(doc.text.encode('utf-8')):08x}"


def introduced_perpetrator(doc: Doc, i: int, by_start: dict[int, Mention], lex: Lexicon) -> Mention | None:
    """« Un tireur a ouvert le feu »: an indefinite perpetrator introduces the article's unnamed one (it refers to
    no one before), the place of the deed with it (« un tireur de Halle »); a name apposed to it (« un tireur, X, »)
is read by the rules of names instead."""
    if i == 0 or word(doc[i - 1]) not in INDEFINITE or lemma(doc[i]) not in lex.perpetrator_nouns:
        return None
    if "Plur" in doc[i].morph.get("Number", []):
        return None
    ref = Mention(i, i + 1, None, "Person", doc[i].text, "ref", ("Person",))
    mark_perpetrator(doc, ref, by_start, lex)  # no fallback key when a name is apposed to it
    if ref.fallback_key is None:
        return None
    ref.key, ref.kind = ref.fallback_key, "actor"
    return ref
