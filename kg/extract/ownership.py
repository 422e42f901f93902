"""Companies owned by others: 'YouTube, filiale de Google', 'Meta, la maison mère de Facebook', 'la filiale du
groupe chinois ByteDance, TikTok', 'Instagram, propriété de Meta'. The owned and the owner are affiliated
(affiliatedWith, symmetric); the nouns are the lexicon's `[ownership].nouns`."""

from __future__ import annotations

import functools

from kg.extract.context import SentenceContext
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import ORG_CLASSES, Mention
from kg.extract.text import POSSESSIVES, folded_lemmas, folded_words, word
from kg.vocab import GROUP_CLASSES

OwnedFact = tuple[Mention, Mention, float]
DE = {"de", "du", "d'", "des"}
# « Contactée par Le Monde, la filiale de Google … »: the agent of a fronted participle is not apposed either
NOT_APPOSED = {"sur", "dans", "en", "via", "vers", "depuis", "sous", "pour", "avec", "entre", "par", "a", "selon"}
KIND_NOUNS = {"groupe", "societe", "entreprise", "firme", "geant", "conglomerat", "holding"}


def ownership_facts(ctx: SentenceContext, lex: Lexicon, recent=None) -> list[OwnedFact]:
    out: list[OwnedFact] = []
    words, lemmas = folded_words(ctx.doc), folded_lemmas(ctx.doc)
    for i in range(ctx.sent.start, ctx.sent.end):
        if words[i] in POSSESSIVES and i + 1 < ctx.sent.end and recent is not None:
            out += _possessed_branch(ctx, i, lex, recent)
            continue
        if lemmas[i] in lex.acquiring_verbs or lemmas[i] in lex.belonging_verbs:
            out += _acquired(ctx, i, lex)
            continue
        n = _noun_length(words, lemmas, i, lex)
        if not n:
            out += _product_of(ctx, i, lex) if lemmas[i] in lex.product_nouns else []
            continue
        owner = _owner_after(ctx, i + n)
        owned = _apposed_before(ctx, i) or _apposed_after(ctx, owner) or _described(ctx, i)
        if owner and owned:  # "la maison mère de Facebook et de WhatsApp": each one
            out += [(owned, o, 0.75) for o in _and_chain(ctx, owner) if o.key != owned.key]
    return out


GROUPS = GROUP_CLASSES


def _possessed_branch(ctx: SentenceContext, i: int, lex: Lexicon, recent) -> list[OwnedFact]:
    """'Amaq, son agence de propagande', 'Al-Kataib, sa branche médiatique', 'Instagram, sa filiale', 'sa filiale
    YouTube': the named branch of the group or company the clause is about (the subject before it in the sentence,
    else the topic subject)."""
    noun = ctx.doc[i + 1]
    if word(noun) not in lex.branch_nouns and folded_lemmas(ctx.doc)[i + 1] not in lex.branch_nouns:
        return []
    owned = _apposed_before(ctx, i + 1) or _named_after(ctx, i + 2)
    if owned is None:
        return []
    company = owned.cls == "Platform" or (word(noun),) in lex.ownership_nouns  # « sa filiale », not « sa branche »
    kinds = OWNER_CLASSES if company else GROUPS  # a company's subsidiary, a group's branch
    subjects = [m for m in ctx.left_mentions(owned.start, ctx.sent.start) if m.subject and m.cls in kinds]
    owner = subjects[0] if subjects else recent(kinds, min(owned.start, i), True)
    return [(owned, owner, 0.7)] if owner and owner.key != owned.key else []


def _named_after(ctx: SentenceContext, j: int) -> Mention | None:
    """'sa filiale YouTube', 'sa branche médiatique Amaq': the name right after the noun and its adjectives."""
    while j < ctx.sent.end and ctx.doc[j].pos_ == "ADJ" and not ctx.mention_at(j):
        j += 1
    m = ctx.mention_at(j)
    return m if m and m.start == j and m.kind == "name" and m.cls in ORG_CLASSES and m.key else None


def _product_of(ctx: SentenceContext, i: int, lex: Lexicon) -> list[OwnedFact]:
    """'Twitch, le service de streaming d'Amazon', 'WhatsApp, la messagerie de Meta': a name apposed to a kind of
    product (lexicon [ownership].products, the word at i) of a company is that company's."""
    if (owned := _apposed_before(ctx, i)) is None:
        return []
    j = i + 1
    while j < min(ctx.sent.end, i + 4) and ctx.doc[j].is_lower and not ctx.mention_at(j) and \
            not (word(ctx.doc[j]) in DE and ctx.mention_at(j + 1)):
        j += 1  # « de streaming », « vidéo », « en ligne »
    owner = _owner_after(ctx, j)
    return [(owned, owner, 0.7)] if owner and owner.cls in OWNER_CLASSES and owner.key != owned.key else []


OWNER_CLASSES = {"Platform", "Organization"}  # a company; not a person (« la messagerie de Pavel Durov »)


def _and_chain(ctx: SentenceContext, first: Mention) -> list[Mention]:
    """'de Facebook et de WhatsApp': the owners joined by 'et'/'ou' (a comma may end the apposition)."""
    out = [first]
    for m in ctx.chain(first, ORG_CLASSES)[1:]:
        if not {word(t) for t in ctx.doc[out[-1].end:m.start]} & {"et", "ou"}:
            break
        out.append(m)
    return out


