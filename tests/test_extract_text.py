"""Page furniture (bylines, rows of share buttons) says nothing of the names it lists: sentence -> chrome or not,
and no fact from it; a list of countries is no cooperation. Sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.text import page_chrome
from kg.model import Article

CHROME = [
    ("Par Le Monde avec AFP", True),
    ("Publié le 3 mai 2021 | Par La Libre Belgique avec Belga", True),
    ("Partager : Twitter | Facebook | LinkedIn | WhatsApp", True),
    ("Par la voix de son porte-parole, Facebook a annoncé la fermeture des comptes.", False),
    ("Par ailleurs, Twitter a suspendu 300 comptes.", False),
    ("Facebook a supprimé les pages du groupe.", False),
    # a correspondent's signature: a name and a town
    ("Claire Dubois, Bruxelles", True),
    ("Twitter, Facebook et YouTube ont signé un accord avec Europol.", False),
    ("Paris, Lyon et Marseille sont visées.", False),
]


@pytest.mark.parametrize(("text", "chrome"), CHROME, ids=[t for t, _ in CHROME])
def test_page_chrome(nlp, text, chrome):
    assert any(page_chrome(sent) for sent in nlp(text).sents) is chrome


def facts(nlp, text: str) -> set[tuple[str, str, str]]:
    ex = extract(nlp(text), Article(id="t", title="", text=text))  # the packaged model and the rules
    return {(f.subject, f.relation, f.object) for f in ex.facts}


def test_no_fact_from_a_byline_or_share_buttons(nlp):
    text = ("Daech menace Twitter\n\nPar Le Monde avec AFP\n\nPartager : Twitter | Facebook | LinkedIn\n\n"
            "L'organisation État islamique a menacé Twitter dans une vidéo.")
    found = facts(nlp, text)
    assert ("daesh", "threatens", "twitter") in found
    assert not [f for f in found if f[1] == "cooperatesWith"]


def test_a_list_of_countries_does_not_cooperate(nlp):
    text = "La force multinationale, qui réunit le Nigeria, le Niger, le Tchad et le Cameroun, combat Boko Haram."
    assert not [f for f in facts(nlp, text) if f[1] == "cooperatesWith"]


def test_places_of_one_list_are_not_inside_one_another(nlp):
    text = "Dix-neuf personnes ont été interpellées vendredi à Nantes, Toulouse, Marseille, Nice, au Mans et à Lille."
    assert not [f for f in facts(nlp, text) if f[1] == "locatedIn"]


def test_a_place_and_its_country_after_a_comma_still_nest(nlp):
    assert ("lugano", "locatedIn", "switzerland") in facts(nlp, "L'attaque a eu lieu à Lugano, en Suisse.")


def test_an_extracted_document_is_freed_with_its_last_reference(nlp):
    """The extractor's per-document caches (Tokens, entity Spans) refer back to the Doc: they must be gone when
    extraction ends, and no cache keyed by a Token may outlive it, or every Doc of a build waits for the cyclic
    collector (or stays alive) and a 1,000-article build's memory grows."""
    import gc
    import weakref

    text = "Les groupes Killnet et NoName ont piraté le site du Sénat. Ils menacent aussi la France."
    doc = nlp(text)
    alive = weakref.ref(doc)
    gc.disable()
    try:
        extract(doc, Article(id="freed", title="", text=text))
        del doc
        assert alive() is None
    finally:
        gc.enable()
