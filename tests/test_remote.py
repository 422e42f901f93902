"""Remote stores: kg against a real Oxigraph server (the pip package's binary) gives the embedded answers."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QuerySyntaxError, StoreError, UsageError
from kg.pipeline.names import refresh_display_names
from kg.query.run import named_queries, run_query
from kg.serve.server import make_server
from kg.store import LocalStore, open_store
from kg.store.remote import RemoteStore, default_update_endpoint, parse_endpoints
from kg.vocab import PROVENANCE_GRAPH

MINI = Path(__file__).parent / "data" / "query" / "mini.trig"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
PARAMS = {"actor": {"entity": "daech"}}
runner = CliRunner()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path, union: bool = True):
    """`oxigraph serve` on a free loopback port (with its union default graph, or stock); yields its base URL and
    always stops it."""
    port = free_port()
    process = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                *(["--union-default-graph"] if union else [])],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            assert process.poll() is None, process.stderr.read().decode()
            try:
                urllib.request.urlopen(base + "/", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def load_into(store, trig: Path) -> None:
    """Every named graph of a TriG file into a store, graph by graph, through its replace_graph, then the
    display names, as `kg build` writes."""
    dataset = ox.Dataset(ox.parse(path=str(trig)))
    for graph in {quad.graph_name for quad in dataset}:
        triples = (quad.triple for quad in dataset.quads_for_graph_name(graph))
        store.replace_graph(graph.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode())
    refresh_display_names(store)


def answers(store, name: str) -> Counter:
    """The rows of a named query as a multiset of N-Triples strings (order of ties may differ)."""
    result = run_query(store, name, PARAMS.get(name))
    return Counter(tuple(str(term) if term is not None else None for term in row) for row in result)


@pytest.fixture(scope="module")
def mini_pair(tmp_path_factory):
    """The mini data in an embedded store and in a real Oxigraph server, both written by kg."""
    root = tmp_path_factory.mktemp("remote-mini")
    local = LocalStore(root / "local")
    load_into(local, MINI)
    with oxigraph_server(root / "oxigraph") as base:
        remote = RemoteStore.from_url(base + "/query")
        load_into(remote, MINI)
        yield local, remote
    local.close()


@pytest.fixture(scope="module")
def seeds_remote(tmp_path_factory):
    """A real Oxigraph server holding the seeds, built with `kg build --store URL`."""
    with oxigraph_server(tmp_path_factory.mktemp("remote-seeds")) as base:
        url = base + "/query"
        result = runner.invoke(app, ["build", str(SEEDS), "--store", url])
        assert result.exit_code == 0, result.output
        yield url


# --- endpoint URLs -------------------------------------------------------------------------

@pytest.mark.parametrize("query_url, update_url", [
    ("http://localhost:7878/query", "http://localhost:7878/update"),  # Oxigraph
    ("http://localhost:3030/kg/sparql", "http://localhost:3030/kg/update"),  # Fuseki
    ("http://localhost:3030/kg/query", "http://localhost:3030/kg/update"),  # Fuseki
    ("http://localhost:7200/repositories/kg", "http://localhost:7200/repositories/kg/statements"),  # GraphDB
    ("http://localhost:8890/sparql", "http://localhost:8890/sparql"),  # Virtuoso
])
def test_default_update_endpoints(query_url, update_url):
    assert default_update_endpoint(query_url) == update_url


def test_fragment_options_and_credentials():
    endpoints = parse_endpoints("http://me:s%40cret@localhost:8890/sparql-auth#update=/sparql-auth&gsp=/sparql-graph-crud-auth&timeout=5")
    assert endpoints.query == "http://localhost:8890/sparql-auth"
    assert endpoints.update == "http://localhost:8890/sparql-auth"
    assert endpoints.gsp == "http://localhost:8890/sparql-graph-crud-auth"
    assert (endpoints.user, endpoints.password, endpoints.timeout) == ("me", "s@cret", 5.0)


@pytest.mark.parametrize("url, message", [
    ("http://localhost:7878/query#nope=1", "unknown option nope"),
    ("http://localhost:7878/query#timeout=-3", "timeout must be a positive"),
    ("http:///query", "not an http"),
])
def test_bad_endpoint_urls(url, message):
    with pytest.raises(UsageError, match=message):
        parse_endpoints(url)


def test_unreachable_server_is_a_store_error():
    store = open_store(f"http://127.0.0.1:{free_port()}/query#timeout=2")
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        store.article_hashes()


# --- a real Oxigraph server ----------------------------------------------------------------


@pytest.mark.server
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_answer_the_same_on_both(mini_pair, name):
    local, remote = mini_pair
    expected = answers(local, name)
    assert expected  # the mini data has an answer for every named query
    assert answers(remote, name) == expected


@pytest.mark.server
def test_store_interface_on_both(mini_pair):
    local, remote = mini_pair
    assert remote.article_hashes() == local.article_hashes() == {"a1": "h1", "a2": "h2"}
    assert remote.article_states() == local.article_states()
    remote_data = rdflib.Dataset().parse(data=remote.dump(ox.RdfFormat.N_QUADS), format="nquads")
    local_data = rdflib.Dataset().parse(data=local.dump(ox.RdfFormat.N_QUADS), format="nquads")
    names = {g.identifier for g in local_data.graphs()} - {rdflib.graph.DATASET_DEFAULT_GRAPH_ID}
    assert names == {g.identifier for g in remote_data.graphs()} - {rdflib.graph.DATASET_DEFAULT_GRAPH_ID}
    for name in names:
        assert isomorphic(remote_data.graph(name), local_data.graph(name))


@pytest.mark.server
def test_injection_is_just_a_string_remotely(mini_pair):
    _, remote = mini_pair
    assert list(run_query(remote, "actor", {"entity": 'x" } ; DROP ALL ; #'})) == []
    assert remote.article_hashes() == {"a1": "h1", "a2": "h2"}


@pytest.mark.server
def test_remote_syntax_errors_carry_the_servers_message(mini_pair):
    _, remote = mini_pair
    with pytest.raises(QuerySyntaxError, match="error at 1:"):
        remote.query("SELECT ?s WHERE { ?s ?p }")


@pytest.mark.server
def test_graph_store_protocol_writes(tmp_path):
    with oxigraph_server(tmp_path / "gsp") as base:
        store = RemoteStore.from_url(base + "/query#gsp=/store")
        graph = "https://w3id.org/kg-news/graph/x"
        store.replace_graph(graph, "<http://ex/a> <http://ex/b> \"one\" .")
        store.replace_graph(graph, "<http://ex/a> <http://ex/b> \"two\" .")
        rows = list(store.query(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))
        assert [row["o"].value for row in rows] == ["two"]
        store.remove_graph(graph)
        assert list(store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")) == []


@pytest.mark.server
def test_writing_to_a_read_only_kg_serve_is_refused(tmp_path):
    writer = ox.Store(str(tmp_path / "store"))
    writer.load(path=str(MINI))
    writer.flush()
    del writer
    server = make_server(tmp_path / "store", "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        store = RemoteStore.from_url(server.url + "query")
        assert store.article_hashes() == {"a1": "h1", "a2": "h2"}
        with pytest.raises(StoreError, match="HTTP 403"):
            store.remove_graph("https://w3id.org/kg-news/graph/a1")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


# --- the seeds, built through the CLI into the server ----------------------------------------

@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_seeds_answer_the_same_remotely(seeds_store, seeds_remote, name):
    local = LocalStore(seeds_store, read_only=True)
    try:
        assert answers(RemoteStore.from_url(seeds_remote), name) == answers(local, name)
    finally:
        local.close()


@pytest.mark.server
@pytest.mark.slow
def test_cli_query_and_export_against_the_server(seeds_store, seeds_remote, tmp_path):
    for name in ("sources", "threats"):
        remote = runner.invoke(app, ["query", name, "--store", seeds_remote])
        local = runner.invoke(app, ["query", name, "--store", str(seeds_store)])
        assert remote.exit_code == local.exit_code == 0, remote.output
        assert sorted(remote.stdout.splitlines()) == sorted(local.stdout.splitlines())
    exported = {}
    for where, store in (("remote", seeds_remote), ("local", str(seeds_store))):
        target = tmp_path / f"{where}.nq"
        result = runner.invoke(app, ["export", "--store", store, "--format", "nquads", "--output", str(target)])
        assert result.exit_code == 0, result.output
        exported[where] = rdflib.Dataset().parse(target, format="nquads")
    assert len(exported["remote"]) == len(exported["local"]) > 0
    names = {g.identifier for g in exported["local"].graphs()}
    assert names == {g.identifier for g in exported["remote"].graphs()}
    for name in names - {rdflib.URIRef(PROVENANCE_GRAPH)}:  # the two builds ran at different times
        assert isomorphic(exported["remote"].graph(name), exported["local"].graph(name))
