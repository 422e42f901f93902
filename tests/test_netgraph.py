"""kg.export.network: the store as a networkx graph, on a real on-disk store filled from a TriG fixture."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF, RDFS
from test_remote import oxigraph_server

from kg.errors import QuerySyntaxError, UnknownQueryError, UsageError
from kg.export.network import export_network, flat_network, load_network, local_name
from kg.resources import ontology_dir
from kg.store import open_store
from kg.vocab import ENTITY, GRAPH, KG

FIXTURE = Path(__file__).parent / "data" / "render" / "mini.trig"
DAESH, ZUCKERBERG, TWITTER, ANONYMOUS = (str(ENTITY[k]) for k in ("daesh", "mark-zuckerberg", "twitter", "anonymous"))


def fixture_graphs() -> list[rdflib.Graph]:
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE, format="trig")
    return [graph for graph in dataset.graphs() if str(graph.identifier).startswith(str(GRAPH))]


def fill_store(path):
    """A real store holding the fixture, one named graph per article, written through the store's own API."""
    store = open_store(path)
    for graph in fixture_graphs():
        store.replace_graph(str(graph.identifier), graph.serialize(format="nt"))
    return store


@pytest.fixture
def store(tmp_path):
    opened = fill_store(tmp_path / "store")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def fixture_dataset():
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE, format="trig")
    return dataset


def ontology_label(term: str, lang: str) -> str:
    graph = rdflib.Graph().parse(ontology_dir() / "kg.ttl")
    return next(str(o) for o in graph.objects(KG[term], RDFS.label) if o.language == lang)


def test_nodes_are_the_typed_entities(store, fixture_dataset):
    typed = {str(q[0]) for q in fixture_dataset.quads((None, RDF.type, None, None))
             if str(q[0]).startswith(str(ENTITY))}
    network = load_network(store)
    assert set(network) == typed
    daesh = network.nodes[DAESH]
    assert daesh["label"] == "État islamique"  # the preferred label wins over the other names
    assert set(daesh["aliases"]) >= {"Daesh", "Daech", "EI", "l'État islamique"}
    assert daesh["wikidata"] == "http://www.wikidata.org/entity/Q2429253"
    assert daesh["cls"] == "TerroristGroup" and daesh["class_label"] == ontology_label("TerroristGroup", "fr")


def test_a_fact_reported_twice_is_one_edge_with_two_evidences(store):
    network = load_network(store)
    assert network.number_of_edges(DAESH, ZUCKERBERG) == 1
    edge = network.edges[DAESH, ZUCKERBERG, "threatens"]
    assert edge["count"] == 2
    assert [e["article"] for e in edge["evidence"]] == ["001_aaaa", "002_bbbb"]  # in date order
    first, second = edge["evidence"]
    assert first["title"] == "Daech menace les patrons de Facebook et Twitter"
    assert first["url"] == "http://example.org/news/daech-menace" and first["date"].startswith("2016-02-27")
    assert second["alleged"] is True and first["alleged"] is False
    assert edge["relation_label"] == ontology_label("threatens", "fr")


def test_two_articles_with_one_file_stem_keep_their_own_evidence(store):
    """Files of one name in two folders are two articles (two digests) with the same identifier."""
    first, other = "5f1c0a8e2b7d94c3e611", "0000ffff0000ffff0000"
    text = next(g for g in fixture_graphs() if str(g.identifier) == str(GRAPH[first])).serialize(format="nt")
    store.replace_graph(str(GRAPH[other]), text.replace(first, other))
    edge = load_network(store).edges[DAESH, ZUCKERBERG, "threatens"]
    assert [e["article"] for e in edge["evidence"]] == ["001_aaaa", "001_aaaa", "002_bbbb"]


def test_counted_events_put_their_account_counts_on_the_relation_edge(store):
    network = load_network(store)
    suspension = network.edges[TWITTER, DAESH, "suspendsAccountsOf"]
    assert suspension["accounts"] == [125000]
    assert suspension["count"] == 1  # the event's sentence is the fact's evidence, not a second mention
    assert network.edges[ANONYMOUS, DAESH, "hacks"]["accounts"] == [5000]


def test_english_labels(store):
    network = load_network(store, lang="en")
    assert network.edges[DAESH, ZUCKERBERG, "threatens"]["relation_label"] == ontology_label("threatens", "en")
    assert network.nodes[DAESH]["class_label"] == ontology_label("TerroristGroup", "en")


def test_relation_and_class_filters(store):
    threats = load_network(store, relations=["threatens"])
    assert {k for *_, k in threats.edges(keys=True)} == {"threatens"}
    assert all(threats.degree(n) > 0 for n in threats)
    people = load_network(store, classes=["Person"])
    assert people.number_of_nodes() > 0 and {d["cls"] for _, d in people.nodes(data=True)} == {"Person"}
    with pytest.raises(UsageError, match="unknown relation menaces"):
        load_network(store, relations=["menaces"])


