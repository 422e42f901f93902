"""Pronouns that stand for an actor named before: subject « il », « elle », « ils », « elles » and « ce dernier »,
« celui-ci »; coreference (kg/extract/coref.py) finds whom they stand for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg import vocab
from kg.extract.mentions import Mention
from kg.extract.text import DEMONSTRATIVE_PRONOUNS, lemma, word
from kg.vocab import CLASS_ORDER

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc, Token

PRONOUNS = {"il": 1, "elle": 1, "ils": 1, "elles": 1}
LATEST = {"dernier", "derniere", "celui-ci", "celle-ci", "celui", "celle"}  # « Celui-ci » is cut in three tokens
AGENT_CLASSES = tuple(cls for cls in CLASS_ORDER if cls in vocab.AGENT_CLASSES)


def pronoun_ref(doc: Doc, i: int) -> Mention | None:
    tok = doc[i]
    text = word(tok)
    if text in PRONOUNS and (tok.dep_.startswith("nsubj") or _personal_expletive(tok)):
        return Mention(i, i + 1, None, "Organization", tok.text, "ref", AGENT_CLASSES, plural=text.endswith("s"))
    end = i + 3 if text in DEMONSTRATIVE_PRONOUNS and _ci_follows(doc, i) else i + 1
    if text in LATEST and (end > i + 1 or "-" in text or (i > 0 and word(doc[i - 1]) in {"ce", "cette"})):
        start = i - (0 if text.startswith("cel") else 1)
        # the subject of a verb acts: « Ce dernier diffusait des vidéos » is not the town named last
        subject = any(doc[k].dep_.startswith("nsubj") for k in range(start, end))
        classes = AGENT_CLASSES if subject else AGENT_CLASSES + ("Place",)
        return Mention(start, end, None, "Organization", doc[start:end].text, "ref", classes, 1)
    return None


def _ci_follows(doc: Doc, i: int) -> bool:
    """« Celui-ci » at the start of a sentence: the tokenizer makes it « Celui », « - », « ci »."""
    return i + 2 < len(doc) and doc[i + 1].text == "-" and word(doc[i + 2]) == "ci"


# verbs whose « il » stands for no one (« il s'agit », « il y a », « il faut », « il se pourrait que »)
IMPERSONAL_VERBS = {"agir", "avoir", "falloir", "sembler", "paraitre", "suffire", "exister", "rester", "manquer",
                    "arriver", "pouvoir", "valoir", "ensuivre", "aller", "importer", "convenir", "etre", "devenir",
                    "apparaitre", "advenir", "resulter", "decouler", "pleuvoir", "neiger", "trouver"}


def _personal_expletive(tok: Token) -> bool:
    """The parser sometimes calls a personal subject impersonal (« Il y avait prêté allégeance à Al-Qaïda »): a pronoun
    it marks expletive before a verb that has a personal use is a subject all the same."""
    verb = tok.head
    return tok.dep_ == "expl:subj" and verb.pos_ == "VERB" and lemma(verb) not in IMPERSONAL_VERBS
