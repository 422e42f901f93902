"""Helpers shared by several test modules (imported as `helpers`: pytest puts tests/ on the path)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.compare import to_isomorphic

from kg.extract.identity import ExtractorSettings
from kg.pipeline.names import refresh_display_names
from kg.store import open_store
from kg.vocab import SYMMETRIC_RELATIONS

RULES = ExtractorSettings(relations="rules")  # these tables test the rules; the model has tests/test_extract_model.py

ROOT = Path(__file__).resolve().parents[1]


def load_built_store(path: Path, data: Path) -> Path:
    """An on-disk store holding the quads of `data` as `kg build` would leave them: with the display names
    kg derives from the labels (kg/names.py)."""
    writer = ox.Store(str(path))
    writer.load(path=str(data))
    writer.flush()
    del writer
    store = open_store(path)
    refresh_display_names(store)
    store.close()
    return path


def frozen_kg(folder: Path) -> list[str]:
    """The `kg` command run from a copy of the source taken now, so that every build of a test runs the
    same extractor even while the working tree is being edited (the quads are compared across builds)."""
    for name in ("kg", "ontology", "queries"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(folder)!r}); from kg.cli import main; main()"]


def isomorphic_graphs_of(path) -> dict[str, object]:
    """Each named graph of an on-disk store, in canonical form, keyed by graph IRI."""
    store = open_store(path, read_only=True)
    try:
        data = store.dump(ox.RdfFormat.N_QUADS)
    finally:
        store.close()
    dataset = Dataset()
    dataset.parse(data=data, format="nquads")
    return {str(graph.identifier): to_isomorphic(graph) for graph in dataset.graphs() if len(graph)}


def popen_with_ctrl_c(args, **options) -> subprocess.Popen:
    """Popen with SIGINT at its default in the child. A job started in the background by a shell (as some
    CI runners do) inherits SIGINT ignored, and a Python started so never sees Ctrl-C: `kg serve` then
    rightly goes on serving. A handler set here is reset to the default by exec in the child."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(args, **options)
    finally:
        signal.signal(signal.SIGINT, previous)


def triples(nlp, text: str) -> set[tuple[str, str, str]]:
    """The facts kg extracts from a short text, as (subject key, relation, object key)."""
    from kg.extract import extract
    from kg.model import Article

    ex = extract(nlp(text), Article(id="t", title="", text=text), settings=RULES)
    return {normal(f.subject, f.relation, f.object) for f in ex.facts}


def normal(s: str, rel: str, o: str) -> tuple[str, str, str]:
    """A symmetric fact is the same fact whichever way round it is written."""
    return (min(s, o), rel, max(s, o)) if rel in SYMMETRIC_RELATIONS else (s, rel, o)


# --- hostile input (tests/test_hostile_*.py) ---------------------------------------------------

def run_kg(*args, timeout: float = 600, prefix: list[str] | tuple = (), **options) -> subprocess.CompletedProcess:
    """The `kg` command of this source tree, in a fresh interpreter (run through `prefix`, e.g. setpriv)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = [*prefix, sys.executable, "-c", "from kg.cli import main; main()", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, **options)


def assert_plain_lines(stderr: str) -> None:
    """Every stderr line is one of kg's own (`kg: ...`), printable, and no traceback reached the user."""
    assert "Traceback" not in stderr
    for line in stderr.splitlines():
        assert line.startswith("kg: "), line
        assert "\x1b" not in line and "\r" not in line, line


def assert_well_formed_outputs(store: Path) -> None:
    """`kg validate` conforms; every export format parses in pyoxigraph and rdflib (RDF) or ElementTree (XML);
    SPARQL XML results of every triple parse."""
    import xml.etree.ElementTree as ElementTree

    validated = run_kg("validate", "--store", store)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert_plain_lines(validated.stderr)
    rdf = {"turtle": ("turtle", ox.RdfFormat.TURTLE), "trig": ("trig", ox.RdfFormat.TRIG),
           "nquads": ("nquads", ox.RdfFormat.N_QUADS), "ntriples": ("nt", ox.RdfFormat.N_TRIPLES),
           "jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}
    for fmt, (rdflib_name, ox_format) in rdf.items():
        exported = run_kg("export", "--format", fmt, "--store", store)
        assert exported.returncode == 0, (fmt, exported.stderr)
        list(ox.parse(exported.stdout.encode("utf-8"), ox_format))
        Dataset().parse(data=exported.stdout, format=rdflib_name)
    for fmt in ("gexf", "graphml"):
        exported = run_kg("export", "--format", fmt, "--store", store)
        assert exported.returncode == 0, (fmt, exported.stderr)
        ElementTree.fromstring(exported.stdout.encode("utf-8"))
    results = run_kg("query", "SELECT * WHERE { ?s ?p ?o }", "--format", "xml", "--store", store)
    assert results.returncode == 0, results.stderr
    ElementTree.fromstring(results.stdout.encode("utf-8"))


class Canary:
    """A loopback listener that counts the connections made to it (the SSRF and syntax-check probe)."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self):
        self.socket.close()


def store_with_controls(path: Path) -> Path:
    """A store written straight with pyoxigraph, as one built before ingest removed control characters: a label
    with `\\x01` and `\\x1b` that XML 1.0 cannot carry."""
    writer = ox.Store(str(path))
    graph = ox.NamedNode("https://w3id.org/kg-news/graph/old")
    entity = ox.NamedNode("https://w3id.org/kg-news/entity/facebook")
    writer.add(ox.Quad(entity, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                       ox.NamedNode("https://w3id.org/kg-news/ontology#Platform"), graph))
    writer.add(ox.Quad(entity, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                       ox.Literal("Facebook\x01\x1b"), graph))
    writer.flush()
    del writer
    return path


@contextmanager
def running(store_path, **limits):
    """A `kg serve` server on a free loopback port, in a thread, always shut down."""
    from kg.serve.server import make_server

    server = make_server(store_path, "127.0.0.1", 0, **limits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def stored_identifiers(store) -> set[str]:
    """The identifiers (file stems, JSONL ids) of the articles a store holds: an article's IRI is a digest of its
    text, and one text read from several files carries each file's identifier."""
    query = ("SELECT DISTINCT ?id WHERE { GRAPH ?g { ?a a <https://w3id.org/kg-news/ontology#Article> ; "
             "<http://purl.org/dc/terms/identifier> ?id } }")
    return {row["id"].value for row in store.query(query)}


def store_from_trig(path: Path, trig: str) -> Path:
    """A real on-disk store holding the TriG's quads."""
    writer = ox.Store(str(path))
    writer.load(trig.encode("utf-8"), format=ox.RdfFormat.TRIG)
    writer.flush()
    del writer
    return path
