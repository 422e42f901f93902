"""The body a role names without its name: « le procureur de Lyon, Marc Dubois » heads the « parquet de Lyon » the
article names elsewhere, « le commissaire au numérique, Pieter Van Loon » belongs to the « Commission européenne »
it names. The role noun (lexicon [role_implied_bodies]) says which head noun the body's name starts with; the
article must name exactly one such body (of that seat, when the role gives one), else no one is linked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import ORG_CLASSES, Mention
from kg.extract.text import lemma, tfold, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token

    from kg.extract.context import SentenceContext

PORTFOLIO_WORDS = 4  # « au numérique », « à la sécurité intérieure »: lower-case words after « à »


def implied_body(tok: Token, ctx: SentenceContext, lex: Lexicon, mentions: list[Mention]) -> tuple[Mention, int] | None:
    """The body the role noun `tok` implies and the token after the role's complement (where its holder's name
    may follow), or None when the role names another body (« commissaire de police ») or the article none or two."""
    heads = lex.role_implied_bodies.get(lemma(tok)) or lex.role_implied_bodies.get(word(tok))
    if not heads:
        return None
    found = _complement(tok, ctx)
    if found is None:
        return None
    end, seat = found
    bodies = {m.key: m for m in mentions if m.cls in ORG_CLASSES and m.key and tfold(m.text).split()[0] in heads
              and (seat is None or seat in tfold(m.text))}
    return (next(iter(bodies.values())), end) if len(bodies) == 1 else None


def _complement(tok: Token, ctx: SentenceContext) -> tuple[int, str | None] | None:
    """(end of the role's complement, the folded name of the place it names if any): nothing, « de la
    République », « de Lyon », « au numérique »; None for a complement that names something else (« de police »,
    « de Twitter »)."""
    doc, k = ctx.doc, tok.i + 1
    while k < ctx.sent.end and doc[k].pos_ == "ADJ" and doc[k].is_lower:
        k += 1  # « le procureur général », « la commissaire chargée … » stops at the participle
    if k + 2 < ctx.sent.end and [tfold(t.text) for t in doc[k:k + 3]] == ["de", "la", "republique"]:
        k += 3
    if k < ctx.sent.end and word(doc[k]) == "de":  # « du », « d' » too: word() expands contractions
        place = ctx.mention_at(k + 1)  # the recogniser may take « République de Nantes » for one place
        return (place.end, tfold(doc[k + 1:place.end].text)) if place is not None and place.cls == "Place" else None
    if k < ctx.sent.end and word(doc[k]) == "a":  # « au », « aux »
        j = k + 1
        while j < min(ctx.sent.end, k + 1 + PORTFOLIO_WORDS) and doc[j].is_lower and not doc[j].is_punct:
            j += 1
        return j, None
    return k, None
