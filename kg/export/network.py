"""The store's entities and relations as a networkx graph: what the graph page draws and Gephi reads.

Nodes are entities (keyed by IRI) with their classes, names and Wikidata link. Edges are keyed by relation
local name, so the same (subject, relation, object) reported by twenty articles is one edge carrying a count
and the twenty evidence records; counted account events add their account counts to the matching
`suspendsAccountsOf` / `hacks` edge.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from io import BytesIO

import networkx as nx
import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import UsageError
from kg.ingest.sanitize import safe_strings
from kg.query.construct import run_construct
from kg.resources import ontology_dir, shipped_query
from kg.store.base import Store, iris_of
from kg.vocab import EVENT_RELATIONS, KG, fold  # a counted event is drawn on the edge of its relation

NAME_PROPERTIES = {str(RDFS.label), str(SKOS.prefLabel), str(SKOS.altLabel)}
# When an entity has several classes, the most specific one decides its colour.
GENERAL_CLASSES = ("Organization", "Agent")
EXPORT_FORMATS = ("gexf", "graphml")
LANG_KEY = " lang"  # in the labels table: the language the names are wanted in (no term has a space)


def local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def load_network(store: Store, *, query: str | None = None, entity: str | None = None, hops: int = 1,
                 relations: Sequence[str] = (), classes: Sequence[str] = (), lang: str = "fr") -> nx.MultiDiGraph:
    """The graph to draw: the whole store, a CONSTRUCT query's triples, or one entity's neighbourhood."""
    labels = ontology_labels(lang)
    network = read_network(store, labels)
    network.graph["lang"] = lang
    if query is not None:
        network = construct_network(network, run_construct(store, query), labels)
    network = filter_network(network, relations, classes)
    if entity is not None:
        network = neighbourhood(network, entity, hops)
    return network


@lru_cache(maxsize=1)
def _ontology() -> rdflib.Graph:
    """The ontology (ontology/kg.ttl), or an empty graph where it is missing: names then fall back to local names."""
    try:
        path = ontology_dir() / "kg.ttl"
    except FileNotFoundError:
        return rdflib.Graph()
    return rdflib.Graph().parse(path) if path.is_file() else rdflib.Graph()


@lru_cache(maxsize=4)
def ontology_labels(lang: str = "fr") -> dict[str, str]:
    """Local name -> rdfs:label in `lang` (else English, else any) for every term of the ontology."""
    by_term: dict[str, dict[str, str]] = defaultdict(dict)
    for term, label in _ontology().subject_objects(RDFS.label):
        if str(term).startswith(str(KG)) and isinstance(label, rdflib.Literal):
            by_term[local_name(str(term))][label.language or ""] = str(label)
    found = {term: names.get(lang) or names.get("en") or next(iter(names.values())) for term, names in by_term.items()}
    return found | {LANG_KEY: lang}  # the entities' names follow the same language


def ontology_terms(kind) -> set[str]:
    """Local names of the ontology's terms of one kind (OWL.Class, OWL.ObjectProperty)."""
    return {local_name(str(t)) for t in _ontology().subjects(RDF.type, kind) if str(t).startswith(str(KG))}


def _rows(store, name: str):
    return store.query(shipped_query(f"page/{name}.rq", iris_of(store).base))


def _value(term) -> str | None:
    return None if term is None else term.value


def read_network(store, labels: dict[str, str]) -> nx.MultiDiGraph:
    network = nx.MultiDiGraph()
    # article IRI (a digest of its text) -> the name people know it by, its file stem
    names = {row["article"].value: row["name"].value for row in _rows(store, "network-articles")}
    _add_entities(network, _rows(store, "network-entities"), labels)
    _add_facts(network, _rows(store, "network-facts"), labels, names)
    _add_events(network, _rows(store, "network-events"), labels, names)
    for _, _, data in network.edges(data=True):
        _finish_edge(data)
    return network


def _add_entities(network: nx.MultiDiGraph, rows, labels: dict[str, str]) -> None:
    seen: dict[str, dict] = defaultdict(_no_facts)
    for row in rows:
        facts, prop, value = seen[row["entity"].value], row["property"].value, row["value"].value
        graphs = int(row["graphs"].value)
        if prop == str(RDF.type) and value.startswith(str(KG)):
            facts["types"].add(local_name(value))
        elif prop == str(OWL.sameAs) and "wikidata.org" in value:
            facts["wd"] = value
        elif prop == str(KG.displayName):
            facts["shown"] = value
        elif prop in NAME_PROPERTIES:
            facts["names"][value] += graphs
            if prop == str(SKOS.prefLabel):
                facts["pref"][value] += graphs
                if row["lang"] is not None and row["lang"].value:
                    facts["by_lang"][row["lang"].value] = value
    for iri, facts in seen.items():
        network.add_node(iri, **_entity_attributes(iri, facts, labels))


