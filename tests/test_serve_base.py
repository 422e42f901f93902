"""kg serve on a store built with `kg build --base-iri`: its HTML results shorten IRIs with the store's prefixes,
and a server opened on an empty store follows the base of the store's first build."""

from __future__ import annotations

import json
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import running
from test_serve import MINI, http, load_mini

from kg.pipeline.names import refresh_display_names
from kg.rdf.provenance import remember_base
from kg.store import open_store
from kg.vocab import DEFAULT_BASE, Iris, rebase

pytestmark = pytest.mark.server

CUSTOM = "https://example.org/news/"
PLATFORMS = "SELECT ?platform WHERE { GRAPH ?g { ?platform a <https://w3id.org/kg-news/ontology#Platform> } }"


def write_custom_mini(path: Path) -> Path:
    """Into a store (new or empty): the mini store's quads with every data IRI under CUSTOM, as `kg build
    --base-iri` leaves them, its base recorded in the VoID graph and the display names derived."""
    trig = path.parent / "mini-custom.trig"
    trig.write_text(rebase(MINI.read_text(encoding="utf-8"), CUSTOM), encoding="utf-8")
    with open_store(path) as store:
        remember_base(store, Iris(CUSTOM))
    writer = ox.Store(str(path))
    writer.load(path=str(trig))
    writer.flush()
    del writer
    with open_store(path) as store:
        refresh_display_names(store)
    return path


def html_of(server, query: str) -> str:
    status, _, body = http(server.url + "query?" + urllib.parse.urlencode({"query": query, "format": "html"}))
    assert status == 200
    return body.decode()


def evidence_subjects(server) -> set[str]:
    """The subjects of the `evidence` named query, which reads the names graph under the store's base."""
    status, _, body = http(server.url + "named/evidence?format=json")
    assert status == 200
    return {b["subject"]["value"] for b in json.loads(body)["results"]["bindings"]}


@pytest.mark.parametrize("base", [DEFAULT_BASE, CUSTOM])
def test_the_html_results_shorten_iris_with_the_store_s_prefixes(tmp_path, base):
    path = write_custom_mini(tmp_path / "store") if base == CUSTOM else load_mini(tmp_path / "store")
    with running(path, workers=1) as server:
        page = html_of(server, PLATFORMS)
        assert f'<a href="{base}entity/twitter">kge:twitter</a>' in page
        assert "&lt;https://" not in page  # no IRI left unshortened
        named = http(server.url + "named/actor?" + urllib.parse.urlencode({"entity": "Daech", "format": "html"}))[2]
        assert ">kge:daesh<" in named.decode()


def test_a_server_opened_on_an_empty_store_follows_the_base_of_its_first_build(tmp_path):
    path = tmp_path / "store"
    open_store(path).close()
    with running(path, workers=1) as server:
        assert evidence_subjects(server) == set()  # the base read under the empty store: the default one
        write_custom_mini(path)  # the first build, under another base, while the server runs
        deadline = time.monotonic() + 10  # StoreWatch sees the write at once, or after REOPEN_S at the latest
        while not evidence_subjects(server) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert evidence_subjects(server) == {"Anonymous", "Facebook", "Twitter", "État islamique"}
        assert ">kge:twitter</a>" in html_of(server, PLATFORMS)
