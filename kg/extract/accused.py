"""Whom an article's investigation is about when its sentence names no one: « Le parquet de Paris a ouvert une
enquête » in an article where « Pavel Durov a été mis en examen » is about Pavel Durov. The accused is the person or
group the article most often arrests, charges or suspects (lexicon [accused]: the object or the passive subject of
those verbs)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import folded_lemmas, folded_words

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

PATIENT_DEPS = {"obj", "nsubj:pass"}


def accused_counts(doc: Doc, mentions: list[Mention], lex: Lexicon) -> Counter[str]:
    """How often each entity is the patient of an arrest, a charge or a suspicion in the article."""
    at = {t: m for m in mentions if m.key for t in range(m.start, m.end)}
    lemmas, words = folded_lemmas(doc), folded_words(doc)
    counts: Counter[str] = Counter()
    for i, lemma in enumerate(lemmas):
        if lemma in lex.accused_verbs or _phrase_at(lemma, words, i, lex):
            patients = {at[c.i].key for c in doc[i].children if c.dep_ in PATIENT_DEPS and c.i in at}
            counts.update(key for key in patients if key)
    return counts


def _phrase_at(lemma: str, words: list[str], i: int, lex: Lexicon) -> bool:
    """« mis en examen », « placé en garde à vue »: the verb's lemma, then the phrase's words."""
    return any(phrase[0] == lemma and tuple(words[i + 1:i + len(phrase)]) == phrase[1:]
               for phrase in lex.accused_phrases)
