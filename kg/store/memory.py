"""A store held in memory: a filtered copy of another store, queried like the original."""

from __future__ import annotations

from typing import Iterable, Iterator

import pyoxigraph as ox

from kg.store.base import ClosingStore, read_article_hashes, read_article_states, replace_graph_update


class MemoryStore(ClosingStore):
    """An in-memory Oxigraph store with the `Store` interface (nothing is written to disk)."""

    def __init__(self, quads: Iterable[ox.Quad] = ()):
        self._store = ox.Store()
        self._store.extend(quads)

    def replace_graph(self, graph: str, ntriples: str, *, new: bool = False) -> None:
        self._store.update(replace_graph_update(graph, ntriples))

    def remove_graph(self, graph: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def query(self, sparql: str, substitutions: dict | None = None):
        return self._store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def update(self, sparql: str) -> None:
        self._store.update(sparql)

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        return self._store.dump(format=fmt) or b""

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def article_hashes(self) -> dict[str, str]:
        return read_article_hashes(self)

    def article_states(self) -> dict[str, tuple[str, str]]:
        return read_article_states(self)

    def __len__(self) -> int:
        return len(self._store)
