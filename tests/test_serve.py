"""kg serve: a real server on a loopback port, spoken to by real SPARQL clients (SPARQLWrapper, rdflib)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest
import rdflib
from helpers import load_built_store, popen_with_ctrl_c, running
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper

from kg.errors import StoreError, UsageError
from kg.query.run import named_queries, run_query
from kg.serve.server import make_server
from kg.store import LocalStore
from kg.vocab import ENTITY, KG

pytestmark = pytest.mark.server

MINI = Path(__file__).parent / "data" / "query" / "mini.trig"
CONSTRUCT = f"CONSTRUCT {{ ?s a ?c }} WHERE {{ GRAPH ?g {{ ?s a ?c FILTER(?c = <{KG}Platform>) }} }}"
# A query whose rows stream out slowly (deadline checked between rows), and one that Oxigraph
# evaluates in one go before the first row (an aggregate over ~10 million combinations).
STREAMING = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
BLOCKING = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
            "VALUES ?x { 1 2 3 4 5 6 7 8 9 10 } }")


def load_mini(path: Path) -> Path:
    return load_built_store(path, MINI)


@pytest.fixture(scope="module")
def mini_store(tmp_path_factory) -> Path:
    return load_mini(tmp_path_factory.mktemp("serve") / "store")




@pytest.fixture(scope="module")
def server(mini_store):
    with running(mini_store, timeout_s=10, max_rows=500) as started:
        yield started


@pytest.fixture(scope="module")
def endpoint(server) -> str:
    return server.url + "query"


def embedded(store_path, spec, params=None):
    store = LocalStore(store_path, read_only=True)
    try:
        return list(run_query(store, spec, params))
    finally:
        store.close()


def as_values(rows, names):
    return [tuple(row[name].value if row[name] is not None else None for name in names) for row in rows]


def http(url, data=None, headers=None, method=None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def form(**fields) -> bytes:
    return urllib.parse.urlencode(fields).encode()


# --- real clients -----------------------------------------------------------------------------

def test_sparqlwrapper_json_matches_the_embedded_store(endpoint, mini_store):
    text = named_queries()["threats"].text
    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    names = answer["head"]["vars"]
    got = [tuple(b.get(n, {}).get("value") for n in names) for b in answer["results"]["bindings"]]
    assert got == as_values(embedded(mini_store, "threats"), names)
    assert got  # the mini store has a threat


@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_sparqlwrapper_other_result_formats(endpoint, mini_store, fmt):
    client = SPARQLWrapper(endpoint)
    client.setQuery(named_queries()["evidence"].text)
    client.setReturnFormat(fmt)
    converted = client.query().convert()
    expected = len(embedded(mini_store, "evidence"))
    if fmt == XML:
        assert len(converted.getElementsByTagName("result")) == expected
    else:
        delimiter = "," if fmt == CSV else "\t"
        rows = list(csv.reader(io.StringIO(converted.decode()), delimiter=delimiter))
        assert len(rows) == expected + 1


def test_sparqlwrapper_construct_and_ask(endpoint, mini_store):
    client = SPARQLWrapper(endpoint)
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    expected = rdflib.Graph()
    for triple in embedded(mini_store, CONSTRUCT):
        expected.add((rdflib.URIRef(triple.subject.value), rdflib.RDF.type, rdflib.URIRef(triple.object.value)))
    assert len(expected) == 2 and isomorphic(graph, expected)
    client.setQuery(f"ASK {{ GRAPH ?g {{ <{ENTITY}daesh> <{KG}threatens> ?o }} }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_rdflib_sparqlstore_select_ask_construct(endpoint, mini_store):
    graph = rdflib.Graph(store=SPARQLStore(endpoint))
    text = named_queries()["suspensions"].text
    rows = [tuple(str(v) if v is not None else None for v in row) for row in graph.query(text)]
    names = [v.value for v in ox.Store().query(text).variables]
    assert rows == as_values(embedded(mini_store, "suspensions"), names)
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    constructed = graph.query(CONSTRUCT).graph
    assert len(constructed) == 2


# --- read-only --------------------------------------------------------------------------------

def triple_count(endpoint) -> int:
    status, _, body = http(endpoint, form(query="SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
                           {"Accept": "application/sparql-results+json"})
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_updates_are_refused_and_change_nothing(server, endpoint):
    before = triple_count(endpoint)
    insert = "INSERT DATA { GRAPH <http://ex/g> { <http://ex/a> <http://ex/b> <http://ex/c> } }"
    client = SPARQLWrapper(endpoint, updateEndpoint=server.url + "update")
    client.setMethod(POST)
    client.setQuery(insert)
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    with pytest.raises(Exception, match="403"):
        SPARQLUpdateStore(endpoint, server.url + "update").update(insert)
    answers = [
        http(endpoint, form(update=insert)),
        http(endpoint, insert.encode(), {"Content-Type": "application/sparql-update"}),
        http(endpoint, form(query=insert)),
        http(server.url + "update", form(update="DROP ALL")),
    ]
    assert [status for status, _, _ in answers] == [403, 403, 403, 403]
    assert all(b"read-only" in body for _, _, body in answers)
    assert http(server.url + "query", b"x", method="PUT")[0] == 405
    assert triple_count(endpoint) == before


# --- protocol details ------------------------------------------------------------------------

def test_get_post_form_and_direct_post_agree(endpoint):
    query = "SELECT ?s WHERE { GRAPH ?g { ?s a <https://w3id.org/kg-news/ontology#Platform> } } ORDER BY ?s"
    accept = {"Accept": "application/sparql-results+json"}
    by_get = http(endpoint + "?" + urllib.parse.urlencode({"query": query}), headers=accept)[2]
    by_form = http(endpoint, form(query=query), accept)[2]
    by_body = http(endpoint, query.encode(), {**accept, "Content-Type": "application/sparql-query"})[2]
    assert by_get == by_form == by_body
    assert len(json.loads(by_get)["results"]["bindings"]) == 3


def test_malformed_query_gets_400_with_the_parser_position(endpoint):
    status, _, body = http(endpoint, form(query="SELECT ?s WHERE {\n ?s ?p }"))
    assert status == 400
    assert b"syntax error at line 2, column" in body and len(body.strip().splitlines()) == 1


@pytest.mark.parametrize("accept, content_type", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html;q=0.5, text/csv;q=0.9", "text/csv"),
    ("*/*", "application/sparql-results+json"),
])
def test_accept_header_picks_the_result_format(endpoint, accept, content_type):
    status, headers, _ = http(endpoint, form(query="SELECT * WHERE { ?s ?p ?o } LIMIT 1"), {"Accept": accept})
    assert status == 200
    assert headers.get_content_type() == content_type
    assert headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("fmt, content_type, rdflib_format", [
    ("turtle", "text/turtle", "turtle"), ("ntriples", "application/n-triples", "nt"),
    ("jsonld", "application/ld+json", "json-ld"), ("rdfxml", "application/rdf+xml", "xml"),
])
def test_format_parameter_for_graph_results(endpoint, fmt, content_type, rdflib_format):
    status, headers, body = http(endpoint, form(query=CONSTRUCT, format=fmt))
    assert status == 200 and headers.get_content_type() == content_type
    assert len(rdflib.Graph().parse(data=body, format=rdflib_format)) == 2


def test_unsatisfiable_accept_is_406(endpoint):
    status, _, _ = http(endpoint, form(query="ASK {}"), {"Accept": "image/png"})
    assert status == 406


def test_cors_preflight(endpoint):
    status, headers, _ = http(endpoint, method="OPTIONS", headers={
        "Origin": "http://elsewhere.example", "Access-Control-Request-Method": "POST"})
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]


# --- limits ----------------------------------------------------------------------------------

def test_result_size_is_bounded(endpoint):
    status, _, body = http(endpoint, form(query="SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"))
    assert status == 422
    assert b"more than 500 rows" in body


@pytest.mark.parametrize("query", [STREAMING, BLOCKING])
def test_query_time_is_bounded(mini_store, query):
    with running(mini_store, timeout_s=0.3, max_rows=10**9) as limited:
        started = time.monotonic()
        status, _, body = http(limited.url + "query", form(query=query))
        elapsed = time.monotonic() - started
        assert status == 503 and b"longer than 0.3 s" in body
        assert elapsed < 5  # answered at the deadline, not when the evaluation would end
        assert http(limited.url + "query", form(query="ASK {}"))[0] == 200  # and still serving


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE}


def test_a_query_past_its_deadline_is_stopped(mini_store):
    with running(mini_store, timeout_s=0.3, workers=2) as limited:
        before = limited.service.worker_pids()
        assert http(limited.url + "query", form(query=BLOCKING))[0] == 503
        assert len(before) == 2 and len(alive(before)) == 1  # the busy worker was killed, not left running
        for _ in range(100):  # and replaced
            if len(alive(limited.service.worker_pids())) == 2:
                break
            time.sleep(0.1)
        assert len(alive(limited.service.worker_pids())) == 2


def test_a_crashed_worker_costs_one_query(mini_store):
    with running(mini_store, workers=1) as fragile:
        (pid,) = fragile.service.worker_pids()
        os.kill(pid, signal.SIGKILL)
        status, _, body = http(fragile.url + "query", form(query="ASK {}"))
        assert status == 500 and b"worker stopped" in body
        assert http(fragile.url + "query", form(query="ASK {}"))[0] == 200


# --- the landing page and named queries ------------------------------------------------------

def test_landing_page_lists_and_links_every_named_query(server):
    status, headers, body = http(server.url)
    page = body.decode()
    assert status == 200 and headers.get_content_type() == "text/html"
    for name in named_queries():
        assert f'id="{name}"' in page
    assert 'href="/named/threats?format=html"' in page
    status, headers, body = http(server.url, method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) == len(page.encode())
    status, _, result = http(server.url + "named/threats?format=html")
    assert status == 200 and "Mark Zuckerberg" in result.decode()


def test_named_query_with_a_parameter(server):
    status, _, body = http(server.url + "named/actor?" + urllib.parse.urlencode({"entity": "Daech", "format": "json"}))
    nodes = {b["node"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert status == 200 and nodes == {str(ENTITY) + "daesh"}
    status, _, body = http(server.url + "named/actor?" + urllib.parse.urlencode({"entity": 'x" } ; DROP ALL ; #'}))
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    assert http(server.url + "named/actor")[0] == 400
    assert http(server.url + "named/nosuch")[0] == 404


# --- the store under the server --------------------------------------------------------------

def test_keeps_answering_while_a_writer_holds_the_store(tmp_path):
    path = load_mini(tmp_path / "store")
    writer = ox.Store(str(path))  # holds RocksDB's lock, as `kg build` does
    with running(path, workers=4) as live:
        assert triple_count(live.url + "query") == len(writer)
        writer.add(ox.Quad(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/b"), ox.Literal("c"),
                           ox.NamedNode("http://ex/g")))
        writer.flush()
        deadline = time.monotonic() + 10
        while triple_count(live.url + "query") != len(writer) and time.monotonic() < deadline:
            time.sleep(0.3)
        # Once one answer has the new triple, every later one has it, whichever worker gives it
        # (each worker used to decide on its own when to reopen, and the next one answered 103).
        assert [triple_count(live.url + "query") for _ in range(8)] == [len(writer)] * 8
    del writer


def test_make_server_refuses_what_it_cannot_serve(tmp_path, mini_store):
    with pytest.raises(StoreError, match="no store here"):
        make_server(tmp_path / "none", port=0)
    with pytest.raises(UsageError, match="SPARQL server"):
        make_server("http://localhost:7878/query", port=0)
    with running(mini_store) as busy:
        with pytest.raises(UsageError, match="cannot listen"):
            make_server(mini_store, "127.0.0.1", busy.server_address[1])


def test_kg_serve_command(mini_store, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    kg = shutil.which("kg", path=str(Path(sys.executable).parent))
    process = popen_with_ctrl_c([kg, "serve", "--store", str(mini_store), "--port", str(port), "--quiet"],
                                stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/query"
        for _ in range(100):
            try:
                status, _, body = http(url, form(query="ASK { ?s ?p ?o }"),
                                       {"Accept": "application/sparql-results+json"})
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        assert status == 200 and json.loads(body)["boolean"] is True
        workers = {child.pid for child in psutil.Process(process.pid).children(recursive=True)}
        process.send_signal(signal.SIGINT)  # Ctrl-C
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    time.sleep(0.5)
    assert workers and not alive(workers)  # no worker left behind
    assert f"127.0.0.1:{port}" in stderr


def test_make_server_works_from_a_plain_script(mini_store, tmp_path):
    """No `if __name__ == "__main__"` guard needed: workers do not re-run the caller's script."""
    script = tmp_path / "script.py"
    script.write_text(
        "import json, threading, urllib.request\n"
        "from kg.serve.server import make_server\n"
        f"server = make_server({str(mini_store)!r}, '127.0.0.1', 0, workers=1)\n"
        "threading.Thread(target=server.serve_forever, daemon=True).start()\n"
        "request = urllib.request.Request(server.url + 'query?query=ASK%7B%7D',\n"
        "                                 headers={'Accept': 'application/json'})\n"
        "print(json.load(urllib.request.urlopen(request))['boolean'])\n"
        "server.shutdown(); server.server_close()\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


# --- in a real browser -----------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def page():
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield browser.new_page()
        browser.close()


@pytest.mark.browser
def test_landing_page_runs_named_queries_in_a_browser(server, page):
    page.goto(server.url)
    page.click('#threats a:text("table")')
    assert "Mark Zuckerberg" in page.inner_text("table")
    page.goto(server.url)
    page.fill('#actor input[name="entity"]', "daech")
    page.click("#actor button")
    assert "kge:daesh" in page.inner_text("table") and "kg:threatens" in page.inner_text("table")


@pytest.mark.browser
def test_cross_origin_fetch_from_a_browser(server, page):
    # origin http://127.0.0.1:PORT, on a JSON answer: the server's HTML pages carry a Content-Security-Policy that
    # forbids them any connection, as they run no script of their own. The endpoint below is another origin.
    page.goto(server.url + "query?query=ASK%7B%7D&format=json")
    other_origin = server.url.replace("127.0.0.1", "localhost") + "query"
    answer = page.evaluate("""async (url) => {
        const response = await fetch(url, {method: "POST",
            headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
            body: "ASK { ?s ?p ?o }"});
        return await response.json();
    }""", other_origin)
    assert answer == {"head": {}, "boolean": True}


def test_a_get_on_the_endpoint_with_no_query_answers_its_service_description(endpoint):
    """SPARQL 1.1 Service Description: GET with no query, Accept: text/turtle; read with rdflib."""
    import rdflib

    status, headers, body = http(endpoint, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef(endpoint)
    assert (service, rdflib.RDF.type, sd.Service) in graph and (service, sd.endpoint, service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    formats = {str(o).rsplit("/", 1)[1] for o in graph.objects(service, sd.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "Turtle", "JSON-LD"} <= formats
    assert http(endpoint, headers={"Accept": "application/rdf+xml"})[0] == 200
    assert http(endpoint, data=b"", headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 400