def _no_facts() -> dict:
    return {"types": set(), "names": Counter(), "pref": Counter(), "wd": "", "shown": "", "by_lang": {}}


def _entity_attributes(iri: str, facts: dict, labels: dict[str, str]) -> dict:
    classes = sorted(facts["types"], key=lambda c: (c in GENERAL_CLASSES, c))
    cls = classes[0] if classes else "Thing"
    # The name in the page's language, else the display name the query tables show (kg/pipeline/names.py),
    # else (a store without a names graph) the most frequent preferred label or name.
    names = facts["pref"] or facts["names"]
    label = max(sorted(names), key=lambda n: (names[n], len(n))) if names else local_name(iri)
    label = facts["by_lang"].get(labels.get(LANG_KEY, "fr")) or facts["shown"] or label
    return {
        "key": local_name(iri), "label": label, "cls": cls, "classes": classes,
        "class_label": labels.get(cls, cls), "aliases": sorted(facts["names"]), "wikidata": facts["wd"],
    }


def _ensure_node(network: nx.MultiDiGraph, iri: str, labels: dict[str, str]) -> None:
    if iri not in network:
        facts = _no_facts()
        network.add_node(iri, **_entity_attributes(iri, facts, labels))


def _edge(network: nx.MultiDiGraph, subject: str, relation: str, obj: str, labels: dict[str, str]) -> dict:
    """The one edge of this (subject, relation, object), created on first sight."""
    for iri in (subject, obj):
        _ensure_node(network, iri, labels)
    if not network.has_edge(subject, obj, key=relation):
        network.add_edge(subject, obj, key=relation, relation=relation,
                         relation_label=labels.get(relation, relation), evidence={})
    return network.edges[subject, obj, relation]


def _evidence(row, sentence: str, names: dict[str, str]) -> dict:
    iri = _value(row["article"]) or ""  # an article without dcterms:identifier: its IRI's last segment
    return {
        "sentence": sentence, "article": names.get(iri) or local_name(iri),
        "title": _value(row["title"]) or "", "date": _value(row["date"]) or "", "url": _value(row["url"]) or "",
        "confidence": float(row["confidence"].value) if row["confidence"] is not None else None,
        "accounts": None,
    }


def _add_facts(network: nx.MultiDiGraph, rows, labels: dict[str, str], names: dict[str, str]) -> None:
    for row in rows:
        relation_iri = row["relation"].value
        if not relation_iri.startswith(str(KG)):
            continue
        edge = _edge(network, row["subject"].value, local_name(relation_iri), row["object"].value, labels)
        if row["sentence"] is not None:
            found = _evidence(row, row["sentence"].value, names)
            found["alleged"] = _value(row["alleged"]) in ("true", "1")
            edge["evidence"].setdefault(_evidence_key(row, found), found)


def _evidence_key(row, found: dict) -> tuple[str, str]:
    """One evidence per article IRI and sentence (two files of one stem in two folders are two articles)."""
    return _value(row["article"]) or "", found["sentence"]


def _add_events(network: nx.MultiDiGraph, rows, labels: dict[str, str], names: dict[str, str]) -> None:
    for row in rows:
        relation = EVENT_RELATIONS[local_name(row["kind"].value)]
        edge = _edge(network, row["agent"].value, relation, row["target"].value, labels)
        count = int(row["count"].value) if row["count"] is not None else None
        found = _evidence(row, _value(row["sentence"]) or "", names)
        found = edge["evidence"].setdefault(_evidence_key(row, found), {**found, "alleged": False})
        found["accounts"] = count


def _finish_edge(data: dict) -> None:
    """Evidence as a dated list; the count is how many sentences report the fact (at least one)."""
    evidence = data["evidence"]
    if isinstance(evidence, dict):
        data["evidence"] = sorted(evidence.values(), key=lambda e: (e["date"], e["article"], e["sentence"]))
    data["count"] = max(1, len(data["evidence"]))
    data["accounts"] = sorted({e["accounts"] for e in data["evidence"] if e["accounts"] is not None})


