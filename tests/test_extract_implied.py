"""Facts a fact implies (kg.extract.implied): the owner of suspended accounts used the platform; organisations that
found one thing together cooperate."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.implied import MIN_SURE, cofounders, implied_uses
from kg.model import Article, Entity, Evidence, Fact


def facts_of(nlp, text: str) -> dict[tuple[str, str, str], Fact]:
    ex = extract(nlp(text), Article(id="t", title="", text=text))
    return {(f.subject, f.relation, f.object): f for f in ex.facts}


@pytest.mark.parametrize(("text", "use"), [
    ("Twitter a suspendu 70 000 comptes liés à la mouvance Patriot Front.", ("patriot-front", "uses", "twitter")),
    ("Facebook a supprimé les pages de la Ligue du Nord en Italie.", ("lega", "uses", "facebook")),
])
def test_a_sure_suspension_implies_the_owner_used_the_platform(nlp, text, use):
    fact = facts_of(nlp, text).get(use)
    assert fact is not None and fact.cue == "implied"


def test_a_hypothetical_suspension_implies_nothing(nlp):
    facts = facts_of(nlp, "Si TikTok bannissait les talibans, le groupe irait ailleurs.")
    assert not [f for f in facts if f[1] == "uses"]


def test_a_stated_use_keeps_its_own_evidence(nlp):
    facts = facts_of(nlp, "Le Hamas utilise Telegram. Telegram a fermé les canaux du Hamas.")
    assert facts[("hamas", "uses", "telegram")].cue == "utiliser"


EVIDENCE = Evidence("X a fermé les comptes de Y.", 0, 27)
ENTITIES = {"x": Entity("x", "X", "Platform"), "y": Entity("y", "Y", "TerroristGroup"),
            "rome": Entity("rome", "Rome", "Place")}


@pytest.mark.parametrize(("fact", "implied"), [
    (Fact("x", "suspendsAccountsOf", "y", EVIDENCE, 0.8), {("y", "uses", "x")}),
    (Fact("x", "suspendsAccountsOf", "y", EVIDENCE, MIN_SURE - 0.01), set()),  # not sure enough
    (Fact("x", "suspendsAccountsOf", "rome", EVIDENCE, 0.9), set()),  # a place uses nothing
    (Fact("x", "leaderOf", "y", EVIDENCE, 0.9), set()),
])
def test_implied_uses_table(fact, implied):
    found = {(f.subject, f.relation, f.object) for f in implied_uses([fact], ENTITIES)} - {
        (fact.subject, fact.relation, fact.object)}
    assert found == implied


@pytest.mark.parametrize(("text", "partners"), [
    ("En 2006, Microsoft et Google ont fondé l'association Tech Coalition.", {"google", "microsoft"}),
    ("La Ligue arabe a été fondée par l'Égypte, la Syrie et le Liban.", set()),  # places are no founders' partners
    ("Pavel Durov et Nikolaï Durov ont fondé Telegram.", set()),  # co-founding people: not written as cooperation
])
def test_organisations_that_found_one_thing_together_cooperate(nlp, text, partners):
    found = {frozenset((s, o)) for s, r, o in facts_of(nlp, text) if r == "cooperatesWith"}
    assert found == ({frozenset(partners)} if partners else set())


FOUNDED = Evidence("X et Z ont fondé W.", 0, 19)
OTHER = Evidence("Z a fondé W.", 20, 32)
PARTNERS = {"x": Entity("x", "X", "Platform"), "z": Entity("z", "Z", "Organization"),
            "w": Entity("w", "W", "Organization"), "p": Entity("p", "P", "Person")}


@pytest.mark.parametrize(("facts", "expected"), [
    ([Fact("x", "founderOf", "w", FOUNDED, 0.8), Fact("z", "founderOf", "w", FOUNDED, 0.6)], {("x", "z", 0.6)}),
    ([Fact("x", "founderOf", "w", FOUNDED, 0.8), Fact("z", "founderOf", "w", OTHER, 0.6)], set()),  # two sentences
    ([Fact("x", "founderOf", "w", FOUNDED, 0.8), Fact("p", "founderOf", "w", FOUNDED, 0.6)], set()),  # a person
    ([Fact("x", "founderOf", "w", FOUNDED, 0.8), Fact("z", "founderOf", "w", FOUNDED, 0.6, alleged=True)], set()),
])
def test_cofounders_table(facts, expected):
    found = {(f.subject, f.object, f.confidence) for f in cofounders(facts, PARTNERS) if f.relation == "cooperatesWith"}
    assert found == expected
