"""Which files each stored article was read from, kept right as files are renamed, copied or edited.

An article's IRI is a digest of its text (kg.ingest.read.text_key), so a renamed file is the same article and
the same text in two files is one article. Its graph lists the files (kg:source) and the names they give it
(dcterms:identifier, the file stem). A build updates those lists without parsing the article again:

- a new name for a stored text (a copy, or a rename) adds a source; a source whose file is gone is dropped;
- a file that now holds another text (edited in place) leaves its old article, whose graph is removed once
  no file holds that text any more;
- with --prune the inputs are the whole corpus, so a source not read by the build is dropped too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest.read import identifier_of_origin
from kg.model import Article
from kg.rdf.mapping import literal
from kg.store.base import iris_of
from kg.vocab import DCTERMS, KG, Iris

SOURCES_QUERY = f"SELECT ?g ?source WHERE {{ GRAPH ?g {{ ?a <{KG}source> ?source }} }}"


def stored_sources(store) -> dict[str, set[str]]:
    """Article id -> the sources its stored graph lists."""
    prefix, found = str(iris_of(store).graph), defaultdict(set)
    for row in store.query(SOURCES_QUERY):
        if row["g"].value.startswith(prefix):
            found[row["g"].value[len(prefix):]].add(row["source"].value)
    return found


@dataclass
class Sources:
    """The sources of the stored articles (`stored`, for the graphs in `known`) and of the ones a build reads."""

    stored: dict[str, set[str]]
    known: set[str]
    read: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # id -> sources read by this build
    written: dict[str, str] = field(default_factory=dict)  # id -> the source of the graph this build wrote
    names: set[str] = field(default_factory=set)  # the identifiers read by this build

    def note(self, article: Article) -> bool:
        """Record an article read; True when an earlier input of this build had the same text."""
        seen = article.id in self.read
        self.names.add(article.name)
        if article.origin:
            self.read[article.id].add(article.origin)
        return seen

    def wrote(self, article: Article) -> None:
        self.written[article.id] = article.origin

    def owners(self, source: str) -> set[str]:
        """The stored articles read from the file `source` (a path, or a JSONL record's "path:line")."""
        path = Path(source)
        if not path.exists() and source.rpartition(":")[2].isdigit():
            path = Path(source.rpartition(":")[0])
        origin = str(path.resolve())
        return {key for key, origins in self.stored.items()
                if any(o == origin or o.startswith(origin + "#") for o in origins)}

    def reconcile(self, store, prune: bool) -> set[str]:
        """Bring each touched article's sources up to date; the ids of the graphs removed (edited away)."""
        holder = {origin: key for key, origins in self.read.items() for origin in origins}
        previous = {key for key, origins in self.stored.items() if any(holder.get(o, key) != key for o in origins)}
        removed = self._remove_legacy(store)
        for key in sorted(set(self.read) | previous):
            if key not in self.known and key not in self.written:
                continue  # never stored (its extraction failed): nothing to update
            kept = {o for o in self.stored.get(key, ()) if o not in holder and not prune and _exists(o)}
            wanted = self.read.get(key, set()) | kept
            in_graph = {self.written[key]} if key in self.written else self.stored.get(key, set())
            if not wanted and key not in self.read:
                store.remove_graph(str(iris_of(store).graph[key]))
                removed.add(key)
            elif wanted != in_graph:
                store.update(_sources_update(iris_of(store), key, wanted))
        return removed


    def _remove_legacy(self, store) -> set[str]:
        """Graphs of a kg that named articles by file stem (no kg:source) that this build read again."""
        legacy = {key for key in self.known - set(self.stored) - set(self.read) if key in self.names}
        for key in legacy:
            store.remove_graph(str(iris_of(store).graph[key]))
        return legacy


def _exists(origin: str) -> bool:
    path, sep, _ = origin.rpartition("#")
    return Path(path if sep and path.lower().endswith(".jsonl") else origin).exists()


def _sources_update(iris: Iris, key: str, origins: set[str]) -> str:
    """Replace the article's kg:source and dcterms:identifier triples by those of `origins`."""
    graph, node = iris.graph[key], iris.article[key]
    triples = [f"<{node}> <{KG.source}> {literal(o)} ." for o in sorted(origins)]
    triples += [f"<{node}> <{DCTERMS.identifier}> {literal(i)} ." for i in sorted(map(identifier_of_origin, origins))]
    body = "\n".join(triples)
    return (f"DELETE WHERE {{ GRAPH <{graph}> {{ <{node}> <{KG.source}> ?s }} }} ;\n"
            f"DELETE WHERE {{ GRAPH <{graph}> {{ <{node}> <{DCTERMS.identifier}> ?i }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
