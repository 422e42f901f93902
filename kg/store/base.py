"""What every store offers: the `Store` protocol, and the SPARQL helpers the embedded and remote stores share.

Build, query, export and render see only this interface, so they do not care where the graph lives.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Iterator, Protocol, Union, runtime_checkable

import pyoxigraph as ox

from kg.vocab import GRAPH, KG

DEFAULT_STORE = "kg-store"
# What a query gives back: the solutions of a SELECT, the answer of an ASK, the triples of a CONSTRUCT or
# DESCRIBE (a list of them from a remote store).
QueryResult = Union[ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples, list[ox.Triple]]


@runtime_checkable
class Store(Protocol):
    """A place that holds the article graphs: an Oxigraph directory or a SPARQL server."""

    def replace_graph(self, graph: str, ntriples: str, *, new: bool = False) -> None: ...
    def remove_graph(self, graph: str) -> None: ...
    def query(self, sparql: str, substitutions: dict | None = None) -> QueryResult: ...
    def update(self, sparql: str) -> None: ...
    def dump(self, fmt: ox.RdfFormat) -> bytes: ...
    def article_hashes(self) -> dict[str, str]: ...
    def article_states(self) -> dict[str, tuple[str, str]]: ...
    def quads(self) -> Iterator[ox.Quad]: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: Any) -> None: ...


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




class ClosingStore:
    """The context manager every store shares: `with open_store(...) as store:` closes it on the way out."""

    def close(self) -> None:  # overridden by stores that hold resources
        pass

    def flush(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if error is None:
            self.close()
            return
        try:  # already failing (a full disk, say): the first error is the one to report, not a second from close
            self.close()
        except Exception:  # noqa: BLE001
            pass
