"""The facts of a long article, extracted piece by piece (see kg/pipeline/bounded.py) and merged into one.

Each piece is extracted as an article of its own whose text is the piece; the merge then follows the rules the
extractor applies within one article (kg/extract/sink.py, entities.py): one record per distinct fact, the first
sentence that gave it unless a later one gave it with a higher confidence; one counted event per (kind, agent,
target, count), the first; one entity per key, its first description, with every surface form seen. Evidence
offsets are moved from the piece to the article. What is lost against one whole Doc: a reference ("le groupe")
whose name lies in an earlier piece, more than a few thousand words back.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from kg.model import Article, CountedEvent, Entity, Evidence, Extraction, Fact
from kg.pipeline.bounded import LongText

Extract = Callable  # (Doc, Article) -> Extraction


def extract_in_pieces(long: LongText, article: Article, extract: Extract) -> Extraction:
    """One Extraction of `article` from its pieces, parsed and extracted one at a time (one Doc alive at once)."""
    merged = Extraction(article=article)
    facts: dict[tuple[str, str, str], Fact] = {}
    events: dict[tuple, CountedEvent] = {}
    for offset, doc in long.docs():
        part = extract(doc, replace(article, text=doc.text))
        merged.extractor = part.extractor
        _merge_entities(merged.entities, part.entities)
        for fact in part.facts:
            key = (fact.subject, fact.relation, fact.object)
            if key not in facts or fact.confidence > facts[key].confidence:
                facts[key] = replace(fact, evidence=_moved(fact.evidence, offset))
        for event in part.events:
            events.setdefault((event.kind, event.agent, event.target, event.count),
                              replace(event, evidence=_moved(event.evidence, offset)))
    merged.facts = sorted(facts.values(), key=lambda f: (f.evidence.start, f.subject, f.relation, f.object))
    merged.events = sorted(events.values(), key=lambda e: (e.evidence.start, e.kind, e.agent, e.target, e.count))
    merged.entities = dict(sorted(merged.entities.items()))
    return merged


def _moved(evidence: Evidence, offset: int) -> Evidence:
    return Evidence(evidence.sentence, evidence.start + offset, evidence.end + offset)


def _merge_entities(entities: dict[str, Entity], more: dict[str, Entity]) -> None:
    for key, entity in more.items():
        known = entities.get(key)
        entities[key] = entity if known is None else replace(
            known, aliases=known.aliases | entity.aliases, alt_labels=known.alt_labels | entity.alt_labels)
