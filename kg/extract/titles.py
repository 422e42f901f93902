"""Named works and named actors after a naming word: « une vidéo intitulée « Flames of the supporters » »,
« un groupe baptisé « Phalange électronique du califat » », « l'ouvrage « ISIS: The State of Terror » »."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import NAME_CUES, Mention
from kg.extract.text import QUOTES, folded_lemmas, folded_words, lemma
from kg.vocab import slug

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc


def _named_actor(doc: Doc, cue: int, lex: Lexicon) -> tuple[int, str] | None:
    """'un groupe / collectif / mouvement baptisé « X »': (start of the noun, the class the noun gives)."""
    k = cue - 2 if cue > 1 and doc[cue - 1].text == "," else cue - 1  # "Ce collectif, surnommé X"
    cls = lex.typing_heads.get(lemma(doc[k])) or lex.actor_heads.get(lemma(doc[k])) if k >= 0 else None
    if cls in {"Organization", "TerroristGroup", "HackerGroup", "MediaOutlet", "Platform"} and doc[k].pos_ == "NOUN":
        return k, ("HackerGroup" if cls == "Organization" and _hacking_context(doc, cue) else cls)
    return None


def _free_title(start: int, end: int, taken: set[int]) -> bool:
    """A quoted title is a work of its own unless a known name fills it: « ISIS: The State of Terror » is a book
    with a group's name inside, « Daech » alone is the group."""
    inside = [j for j in range(start, end) if j in taken]
    return not inside or (end - start >= 3 and len(inside) < end - start)


def _hacking_context(doc: Doc, cue: int) -> bool:
    return any(lemma(t) in {"pirater", "piratage", "pirate", "hacker", "controle", "detourner"} for t in
               doc[cue:min(len(doc), cue + 20)])


# nouns whose quoted complement is a title, though a name after them without quotation marks is not one
# (« l'émission « Complément d'enquête » », but « le rapport Europol » is Europol's)
QUOTED_WORKS = frozenset({"rapport", "emission", "reportage", "serie", "temoignage"})


def quoted_title_mentions(doc: Doc, taken: set[int], lex: Lexicon | None = None) -> list[Mention]:
    """« Flames of the supporters » after 'intitulée', 'baptisée': a named work."""
    found, lemmas = [], folded_lemmas(doc)
    for i, folded in enumerate(folded_words(doc)):
        work = lex is not None and (lex.typing_heads.get(lemmas[i]) == "CreativeWork"  # « l'ouvrage « … » »
                                    or lemmas[i] in QUOTED_WORKS)
        if folded not in NAME_CUES and not work:
            continue
        start = i + 1
        if start < len(doc) and doc[start].text in QUOTES:
            end = next((j for j in range(start + 1, min(start + 12, len(doc))) if doc[j].text in QUOTES), None)
            titled = not work or doc[start + 1].text[:1].isupper()  # « une vidéo « spéciale » » is no title
            if end and end > start + 1 and titled and _free_title(start + 1, end, taken):
                text = doc[start + 1:end].text
                actor = _named_actor(doc, i, lex) if lex else None
                if actor:  # "un groupe baptisé « Phalange électronique du califat »": the group, not a work
                    found.append(Mention(actor[0], end + 1, slug(text), actor[1], text, "name"))
                else:
                    found.append(Mention(start + 1, end, slug(text), "CreativeWork", text, "name"))
        elif not work and start < len(doc) and doc[start].text[:1].isupper() and start not in taken:
            end = start + 1
            while end < min(len(doc), start + 5) and doc[end].text[:1].isupper() and end not in taken:
                end += 1  # "surnommé Ghost Squad": the capitalised run
            actor = _named_actor(doc, i, lex) if lex else None
            cls = actor[1] if actor else "CreativeWork"
            found.append(Mention(start, end, slug(doc[start:end].text), cls, doc[start:end].text, "name"))
    return found
