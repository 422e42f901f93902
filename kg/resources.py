"""Where the data files live: the ontology, the named queries and the lexicons.

In a source checkout they sit at the repository's top level (`ontology/`, `queries/`) and in
`kg/data/`; an installed wheel carries copies under `kg/_shipped/`.
"""

from __future__ import annotations

from pathlib import Path

from kg.vocab import DEFAULT_BASE, rebase

PACKAGE_DIR = Path(__file__).resolve().parent


def _top_level(name: str) -> Path:
    for candidate in (PACKAGE_DIR.parent / name, PACKAGE_DIR / "_shipped" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg: the {name}/ folder is missing from the installation")


def ontology_dir() -> Path:
    return _top_level("ontology")


def queries_dir() -> Path:
    return _top_level("queries")


def shipped_query(name: str, base: str = DEFAULT_BASE) -> str:
    """The text of queries/NAME (e.g. "stats/articles.rq"), its data IRIs moved to a store's `base`: the shipped
    queries spell the default base out (kg.vocab.rebase)."""
    return rebase((queries_dir() / name).read_text(encoding="utf-8"), base)


def data_file(name: str) -> Path:
    return PACKAGE_DIR / "data" / name
