"""One person, one entity: a surname alone (« Kessler », « Van der Veen ») is the person the article names in
full (« Paul Kessler », « Jan Van der Veen »), wherever the full name comes, when it names only one such
person. `surnames_found` unifies the short forms NER finds as it finds them; `with_full_names` also covers the names
the mention classifier adds afterwards (a surname opening a sentence, which the tagger does not call a proper noun) and
surnames of several words. One place or body, one entity too: `with_long_names` (« Harbour » after « Santa Cruz
Harbour »)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.mentions import Mention
from kg.extract.text import tfold

if TYPE_CHECKING:  # spaCy's types only
    from spacy.tokens import Doc

FAMILY_WORDS = {"les", "freres", "soeurs", "surs", "epoux", "cousins"}  # « sœurs » folds to « surs »


def surnames_found(found: list[Mention], known: list[Mention], doc: Doc) -> None:
    """As NER finds names: a one-word name that is the last word of a person's full name (« Minniti » and « Marco
    Minniti ») is that person, whatever class NER gave it; not a surname two people bear (« Tsarnaev » after
    « Tamerlan Tsarnaev » and « Djokhar Tsarnaev »: either, or both)."""
    bearers: dict[str, set] = {}
    for m in known + found:
        if m.cls == "Person" and len(m.text.split()) > 1:
            bearers.setdefault(m.text.split()[-1], set()).add(m.key)
    for m in found:
        keys = bearers.get(m.text) if len(m.text.split()) == 1 and not family(doc, m) else None
        if keys and len(keys) == 1:
            m.key, m.cls = next(iter(keys)), "Person"


def with_full_names(names: list[Mention], gazetteer: dict, doc: Doc) -> list[Mention]:
    full = [m for m in names if m.cls == "Person" and len(m.text.split()) > 1]
    for m in names:
        if m.cls != "Person" or m.kind != "name" or m.key in gazetteer or family(doc, m):
            continue
        words = m.text.split()
        bearers = {f.known_key() for f in full
                   if len(f.text.split()) > len(words) and f.text.split()[-len(words):] == words}
        if not bearers and len(words) == 1:  # « Jayda » after « Jayda Fransen »: a first name alone
            bearers = {f.known_key() for f in full if f.text.split()[0] == words[0]}
        if len(bearers) == 1:
            m.key = bearers.pop()
    return names


def family(doc: Doc, m: Mention) -> bool:
    """« les Tsarnaev », « les frères Kouachi »: a surname in the plural is the family, not the one member named."""
    return m.start > 0 and tfold(doc[m.start - 1].text) in FAMILY_WORDS


def with_long_names(names: list[Mention], gazetteer: dict) -> list[Mention]:
    """« Harbour » after « Santa Cruz Harbour »: a name that is the last words of exactly one longer name of a place
    or a body, whose other words are capitalised, is that entity, with its class (not « New York » in « l'État de New
    York », nor a name the gazetteer knows: « Russia » is not « Anonymous Russia »; nor a person's surname)."""
    named = [(f, f.text.split()) for f in names if f.kind == "name"]  # split once: every pair is compared
    for m, words in named:
        if m.key in gazetteer:
            continue
        longer = [f for f, w in named if len(w) > len(words) and w[-len(words):] == words
                  and all(x[:1].isupper() for x in w[:-len(words)])]
        if len({f.key for f in longer}) == 1 and all(f.cls != "Person" for f in longer):
            m.key, m.cls = longer[0].known_key(), longer[0].cls
    return names
