"""Facts at or above a confidence: a copy of the store without the facts (and their evidence records) that the
extractor gave less, so that any query, named or not, and the drawn graph see only the surer facts."""

from __future__ import annotations

from kg.errors import UsageError
from kg.store.base import Store
from kg.store.memory import MemoryStore
from kg.vocab import KG, RDF

DROP_BELOW = """
DELETE {{ GRAPH ?g {{ ?s ?p ?o . ?e ?ep ?eo }} }}
WHERE {{
  GRAPH ?g {{
    ?e a <{evidence}> ; <{subject}> ?s ; <{predicate}> ?p ; <{object}> ?o ; <{confidence}> ?c .
    FILTER(?c < {minimum})
    ?e ?ep ?eo .
  }}
}}
"""


def above_confidence(store: Store, minimum: float) -> Store:
    """The store's facts with a confidence of at least `minimum`, in memory (the store itself is untouched)."""
    if not 0.0 <= minimum <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1, not {minimum}")
    copy = MemoryStore(store.quads())
    copy.update(DROP_BELOW.format(evidence=KG.Evidence, subject=RDF.subject, predicate=RDF.predicate,
                                  object=RDF.object, confidence=KG.confidence, minimum=repr(float(minimum))))
    return copy
