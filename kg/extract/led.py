"""Bodies the press names by the person at their head: « le régime de Bachar al-Assad », « le gouvernement de la
chancelière Angela Merkel », « la junte du colonel Assimi Goïta ». The body is an actor of its own (its key the
head noun and the person's key), the person keeps a mention of their own, and the person leads the body; so does
the head of a platform named by them (« le groupe de Mark Zuckerberg », descriptions.py `_headed`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import lemma, word
from kg.vocab import slug

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

    from kg.extract.context import SentenceContext

LED_HEADS = frozenset({"gouvernement", "regime", "administration", "junte"})
OF = frozenset({"de", "du", "d'"})
TITLE_WORDS = 3  # « de la chancelière », « du colonel », « du président américain »: words before the name
LED_CONFIDENCE = 0.75


def led_body(doc: Doc, start: int, end: int, by_start: dict[int, Mention], lex: Lexicon) -> Mention | None:
    """The body whose head noun is doc[start] (its adjectives up to `end`) when « de » + a person follows."""
    if lemma(doc[start]) not in LED_HEADS or end >= len(doc) or word(doc[end]) not in OF:
        return None
    k = end + 1
    while k < min(len(doc), end + 1 + TITLE_WORDS) and k not in by_start and doc[k].is_lower:
        k += 1  # « la chancelière », « colonel »: lower-case words only, so no other name is skipped
    person = by_start.get(k)
    if person is None or person.cls != "Person" or not person.key:
        return None
    key = slug(f"{doc[start:end].text} de {person.text}")  # the span stops before « de »: the person keeps theirs
    return Mention(start, end, key, lex.actor_heads.get(lemma(doc[start]), "GovernmentBody"),
                   doc[start:person.end].text, "actor", leader=person.key)


def led_facts(ctx: SentenceContext) -> list[tuple[Mention, Mention]]:
    """(person, body) for each body of the sentence named by the person at its head; in « le réseau social d'Elon
    Musk » the platform's mention holds the person's name, so the person stands in as a reference."""
    people = {m.key: m for m in ctx.mentions if m.cls == "Person" and m.key}
    return [(people.get(m.leader) or Mention(m.start, m.end, m.leader, "Person", m.text, "ref", keys=(m.leader,)), m)
            for m in ctx.mentions if m.leader]
