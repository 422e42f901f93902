"""ontology/kg.ttl: every name of the extraction contract, declared, labelled and documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from kg.resources import ontology_dir
from kg.vocab import KG, SCHEMA, SH

ROOT = Path(__file__).resolve().parent.parent
# The names CONTRACT.md fixes (the scorer matches them by local name).
CONTRACT_CLASSES = ["Person", "Organization", "TerroristGroup", "HackerGroup", "Platform",
                    "GovernmentBody", "MediaOutlet", "Place", "CreativeWork"]
ORGANISATION_KINDS = ["TerroristGroup", "HackerGroup", "Platform", "GovernmentBody", "MediaOutlet"]
CONTRACT_RELATIONS = ["threatens", "suspendsAccountsOf", "hacks", "founderOf", "leaderOf", "memberOf",
                      "affiliatedWith", "cooperatesWith", "uses", "publishes", "locatedIn", "investigates"]
PROVENANCE_CLASSES = ["Article", "ArticleGraph", "Evidence", "AccountEvent", "AccountSuspension", "AccountTakeover"]
DATATYPE_PROPERTIES = {
    "accountCount": XSD.integer, "sentence": RDF.langString, "charStart": XSD.integer, "charEnd": XSD.integer,
    "confidence": XSD.decimal, "cue": XSD.string, "alleged": XSD.boolean, "contentHash": XSD.string,
    "extractorVersion": XSD.string,
}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_dir() / "kg.ttl")


def languages(graph: Graph, term: URIRef, prop: URIRef) -> set[str]:
    return {o.language for o in graph.objects(term, prop) if isinstance(o, Literal) and str(o).strip()}


def class_members(graph: Graph, expression) -> set[URIRef]:
    """The named classes a domain or range admits, unions and equivalent classes unfolded."""
    union = graph.value(expression, OWL.unionOf)
    if union is not None:
        return set().union(*(class_members(graph, item) for item in Collection(graph, union)))
    equivalent = [e for e in graph.objects(expression, OWL.equivalentClass)]
    return {expression}.union(*(class_members(graph, e) for e in equivalent))


def admits(graph: Graph, prop: str, side: URIRef, cls: str) -> bool:
    """Whether an instance of kg:cls fits the domain (or range) of kg:prop, through rdfs:subClassOf."""
    allowed = set().union(*(class_members(graph, e) for e in graph.objects(KG[prop], side)))
    supers = set(graph.transitive_objects(KG[cls], RDFS.subClassOf))
    return bool(allowed & supers)


def test_header_names_version_licence_and_title(onto):
    header = onto.value(predicate=RDF.type, object=OWL.Ontology)
    assert onto.value(header, OWL.versionInfo) is not None
    assert onto.value(header, DCTERMS.license) == URIRef("https://opensource.org/licenses/MIT")
    assert languages(onto, header, DCTERMS.title) == {"fr", "en"}
    assert languages(onto, header, DCTERMS.description) == {"fr", "en"}


@pytest.mark.parametrize("name", CONTRACT_CLASSES + PROVENANCE_CLASSES)
def test_class_is_declared_with_french_and_english_label_and_comment(onto, name):
    assert (KG[name], RDF.type, OWL.Class) in onto
    assert languages(onto, KG[name], RDFS.label) == {"fr", "en"}
    assert languages(onto, KG[name], RDFS.comment) == {"fr", "en"}


@pytest.mark.parametrize("name", ORGANISATION_KINDS)
def test_organisation_kinds_are_organizations(onto, name):
    assert (KG[name], RDFS.subClassOf, KG.Organization) in onto


@pytest.mark.parametrize("name", CONTRACT_RELATIONS + ["callsForAttackOn", "agent", "target"])
def test_relation_is_declared_with_labels_comments_domain_and_range(onto, name):
    assert (KG[name], RDF.type, OWL.ObjectProperty) in onto
    assert languages(onto, KG[name], RDFS.label) == {"fr", "en"}
    assert languages(onto, KG[name], RDFS.comment) == {"fr", "en"}
    assert onto.value(KG[name], RDFS.domain) is not None
    assert onto.value(KG[name], RDFS.range) is not None


@pytest.mark.parametrize("name, datatype", DATATYPE_PROPERTIES.items())
def test_datatype_property_has_its_range(onto, name, datatype):
    assert (KG[name], RDF.type, OWL.DatatypeProperty) in onto
    assert onto.value(KG[name], RDFS.range) == datatype
    assert languages(onto, KG[name], RDFS.label) == {"fr", "en"}


def test_sub_properties(onto):
    assert (KG.leaderOf, RDFS.subPropertyOf, KG.memberOf) in onto
    assert (KG.callsForAttackOn, RDFS.subPropertyOf, KG.threatens) in onto


def test_related_to_tops_every_entity_relation_and_nothing_else(onto):
    """The shapes find the relations through kg:relatedTo; the event roles are not relations."""
    below = set(onto.transitive_subjects(RDFS.subPropertyOf, KG.relatedTo)) - {KG.relatedTo}
    assert below == {KG[name] for name in CONTRACT_RELATIONS + ["callsForAttackOn"]}


@pytest.mark.parametrize("name", CONTRACT_RELATIONS)
def test_only_cooperation_and_affiliation_are_symmetric(onto, name):
    symmetric = (KG[name], RDF.type, OWL.SymmetricProperty) in onto
    assert symmetric == (name in {"cooperatesWith", "affiliatedWith"})


def test_counted_events(onto):
    assert (KG.AccountSuspension, RDFS.subClassOf, KG.AccountEvent) in onto
    assert (KG.AccountTakeover, RDFS.subClassOf, KG.AccountEvent) in onto
    for prop in ("agent", "target", "accountCount"):
        assert onto.value(KG[prop], RDFS.domain) == KG.AccountEvent


@pytest.mark.parametrize("term, outside", [
    (KG.Person, SCHEMA.Person), (KG.Organization, SCHEMA.Organization), (KG.Place, SCHEMA.Place),
    (KG.CreativeWork, SCHEMA.CreativeWork), (KG.MediaOutlet, SCHEMA.NewsMediaOrganization),
    (KG.Article, SCHEMA.NewsArticle), (KG.Article, PROV.Entity), (KG.Evidence, PROV.Entity),
    (KG.Evidence, RDF.Statement),
])
def test_alignments(onto, term, outside):
    assert (term, RDFS.subClassOf, outside) in onto


@pytest.mark.parametrize("prop, side, cls, expected", [
    ("threatens", RDFS.domain, "TerroristGroup", True), ("threatens", RDFS.domain, "Person", True),
    ("threatens", RDFS.domain, "CreativeWork", False), ("threatens", RDFS.range, "Platform", True),
    ("callsForAttackOn", RDFS.range, "Person", True),
    ("suspendsAccountsOf", RDFS.domain, "Platform", True), ("suspendsAccountsOf", RDFS.domain, "Person", False),
    ("suspendsAccountsOf", RDFS.domain, "TerroristGroup", False),
    ("suspendsAccountsOf", RDFS.range, "TerroristGroup", True), ("suspendsAccountsOf", RDFS.range, "Place", True),
    ("suspendsAccountsOf", RDFS.range, "CreativeWork", False),
    ("hacks", RDFS.range, "Platform", True), ("hacks", RDFS.range, "Person", True),
    ("hacks", RDFS.range, "Place", False),
    ("founderOf", RDFS.domain, "Person", True), ("founderOf", RDFS.range, "Platform", True),
    ("leaderOf", RDFS.domain, "Person", True), ("leaderOf", RDFS.domain, "Place", True),
    ("leaderOf", RDFS.range, "GovernmentBody", True), ("memberOf", RDFS.range, "Person", False),
    ("affiliatedWith", RDFS.range, "TerroristGroup", True), ("cooperatesWith", RDFS.domain, "Place", True),
    ("uses", RDFS.range, "Platform", True), ("uses", RDFS.range, "Person", False),
    ("publishes", RDFS.range, "CreativeWork", True), ("publishes", RDFS.range, "Person", False),
    ("locatedIn", RDFS.domain, "Place", True), ("locatedIn", RDFS.domain, "Platform", True),
    ("locatedIn", RDFS.range, "Place", True), ("locatedIn", RDFS.range, "Organization", False),
    ("investigates", RDFS.domain, "Platform", True), ("investigates", RDFS.range, "TerroristGroup", True),
    ("agent", RDFS.range, "HackerGroup", True), ("target", RDFS.range, "Platform", True),
    ("target", RDFS.range, "Place", True),
])
def test_domains_and_ranges_admit_what_the_contract_says(onto, prop, side, cls, expected):
    assert admits(onto, prop, side, cls) is expected


@pytest.mark.parametrize("relation, cues", [
    ("threatens", ["menacer", "appeler à assassiner", "s'en prendre à", "viser", "cibler"]),
    ("suspendsAccountsOf", ["suspendre", "supprimer", "fermer", "bloquer", "censurer", "évincer", "fermeture"]),
    ("hacks", ["pirater", "prendre le contrôle", "éradiquer", "faire tomber", "hacker"]),
    ("founderOf", ["fonder", "fondateur"]), ("leaderOf", ["diriger", "PDG"]), ("memberOf", ["membre de"]),
    ("affiliatedWith", ["affilié à"]), ("cooperatesWith", ["coopérer", "accord"]), ("uses", ["utiliser"]),
    ("publishes", ["publier", "diffuser"]), ("locatedIn", ["basé à"]), ("investigates", ["enquêter sur", "enquête"]),
])
def test_relation_comments_document_their_french_cues(onto, relation, cues):
    comment = next(str(c) for c in onto.objects(KG[relation], RDFS.comment) if c.language == "fr")
    for cue in cues:
        assert cue in comment


def test_every_kg_term_the_model_uses_is_declared(onto):
    example = Graph().parse(ROOT / "tests" / "data" / "shapes" / "valid.ttl")
    used = {p for _, p, _ in example} | set(example.objects(None, RDF.type))
    declared = set(onto.subjects(RDF.type, None))
    missing = {term for term in used if str(term).startswith(str(KG)) and term not in declared}
    assert not missing


def test_every_relation_has_a_shape_on_its_subjects():
    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    targeted = set(shapes.objects(None, SH.targetSubjectsOf))
    assert {KG[name] for name in CONTRACT_RELATIONS + ["callsForAttackOn"]} <= targeted


def test_docs_page_lists_every_class_and_relation():
    page = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    for name in CONTRACT_CLASSES + CONTRACT_RELATIONS + ["callsForAttackOn", "AccountSuspension", "AccountTakeover"]:
        assert f"`{name}`" in page
