"""Modality in extraction, as a table: hypothetical, negated, merely wished or possible actions yield no fact;
the journalistic conditional and claims yield the fact marked alleged; plain statements are not alleged."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.identity import ExtractorSettings
from kg.model import Article

RULES = ExtractorSettings(relations="rules")  # these tables test the rules; the model has tests/test_extract_model.py


def facts(nlp, text: str) -> dict[tuple[str, str, str], bool]:
    """(subject, relation, object) -> alleged."""
    ex = extract(nlp(text), Article(id="t", title="", text=text), settings=RULES)
    return {(f.subject, f.relation, f.object): f.alleged for f in ex.facts}


NOT_FACTS = [
    # (unrealised action, the same action stated as done, the fact): the second proves that the first lacks
    # the fact because of its modality, not because its arguments were missed
    # « ne … plus » without « que » is a negation
    ("Sur sa chaîne YouTube, Karim Benali ne publie plus de sermons.",
     "Sur sa chaîne YouTube, Karim Benali publie des sermons.",
     ("karim-benali", "uses", "youtube")),
    # hypothetical
    ("Si Facebook ferme les pages du Hamas, l'organisation se tournera vers Telegram.",
     "Facebook a fermé les pages du Hamas, et l'organisation s'est tournée vers Telegram.",
     ("facebook", "suspendsAccountsOf", "hamas")),
    ("Si Twitter décide de supprimer les comptes de Daesh, le groupe changera de plateforme.",
     "Twitter a supprimé les comptes de Daesh, et le groupe a changé de plateforme.",
     ("twitter", "suspendsAccountsOf", "daesh")),
    # negated
    ("Twitter n'a pas suspendu les comptes du Hezbollah.",
     "Twitter a suspendu les comptes du Hezbollah.",
     ("twitter", "suspendsAccountsOf", "hezbollah")),
    ("Telegram n'a jamais supprimé les canaux de l'EI.",
     "Telegram a supprimé les canaux de l'EI.",
     ("telegram", "suspendsAccountsOf", "daesh")),
    ("Facebook ne bloque plus les pages de Boko Haram.",
     "Facebook bloque les pages de Boko Haram.",
     ("facebook", "suspendsAccountsOf", "boko-haram")),
    ("Daesh n'a pas menacé Jack Dorsey, selon le FBI.",
     "Daesh a menacé Jack Dorsey, selon le FBI.",
     ("daesh", "threatens", "jack-dorsey")),
    # wished, asked for, possible
    ("Facebook ne veut pas que Daesh utilise sa plateforme.",
     "Daesh utilise Facebook.",
     ("daesh", "uses", "facebook")),
    ("Les autorités américaines souhaitent que Twitter supprime les comptes d'Al-Shabaab.",
     "Twitter supprime les comptes d'Al-Shabaab.",
     ("twitter", "suspendsAccountsOf", "al-shabaab")),
    ("Le gouvernement demande à YouTube de retirer les vidéos de Boko Haram.",
     "YouTube a retiré les vidéos de Boko Haram.",
     ("youtube", "suspendsAccountsOf", "boko-haram")),
    ("Twitter pourrait supprimer les comptes de Daesh dès la semaine prochaine.",
     "Twitter a supprimé les comptes de Daesh la semaine dernière.",
     ("twitter", "suspendsAccountsOf", "daesh")),
    ("Facebook refuse de supprimer les pages du Hamas.",
     "Facebook a supprimé les pages du Hamas.",
     ("facebook", "suspendsAccountsOf", "hamas")),
    ("Daesh ne menace pas Twitter.",
     "Daesh menace Twitter.",
     ("daesh", "threatens", "twitter")),
]

ALLEGED = [
    ("Le collectif Anonymous aurait piraté plusieurs comptes de l'État islamique.",
     ("anonymous", "hacks", "daesh")),
    ("La DGSI enquête sur des menaces qu'aurait lancées l'État islamique contre Twitter.",
     ("daesh", "threatens", "twitter")),
    ("Daesh aurait menacé Jack Dorsey dans un message audio.",
     ("daesh", "threatens", "jack-dorsey")),
    ("Selon la presse, Twitter aurait supprimé les comptes du Hamas.",
     ("twitter", "suspendsAccountsOf", "hamas")),
    ("GhostSec aurait pris le contrôle de plusieurs comptes de l'EI.",
     ("ghostsec", "hacks", "daesh")),
    ("Boko Haram aurait utilisé Telegram pour coordonner l'attaque.",
     ("boko-haram", "uses", "telegram")),
]

ASSERTED = [
    ("Le collectif Anonymous a piraté plusieurs comptes de l'État islamique.",
     ("anonymous", "hacks", "daesh")),
    ("Daesh a menacé Jack Dorsey dans un message audio.",
     ("daesh", "threatens", "jack-dorsey")),
    ("Twitter a supprimé les comptes du Hamas.",
     ("twitter", "suspendsAccountsOf", "hamas")),
    # a negation of the verb that reports a clause is not the clause's, nor one before a colon
    ("Le ministre n'a pas caché que Daesh avait menacé Jack Dorsey.",
     ("daesh", "threatens", "jack-dorsey")),
    ("Ce n'est pas une première : le collectif Anonymous a piraté plusieurs comptes de l'État islamique.",
     ("anonymous", "hacks", "daesh")),
    # « même si » concedes what happened
    ("Même si Twitter a supprimé les comptes du Hamas, le mouvement reste actif.",
     ("twitter", "suspendsAccountsOf", "hamas")),
    # « ne … que » says « only »: the restriction is no negation
    ("Sur sa chaîne YouTube, Karim Benali ne publie plus que des sermons.",
     ("karim-benali", "uses", "youtube")),
    ("Depuis mars, Twitter ne suspend plus que deux comptes de l'État islamique par jour.",
     ("twitter", "suspendsAccountsOf", "daesh")),
    ("Le collectif Anonymous ne pirate plus que des comptes de l'État islamique.",
     ("anonymous", "hacks", "daesh")),
]


@pytest.mark.parametrize(("text", "done", "fact"), NOT_FACTS, ids=[t[:50] for t, _, _ in NOT_FACTS])
def test_unrealised_action_is_no_fact(nlp, text, done, fact):
    assert fact not in facts(nlp, text)


@pytest.mark.parametrize(("text", "done", "fact"), NOT_FACTS, ids=[d[:50] for _, d, _ in NOT_FACTS])
def test_the_same_action_done_is_a_fact(nlp, text, done, fact):
    assert facts(nlp, done).get(fact) is False


@pytest.mark.parametrize(("text", "fact"), ALLEGED, ids=[t[:50] for t, _ in ALLEGED])
def test_conditional_or_claimed_fact_is_alleged(nlp, text, fact):
    assert facts(nlp, text).get(fact) is True


@pytest.mark.parametrize(("text", "fact"), ASSERTED, ids=[t[:50] for t, _ in ASSERTED])
def test_stated_fact_is_not_alleged(nlp, text, fact):
    assert facts(nlp, text).get(fact) is False
