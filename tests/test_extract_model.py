"""The packaged relation model's decisions, as tables: sentences written for these tests (varied phrasing, none
taken from tests/data, ../shared or the training passages) run through the real pipeline with the model alone
(`relations="model"`) -> facts that must be drawn; negated and hypothetical sentences that must yield nothing;
the conditional, which marks a fact alleged."""

from __future__ import annotations

import pytest
from helpers import normal

from kg.extract.extractor import extract
from kg.extract.identity import ExtractorSettings
from kg.model import Article, Fact

MODEL_ONLY = ExtractorSettings(relations="model")


def model_facts(nlp, text: str) -> dict[tuple[str, str, str], Fact]:
    extraction = extract(nlp(text), Article(id="t", title="", text=text), settings=MODEL_ONLY)
    return {normal(f.subject, f.relation, f.object): f for f in extraction.facts}


POSITIVE = [
    # a role apposed to a name holds whatever the clause around it says (« si … a raison »)
    ("Si Paul Girard, journaliste au Figaro, a raison, le groupe ne pourra plus utiliser Telegram.",
     {("paul-girard", "memberOf", "le-figaro")}),
    # threatens: a promise of reprisals, a call to strike, a verb with its object
    ("Dans un message audio, Al-Shabaab promet des représailles contre le Kenya.",
     {("al-shabaab", "threatens", "kenya")}),
    ("Dans une vidéo, les talibans menacent le Pakistan de représailles.", {("taliban", "threatens", "pakistan")}),
    # suspendsAccountsOf: active, passive with agent, a title without a verb's object phrase, a relative clause
    ("Telegram a fermé plusieurs centaines de chaînes affiliées au Hamas cette semaine.",
     {("telegram", "suspendsAccountsOf", "hamas")}),
    ("YouTube a supprimé les comptes du Hezbollah après un signalement.",
     {("youtube", "suspendsAccountsOf", "hezbollah")}),
    ("Les comptes de Boko Haram ont été suspendus par Twitter en janvier.",
     {("twitter", "suspendsAccountsOf", "boko-haram")}),
    ("TikTok a banni les talibans de sa plateforme.", {("tiktok", "suspendsAccountsOf", "taliban")}),
    ("Facebook bannit les talibans", {("facebook", "suspendsAccountsOf", "taliban")}),
    ("Reddit a fermé les forums où des partisans d'Al-Qaïda s'exprimaient.",
     {("reddit", "suspendsAccountsOf", "al-qaida")}),
    # a pronoun standing for the platform in the next sentence
    ("Telegram a supprimé les comptes du Hamas. Il a aussi fermé ceux du Hezbollah.",
     {("telegram", "suspendsAccountsOf", "hamas"), ("telegram", "suspendsAccountsOf", "hezbollah")}),
    # hacks: active, passive, a take-over phrase, a claimant "se réclamant de"
    ("Le collectif Anonymous a piraté des dizaines de comptes de l'État islamique.", {("anonymous", "hacks", "daesh")}),
    ("Des hackers de GhostSec ont pris le contrôle de sites de propagande d'Al-Qaïda.",
     {("ghostsec", "hacks", "al-qaida")}),
    ("Le compte Twitter de CENTCOM a été détourné par le CyberCaliphate.", {("cybercaliphate", "hacks", "centcom")}),
    ("Un site du Hezbollah a été défiguré par GhostSec.", {("ghostsec", "hacks", "hezbollah")}),
    ("Des pirates se réclamant d'Anonymous ont neutralisé des comptes de Daech.", {("anonymous", "hacks", "daesh")}),
    # affiliatedWith: the lexicon's verbs are the model's features, so a verb added there counts (« fusionner »)
    ("Ansar Dine a fusionné avec Al-Mourabitoune en 2017.", {("al-mourabitoune", "affiliatedWith", "ansar-dine")}),
    # leaderOf / memberOf: a verb, "à la tête de", an apposition, joining a company
    ("Abou Bakr al-Baghdadi dirigeait l'État islamique depuis 2010.",
     {("abou-bakr-al-baghdadi", "leaderOf", "daesh")}),
    ("À la tête de Boko Haram, Abubakar Shekau multipliait les vidéos.",
     {("abubakar-shekau", "leaderOf", "boko-haram")}),
    ("Ayman al-Zawahiri, chef d'Al-Qaïda, est apparu dans une nouvelle vidéo.",
     {("ayman-al-zawahiri", "leaderOf", "al-qaida")}),
    ("Junaid Hussain, membre du CyberCaliphate, a été tué en Syrie.",
     {("junaid-hussain", "memberOf", "cybercaliphate")}),
    ("Europol collabore étroitement avec le FBI sur ces dossiers.", {("europol", "cooperatesWith", "fbi")}),
    # « collaborer » is the model's alone (its rule's facts were wrong on the blind sets)
    ("Google et Microsoft collaborent avec l'ONU contre l'extrémisme en ligne.",
     {("google", "cooperatesWith", "united-nations"), ("microsoft", "cooperatesWith", "united-nations")}),
    ("Interpol et la DGSI ont uni leurs forces contre la propagande en ligne.",
     {("dgsi", "cooperatesWith", "interpol")}),
    ("Le FBI travaille main dans la main avec Europol.", {("europol", "cooperatesWith", "fbi")}),
    ("Europol a signé avec Telegram un protocole de coopération.", {("europol", "cooperatesWith", "telegram")}),
    # uses: a verb, "sur X", a pronominal verb, messages that circulate on a platform
    ("Les talibans utilisent WhatsApp pour coordonner leurs militants.", {("taliban", "uses", "whatsapp")}),
    ("Le Hamas diffuse ses communiqués sur Telegram.", {("hamas", "uses", "telegram")}),
    ("Boko Haram se sert de YouTube pour diffuser ses vidéos.", {("boko-haram", "uses", "youtube")}),
    ("Les messages d'Al-Qaïda circulent sur Telegram.", {("al-qaida", "uses", "telegram")}),
    # investigates: an inquiry opened, a noun, a pronominal idiom
    ("Le parquet national antiterroriste a ouvert une enquête visant Telegram.",
     {("pnat", "investigates", "telegram")}),
    ("Le FBI a ouvert une enquête sur le CyberCaliphate.", {("fbi", "investigates", "cybercaliphate")}),
    ("Europol mène des investigations sur l'État islamique.", {("europol", "investigates", "daesh")}),
    ("Amaq, l'agence de propagande de l'État islamique, a revendiqué l'attaque.",
     {("amaq", "affiliatedWith", "daesh")}),
    ("Al-Hayat Media Center est l'organe de communication de l'État islamique.",
     {("al-hayat-media-center", "affiliatedWith", "daesh")}),
    ("Microsoft, dont le siège se trouve à Redmond, a publié un rapport.", {("microsoft", "locatedIn", "redmond")}),
    ("TikTok, qui appartient à ByteDance, a retiré des vidéos.", {("bytedance", "affiliatedWith", "tiktok")}),
]

