"""kg/vocab.py and ontology/kg.ttl say the same: the terms, the class sets, the relations and their domains."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from kg import vocab
from kg.resources import ontology_dir
from kg.vocab import KG


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_dir() / "kg.ttl")


def local(term) -> str:
    return str(term).removeprefix(str(KG))


def below(graph: Graph, term: URIRef, prop: URIRef) -> set[str]:
    """The local names of `term` and of everything under it by `prop` (subClassOf, subPropertyOf)."""
    return {local(t) for t in graph.transitive_subjects(prop, term)}


def admitted(graph: Graph, expression) -> frozenset[str]:
    """The entity classes a domain or range admits: unions unfolded, subclasses included, Agent left out."""
    union = graph.value(expression, OWL.unionOf)
    members = Collection(graph, union) if union is not None else [expression]
    return frozenset(set().union(*(below(graph, m, RDFS.subClassOf) for m in members)) - {"Agent"})


def test_every_term_of_the_namespace_is_declared_in_the_ontology_and_back(onto):
    declared = {local(s) for s in onto.subjects(RDF.type, None) if str(s).startswith(str(KG))}
    assert set(KG.__annotations__) == declared


def test_a_misspelt_term_fails():
    assert KG.threatens == URIRef("https://w3id.org/kg-news/ontology#threatens")
    with pytest.raises(AttributeError):
        KG.threatenz  # noqa: B018
    with pytest.raises(AttributeError):
        KG["Platfrom"]


def test_the_class_sets_are_the_ontology_s(onto):
    assert vocab.ORGANIZATION_CLASSES == below(onto, KG.Organization, RDFS.subClassOf)
    assert vocab.AGENT_CLASSES == below(onto, KG.Agent, RDFS.subClassOf) - {"Agent"}
    relations = below(onto, KG.relatedTo, RDFS.subPropertyOf) - {"relatedTo"}
    in_relations = set().union(*(admitted(onto, onto.value(KG[r], p)) for r in relations
                                 for p in (RDFS.domain, RDFS.range)))
    assert vocab.ENTITY_CLASSES == in_relations == set(vocab.CLASS_ORDER)
    assert vocab.EVENT_KINDS == tuple(sorted(below(onto, KG.AccountEvent, RDFS.subClassOf) - {"AccountEvent"}))


def test_the_relations_are_the_ontology_s(onto):
    relations = below(onto, KG.relatedTo, RDFS.subPropertyOf) - {"relatedTo"}
    assert set(vocab.RELATIONS) <= relations
    finer = relations - set(vocab.RELATIONS)  # callsForAttackOn: a finer form of one of the contract's
    assert finer and all(set(vocab.RELATIONS) & {local(p) for p in onto.transitive_objects(KG[r], RDFS.subPropertyOf)}
                         for r in finer)
    assert vocab.SYMMETRIC_RELATIONS == {local(p) for p in onto.subjects(RDF.type, OWL.SymmetricProperty)}


@pytest.mark.parametrize("relation", vocab.RELATIONS)
def test_domain_and_range_are_the_ontology_s(onto, relation):
    domain, range_ = vocab.DOMAIN_RANGE[relation]
    assert domain == admitted(onto, onto.value(KG[relation], RDFS.domain))
    assert range_ == admitted(onto, onto.value(KG[relation], RDFS.range))


def test_each_event_kind_states_one_relation():
    assert set(vocab.EVENT_RELATIONS.values()) <= set(vocab.RELATIONS)
