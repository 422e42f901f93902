"""The graph page in Debian's Chromium with every network request blocked: it loads, draws, searches, explains.

Playwright drives /usr/bin/chromium (never a downloaded browser). A missing Chromium fails these tests with
a clear message: .ci/run installs it.
"""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest

from kg.export.network import load_network
from kg.render.render import render_html
from kg.vocab import ENTITY

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
FIXTURE = Path(__file__).parent / "data" / "render" / "mini.trig"
DAESH, ZUCKERBERG = str(ENTITY["daesh"]), str(ENTITY["mark-zuckerberg"])


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: `apt-get install chromium` (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class OfflinePage:
    """A page whose every non-file request is aborted and recorded, with console errors collected."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(("file:", "about:", "data:")):
            route.continue_()
        else:
            route.abort()

    def open(self, path: Path, timeout_ms: int = 60_000):
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgPage && window.kgPage.ready", timeout=timeout_ms)
        return self.page

    def offsite_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "about:", "data:"))]


@pytest.fixture
def offline(browser):
    opened = OfflinePage(browser)
    yield opened
    opened.page.close()


@pytest.fixture(scope="module")
def mini_network(tmp_path_factory):
    import rdflib

    from kg.store import open_store
    from kg.vocab import GRAPH

    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE, format="trig")
    store = open_store(tmp_path_factory.mktemp("store") / "kg-store")
    for graph in dataset.graphs():
        if str(graph.identifier).startswith(str(GRAPH)):
            store.replace_graph(str(graph.identifier), graph.serialize(format="nt"))
    network = load_network(store)
    store.close()
    return network


@pytest.fixture
def mini_page(mini_network, offline, tmp_path):
    path = tmp_path / "graph.html"
    path.write_text(render_html(mini_network), encoding="utf-8")
    return offline.open(path)


def drawn_edges(page) -> set[tuple[str, str, str]]:
    items = page.evaluate("kgPage.edges.get().map(e => [e.from, e.to, e.relation])")
    return {tuple(item) for item in items}


def test_page_loads_offline_and_draws_the_graph(mini_page, mini_network, offline):
    assert offline.errors == []
    assert offline.offsite_requests() == []
    assert set(mini_page.evaluate("kgPage.nodes.getIds()")) == set(mini_network)
    assert drawn_edges(mini_page) == {(u, v, k) for u, v, k in mini_network.edges(keys=True)}
    # What vis-network actually put on the canvas, not only what it was given.
    drawn = mini_page.evaluate("[kgPage.network.body.nodeIndices.length, kgPage.network.body.edgeIndices.length]")
    assert drawn == [mini_network.number_of_nodes(), mini_network.number_of_edges()]
    physics = mini_page.evaluate("kgPage.network.physics.physicsEnabled")
    assert physics is False  # stabilised, then frozen


def test_search_by_alias_focuses_the_entity(mini_page, mini_network):
    mini_page.click("#kg-search")
    mini_page.keyboard.type("daech", delay=20)  # an alias, lower case, no accent
    first = mini_page.locator("#kg-matches li").first
    assert first.get_attribute("data-id") == DAESH
    mini_page.keyboard.press("Enter")
    assert mini_page.evaluate("kgPage.network.getSelectedNodes()") == [DAESH]
    assert mini_page.inner_text("#kg-info h2") == mini_network.nodes[DAESH]["label"]
    info = mini_page.inner_text("#kg-info")
    assert all(alias in info for alias in mini_network.nodes[DAESH]["aliases"])
    assert mini_page.get_attribute("#kg-info a", "href") == mini_network.nodes[DAESH]["wikidata"]
    mini_page.wait_for_timeout(700)  # the focus animation
    centre = mini_page.evaluate("kgPage.network.getViewPosition()")
    position = mini_page.evaluate(f"kgPage.network.getPositions([{DAESH!r}])[{DAESH!r}]")
    assert abs(centre["x"] - position["x"]) < 1 and abs(centre["y"] - position["y"]) < 1


def edge_point_on_screen(page, edge_id: str) -> tuple[float, float]:
    """Where the middle of a drawn edge is on the screen (the curve's midpoint, through the view transform)."""
    point = page.evaluate(
        """id => { const n = kgPage.network; const p = n.body.edges[id].edgeType.getPoint(0.5);
                   const dom = n.canvasToDOM(p);
                   const box = document.getElementById('kg-network').getBoundingClientRect();
                   return [dom.x + box.left, dom.y + box.top]; }""", edge_id)
    return point[0], point[1]


def test_clicking_an_edge_shows_its_evidence(mini_page, mini_network, tmp_path):
    edge_id = mini_page.evaluate(
        f"kgPage.edges.get({{filter: e => e.from === {DAESH!r} && e.to === {ZUCKERBERG!r}}})[0].id")
    mini_page.evaluate("kgPage.network.fit({animation: false})")
    x, y = edge_point_on_screen(mini_page, edge_id)
    mini_page.mouse.click(x, y)
    assert mini_page.evaluate("kgPage.network.getSelectedEdges()") == [edge_id]
    panel = mini_page.inner_text("#kg-info")
    for evidence in mini_network.edges[DAESH, ZUCKERBERG, "threatens"]["evidence"]:
        assert evidence["sentence"] in panel and evidence["title"] in panel and evidence["date"][:10] in panel
    # each article named by its file stem (the first of the two files of the second), not by its digest IRI
    sources = mini_page.eval_on_selector_all("#kg-info .kg-source", "items => items.map(e => e.innerText)")
    assert [s.split(" · ")[1] for s in sources] == ["001_aaaa", "002_bbbb"]
    assert "zz_copy_of_002" not in panel and "5f1c0a8e2b7d94c3e611" not in panel
    links = mini_page.eval_on_selector_all("#kg-info a", "links => links.map(a => a.href)")
    assert "http://example.org/news/daech-menace" in links
    shot = tmp_path / "graph.png"
    mini_page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_filters_hide_a_relation_and_a_class(mini_page, mini_network):
    threats = sum(1 for *_, k in mini_network.edges(keys=True) if k == "threatens")
    mini_page.uncheck("#kg-relations input[data-key=threatens]")
    assert mini_page.evaluate("kgPage.network.body.edgeIndices.length") == mini_network.number_of_edges() - threats
    people = [n for n, d in mini_network.nodes(data=True) if d["cls"] == "Person"]
    mini_page.uncheck("#kg-classes input[data-key=Person]")
    assert mini_page.evaluate("kgPage.network.body.nodeIndices.length") == mini_network.number_of_nodes() - len(people)
    assert not set(people) & set(mini_page.evaluate("kgPage.nodeView.getIds()"))


def synthetic_network(nodes: int, edges: int, seed: int = 11) -> nx.MultiDiGraph:
    """A generated graph with the attributes load_network gives, hubs included (a few nodes get many edges)."""
    rng = random.Random(seed)
    classes = ["Person", "Platform", "TerroristGroup", "GovernmentBody", "Place"]
    relations = ["threatens", "uses", "memberOf"]
    network = nx.MultiDiGraph()
    for i in range(nodes):
        cls = classes[i % len(classes)]
        network.add_node(f"urn:test:{i}", key=f"n{i}", label=f"Entité {i}", cls=cls, classes=[cls], class_label=cls,
                         aliases=[f"Entité {i}", f"alias {i}"], wikidata="")
    added = 0
    while added < edges:
        u = rng.randrange(nodes)
        v = min(int(rng.paretovariate(0.8)), nodes - 1) if rng.random() < 0.3 else rng.randrange(nodes)
        relation = rng.choice(relations)
        if u != v and not network.has_edge(f"urn:test:{u}", f"urn:test:{v}", key=relation):
            network.add_edge(f"urn:test:{u}", f"urn:test:{v}", key=relation, relation=relation, relation_label=relation,
                             count=1, accounts=[], evidence=[{"sentence": f"Phrase {u}-{v}.", "article": "a",
                                                             "title": "T", "date": "", "url": "", "confidence": 0.8,
                                                             "alleged": False, "accounts": None}])
            added += 1
    return network


@pytest.mark.slow
def test_a_graph_of_5000_nodes_and_10000_edges_opens_and_answers(offline, tmp_path):
    network = synthetic_network(5000, 10000)
    path = tmp_path / "large.html"
    path.write_text(render_html(network), encoding="utf-8")
    page = offline.open(path, timeout_ms=180_000)
    assert offline.errors == [] and offline.offsite_requests() == []
    assert page.evaluate("[kgPage.nodes.length, kgPage.edges.length]") == [5000, 10000]
    linked = sum(1 for node in network if network.degree(node))  # the others wait behind the toggle
    drawn = page.evaluate("[kgPage.network.body.nodeIndices.length, kgPage.network.body.edgeIndices.length]")
    assert drawn == [linked, 10000] and linked > 4000
    page.click("#kg-search")
    page.keyboard.type("alias 4321")
    page.keyboard.press("Enter")
    assert page.evaluate("kgPage.network.getSelectedNodes()") == ["urn:test:4321"]
    assert page.inner_text("#kg-info h2") == "Entité 4321"


def test_an_empty_graph_opens_without_errors(offline, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(render_html(nx.MultiDiGraph()), encoding="utf-8")
    page = offline.open(path)
    assert offline.errors == []
    assert page.evaluate("[kgPage.nodes.length, kgPage.edges.length]") == [0, 0]
    page.click("#kg-search")
    page.keyboard.type("Daech")
    assert "Daech" not in page.inner_text("#kg-info")
    assert page.locator("#kg-matches li").count() == 1  # the "no entity has this name" line


def evidence(sentence: str) -> dict:
    return {"sentence": sentence, "article": "a", "title": "T", "date": "", "url": "", "confidence": 0.8,
            "alleged": False, "accounts": None}


def small_network(isolated: bool = True) -> nx.MultiDiGraph:
    """Four linked entities (A → B menace, C → D pirate, B → A menace twice) and, if asked, one with no link."""
    network = nx.MultiDiGraph()
    for name in "ABCDE"[: 5 if isolated else 4]:
        network.add_node(f"urn:test:{name}", key=name, label=f"Entité {name}", cls="Person", classes=["Person"],
                         class_label="Personne", aliases=[f"Entité {name}"], wikidata="")
    for u, v, relation, label, sentences in [("A", "B", "threatens", "menace", ["A menace B."]),
                                             ("C", "D", "hacks", "pirate", ["C pirate D."]),
                                             ("B", "A", "threatens", "menace", ["B menace A.", "B menace encore A."])]:
        network.add_edge(f"urn:test:{u}", f"urn:test:{v}", key=relation, relation=relation, relation_label=label,
                         count=len(sentences), accounts=[], evidence=[evidence(s) for s in sentences])
    return network


def open_network(offline, tmp_path, network: nx.MultiDiGraph, lang: str = "fr"):
    path = tmp_path / f"page-{lang}.html"
    path.write_text(render_html(network, lang=lang), encoding="utf-8")
    return offline.open(path)


def on_screen(page, x: float, y: float) -> tuple[float, float]:
    point = page.evaluate("""([x, y]) => { const dom = kgPage.network.canvasToDOM({x, y});
        const box = document.getElementById('kg-network').getBoundingClientRect();
        return [dom.x + box.left, dom.y + box.top]; }""", [x, y])
    return point[0], point[1]


def test_entities_with_no_link_are_hidden_until_the_toggle_or_a_search_shows_them(offline, tmp_path):
    page = open_network(offline, tmp_path, small_network())
    assert offline.errors == []
    assert "urn:test:E" not in page.evaluate("kgPage.nodeView.getIds()")
    assert page.evaluate("kgPage.network.body.nodeIndices.length") == 4
    assert page.inner_text("#kg-summary") == "4 entités · 3 liens"
    assert page.inner_text("#kg-isolated-toggle").strip() == "Montrer les entités sans lien (1)"
    page.check("#kg-isolated")
    assert page.evaluate("kgPage.network.body.nodeIndices.length") == 5
    page.uncheck("#kg-isolated")
    assert page.evaluate("kgPage.network.body.nodeIndices.length") == 4
    page.click("#kg-search")
    page.keyboard.type("Entité E")
    page.keyboard.press("Enter")
    assert page.is_checked("#kg-isolated") and page.evaluate("kgPage.network.getSelectedNodes()") == ["urn:test:E"]


def test_the_toggle_is_not_offered_when_every_entity_has_a_link(offline, tmp_path):
    page = open_network(offline, tmp_path, small_network(isolated=False))
    assert not page.is_visible("#kg-isolated-toggle")


def test_a_click_on_an_edge_s_label_opens_that_edge_even_with_another_line_across_it(offline, tmp_path):
    """The report's case: the label of « menace » with the line of « pirate » drawn across it."""
    page = open_network(offline, tmp_path, small_network(isolated=False))
    page.evaluate("""() => { const n = kgPage.network;
        n.moveNode('urn:test:A', -300, 0); n.moveNode('urn:test:B', 300, 0);
        n.moveNode('urn:test:C', 0, -80); n.moveNode('urn:test:D', 0, 500);
        n.fit({animation: false}); n.redraw(); }""")
    page.wait_for_timeout(200)
    crossing = page.evaluate("""() => { const e = kgPage.edges.get({filter: e => e.from === 'urn:test:A'})[0];
        const box = kgPage.network.body.edges[e.id].labelModule.size;
        return [e.id, box.left, box.left + box.width, box.top + box.height / 2]; }""")
    menace, left, right, y = crossing
    assert left < 0 < right  # the pirate line (x = 0) crosses the label of « menace »: click where they meet
    x = 0
    pirate = page.evaluate("kgPage.edges.get({filter: e => e.from === 'urn:test:C'})[0].id")
    vis_pick = page.evaluate(f"kgPage.network.getEdgeAt(kgPage.network.canvasToDOM({{x: {x}, y: {y}}}))")
    assert vis_pick == pirate  # vis-network's own pick there is the line, while the label and tooltip say menace
    page.mouse.click(*on_screen(page, x, y))
    assert page.evaluate("kgPage.network.getSelectedEdges()") == [menace]
    assert "A menace B." in page.inner_text("#kg-info") and "pirate" not in page.inner_text("#kg-info h2")
    page.mouse.click(*on_screen(page, 0, 400))  # on the pirate line, away from every label
    assert page.evaluate("kgPage.network.getSelectedEdges()") == [pirate]
    assert "C pirate D." in page.inner_text("#kg-info")


@pytest.mark.parametrize("lang, one, two", [("fr", "1 mention", "2 mentions"), ("en", "1 mention", "2 mentions")])
def test_counts_take_the_plural_only_when_the_language_does(offline, tmp_path, lang, one, two):
    page = open_network(offline, tmp_path, small_network(isolated=False), lang)
    for source, count in (("urn:test:A", one), ("urn:test:B", two)):
        edge = page.evaluate(f"kgPage.edges.get({{filter: e => e.from === {source!r}}})[0].id")
        page.evaluate(f"kgPage.showEdge({edge!r})")
        assert page.inner_text("#kg-info p.kg-muted") == count
    page.evaluate("kgPage.showNode('urn:test:C')")
    assert page.inner_text("#kg-info p.kg-muted").startswith("1 lien ·" if lang == "fr" else "1 link ·")
    single = nx.MultiDiGraph(small_network(isolated=False).subgraph(["urn:test:C", "urn:test:D"]))
    page = open_network(offline, tmp_path, single, lang)
    assert page.inner_text("#kg-summary") == ("2 entités · 1 lien" if lang == "fr" else "2 entities · 1 link")


def test_an_empty_store_gives_a_page_that_says_so(offline, tmp_path):
    page = open_network(offline, tmp_path, nx.MultiDiGraph(), "en")
    message = page.inner_text("#kg-empty-message")
    assert "the store holds no article yet" in message and "kg build" in message
    assert page.is_visible("#kg-empty-message") and page.inner_text("#kg-summary") == "0 entities · 0 links"
