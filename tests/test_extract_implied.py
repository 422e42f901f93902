"""Facts a fact implies (kg.extract.implied): the owner of suspended accounts used the platform."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.implied import MIN_SURE, implied_uses
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
