"""Property-based robustness (hypothesis).

1. Arbitrary Unicode text, and arbitrary bytes, through ingest never raise; whatever text reaches
   extraction never makes it raise, and always maps to RDF that a strict parser reads and that
   conforms to the SHACL shapes.
2. Every RDF export format (N-Quads, TriG, JSON-LD keep the named graphs; Turtle and N-Triples hold
   their union) reads back into a dataset isomorphic to the store's, for arbitrary IRIs and literals.
   The network formats (GEXF, GraphML) are a lossy view for graph tools, not RDF: not round-tripped.
"""

from __future__ import annotations

import shutil
import string
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export.export import export
from kg.ingest.read import read_file
from kg.model import Article, Skipped
from kg.pipeline.build import process
from kg.rdf.validate import validate_graph
from kg.store import LocalStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
SENTENCES = [s for s in (EXAMPLES / "01_telegram_europol.txt").read_text(encoding="utf-8").replace("\n", " ")
             .split(". ") if len(s) > 30][:12]
ROBUST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)  # every code point but lone surrogates
french_with_noise = st.lists(st.one_of(st.sampled_from(SENTENCES), any_text,
                                       st.sampled_from(["\n", "\n\n", " ", "\t", "\u00a0"])),
                             min_size=1, max_size=14).map("".join)
article_text = st.one_of(any_text, french_with_noise)


def as_article(text: str) -> Article | None:
    """What ingest hands to extraction: title on the first line, then the body; None if nothing is left.
    Like ingest, no line-break character (Python's str.splitlines set) is left inside a line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    return Article(id="property", title=lines[0], text="\n\n".join(lines), source="hypothesis", content_hash="0" * 64)


def rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    language = term.language
    return Literal(term.value, lang=language, datatype=None if language else URIRef(term.datatype.value))


def assert_valid_rdf(ntriples: str) -> None:
    triples = list(ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))  # strict: raises on a bad line
    graph = Graph()
    for triple in triples:
        graph.add(tuple(map(rdflib_term, (triple.subject, triple.predicate, triple.object))))
    assert len(graph) > 0  # the article itself is always described
    report = validate_graph(graph, "property")
    assert report.conforms, [f"{r.focus} {r.path}: {r.message}" for r in report.results if r.severity == "Violation"]


@ROBUST
@given(text=article_text)
def test_any_text_through_extraction_never_raises_and_gives_shacl_valid_rdf(nlp, text):
    article = as_article(text)
    if article is None:
        return
    assert_valid_rdf(process(nlp(article.text), article))


@ROBUST
@given(text=article_text, suffix=st.sampled_from([".txt", ".html", ".jsonl"]),
       encoding=st.sampled_from(["utf-8", "utf-16"]))
def test_any_text_through_ingest_and_extraction_never_raises_and_gives_shacl_valid_rdf(nlp, text, suffix, encoding):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(text.encode(encoding))
        items = list(read_file(path))
    for item in items:
        assert isinstance(item, (Article, Skipped))
        if isinstance(item, Skipped):
            assert item.reason and "\n" not in item.reason  # a one-line reason
        else:
            assert_valid_rdf(process(nlp(item.text), item))


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=2_000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".xyz"]))
def test_any_bytes_through_ingest_never_raise(raw, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(raw)
        items = list(read_file(path))
    assert items or suffix == ".jsonl"  # a file is an article or a skip; a JSONL file may hold no line at all
    assert all(isinstance(item, (Article, Skipped)) for item in items)


# --- export round trips ---------------------------------------------------------------------------

iri_part = st.text(string.ascii_letters + string.digits + "-._~", min_size=1, max_size=12)
iri = st.builds(lambda a, b: f"https://example.org/{a}/{b}", iri_part, iri_part)
unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
literal = st.one_of(
    st.builds(ox.Literal, unicode_text),
    st.builds(lambda text, lang: ox.Literal(text, language=lang), unicode_text,
              st.sampled_from(["fr", "en", "ar", "fr-ca"])),
    st.builds(lambda n: ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
              st.integers(-10**12, 10**12)),
    st.builds(lambda text, dt: ox.Literal(text, datatype=ox.NamedNode(dt)), unicode_text, iri),
)
quad = st.builds(lambda s, p, o, g: ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, ox.NamedNode(g)),
                 iri, iri, st.one_of(iri.map(ox.NamedNode), literal),
                 st.sampled_from([f"https://example.org/graph/{n}" for n in "abc"]))
DATASET_FORMATS = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}
GRAPH_FORMATS = {"turtle": "turtle", "ntriples": "nt"}


def stored(quads: list[ox.Quad]) -> LocalStore:
    """A real on-disk store holding the quads, written graph by graph as a build writes them."""
    store = LocalStore(Path(tempfile.mkdtemp()) / "store")
    for graph in {q.graph_name for q in quads}:
        triples = [q.triple for q in quads if q.graph_name == graph]
        store.replace_graph(graph.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))
    return store


def as_dataset(quads: list[ox.Quad]) -> Dataset:
    return Dataset().parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")


def named(dataset: Dataset) -> dict[str, Graph]:
    """Each non-empty named graph, as a plain Graph."""
    graphs = {}
    for context in dataset.graphs():
        if (isinstance(context.identifier, URIRef) and len(context)
                and not str(context.identifier).startswith("urn:x-rdflib")):
            graph = Graph()
            for triple in context:
                graph.add(triple)
            graphs[str(context.identifier)] = graph
    return graphs


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.mark.parametrize("fmt", [*DATASET_FORMATS, *GRAPH_FORMATS])
@ROBUST
@given(quads=st.lists(quad, min_size=1, max_size=25))
def test_every_export_format_reads_back_isomorphic(fmt, quads):
    store = stored(quads)
    try:
        exported = export(store, fmt).decode("utf-8")
    finally:
        store.close()
        shutil.rmtree(store.path.parent)
    original = as_dataset(quads)
    if fmt in DATASET_FORMATS:
        back = named(Dataset().parse(data=exported, format=DATASET_FORMATS[fmt]))
        expected = named(original)
        assert back.keys() == expected.keys()
        for name, graph in expected.items():
            assert isomorphic(back[name], graph), f"{fmt}: graph {name} differs"
    else:
        assert isomorphic(Graph().parse(data=exported, format=GRAPH_FORMATS[fmt]), union(original))