# Stated facts the packaged model misses today (not asserted: information for whoever trains the next model).
KNOWN_MISSES = [
    # scored 0.65 and 0.73 by the model trained on 2026-12-03, under the calibrated threshold
    ("L'État islamique appelle ses partisans à viser la France.", {("daesh", "threatens", "france")}),
    ("Un partenariat entre Microsoft et Europol a été annoncé.", {("europol", "cooperatesWith", "microsoft")}),
    ("Monika Bickert travaille chez Facebook depuis 2012.", {("monika-bickert", "memberOf", "facebook")}),
    ("Nick Clegg a rejoint Meta en 2018.", {("nick-clegg", "memberOf", "meta")}),
    # cooperatesWith: a verb, coordination of the partners, an idiom, a nominalisation, a signed protocol
    ("Les enquêteurs de la DGSI s'intéressent de près à Telegram.", {("dgsi", "investigates", "telegram")}),
    # affiliatedWith and locatedIn: appositions, relatives, a participle before the subject
    ("Installé à Mogadiscio, Al-Shabaab contrôle plusieurs quartiers.", {("al-shabaab", "locatedIn", "mogadishu")}),
]

NEGATIVE = [
    # negation
    "Twitter n'a pas suspendu les comptes du Hamas.",
    "Facebook n'a jamais coopéré avec Europol.",
    "Aucune enquête n'a été ouverte par le parquet de Paris contre Telegram.",
    "Le Hamas n'utilise plus WhatsApp depuis des années.",
    "Europol et Twitter ne coopèrent pas.",
    "Le Hezbollah n'a jamais été banni de YouTube.",
    "Telegram ne collabore pas avec la DGSI.",
    "Anonymous n'a pas réussi à pirater les comptes de Daech.",
    "Jamais le FBI n'a enquêté sur Anonymous.",
    # hypotheses, refusals, wishes, possibilities
    "Si Telegram fermait les chaînes de l'État islamique, le groupe migrerait ailleurs.",
    "Si Anonymous piratait les comptes de Daech, ce serait une première.",
    "Si le Hamas utilisait Telegram, la plateforme fermerait ses chaînes.",
    "Le FBI pourrait envisager une enquête sur Telegram.",
    "YouTube refuse de supprimer les vidéos du Hezbollah.",
    "Europol souhaite que Telegram ferme les chaînes de l'État islamique.",
    # two people in one sentence with nothing between them that the contract names
    "Mark Zuckerberg et Elon Musk ont déjeuné ensemble à Paris.",
    "Elon Musk et Mark Zuckerberg se sont croisés à Dublin.",
]

