"""Membership said by « au sein de », and leadership by « à la tête de », in a phrase apposed to a person: « Paul
Girard, chargé du renseignement sur les menaces au sein de Meta, … », « Anne Roux, qui dirige une équipe au sein de
Google, … », « Florian Schütz, délégué fédéral à la cybersécurité et à la tête du NCSC, … ». The parser hangs such
a phrase anywhere, so the surface decides: the person named right before the comma that opens the phrase. And
membership said by « de » alone between commas: « Marc Roy, de l'Université Concordia, estime … »."""

from __future__ import annotations

from kg.extract.context import SentenceContext
from kg.extract.mentions import ORG_CLASSES, Mention
from kg.extract.text import OF_WORDS, folded_words, tfold

WITHIN_CONFIDENCE = 0.75
PHRASE_ENDS = {"sein", "tete"}  # the last word of « au sein », « à la tête »
MAX_PHRASE = 14  # tokens between the comma and « au sein de »: an apposition, not the rest of the sentence


def within_facts(ctx: SentenceContext) -> list[tuple[Mention, str, Mention, str]]:
    """(person, relation, organisation, cue): the person belongs to (« au sein de », « X, de Y, ») or heads (« à la
    tête de ») it."""
    out, words = _of_organisation(ctx), folded_words(ctx.doc)
    for i in range(ctx.sent.start + 2, ctx.sent.end - 2):
        found = _phrase_at(ctx, i) if words[i] in PHRASE_ENDS else None
        if found is None or words[i + 1] not in OF_WORDS:
            continue
        org = _organisation_after(ctx, i + 2)
        person = _apposed_person(ctx, i - found[2]) if org else None
        if person and org:
            out.append((person, found[0], org, found[1]))
    return out


def _phrase_at(ctx: SentenceContext, i: int) -> tuple[str, str, int] | None:
    """(relation, cue, words before i) when the phrase ends at token i: « au sein », « à la tête »."""
    words = [tfold(t.text) for t in ctx.doc[i - 2:i + 1]]
    if words[1:] == ["au", "sein"]:
        return "memberOf", "au sein de", 1
    if words == ["a", "la", "tete"] and ctx.doc[i - 2].text.lower() == "à":  # not the auxiliary « a »
        return "leaderOf", "à la tête de", 2
    return None


def _of_organisation(ctx: SentenceContext) -> list[tuple[Mention, str, Mention, str]]:
    """« Marc Roy, de l'Université Concordia, … », « selon Anne Morel, du CNRS, … »: a person and, between commas,
    « de » and an organisation only (a place there is where they come from: « Marc Roy, de Lyon, … »)."""
    out, words = [], folded_words(ctx.doc)
    for person in (m for m in ctx.mentions if m.cls == "Person" and m.kind == "name"):
        k = person.end
        if k + 2 >= ctx.sent.end or ctx.doc[k].text != "," or words[k + 1] not in OF_WORDS:
            continue
        org = next((m for m in ctx.mentions if k + 2 <= m.start <= k + 3 and m.kind in {"name", "actor"}), None)
        if org is not None and org.cls in ORG_CLASSES and org.end < ctx.sent.end and \
                ctx.doc[org.end].text in {",", ")"} and all(t.pos_ == "DET" for t in ctx.doc[k + 2:org.start]):
            out.append((person, "memberOf", org, "de"))
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
