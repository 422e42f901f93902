"""Defacement signatures: a hacked page that shows « Hacked by X » names its hacker. X is a hacker group even when
the gazetteer and the tagger do not know it, or cut it up (« Hacked by Iran Cyber Security Group Hoshyarane » is
not the place Iran), and X hacks the owner of the page the sentence speaks of."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.mentions import ORG_CLASSES, Mention
from kg.extract.text import folded_words
from kg.vocab import AGENT_CLASSES, slug

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

SIGNATURE_CONFIDENCE = 0.8
STOPS = {"-", "–", "—", "|", "/", ":", ",", ".", "!"}
VICTIMS = ORG_CLASSES | {"Person"}


def signature_spans(doc: Doc) -> list[tuple[int, int]]:
    """The token spans of the signers: the capitalised run after « Hacked by », up to a dash or a quotation mark."""
    spans, words = [], folded_words(doc)
    for i in range(len(doc) - 2):
        if words[i] == "hacked" and words[i + 1] == "by":
            end = i + 2
            while end < len(doc) and end < i + 10 and doc[end].text not in STOPS and not doc[end].is_quote \
                    and (doc[end].text[:1].isupper() or doc[end].like_num or doc[end].text == "&"):
                end += 1
            if end > i + 2:
                spans.append((i + 2, end))
    return spans


def with_signers(doc: Doc, names: list[Mention]) -> list[Mention]:
    """`names` with each signer as one hacker group: a known agent named there stays, other names inside give way."""
    for start, end in signature_spans(doc):
        known = next((m for m in names if m.start == start and m.cls in AGENT_CLASSES), None)
        if known and known.cls == "HackerGroup":
            continue
        names = [m for m in names if m.end <= start - 2 or m.start >= end]  # « Hacked By » is no name either
        text = doc[start:end].text
        names.append(Mention(start, end, slug(text), "HackerGroup", text, "name"))
    return sorted(names, key=lambda m: m.start)


def signature_facts(ctx: SentenceContext) -> list[tuple[Mention, Mention]]:
    """(signer, victim): the owner of the page, named with « de » before the signature (« la page d'accueil de
    Malaysia Airlines affichait … « Hacked by Lizard Squad » ») or after it (« … sur le site du journal Le Monde »),
    else the sentence's first organisation or person."""
    out = []
    words = folded_words(ctx.doc)
    spans = signature_spans(ctx.doc) if "hacked" in words[ctx.sent.start:ctx.sent.end] else []
    for start, end in [(s, e) for s, e in spans if ctx.sent.start <= s < ctx.sent.end]:
        signer = ctx.mention_at(start)
        before = [m for m in ctx.left_mentions(start - 2, ctx.sent.start) if m.cls in VICTIMS]
        after = [m for m in ctx.right_mentions(end, ctx.sent.end) if m.cls in VICTIMS]
        owners = [m for m in before + after if ctx.preposition_before(m) == "de"] or before[-1:]
        if signer and owners and owners[0].key != signer.key:
            out.append((signer, owners[0]))
    return out
