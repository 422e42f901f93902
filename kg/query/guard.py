"""What a query's text says before anything parses it: how deeply it nests, and which SERVICEs it calls.

Oxigraph's parser and evaluator recurse once per nesting level, and a query nested deeply enough (100,000 `{`,
3,000 nested OPTIONAL) overflowed the stack: the process died of SIGSEGV with no message. So the nesting
(braces, parentheses and brackets, plus the chained OPTIONAL/MINUS/UNION that nest in the algebra) is measured
here, with a regex scan that recurses on nothing, and a query beyond MAX_NESTING / MAX_OPERATORS is refused
with a message (exit 2 on the command line, HTTP 400 from `kg serve`).

`service_targets` lists the endpoints a federated query would call; `kg serve` refuses them unless allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from kg.errors import KgError, QueryFailed, QueryTooComplex, StoreError

MAX_NESTING = 100  # levels of { ( [ ; the named queries use at most 6
MAX_OPERATORS = 500  # OPTIONAL, MINUS and UNION in one query: each nests the algebra one level deeper

_TOKEN = re.compile(
    r'(?P<skip>#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|[?$]\w+)'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)|(?P<open>[{(\[])|(?P<close>[})\]])'
    r'|(?P<word>[A-Za-z_][\w.-]*(?::[\w.-]*)?|:[\w.-]*)'
)
OPERATORS = {"OPTIONAL", "MINUS", "UNION"}


@dataclass(frozen=True)
class Shape:
    depth: int  # deepest nesting of { ( [
    operators: int  # OPTIONAL, MINUS, UNION
    services: tuple[tuple[int, int, str], ...]  # (start, end, target) of each `SERVICE [SILENT] target`


def shape(text: str) -> Shape:
    depth = deepest = operators = 0
    services: list[tuple[int, int, str]] = []
    pending: int | None = None  # start of a SERVICE keyword whose target is next
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
        upper = token.upper() if kind == "word" else ""
        operators += upper in OPERATORS
        if pending is not None and upper != "SILENT":
            services.append((pending, match.start(), token[1:-1] if kind == "iri" else token))
            pending = None
        elif upper == "SERVICE":
            pending = match.start()
    return Shape(deepest, operators, tuple(services))


def check_shape(text: str, source: str) -> Shape:
    """The query's shape; QueryTooComplex when it nests deeper than Oxigraph can take safely."""
    found = shape(text)
    if found.depth > MAX_NESTING:
        raise QueryTooComplex(f"{source}: the query nests {found.depth} levels deep (the limit is {MAX_NESTING})")
    if found.operators > MAX_OPERATORS:
        raise QueryTooComplex(f"{source}: the query has {found.operators} OPTIONAL/MINUS/UNION "
                              f"(the limit is {MAX_OPERATORS})")
    return found


def service_targets(text: str) -> list[str]:
    return [target for _, _, target in shape(text).services]


def refused_services(text: str, allowed_hosts: frozenset[str]) -> list[str]:
    """The SERVICE targets of the query whose host is not allowed (a variable or prefixed name never is)."""
    refused = []
    for target in service_targets(text):
        try:
            host = urlsplit(target).hostname if target.startswith(("http://", "https://")) else None
        except ValueError:
            host = None
        if host is None or host.lower() not in allowed_hosts:
            refused.append(target)
    return refused


def without_services(text: str) -> str:
    """The query with each `SERVICE [SILENT]` written as `GRAPH` padded to the same length: the same syntax,
    the same line and column numbers, and nothing to call, for a syntax check on an empty store."""
    found = shape(text).services
    for start, target_start, _ in reversed(found):
        text = text[:start] + "GRAPH".ljust(target_start - start) + text[target_start:]
    return text


def evaluation_error(err: BaseException, text: str) -> KgError:
    """The one-line error for a query whose evaluation failed (not its syntax)."""
    first = (str(err).splitlines() or [type(err).__name__])[0]
    if isinstance(err, MemoryError):
        return QueryFailed("the query needs more memory than allowed (--max-memory); narrow it or add a LIMIT")
    if service_targets(text):
        return QueryFailed(f"a SERVICE call of the query failed ({first})")
    return StoreError(f"cannot read the store, it may be corrupted ({first})")