def construct_network(full: nx.MultiDiGraph, triples: list, labels: dict[str, str]) -> nx.MultiDiGraph:
    """The query's triples between two IRIs as edges; node and edge details come from the whole store."""
    drawn = nx.MultiDiGraph(**full.graph)
    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if not isinstance(subject, ox.NamedNode):
            continue
        _copy_node(drawn, full, subject.value, labels)
        if predicate == str(RDF.type) or not isinstance(obj, ox.NamedNode) or predicate == str(OWL.sameAs):
            continue
        _copy_node(drawn, full, obj.value, labels)
        relation = local_name(predicate)
        if full.has_edge(subject.value, obj.value, key=relation):
            drawn.add_edge(subject.value, obj.value, key=relation, **full.edges[subject.value, obj.value, relation])
        else:
            _finish_edge(_edge(drawn, subject.value, relation, obj.value, labels))
    return drawn


def _copy_node(drawn: nx.MultiDiGraph, full: nx.MultiDiGraph, iri: str, labels: dict[str, str]) -> None:
    if iri in full:
        drawn.add_node(iri, **full.nodes[iri])
    else:
        _ensure_node(drawn, iri, labels)


def _check_names(kind: str, names, known: set[str]) -> None:
    unknown = sorted(set(names) - known)
    if unknown and known:
        raise UsageError(f"unknown {kind} {', '.join(unknown)} (known: {', '.join(sorted(known))})")


def filter_network(network: nx.MultiDiGraph, relations=(), classes=()) -> nx.MultiDiGraph:
    """Keep the entities of the given classes and the edges of the given relations (all when empty)."""
    _check_names("relation", relations,
                 ontology_terms(OWL.ObjectProperty) | {k for *_, k in network.edges(keys=True)})
    _check_names("class", classes, ontology_terms(OWL.Class) | {c for _, k in network.nodes(data="classes") for c in k})
    kept = network.copy()
    if classes:
        kept.remove_nodes_from([n for n, d in network.nodes(data=True) if not set(d["classes"]) & set(classes)])
    if relations:
        kept.remove_edges_from([(u, v, k) for u, v, k in kept.edges(keys=True) if k not in set(relations)])
        kept.remove_nodes_from([n for n in list(kept) if kept.degree(n) == 0])
    return kept


def find_entity(network: nx.MultiDiGraph, name: str) -> str:
    """The node named by an IRI, a key or any of its aliases (case and accents ignored)."""
    if name in network:
        return name
    wanted = fold(name)
    by_key = [n for n, d in network.nodes(data=True) if d["key"] == name]
    found = by_key or [n for n, d in network.nodes(data=True)
                       if wanted in {fold(a) for a in [d["label"], *d["aliases"]]}]
    if not found:
        raise UsageError(f"no entity named {name!r} in the graph")
    if len(found) > 1:
        keys = ", ".join(sorted(network.nodes[n]["key"] for n in found)[:8])
        raise UsageError(f"{name!r} names several entities ({keys}); give one of these keys")
    return found[0]


def neighbourhood(network: nx.MultiDiGraph, name: str, hops: int) -> nx.MultiDiGraph:
    if hops < 0:
        raise UsageError(f"--hops must be 0 or more, not {hops}")
    centre = find_entity(network, name)
    around = nx.ego_graph(network, centre, radius=hops, undirected=True)
    kept = network.subgraph(around.nodes).copy()
    kept.graph["centre"] = centre
    return kept


def flat_network(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with scalar attributes only, as GEXF and GraphML require."""
    flat = nx.MultiDiGraph()
    for node, d in network.nodes(data=True):
        # "key" is reserved by the networkx writers, hence "entity".
        flat.add_node(node, **{"label": d["label"], "entity": d["key"], "class": d["cls"],
                               "class_label": d["class_label"], "classes": "|".join(d["classes"]),
                               "aliases": "; ".join(d["aliases"]), "wikidata": d["wikidata"]})
    for index, (u, v, d) in enumerate(network.edges(data=True)):
        flat.add_edge(u, v, key=index, id=f"e{index}", relation=d["relation"], label=d["relation_label"],
                      count=d["count"], weight=float(d["count"]),
                      accounts="; ".join(str(a) for a in d["accounts"]),
                      articles="; ".join(sorted({e["article"] for e in d["evidence"]})))
    for data in [*(d for _, d in flat.nodes(data=True)), *(d for _, _, d in flat.edges(data=True))]:
        data.update(safe_strings(data))  # stores built before ingest cleaned text may hold controls XML refuses
    return flat


def export_network(store, fmt: str, **options) -> bytes:
    """The drawn graph as GEXF (Gephi) or GraphML (Cytoscape, yEd), attributes included."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown graph format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    flat = flat_network(load_network(store, **options))
    buffer = BytesIO()
    (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(flat, buffer)
    return buffer.getvalue()
