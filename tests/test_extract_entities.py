"""The entities of an article (kg.extract.entities, kg.extract.mentions): one node per key, labelled by a name the
text gives it; the network itself (« le Web », « Internet ») is none."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.relmodel import load_model
from kg.extract.resolve import resolved_mentions
from kg.model import Article


@pytest.mark.parametrize(("text", "key", "label"), [
    # a description before a name no gazetteer holds stands for it, but the name labels it
    ("Le groupe de pirates Sons Caliphate Army a piraté des comptes Facebook.", "sons-caliphate-army",
     "Sons Caliphate Army"),
    ("Le collectif de hackers Dark Cobra a piraté le compte Twitter de la BBC.", "dark-cobra", "Dark Cobra"),
    ("Le groupe Sons Caliphate Army a piraté des comptes Facebook.", "sons-caliphate-army", "Sons Caliphate Army"),
])
def test_an_entity_is_labelled_by_its_name(nlp, text, key, label):
    entities = extract(nlp(text), Article(id="t", title="", text=text)).entities
    assert entities[key].label == label


@pytest.mark.parametrize("text", [
    "Le G7 a conclu un accord avec les géants du Web.",
    "Daech recrute ses combattants sur Internet.",
    "Les vidéos du groupe circulent sur le Net et sur la Toile.",
])
def test_the_network_itself_is_no_entity(nlp, text):
    mentions = resolved_mentions(nlp(text), (), load_model(None).spans).mentions
    assert not [m for m in mentions if m.text.lower() in {"web", "internet", "net", "toile"}]


def test_a_name_that_holds_a_network_word_is_still_a_name(nlp):
    text = "L'Internet Research Agency a utilisé Facebook pour diffuser sa propagande."
    assert "internet-research-agency" in extract(nlp(text), Article(id="t", title="", text=text)).entities


@pytest.mark.parametrize(("text", "name"), [
    # a capitalised article inside a surname is part of the name
    ("Marine Le Pen a dénoncé la décision de Facebook.", "Marine Le Pen"),
    ("Le ministre Bruno Le Maire a été menacé par Daech.", "Bruno Le Maire"),
    ("Selon Jean-Marc De Smet, le groupe recrute sur Telegram.", "Jean-Marc De Smet"),
    # the portfolio the recogniser joined to a minister's name is not part of it
    ("Le ministre de l'Économie Pedro Alves a été piraté.", "Pedro Alves"),
    ("La ministre de la Justice Nicole Martin a saisi le parquet.", "Nicole Martin"),
])
def test_a_person_name_spans_exactly_the_name(nlp, text, name):
    mentions = resolved_mentions(nlp(text), (), load_model(None).spans).mentions
    assert [(m.text, m.cls) for m in mentions if m.text == name] == [(name, "Person")]


@pytest.mark.parametrize(("text", "name", "cls"), [
    # a transliterated name is counted in written words, not in the pieces the tokenizer cuts at hyphens
    ("Le groupe Jamaat Nasr al-Islam wal-Muslimin a revendiqué l'attaque de la caserne.",
     "Jamaat Nasr al-Islam wal-Muslimin", "TerroristGroup"),
    ("Le groupe Ahl al-Sunna wal-Jamaa a revendiqué l'attaque dans le nord du Mozambique.",
     "Ahl al-Sunna wal-Jamaa", "TerroristGroup"),
    # a capitalised word right after a typing noun is a name, whatever the tagger makes of it
    ("Le journal Présent a publié la liste des cibles.", "Présent", "MediaOutlet"),
    ("Le mouvement Citadelle a appelé à manifester.", "Citadelle", "TerroristGroup"),
    # a ministry named by its portfolio alone is a body, the portfolio's complements included
    ("Le ministère des Technologies de l'information a démenti.", "ministère des Technologies de l'information",
     "GovernmentBody"),
    # after a role, a company's name whose first word the tagger reads as a noun is no portfolio and a person
    ("Le fondateur de Changyu Culture a été arrêté.", "Changyu Culture", "Organization"),
])
def test_a_long_name_is_one_mention(nlp, text, name, cls):
    mentions = resolved_mentions(nlp(text), (), load_model(None).spans).mentions
    assert [(m.text, m.cls) for m in mentions if m.text == name] == [(name, cls)]
