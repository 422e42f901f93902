"""Issue 15: kg with tools nobody on the project wrote, at their defaults.

SPARQLWrapper with every return format, with and without setOnlyConneg, on every query form; rdflib's
SPARQLStore; a stock `oxigraph serve` with and without --union-default-graph, started here on a loopback port;
language tags read back by rdflib and pyoxigraph; aliases searched by any gazetteer name.
"""

from __future__ import annotations

import json
import warnings

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDF, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from test_remote import load_into, oxigraph_server
from test_serve import MINI, load_mini, running
from typer.testing import CliRunner

from kg.cli import app  # the typer app with every command registered
from kg.query.run import named_queries, run_query
from kg.query.stats import stats
from kg.store import LocalStore, RemoteStore

pytestmark = pytest.mark.server
runner = CliRunner()
RETURN_FORMATS = [JSON, XML, CSV, TSV, N3, TURTLE, RDF, RDFXML, JSONLD]
PLATFORMS = "WHERE { GRAPH ?g { ?s a <https://w3id.org/kg-news/ontology#Platform> } }"
FORMS = {
    "SELECT": f"SELECT DISTINCT ?s {PLATFORMS}",
    "ASK": f"ASK {PLATFORMS}",
    "CONSTRUCT": f"CONSTRUCT {{ ?s a <https://w3id.org/kg-news/ontology#Platform> }} {PLATFORMS}",
    "DESCRIBE": "DESCRIBE <https://w3id.org/kg-news/entity/twitter>",
}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    store = load_mini(tmp_path_factory.mktemp("interop") / "store")
    with running(store, timeout_s=10, max_rows=500) as server:
        yield server.url + "query"


def _size(converted) -> int | bool:
    """Rows, boolean or triples of whatever SPARQLWrapper's convert() gave, parsed as its type says."""
    if isinstance(converted, rdflib.Graph):
        return len(converted)
    if isinstance(converted, dict):
        return converted["boolean"] if "boolean" in converted else len(converted["results"]["bindings"])
    if hasattr(converted, "getElementsByTagName"):  # SPARQL XML results
        booleans = converted.getElementsByTagName("boolean")
        return booleans[0].firstChild.data == "true" if booleans else len(converted.getElementsByTagName("result"))
    text = converted.decode() if isinstance(converted, bytes) else converted
    try:
        return len(rdflib.Graph().parse(data=text, format="turtle"))
    except Exception:  # CSV or TSV rows, or an ASK answer in CSV
        lines = [line for line in text.splitlines() if line]
        return lines[-1].strip().lower() == "true" if len(lines) == 1 else len(lines) - 1


