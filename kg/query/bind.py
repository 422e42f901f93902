"""Binding parameters into a query: `VALUES` at the start of its WHERE group, found by a small tokenizer that
skips strings, IRIs, comments and brackets. Terms are written in their N-Triples form, never raw."""

from __future__ import annotations

import itertools
import re

import pyoxigraph as ox

from kg.errors import UsageError

_SKIP = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|[?$]\w+'
)
_WORD = re.compile(r"[A-Za-z_][\w.-]*(?::[\w.-]*)?")


def top_level_tokens(text: str):
    """(position, token) for braces and bare words outside strings, IRIs, comments and brackets."""
    depth = parens = pos = 0
    while pos < len(text):
        skip = _SKIP.match(text, pos)
        if skip:
            pos = skip.end()
            continue
        char = text[pos]
        word = _WORD.match(text, pos) if char.isalpha() or char == "_" else None
        if word:
            if depth == parens == 0:
                yield pos, word.group(0).upper()
            pos = word.end()
            continue
        if char == "{" and depth == parens == 0:
            yield pos, "{"
        depth += {"{": 1, "}": -1}.get(char, 0)
        parens += {"(": 1, ")": -1}.get(char, 0)
        pos += 1


def _where_brace(text: str) -> int:
    """Offset of the '{' that opens the query's WHERE group."""
    tokens = list(top_level_tokens(text))
    words = [token for _, token in tokens]
    braces = [pos for pos, token in tokens if token == "{"]
    if "WHERE" in words:
        where = words.index("WHERE")
        if "CONSTRUCT" in words[:where] and "{" not in words[:where]:
            raise UsageError("parameters cannot be bound in a short `CONSTRUCT WHERE { … }` query")
        return next(pos for pos, token in tokens[where:] if token == "{")
    index = 1 if "CONSTRUCT" in words else 0
    if len(braces) <= index:
        raise UsageError("cannot find the query's WHERE group to bind the parameters")
    return braces[index]


def bind_parameters(text: str, terms: dict[str, Term | list[Term]]) -> str:
    """The query with `VALUES (?a ?b) { (t1 t2) }` at the start of its WHERE group (same line); a list of
    terms for a parameter gives one row per term."""
    if not terms:
        return text
    names = " ".join(f"?{name}" for name in terms)
    columns = [value if isinstance(value, list) else [value] for value in terms.values()]
    rows = " ".join(f"({' '.join(_nt(term) for term in row)})" for row in itertools.product(*columns))
    brace = _where_brace(text) + 1
    return f"{text[:brace]} VALUES ({names}) {{ {rows} }}{text[brace:]}"


def substitute_variable(text: str, name: str, value: str) -> str:
    """The query with every `?name` / `$name` outside strings, IRIs and comments replaced by `value`, in
    subqueries too (which a VALUES block at the top would not reach). `value` is SPARQL kg writes itself, never
    user text: a number, for the confidence threshold."""
    parts, pos, start = [], 0, 0
    while pos < len(text):
        skip = _SKIP.match(text, pos)
        if skip is None:
            pos += 1
            continue
        if skip.group(0)[1:] == name and skip.group(0)[0] in "?$":
            parts += [text[start:pos], value]
            start = skip.end()
        pos = skip.end()
    return "".join(parts) + text[start:]


Term = ox.NamedNode | ox.Literal


def _nt(term) -> str:
    """The N-Triples form of a pyoxigraph or rdflib term: escaped, never raw."""
    return term.n3() if hasattr(term, "n3") else str(term)
