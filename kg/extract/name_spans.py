"""Where a name begins when the tagger reads its words as common nouns or foreign words: « Youval Steinitz »
(a first name read as a noun), « le groupe Middle East Cyber Army » (English words read as foreign, X); and the
pieces the tokenizer cuts a hyphenated or elided name into (« Pita Lim-jaroen-rat », « Zhi'an Digital »); an
institution's capitalised head noun (« la Confédération »); a day the recogniser adds to a name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.text import tfold

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc, Span, Token


# what the tagger makes of first names (« Youval » a noun, « Nasser » a verb) and of English words
NAME_LIKE = frozenset({"X", "NOUN", "ADJ", "VERB"})
PROPER = frozenset({"PROPN", "X"})


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