ALLEGED = [
    ("Telegram aurait supprimé des comptes du Hamas, selon Le Monde.", ("telegram", "suspendsAccountsOf", "hamas")),
    ("Le groupe Anonymous aurait piraté une centaine de comptes d'Al-Shabaab.", ("anonymous", "hacks", "al-shabaab")),
    ("D'après Reuters, Twitter aurait fermé les comptes d'Al-Shabaab.",
     ("twitter", "suspendsAccountsOf", "al-shabaab")),
    ("GhostSec aurait piraté des sites de l'État islamique.", ("ghostsec", "hacks", "daesh")),
    ("Le Hamas aurait utilisé Telegram pour recruter.", ("hamas", "uses", "telegram")),
    ("Europol aurait ouvert une enquête sur Anonymous.", ("europol", "investigates", "anonymous")),
]


@pytest.mark.parametrize("text, expected", POSITIVE, ids=[text[:50] for text, _ in POSITIVE])
def test_the_model_draws_the_stated_facts(nlp, text, expected):
    found = model_facts(nlp, text)
    assert {normal(*fact) for fact in expected} <= set(found), sorted(found)
    assert all(f.cue == "model" for f in found.values())


# class pairs the lexicon marks unlikely for the model (`model_unlikely`): a news outlet's own account, a country
# as a party to a platform's agreement, a place in a place (left to the rules of places)
UNLIKELY = [
    ("Le Monde a publié la vidéo sur son compte Twitter.", ("le-monde", "uses", "twitter")),
    ("La Belgique travaille avec Telegram contre la propagande.", ("belgium", "cooperatesWith", "telegram")),
    ("L'attaque de Kandahar, dans le sud de l'Afghanistan, a fait dix morts.",
     ("kandahar", "locatedIn", "afghanistan")),
    # two outlets cited side by side; an authority's interest in an organisation said with no cue of inquiry
    ("Le Monde et Le Figaro ont révélé l'affaire mardi.", ("le-figaro", "cooperatesWith", "le-monde")),
    ("La DGSI s'intéresse aux financements de l'association Baraka City.", ("dgsi", "investigates", "barakacity")),
    # names of one list: named together, not said to work together
    ("Le ministre de l'Intérieur a rencontré les représentants de Google, Facebook et Twitter à Washington.",
     ("facebook", "cooperatesWith", "google")),
    ("Le député a porté plainte contre Facebook, Twitter et YouTube, qui n'ont pas retiré les vidéos.",
     ("twitter", "cooperatesWith", "youtube")),
]


@pytest.mark.parametrize(("text", "fact"), UNLIKELY, ids=[text[:50] for text, _ in UNLIKELY])
def test_the_model_draws_no_fact_for_a_class_pair_the_lexicon_calls_unlikely(nlp, text, fact):
    assert normal(*fact) not in model_facts(nlp, text)


@pytest.mark.parametrize("text", NEGATIVE, ids=[text[:50] for text in NEGATIVE])
def test_negated_and_hypothetical_statements_yield_nothing(nlp, text):
    assert model_facts(nlp, text) == {}


@pytest.mark.parametrize("text, fact", ALLEGED, ids=[text[:50] for text, _ in ALLEGED])
def test_the_conditional_marks_the_fact_alleged(nlp, text, fact):
    found = model_facts(nlp, text)
    assert fact in found, sorted(found)
    assert found[fact].alleged


def test_the_same_statement_in_the_indicative_is_asserted(nlp):
    found = model_facts(nlp, "GhostSec a piraté des sites de l'État islamique.")
    assert found[("ghostsec", "hacks", "daesh")].alleged is False


def test_every_model_fact_has_a_probability_at_or_above_the_models_threshold(nlp):
    from kg.extract.relmodel import load_model

    threshold = load_model().threshold
    named_only = [text for text, _ in POSITIVE if " Il " not in text]  # a pronoun's fact is discounted (sink.py)
    found = model_facts(nlp, " ".join(named_only[:12]))
    assert found
    assert all(threshold <= f.confidence <= 1.0 for f in found.values())


# With relations="model", a fact that the rules also draw with a higher confidence is lost: the sink keeps one
# record per fact (the rules', cue "fonder", 0.85), and extract() then drops every fact whose cue is not
# "model". The model itself decides right on these sentences (calibrated probability above its 0.5 threshold).
DROPPED_WHEN_RULES_AGREE = [
    ("Pavel Durov a fondé Telegram en 2013 avec son frère.", ("pavel-durov", "founderOf", "telegram")),
    ("Shou Zi Chew, le patron de TikTok, a été entendu par les sénateurs.", ("shou-zi-chew", "leaderOf", "tiktok")),
    ("Linda Yaccarino dirige X depuis juin.", ("linda-yaccarino", "leaderOf", "twitter")),
    ("Le siège de Google est situé à Mountain View.", ("google", "locatedIn", "mountain-view")),
]


