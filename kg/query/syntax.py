"""SPARQL syntax errors as one readable line: where (line, column, the text there) and what was expected.

The parser says "error at 3:17: expected one of ABS, AVG, …, [_], isLITERAL" and sometimes lists Unicode ranges;
a user needs the place, the words that would fit, and no character classes.
"""

from __future__ import annotations

import re

POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
MOST = 8  # expected words shown before "…"


def readable(text: str, error: SyntaxError | str) -> str:
    """'syntax error at line 3, column 17 (near "FILTER(?s = ) }"): expected one of ABS, AVG, … or another term'."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else "syntax error"
    match = POSITION.match(message)
    if not match:
        return f"syntax error: {message}"
    line, column, rest = int(match.group(1)), int(match.group(2)), match.group(3)
    return f"syntax error at line {line}, column {column}{_near(text, line, column)}: {_expected(rest)}"


def _near(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return " (at the end of the query)"
    there = lines[line - 1][max(0, column - 1):].strip()
    if not there:
        return " (at the end of the line)"
    return f' (near "{there[:30]}{"…" if len(there) > 30 else ""}")'


def _expected(rest: str) -> str:
    if not rest.startswith("expected"):
        return rest
    wanted = rest[len("expected"):].strip()
    items = [item.strip() for item in wanted.removeprefix("one of").split(",")]
    words = [item for item in items if WORD.fullmatch(item)]
    symbols = [item.strip('"') for item in items if re.fullmatch(r'"[^"\\]{1,3}"', item)]
    shown = words + [f"'{symbol}'" for symbol in symbols]
    if not shown:
        return "unexpected text here (an unfinished string, IRI or name?)"
    others = len(shown) < len(items)
    listed = ", ".join(shown[:MOST]) + (", …" if len(shown) > MOST else "")
    if len(shown) == 1 and not others:
        return f"expected {listed}"
    return f"expected {'one of ' if len(shown) > 1 else ''}{listed}{' or another term' if others else ''}"
