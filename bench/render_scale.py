"""How long the graph page takes for a generated graph: layout and HTML, opening in Chromium, a search.

    .venv/bin/python bench/render_scale.py [NODES] [EDGES]      (default 5000 10000)

Prints one line per step in seconds. Drives Debian's Chromium (/usr/bin/chromium) with network requests blocked.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from kg.render.render import render_html

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def generated_network(nodes: int, edges: int, seed: int = 5) -> nx.MultiDiGraph:
    """Entities of five classes; a third of the edges point at a few hubs, as in news graphs."""
    rng = random.Random(seed)
    classes = ["Person", "Platform", "TerroristGroup", "GovernmentBody", "Place"]
    relations = ["threatens", "uses", "memberOf"]
    network = nx.MultiDiGraph()
    for i in range(nodes):
        cls = classes[i % len(classes)]
        network.add_node(f"urn:bench:{i}", key=f"n{i}", label=f"Entité {i}", cls=cls, classes=[cls], class_label=cls,
                         aliases=[f"Entité {i}", f"alias {i}"], wikidata="")
    added = 0
    while added < edges:
        u = rng.randrange(nodes)
        v = min(int(rng.paretovariate(0.8)), nodes - 1) if rng.random() < 0.3 else rng.randrange(nodes)
        relation = rng.choice(relations)
        if u != v and not network.has_edge(f"urn:bench:{u}", f"urn:bench:{v}", key=relation):
            evidence = [{"sentence": f"Phrase {u}-{v}.", "article": "a", "title": "T", "date": "", "url": "",
                         "confidence": 0.8, "alleged": False, "accounts": None}]
            network.add_edge(f"urn:bench:{u}", f"urn:bench:{v}", key=relation, relation=relation,
                             relation_label=relation, count=1, accounts=[], evidence=evidence)
            added += 1
    return network


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label:<28}{time.perf_counter() - start:8.2f} s")
    return result


def main(nodes: int = 5000, edges: int = 10000) -> None:
    network = timed(f"generate {nodes}/{edges}", lambda: generated_network(nodes, edges))
    page_html = timed("layout + HTML", lambda: render_html(network))
    path = Path(tempfile.mkdtemp()) / "bench.html"
    path.write_text(page_html, encoding="utf-8")
    print(f"{'page size':<28}{len(page_html.encode()) / 2**20:8.2f} MiB")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        timed("open until drawn", lambda: (page.goto(path.as_uri()),
                                           page.wait_for_function("kgPage.ready", timeout=300_000)))
        wanted = f"urn:bench:{nodes // 2}"
        selected = f"kgPage.network.getSelectedNodes()[0] === {wanted!r}"
        timed("search + focus", lambda: (page.fill("#kg-search", f"alias {nodes // 2}"), page.keyboard.press("Enter"),
                                         page.wait_for_function(selected)))
        timed("hide one relation", lambda: page.uncheck("#kg-relations input[data-key=uses]"))
        browser.close()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
