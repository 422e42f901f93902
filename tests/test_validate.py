"""kg.rdf.validate and `kg validate`: the shapes accept the graph docs/rdf-model.md describes, and
each way of breaking it is reported at the node that is broken."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from typer.testing import CliRunner

from kg.rdf.validate import format_report, named_graphs, validate, validate_graph
from kg.resources import ontology_dir
from kg.store import LocalStore, open_store
from kg.vocab import ARTICLE, ENTITY, EVENT, FACT, GRAPH, KG

VALID = Path(__file__).parent / "data" / "shapes" / "valid.ttl"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
ARTICLE_ID = "000_d05a6a1a3883f5c5"
A = ARTICLE[ARTICLE_ID]
G = str(GRAPH[ARTICLE_ID])
THREAT_EVIDENCE = FACT[f"{ARTICLE_ID}/3f2a0c1d9e8b7a65"]
SUSPENSION_EVIDENCE = FACT[f"{ARTICLE_ID}/0a1b2c3d4e5f6071"]
SUSPENSION = EVENT[f"{ARTICLE_ID}/9c1d2e3f40516273"]
TAKEOVER = EVENT[f"{ARTICLE_ID}/8b0c1d2e3f405162"]
DAESH, ZUCK, TWITTER = ENTITY["daesh"], ENTITY["mark-zuckerberg"], ENTITY["twitter"]
FACEBOOK, ITALIE, FLAMES = ENTITY["facebook"], ENTITY["italie"], ENTITY["flames-of-the-supporters"]


@pytest.fixture
def valid() -> Graph:
    return Graph().parse(VALID)


def violations(graph: Graph) -> set[tuple[str, str | None]]:
    report = validate_graph(graph, G)
    found = {(r.focus, r.path) for r in report.results if r.severity == "Violation"}
    assert report.conforms is not found  # conforms exactly when nothing is violated
    return found


def add_fact(graph: Graph, s, p, o) -> None:
    """A fact with its evidence, so that only the typing of its ends is under test."""
    evidence = FACT[f"{ARTICLE_ID}/added-{p.split('#')[-1]}"]
    graph.add((s, p, o))
    for prop, value in [(RDF.type, KG.Evidence), (RDF.subject, s), (RDF.predicate, p), (RDF.object, o),
                        (KG.sentence, Literal("…", lang="fr")), (KG.charStart, Literal(1)), (KG.charEnd, Literal(2)),
                        (KG.confidence, Literal(Decimal("0.5"))),
                        (URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), A)]:
        graph.add((evidence, prop, value))


def test_shapes_parse():
    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    assert len(shapes) > 100


def test_the_documented_graph_conforms(valid):
    report = validate_graph(valid, G)
    assert report.conforms and report.results == []
    assert format_report(report).startswith("conforms")


def _remove_labels(g):
    g.remove((ZUCK, RDFS.label, None))


def _start_after_end(g):
    g.set((THREAT_EVIDENCE, KG.charStart, Literal(99)))


def _event_without_count(g):
    g.remove((SUSPENSION, KG.accountCount, None))


def _count_as_string(g):
    g.set((SUSPENSION, KG.accountCount, Literal("125000")))


def _count_zero(g):
    g.set((TAKEOVER, KG.accountCount, Literal(0)))


def _same_as_dbpedia(g):
    g.set((DAESH, OWL.sameAs, URIRef("http://dbpedia.org/resource/Islamic_State")))


def _confidence_as_double(g):
    g.set((THREAT_EVIDENCE, KG.confidence, Literal(0.85)))


def _confidence_above_one(g):
    g.set((THREAT_EVIDENCE, KG.confidence, Literal(Decimal("1.5"))))


def _twitter_not_a_platform(g):
    g.remove((TWITTER, RDF.type, KG.Platform))
    g.add((TWITTER, RDF.type, KG.Organization))


def _fact_without_evidence(g):
    g.add((DAESH, KG.threatens, TWITTER))


def _evidence_without_fact(g):
    g.remove((TWITTER, KG.suspendsAccountsOf, DAESH))


def _article_without_hash(g):
    g.remove((A, KG.contentHash, None))


def _article_date_as_text(g):
    g.set((A, DCTERMS.date, Literal("27 février 2016")))


def _uses_a_person(g):
    add_fact(g, DAESH, KG.uses, ZUCK)


def _calls_for_attack_on_a_work(g):
    add_fact(g, DAESH, KG.callsForAttackOn, FLAMES)


def _cooperates_with_a_work(g):
    add_fact(g, FACEBOOK, KG.cooperatesWith, FLAMES)


def _untyped_object(g):
    add_fact(g, DAESH, KG.threatens, ENTITY["nobody"])


def _two_pref_labels(g):
    g.add((DAESH, SKOS.prefLabel, Literal("Daech", lang="fr")))


def _blank_entity(g):
    g.add((BNode("b0"), RDF.type, KG.Person))
    g.add((BNode("b0"), RDFS.label, Literal("Anonyme")))


def _event_of_both_kinds(g):
    g.add((SUSPENSION, RDF.type, KG.AccountTakeover))


def _evidence_with_two_objects(g):
    g.add((THREAT_EVIDENCE, RDF.object, TWITTER))


def _takeover_of_a_country(g):
    g.set((TAKEOVER, KG.target, ITALIE))  # a suspension may close a country's accounts; a takeover has an owner


def _misspelt_relation(g):
    g.add((ZUCK, URIRef(f"{KG}threaten"), TWITTER))  # written out: KG.threaten raises, as a misspelt term should


def _undeclared_class(g):
    g.add((ENTITY["x"], RDF.type, URIRef(f"{KG}Misc")))
    g.add((ENTITY["x"], RDFS.label, Literal("x")))


@pytest.mark.parametrize("break_it, expected", [
    (_remove_labels, {(ZUCK, None)}),
    (_start_after_end, {(THREAT_EVIDENCE, "kg:charStart")}),
    (_event_without_count, {(SUSPENSION, "kg:accountCount")}),
    (_count_as_string, {(SUSPENSION, "kg:accountCount")}),
    (_count_zero, {(TAKEOVER, "kg:accountCount")}),
    (_same_as_dbpedia, {(DAESH, "owl:sameAs")}),
    (_confidence_as_double, {(THREAT_EVIDENCE, "kg:confidence")}),
    (_confidence_above_one, {(THREAT_EVIDENCE, "kg:confidence")}),
    (_twitter_not_a_platform, {(TWITTER, None), (SUSPENSION, "kg:agent")}),
    (_fact_without_evidence, {(DAESH, "kg:threatens")}),
    (_evidence_without_fact, {(SUSPENSION_EVIDENCE, None)}),
    (_article_without_hash, {(A, "kg:contentHash")}),
    (_article_date_as_text, {(A, "dcterms:date")}),
    (_uses_a_person, {(DAESH, "kg:uses")}),
    (_calls_for_attack_on_a_work, {(DAESH, "kg:threatens|kg:callsForAttackOn")}),
    (_cooperates_with_a_work, {(FLAMES, None)}),
    (_untyped_object, {(DAESH, "kg:threatens|kg:callsForAttackOn")}),
    (_two_pref_labels, {(DAESH, "skos:prefLabel")}),
    (_blank_entity, {("_:b0", None)}),
    (_event_of_both_kinds, {(SUSPENSION, None)}),
    (_evidence_with_two_objects, {(THREAT_EVIDENCE, "rdf:object"), (THREAT_EVIDENCE, None)}),
    (_misspelt_relation, {(ZUCK, "kg:threaten")}),
    (_takeover_of_a_country, {(TAKEOVER, "kg:target")}),
    (_undeclared_class, {(ENTITY["x"], "rdf:type")}),
])
def test_each_break_is_reported_at_the_broken_node(valid, break_it, expected):
    break_it(valid)
    assert violations(valid) == {(str(focus), path) for focus, path in expected}


@pytest.mark.parametrize("s, p, o", [
    (ITALIE, KG.leaderOf, ENTITY["g7"]),  # « l'Italie, qui préside le G7 »
    (DAESH, KG.threatens, ITALIE),  # a country can be threatened
    (FACEBOOK, KG.locatedIn, ITALIE),
    (ITALIE, KG.locatedIn, ITALIE),
    (TWITTER, KG.investigates, FLAMES),
    (ZUCK, KG.founderOf, FACEBOOK),
    (TWITTER, KG.suspendsAccountsOf, ITALIE),  # « 2 617 comptes liés à l'Iran »: a state's accounts
])
def test_truthful_uses_of_the_relations_conform(valid, s, p, o):
    valid.add((ENTITY["g7"], RDF.type, KG.GovernmentBody))
    valid.add((ENTITY["g7"], RDFS.label, Literal("G7")))
    add_fact(valid, s, p, o)
    assert violations(valid) == set()


def test_a_suspension_of_a_country_s_accounts_conforms(valid):
    valid.set((SUSPENSION, KG.target, ITALIE))
    assert violations(valid) == set()


def test_a_warning_does_not_break_conformance(valid):
    valid.add((ZUCK, RDF.type, KG.Organization))
    report = validate_graph(valid, G)
    assert report.conforms
    assert [(r.focus, r.severity) for r in report.results] == [(str(ZUCK), "Warning")]
    assert "warning" in format_report(report)


def test_report_names_the_offending_value_with_its_datatype(valid):
    _confidence_as_double(valid)
    (result,) = validate_graph(valid, G).results
    assert result.value == '"0.85"^^xsd:double'
    assert result.graph == G


def _store_with(directory: Path, graphs: dict[str, Graph]) -> LocalStore:
    store = LocalStore(directory)
    for name, graph in graphs.items():
        store.replace_graph(name, graph.serialize(format="nt"))
    return store


def test_store_is_validated_graph_by_graph(tmp_path, valid):
    broken = Graph() + valid
    _remove_labels(broken)
    other = str(GRAPH["001_other"])
    store = _store_with(tmp_path, {G: valid, other: broken})
    report = validate(store)
    store.close()
    assert not report.conforms and report.graphs_checked == 2
    assert {(r.graph, r.focus) for r in report.results} == {(other, str(ZUCK))}


def test_a_type_given_in_another_graph_does_not_count(tmp_path, valid):
    """Twitter is a Platform in one article; the other must type it too to suspend accounts."""
    untyped = Graph() + valid
    _twitter_not_a_platform(untyped)
    other = str(GRAPH["001_other"])
    store = _store_with(tmp_path, {G: valid, other: untyped})
    report = validate(store)
    store.close()
    assert {r.graph for r in report.results} == {other}


def test_format_report_has_one_line_per_problem_grouped_by_graph(valid):
    _start_after_end(valid)
    _remove_labels(valid)
    report = validate_graph(valid, G)
    lines = format_report(report).splitlines()
    assert lines[0].startswith("does not conform")
    assert lines[1] == f"in kgg:{ARTICLE_ID}:"
    assert len(lines) == 2 + len(report.results) == 4
    assert any("kge:mark-zuckerberg" in line and "label" in line for line in lines[2:])


@pytest.fixture(scope="module")
def round_trip_store(tmp_path_factory):
    store = LocalStore(tmp_path_factory.mktemp("round-trip") / "store")
    yield store
    store.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    labels=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=4),
    lang=st.sampled_from([None, "fr", "en-gb"]),  # Oxigraph lower-cases tags (they are case-insensitive)
    count=st.integers(min_value=-(10**12), max_value=10**12),
    alleged=st.booleans(),
)
def test_store_to_rdflib_keeps_every_term(round_trip_store, labels, lang, count, alleged):
    graph = Graph()
    for label in labels:
        graph.add((DAESH, RDFS.label, Literal(label, lang=lang)))
    graph.add((SUSPENSION, KG.accountCount, Literal(count)))
    graph.add((THREAT_EVIDENCE, KG.alleged, Literal(alleged)))
    graph.add((BNode(), KG.target, URIRef("http://example.org/é?q=1")))
    round_trip_store.replace_graph(G, graph.serialize(format="nt"))
    assert isomorphic(named_graphs(round_trip_store)[G], graph)


def test_cli_exits_0_on_a_conforming_store_and_1_otherwise(tmp_path, valid):
    from kg.cli import app

    runner = CliRunner()
    _store_with(tmp_path / "good", {G: valid}).close()
    result = runner.invoke(app, ["validate", "--store", str(tmp_path / "good")])
    assert result.exit_code == 0 and result.stdout.startswith("conforms")

    _count_as_string(valid)
    _store_with(tmp_path / "bad", {G: valid}).close()
    result = runner.invoke(app, ["validate", "--store", str(tmp_path / "bad")])
    assert result.exit_code == 1
    assert "kg:accountCount" in result.stdout and "kg: error:" in result.stderr


def test_cli_reports_a_missing_store_in_one_line(tmp_path):
    from kg.cli import app

    result = CliRunner().invoke(app, ["validate", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 3
    assert result.stderr.strip().count("\n") == 0 and "nowhere" in result.stderr


def test_the_seed_store_the_pipeline_builds_conforms(seeds_store):
    with open_store(seeds_store, read_only=True) as store:
        report = validate(store)
    assert report.conforms, format_report(report)
    # the articles, the names graph, the provenance of the build and the dataset's VoID description
    assert report.graphs_checked == len(list(SEEDS.iterdir())) + 3


@contextmanager
def read_only_sparql_server(location: Path):
    """`oxigraph serve-read-only` on a free loopback port; yields its query URL and always stops it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([str(OXIGRAPH), "serve-read-only", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            assert process.poll() is None, process.stderr.read().decode()
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.server
def test_cli_validates_a_store_behind_a_sparql_server(tmp_path, valid):
    from kg.cli import app

    broken = Graph() + valid
    _same_as_dbpedia(broken)
    other = str(GRAPH["001_other"])
    _store_with(tmp_path / "store", {G: valid, other: broken}).close()
    with read_only_sparql_server(tmp_path / "store") as url:
        result = CliRunner().invoke(app, ["validate", "--store", url])
    assert result.exit_code == 1, result.output
    assert "does not conform: 2 graphs checked, 1 violation" in result.stdout
    assert "in kgg:001_other:" in result.stdout and "owl:sameAs" in result.stdout
