"""The embedded store: Oxigraph on disk, one named graph per article."""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, cast

import pyoxigraph as ox

from kg.errors import StoreError, StoreLockedError
from kg.store.base import ClosingStore, QueryResult, read_article_hashes, read_article_states, replace_graph_update


class LocalStore(ClosingStore):
    """A persistent Oxigraph store in a directory."""

    def __init__(self, path: Path, read_only: bool = False):
        self.path = path
        self.read_only = read_only
        if read_only:
            self._store = open_read_only(path)
            return
        try:
            self._store = ox.Store(str(path))
        except (OSError, RuntimeError) as err:  # RuntimeError: a corrupted CURRENT, MANIFEST or .sst file
            raise _open_error(path, err) from None

    def replace_graph(self, graph: str, ntriples: str, *, new: bool = False) -> None:
        """Swap the graph's content atomically. `new` says the graph is not in the store yet: one
        transactional load of the N-Triples then does it, a third cheaper than parsing a SPARQL update."""
        with self._errors("write"):
            self._write_graph(graph, ntriples, new)

    def _write_graph(self, graph: str, ntriples: str, new: bool) -> None:
        if new:
            self._store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
        else:
            self._store.update(replace_graph_update(graph, ntriples))

    def remove_graph(self, graph: str) -> None:
        with self._errors("write"):
            self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def query(self, sparql: str, substitutions: dict | None = None) -> QueryResult:
        """Run a query with the default graph as the union of all named graphs."""
        return self._store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (Oxigraph applies it as one transaction)."""
        with self._errors("write"):
            self._store.update(sparql)

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        return cast(bytes, self._store.dump(format=fmt))  # bytes: no output file given

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def article_hashes(self) -> dict[str, str]:
        return read_article_hashes(self)

    def article_states(self) -> dict[str, tuple[str, str]]:
        with self._errors("read"):
            return read_article_states(self)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        """Write Oxigraph's memory buffers to disk: a long build calls it so that memory stays flat."""
        if not self.read_only:  # Oxigraph refuses to flush a read-only instance
            with self._errors("write"):
                self._store.flush()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            del self._store

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Oxigraph's OSError (a full disk) or RuntimeError (a checksum mismatch) as one StoreError line."""
        try:
            yield
        except (OSError, RuntimeError) as err:
            first = (str(err).splitlines() or [type(err).__name__])[0]
            kept = "; what was stored before is kept" if doing == "write" else ", it may be corrupted"
            raise StoreError(f"{self.path}: cannot {doing} the store ({first}){kept}") from None


READ_ONLY_ATTEMPTS = 4


def open_read_only(path: Path) -> ox.Store:
    """Oxigraph's read-only open (no lock), tried again after a moment: while a build writes, a compaction
    can remove a file between the moment the reader reads the file list and the moment it opens the file
    (Oxigraph then raises a RuntimeError "IO error: No such file"); a fresh attempt sees the new list."""
    for attempt in range(READ_ONLY_ATTEMPTS - 1):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError):
            time.sleep(0.05 * 2**attempt)
    try:
        return ox.Store.read_only(str(path))
    except (OSError, RuntimeError) as err:
        raise _open_error(path, err) from err


def _open_error(path: Path, err: Exception) -> StoreError:
    text = str(err)
    if "lock" in text.lower():
        return StoreLockedError(f"{path}: the store is in use by another kg process ({text.splitlines()[0]})")
    return StoreError(f"{path}: cannot open the store ({text.splitlines()[0] if text else type(err).__name__})")
