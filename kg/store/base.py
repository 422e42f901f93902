"""What every store offers: the `Store` protocol, and the SPARQL helpers the embedded and remote stores share.

Build, query, export and render see only this interface, so they do not care where the graph lives.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Iterator, Protocol, Union, runtime_checkable

import pyoxigraph as ox

from kg.errors import BaseIriConflict
from kg.vocab import DEFAULT_BASE, KG, VOID, Iris

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


# The store's base, as its VoID description says it (kg/rdf/provenance.py): void:uriSpace is the namespace of its
# entities, the base followed by `entity/` (Iris.entity). A store built before the base was a setting says the
# default base's, or nothing at all when it has no VoID graph.
BASE_QUERY = f"""
SELECT ?space WHERE {{ GRAPH ?g {{ ?dataset a <{VOID.Dataset}> ; <{VOID.uriSpace}> ?space }} }}
"""
ANY_ARTICLE = f"ASK {{ GRAPH ?g {{ ?a <{KG}contentHash> ?hash }} }}"
ENTITY_PATH = "entity/"


def stored_base(store) -> str | None:
    """The base the store's IRIs were minted under; None when it records none (empty, or built before
    kg described its dataset: then its IRIs are under the default base)."""
    spaces = sorted(row["space"].value for row in store.query(BASE_QUERY))
    return spaces[0][: -len(ENTITY_PATH)] if spaces and spaces[0].endswith(ENTITY_PATH) else None


def iris_of(store) -> Iris:
    """The IRIs of the store's data, read from the store once and kept on the store object."""
    iris = getattr(store, "_kg_iris", None)
    if iris is None:
        iris = Iris(stored_base(store) or DEFAULT_BASE)
        store._kg_iris = iris
    return iris


def claim_base(store, base: str | None) -> Iris:
    """The IRIs a build writes under: the store's base; `base`, when given, must be that one unless the store
    holds no article yet (BaseIriConflict otherwise: two bases in one store would give each node two IRIs)."""
    stored = stored_base(store)
    if stored is None and bool(store.query(ANY_ARTICLE)):
        stored = DEFAULT_BASE
    if base is not None and stored is not None and base != stored:
        raise BaseIriConflict(f"--base-iri {base}: the store's IRIs are under {stored}, it cannot take another "
                              "base (build into a new store, or leave --base-iri out)")
    store._kg_iris = Iris(base or stored or DEFAULT_BASE)
    return store._kg_iris


def _per_article(store, query: str, value) -> dict:
    prefix = str(iris_of(store).graph)
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
