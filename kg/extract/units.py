"""« La section antiterroriste du parquet de Paris a ouvert une enquête », « l'équipe de sécurité de Meta a supprimé
les comptes »: a unit named by its kind rather than its name (lexicon [acting_units]) acts for the body its noun
phrase names after « de », the body the gold and the reader hold responsible."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import Mention
from kg.extract.text import word

if TYPE_CHECKING:  # spaCy's types only
    from spacy.tokens import Token


def acting_body(tok: Token, ctx: SentenceContext, allowed) -> Mention | None:
    """The body a unit noun belongs to: the first name in its noun phrase, when « de » introduces it."""
    if tok.pos_ != "NOUN" or word(tok) not in load_lexicon().acting_units:
        return None
    first = next(iter(ctx.right_mentions(tok.i + 1, tok.right_edge.i + 1)), None)
    if first is None or first.cls not in allowed or ctx.preposition_before(first) != "de":
        return None
    return first
