"""kg.render.render: the self-contained page, its data, the large-graph layout, and `kg render`."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import rdflib
from typer.testing import CliRunner

from kg.cli import app
from kg.export.network import load_network
from kg.render.render import LARGE_GRAPH, PAGE_DIR, page_data, render_html, spread_layout
from kg.store import open_store
from kg.vocab import ENTITY, GRAPH

FIXTURE = Path(__file__).parent / "data" / "render" / "mini.trig"
DAESH, ZUCKERBERG, TWITTER = (str(ENTITY[k]) for k in ("daesh", "mark-zuckerberg", "twitter"))


def fill_store(path: Path) -> Path:
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE, format="trig")
    store = open_store(path)
    for graph in dataset.graphs():
        if str(graph.identifier).startswith(str(GRAPH)):
            store.replace_graph(str(graph.identifier), graph.serialize(format="nt"))
    store.close()
    return path


@pytest.fixture
def store_dir(tmp_path):
    return fill_store(tmp_path / "store")


@pytest.fixture
def network(store_dir):
    store = open_store(store_dir, read_only=True)
    try:
        return load_network(store)
    finally:
        store.close()


class Resources(HTMLParser):
    """Every script, stylesheet link and src/href the page would fetch, and the inline data."""

    def __init__(self):
        super().__init__()
        self.fetched: list[str] = []
        self.scripts = 0
        self.data = None
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
            self._in_data = attrs.get("id") == "kg-data"
        for name in ("src", "href"):
            if attrs.get(name) and tag in ("script", "link", "img", "iframe", "source"):
                self.fetched.append(attrs[name])

    def handle_data(self, data):
        if self._in_data:
            self.data = json.loads(data)
            self._in_data = False


def parse(page: str) -> Resources:
    parser = Resources()
    parser.feed(page)
    return parser


def test_page_is_self_contained(network):
    page = render_html(network)
    resources = parse(page)
    assert resources.fetched == []  # nothing to fetch: no script src, no stylesheet link
    assert not re.search(r"<(script|link)[^>]+(src|href)\s*=\s*[\"']?https?://", page, re.I)
    for vendored in ("vis-network.min.js", "vis-network.css"):
        assert (PAGE_DIR / "vendor" / vendored).read_text(encoding="utf-8") in page
    assert (PAGE_DIR / "vendor" / "LICENSE-vis-network.txt").is_file()


def test_page_data_matches_the_network(network):
    data = parse(render_html(network)).data
    assert {n["id"] for n in data["nodes"]} == set(network)
    assert {(e["from"], e["to"], e["relation"]) for e in data["edges"]} == set(network.edges(keys=True))
    threat = next(e for e in data["edges"] if (e["from"], e["to"]) == (DAESH, ZUCKERBERG))
    assert threat["label"].endswith("×2") and len(threat["evidence"]) == 2
    suspension = next(e for e in data["edges"] if e["from"] == TWITTER)
    assert "125\u202f000" in suspension["label"]
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert sizes[DAESH] == max(sizes.values())  # the most connected entity is drawn largest
    assert {c["cls"] for c in data["classes"]} == {d["cls"] for _, d in network.nodes(data=True)}
    assert {r["relation"] for r in data["relations"]} == {k for *_, k in network.edges(keys=True)}


def test_english_page(store_dir):
    store = open_store(store_dir, read_only=True)
    english = load_network(store, lang="en")
    store.close()
    data = page_data(english, lang="en")
    assert data["strings"]["search"].startswith("Find")
    assert "suspends accounts of · 125,000 accounts" in {e["label"] for e in data["edges"]}


def test_article_text_cannot_close_the_script(network):
    sentence = "Il a écrit </script><script>alert(1)</script> sur Twitter <!-- ici"
    network.edges[DAESH, ZUCKERBERG, "threatens"]["evidence"][0]["sentence"] = sentence
    resources = parse(render_html(network))
    assert resources.scripts == 3  # the data, vis-network, the page script: nothing injected
    sentences = [ev["sentence"] for e in resources.data["edges"] for ev in e["evidence"]]
    assert sentence in sentences


def test_title_is_escaped(network):
    page = render_html(network, title="<b>Menaces</b> & co")
    assert "<title>&lt;b&gt;Menaces&lt;/b&gt; &amp; co</title>" in page


def test_small_graphs_use_physics_large_ones_get_positions(network):
    assert page_data(network)["large"] is False
    assert all("x" not in n for n in page_data(network)["nodes"])
    large = nx.MultiDiGraph(nx.gnm_random_graph(LARGE_GRAPH + 1, 2000, seed=1, directed=True))
    for node in large:
        large.add_node(node, key=str(node), label=f"n{node}", cls="Person", classes=["Person"], class_label="personne",
                       aliases=[], wikidata="")
    for _, _, data in large.edges(data=True):
        data.update(relation="uses", relation_label="utilise", count=1, accounts=[], evidence=[])
    data = page_data(large)
    assert data["large"] is True
    assert all(np.isfinite(n["x"]) and np.isfinite(n["y"]) for n in data["nodes"])
    assert all("label" not in e for e in data["edges"])  # edge captions stay in the details panel


def test_spread_layout_is_deterministic_and_keeps_neighbours_close():
    graph = nx.connected_caveman_graph(30, 8)
    first, second = spread_layout(graph), spread_layout(graph)
    assert first == second
    points = {n: np.array(p) for n, p in first.items()}
    edge_length = np.mean([np.linalg.norm(points[u] - points[v]) for u, v in graph.edges()])
    rng = np.random.default_rng(0)
    nodes = list(graph)
    pairs = rng.choice(len(nodes), (500, 2))
    random_length = np.mean([np.linalg.norm(points[nodes[a]] - points[nodes[b]]) for a, b in pairs])
    assert edge_length < random_length / 3


def test_cli_writes_the_page(store_dir, tmp_path):
    output = tmp_path / "graph.html"
    result = CliRunner().invoke(app, ["render", "--store", str(store_dir), "-o", str(output), "--entity", "EI"])
    assert result.exit_code == 0, result.output
    data = parse(output.read_text(encoding="utf-8")).data
    assert data["centre"] == DAESH
    assert f"{len(data['nodes'])} entities, {len(data['edges'])} links" in result.output


def test_cli_errors_are_one_line(store_dir, tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["render", "--store", str(tmp_path / "nowhere"), "-o", str(tmp_path / "g.html")])
    assert missing.exit_code == 3 and "nowhere" in missing.output and len(missing.output.strip().splitlines()) == 1
    unknown = runner.invoke(app, ["render", "--store", str(store_dir), "--entity", "Nobody",
                                  "-o", str(tmp_path / "g.html")])
    assert unknown.exit_code == 2 and "no entity named 'Nobody'" in unknown.output
    assert not (tmp_path / "g.html").exists()
