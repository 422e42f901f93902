"""What the store holds: articles, entities by class, facts by relation, counted events (via SPARQL).

The queries are data: queries/stats/*.rq.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import pyoxigraph as ox

from kg.resources import shipped_query
from kg.store import Store
from kg.store.base import iris_of
from kg.vocab import DEFAULT_BASE


@dataclass(frozen=True)
class Stats:
    articles: int
    entities: dict[str, int] = field(default_factory=dict)  # class local name -> distinct entities
    facts: dict[str, int] = field(default_factory=dict)  # relation local name -> facts (evidence records)
    events: dict[str, int] = field(default_factory=dict)  # event class -> events
    accounts: dict[str, int] = field(default_factory=dict)  # event class -> accounts the events number

    @property
    def total_facts(self) -> int:
        return sum(self.facts.values())


def stats(store: Store) -> Stats:
    """Counts of what the store holds."""
    events = _rows(store, "events-by-kind")
    return Stats(
        articles=int(_rows(store, "articles")[0]["count"]),
        entities=_counts(_rows(store, "entities-by-class")),
        facts=_counts(_rows(store, "facts-by-relation")),
        events=_counts(events),
        accounts={row["key"]: int(row["accounts"]) for row in events},
    )


def stats_query(name: str, base: str = DEFAULT_BASE) -> str:
    return shipped_query(f"stats/{name}.rq", base)


def _rows(store: Store, name: str) -> list[dict[str, str]]:
    """The solutions of a stats query as plain strings (unbound variables left out)."""
    solutions = cast(ox.QuerySolutions, store.query(stats_query(name, iris_of(store).base)))  # a SELECT
    names = [variable.value for variable in solutions.variables]
    return [{key: row[key].value for key in names if row[key] is not None} for row in solutions]


def _counts(rows: list[dict[str, str]]) -> dict[str, int]:
    return {row["key"]: int(row["count"]) for row in rows if "key" in row}
