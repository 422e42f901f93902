"""kg/gazetteer.py and kg/data/gazetteer.toml: the shipped entities load, fit the ontology, and user files merge."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg.errors import InputError
from kg.extract.gazetteer import load_gazetteer, read_gazetteer
from kg.resources import data_file, ontology_dir
from kg.vocab import KG, fold, slug


@pytest.fixture(scope="module")
def shipped():
    return load_gazetteer()


@pytest.fixture(scope="module")
def ontology_classes() -> set[str]:
    graph = Graph().parse(ontology_dir() / "kg.ttl")
    return {str(c)[len(str(KG)):] for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(KG))}


def test_shipped_gazetteer_loads_with_the_core_entities(shipped):
    assert len(shipped) > 50
    assert shipped["daesh"].cls == "TerroristGroup"
    assert shipped["twitter"].cls == "Platform"
    assert shipped["mark-zuckerberg"].cls == "Person"
    assert "Daech" in shipped["daesh"].aliases


def test_every_class_is_an_ontology_class(shipped, ontology_classes):
    assert {e.cls for e in shipped.values()} <= ontology_classes


def test_the_label_is_one_of_the_aliases_unless_qualified(shipped):
    raw = tomllib.loads(data_file("gazetteer.toml").read_text(encoding="utf-8"))["entity"]
    qualified = {key for key, entry in raw.items() if entry.get("label", "").endswith(")")}
    assert all(e.label in e.aliases for key, e in shipped.items() if key not in qualified)
    assert qualified, "the shipped gazetteer has qualified labels (« Parler (réseau social) »)"


def test_a_qualified_label_is_shown_bare_and_matched_only_through_its_aliases(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text('[entity.parler]\nclass = "Platform"\nlabel = "Parler (réseau social)"\n'
                    'aliases = ["réseau social Parler"]\n', encoding="utf-8")
    entity = read_gazetteer(path)["parler"]
    assert entity.label == "Parler"
    assert entity.aliases == ("réseau social Parler",)


def test_keys_are_iri_safe_slugs(shipped):
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key) for key in shipped)


def test_wikidata_ids_look_like_items_and_are_unique(shipped):
    ids = [e.wikidata for e in shipped.values() if e.wikidata]
    assert ids, "some entities should carry a Wikidata item"
    assert all(re.fullmatch(r"Q[1-9]\d*", i) for i in ids)
    assert len(ids) == len(set(ids))


def test_no_alias_names_two_entities_after_folding(shipped):
    owners = defaultdict(set)
    for entity in shipped.values():
        for alias in entity.aliases:
            # short or upper-case aliases are matched case-sensitively ("EI"), the others folded
            owners[alias if alias.isupper() or len(alias) <= 3 else fold(alias)].add(entity.key)
    clashes = {alias: keys for alias, keys in owners.items() if len(keys) > 1}
    assert clashes == {}


def test_a_user_file_adds_and_overrides_entries(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text(
        '[entity.twitter]\nclass = "Platform"\nlabel = "X"\naliases = ["Twitter", "X"]\n\n'
        '[entity.collectif-exemple]\nclass = "HackerGroup"\nlabel = "Collectif Exemple"\n',
        encoding="utf-8")
    merged = load_gazetteer((user,))
    assert merged["twitter"].label == "X"
    assert merged["collectif-exemple"].cls == "HackerGroup"
    assert merged["collectif-exemple"].aliases == ("Collectif Exemple",)
    assert merged["daesh"] == load_gazetteer()["daesh"]  # the shipped entries are still there
    assert load_gazetteer()["twitter"].label == "Twitter"  # and the shipped gazetteer itself is unchanged


def test_a_malformed_file_raises_an_input_error_naming_it(tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text('[entity.x\nclass = "Person"\n', encoding="utf-8")
    with pytest.raises(InputError, match="broken.toml"):
        load_gazetteer((bad,))


def test_an_unknown_class_raises_an_input_error_naming_file_and_entity(tmp_path):
    bad = tmp_path / "classes.toml"
    bad.write_text('[entity.someone]\nclass = "Wizard"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"classes\.toml.*someone.*Wizard"):
        read_gazetteer(bad)


def test_a_missing_file_raises_an_input_error_naming_it(tmp_path):
    with pytest.raises(InputError, match="absent.toml"):
        read_gazetteer(tmp_path / "absent.toml")


def test_the_shipped_file_is_the_one_loaded():
    assert set(read_gazetteer(data_file("gazetteer.toml"))) == set(load_gazetteer())
    assert slug("Mark Zuckerberg") in load_gazetteer()


@pytest.mark.parametrize(("alias", "key"), [("APT38", "apt38"), ("BlueNoroff", "apt38"), ("Hidden Cobra", "lazarus"),
                                            ("Andariel", "andariel"), ("Winnti", "winnti"), ("Wicked Panda", "apt41")])
def test_groups_tracked_apart_are_entities_apart(shipped, alias, key):
    # an alias of a group the security firms track on its own would make one node of two in the graph
    assert [k for k, e in shipped.items() if alias in e.aliases] == [key]