def test_neighbourhood_of_an_entity_found_by_alias(store):
    full = load_network(store)
    around = load_network(store, entity="EI", hops=1)
    assert set(around) == {DAESH} | set(nx.all_neighbors(full, DAESH))
    assert set(load_network(store, entity="daech", hops=0)) == {DAESH}  # case and accents ignored
    with pytest.raises(UsageError, match="no entity named 'Nobody'"):
        load_network(store, entity="Nobody")


def test_construct_query_draws_its_triples_with_the_store_details(store, tmp_path):
    query = tmp_path / "threats.rq"
    query.write_text("PREFIX kg: <https://w3id.org/kg-news/ontology#>\n"
                     "CONSTRUCT { ?s kg:threatens ?o } WHERE { ?s kg:threatens ?o }\n", encoding="utf-8")
    drawn = load_network(store, query=str(query))
    assert {k for *_, k in drawn.edges(keys=True)} == {"threatens"}
    assert drawn.edges[DAESH, ZUCKERBERG, "threatens"]["count"] == 2
    assert drawn.nodes[DAESH]["label"] == "État islamique"


def test_bad_queries_say_which_file_and_why(store, tmp_path):
    select = tmp_path / "select.rq"
    select.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    with pytest.raises(UsageError, match="select.rq: not a CONSTRUCT"):
        load_network(store, query=str(select))
    broken = tmp_path / "broken.rq"
    broken.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ", encoding="utf-8")
    with pytest.raises(QuerySyntaxError, match="broken.rq"):
        load_network(store, query=str(broken))
    with pytest.raises(UnknownQueryError, match="no-such-query"):
        load_network(store, query="no-such-query")


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_for_gephi_and_cytoscape(store, fmt, read):
    network = load_network(store)
    back = read(BytesIO(export_network(store, fmt)))
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    daesh = back.nodes[DAESH]
    assert daesh["label"] == "État islamique" and daesh["class"] == "TerroristGroup"
    assert daesh["wikidata"].endswith("Q2429253")
    relations = {(u, d["relation"], v): d for u, v, d in back.edges(data=True)}
    assert int(relations[(DAESH, "threatens", ZUCKERBERG)]["count"]) == 2
    # articles by their file stems, the first of an article read from two files; never their digest IRIs
    assert relations[(DAESH, "threatens", ZUCKERBERG)]["articles"] == "001_aaaa; 002_bbbb"
    with pytest.raises(UsageError, match="unknown graph format"):
        export_network(store, "dot")


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)


@settings(max_examples=40, deadline=None)
@given(labels=st.lists(names, min_size=1, max_size=6, unique=True), count=st.integers(1, 1000))
def test_graphml_round_trip_keeps_labels_and_counts(labels, count):
    network = nx.MultiDiGraph()
    for i, label in enumerate(labels):
        network.add_node(f"urn:x:{i}", key=str(i), label=label, cls="Person", classes=["Person"],
                         class_label="personne", aliases=[label], wikidata="")
    network.add_edge("urn:x:0", f"urn:x:{len(labels) - 1}", key="uses", relation="uses", relation_label="utilise",
                     count=count, accounts=[count], evidence=[])
    buffer = BytesIO()
    nx.write_graphml(flat_network(network), buffer)
    back = nx.read_graphml(BytesIO(buffer.getvalue()))
    assert [back.nodes[f"urn:x:{i}"]["label"] for i in range(len(labels))] == labels
    (_, _, edge), = back.edges(data=True)
    assert (edge["relation"], int(edge["count"])) == ("uses", count)


def network_signature(network: nx.MultiDiGraph):
    nodes = {n: (d["label"], d["cls"], tuple(d["aliases"]), d["wikidata"]) for n, d in network.nodes(data=True)}
    edges = {(u, k, v): (d["count"], tuple(d["accounts"]), tuple((e["article"], e["sentence"]) for e in d["evidence"]))
             for u, v, k, d in network.edges(keys=True, data=True)}
    return nodes, edges


@pytest.mark.server
def test_a_remote_sparql_store_gives_the_same_network(store, tmp_path):
    """The same fixture behind a real `oxigraph serve` (union default graph) draws the same graph."""
    with oxigraph_server(tmp_path / "ox") as base:
        remote = fill_store(base + "/query")
        assert network_signature(load_network(remote)) == network_signature(load_network(store))


def test_local_name():
    assert local_name(str(KG.threatens)) == "threatens"
    assert local_name(str(ENTITY["mark-zuckerberg"])) == "mark-zuckerberg"
