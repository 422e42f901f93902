"""Where someone lives or a group acts: « les deux frères vivaient à Lille », « un groupe qui dit opérer depuis la
Turquie », « X s'est réfugié en Turquie », « le groupe Wagner, présent en Centrafrique », « un groupe armé actif
dans le Baloutchistan ». The verb or the adjective says the presence; its subject (or the noun it qualifies) is
in the place its complement names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.mentions import Mention
from kg.extract.text import doc_tokens, folded_lemmas, folded_words, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token

PRESENCE_CONFIDENCE = 0.7
# verbs of living or acting somewhere (lemmas); « se trouver » only reflexive (« X se trouverait en Syrie »)
LIVING_VERBS = {"vivre", "resider", "habiter", "sejourner", "operer", "refugier", "exiler", "trouver"}
REFLEXIVE_ONLY = {"trouver", "refugier"}
# verbs of arrest: whoever is arrested somewhere was there (« X a été interpellé à Roubaix », « la police a arrêté X
# en Belgique »); the one arrested is the object or the passive subject
ARREST_VERBS = {"arreter", "interpeller", "apprehender", "capturer"}
# adjectives and participles that place the noun they qualify (folded words)
PRESENT_WORDS = {"actif", "active", "actifs", "actives", "present", "presente", "presents", "presentes",
                 "refugie", "refugiee", "refugies", "refugiees", "exile", "exilee", "exiles", "exilees"}
PLACE_CASES = {"a", "en", "au", "aux", "dans", "depuis"}
HOLDER_CLASSES = {"Person", "Organization", "TerroristGroup", "HackerGroup", "MediaOutlet", "Platform",
                  "GovernmentBody"}


def presence_facts(ctx: SentenceContext) -> list[tuple[Mention, Mention, float]]:
    lemmas, words = folded_lemmas(ctx.doc), folded_words(ctx.doc)
    out, toks = [], doc_tokens(ctx.doc)
    wanted = ARREST_VERBS | LIVING_VERBS
    for i in range(ctx.sent.start, ctx.sent.end):
        if lemmas[i] not in wanted and words[i] not in PRESENT_WORDS:
            continue  # most words are neither: their Token objects are not worth making
        tok = toks[i]
        if lemmas[i] in ARREST_VERBS and tok.pos_ == "VERB":
            out += _arrested_at(tok, ctx)
            continue
        verb = lemmas[i] in LIVING_VERBS and tok.pos_ == "VERB" and _reflexive_if_needed(tok, lemmas[i])
        if not verb and not (words[i] in PRESENT_WORDS and tok.dep_ in {"amod", "acl", "appos"}):
            continue
        holder = _subject_holder(tok, ctx) if verb else _qualified_holder(tok, ctx)
        # a platform lives nowhere: a pronoun resolved to one (« où il séjourne ») is a coreference slip
        if holder is not None and not (holder.kind == "ref" and holder.cls == "Platform"):
            out += [(holder, place, PRESENCE_CONFIDENCE) for place in _places(tok, ctx)]
    return out


def _arrested_at(verb: Token, ctx: SentenceContext) -> list[tuple[Mention, Mention, float]]:
    """« X a été interpellé à Roubaix », « la police a arrêté X en Belgique »: the person arrested (object or passive
    subject; not a company named inside the description of the one arrested) was where it happened."""
    arrested = [_named_in(c, ctx) for c in verb.children if c.dep_ in {"obj", "nsubj:pass"}]
    return [(held, place, PRESENCE_CONFIDENCE) for held in arrested if held is not None and held.cls == "Person"
            for place in _places(verb, ctx)]


def _reflexive_if_needed(tok: Token, lemma: str) -> bool:
    return lemma not in REFLEXIVE_ONLY or any(word(c) in {"se", "s'"} for c in tok.children)


def _places(tok: Token, ctx: SentenceContext) -> list[Mention]:
    """The places the word's own complements name (« à Lille », « depuis la Turquie », « en Centrafrique »)."""
    out = []
    for child in tok.children:
        if child.dep_ not in {"obl", "obl:mod", "obl:arg", "nmod"}:
            continue
        place = ctx.mention_at(child.i)
        cases = {word(c) for c in child.children if c.dep_ == "case"}
        if place is not None and place.cls == "Place" and cases & PLACE_CASES:
            out.append(place)
    return out + _where_before(tok, ctx)


def _where_before(tok: Token, ctx: SentenceContext) -> list[Mention]:
    """« depuis Chypre, où il séjourne »: the place just before the « où » that opens the verb's clause (the parser
    often hangs such a clause on the wrong noun, so the place is found by position)."""
    where = next((c for c in tok.children if word(c) == "ou" and c.i < tok.i), None)
    if where is None or where.i - 2 < ctx.sent.start:
        return []
    before = where.i - 1 if ctx.doc[where.i - 1].text == "," else where.i
    place = ctx.mention_at(before - 1)
    return [place] if place is not None and place.cls == "Place" and place.end == before else []


def _subject_holder(tok: Token, ctx: SentenceContext) -> Mention | None:
    """The subject of the verb, or of the verb it completes (« qui dit opérer »); « qui » stands for its antecedent."""
    verb = tok
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None and tok.dep_ == "xcomp":
        verb = tok.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and word(subject) == "qui" and verb.dep_ == "acl:relcl":
        subject = verb.head
    return _named_in(subject, ctx) if subject is not None else _name_before(tok, ctx)


def _name_before(tok: Token, ctx: SentenceContext) -> Mention | None:
    """No subject parsed (« Né en Tunisie, Karim Saadi vivait en France »: the parser hangs the verb on the name):
    the name right before the verb, when no preposition governs it."""
    before = ctx.mention_at(tok.i - 1) if tok.i > ctx.sent.start else None
    if before is None or before.end != tok.i or before.kind != "name" or ctx.preposition_before(before):
        return None
    return before if before.cls in HOLDER_CLASSES and before.key else None


def _qualified_holder(tok: Token, ctx: SentenceContext) -> Mention | None:
    """« le groupe Wagner, présent en Centrafrique »: the noun the adjective qualifies, or the name it is apposed to."""
    return _named_in(tok.head, ctx)


def _named_in(tok: Token, ctx: SentenceContext) -> Mention | None:
    """The entity a noun phrase names: at its head, or the first name inside it (« le groupe de hackers X »)."""
    at = ctx.mention_at(tok.i)
    if at is None:
        inside = [m for m in ctx.mentions if tok.left_edge.i <= m.start and m.end <= tok.i + 1 + _flat(tok)]
        at = next((m for m in inside if m.cls in HOLDER_CLASSES), None)
    return at if at is not None and at.cls in HOLDER_CLASSES and at.key else None


def _flat(tok: Token) -> int:
    """How far a name runs past its head (« Ghost Squad » hangs from « groupe »): the head's nmod names."""
    names = [c for c in tok.children if c.dep_ in {"nmod", "appos", "flat:name"} and c.i > tok.i and c.pos_ == "PROPN"]
    return max((c.right_edge.i - tok.i for c in names), default=0)