@pytest.mark.parametrize("only_conneg", [False, True])
@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize("fmt", RETURN_FORMATS)
def test_sparqlwrapper_every_return_format_and_form(endpoint, fmt, form, only_conneg):
    client = SPARQLWrapper(endpoint)
    client.setOnlyConneg(only_conneg)
    client.setQuery(FORMS[form])
    client.setReturnFormat(fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # SPARQLWrapper warns when it falls back to Accept: */*
        size = _size(client.query().convert())
    expected = {"SELECT": 2, "ASK": True, "CONSTRUCT": 2}.get(form)
    if form == "DESCRIBE":
        assert size > 0
    else:
        assert size == expected


def test_sparqlwrapper_default_construct_is_rdfxml(endpoint):
    """The report's case: SPARQLWrapper's default CONSTRUCT call (format=xml) gets RDF/XML, not 406."""
    client = SPARQLWrapper(endpoint)
    client.setQuery(FORMS["CONSTRUCT"])
    response = client.query()
    assert response.info()["content-type"].startswith("application/rdf+xml")
    assert len(response.convert()) == 2


def test_rdflib_sparqlstore_every_form(endpoint):
    graph = rdflib.Graph(SPARQLStore(endpoint))
    assert len(list(graph.query(FORMS["SELECT"]))) == 2
    assert graph.query(FORMS["ASK"]).askAnswer is True
    assert len(graph.query(FORMS["CONSTRUCT"]).graph) == 2
    assert len(graph.query(FORMS["DESCRIBE"]).graph) > 0


# --- stock Oxigraph servers ------------------------------------------------------------------

@pytest.fixture(scope="module", params=[False, True], ids=["stock", "union-default-graph"])
def oxigraph_pair(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("stock")
    local = LocalStore(root / "local")
    load_into(local, MINI)
    with oxigraph_server(root / "oxigraph", union=request.param) as base:
        url = base + "/query"
        remote = RemoteStore.from_url(url)
        load_into(remote, MINI)
        yield local, remote, url
    local.close()


def test_stats_are_the_same_on_a_stock_server(oxigraph_pair):
    local, remote, _ = oxigraph_pair
    expected = stats(local)
    assert expected.articles > 0 and expected.total_facts > 0
    assert stats(remote) == expected


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_are_the_same_on_a_stock_server(oxigraph_pair, name):
    local, remote, _ = oxigraph_pair
    params = {"entity": "daech"} if name == "actor" else {}
    def rows(store):
        return sorted(str(tuple(map(str, row))) for row in run_query(store, name, params))
    assert rows(remote) == rows(local)


def test_render_and_validate_on_a_stock_server(oxigraph_pair, tmp_path):
    local, _, url = oxigraph_pair
    drawn = runner.invoke(app, ["render", "--store", url, "-o", str(tmp_path / "remote.html")])
    assert drawn.exit_code == 0, drawn.output
    from kg.export.network import load_network

    network = load_network(local)
    assert f"{network.number_of_nodes()} entities, {network.number_of_edges()} links" in drawn.output
    assert network.number_of_edges() > 0
    # the mini data breaks a few shapes on purpose: the server must report exactly what the embedded store does
    from kg.rdf.validate import format_report, validate

    checked = runner.invoke(app, ["validate", "--store", url])
    expected = format_report(validate(local))
    assert "3 graphs checked" in expected and checked.exit_code == 1
    assert expected.strip() in checked.output


# --- language tags and aliases ---------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_nquads(seeds_store) -> bytes:
    with LocalStore(seeds_store, read_only=True) if _takes_read_only() else LocalStore(seeds_store) as store:
        return store.dump(ox.RdfFormat.N_QUADS)


def _takes_read_only() -> bool:
    import inspect

    return "read_only" in inspect.signature(LocalStore.__init__).parameters


def test_language_tags_survive_rdflib_and_pyoxigraph(seeds_nquads):
    dataset = rdflib.Dataset()
    dataset.parse(data=seeds_nquads.decode(), format="nquads")
    titles = {o.language for _, p, o, _ in dataset.quads((None, rdflib.DCTERMS.title, None, None))}
    sentences = {o.language for _, p, o, _ in
                 dataset.quads((None, rdflib.URIRef("https://w3id.org/kg-news/ontology#sentence"), None, None))}
    assert titles == {"fr"} and sentences == {"fr"}
    english = {str(o) for s, _, o, _ in dataset.quads((None, rdflib.SKOS.prefLabel, None, None)) if o.language == "en"}
    assert "Islamic State" in english
    again = ox.parse(ox.serialize(ox.parse(seeds_nquads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG),
                     format=ox.RdfFormat.TRIG)
    tags = {quad.object.language for quad in again if isinstance(quad.object, ox.Literal)}
    assert {"fr", "en"} <= tags


def test_one_datatype_per_date_property(seeds_nquads):
    dataset = rdflib.Dataset()
    dataset.parse(data=seeds_nquads.decode(), format="nquads")
    dates = {o.datatype for _, _, o, _ in dataset.quads((None, rdflib.DCTERMS.date, None, None))}
    issued = [o for _, _, o, _ in dataset.quads((None, rdflib.DCTERMS.issued, None, None))]
    assert dates == {rdflib.XSD.date}
    assert issued and all(o.datatype == rdflib.XSD.dateTime and o.toPython().tzinfo for o in issued)


@pytest.mark.parametrize("alias", ["Daech", "ISIS", "daech", "etat islamique", "ÉTAT ISLAMIQUE"])
def test_every_gazetteer_alias_finds_the_entity(seeds_store, alias):
    found = runner.invoke(app, ["query", "actor", "--param", f"entity={alias}", "--store", str(seeds_store),
                                "--format", "json"])
    assert found.exit_code == 0, found.output
    rows = json.loads(found.stdout)["results"]["bindings"]
    assert rows and {row["node"]["value"] for row in rows} == {"https://w3id.org/kg-news/entity/daesh"}


def test_render_finds_an_entity_by_alias_and_shows_english_names(seeds_store, tmp_path):
    page = tmp_path / "isis.html"
    drawn = runner.invoke(app, ["render", "--store", str(seeds_store), "--entity", "ISIS", "--lang", "en",
                                "-o", str(page)])
    assert drawn.exit_code == 0, drawn.output
    assert "Islamic State" in page.read_text(encoding="utf-8")