def _noun_length(words, lemmas, i: int, lex: Lexicon) -> int:
    starts = _first_words(lex.ownership_nouns)
    if words[i] not in starts and lemmas[i] not in starts:
        return 0  # most words start no ownership noun: skip the phrase loop (it ran for every token)
    for phrase in lex.ownership_nouns:
        n = len(phrase)
        if tuple(lemmas[i:i + n]) == phrase or tuple(words[i:i + n]) == phrase:
            return n
    return 0


@functools.lru_cache(maxsize=4)
def _first_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in phrases)


def _owner_after(ctx: SentenceContext, j: int) -> Mention | None:
    """'de Google', 'du groupe chinois ByteDance'."""
    doc, end = ctx.doc, min(ctx.sent.end, j + 6)
    while j < end and doc[j].pos_ == "ADJ" and not ctx.mention_at(j):
        j += 1
    if j >= end or word(doc[j]) not in DE:
        return None
    j += 1
    while j < end and not ctx.mention_at(j) and (doc[j].pos_ in {"DET", "ADJ"} or word(doc[j]) in KIND_NOUNS):
        j += 1
    m = ctx.mention_at(j)
    return m if m and m.start == j and m.cls in ORG_CLASSES and m.key else None


def _apposed_before(ctx: SentenceContext, i: int) -> Mention | None:
    """'YouTube, (la) filiale de …'."""
    j = i - 1
    while j > ctx.sent.start and ctx.doc[j].pos_ in {"DET", "ADJ"}:
        j -= 1
    if j <= ctx.sent.start or ctx.doc[j].text != ",":
        return None
    m = ctx.mention_at(j - 1)
    opener = ctx.doc[ctx.sent.start]  # « Sur Reddit, … », « Dans un message posté sur Reddit, … »: a fronted phrase
    fronted = (opener.pos_ == "ADP" or "Part" in opener.morph.get("VerbForm")) and m is not None \
        and all(t.text != "," for t in ctx.doc[ctx.sent.start:m.start])  # not « Dans le détail, X a … sur Y, »
    if m is None or m.kind != "name" or fronted and ctx.preposition_before(m) in NOT_APPOSED:
        return None  # "sur son site, la filiale …", "posté sur Reddit, la maison mère …": a fronted phrase
    return m if m.cls in ORG_CLASSES and m.key else None


def _described(ctx: SentenceContext, i: int) -> Mention | None:
    """'la filiale du groupe chinois' as a reference to the company the text speaks of."""
    m = ctx.mention_at(i)
    return m if m and m.kind == "ref" and m.start == i and m.cls in ORG_CLASSES and m.key else None


def _apposed_after(ctx: SentenceContext, owner: Mention | None) -> Mention | None:
    """'la filiale de Google, YouTube, …'."""
    if owner is None or owner.end + 1 >= ctx.sent.end or ctx.doc[owner.end].text != ",":
        return None
    m = ctx.mention_at(owner.end + 1)
    return m if m and m.start == owner.end + 1 and m.cls in ORG_CLASSES and m.key else None


def _acquired(ctx: SentenceContext, i: int, lex: Lexicon) -> list[OwnedFact]:
    """« Facebook a racheté WhatsApp », « WhatsApp, racheté par Facebook », « Instagram, qui appartient à Meta »: a
    company bought by, or belonging to, another (both companies; a person who buys one is not its affiliate)."""
    verb = ctx.doc[i]
    if any(word(c) in {"ne", "n'"} for c in verb.children):
        return []
    owner, owned = _owner_and_owned(ctx, verb, folded_lemmas(ctx.doc)[i] in lex.belonging_verbs)
    if owner is None or owned is None or not owner.key or not owned.key or owner.key == owned.key:
        return []
    return [(owned, owner, 0.7)] if {owner.cls, owned.cls} <= OWNER_CLASSES else []


def _owner_and_owned(ctx: SentenceContext, verb, belonging: bool) -> tuple[Mention | None, Mention | None]:
    """The owner and the owned around a verb of buying or belonging (None where the text names none)."""
    kids = {c.dep_: c for c in verb.children}

    def at(tok) -> Mention | None:
        return ctx.mention_at(tok.i) if tok is not None else None

    if belonging:  # « X appartient à Y », « X, qui appartient à Y »
        subject = kids.get("nsubj")
        owned = verb.head if subject is not None and subject.pos_ == "PRON" else subject
        return at(next((c for c in verb.children if c.dep_.startswith("obl")), None)), at(owned)
    if "obl:agent" in kids:  # « racheté par Facebook », « WhatsApp, racheté par Facebook »
        return at(kids["obl:agent"]), at(kids.get("nsubj:pass") or _before_comma(ctx, verb))
    # the parser calls the object after « racheté » an oblique at times
    bought = kids.get("obj") or next((c for c in verb.children if c.dep_ == "obl:mod" and c.i == verb.i + 1), None)
    return at(kids.get("nsubj")), at(bought)


def _before_comma(ctx: SentenceContext, verb):
    """« WhatsApp, racheté par Facebook », « l'application, rachetée par Facebook »: the word before the comma that
    opens the participle, a name or a description (`_apposed_before` takes names only, for the nouns of ownership)."""
    if verb.i >= ctx.sent.start + 2 and ctx.doc[verb.i - 1].text == "," and not verb.dep_.startswith("aux"):
        return ctx.doc[verb.i - 2]
    return None
