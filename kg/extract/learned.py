"""The model's facts for one sentence: candidate pairs of the sentence's resolved mentions, scored by the
relation model, kept when their calibrated probability reaches the minimum and the rules' modality check
(negation, hypothesis, wish) lets the statement stand; the conditional marks a fact alleged."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.cues import modality, restrictive
from kg.extract.features import Side, joining_token, span_root
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.relmodel import RelationModel, best_relations, candidate_pairs, cue_map, featurise
from kg.extract.sink import FactSink
from kg.model import Fact
from kg.vocab import tfold

NEGATION_PARTICLES = frozenset({"ne", "n'"})
ORGANISATION_TIES = frozenset({"founderOf", "leaderOf", "memberOf"})
SURE = 0.95  # a model fact this sure stands against the roles (which may have misread the sentence themselves)
NOUN_PHRASE_LINKS = frozenset({"appos", "nmod", "acl", "acl:relcl"})  # a name's own apposition or complement
CLIMBING = frozenset({"nsubj", "nsubj:pass", "obj", "obl", "obl:arg", "obl:agent", "conj", "appos", "nmod"})

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def sentence_sides(ctx: SentenceContext) -> tuple[list[Mention], list[Side]]:
    """The sentence's mentions that stand for known entities, as the model's sides."""
    mentions = [m for m in ctx.mentions if m.all_keys() and m.start >= 0]
    return mentions, [Side(m.start, m.end, m.cls, m.kind != "name") for m in mentions]


def model_facts(ctx: SentenceContext, model: RelationModel, lex: Lexicon, sink: FactSink,
                minimum: float | None = None, roles: dict[str, set[str]] | None = None) -> None:
    mentions, sides = sentence_sides(ctx)
    pairs = [(i, j) for i, j in candidate_pairs(sides)
             if set(mentions[i].all_keys()).isdisjoint(mentions[j].all_keys())]
    if not pairs:
        return
    sparse, dense = featurise(ctx.doc, sides, pairs, cue_map())
    for i, j, relation, probability in best_relations(model, model.probabilities(sparse, dense), sides, pairs, minimum):
        unlikely = _unlikely(lex, relation, sides[i].cls, sides[j].cls) or \
            relation == "cooperatesWith" and probability < SURE and _listed_together(ctx, mentions[i], mentions[j])
        if unlikely or probability < SURE and (_other_role(roles, relation, mentions[i], mentions[j])
                                               or _role_taken(roles, relation, mentions[i], mentions[j])):
            continue
        mood = _mood(ctx.doc, sides[i], sides[j], lex)
        if mood is not None:
            sink.fact(mentions[i], relation, mentions[j], probability, "model", mood == "alleged")


def _listed_together(ctx: SentenceContext, a: Mention, b: Mention) -> bool:
    """« contre Facebook, Twitter et YouTube », « un mois après Facebook, YouTube et Apple »: names of one list are
    named together, which says nothing of their working together (a joint act is the rules' to read)."""
    first, second = (a, b) if a.start < b.start else (b, a)
    inside = {i for m in ctx.mentions for i in range(m.start, m.end)}
    return first.end <= second.start and all(t.text in {",", "et", "ou"} or t.i in inside
                                             for t in ctx.doc[first.end:second.start])


def _unlikely(lex: Lexicon, relation: str, head: str, child: str) -> bool:
    """A class pair whose model facts of this relation were rarely right (the lexicon's `model_unlikely`)."""
    cues = lex.relations.get(relation)
    return cues is not None and (head, child) in cues.model_unlikely


def _other_role(roles: dict[str, set[str]] | None, relation: str, head: Mention, child: Mention) -> bool:
    """« le chef de Boko Haram, Abubakar Shekau, … obtenue par l'AFP »: a person whom the sentence gives a role
    (kg.extract.roles) in some organisations holds no other tie to an organisation in that sentence; and between
    the person and their own organisation the role is the only link (« la directrice de fedpol, X, a précisé que
    l'enquête … » is no inquiry of fedpol into X)."""
    person, other = (head, child) if head.cls == "Person" else (child, head)
    tied = set().union(*(roles.get(key, set()) for key in person.all_keys())) if roles else set()
    if not tied or person.cls != "Person":
        return False
    own = not tied.isdisjoint(other.all_keys())
    return not own if relation in ORGANISATION_TIES else own


def _role_taken(roles: dict[str, set[str]] | None, relation: str, head: Mention, child: Mention) -> bool:
    """« La justice française a mis en examen Pavel Durov, le fondateur de Telegram »: the organisation whose
    founder or head the sentence's role names is founded or led by that person, not by a body beside them."""
    held = set().union(*roles.values()) if roles else set()
    return relation in {"founderOf", "leaderOf"} and head.cls != "Person" and not held.isdisjoint(child.all_keys())


def calibrated_rule_facts(facts: list[Fact], model: RelationModel) -> list[Fact]:
    """The rules' facts with their confidence put on the model's calibrated scale."""
    return [f if f.cue == "model" else replace(f, confidence=model.calibrated_rule(f.confidence)) for f in facts]


def _mood(doc: Doc, head: Side, child: Side, lex: Lexicon) -> str | None:
    """The rules' modality of the word that joins the pair: None when negated, hypothetical or wished."""
    roots = (span_root(doc, head), span_root(doc, child))
    top = joining_token(doc, head, child)
    word = doc[top] if top is not None else roots[0]
    inner = _step_below(word, roots) if word in roots else None
    if inner is not None and inner.dep_ in NOUN_PHRASE_LINKS and word.pos_ in {"PROPN", "NOUN"}:
        word = inner  # « X, journaliste à France 24 »: the noun phrase states the link, whatever its clause says
    while word in roots and word.dep_ in CLIMBING and word.head is not word:
        word = word.head  # 'Europol et Twitter ne coopèrent pas': a coordinated pair is joined by their verb
    near = [*word.children, *(g for c in word.children if c.dep_.startswith("aux") for g in c.children)]
    if any(tfold(c.text) in NEGATION_PARTICLES for c in near) and not restrictive(doc, word.i):
        return None  # French 'ne'/'n'' on the joining verb negates it ('Jamais le FBI n'a enquêté sur …')
    return modality(word, lex)


def _step_below(top: Token, roots: tuple[Token, Token]) -> Token | None:
    """The word right under `top` on the way down to the other side's root (None when that root is not under it)."""
    other = roots[1] if top == roots[0] else roots[0]
    return next((t for t in (other, *other.ancestors) if t.head == top and t != top), None)
