"""kg/lexicon.py and kg/data/lexicon.toml: the cues load and name only what the ontology declares."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg.extract.lexicon import load_lexicon, phrase_words
from kg.resources import ontology_dir
from kg.vocab import KG, tfold


def _local_names(graph: Graph, kind) -> set[str]:
    return {str(s)[len(str(KG)):] for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(KG))}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_dir() / "kg.ttl")


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def test_every_cued_relation_is_an_ontology_property(lex, onto):
    assert set(lex.relations) <= _local_names(onto, OWL.ObjectProperty)


def test_every_role_relation_is_an_ontology_property(lex, onto):
    assert set(lex.roles.values()) <= _local_names(onto, OWL.ObjectProperty)
    assert {"founderOf", "leaderOf", "memberOf"} <= set(lex.roles.values())


def test_argument_classes_are_ontology_classes(lex, onto):
    classes = _local_names(onto, OWL.Class)
    for rel in lex.relations.values():
        assert rel.agent and rel.agent <= classes, rel.name
        assert rel.patient and rel.patient <= classes, rel.name
    assert set(lex.typing_heads.values()) | set(lex.actor_heads.values()) <= classes
    assert {c for classes_ in lex.descriptions.values() for c in classes_} <= classes


def test_the_models_unlikely_class_pairs_are_pairs_the_ontology_allows(lex):
    from kg.vocab import relation_allowed
    pairs = [(rel.name, pair) for rel in lex.relations.values() for pair in rel.model_unlikely]
    assert pairs, "the lexicon names no class pair the model's facts skip"
    assert all(relation_allowed(name, *pair) for name, pair in pairs)  # else the veto could never apply


def test_the_relations_the_extractor_reads_are_all_present(lex):
    expected = {"threatens", "suspendsAccountsOf", "hacks", "founderOf", "leaderOf", "uses", "cooperatesWith",
                "investigates", "publishes", "affiliatedWith", "locatedIn"}
    assert expected <= set(lex.relations)


def test_words_are_folded_for_matching(lex):
    assert "evincer" in lex.relations["suspendsAccountsOf"].verbs
    assert "enqueter" in lex.relations["investigates"].verbs
    every_word = [w for r in lex.relations.values() for w in r.verbs | r.nouns] + list(lex.roles)
    assert all(w == tfold(w) for w in every_word)


def test_phrases_expand_elisions_and_drop_the_reflexive():
    assert phrase_words("s'en prendre à") == ("en", "prendre", "a")
    assert phrase_words("se mettre d'accord") == ("mettre", "de", "accord")
    assert phrase_words("appel au meurtre de") == ("appel", "a", "meurtre", "de")



def test_nationalities_point_at_gazetteer_places(lex):
    from kg.extract.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    assert all(gazetteer[key].cls == "Place" for key in set(lex.nationalities.values()))


def test_counted_account_nouns_are_account_nouns(lex):
    assert lex.counted_nouns <= lex.account_nouns
    assert {"compte", "comptes"} <= lex.counted_nouns


def test_modality_lists_are_present(lex):
    assert {"hypothetical_marks", "wish_verbs", "negations", "speech_verbs"} <= set(lex.modality)
    assert "si" in lex.modality["hypothetical_marks"] and "pas" in lex.modality["negations"]
