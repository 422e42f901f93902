"""Hostile query input on the command line (report section 2): one `kg: error:` line and a documented exit
code, never a traceback or a crash; the syntax check never calls out; the evaluation's memory is bounded."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from helpers import Canary, assert_plain_lines, run_kg, store_with_controls

from kg.query.guard import MAX_NESTING, MAX_OPERATORS, refused_services, shape, without_services
from kg.query.run import named_queries

DEEP_BRACES = "SELECT * WHERE " + "{" * 100_000 + "?s ?p ?o" + "}" * 100_000
NESTED_OPTIONAL = "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 3000 + "}" * 3000 + "}"
FLAT_OPTIONAL = "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o } " * 12_000 + "}"
DEEP_PATH = "SELECT * WHERE { ?s " + "(" * 50_000 + "<p>" + ")" * 50_000 + " ?o }"
CARTESIAN_ORDER = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g ?c ?f ?i LIMIT 5"


@pytest.fixture
def canary():
    listener = Canary()
    yield listener
    listener.close()


def kg_error(result, code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stderr[-2000:])
    assert_plain_lines(result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), lines
    return lines[0]


@pytest.mark.parametrize("query, words", [(DEEP_BRACES, "nests 100000 levels"), (NESTED_OPTIONAL, "nests 3001"),
                                          (FLAT_OPTIONAL, "12000 OPTIONAL"), (DEEP_PATH, "nests 50001")])
def test_a_deeply_nested_query_is_refused_before_parsing(tmp_path, one_threat_store, query, words):
    store, _ = one_threat_store
    (tmp_path / "deep.rq").write_text(query, encoding="utf-8")
    assert words in kg_error(run_kg("query", tmp_path / "deep.rq", "--store", store), 2)
    assert words in kg_error(run_kg("render", "--query", tmp_path / "deep.rq", "-o", tmp_path / "g.html",
                                    "--store", store), 2)


def test_the_named_queries_are_far_from_the_nesting_limits():
    for named in named_queries().values():
        found = shape(named.text)
        assert found.depth <= MAX_NESTING // 4 and found.operators <= MAX_OPERATORS // 4, named.name


@pytest.mark.parametrize("content, words", [(bytes(range(256)), "not a UTF-8 text file"),
                                            ("SELECT * WHERE { ?s ?p 'été' }".encode("latin-1"), "not a UTF-8")])
def test_a_query_file_that_is_not_utf8_is_one_line(tmp_path, one_threat_store, content, words):
    store, _ = one_threat_store
    (tmp_path / "q.rq").write_bytes(content)
    assert words in kg_error(run_kg("query", tmp_path / "q.rq", "--store", store), 2)
    assert words in kg_error(run_kg("render", "--query", tmp_path / "q.rq", "-o", tmp_path / "g.html",
                                    "--store", store), 2)


def test_a_query_file_that_cannot_be_read_is_one_line(one_threat_store):
    store, _ = one_threat_store
    assert "cannot read the query" in kg_error(run_kg("query", "/proc/self/mem", "--store", store), 2)


def test_the_syntax_check_calls_no_service_and_a_failing_service_is_one_line(one_threat_store, canary):
    store, _ = one_threat_store
    query = f"ASK {{ SERVICE <http://127.0.0.1:{canary.port}/sparql> {{ ?s ?p ?o }} }}"
    line = kg_error(run_kg("query", query, "--store", store), 1)
    assert "SERVICE call of the query failed" in line
    assert canary.connections == 1  # the user's own query, once; never the syntax check


def test_a_syntax_error_in_a_service_query_is_still_reported_where_it_is(one_threat_store, canary):
    store, _ = one_threat_store
    line = kg_error(run_kg("query", f"SELECT * {{ SERVICE <http://127.0.0.1:{canary.port}/> {{ ?s ?p }} }}",
                           "--store", store), 2)
    assert "line 1" in line
    assert canary.connections == 0


def test_without_services_keeps_positions_and_calls_nothing():
    query = "SELECT * {\n  service  SILENT <http://h/x> { ?s ?p ?o } SERVICE ?v { } } # SERVICE <http://c>"
    rewritten = without_services(query)
    assert len(rewritten) == len(query) and "SERVICE" not in rewritten.split("#")[0].upper()
    assert refused_services(query, frozenset({"h"})) == ["?v"]


def test_the_query_memory_is_bounded_and_ends_in_one_line(seeds_store):
    line = kg_error(run_kg("query", CARTESIAN_ORDER, "--store", seeds_store, "--max-memory", "1000"), 1)
    assert "more than 1000 MB" in line


def test_an_ordinary_query_runs_under_the_memory_bound(one_threat_store):
    store, _ = one_threat_store
    result = run_kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, "--format", "csv",
                    "--max-memory", "1000")
    assert result.returncode == 0 and result.stdout.splitlines()[1].isdigit(), result.stderr


@pytest.mark.parametrize("args", [("query", "SELECT * WHERE { ?s ?p ?o }", "--format", "xml"),
                                  ("export", "--format", "gexf"), ("export", "--format", "graphml")])
def test_xml_outputs_of_a_store_holding_control_characters_are_well_formed(tmp_path, args):
    store = store_with_controls(tmp_path / "store")
    result = run_kg(*args, "--store", store)
    assert result.returncode == 0, result.stderr
    assert "Facebook" in result.stdout
    ElementTree.fromstring(result.stdout.encode("utf-8"))
