"""« le patron de Twitter » with no name beside it: the person the article names elsewhere in that role (« le patron
de Twitter, Jack Dorsey »), when it names only one; otherwise no one we know."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import folded_lemmas, folded_words
from kg.vocab import ORGANIZATION_CLASSES

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc


TOPIC_ROLES = {"leaderOf", "founderOf"}  # one person heads or founded an organisation: a name the article gives


def role_ref(doc: Doc, i: int, by_start: dict[int, Mention], lex: Lexicon) -> Mention | None:
    """'le patron de Twitter' with no name beside it: the person the article names elsewhere as such."""
    found = _role_of_org(doc, i, by_start, lex)
    if found is None or _apposed_person(doc, i, found[1].end, by_start):
        return None
    rel, org = found
    return Mention(i, org.end, None, "Person", doc[i:org.end].text, "ref", ("Person",), role=(rel, org.known_key()))


def named_roles(doc: Doc, names: list[Mention], lex: Lexicon) -> dict[tuple[str, str], str]:
    """(relation, organisation key) -> the person named beside 'le patron de X', when only one is."""
    by_start = {m.start: m for m in names}
    seen: dict[tuple[str, str], set[str]] = {}
    lemmas, words = folded_lemmas(doc), folded_words(doc)
    for i in range(1, len(doc)):
        if (lex.roles.get(lemmas[i]) or lex.roles.get(words[i])) not in TOPIC_ROLES:
            continue  # no role word here: what _role_of_org checks first, without the call
        found = _role_of_org(doc, i, by_start, lex)
        person = found and _apposed_person(doc, i, found[1].end, by_start)
        if found and person:
            seen.setdefault((found[0], found[1].known_key()), set()).add(person.known_key())
    return {role: next(iter(keys)) for role, keys in seen.items() if len(keys) == 1}


def _role_of_org(doc: Doc, i: int, by_start: dict[int, Mention], lex: Lexicon) -> tuple[str, Mention] | None:
    """'le patron de Twitter', 'la fondatrice du groupe X' at token i: (relation, the organisation)."""
    words = folded_words(doc)
    rel = lex.roles.get(folded_lemmas(doc)[i]) or lex.roles.get(words[i])
    if rel not in TOPIC_ROLES or i == 0 or words[i - 1] != "le" or i + 2 >= len(doc) or words[i + 1] != "de":
        return None
    org = by_start.get(i + 2) or (by_start.get(i + 3) if words[i + 2] == "le" else None)
    return (rel, org) if org and org.key and org.cls in ORG_HOLDERS else None


ORG_HOLDERS = ORGANIZATION_CLASSES


def _apposed_person(doc: Doc, start: int, end: int, by_start: dict[int, Mention]) -> Mention | None:
    """The person named right before ('X, le patron de Y') or after ('le patron de Y(,) X') the role."""
    after = by_start.get(end + 1) if end < len(doc) and doc[end].text == "," else by_start.get(end)
    before = None
    if start >= 2 and doc[start - 2].text == ",":
        before = next((m for m in by_start.values() if m.end == start - 2), None)
    return next((m for m in (after, before) if m and m.cls == "Person" and m.key), None)
