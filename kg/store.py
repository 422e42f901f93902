"""The embedded store: Oxigraph on disk, one named graph per article.

`open_store` is the only entry point; it also accepts a SPARQL endpoint URL (see `remote.py`).
All stores share this small interface so that build, query, export and render do not care
where the graph lives.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator, Protocol

import pyoxigraph as ox

from kg.errors import StoreError, StoreLockedError
from kg.vocab import GRAPH, KG

DEFAULT_STORE = "kg-store"


class Store(Protocol):
    def replace_graph(self, graph: str, ntriples: str, *, new: bool = False) -> None: ...
    def remove_graph(self, graph: str) -> None: ...
    def query(self, sparql: str, substitutions: dict | None = None): ...
    def update(self, sparql: str) -> None: ...
    def dump(self, fmt: ox.RdfFormat) -> bytes: ...
    def article_hashes(self) -> dict[str, str]: ...
    def article_states(self) -> dict[str, tuple[str, str]]: ...
    def close(self) -> None: ...


HASHES_QUERY = f"""
SELECT ?g ?hash WHERE {{ GRAPH ?g {{ ?a <{KG}contentHash> ?hash }} }}
"""

# The content hash and extractor version of each stored article: a build redoes an article when either changed.
STATES_QUERY = f"""
SELECT ?g ?hash ?version WHERE {{
  GRAPH ?g {{ ?a <{KG}contentHash> ?hash . OPTIONAL {{ ?a <{KG}extractorVersion> ?version }} }}
}}
"""


def _per_article(store, query: str, value) -> dict:
    prefix = str(GRAPH)
    return {row["g"].value[len(prefix):]: value(row) for row in store.query(query) if row["g"].value.startswith(prefix)}


def read_article_hashes(store) -> dict[str, str]:
    """Article id -> content hash, for any store with `query` (embedded or remote)."""
    return _per_article(store, HASHES_QUERY, lambda row: row["hash"].value)


def read_article_states(store) -> dict[str, tuple[str, str]]:
    """Article id -> (content hash, extractor version) of every stored article graph."""
    return _per_article(store, STATES_QUERY,
                        lambda row: (row["hash"].value, row["version"].value if row["version"] else ""))


def replace_graph_update(graph: str, ntriples: str) -> str:
    """One SPARQL update that swaps a named graph's content, so the swap is atomic."""
    return f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}"


class LocalStore:
    """A persistent Oxigraph store in a directory."""

    def __init__(self, path: Path, read_only: bool = False):
        self.path = path
        self.read_only = read_only
        if read_only:
            self._store = open_read_only(path)
            return
        try:
            self._store = ox.Store(str(path))
        except OSError as err:
            raise _open_error(path, err) from err

    def replace_graph(self, graph: str, ntriples: str, *, new: bool = False) -> None:
        """Swap the graph's content atomically. `new` says the graph is not in the store yet: one
        transactional load of the N-Triples then does it, a third cheaper than parsing a SPARQL update."""
        if new:
            self._store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
        else:
            self._store.update(replace_graph_update(graph, ntriples))

    def remove_graph(self, graph: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run a query with the default graph as the union of all named graphs."""
        return self._store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (Oxigraph applies it as one transaction)."""
        self._store.update(sparql)

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        return self._store.dump(format=fmt)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def article_hashes(self) -> dict[str, str]:
        return read_article_hashes(self)

    def article_states(self) -> dict[str, tuple[str, str]]:
        return read_article_states(self)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        """Write Oxigraph's memory buffers to disk: a long build calls it so that memory stays flat."""
        if not self.read_only:  # Oxigraph refuses to flush a read-only instance
            self._store.flush()

    def close(self) -> None:
        self.flush()
        del self._store


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


def open_store(location: str | Path = DEFAULT_STORE, read_only: bool = False) -> Store:
    """Open the store at a directory (created if needed) or a SPARQL endpoint URL."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        from kg.remote import RemoteStore

        return RemoteStore.from_url(text)
    path = Path(text)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no store here (build one with `kg build PATH --store {path}`)")
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a directory, cannot hold a store")
    return LocalStore(path, read_only=read_only)
