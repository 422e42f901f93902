"""SPARQL over the store: named queries, parameters bound as RDF terms, results for people and machines.

A query is given as SPARQL text, a file, or the name of a file in `queries/` (`kg query threats`).
Parameters are RDF terms bound with a VALUES block placed at the top of the query's WHERE group,
built from each term's N-Triples form, so a value is never pasted into the query as syntax and the
same binding works on the embedded store and on any remote SPARQL endpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from kg import formats
from kg.errors import QuerySyntaxError, UnknownQueryError, UsageError
from kg.query.bind import Term, bind_parameters, substitute_variable, top_level_tokens
from kg.query.confidence import CONFIDENCE_VARIABLE, threshold_literal, view_for
from kg.query.guard import check_shape, evaluation_error, without_services
from kg.query.syntax import readable
from kg.resources import queries_dir
from kg.store.base import QueryResult, Store, iris_of
from kg.vocab import DEFAULT_BASE, Iris, rebase

# The formats a query's answer can be written in, from the table kg's exports and server share.
RESULT_FORMATS = {name: fmt.writer for name, fmt in formats.SOLUTION_FORMATS.items()}
GRAPH_FORMATS = {name: fmt.writer for name, fmt in formats.GRAPH_FORMATS.items()}
NAME = re.compile(r"^[A-Za-z0-9][\w-]*$")


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    example: str
    text: str
    path: Path


@dataclass(frozen=True)
class PreparedQuery:
    """A query ready to run: its text, where it came from, and the parameters it declares (None: any).

    `base` is the base of the store it runs on: a named query, written with the default base, runs rewritten to
    it (`sparql`), and a prefixed name given as a parameter (`kge:daesh`) expands under it."""

    text: str
    source: str
    declared: tuple[str, ...] | None = None
    lookups: tuple[tuple[str, Path], ...] = ()  # (parameter, query that turns a name given for it into IRIs)
    named: bool = False
    base: str = DEFAULT_BASE

    @property
    def sparql(self) -> str:
        return rebase(self.text, self.base) if self.named else self.text


# --- named queries --------------------------------------------------------------------------

def parse_header(text: str) -> dict[str, str]:
    """The `# key: value` comment block at the top of a .rq file; indented lines continue a key."""
    fields: dict[str, list[str]] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].rstrip()
        match = re.match(r"^ ?([a-z-]+):\s*(.*)$", body)
        if match and not body.startswith("   "):
            key = match.group(1)
            fields[key] = [match.group(2)] if match.group(2) else []
        elif key is not None:
            fields[key].append(body[1:] if body.startswith(" ") else body)
    return {k: "\n".join(v).strip("\n") for k, v in fields.items()}


def _parameters(block: str) -> tuple[Parameter, ...]:
    if block.strip() in ("", "none"):
        return ()
    found: list[Parameter] = []
    for line in block.splitlines():
        match = re.match(r"^\s{0,4}([A-Za-z_]\w*):\s*(.*)$", line)
        if match:
            found.append(Parameter(match.group(1), match.group(2)))
        elif found:
            found[-1] = Parameter(found[-1].name, f"{found[-1].description} {line.strip()}")
    return tuple(found)


def load_named_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    return NamedQuery(
        name=path.stem, title=header.get("title", path.stem), description=header.get("description", ""),
        parameters=_parameters(header.get("parameters", "")), example=header.get("example", ""),
        text=text, path=path,
    )


def named_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    """Every queries/*.rq by name, sorted."""
    folder = directory or queries_dir()
    return {path.stem: load_named_query(path) for path in sorted(folder.glob("*.rq"))}


def prepared_named(named: NamedQuery) -> PreparedQuery:
    """A named query with its declared parameters and their lookups (`# lookup: entity = lookup/entity.rq`)."""
    lookups = []
    for line in parse_header(named.text).get("lookup", "").splitlines():
        name, _, path = (part.strip() for part in line.partition("="))
        if name and path:
            lookups.append((name, named.path.parent / path))
    return PreparedQuery(named.text, str(named.path), tuple(p.name for p in named.parameters), tuple(lookups),
                         named=True)


def prepare(spec: str, directory: Path | None = None) -> PreparedQuery:
    """Turn `SPARQL|FILE|NAME` into a query: a known name first, then an existing file, else SPARQL text."""
    queries = named_queries(directory)
    if spec in queries:
        named = queries[spec]
        return prepared_named(named)
    path = Path(spec)
    if NAME.match(spec) or spec.endswith((".rq", ".sparql")):
        if path.is_file():
            return PreparedQuery(read_query_file(path), str(path))
        known = ", ".join(queries) or "none"
        raise UnknownQueryError(f"{spec}: no such named query or file (named queries: {known})")
    if "\n" not in spec and len(spec) < 4096 and path.is_file():
        return PreparedQuery(read_query_file(path), str(path))
    return PreparedQuery(spec, "query")


def read_query_file(path: Path) -> str:
    """A .rq file's text; UsageError (one line) when it cannot be read or is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise UsageError(f"{path}: not a UTF-8 text file (byte {err.start}), cannot be a query") from None
    except OSError as err:
        raise UsageError(f"{path}: cannot read the query ({(err.strerror or type(err).__name__).lower()})") from None


# --- parameters -----------------------------------------------------------------------------

def parse_term(value: str, base: str = DEFAULT_BASE) -> ox.NamedNode | ox.Literal:
    """`<iri>` and `prefix:local` (kg's prefixes, the data's under `base`) are IRIs; anything else is a plain
    string literal."""
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as err:
            raise UsageError(f"{value}: not a valid IRI ({err})") from err
    prefix, _, local = value.partition(":")
    prefixes = Iris(base).prefixes
    if local and prefix in prefixes and re.fullmatch(r"[\w.-]*", local):
        return ox.NamedNode(str(prefixes[prefix]) + local)
    return ox.Literal(value)


def parse_params(pairs: list[str]) -> dict[str, str]:
    """`NAME=VALUE` strings to a dict; the value may contain '=' and anything else."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise UsageError(f"--param {pair!r}: expected NAME=VALUE with NAME a SPARQL variable name")
        params[name] = value
    return params


def _check_params(query: PreparedQuery, params: dict[str, str]) -> None:
    if CONFIDENCE_VARIABLE in params:
        raise UsageError(f"{query.source}: the threshold is given with --min-confidence, not --param "
                         f"{CONFIDENCE_VARIABLE}")
    if query.declared is not None:
        unknown = sorted(set(params) - set(query.declared))
        missing = sorted(set(query.declared) - set(params))
        wanted = ", ".join(query.declared) or "none"
        if unknown or missing:
            problem = f"unknown parameter {unknown[0]}" if unknown else f"missing parameter {missing[0]}"
            raise UsageError(f"{query.source}: {problem} (parameters: {wanted})")
    for name in params:
        if not re.search(rf"[?$]{re.escape(name)}\b", query.text):
            raise UsageError(f"{query.source}: parameter {name} is not a variable of the query")


# --- running --------------------------------------------------------------------------------

def check_syntax(text: str, source: str) -> None:
    """Parse the query as written (before binding), so errors point at the user's own line and column.

    Its nesting is measured first (kg/query/guard.py), and SERVICE is checked as GRAPH: the check runs
    the query on an empty store, and must neither crash on a deep query nor call out to any endpoint."""
    check_shape(text, source)
    try:
        ox.Store().query(without_services(text))
    except SyntaxError as err:
        raise QuerySyntaxError(f"{source}: {readable(text, err)}") from err
    except (OSError, RuntimeError, ValueError):
        pass  # it parsed: evaluating on an empty store is not what is checked here


def bound_query(query: PreparedQuery, params: dict[str, str], execute: Callable | None = None,
                min_confidence: float | None = None) -> str:
    """The query with its parameters bound; with `execute` (query text -> rows), names given for a
    parameter with a lookup are first turned into the IRIs they stand for. `min_confidence` is written in place
    of ?minConfidence (kg/query/confidence.py); left unbound, a named query keeps every fact."""
    check_syntax(query.text, query.source)
    _check_params(query, params)
    terms: dict[str, Term | list[Term]] = {name: parse_term(value, query.base) for name, value in params.items()}
    for name, path in query.lookups if execute is not None else ():
        assert execute is not None  # for mypy: the loop runs only with it
        if isinstance(terms.get(name), ox.Literal):
            lookup = PreparedQuery(read_query_file(path), str(path), ("name",), named=True, base=query.base)
            found = [row[0] for row in execute(bound_query(lookup, {"name": params[name]}))]
            terms[name] = found or terms[name]  # no entity has that name: the name itself, which matches nothing
    text = bind_parameters(query.sparql, terms)
    if min_confidence is None:
        return text
    return substitute_variable(text, CONFIDENCE_VARIABLE, threshold_literal(min_confidence))


def run_query(store: Store, spec: str, params: dict[str, str] | None = None,
              directory: Path | None = None, min_confidence: float | None = None) -> QueryResult:
    """Run `SPARQL|FILE|NAME` on a store; returns pyoxigraph solutions, a boolean, or triples. With
    `min_confidence`, the query sees only facts at least that sure (kg/query/confidence.py)."""
    query = prepare(spec, directory)
    store = view_for(store, query.text, min_confidence)
    query = replace(query, base=iris_of(store).base)
    text = bound_query(query, params or {}, store.query, min_confidence)
    try:
        return store.query(text)
    except SyntaxError as err:
        raise QuerySyntaxError(f"query: {err}") from err
    except (OSError, RuntimeError, MemoryError) as err:
        raise evaluation_error(err, text) from None


def result_kind(result) -> str:
    if isinstance(result, ox.QuerySolutions):
        return "solutions"
    if isinstance(result, (ox.QueryBoolean, bool)):
        return "boolean"
    return "graph"


UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def looks_like_update(text: str) -> bool:
    """True when the first keyword after the prologue starts a SPARQL Update (the server refuses those)."""
    for _, token in top_level_tokens(text):
        if token not in ("PREFIX", "BASE") and not token.endswith(":") and ":" not in token:
            return token in UPDATE_KEYWORDS
    return False
