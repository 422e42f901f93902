"""Facts one fact implies: a platform that closes an owner's accounts had that owner among its users (« Twitter a
suspendu 70 000 comptes liés à QAnon »: QAnon used Twitter). Annotators of every read set wrote the use beside
the suspension (required or optional for about nine suspensions in ten); the contract's `uses` is having accounts
on the platform to communicate, recruit or spread propaganda. Measured on whole builds the inferred use is right
about a third of the time (the suspension itself may be wrong, the gold may leave the use out), so its confidence
is low: `--min-confidence 0.5` leaves it out.

Organisations that found one thing together act together: « Facebook, Microsoft, Twitter et YouTube ont fondé le
GIFCT » is also their cooperation (cooperatesWith, symmetric). People who co-found a company are not said to
cooperate (the annotators of the read sets never wrote it), so only organisations count."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from itertools import combinations

from kg.extract.lexicon import load_lexicon
from kg.model import Entity, Fact
from kg.vocab import ORGANIZATION_CLASSES

IMPLIED_FACTOR = 0.5  # measured: of the uses it added over every set of 0.4.11, 11 right, 20 not in the gold
MIN_SURE = 0.7  # only from suspensions sure enough that the use is worth stating


def implied_uses(facts: list[Fact], entities: dict[str, Entity]) -> list[Fact]:
    """The facts, and for each sure suspension the owner's use of the platform, unless a fact states that use with
    a higher confidence (as the sink keeps one record per fact, the surer)."""
    best = {(f.subject, f.relation, f.object): f for f in facts}
    for f in facts:
        owner, platform = entities.get(f.object), entities.get(f.subject)
        if f.relation != "suspendsAccountsOf" or owner is None or platform is None or f.confidence < MIN_SURE:
            continue
        if owner.cls not in load_lexicon().relations["uses"].agent or platform.cls != "Platform":
            continue  # the users the lexicon's rules know: not a platform hosted by another (« Amazon a banni Parler »)
        key = (f.object, "uses", f.subject)
        use = replace(f, subject=f.object, relation="uses", object=f.subject, cue="implied",
                      confidence=round(f.confidence * IMPLIED_FACTOR, 2))
        if key not in best or best[key].confidence < use.confidence:
            best[key] = use
    return sorted(best.values(), key=lambda f: (f.evidence.start, f.subject, f.relation, f.object))


def cofounders(facts: list[Fact], entities: dict[str, Entity]) -> list[Fact]:
    """The facts, and cooperatesWith between organisations one sentence says founded the same thing, each pair once
    (the lower of the two founding facts' confidences), unless a fact already states that cooperation."""
    founders: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        cls = entities[f.subject].cls if f.subject in entities else ""
        if f.relation == "founderOf" and cls in ORGANIZATION_CLASSES and not f.alleged:
            founders[(f.evidence.start, f.object)].append(f)
    known = {frozenset((f.subject, f.object)) for f in facts if f.relation == "cooperatesWith"}
    out = list(facts)
    for group in founders.values():
        for a, b in combinations(sorted(group, key=lambda f: f.subject), 2):
            if a.subject != b.subject and frozenset((a.subject, b.subject)) not in known:
                known.add(frozenset((a.subject, b.subject)))
                out.append(replace(a, relation="cooperatesWith", object=b.subject, cue="cofounders",
                                   confidence=min(a.confidence, b.confidence)))
    return sorted(out, key=lambda f: (f.evidence.start, f.subject, f.relation, f.object))
