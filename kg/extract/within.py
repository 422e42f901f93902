"""Membership said by « au sein de » in a phrase apposed to a person: « Paul Girard, chargé du renseignement sur les
menaces au sein de Meta, … », « Anne Roux, qui dirige une équipe au sein de Google, … ». The parser hangs such a
participle anywhere, so the surface decides: the person named right before the comma that opens the phrase."""

from __future__ import annotations

from kg.extract.context import SentenceContext
from kg.extract.mentions import ORG_CLASSES, Mention
from kg.extract.text import tfold

WITHIN_CONFIDENCE = 0.75
MAX_PHRASE = 14  # tokens between the comma and « au sein de »: an apposition, not the rest of the sentence
DE = {"de", "du", "des", "d'"}


def within_facts(ctx: SentenceContext) -> list[tuple[Mention, Mention]]:
    """(person, organisation) pairs: the person belongs to the organisation."""
    out = []
    for tok in ctx.doc[ctx.sent.start + 1:ctx.sent.end - 2]:
        if tfold(tok.text) == "sein" and tfold(ctx.doc[tok.i - 1].text) == "au" \
                and tfold(ctx.doc[tok.i + 1].text) in DE:
            org = _organisation_after(ctx, tok.i + 2)
            person = _apposed_person(ctx, tok.i - 1) if org else None
            if person and org:
                out.append((person, org))
    return out


def _organisation_after(ctx: SentenceContext, start: int) -> Mention | None:
    found = ctx.right_mentions(start, min(ctx.sent.end, start + 2))
    return found[0] if found and found[0].cls in ORG_CLASSES else None


def _apposed_person(ctx: SentenceContext, au: int) -> Mention | None:
    """The person right before the comma that opens the phrase « au sein de » ends; no other clause between."""
    for i in range(au - 1, max(ctx.sent.start, au - MAX_PHRASE) - 1, -1):
        tok = ctx.doc[i]
        if tok.text == ",":
            before = ctx.mention_at(i - 1)
            return before if before and before.end == i and before.cls == "Person" else None
        if tok.is_punct and tok.text not in {"'", "’", "-"} or _finite_outside_relative(tok):
            return None
    return None


def _finite_outside_relative(tok) -> bool:
    """A conjugated verb ends the apposition, except inside « qui … » (« X, qui dirige une équipe au sein de Y »)."""
    finite = tok.pos_ in {"VERB", "AUX"} and "Fin" in tok.morph.get("VerbForm", [])
    return finite and not any(tfold(c.text) == "qui" for c in tok.children)
