"""Persons called again by the noun that introduced them: « La députée Anne Morel a publié … Le parquet a ouvert
une enquête visant la députée » (the deputy is Anne Morel), « Omar Haddad, un prédicateur de Lyon, … le
prédicateur ». The noun is whatever common noun the text put right before the name (« le rappeur X », « le
journaliste américain X ») or in apposition after it (« X, députée de la Drôme », « X, le prédicateur »); a later
definite « le/la/l' + noun » with no name beside it refers to the one person the article introduced so, when only
one was (two ministers introduced as « le ministre » leave « le ministre » unresolved)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import folded_lemmas, folded_words, plural

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

DETERMINERS = {"le", "la", "l'", "un", "une"}
SINGULAR_DEFINITE = {"le", "la", "l'", "du", "au"}  # « la chaîne du rappeur »
MAX_ADJECTIVES = 2  # « le journaliste américain indépendant James Foley »


def titled_refs(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """References by an introducing noun, resolved to the person it introduced; none inside another mention."""
    persons = [m for m in mentions if m.kind == "name" and m.cls == "Person" and m.key]
    introduced = _introductions(doc, persons)
    if not introduced:
        return []
    taken = {t for m in mentions for t in range(m.start, m.end)}
    starts = {m.start for m in mentions}
    lemmas = folded_lemmas(doc)
    found = []
    for i in range(1, len(doc)):
        title = lemmas[i]
        if title not in introduced or i in taken or not _definite(doc[i - 1].text) or not _alone(doc, i, starts):
            continue
        if _narrowed(doc, i, lex):
            continue
        earlier = {key for at, key, gender in introduced[title] if at < i - 1 and _agree(gender, _gender(doc[i]))}
        if len(earlier) == 1:
            key = earlier.pop()
            found.append(Mention(i, i + 1, key, "Person", doc[i].text, "ref", ("Person",), keys=(key,)))
    return found


def _introductions(doc: Doc, persons: list[Mention]) -> dict[str, list[tuple[int, str, str]]]:
    """noun -> (position of the noun, person key, the noun's gender) for each person the text introduced with it."""
    out: dict[str, list[tuple[int, str, str]]] = {}
    starts = {m.start for m in persons}
    for m in persons:
        for at in (_noun_before(doc, m.start), _noun_apposed(doc, m.end, starts)):
            if at is not None:
                out.setdefault(folded_lemmas(doc)[at], []).append((at, m.key or "", _gender(doc[at])))
    return out


def _noun_before(doc: Doc, start: int) -> int | None:
    """« la députée Anne Morel », « le journaliste américain James Foley »: the noun after a determiner."""
    k = start - 1
    while k > 0 and start - k <= MAX_ADJECTIVES and doc[k].pos_ == "ADJ" and doc[k].text.islower():
        k -= 1
    return _title_at(doc, k)


def _noun_apposed(doc: Doc, end: int, starts: set[int]) -> int | None:
    """« Anne Morel, députée de la Drôme », « Omar Haddad, le prédicateur »; not the noun of the next name in a
    list (« Gina Raimondo, l'ambassadeur en Chine, Nicholas Burns »)."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    k = end + 1
    if folded_words(doc)[k] in DETERMINERS:
        k += 1
    at = _title_at(doc, k, needs_determiner=False)
    return at if at is not None and _alone(doc, at, starts) else None


def _title_at(doc: Doc, k: int, needs_determiner: bool = True) -> int | None:
    if k < 0 or k >= len(doc) or doc[k].pos_ != "NOUN" or not doc[k].text.islower() or plural(doc[k]):
        return None
    if needs_determiner and (k == 0 or folded_words(doc)[k - 1] not in DETERMINERS):
        return None
    return k


def _alone(doc: Doc, i: int, starts: set[int]) -> bool:
    """No name beside the noun (« la députée Anne Morel », « le commissaire aux Affaires intérieures, Dimitris
    Avramopoulos » introduce, they do not refer): none right after it, nor after the comma closing its phrase."""
    k = i + 1
    while k < len(doc) and k - i <= MAX_ADJECTIVES and doc[k].pos_ == "ADJ" and doc[k].text.islower():
        k += 1  # « le président sortant Macky Sall »
    if k in starts or k < len(doc) and doc[k].pos_ == "PROPN":
        return False
    sent_end = doc[i].sent.end
    comma = next((k for k in range(i + 1, min(sent_end, i + 8)) if doc[k].text in {",", "(", "«"}), None)
    return comma is None or comma + 1 not in starts


def _narrowed(doc: Doc, i: int, lex: Lexicon) -> bool:
    """« le président de Twitter » (the role rules say whose), « le ministre italien »: another one, maybe."""
    after = folded_words(doc)[i + 1] if i + 1 < len(doc) else ""
    return after in {"de", "du", "des", "d'"} or lex.country_of_adjective(after) is not None


def _definite(text: str) -> bool:
    return text.lower().replace("’", "'") in SINGULAR_DEFINITE


def _agree(one: str, other: str) -> bool:
    """« la commissaire » is not « le commissaire »; a gender the tagger left out agrees with either."""
    return not one or not other or one == other


def _gender(tok) -> str:
    return "".join(tok.morph.get("Gender", []))
