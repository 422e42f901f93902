"""Check built graphs against the SHACL shapes of ontology/shapes.ttl.

Each article's named graph is validated on its own, because each must stand alone: the scorer
reads every article graph separately, and a type given to an entity in one article must not
hide a wrong type in another. The ontology is mixed into every data graph so that sh:class
follows rdfs:subClassOf; no RDFS inference is run (see the header of shapes.ttl for why).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD, NamespaceManager

from kg.resources import ontology_dir
from kg.store import Store
from kg.store.base import iris_of
from kg.vocab import DEFAULT_BASE, PREFIXES, SH, Iris, rebase

DEFAULT_GRAPH = "default graph"


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: which node, along which property, what is wrong, how bad."""

    focus: str
    path: str | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: str | None = None  # the offending value, when there is one
    graph: str | None = None  # the named graph it was found in


@dataclass
class ValidationReport:
    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    graphs_checked: int = 0
    base: str = DEFAULT_BASE  # the base of the store's IRIs, for the report's prefixed names


@lru_cache(maxsize=2)
def _shapes_and_ontology(base: str) -> tuple[Graph, Graph]:
    """The shapes, their pattern of entity IRIs under `base` (kg.vocab.rebase), and the ontology (its terms are
    the same under every base)."""
    folder = ontology_dir()
    shapes = rebase((folder / "shapes.ttl").read_text(encoding="utf-8"), base)
    return Graph().parse(data=shapes, format="turtle"), Graph().parse(folder / "kg.ttl")


def validate_graph(graph: Graph, graph_name: str | None = None, base: str = DEFAULT_BASE) -> ValidationReport:
    """Validate one graph of a store whose IRIs are under `base`; violations make it non-conforming, warnings
    do not."""
    shapes, ontology = _shapes_and_ontology(base)
    import pyshacl  # here: loading it costs a quarter second that no other command should pay

    _, results_graph, _ = pyshacl.validate(
        graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
        allow_warnings=True, advanced=True,  # SHACL-AF for the SPARQL targets
    )
    results = _read_results(results_graph, graph_name)
    return ValidationReport(_no_violation(results), results, graphs_checked=1)


def validate(store: Store) -> ValidationReport:
    """Validate every named graph of the store (and its default graph, if not empty)."""
    results: list[ValidationResult] = []
    graphs, base = named_graphs(store), iris_of(store).base
    for name, graph in graphs.items():
        results += validate_graph(graph, name, base).results
    return ValidationReport(_no_violation(results), results, graphs_checked=len(graphs), base=base)


def _no_violation(results: list[ValidationResult]) -> bool:
    return not any(result.severity == "Violation" for result in results)


def named_graphs(store: Store) -> dict[str, Graph]:
    """The store's quads as one rdflib graph per named graph, keyed by the graph IRI."""
    graphs: dict[str, Graph] = defaultdict(Graph)
    for quad in ox.parse(store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS):
        name = DEFAULT_GRAPH if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        graphs[name].add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return dict(graphs)


def _term(term):
    """The rdflib twin of a pyoxigraph term (xsd:string literals stay plain, as rdflib parses them)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = URIRef(term.datatype.value)
    return Literal(term.value) if datatype == XSD.string else Literal(term.value, datatype=datatype)


def _read_results(results_graph: Graph, graph_name: str | None) -> list[ValidationResult]:
    # Two constraints of one shape (say sh:datatype and sh:minExclusive) can report the same line.
    results = {_read_result(results_graph, node, graph_name)
               for node in results_graph.subjects(RDF.type, SH.ValidationResult)}
    return sorted(results, key=lambda r: (r.focus, r.path or "", r.message, r.value or ""))


def _read_result(g: Graph, node, graph_name: str | None) -> ValidationResult:
    path, value = g.value(node, SH.resultPath), g.value(node, SH.value)
    messages = sorted(str(m) for m in g.objects(node, SH.resultMessage))
    return ValidationResult(
        focus=_node_text(g.value(node, SH.focusNode)),
        path=_path_text(g, path) if path is not None else None,
        message="; ".join(messages) or f"fails {short(str(g.value(node, SH.sourceShape)))}",
        severity=str(g.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
        value=_value_text(value),
        graph=graph_name,
    )


def _node_text(node) -> str:
    """An IRI as is, a blank node as `_:id`."""
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _value_text(value) -> str | None:
    """An IRI as is, a literal in Turtle form so that its datatype shows: "0.85"^^xsd:double."""
    if value is None or not isinstance(value, Literal):
        return None if value is None else _node_text(value)
    return value.n3(_prefixed())


@lru_cache(maxsize=1)
def _prefixed() -> NamespaceManager:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.namespace_manager


def _path_text(g: Graph, path) -> str:
    """A readable SHACL path: `kg:a` or, for an alternative path, `kg:a|kg:b`."""
    if isinstance(path, URIRef):
        return short(str(path))
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_path_text(g, item) for item in Collection(g, alternatives))
    return str(path)


def short(iri: str, prefixes: dict = PREFIXES) -> str:
    """`kge:daesh` for https://w3id.org/kg-news/entity/daesh (with the default base's `prefixes`); other IRIs
    unchanged."""
    best = max(((p, str(ns)) for p, ns in prefixes.items() if iri.startswith(str(ns))),
               key=lambda item: len(item[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def format_report(report: ValidationReport) -> str:
    """One line per problem, grouped by graph, with a summary line first."""
    lines, prefixes = [_summary(report)], Iris(report.base).prefixes
    by_graph = sorted(report.results, key=lambda r: r.graph or "")
    for graph, results in groupby(by_graph, key=lambda r: r.graph or ""):
        lines.append(f"in {short(graph, prefixes) if graph else 'the graph'}:")
        lines.extend(f"  {_result_line(result, prefixes)}" for result in results)
    return "\n".join(lines)


def _summary(report: ValidationReport) -> str:
    counts: defaultdict[str, int] = defaultdict(int)
    for result in report.results:
        counts[result.severity.lower()] += 1
    graphs = f"{report.graphs_checked} graph{'s' if report.graphs_checked != 1 else ''} checked"
    found = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(counts.items()))
    head = "conforms" if report.conforms else "does not conform"
    return f"{head}: {graphs}" + (f", {found}" if found else "")


def _result_line(result: ValidationResult, prefixes: dict) -> str:
    where = short(result.focus, prefixes) + (f" {result.path}" if result.path else "")
    value = f" (value: {short(result.value, prefixes)})" if result.value and result.value != result.focus else ""
    return f"{result.severity.lower()}: {where}: {result.message}{value}"
