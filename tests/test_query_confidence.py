"""kg.query.confidence and `--min-confidence`: only facts at or above a confidence, the store left untouched;
the named queries filter as they read (?minConfidence written in), every other query runs on a filtered copy."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from helpers import run_kg, running

from kg import vocab
from kg.errors import UsageError
from kg.model import Article, CountedEvent, Entity, Evidence, Extraction, Fact
from kg.pipeline.names import refresh_display_names
from kg.query.bind import substitute_variable
from kg.query.confidence import DEFAULT_MIN_CONFIDENCE, above_confidence
from kg.query.run import named_queries, run_query
from kg.rdf.mapping import to_ntriples
from kg.store import open_store

SENTENCE = "Daesh menace Twitter, qui a supprimé ses comptes."


def extraction() -> Extraction:
    evidence = Evidence(SENTENCE, 0, len(SENTENCE))
    entities = {"daesh": Entity("daesh", "État islamique", "TerroristGroup"), "twitter": Entity("twitter", "Twitter",
                                                                                                 "Platform")}
    facts = [Fact("daesh", "threatens", "twitter", evidence, confidence=0.92, cue="model"),
             Fact("twitter", "suspendsAccountsOf", "daesh", evidence, confidence=0.55, cue="model")]
    events = [CountedEvent("AccountSuspension", "twitter", "daesh", 300, evidence, confidence=0.5)]
    return Extraction(article=Article(id="a1", title="t", text=SENTENCE, content_hash="h"), entities=entities,
                      facts=facts, events=events, extractor="test")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store") as opened:
        opened.replace_graph(str(vocab.graph_iri("a1")), to_ntriples(extraction()))
        refresh_display_names(opened)
        yield opened


def relations(store) -> set[str]:
    rows = store.query("SELECT ?p WHERE {{ ?s ?p ?o . FILTER(STRSTARTS(STR(?s), STR(<{}>))) "
                       "FILTER(STRSTARTS(STR(?o), STR(<{}>))) }}".format(vocab.ENTITY[""], vocab.ENTITY[""]))
    return {row["p"].value.rsplit("#", 1)[-1] for row in rows}


@pytest.mark.parametrize("minimum, kept", [(0.0, {"threatens", "suspendsAccountsOf"}), (0.55, {"threatens",
                                           "suspendsAccountsOf"}), (0.6, {"threatens"}), (0.95, set())])
def test_facts_below_the_minimum_are_left_out_with_their_evidence(store, minimum, kept):
    view = above_confidence(store, minimum)
    assert relations(view) == kept
    evidence = list(view.query(f"SELECT ?e WHERE {{ ?e a <{vocab.KG.Evidence}> }}"))
    assert len(evidence) == len(kept)
    assert relations(store) == {"threatens", "suspendsAccountsOf"}  # the store itself is untouched


def test_counted_events_below_the_minimum_are_left_out(store):
    count = f"SELECT ?n WHERE {{ ?e <{vocab.KG.accountCount}> ?n }}"
    assert len(list(store.query(count))) == 1
    assert len(list(above_confidence(store, 0.5).query(count))) == 1
    assert len(list(above_confidence(store, 0.51).query(count))) == 0


def test_a_named_query_sees_only_the_surer_facts(store):
    assert len(list(run_query(store, "threats"))) == 1
    assert len(list(run_query(above_confidence(store, 0.95), "threats"))) == 0
    assert len(list(run_query(store, "threats", min_confidence=0.95))) == 0
    assert len(list(run_query(store, "suspensions"))) == 1
    assert len(list(run_query(store, "suspensions", min_confidence=0.6))) == 0


def rows(result) -> list:
    return sorted(tuple(str(term) for term in row) for row in result)


@pytest.mark.parametrize("minimum", [0.0, 0.5, 0.55, 0.6, 0.95])
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_filters_as_a_filtered_copy_would(store, name, minimum):
    params = {"entity": "kge:twitter"} if name == "actor" else None
    filtered = rows(run_query(store, name, params, min_confidence=minimum))
    assert filtered == rows(run_query(above_confidence(store, minimum), name, params))
    assert rows(run_query(store, name, params)) == rows(run_query(store, name, params, min_confidence=0.0))


@pytest.mark.parametrize("text, expected", [
    ("SELECT * WHERE { FILTER(?c >= ?minConfidence) }", "SELECT * WHERE { FILTER(?c >= 0.7) }"),
    ("SELECT * WHERE { FILTER(?c >= $minConfidence) }", "SELECT * WHERE { FILTER(?c >= 0.7) }"),
    ("SELECT * { { SELECT ?x { ?x ?p ?c FILTER(?c >= ?minConfidence) } } }",
     "SELECT * { { SELECT ?x { ?x ?p ?c FILTER(?c >= 0.7) } } }"),
    ('SELECT * { ?s ?p "?minConfidence" } # ?minConfidence', 'SELECT * { ?s ?p "?minConfidence" } # ?minConfidence'),
    ("SELECT * { ?s <http://x/?minConfidence> ?minConfidenceToo }",
     "SELECT * { ?s <http://x/?minConfidence> ?minConfidenceToo }"),
])
def test_the_threshold_is_written_for_the_variable_only(text, expected):
    assert substitute_variable(text, "minConfidence", "0.7") == expected


# --- the commands: their defaults --------------------------------------------------------------

@pytest.fixture
def store_path(tmp_path):
    """A store with three facts (0.92, 0.6 and 0.55) and a counted event (0.5), closed for the commands."""
    record = extraction()
    record.facts.append(Fact("daesh", "threatens", "facebook", record.facts[0].evidence, confidence=0.6))
    record.entities["facebook"] = Entity("facebook", "Facebook", "Platform")
    with open_store(tmp_path / "store") as opened:
        opened.replace_graph(str(vocab.graph_iri("a1")), to_ntriples(record))
        refresh_display_names(opened)
    return tmp_path / "store"


def csv_rows(*args) -> list[str]:
    done = run_kg("query", *args, "--format", "csv")
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[1:]


def test_named_queries_show_the_default_threshold_and_own_queries_every_fact(store_path):
    assert DEFAULT_MIN_CONFIDENCE == 0.7
    assert len(csv_rows("threats", "--store", store_path)) == 1
    assert len(csv_rows("threats", "--store", store_path, "--min-confidence", "0")) == 2
    assert len(csv_rows("threats", "--store", store_path, "--min-confidence", "0.95")) == 0
    own = f"SELECT ?e WHERE {{ ?e a <{vocab.KG.Evidence}> }}"
    assert len(csv_rows(own, "--store", store_path)) == 3
    assert len(csv_rows(own, "--store", store_path, "--min-confidence", "0.58")) == 2
    uses = f"SELECT ?e WHERE {{ ?e <{vocab.KG.confidence}> ?c FILTER(?c >= COALESCE(?minConfidence, 0)) }}"
    assert len(csv_rows(uses, "--store", store_path)) == 1  # a query of one's own that asks for the threshold


def test_the_threshold_is_not_a_parameter(store_path):
    done = run_kg("query", "threats", "--store", store_path, "--param", "minConfidence=0")
    assert done.returncode == 2 and "--min-confidence" in done.stderr and len(done.stderr.splitlines()) == 1


def test_render_draws_the_surer_facts_unless_told_otherwise(store_path, tmp_path):
    drawn = run_kg("render", "--store", store_path, "-o", tmp_path / "page.html")
    assert drawn.returncode == 0 and drawn.stdout.strip().endswith("1 links")
    every = run_kg("render", "--store", store_path, "-o", tmp_path / "page.html", "--min-confidence", "0")
    assert every.returncode == 0 and every.stdout.strip().endswith("3 links")
    wrong = run_kg("render", "--store", store_path, "-o", tmp_path / "page.html", "--min-confidence", "1.5")
    assert wrong.returncode == 2 and "--min-confidence" in wrong.stderr


def served_threats(url: str) -> int:
    with urllib.request.urlopen(url) as response:
        return len(json.loads(response.read())["results"]["bindings"])


def test_the_server_s_named_queries_take_the_same_threshold(store_path):
    with running(store_path) as server:
        named = f"http://127.0.0.1:{server.server_address[1]}/named/threats?format=json"
        assert served_threats(named) == 1
        assert served_threats(named + "&min-confidence=0") == 2
        for wrong in ("abc", "2", ""):
            with pytest.raises(urllib.error.HTTPError) as refused:
                served_threats(named + f"&min-confidence={wrong}")
            assert refused.value.code == 400


@pytest.mark.parametrize("minimum", [-0.1, 1.01])
def test_a_minimum_outside_zero_to_one_is_a_usage_error(store, minimum):
    with pytest.raises(UsageError, match="--min-confidence"):
        above_confidence(store, minimum)