@pytest.mark.parametrize("text, fact", DROPPED_WHEN_RULES_AGREE, ids=[t[:40] for t, _ in DROPPED_WHEN_RULES_AGREE])
def test_model_only_keeps_the_models_facts_that_the_rules_also_find(nlp, text, fact):
    assert fact in model_facts(nlp, text)


# A person the sentence gives a role in one organisation (kg.extract.roles) heads, founds or belongs to no other
# organisation of that sentence: the model's tie to the outlet, or to the next person's company, is dropped; the
# party in brackets after the name is still theirs.
ONE_ROLE = [
    ("Dans une vidéo de 40 minutes obtenue par Reuters, le chef d'Ansaru, Khalid al-Barnawi, revendique "
     "l'enlèvement de plus de 80 élèves dans le nord-ouest du Nigeria.",
     ("khalid-al-barnawi", "leaderOf", "ansaru"), ("khalid-al-barnawi", "leaderOf", "reuters")),
    ("Le commissaire a écrit au directeur général de Snapchat, Evan Spiegel, puis à Satya Nadella, PDG de "
     "Microsoft, la maison mère de LinkedIn.",
     ("satya-nadella", "leaderOf", "microsoft"), ("satya-nadella", "leaderOf", "snapchat")),
]


@pytest.mark.parametrize(("text", "kept", "dropped"), ONE_ROLE, ids=[t[:40] for t, _, _ in ONE_ROLE])
def test_a_person_with_a_role_has_no_tie_to_another_organisation_of_the_sentence(nlp, text, kept, dropped):
    facts = model_facts(nlp, text)
    assert kept in facts
    assert dropped not in facts


def test_the_organisation_a_role_gives_a_founder_is_founded_by_no_body_beside_them(nlp):
    """The model read the judiciary as Telegram's founder (0.87); the sentence's role names the founder."""
    facts = model_facts(nlp, "La justice française a mis en examen Pavel Durov, le fondateur de Telegram.")
    assert ("pavel-durov", "founderOf", "telegram") in facts
    assert ("justice-francaise", "founderOf", "telegram") not in facts


def test_a_persons_own_organisation_does_not_investigate_them(nlp):
    """The role is the only link between a person and the body the sentence makes them part of."""
    facts = model_facts(nlp, "À Ottawa, le commissaire de la Gendarmerie royale du Canada (GRC), Paul Ménard, a "
                             "précisé que le suspect était apparu dans une enquête.")
    assert ("rcmp", "investigates", "paul-menard") not in facts


def test_no_one_uses_a_holding_that_hosts_no_one(nlp):
    """« Meta » owns Facebook and Instagram; the lexicon's `never_objects` keeps it from being used."""
    facts = model_facts(nlp, "Meta démantèle un réseau de propagande iranien et bloque des pirates de Charming Kitten.")
    assert not [f for f in facts if f[1] == "uses" and f[2] == "meta"]


@pytest.mark.parametrize(("relation", "head", "child", "dropped"), [
    ("investigates", "org", "person", True),  # the body into its own head
    ("uses", "person", "org", True),  # the head of a platform, as its user, in the sentence that names the role
    ("leaderOf", "person", "org", False),  # the role itself
    ("leaderOf", "person", "other", True),  # another organisation of the sentence
    ("uses", "person", "other", False),  # another platform: a use the role says nothing of
])
def test_the_role_filter_either_way(relation, head, child, dropped):
    from kg.extract.learned import _other_role
    from kg.extract.mentions import Mention

    sides = {"person": Mention(0, 2, "person", "Person", "Jo Doe", "name"),
             "org": Mention(4, 5, "org", "Platform", "Org", "name"),
             "other": Mention(8, 9, "other", "Platform", "Other", "name")}
    assert _other_role({"person": {"org"}}, relation, sides[head], sides[child]) is dropped


def test_the_mention_classifier_is_offered_no_entity_cut_after_a_preposition(nlp):
    """« Le commissariat de | Lens »: spaCy's entity that ends with « de » is no candidate name."""
    from kg.extract.spans import name_candidates

    doc = nlp("Le commissariat de Lens a reçu la plainte de la victime.")
    cut = [(e.start, e.end) for e in doc.ents if e[-1].pos_ == "ADP"]
    _, extra = name_candidates(doc, [], {})
    assert cut and not set(cut) & set(extra)
