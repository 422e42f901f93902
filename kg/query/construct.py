"""A CONSTRUCT query's triples, named (queries/NAME.rq) or from a file: what `kg render --query` draws."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import QuerySyntaxError, UnknownQueryError, UsageError
from kg.query.guard import check_shape, evaluation_error
from kg.query.run import read_query_file
from kg.query.syntax import readable
from kg.resources import queries_dir, shipped_query
from kg.store.base import iris_of


def _query_text(query: str, base: str) -> tuple[str, str]:
    """(where it came from, SPARQL text) for a named query (its data IRIs under the store's `base`) or a file."""
    path = Path(query)
    if path.suffix == ".rq" or path.exists():
        return str(path), read_query_file(path)
    named = queries_dir() / f"{query}.rq"
    if not named.is_file():
        raise UnknownQueryError(f"{query}: no such named query in {queries_dir()} and no such file")
    return str(named), shipped_query(named.name, base)


def run_construct(store, query: str) -> list:
    """The triples of a CONSTRUCT query, named (queries/NAME.rq) or from a file."""
    source, text = _query_text(query, iris_of(store).base)
    check_shape(text, source)  # a deeply nested query would crash the parser
    try:
        result = store.query(text)
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            raise UsageError(f"{source}: not a CONSTRUCT query; --query draws the triples a CONSTRUCT builds")
        return list(result)
    except SyntaxError as err:
        raise QuerySyntaxError(f"{source}: {readable(text, err)}") from err
    except (OSError, RuntimeError, MemoryError) as err:
        raise evaluation_error(err, text) from None
