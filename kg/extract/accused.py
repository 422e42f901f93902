"""Arrests and charges. A body that arrests, charges or seeks someone investigates them (« La DGSI a interpellé X »,
« X a été mis en examen par le parquet de Paris »). And whom an article's investigation is about when its sentence
names no one: « Le parquet de Paris a ouvert une enquête » in an article where « Pavel Durov a été mis en examen » is
about Pavel Durov. The accused is the person or group the article most often arrests, charges or suspects (lexicon
[accused]: the object or the passive subject of those verbs)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.cues import modality
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.text import folded_lemmas, folded_words

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc, Token

PATIENT_DEPS = {"obj", "nsubj:pass"}
AGENT_DEPS = {"nsubj", "obl:agent"}
NAMING_DEPS = {"nmod", "appos", "flat:name"}  # « par la juge Sophie Lenoir »: the name the title noun holds
ACCUSED_CLASSES = {"Person", "TerroristGroup", "HackerGroup", "Organization"}
ArrestFact = tuple[Mention, Mention, bool]  # (the body, the person or group, alleged)


def arrest_facts(ctx: SentenceContext, lex: Lexicon) -> list[ArrestFact]:
    """« La DGSI a interpellé X », « X a été mis en examen par le parquet de Paris »: the body investigates X."""
    lemmas, words = folded_lemmas(ctx.doc), folded_words(ctx.doc)
    facts = []
    for i in range(ctx.sent.start, ctx.sent.end):
        if not _accuses(lemmas, words, i, lex):
            continue
        verb = ctx.doc[i]
        mood = modality(verb, lex)
        agents = _agent_tokens(verb)
        bodies = _side(ctx, agents, {"GovernmentBody"}) or _officers(ctx, _side(ctx, agents, {"Person"}), lex)
        accused = _side(ctx, _patient_tokens(verb), ACCUSED_CLASSES)
        facts += [(b, a, mood == "alleged") for b in bodies for a in accused if mood and b.key != a.key]
    return facts


def _officers(ctx: SentenceContext, persons: list[Mention], lex: Lexicon) -> list[Mention]:
    """The persons titled by the lexicon's `[accused].officers` right before their name (« le procureur spécial X »,
    « la juge Y »): they charge and judge as their office does."""
    words = folded_words(ctx.doc)
    return [m for m in persons if set(words[max(ctx.sent.start, m.start - 3):m.start]) & lex.accusing_officers]


def _agent_tokens(verb: Token) -> list[Token]:
    """The subject, or « par X » (« mis en examen par le parquet », « interpellé par des agents de la police »);
    for « qui » the noun its clause hangs from (« le FBI, qui le traquait »)."""
    found = [c for c in verb.children if c.dep_ in AGENT_DEPS
             or c.dep_.startswith("obl") and any(g.dep_ == "case" and g.lower_ == "par" for g in c.children)]
    return [verb.head if c.lower_ == "qui" and verb.dep_.startswith("acl") else c for c in found]


def _patient_tokens(verb: Token) -> list[Token]:
    """The object or passive subject; for a participle clause, whom it is said of (« Interpellé samedi, X a … »)."""
    found = [c for c in verb.children if c.dep_ in PATIENT_DEPS]
    if found or verb.dep_ not in {"advcl", "acl"} or "Part" not in verb.morph.get("VerbForm", []):
        return found
    return [verb.head] if verb.dep_ == "acl" else [c for c in verb.head.children if c.dep_ == "nsubj"]


def _side(ctx: SentenceContext, tokens: list[Token], classes: set[str]) -> list[Mention]:
    """The mentions these tokens name (« des agents de la police française »: the body the agents belong to; « un
    jeune homme de 22 ans, X »: the name apposed), with those coordinated after them."""
    for tok in tokens:
        named = (ctx.mention_at(g.i) for g in tok.children if g.dep_ in NAMING_DEPS)
        m = ctx.mention_at(tok.i) or next((n for n in named if n), None)
        if m and m.cls in classes:
            return ctx.chain(m, classes)
    return []


def accusations(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[tuple[int, str]]:
    """Each arrest, charge or suspicion of the article, in text order: (the token that says it, whom)."""
    at = {t: m for m in mentions if m.key for t in range(m.start, m.end)}
    lemmas, words = folded_lemmas(doc), folded_words(doc)
    found: list[tuple[int, str]] = []
    for i in range(len(lemmas)):
        if _accuses(lemmas, words, i, lex):
            named = {c.i for c in doc[i].children if c.dep_ in PATIENT_DEPS and c.i in at}
        elif words[i] in lex.accused_nouns and doc[i].pos_ == "NOUN":  # « le suspect, X », « X, le suspect »
            named = {k for k in _apposed(doc[i]) if k in at}  # not a guessed ref
        else:
            continue
        found += [(i, key) for key in dict.fromkeys(at[k].key for k in sorted(named)) if key]
    return found


def _apposed(noun: Token) -> list[int]:
    """Where the words in apposition with a noun are: its own appositions, the word it is apposed to, or by word
    order the word right after its comma or right before the comma that opens its phrase (the parser often
    makes « Le suspect, X, 17 ans, est né … » two subjects)."""
    doc, left = noun.doc, noun.left_edge.i
    found = [c.i for c in noun.children if c.dep_ == "appos"] + ([noun.head.i] if noun.dep_ == "appos" else [])
    after = [noun.i + 2] if noun.i + 2 < len(doc) and doc[noun.i + 1].text == "," else []
    before = [left - 2] if left >= 2 and doc[left - 1].text == "," else []
    return found + after + before


def _accuses(lemmas: list[str], words: list[str], i: int, lex: Lexicon) -> bool:
    """An arrest, a charge or a suspicion at token i: a verb of the lexicon, or its phrases (« mis en examen »,
    « placé en garde à vue »: the verb's lemma, then the phrase's words)."""
    return lemmas[i] in lex.accused_verbs or any(
        phrase[0] == lemmas[i] and tuple(words[i + 1:i + len(phrase)]) == phrase[1:] for phrase in lex.accused_phrases)
