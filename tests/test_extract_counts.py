"""Counted account events, as a table: the number of accounts a sentence reports, attached to the right kind
of event (suspension or take-over), agent and target; French number formats included."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.identity import ExtractorSettings
from kg.model import Article

RULES = ExtractorSettings(relations="rules")  # these tables test the rules; the model has tests/test_extract_model.py


def events(nlp, text: str) -> set[tuple[str, str, str, int]]:
    ex = extract(nlp(text), Article(id="t", title="", text=text), settings=RULES)
    return {(e.kind, e.agent, e.target, e.count) for e in ex.events}


COUNTED = [
    # accounts closed for terrorism, no owner named: the jihadists' (lexicon [accounts].terror_motives)
    ("Sur ces six mois, Twitter dit avoir suspendu 274 460 comptes pour apologie du terrorisme.",
     {("AccountSuspension", "twitter", "jihadists", 274460)}),
    ("Concernant la propagande terroriste, Telegram dit avoir fermé près de 130 000 groupes et canaux en 2024.",
     {("AccountSuspension", "telegram", "jihadists", 130000)}),
    # a country whose accounts they are, said by « liés à », « originaires de », « gérés depuis » …
    ("Twitter a supprimé 2 617 comptes liés à l'Iran.", {("AccountSuspension", "twitter", "iran", 2617)}),
    ("Twitter dit avoir suspendu 104 comptes originaires d'Iran.", {("AccountSuspension", "twitter", "iran", 104)}),
    # ... but never when the sentence names the owner
    ("Après l'attentat terroriste, Facebook a supprimé 1 500 comptes de Britain First.",
     {("AccountSuspension", "facebook", "britain-first", 1500)}),
    ("Twitter a suspendu 10 000 comptes liés à l'État islamique.",
     {("AccountSuspension", "twitter", "daesh", 10000)}),
    ("Facebook a supprimé 125.000 comptes de Daesh depuis janvier.",
     {("AccountSuspension", "facebook", "daesh", 125000)}),
    ("Twitter a fermé 360 000 comptes de jihadistes depuis la mi-2015.",
     {("AccountSuspension", "twitter", "jihadists", 360000)}),
    ("Twitter a suspendu 3000 comptes de Boko Haram en une semaine.",
     {("AccountSuspension", "twitter", "boko-haram", 3000)}),
    # a narrow or plain no-break space between digit groups, which the tokenizer keeps as a token of its own
    ("Twitter a suspendu 2\u202f617 comptes liés à l'État islamique.",
     {("AccountSuspension", "twitter", "daesh", 2617)}),
    ("Facebook a supprimé 3\u00a0 814 comptes de Daesh.",
     {("AccountSuspension", "facebook", "daesh", 3814)}),
    ("Telegram a bloqué plus de 2 500 canaux utilisés par Daesh.",
     {("AccountSuspension", "telegram", "daesh", 2500)}),
    ("Selon le réseau social, 45 000 comptes de l'État islamique ont été suspendus par Twitter.",
     {("AccountSuspension", "twitter", "daesh", 45000)}),
    ("Chaque semaine, 1 200 comptes d'Al-Shabaab se font évincer de Twitter.",
     {("AccountSuspension", "twitter", "al-shabaab", 1200)}),
    ("Le groupe GhostSec a piraté 3 000 comptes Twitter et 1 500 pages Facebook.",
     {("AccountTakeover", "ghostsec", "twitter", 3000), ("AccountTakeover", "ghostsec", "facebook", 1500)}),
    # of a list of counts, the accounts; with no accounts in it, the first
    ("Facebook a supprimé 2 300 comptes, 410 pages et 12 groupes de l'État islamique.",
     {("AccountSuspension", "facebook", "daesh", 2300)}),
    ("Telegram a bloqué 950 groupes, 120 canaux et 40 robots de l'État islamique.",
     {("AccountSuspension", "telegram", "daesh", 950)}),
    ("Twitter a suspendu 5.000 comptes de l'EI.",
     {("AccountSuspension", "twitter", "daesh", 5000)}),
    # counted accounts with no owner named, in an article about one group: that group's
    ("Al-Shabaab diffuse ses vidéos sur Telegram. Le groupe publie aussi sur Facebook. La plateforme a fermé "
     "420 pages mardi.", {("AccountSuspension", "facebook", "al-shabaab", 420)}),
    # accounts that spread a group's word are the group's
    ("Facebook a supprimé 640 pages qui relayaient les vidéos d'Al-Shabaab.",
     {("AccountSuspension", "facebook", "al-shabaab", 640)}),
    ("Telegram a supprimé 1 300 canaux qui diffusaient la propagande de l'État islamique.",
     {("AccountSuspension", "telegram", "daesh", 1300)}),
    # counts with a scale, in words, or round
    ("Twitter a suspendu 1,2 million de comptes liés à l'État islamique depuis 2015.",
     {("AccountSuspension", "twitter", "daesh", 1_200_000)}),
    ("Facebook a supprimé deux millions de comptes de l'État islamique.",
     {("AccountSuspension", "facebook", "daesh", 2_000_000)}),
    ("Telegram a fermé une soixantaine de canaux de l'État islamique.",
     {("AccountSuspension", "telegram", "daesh", 60)}),
    ("Twitter a suspendu deux cent cinquante mille comptes de l'État islamique.",
     {("AccountSuspension", "twitter", "daesh", 250_000)}),
    # a count in a passive with neither side said, in an article about one platform and one group
    ("Telegram héberge la propagande de l'État islamique. Le groupe y diffuse ses vidéos. Telegram a réagi. "
     "Depuis janvier, 8 000 comptes ont été supprimés.", {("AccountSuspension", "telegram", "daesh", 8000)}),
    ("Twitter traque l'État islamique. Le groupe jihadiste perd du terrain. Au total, 235 000 comptes faisant la "
     "promotion du terrorisme ont été fermés par le réseau social.",
     {("AccountSuspension", "twitter", "daesh", 235_000)}),
    # the owner after a list of account nouns and a place phrase
    ("Facebook a supprimé 265 comptes, pages, groupes et événements sur son réseau et sur Instagram, liés à une "
     "officine de propagande iranienne, la société Liberty Front Press.",
     {("AccountSuspension", "facebook", "liberty-front-press", 265)}),
    # a count with no owner in an article that names no armed group: the owner its earlier suspensions name most
    ("Facebook a fermé les pages de l'opération Ghostwriter. Puis le réseau social a supprimé 480 comptes.",
     {("AccountSuspension", "facebook", "ghostwriter", 480)}),
    # a count with no owner: the influence network the sentence before describes, definite or not
    ("Le réseau italien diffusait des rumeurs sur le vote. YouTube a ensuite fermé 230 chaînes.",
     {("AccountSuspension", "youtube", "reseau-italien", 230)}),
    ("Une campagne turque visait l'Arménie. Twitter a supprimé 1 200 comptes.",
     {("AccountSuspension", "twitter", "campagne-turque", 1200)}),
    # a network given by its size, in an article where a platform removes accounts
    ("Meta a supprimé deux réseaux. Le réseau brésilien, qui comptait 412 comptes Facebook, visait les électeurs.",
     {("AccountSuspension", "facebook", "reseau-bresilien", 412)}),
    ("TikTok a banni plusieurs campagnes. Une campagne vénézuélienne de 95 comptes relayait le pouvoir.",
     {("AccountSuspension", "tiktok", "campagne-venezuelienne", 95)}),
    ("Twitter a fermé des comptes. Un réseau égyptien regroupant 2 541 comptes louait l'armée.",
     {("AccountSuspension", "twitter", "reseau-egyptien", 2541)}),
    # accounts a participle ties to their owner, in a sentence with no verb of removal, where a platform removes
    ("YouTube a supprimé des chaînes de propagande. Parmi elles, 340 chaînes liées au Hezbollah.",
     {("AccountSuspension", "youtube", "hezbollah", 340)}),
    ("Twitter a suspendu des réseaux de faux comptes. Le premier, fort de 3 104 comptes gérés depuis le Honduras, "
     "vantait le président.", {("AccountSuspension", "twitter", "honduras", 3104)}),
    ("Telegram a fait le ménage. Soit 4 200 canaux rattachés à Al-Qaïda.",
     {("AccountSuspension", "telegram", "al-qaida", 4200)}),
    # a take-down report going country by country: the place set before the clause is whose the accounts are
    ("Aux Philippines, YouTube a supprimé 75 chaînes.", {("AccountSuspension", "youtube", "philippines", 75)}),
    ("Au Maroc, 310 comptes ont été fermés par Facebook.", {("AccountSuspension", "facebook", "morocco", 310)}),
    # accounts tied to a motive, not an owner: the jihadists' (lexicon [accounts].terror_owner)
    ("YouTube a fermé 9 000 chaînes liées au terrorisme en 2019.",
     {("AccountSuspension", "youtube", "jihadists", 9000)}),
    ("Twitter a suspendu 10 000 comptes liés à des activités terroristes.",
     {("AccountSuspension", "twitter", "jihadists", 10000)}),
]

# a ministry named by its portfolio alone owns the accounts tied to it; accounts « compromis » are taken over
COUNTED += [
    ("Selon l'acte d'accusation, 40 comptes Gmail ont été compromis par Paul Girard.",
     {("AccountTakeover", "paul-girard", "gmail", 40)}),
    ("Twitter a supprimé 418 comptes liés au ministère des Technologies de l'information.",
     {("AccountSuspension", "twitter", "ministere-des-technologies-de-l-information", 418)}),
]

# a count that details the removal the sentence before told: that removal's owner, and its platform when none is said
COUNTED += [
    ("Twitter a supprimé des milliers de comptes liés à l'Iran. Dans le détail, le réseau social a fermé 2 617 "
     "comptes et 40 pages.",
     {("AccountSuspension", "twitter", "iran", 2617)}),
    ("Meta a supprimé des comptes liés au Hezbollah. Au total, 84 comptes Facebook ont été supprimés.",
     {("AccountSuspension", "meta", "hezbollah", 84)}),
]

NOT_COUNTED = [
    # (text, (kind, agent, target, count) that must be absent; '*' matches anything)
    # a country where the accounts are is not whose they are
    ("Twitter a suspendu 500 comptes en France.", {("AccountSuspension", "*", "france", "*")}),
    ("En France, Twitter a suspendu 500 comptes de l'État islamique.", {("AccountSuspension", "*", "france", "*")}),
    ("En mars, Twitter a suspendu 500 comptes.", {("AccountSuspension", "*", "*", "*")}),  # a time, no place
    ("Al-Shabaab diffuse ses vidéos sur Telegram. Daech aussi. Telegram a fermé 420 canaux.",  # no one group
     {("AccountSuspension", "*", "*", "*")}),
    ("Twitter a suspendu 300 comptes qui critiquaient l'État islamique.",
     {("AccountSuspension", "*", "daesh", "*")}),
    ("Facebook a supprimé les pages du Hezbollah, qui compte 50 000 abonnés.",
     {("*", "*", "*", 50000)}),
    ("Twitter a suspendu des comptes de Daesh ; l'organisation revendique 20 000 partisans.",
     {("*", "*", "*", 20000)}),
    ("Twitter n'a pas suspendu les 8 000 comptes du Hamas.",
     {("AccountSuspension", "*", "*", "*")}),
    ("Si Facebook supprime 4 000 comptes de Daesh, l'organisation ira ailleurs.",
     {("AccountSuspension", "*", "*", "*")}),
    ("Twitter a suspendu 12 000 comptes de Daesh.",  # a suspension is not a take-over
     {("AccountTakeover", "*", "*", "*")}),
    ("Facebook a supprimé 2 300 comptes, 410 pages et 12 groupes de l'État islamique.",  # not the pages
     {("*", "*", "*", 410)}),
    ("Twitter a suspendu un compte de l'État islamique.",  # « un compte » is an account, not a count
     {("*", "*", "*", 1)}),
    ("Twitter a suspendu des milliers de comptes de l'État islamique.",  # no number
     {("*", "*", "*", "*")}),
    # a network's size is a removal only where a platform removes accounts
    ("Un réseau brésilien de 412 comptes visait les électeurs, selon des chercheurs.",
     {("*", "*", "*", "*")}),
    ("Si Meta supprimait des comptes, le réseau brésilien, qui comptait 412 comptes, perdrait sa voix.",
     {("*", "*", "*", 412)}),
    # accounts counted with their owner but not tied to it by a participle, or where no platform removes
    ("Twitter a suspendu des comptes. Des chercheurs ont étudié 20 000 comptes de sympathisants de Daesh.",
     {("*", "*", "*", 20000)}),
    ("Selon une étude, 340 chaînes liées au Hezbollah diffusent des sermons.", {("*", "*", "*", 340)}),
    ("Selon une étude, 46 000 comptes Twitter liés à l'État islamique diffusent sa propagande.",
     {("*", "*", "*", 46000)}),
    # a network whose size is not the count's: another verb stands between
    ("Meta a supprimé des comptes. Le réseau brésilien visait les électeurs et citait 412 comptes officiels.",
     {("*", "*", "*", 412)}),
]


@pytest.mark.parametrize(("text", "expected"), COUNTED, ids=[t[:50] for t, _ in COUNTED])
def test_count_is_attached_to_its_event(nlp, text, expected):
    assert expected <= events(nlp, text)


@pytest.mark.parametrize(("text", "absent"), NOT_COUNTED, ids=[t[:50] for t, _ in NOT_COUNTED])
def test_no_counted_event(nlp, text, absent):
    found = events(nlp, text)
    assert not [e for e in found for a in absent if all(p in ("*", x) for p, x in zip(a, e))]


def test_a_take_over_event_comes_with_its_hacks_fact(nlp):
    text = "Le groupe GhostSec a piraté 3 000 comptes Twitter."
    ex = extract(nlp(text), Article(id="t", title="", text=text), settings=RULES)
    assert ("ghostsec", "hacks", "twitter") in {(f.subject, f.relation, f.object) for f in ex.facts}
    event = next(e for e in ex.events if e.kind == "AccountTakeover")
    assert event.evidence.sentence == text and 0 < event.confidence <= 1
