"""Every named query (queries/*.rq): its header, its syntax, and its answers on real stores."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import load_built_store

from kg.ingest.read import read_articles
from kg.query.run import check_syntax, named_queries, run_query
from kg.store import LocalStore

QUERIES = named_queries()
# Graph queries made for `kg render --query`; the others are tables whose example shows the columns.
NETWORKS = sorted(name for name, named in QUERIES.items() if "\nCONSTRUCT" in named.text)
TABLES = sorted(set(QUERIES) - set(NETWORKS))
MINI = Path(__file__).parent / "data" / "query" / "mini.trig"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
PARAMS = {"actor": {"entity": "daech"}}
# Queries whose answer the seed articles certainly hold (threats against Zuckerberg and Dorsey,
# 125 000 accounts suspended by Twitter, and so facts with evidence in every case).
SEEDS_ANSWER = ("threats", "suspensions", "evidence", "sources")


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    path = load_built_store(tmp_path_factory.mktemp("named") / "store", MINI)
    store = LocalStore(path, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def digest_mini(tmp_path_factory):
    """The hand-made store with IRIs as kg mints them now, digests of the text, in the opposite order of the
    articles' file stems; both articles of one date."""
    folder = tmp_path_factory.mktemp("digests")
    text = MINI.read_text(encoding="utf-8").replace('"2015-11-20"^^xsd:date', '"2016-02-27T20:33:35"^^xsd:dateTime')
    for key, digest in (("a1", "ffff0000ffff0000ffff"), ("a2", "0000ffff0000ffff0000")):
        text = text.replace(f"kga:{key} ", f"kga:{digest} ").replace(f"kgg:{key} ", f"kgg:{digest} ")
    (folder / "mini.trig").write_text(text, encoding="utf-8")
    store = LocalStore(load_built_store(folder / "store", folder / "mini.trig"), read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def seeds(seeds_store):
    store = LocalStore(seeds_store, read_only=True)
    yield store
    store.close()


def test_the_issue_s_queries_are_all_there():
    wanted = {"threats", "suspensions", "takeovers", "actor", "evidence", "cooperation", "timeline",
              "central-actors", "sources"}
    assert wanted <= set(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_is_complete_and_the_query_parses(name):
    named = QUERIES[name]
    assert named.title and named.description and named.example
    assert "parameters:" in named.text.split("PREFIX")[0]
    check_syntax(named.text, str(named.path))
    for parameter in named.parameters:
        assert parameter.description
        assert re.search(rf"\?{parameter.name}\b", named.text.split("\nSELECT", 1)[1])


def test_the_threat_and_suspension_networks_are_construct_queries_that_draw_on_the_hand_made_store(mini):
    from kg.export.network import load_network

    assert {"threat-network", "suspension-network"} <= set(NETWORKS)
    for name in NETWORKS:
        assert QUERIES[name].example.startswith(f"kg render --query {name} ")
    threats = load_network(mini, query="threat-network")
    assert sorted(data["label"] for _, data in threats.nodes(data=True)) == ["Mark Zuckerberg", "État islamique"]
    assert {(u.rsplit("/", 1)[1], v.rsplit("/", 1)[1], k) for u, v, k in threats.edges(keys=True)} == {
        ("daesh", "mark-zuckerberg", "threatens")}
    (edge,) = threats.edges(data=True)
    assert edge[2]["evidence"][0]["sentence"].startswith("L'État islamique menace")
    suspensions = load_network(mini, query="suspension-network")
    (edge,) = suspensions.edges(keys=True, data=True)
    assert (edge[0].rsplit("/", 1)[1], edge[2], edge[3]["accounts"]) == ("twitter", "suspendsAccountsOf", [125000])


@pytest.mark.parametrize("name", TABLES)
def test_example_columns_are_the_query_s_columns(name, mini):
    named = QUERIES[name]
    columns = named.example.splitlines()[1].split()
    result = run_query(mini, name, PARAMS.get(name))
    assert columns == [variable.value for variable in result.variables]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_answers_on_the_hand_made_store(name, mini):
    rows = list(run_query(mini, name, PARAMS.get(name)))
    assert rows


def test_threats_and_suspensions_read_as_expected_on_the_hand_made_store(mini):
    threat = list(run_query(mini, "threats"))
    assert [(row["subject"].value, row["object"].value) for row in threat] == [("État islamique", "Mark Zuckerberg")]
    assert threat[0]["sentence"].value.startswith("L'État islamique menace")
    suspension = list(run_query(mini, "suspensions"))
    assert [(row["platform"].value, row["accounts"].value) for row in suspension] == [("Twitter", "125000")]
    sources = {row["article"].value: int(row["facts"].value) for row in run_query(mini, "sources")}
    assert sources == {"a1": 2, "a2": 2}  # the article's dcterms:identifier (its file stem), not its IRI


@pytest.mark.parametrize("name", ["evidence", "timeline"])
def test_facts_come_in_the_order_of_their_articles_file_stems_not_of_their_iris(name, digest_mini):
    rows = list(run_query(digest_mini, name))
    assert [row["article"].value for row in rows] == ["a1", "a1", "a2", "a2"]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_runs_on_the_seeds(name, seeds):
    assert isinstance(list(run_query(seeds, name, PARAMS.get(name))), list)


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS_ANSWER)
def test_seeds_give_answers(name, seeds):
    assert list(run_query(seeds, name, PARAMS.get(name)))


@pytest.mark.slow
def test_sources_list_every_seed_article(seeds):
    listed = {row["article"].value for row in run_query(seeds, "sources")}
    assert listed == {article.name for article in read_articles(sorted(SEEDS.glob("*.txt")))}  # the file stems


def test_actor_looks_a_name_up_first_and_answers_as_for_the_iri(mini):
    by_iri = [tuple(map(str, row)) for row in run_query(mini, "actor", {"entity": "kge:daesh"})]
    assert by_iri
    for name in ("daech", "l'État Islamique", "ETAT ISLAMIQUE"):
        assert [tuple(map(str, row)) for row in run_query(mini, "actor", {"entity": name})] == by_iri
    assert list(run_query(mini, "actor", {"entity": "personne de ce nom"})) == []


def test_the_entity_lookup_finds_every_entity_a_folded_name_stands_for(mini):
    lookup = Path(QUERIES["actor"].path).parent / "lookup" / "entity.rq"
    found = [row["node"].value for row in run_query(mini, str(lookup), {"name": "Daesh"})]
    assert found == ["https://w3id.org/kg-news/entity/daesh"]


def test_actor_gives_each_class_and_name_once_with_the_number_of_articles_that_give_it(mini):
    rows = [{key: (value.value if value is not None else None) for key, value in zip(VARIABLES, row)}
            for row in run_query(mini, "actor", {"entity": "kge:daesh"})]
    attributes = [(row["property"], row["value"], row["articles"]) for row in rows if row["direction"] == ""]
    assert len(attributes) == len(set(attributes))
    assert ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://w3id.org/kg-news/ontology#TerroristGroup",
            "2") in attributes  # both articles type it, one row
    assert all(row["sentence"] is None and row["article"] is None for row in rows if row["direction"] == "")
    facts = [row for row in rows if row["direction"] in ("in", "out")]
    assert {row["value"] for row in facts} == {"Mark Zuckerberg", "Twitter", "Anonymous", "125000", "5000"}
    assert all(row["articles"] == "1" and row["sentence"] and row["article"] for row in facts)


VARIABLES = ("node", "property", "direction", "value", "articles", "date", "sentence", "article")


def test_query_tables_name_entities_in_french_although_they_have_an_english_name_too(seeds):
    """A gazetteer entity carries its English name as a second skos:prefLabel (@en): tables show the French one."""
    rows = [row for row in run_query(seeds, "threats")]
    names = {row[column].value for row in rows for column in ("subject", "object")}
    assert "État islamique" in names
    assert "Islamic State" not in names


ARTICLE_COLUMN = [name for name, named in sorted(QUERIES.items())
                  if re.search(r"\?article\b", (named.text.split("\nSELECT", 1) + [""])[1].split("WHERE")[0])]


@pytest.mark.parametrize("name", ARTICLE_COLUMN)
def test_the_article_column_is_the_file_stem(name, mini):
    """An article's IRI is a digest of its text: the tables show its dcterms:identifier instead."""
    params = {"entity": "daech"} if name == "actor" else None
    shown = {row["article"].value for row in run_query(mini, name, params) if row["article"] is not None}
    assert shown and shown <= {"a1", "a2"}
