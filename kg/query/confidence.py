"""Facts at or above a confidence, two ways.

The named queries compare each fact's `kg:confidence` with `COALESCE(?minConfidence, 0)`: kg writes the threshold
in place of the variable (kg.query.bind.substitute_variable), so they filter as they read, on any store, and any
other SPARQL client running their text unbound sees every fact. A query that does not use the variable runs on
`above_confidence`: a copy of the store in memory without the facts (and their evidence records and counted
events) that the extractor gave less, so that any query, and the drawn graph, see only the surer facts.

DEFAULT_MIN_CONFIDENCE is what `kg query` (named queries) and `kg render` show when no threshold is given: the
least confidence at which the facts were right 80 % of the time on the project's blind sets (217 of 267 facts at
0.7 or more with extractor 0.4.17, docs/extraction.md « Quality of 0.4.17 »); `kg evaluate` measures it on a
user's own annotated articles.
"""

from __future__ import annotations

import re
from typing import cast

import pyoxigraph as ox

from kg.errors import UsageError
from kg.store.base import Store
from kg.store.memory import MemoryStore
from kg.vocab import KG, RDF

DEFAULT_MIN_CONFIDENCE = 0.7
CONFIDENCE_VARIABLE = "minConfidence"
USES_VARIABLE = re.compile(rf"[?$]{CONFIDENCE_VARIABLE}\b")

DROP_BELOW = """
DELETE {{ GRAPH ?g {{ ?s ?p ?o . ?e ?ep ?eo }} }}
WHERE {{
  GRAPH ?g {{
    ?e a <{evidence}> ; <{subject}> ?s ; <{predicate}> ?p ; <{object}> ?o ; <{confidence}> ?c .
    FILTER(?c < {minimum})
    ?e ?ep ?eo .
  }}
}};
DELETE {{ GRAPH ?g {{ ?e ?ep ?eo }} }}
WHERE {{
  GRAPH ?g {{ ?e <{account_count}> ?n ; <{confidence}> ?c . FILTER(?c < {minimum}) ?e ?ep ?eo . }}
}}
"""


COUNT_BELOW = """
SELECT (COUNT(?e) AS ?facts) (SUM(IF(?c < {minimum}, 1, 0)) AS ?below)
WHERE {{ GRAPH ?g {{ ?e <{subject}> ?s ; <{confidence}> ?c }} }}
"""


def facts_below(store: Store, minimum: float) -> tuple[int, int]:
    """(facts under `minimum`, facts) in the whole store: what a threshold leaves out, for the commands to say."""
    query = COUNT_BELOW.format(subject=RDF.subject, confidence=KG.confidence, minimum=threshold_literal(minimum))
    row = next(iter(cast(ox.QuerySolutions, store.query(query))))  # a SELECT
    return int(row["below"].value) if row["below"] is not None else 0, int(row["facts"].value)


def left_out_note(store: Store, minimum: float) -> str | None:
    """One line saying how many of the store's facts a threshold hides and how to see them; None if none."""
    below, facts = facts_below(store, minimum) if minimum > 0 else (0, 0)
    if not below:
        return None
    return (f"{below} of the store's {facts} facts are under confidence {minimum:g} and not shown "
            "(--min-confidence 0 shows every fact)")


def check_minimum(minimum: float) -> float:
    if not 0.0 <= minimum <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1, not {minimum}")
    return minimum


def uses_threshold(query_text: str) -> bool:
    """True when the query compares confidences with ?minConfidence itself (the named queries do)."""
    return USES_VARIABLE.search(query_text) is not None


def threshold_for(query_text: str, given: float | None) -> float | None:
    """The threshold a query runs with: the one given, else the default for a query that compares with
    ?minConfidence (every named query), else none: a query of one's own sees every fact."""
    if given is not None:
        return check_minimum(given)
    return DEFAULT_MIN_CONFIDENCE if uses_threshold(query_text) else None


def view_for(store: Store, query_text: str, minimum: float | None) -> Store:
    """Where a query runs: the store itself when the query filters as it reads or no threshold applies, else
    the store's facts above the threshold."""
    if not minimum or uses_threshold(query_text):
        return store
    return above_confidence(store, minimum)


def threshold_literal(minimum: float) -> str:
    """The threshold as a SPARQL decimal (never in exponent form, which would be a double)."""
    return f"{check_minimum(minimum):.3f}"


def above_confidence(store: Store, minimum: float) -> Store:
    """The store's facts and counted events with a confidence of at least `minimum`, in memory (the store
    itself is untouched)."""
    threshold = threshold_literal(minimum)  # checked before the copy
    copy = MemoryStore(store.quads())
    copy.update(DROP_BELOW.format(evidence=KG.Evidence, subject=RDF.subject, predicate=RDF.predicate,
                                  object=RDF.object, confidence=KG.confidence, account_count=KG.accountCount,
                                  minimum=threshold))
    return copy
