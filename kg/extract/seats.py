"""The seat that makes a body of « la police », « le parquet », « le service »: the place after it, directly
(« la police de Boston »), through the unit the place belongs to (« la police de la région de Stockholm », « le
parquet du district sud de New York », « la police de l'État de Victoria ») or after one complement of the
body's own (« le service de renseignement de Saxe »)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.text import word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

    from kg.extract.mentions import Mention

# the units a place is named by in a body's name (folded)
ADMIN_UNITS = frozenset({"region", "ville", "canton", "province", "etat", "district", "comte", "departement", "land",
                         "commune", "municipalite", "agglomeration", "arrondissement", "wilaya", "gouvernorat"})


def seat_end(doc: Doc, end: int, by_start: dict[int, Mention]) -> int | None:
    """Where « de <seat> » after a body's head words (ending at `end`) ends, or None when no place follows."""
    k = _after_of(doc, end)
    if k is None:
        return None
    if word(doc[k]) not in ADMIN_UNITS:
        place = _place_end(doc, k, by_start)
        if place is not None or k in by_start or not (doc[k].pos_ == "NOUN" and doc[k].is_lower):
            return place
    j = k + 1
    while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].is_lower:  # « du district sud »
        j += 1
    k = _after_of(doc, j)
    return _place_end(doc, k, by_start) if k is not None else None


def _after_of(doc: Doc, i: int) -> int | None:
    """The index after « de », « du », « des », « d' », « de la », « de l' » at i."""
    if i >= len(doc) or word(doc[i]) != "de":
        return None
    j = i + 1 + (i + 1 < len(doc) and doc[i + 1].pos_ == "DET" and word(doc[i + 1]) == "le")
    return j if j < len(doc) else None


def _place_end(doc: Doc, k: int, by_start: dict[int, Mention]) -> int | None:
    named = by_start.get(k)
    if named is not None:
        return named.end if named.cls == "Place" else None
    return k + 1 if _unknown_place_at(doc, k) else None


def _unknown_place_at(doc: Doc, i: int) -> bool:
    """One capitalised proper noun no rule named, ending the noun phrase: a town (« la police de Boston »)."""
    after = doc[i + 1] if i + 1 < len(doc) else None
    return doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and (after is None or after.pos_ != "PROPN")
