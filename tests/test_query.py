"""kg.query.run and kg.query.formats: preparing queries, binding parameters as RDF terms, writing results."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from helpers import load_built_store
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QuerySyntaxError, UnknownQueryError, UsageError, exit_code_for
from kg.query.formats import format_result, render_table, shorten
from kg.query.run import bind_parameters, looks_like_update, parse_header, parse_params, parse_term, prepare, run_query
from kg.store import LocalStore
from kg.vocab import ENTITY, KG

MINI = Path(__file__).parent / "data" / "query" / "mini.trig"
INJECTION = 'x" } ; DROP ALL ; #'


@pytest.fixture(scope="module")
def mini_store(tmp_path_factory) -> Path:
    """The hand-made two-article store of tests/data/query/mini.trig, on disk."""
    return load_built_store(tmp_path_factory.mktemp("mini") / "store", MINI)


@pytest.fixture()
def store(mini_store):
    opened = LocalStore(mini_store, read_only=True)
    yield opened
    opened.close()


def test_header_fields_and_continuation_lines():
    header = parse_header("# title: T\n# description: first\n#   second\n# parameters:\n#   entity: who\n# example:\n"
                          "#   a  b\n#   1  2\nSELECT * {}")
    assert header["title"] == "T"
    assert header["description"] == "first\n  second"
    assert header["parameters"] == "  entity: who"
    assert header["example"].splitlines() == ["  a  b", "  1  2"]


def test_prepare_finds_names_files_and_text(tmp_path):
    assert prepare("threats").source.endswith("threats.rq")
    assert prepare("actor").declared == ("entity",)
    file = tmp_path / "mine.rq"
    file.write_text("ASK {}")
    assert prepare(str(file)).text == "ASK {}"
    assert prepare("ASK { ?s ?p ?o }").source == "query"
    with pytest.raises(UnknownQueryError, match="no such named query.*threats"):
        prepare("threatz")


def test_parse_term_iris_prefixed_names_and_strings():
    assert parse_term("<https://example.org/x>") == ox.NamedNode("https://example.org/x")
    assert parse_term("kge:daesh") == ox.NamedNode(str(ENTITY) + "daesh")
    assert parse_term("Daesh") == ox.Literal("Daesh")
    assert parse_term("unknown:thing") == ox.Literal("unknown:thing")
    assert parse_term(INJECTION) == ox.Literal(INJECTION)
    with pytest.raises(UsageError):
        parse_term("<not an iri>")


def test_parse_params_keeps_everything_after_the_first_equals():
    assert parse_params(["entity=a=b", "x="]) == {"entity": "a=b", "x": ""}
    with pytest.raises(UsageError):
        parse_params(["no-equals"])


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_any_string_is_bound_as_exactly_that_literal(value):
    query = bind_parameters("SELECT ?x WHERE { }", {"x": ox.Literal(value)})
    rows = list(ox.Store().query(query))
    assert [row["x"] for row in rows] == [ox.Literal(value)]


@pytest.mark.parametrize("query", [
    "SELECT ?x WHERE { ?s ?p ?o }",
    "select ?x { ?s ?p ?o }",
    "# a comment with { braces } and WHERE\nPREFIX ex: <http://ex/#where>\nSELECT ?x (\"{WHERE\" AS ?t) { ?s ?p ?o }",
    "ASK { ?s ?p ?o FILTER(?x = ?x) }",
    "CONSTRUCT { ?s <http://ex/p> ?x } WHERE { ?s ?p ?o }",
    "CONSTRUCT { ?s <http://ex/p> ?x } { ?s ?p ?o }",
    "DESCRIBE ?x WHERE { ?s ?p ?o }",
])
def test_values_block_lands_in_the_where_group(query):
    bound = bind_parameters(query, {"x": ox.Literal("v")})
    result = ox.Store().query(bound)  # parses: the block sits where VALUES is allowed
    assert 'VALUES (?x) { ("v") }' in bound
    assert result is not None


def test_short_construct_where_cannot_take_parameters():
    with pytest.raises(UsageError, match="CONSTRUCT WHERE"):
        bind_parameters("CONSTRUCT WHERE { ?s ?p ?x }", {"x": ox.Literal("v")})


def test_injection_attempt_is_just_a_string(store, mini_store):
    before = len(LocalStore(mini_store, read_only=True))
    rows = list(run_query(store, "actor", {"entity": INJECTION}))
    echoed = list(run_query(store, "SELECT ?entity WHERE { }", {"entity": INJECTION}))
    assert rows == []
    assert echoed[0]["entity"] == ox.Literal(INJECTION)
    assert len(LocalStore(mini_store, read_only=True)) == before


@pytest.mark.parametrize("name", ["daech", "ETAT ISLAMIQUE", "l’État islamique", "kge:daesh",
                                  f"<{ENTITY}daesh>"])
def test_actor_matches_any_label_or_the_iri(store, name):
    rows = list(run_query(store, "actor", {"entity": name}))
    assert {row["node"] for row in rows} == {ox.NamedNode(str(ENTITY) + "daesh")}
    relations = {row["property"].value for row in rows}
    assert {str(KG.threatens), str(KG.hacks), str(KG.suspendsAccountsOf)} <= relations


def test_parameter_checks(store):
    with pytest.raises(UsageError, match="missing parameter entity"):
        run_query(store, "actor")
    with pytest.raises(UsageError, match="unknown parameter who"):
        run_query(store, "actor", {"entity": "x", "who": "y"})
    with pytest.raises(UsageError, match="not a variable"):
        run_query(store, "SELECT ?s WHERE { ?s ?p ?o }", {"nothere": "x"})


def test_syntax_error_names_line_and_column(store):
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(store, "SELECT ?s\nWHERE { ?s ?p }")
    assert "line 2, column" in str(caught.value) and str(caught.value).startswith("query: ")
    assert exit_code_for(caught.value) == 2


def test_update_detection():
    assert looks_like_update("PREFIX ex: <http://ex/>\nINSERT DATA { ex:a ex:b ex:c }")
    assert looks_like_update("delete where { ?s ?p ?o }")
    assert not looks_like_update("# INSERT\nSELECT * WHERE { ?s ?p ?o }")


def test_w3c_result_formats_round_trip(store):
    expected = list(run_query(store, "threats"))
    for fmt, parse_format in (("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                              ("tsv", ox.QueryResultsFormat.TSV)):
        parsed = list(ox.parse_query_results(format_result(run_query(store, "threats"), fmt), parse_format))
        assert [list(row) for row in parsed] == [list(row) for row in expected]
    table = list(csv.DictReader(io.StringIO(format_result(run_query(store, "threats"), "csv").decode())))
    assert [row["object"] for row in table] == [row["object"].value for row in expected]


def test_ask_in_every_result_format(store):
    assert json.loads(format_result(run_query(store, "ASK { ?s ?p ?o }"), "json")) == {"head": {}, "boolean": True}
    assert render_table(run_query(store, "ASK { ?s <http://nothing> ?o }")) == "false"


def test_table_shortens_iris_and_shows_literals_plainly(store):
    text = format_result(run_query(store, "evidence")).decode()
    assert "kg:threatens" in text and " a1 " in text  # the article by its identifier (kga:a1 is its IRI)
    assert '"' + "Mark Zuckerberg" + '"' not in text and "Mark Zuckerberg" in text
    assert text.rstrip().endswith("(4 rows)")
    assert shorten(ox.NamedNode("http://example.org/x")) == "<http://example.org/x>"


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"),
                                                 ("nquads", "nquads")])
def test_construct_as_rdf(store, fmt, rdflib_format):
    query = f"CONSTRUCT {{ ?s a ?c }} WHERE {{ GRAPH ?g {{ ?s a ?c FILTER(?c = <{KG}Platform>) }} }}"
    written = format_result(run_query(store, query), fmt)
    graph = rdflib.Dataset() if fmt == "nquads" else rdflib.Graph()
    graph.parse(data=written, format=rdflib_format)
    expected = rdflib.Graph()
    for key in ("twitter", "facebook"):
        expected.add((rdflib.URIRef(str(ENTITY) + key), rdflib.RDF.type, rdflib.URIRef(str(KG) + "Platform")))
    got = graph.default_graph if fmt == "nquads" else graph
    assert isomorphic(got, expected)


def test_format_must_fit_the_query_form(store):
    with pytest.raises(UsageError, match="SELECT and ASK"):
        format_result(run_query(store, "threats"), "turtle")
    with pytest.raises(UsageError, match="CONSTRUCT and DESCRIBE"):
        format_result(run_query(store, "CONSTRUCT WHERE { ?s a ?c }"), "csv")


# --- the command line ------------------------------------------------------------------------

runner = CliRunner()


def test_cli_named_query_table(mini_store):
    result = runner.invoke(app, ["query", "threats", "--store", str(mini_store)])
    assert result.exit_code == 0, result.output
    assert "Mark Zuckerberg" in result.stdout and "État islamique" in result.stdout


def test_cli_param_and_json(mini_store):
    result = runner.invoke(app, ["query", "actor", "--param", "entity=anonymous", "--format", "json",
                                 "--store", str(mini_store)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert {row["node"]["value"] for row in rows} == {str(ENTITY) + "anonymous"}


def test_cli_syntax_error_exits_2_with_position(mini_store):
    result = runner.invoke(app, ["query", "SELECT ?s WHERE { ?s ?p }", "--store", str(mini_store)])
    assert result.exit_code == 2
    assert "syntax error at line 1, column" in result.output


def test_a_syntax_error_is_one_readable_line_with_line_column_and_what_was_expected(mini_store):
    query = "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?s = ) }"
    result = runner.invoke(app, ["query", query, "--store", str(mini_store)])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "syntax error at line 3, column" in line and "expected one of ABS, AVG" in line
    assert "[_]" not in line and "\\u" not in line and "'..='" not in line
    unfinished = runner.invoke(app, ["query", 'SELECT * WHERE { ?s ?p "open }', "--store", str(mini_store)])
    assert unfinished.exit_code == 2 and "unfinished string" in unfinished.output


def test_cli_list_shows_every_named_query():
    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0
    names = sorted(path.stem for path in (Path(__file__).parents[1] / "queries").glob("*.rq"))
    listed = [line.split()[0] for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    assert listed == names


def test_cli_missing_store_exits_3(tmp_path):
    result = runner.invoke(app, ["query", "threats", "--store", str(tmp_path / "none")])
    assert result.exit_code == 3
    assert "no store here" in result.output


def test_a_list_of_terms_for_a_parameter_binds_one_row_per_term():
    store = ox.Store()
    query = bind_parameters("SELECT ?x ?y WHERE { }", {"x": [ox.Literal("a"), ox.Literal("b")], "y": ox.Literal("c")})
    assert sorted((row["x"].value, row["y"].value) for row in store.query(query)) == [("a", "c"), ("b", "c")]
