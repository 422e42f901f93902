"""A networkx graph of entities as one self-contained HTML page drawn by vis-network.

The page inlines everything it needs (vis-network's script and stylesheet from kg/page/vendor/, the page's
own script and stylesheet, and the graph as JSON), so it opens from a file with no network at all.
Small graphs are laid out by vis-network's physics, then frozen; large ones get positions computed here
and are drawn with physics off, so that a 5,000-node graph opens at once.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import networkx as nx
import numpy as np

from kg.errors import UsageError
from kg.export.network import load_network, ontology_labels
from kg.store import Store

PAGE_DIR = Path(__file__).resolve().parent / "page"
# Above this many nodes the browser's physics would take too long to settle: positions are computed here.
LARGE_GRAPH = 600
PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


@cache
def page_file(name: str) -> str:
    return (PAGE_DIR / name).read_text(encoding="utf-8")


def page_json(name: str) -> dict:
    return {k: v for k, v in json.loads(page_file(name)).items() if not k.startswith("_")}


def class_styles() -> dict[str, dict]:
    return page_json("classes.json")


def page_strings(lang: str) -> dict[str, str]:
    strings = page_json("strings.json")
    return strings.get(lang, strings["en"])


def format_count(number: int, lang: str) -> str:
    grouped = f"{number:,}"
    return grouped.replace(",", "\u202f") if lang == "fr" else grouped


def plural(forms: str | dict, number: int, lang: str) -> str:
    """The word of `forms` ({"one", "other"}) for `number`: in French 0 and 1 are singular, in English only 1."""
    if isinstance(forms, str):
        return forms
    one = number in (0, 1) if lang == "fr" else number == 1
    return forms["one"] if one else forms["other"]


def edge_caption(data: dict, strings: dict, lang: str) -> str:
    """'menace ×3', 'suspend les comptes de · 125 000 comptes': relation, mentions and account counts."""
    caption = data["relation_label"]
    if data["count"] > 1:
        caption += f" ×{data['count']}"
    if data["accounts"]:
        caption += " · " + " / ".join(f"{format_count(a, lang)} {plural(strings['accounts'], a, lang)}"
                                      for a in data["accounts"])
    return caption


def spread_layout(network: nx.MultiDiGraph, seed: int = 7, iterations: int = 80, gravity: float = 1.0) -> dict:
    """Force-directed positions for large graphs, in vis-network's pixel space.

    Fruchterman-Reingold in numpy where each node is pushed by a random sample of the others rather than all
    of them (networkx's spring_layout needs scipy above 500 nodes): O(n.k) per step instead of O(n^2).
    """
    nodes = list(network)
    count = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[u], index[v]) for u, v in network.edges() if u != v] or [(0, 0)], dtype=int)
    rng = np.random.default_rng(seed)
    position = rng.uniform(-1.0, 1.0, (count, 2)) * np.sqrt(count)
    sample_size = min(count, 200)
    for step in range(iterations):
        temperature = np.sqrt(count) * 0.1 * (1 - step / iterations) + 0.01
        sample = position[rng.choice(count, sample_size, replace=False)]
        delta = position[:, None, :] - sample[None, :, :]
        distance2 = np.maximum((delta ** 2).sum(axis=2), 0.01)
        push = (delta / distance2[:, :, None]).sum(axis=1) * (count / sample_size)
        stretch = position[pairs[:, 1]] - position[pairs[:, 0]]
        pull = stretch * np.linalg.norm(stretch, axis=1)[:, None]
        np.add.at(push, pairs[:, 0], pull)
        np.subtract.at(push, pairs[:, 1], pull)
        push -= position * gravity  # keeps isolated nodes and small components near the rest
        length = np.maximum(np.linalg.norm(push, axis=1), 1e-9)[:, None]
        position += push / length * np.minimum(length, temperature)
    position *= 900.0 / max(np.abs(position).max(), 1e-9) * np.sqrt(count / 1000)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, position)}


def node_item(node: str, data: dict, degree: int, styles: dict, labels: dict) -> dict:
    style = styles.get(data["cls"], styles["Thing"])
    return {
        "id": node, "label": data["label"], "title": f"{data['label']} — {data['class_label']}",
        # Size and label grow with the square root of the degree, so hubs stand out without swallowing the page.
        "size": round(min(40.0, 8 + 4 * degree ** 0.5), 1), "font": {"size": 13 + min(9, round(2 * degree ** 0.5))},
        "degree": degree, "color": style["color"], "shape": style["shape"],
        "key": data["key"], "cls": data["cls"],
        "classLabels": [labels.get(c, c) for c in data["classes"]] or [data["class_label"]],
        "aliases": data["aliases"], "wikidata": data["wikidata"],
    }


def edge_items(network: nx.MultiDiGraph, strings: dict, lang: str, large: bool) -> list[dict]:
    """One item per merged edge; edges between the same two nodes curve apart instead of overlapping."""
    between = defaultdict(list)
    for u, v, key in network.edges(keys=True):
        between[frozenset((u, v))].append((u, v, key))
    items = []
    for index, (u, v, key, data) in enumerate(network.edges(keys=True, data=True)):
        caption = edge_caption(data, strings, lang)
        siblings = between[frozenset((u, v))]
        bend = {"enabled": True, "type": "curvedCW", "roundness": 0.15 + 0.2 * siblings.index((u, v, key))}
        items.append({
            "id": f"e{index}", "from": u, "to": v, "caption": caption, "title": caption,
            "width": round(min(8.0, 1 + 1.5 * np.log2(data["count"])), 2),
            "relation": data["relation"], "relationLabel": data["relation_label"], "count": data["count"],
            "accounts": data["accounts"], "evidence": data["evidence"],
            "smooth": bend if len(siblings) > 1 else False, **({} if large else {"label": caption}),
        })
    return items


def legend(network: nx.MultiDiGraph, styles: dict) -> list[dict]:
    counts = Counter(d["cls"] for _, d in network.nodes(data=True))
    labels = {d["cls"]: d["class_label"] for _, d in network.nodes(data=True)}
    order = [c for c in styles if c in counts] + sorted(c for c in counts if c not in styles)
    return [{"cls": c, "label": labels[c], "count": counts[c], **styles.get(c, styles["Thing"])} for c in order]


def relation_list(network: nx.MultiDiGraph) -> list[dict]:
    counts = Counter(k for *_, k in network.edges(keys=True))
    labels = {k: d["relation_label"] for *_, k, d in network.edges(keys=True, data=True)}
    return [{"relation": r, "label": labels[r], "count": counts[r]} for r in sorted(counts, key=lambda r: labels[r])]


def page_data(network: nx.MultiDiGraph, lang: str = "fr") -> dict:
    """Everything the page script needs, as JSON-ready data."""
    styles, strings, labels = class_styles(), page_strings(lang), ontology_labels(lang)
    large = network.number_of_nodes() > LARGE_GRAPH
    positions = spread_layout(network) if large else {}
    nodes = []
    for node, data in network.nodes(data=True):
        item = node_item(node, data, network.degree(node), styles, labels)
        if node in positions:
            item["x"], item["y"] = positions[node]
        nodes.append(item)
    return {
        "lang": lang, "large": large, "strings": strings, "nodes": nodes,
        "edges": edge_items(network, strings, lang, large), "classes": legend(network, styles),
        "relations": relation_list(network), "centre": network.graph.get("centre"),
    }


def script_json(value) -> str:
    """JSON that can sit inside a <script> element: with no '<' at all, no '</script' or '<!--' can end it early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def render_html(network: nx.MultiDiGraph, *, lang: str = "fr", title: str | None = None) -> str:
    """The page as one string, every script and stylesheet inlined."""
    data = page_data(network, lang)
    parts = {
        "LANG": lang, "TITLE": html.escape(title or data["strings"]["title"]), "DATA": script_json(data),
        "VIS_CSS": page_file("vendor/vis-network.css"), "VIS_JS": page_file("vendor/vis-network.min.js"),
        "PAGE_CSS": page_file("graph.css"), "PAGE_JS": page_file("graph.js"),
    }
    # One pass, so that text inside the inserted parts is never taken for a placeholder.
    return PLACEHOLDER.sub(lambda m: parts[m.group(1)], page_file("graph.html"))


def render_store(store: Store, output: Path, *, lang: str = "fr", title: str | None = None, **options) -> dict:
    """Draw a store's graph (or part of it) into one HTML file; returns what was drawn."""
    network = load_network(store, lang=lang, **options)
    try:
        Path(output).write_text(render_html(network, lang=lang, title=title), encoding="utf-8")
    except OSError as err:
        raise UsageError(f"{output}: cannot write the page ({err.strerror or err})") from err
    return {"output": str(output), "nodes": network.number_of_nodes(), "edges": network.number_of_edges()}
