"""Training examples from articles annotated at the article level (a gold TOML in the scorer's format).

Such gold names each entity with its class and aliases and lists the article's facts, without offsets. Each
paragraph becomes an example: every occurrence of an alias is a span of its entity (longest match first), and
a fact is a relation between the two entities' spans in each sentence that holds both (distant supervision:
a sentence naming both is taken to state the fact). Facts marked optional are true readings, so they count
too; every other pair of spans is a negative.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.evaluate.gold import GoldEntity, GoldFact, read_gold
from kg.train.corpus import Example, Relation, Span, document_of
from kg.vocab import SYMMETRIC_RELATIONS, relation_allowed

SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[«A-ZÀ-Ý0-9\"])")


def examples_from_gold(corpus: Path, gold_path: Path, articles: set[str] | None = None) -> list[Example]:
    """The examples of every article of `corpus` that the gold annotates (or only those in `articles`); the gold
    is read and checked by kg.evaluate.gold, as `kg evaluate` reads it."""
    gold = read_gold(gold_path)
    facts: dict[str, list[GoldFact]] = {}
    for fact in gold.facts:
        facts.setdefault(fact.article, []).append(fact)
    examples = []
    for path in sorted(Path(corpus).glob("*.txt")):
        if path.stem in facts and (articles is None or path.stem in articles):
            text = path.read_text(encoding="utf-8")
            examples += _article_examples(text, gold.entities, facts[path.stem], str(path))
    return examples


def _article_examples(text: str, entities: dict[str, GoldEntity], facts: list[GoldFact], source: str) -> list[Example]:
    pattern, key_of = _alias_pattern(entities)
    out = []
    offset = 0
    for paragraph in text.split("\n"):
        spans = _spans(paragraph, pattern, key_of, entities)
        if len(spans) >= 2:
            out.append(_example(paragraph, spans, facts, f"{source}:{offset}"))
        offset += len(paragraph) + 1
    return out


def _alias_pattern(entities: dict[str, GoldEntity]) -> tuple[re.Pattern, dict[str, set[str]]]:
    key_of: dict[str, set[str]] = {}
    for key, ent in entities.items():
        for alias in ent.aliases:
            if len(alias) > 1:
                key_of.setdefault(alias.lower(), set()).add(key)
    aliases = sorted(key_of, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in aliases) or "(?!)"
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE), key_of


def _spans(paragraph: str, pattern: re.Pattern, key_of: dict,
           entities: dict[str, GoldEntity]) -> list[tuple[Span, str]]:
    spans = []
    for match in pattern.finditer(paragraph):
        keys = key_of.get(match.group(0).lower(), set())
        if len(keys) == 1:  # an alias two entities share says nothing certain
            key = next(iter(keys))
            start, end = match.start(), match.end()
            while end > start and not paragraph[end - 1].strip():
                end -= 1
            spans.append((Span(start, end, entities[key].type), key))
    return spans


def _example(paragraph: str, spans: list[tuple[Span, str]], facts: list[GoldFact], source: str) -> Example:
    sentence = _sentence_index(paragraph)
    relations = []
    for fact in facts:
        subjects, objects = fact.subjects, fact.objects
        for head, hkey in spans:
            for child, ckey in spans:
                if hkey in subjects and ckey in objects and hkey != ckey and sentence(head) == sentence(child) \
                        and relation_allowed(fact.relation, head.label, child.label):
                    relations.append(Relation(head, child, fact.relation))
    relations = _without_mirrors(relations)
    by_key: dict[str, Span] = {}
    coref = []
    for span, key in spans:
        if key in by_key:
            coref.append((span, by_key[key]))
        by_key.setdefault(key, span)
    return Example(paragraph, tuple(s for s, _ in spans), tuple(dict.fromkeys(relations)), source, tuple(coref),
                   "article", document_of(source))



def _sentence_index(paragraph: str):
    ends = [m.end() for m in SENTENCE_END.finditer(paragraph)]
    return lambda span: sum(1 for e in ends if e <= span.start)


def _without_mirrors(relations: list[Relation]) -> list[Relation]:
    """A symmetric fact once per pair of spans: the training data adds the mirror itself."""
    seen, out = set(), []
    for r in relations:
        key = (r.label, frozenset((r.head, r.child))) if r.label in SYMMETRIC_RELATIONS else (r.label, r.head, r.child)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
