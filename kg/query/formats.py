"""Query results written out: W3C SPARQL result formats, RDF for graph queries, or a table for people."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import cast

import pyoxigraph as ox

from kg.errors import UsageError
from kg.ingest.sanitize import safe_strings
from kg.query.confidence import view_for
from kg.query.guard import evaluation_error
from kg.query.run import GRAPH_FORMATS, RESULT_FORMATS, PreparedQuery, bound_query, named_queries, prepare, result_kind
from kg.store import Store
from kg.store.base import iris_of
from kg.vocab import PREFIXES

TABLE_CELL_WIDTH = 80
MIN_CELL_WIDTH = 6  # below this a column says nothing; the line then wraps


def formats_for(kind: str) -> tuple[str, ...]:
    return ("table", *RESULT_FORMATS) if kind != "graph" else tuple(GRAPH_FORMATS)


def default_format(kind: str) -> str:
    return "turtle" if kind == "graph" else "table"


def namespaces_of(prefixes: dict) -> list[tuple[str, str]]:
    """Longest namespace first so that `kgf:` wins over a shorter prefix of the same IRI."""
    return sorted(((str(ns), prefix) for prefix, ns in prefixes.items()), key=lambda p: -len(p[0]))


def shorten(term, namespaces: list[tuple[str, str]] | None = None) -> str:
    """A term as people read it: literals plainly, IRIs as prefixed names where kg knows the prefix (by default
    the data's under the default base)."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for namespace, prefix in namespaces or namespaces_of(PREFIXES):
            if term.value.startswith(namespace) and "/" not in term.value[len(namespace):]:
                return f"{prefix}:{term.value[len(namespace):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _cell(text: str) -> str:
    text = " ".join(text.split())  # a table row stays on one line
    return text if len(text) <= TABLE_CELL_WIDTH else text[: TABLE_CELL_WIDTH - 1] + "…"


def fit_widths(widths: list[int], width: int | None) -> list[int]:
    """Column widths that fit `width` characters with two spaces between columns: the widest column gives way
    first, down to MIN_CELL_WIDTH; None keeps every width."""
    widths = list(widths)
    if width is None:
        return widths
    while sum(widths) + 2 * (len(widths) - 1) > width:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= MIN_CELL_WIDTH:
            break
        widths[widest] -= 1
    return widths


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(result, width: int | None = None, prefixes: dict = PREFIXES) -> str:
    """Aligned columns with a header line, fitted to `width` characters (long cells end in "…"; csv and json
    keep the full text), IRIs shortened with `prefixes`; an ASK answer is `true` or `false`."""
    if result_kind(result) == "boolean":
        return "true" if bool(result) else "false"
    names, namespaces = [variable.value for variable in result.variables], namespaces_of(prefixes)
    rows = [[_cell(shorten(solution[name], namespaces)) for name in names] for solution in result]
    widths = fit_widths([max([len(name)] + [len(row[i]) for row in rows]) for i, name in enumerate(names)], width)
    names = [_clip(name, w) for name, w in zip(names, widths)]
    rows = [[_clip(cell, w) for cell, w in zip(row, widths)] for row in rows]
    lines = ["  ".join(name.ljust(w) for name, w in zip(names, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _statements(result, as_quads: bool):
    """Triples of a graph result; as default-graph quads for the quad formats."""
    for item in result:
        triple = item.triple if isinstance(item, ox.Quad) else item
        yield ox.Quad(triple.subject, triple.predicate, triple.object) if as_quads else triple


def format_result(result, fmt: str | None = None, width: int | None = None, prefixes: dict = PREFIXES) -> bytes:
    """Serialize any query result in `fmt` (default: table for solutions, Turtle for graphs); a table fits
    `width` characters when given. Tables and Turtle write IRIs with `prefixes` (the store's)."""
    kind = result_kind(result)
    fmt = fmt or default_format(kind)
    if fmt not in formats_for(kind):
        what = "CONSTRUCT and DESCRIBE" if kind == "graph" else "SELECT and ASK"
        raise UsageError(f"--format {fmt}: {what} results can be written as {', '.join(formats_for(kind))}")
    if fmt == "table":
        return (render_table(result, width, prefixes) + "\n").encode("utf-8")
    if kind == "graph":
        written = {prefix: str(ns) for prefix, ns in prefixes.items()} if fmt == "turtle" else None
        statements = _statements(result, as_quads=fmt == "nquads")
        return ox.serialize(statements, format=GRAPH_FORMATS[fmt], prefixes=written) or b""
    if kind == "boolean" and not isinstance(result, ox.QueryBoolean):
        return _boolean_document(bool(result), fmt)
    if fmt == "xml":  # through JSON, where characters XML 1.0 refuses can be taken out
        document = safe_strings(json.loads(result.serialize(format=ox.QueryResultsFormat.JSON)))
        result = ox.parse_query_results(json.dumps(document), ox.QueryResultsFormat.JSON)
    return result.serialize(format=RESULT_FORMATS[fmt])


def _boolean_document(value: bool, fmt: str) -> bytes:
    # Results parsed from a remote endpoint are already QueryBoolean; this covers plain bools.
    text = '{"head":{},"boolean":%s}' % ("true" if value else "false")
    parsed = ox.parse_query_results(text, ox.QueryResultsFormat.JSON)
    return cast(bytes, parsed.serialize(format=RESULT_FORMATS[fmt]))  # bytes: no output file given


def describe_named_queries(directory=None) -> str:
    """`kg query --list`: each named query with its parameters and description."""
    lines = []
    for name, named in named_queries(directory).items():
        params = " ".join(f"--param {p.name}=…" for p in named.parameters)
        lines.append(f"{name}{'  ' + params if params else ''}\n    {named.title}: {named.description}")
    return "\n".join(lines)


def check_query(spec: str, params: dict[str, str]) -> PreparedQuery:
    """The query `SPARQL|FILE|NAME`, its syntax and parameters checked before any store is opened."""
    query = prepare(spec)
    bound_query(query, params)
    return query


def query_store(store: Store, query: PreparedQuery, params: dict[str, str], fmt: str | None = None,
                width: int | None = None, min_confidence: float | None = None) -> bytes:
    """Run a checked query with its parameters on the store and return the formatted answer; `min_confidence`
    is written in place of the query's ?minConfidence, or the query runs on the facts above it
    (kg/query/confidence.py)."""
    store = view_for(store, query.text, min_confidence)
    iris = iris_of(store)
    text = bound_query(replace(query, base=iris.base), params, store.query, min_confidence)
    try:  # evaluation is lazy: a failing SERVICE or a corrupted store shows while the rows are written
        return format_result(store.query(text), fmt, width, iris.prefixes)
    except (OSError, RuntimeError, MemoryError) as err:
        raise evaluation_error(err, text) from None
