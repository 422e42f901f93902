"""Where a name begins when the tagger reads its words as common nouns or foreign words: « Youval Steinitz »
(a first name read as a noun), « le groupe Middle East Cyber Army » (English words read as foreign, X); and the
pieces the tokenizer cuts a hyphenated or elided name into (« Pita Lim-jaroen-rat », « Zhi'an Digital »); an
institution's capitalised head noun (« la Confédération »); a day the recogniser adds to a name; a title before
it; a minister's portfolio the recogniser joins to it."""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

from kg.extract.text import OF_WORDS, tfold

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc, Span, Token


# what the tagger makes of first names (« Youval » a noun, « Nasser » a verb) and of English words
NAME_LIKE = frozenset({"X", "NOUN", "ADJ", "VERB"})
PROPER = frozenset({"PROPN", "X"})
# lower-case words inside a person's name, between capitalised ones: « Beatrix von Storch », « Rutger van der Meer »,
# « Lula da Silva », « Abou Bakr al Baghdadi » (never « de »/« du »: « le Facebook de Mark Zuckerberg » is two names)
NAME_LINKS = {"von", "van", "der", "den", "zu", "ter", "ten", "di", "da", "del", "della", "dos", "das", "bin", "ben",
              "ibn", "al", "el", "abou", "abu", "ould", "ag"}
# capitalised particles inside a surname: « Marine Le Pen », « Jean-Yves Le Drian », « Jean-Marc De Smet »
SURNAME_ARTICLES = {"Le", "La", "De", "Du", "Des", "Di", "Da", "Van", "Von", "El", "Al", "Ben", "Ibn", "Abou", "Abu"}
# titles before a surname are no part of it: « M. Gleicher » is Nathaniel Gleicher, « Mme Merkel » Angela Merkel
HONORIFICS = {"M.", "Mme", "Mlle", "MM.", "Mmes", "Mlles", "Me", "Mgr", "Dr", "Pr"}


def foreign_word(ent: Span, tok: Token) -> bool:
    """In a name of several words that holds a proper noun or a foreign word, a capitalised word the tagger read
    as a common noun (a first name: « Youval ») or a foreign word (« Middle East Cyber Army »)."""
    return len(ent) > 1 and tok.text[:1].isupper() and tok.pos_ in NAME_LIKE and \
        any(t.pos_ in PROPER and t.text[:1].isupper() and t.i != tok.i for t in ent)


def opens_name(doc: Doc, j: int) -> bool:
    """Inside a sentence, a capitalised word read as a common noun opens a name when a capitalised proper noun or
    foreign word follows it (« le groupe Middle East Cyber Army »)."""
    return (doc[j].pos_ in NAME_LIKE and not doc[j].is_sent_start and j + 1 < len(doc)
            and doc[j + 1].pos_ in PROPER and doc[j + 1].text[:1].isupper())


def written_words(doc: Doc, start: int, end: int) -> int:
    """« Jamaat Nasr al-Islam wal-Muslimin » is four words the tokenizer cuts into eight pieces: the length of a
    name as it is written, hyphenated pieces counted once."""
    return sum(1 for i in range(start, end) if i == start or doc[i - 1].whitespace_)


def glued_piece(ent: Span, tok: Token) -> bool:
    """« jaroen » and « rat » in « Lim-jaroen-rat », « Mouminin » in « wal-Mouminin »: a word the tokenizer cut
    off a proper noun of the name at a hyphen, whatever the tagger makes of it."""
    doc, i = tok.doc, tok.i
    if i - 2 < ent.start or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return False
    before = doc[i - 2]
    return before.text[:1].isupper() or before.pos_ == "PROPN" or glued_piece(ent, before)


def elided_piece(ent: Span, tok: Token) -> bool:
    """« an » in « Zhi'an »: the tokenizer splits after an apostrophe inside a capitalised word."""
    doc, i = tok.doc, tok.i
    return i > ent.start and not doc[i - 1].whitespace_ and doc[i - 1].text.endswith(("'", "’")) and \
        len(doc[i - 1].text) > 2 and doc[i - 1].text[:1].isupper()


def capital_head(ent: Span, tok) -> bool:
    """« la Confédération », « la Cour suprême »: inside a sentence, a capital makes a common noun the head of a
    name (an institution's), which the tagger leaves a noun."""
    return tok.i == ent.start and tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.is_sent_start \
        and ent.label_ != "PER"


def without_day(ent: Span, calendar_words: frozenset[str]) -> Span:
    """« la Confédération mardi »: a day in lower case after a name is when, not part of the name."""
    end = ent.end
    while end - ent.start > 1 and ent.doc[end - 1].is_lower and tfold(ent.doc[end - 1].text) in calendar_words:
        end -= 1
    if end == ent.end:
        return ent
    name = ent.doc[ent.start:end]
    name.label_ = ent.label_
    return name


def without_honorific(ent: Span) -> Span:
    """« M. Gleicher », « Mme Merkel »: the name after the title, with the recogniser's label."""
    if len(ent) < 2 or ent[0].text not in HONORIFICS:
        return ent
    name = ent[1:]
    name.label_ = ent.label_
    return name


def without_portfolio(ent: Span, roles: Container[str]) -> Span:
    """« le ministre de l'Économie Paulo Guedes », « la ministre de la Justice Nicole Belloubet »: the portfolio the
    recogniser joined to the minister's name is no part of it; the name is a person's."""
    doc, k = ent.doc, ent.start - 1
    if len(ent) < 2 or ent[0].pos_ != "NOUN" or not ent[0].text[:1].isupper():
        return ent
    k -= 1 if k > 0 and doc[k].pos_ == "DET" else 0
    if k < 1 or tfold(doc[k].text) not in OF_WORDS or tfold(doc[k - 1].lemma_) not in roles:
        return ent
    first = next((t.i for t in ent if t.pos_ == "PROPN"), None)
    if first is None or first == ent.start or any(t.pos_ not in {"NOUN", "ADJ"} for t in doc[ent.start:first]):
        return ent  # « procureur de la République de Nantes »: a place of the office, not a name after it
    if not all(doc.vocab[t.lower_].has_vector for t in doc[ent.start:first]):
        return ent  # « le fondateur de Changyu Culture »: a portfolio is in common words, not a word no one knows
    name = doc[first:ent.end]
    name.label_ = "PER"
    return name


def name_link(ent: Span, tok) -> bool:
    """« von » in « Beatrix von Storch », « Le » in « Marine Le Pen »: a particle between two capitalised words of a
    person's name."""
    particle = tok.text in NAME_LINKS or tok.text in SURNAME_ARTICLES
    return ent.label_ == "PER" and particle and ent.start < tok.i < ent.end - 1
