"""Annotated training examples: Prodigy's and doccano's relation JSONL in, checked `Example` records out.

Prodigy: `{"text", "spans": [{"start", "end", "label"}], "relations": [{"head_span": {...}, "child_span": {...},
"label"}], "meta"}` with character offsets (token indices, when present, are ignored).
doccano: `{"text", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations": [{"from_id", "to_id",
"type"}]}`. Labels are the contract's class and relation names (kg.vocab). Every example is complete: a pair of
marked mentions with no relation is a negative.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from kg.errors import TrainingDataError
from kg.vocab import DOMAIN_RANGE, ENTITY_CLASSES, relation_allowed


@dataclass(frozen=True)
class Span:
    start: int  # character offsets in Example.text, end exclusive
    end: int
    label: str  # a contract class


@dataclass(frozen=True)
class Relation:
    head: Span
    child: Span
    label: str  # a contract relation


@dataclass(frozen=True)
class Example:
    text: str
    spans: tuple[Span, ...]
    relations: tuple[Relation, ...]
    source: str  # "file:line"
    coref: tuple[tuple[Span, Span], ...] = field(default=())  # (mention, its antecedent), from meta
    genre: str = "passage"  # "passage" (written to teach) or "article" (a real article's paragraph, from meta)
    document: str = ""  # the article a paragraph comes from: cross-validation keeps its paragraphs in one fold


def to_record(example: Example) -> dict[str, Any]:
    """The Prodigy JSONL record of an example (what `read_examples` reads back)."""
    def span(s: Span) -> dict[str, Any]:
        return {"start": s.start, "end": s.end, "label": s.label}

    meta: dict[str, Any] = {"source": example.source, "genre": example.genre}
    if example.genre == "article":
        meta["document"] = example.document
    if example.coref:
        meta["coref"] = [[span(a), span(b)] for a, b in example.coref]
    return {"text": example.text, "spans": [span(s) for s in example.spans],
            "relations": [{"head_span": span(r.head), "child_span": span(r.child), "label": r.label}
                          for r in example.relations], "meta": meta}


def read_examples(paths: Iterable[str | Path]) -> list[Example]:
    """Every example of the JSONL files, in order; the first bad line raises TrainingDataError naming it."""
    return [example for path in paths for example in _read_file(Path(path))]


def _read_file(path: Path) -> Iterator[Example]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or err
        raise TrainingDataError(f"{path}: cannot read the training file ({reason})") from err
    for number, line in enumerate(lines, 1):
        if line.strip():
            where = f"{path}:{number}"
            yield parse_example(_json(line, where), where)


def _json(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise TrainingDataError(f"{where}: not JSON ({err.msg} at column {err.colno})") from err
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise TrainingDataError(f"{where}: an example is a JSON object with a \"text\" string")
    return record


def parse_example(record: dict[str, Any], where: str) -> Example:
    """One example from a Prodigy or doccano record, with every offset and label checked."""
    text = record["text"]
    if "entities" in record:
        spans, relations = _doccano(record, text, where)
    else:
        spans = tuple(_span(item, text, where) for item in record.get("spans") or [])
        relations = tuple(_prodigy_relation(item, text, spans, where) for item in record.get("relations") or [])
    meta = record.get("meta") or {}
    coref = tuple((_span(a, text, where), _span(b, text, where)) for a, b in meta.get("coref") or [])
    genre = "article" if meta.get("genre") == "article" else "passage"
    document = str(meta.get("document", document_of(str(meta.get("source") or where)))) if genre == "article" else ""
    return Example(text, spans, relations, where, coref, genre, document)


def document_of(source: str) -> str:
    """'shared/corpus/dev/d01.txt:3' -> 'shared/corpus/dev/d01.txt': a paragraph's source without its number."""
    head, _, tail = source.rpartition(":")
    return head if head and tail.isdigit() else source


def _span(item: Any, text: str, where: str, start_key: str = "start", end_key: str = "end") -> Span:
    try:
        start, end, label = int(item[start_key]), int(item[end_key]), str(item["label"])
    except (KeyError, TypeError, ValueError) as err:
        raise TrainingDataError(f"{where}: a span needs {start_key}, {end_key} and label ({err})") from err
    if not 0 <= start < end <= len(text):
        raise TrainingDataError(f"{where}: span [{start}, {end}) is outside the text ({len(text)} characters)")
    if text[start:end] != text[start:end].strip():
        raise TrainingDataError(f"{where}: span {text[start:end]!r} starts or ends with a space")
    if label not in ENTITY_CLASSES:
        classes = ", ".join(sorted(ENTITY_CLASSES))
        raise TrainingDataError(f"{where}: {label!r} is not a class of the contract ({classes})")
    return Span(start, end, label)


def _prodigy_relation(item: Any, text: str, spans: tuple[Span, ...], where: str) -> Relation:
    if not isinstance(item, dict):
        raise TrainingDataError(f"{where}: a relation is an object with head_span, child_span and label")
    head, child = (_span(item.get(key), text, where) for key in ("head_span", "child_span"))
    return _relation(head, child, str(item.get("label")), spans, where)


def _doccano(record: dict[str, Any], text: str, where: str) -> tuple[tuple[Span, ...], tuple[Relation, ...]]:
    by_id = {item.get("id"): _span(item, text, where, "start_offset", "end_offset") for item in record["entities"]}
    spans = tuple(by_id.values())
    relations = []
    for item in record.get("relations") or []:
        try:
            head, child = by_id[item["from_id"]], by_id[item["to_id"]]
        except (KeyError, TypeError) as err:
            raise TrainingDataError(f"{where}: a relation names an entity id that is not there ({err})") from err
        relations.append(_relation(head, child, str(item.get("type")), spans, where))
    return spans, tuple(relations)


def _relation(head: Span, child: Span, label: str, spans: tuple[Span, ...], where: str) -> Relation:
    if label not in DOMAIN_RANGE:
        raise TrainingDataError(f"{where}: {label!r} is not a relation of the contract")
    if head not in spans or child not in spans:
        raise TrainingDataError(f"{where}: a {label} relation links a span that is not among the example's spans")
    if not relation_allowed(label, head.label, child.label):
        raise TrainingDataError(f"{where}: {label} does not link a {head.label} to a {child.label} (ontology)")
    return Relation(head, child, label)
