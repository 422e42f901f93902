"""Display names: the one name per entity that queries show, kept in a graph derived from the others.

Every article graph labels the entities it mentions, so the store holds an entity's names once per
article (270,000 labels for 800 entities in the benchmark's million triples). Working out one name
per entity from them cost each query a quarter of a second per name column; `kg build` works it out
once, after writing, with queries/update/display-names.ru, and the named queries join
`GRAPH <https://w3id.org/kg-news/names> { ?entity kg:displayName ?name }` (under the store's base: kg.vocab.rebase).
The update is plain SPARQL, so the same call keeps a remote store's names right.

A build marks the names outdated (prov:invalidatedAtTime on the names graph) before its first write
and refreshes them after its last, which drops the mark: a build that is interrupted or killed in
between leaves the mark, and the next build refreshes the names even if it has nothing to write.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kg.resources import shipped_query
from kg.store.base import iris_of
from kg.vocab import PROV, RDFS, XSD

UPDATE = "update/display-names.ru"
OUTDATED = "<{names}> <" + str(PROV.invalidatedAtTime) + ">"
# Up to date: no outdated mark, and a names graph if any entity has a label.
UP_TO_DATE = f"""ASK {{{{
  FILTER NOT EXISTS {{{{ GRAPH <{{names}}> {{{{ {OUTDATED} ?when }}}} }}}}
  FILTER (EXISTS {{{{ GRAPH <{{names}}> {{{{ ?entity ?property ?name }}}} }}}}
          || NOT EXISTS {{{{ GRAPH ?g {{{{ ?entity <{RDFS.label}> ?name }}}} }}}})
}}}}"""


def refresh_display_names(store) -> None:
    """Recompute the names graph from the store's labels, replacing the old one in one update."""
    store.update(shipped_query(UPDATE, iris_of(store).base))


def mark_display_names_outdated(store) -> None:
    """Say in the store that its names may be behind its articles, until the next refresh."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    names = iris_of(store).names_graph
    store.update(f'INSERT DATA {{ GRAPH <{names}> {{ {OUTDATED.format(names=names)} "{now}"^^<{XSD.dateTime}> }} }}')


def display_names_outdated(store) -> bool:
    """True when a build was cut short since the last refresh, or the store has labelled entities but no
    names graph (one built by an earlier kg)."""
    return not bool(store.query(UP_TO_DATE.format(names=iris_of(store).names_graph)))
