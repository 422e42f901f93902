"""Modality in extraction, as a table: hypothetical, negated, merely wished or possible actions yield no fact;
the journalistic conditional and claims yield the fact marked alleged; plain statements are not alleged."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Article


def facts(nlp, text: str) -> dict[tuple[str, str, str], bool]:
    """(subject, relation, object) -> alleged."""
    ex = extract(nlp(text), Article(id="t", title="", text=text))
    return {(f.subject, f.relation, f.object): f.alleged for f in ex.facts}


NOT_FACTS = [
    # hypothetical
    ("Si Twitter décide de supprimer les comptes de Daesh, le groupe changera de plateforme.",
     ("twitter", "suspendsAccountsOf", "daesh")),
    # negated
    ("Twitter n'a pas suspendu les comptes du Hezbollah.",
     ("twitter", "suspendsAccountsOf", "hezbollah")),
    ("Telegram n'a jamais supprimé les canaux de l'EI.",
     ("telegram", "suspendsAccountsOf", "daesh")),
    ("Facebook ne bloque plus les pages de Boko Haram.",
     ("facebook", "suspendsAccountsOf", "boko-haram")),
    ("Daesh n'a pas menacé Jack Dorsey, selon le FBI.",
     ("daesh", "threatens", "jack-dorsey")),
    # wished, asked for, possible
    ("Facebook ne veut pas que Daesh utilise sa plateforme.",
     ("daesh", "uses", "facebook")),
    ("Les autorités américaines souhaitent que Twitter supprime les comptes d'Al-Shabaab.",
     ("twitter", "suspendsAccountsOf", "al-shabaab")),
    ("Le gouvernement demande à YouTube de retirer les vidéos de Boko Haram.",
     ("youtube", "suspendsAccountsOf", "boko-haram")),
    ("Twitter pourrait supprimer les comptes de Daesh dès la semaine prochaine.",
     ("twitter", "suspendsAccountsOf", "daesh")),
    ("Daesh menace de pirater Twitter.",
     ("daesh", "hacks", "twitter")),
]

ALLEGED = [
    ("Daesh aurait menacé Jack Dorsey dans un message audio.",
     ("daesh", "threatens", "jack-dorsey")),
    ("Selon la presse, Twitter aurait supprimé les comptes du Hamas.",
     ("twitter", "suspendsAccountsOf", "hamas")),
]

ASSERTED = [
    ("Le collectif Anonymous a piraté plusieurs comptes de l'État islamique.",
     ("anonymous", "hacks", "daesh")),
    ("Daesh a menacé Jack Dorsey dans un message audio.",
     ("daesh", "threatens", "jack-dorsey")),
    ("Twitter a supprimé les comptes du Hamas.",
     ("twitter", "suspendsAccountsOf", "hamas")),
]


@pytest.mark.parametrize(("text", "fact"), NOT_FACTS, ids=[t[:50] for t, _ in NOT_FACTS])
def test_unrealised_action_is_no_fact(nlp, text, fact):
    assert fact not in facts(nlp, text)


@pytest.mark.parametrize(("text", "fact"), ALLEGED, ids=[t[:50] for t, _ in ALLEGED])
def test_conditional_or_claimed_fact_is_alleged(nlp, text, fact):
    assert facts(nlp, text).get(fact) is True


@pytest.mark.parametrize(("text", "fact"), ASSERTED, ids=[t[:50] for t, _ in ASSERTED])
def test_stated_fact_is_not_alleged(nlp, text, fact):
    assert facts(nlp, text).get(fact) is False
