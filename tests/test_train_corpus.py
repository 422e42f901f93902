"""The training-data reader (kg/train/corpus.py): Prodigy and doccano relation JSONL in, checked examples out;
every bad line stops with its file and line; and the packaged passages meet the floors issue 13 sets."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import TrainingDataError
from kg.resources import data_file
from kg.train.corpus import Example, Relation, Span, parse_example, read_examples, to_record
from kg.vocab import ENTITY_CLASSES, RELATIONS, SYMMETRIC_RELATIONS, relation_allowed

TEXT = "Interpol coopère avec la DGSI à Lyon."
INTERPOL, DGSI, LYON = (TEXT.index(w) for w in ("Interpol", "DGSI", "Lyon"))
SPANS = {"interpol": {"start": INTERPOL, "end": INTERPOL + 8, "label": "GovernmentBody"},
         "dgsi": {"start": DGSI, "end": DGSI + 4, "label": "GovernmentBody"},
         "lyon": {"start": LYON, "end": LYON + 4, "label": "Place"}}
INTERPOL_SPAN = Span(INTERPOL, INTERPOL + 8, "GovernmentBody")
DGSI_SPAN = Span(DGSI, DGSI + 4, "GovernmentBody")
LYON_SPAN = Span(LYON, LYON + 4, "Place")


def prodigy(spans=("interpol", "dgsi", "lyon"), relations=(("interpol", "cooperatesWith", "dgsi"),), **extra) -> dict:
    return {"text": TEXT, "spans": [dict(SPANS[s]) for s in spans],
            "relations": [{"head_span": dict(SPANS[h]), "child_span": dict(SPANS[c]), "label": rel}
                          for h, rel, c in relations], **extra}


def doccano(relations=((1, "cooperatesWith", 2),)) -> dict:
    ids = {"interpol": 1, "dgsi": 2, "lyon": 3}
    return {"text": TEXT,
            "entities": [{"id": ids[k], "start_offset": s["start"], "end_offset": s["end"], "label": s["label"]}
                         for k, s in SPANS.items()],
            "relations": [{"id": 10 + n, "from_id": a, "to_id": b, "type": rel}
                          for n, (a, rel, b) in enumerate(relations)]}


def with_tokens(record: dict) -> dict:
    """The record as Prodigy writes it after tokenising: token indices beside the characters (wrong ones here,
    so that a reader that used them would be caught)."""
    record = json.loads(json.dumps(record))
    record["tokens"] = [{"text": w, "start": 0, "end": 1, "id": k} for k, w in enumerate(TEXT.split())]
    for span in [*record["spans"], *(r[side] for r in record["relations"] for side in ("head_span", "child_span"))]:
        span.update(token_start=99, token_end=0)
    for rel in record["relations"]:
        rel.update(head=42, child=7)
    return record


def write(tmp_path: Path, *records) -> Path:
    path = tmp_path / "examples.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


EXPECTED = (INTERPOL_SPAN, DGSI_SPAN, LYON_SPAN), (Relation(INTERPOL_SPAN, DGSI_SPAN, "cooperatesWith"),)


@pytest.mark.parametrize("record", [prodigy(), with_tokens(prodigy()), doccano()],
                         ids=["prodigy", "prodigy-with-token-indices", "doccano"])
def test_a_good_record_reads_as_its_spans_and_relations(tmp_path, record):
    path = write(tmp_path, record)
    [example] = read_examples([path])
    assert (example.spans, example.relations) == EXPECTED
    assert example.text == TEXT
    assert example.source == f"{path}:1"


def test_a_record_without_relations_is_all_negatives_and_blank_lines_are_skipped(tmp_path):
    located = prodigy(spans=("dgsi", "lyon"), relations=(("dgsi", "locatedIn", "lyon"),))
    path = write(tmp_path, prodigy(relations=()), "", located)
    first, second = read_examples([path])
    assert first.relations == () and len(first.spans) == 3
    assert second.relations == (Relation(DGSI_SPAN, LYON_SPAN, "locatedIn"),)
    assert second.source == f"{path}:3"


def test_meta_carries_coreference_and_genre(tmp_path):
    record = prodigy(meta={"genre": "article", "coref": [[SPANS["dgsi"], SPANS["interpol"]]]})
    [example] = read_examples([write(tmp_path, record)])
    assert example.genre == "article"
    assert example.coref == ((DGSI_SPAN, INTERPOL_SPAN),)


def test_an_articles_paragraphs_share_their_document_and_passages_stand_alone(tmp_path):
    paragraphs = [prodigy(meta={"genre": "article", "source": f"news/a1.txt:{k}"}) for k in (0, 3)]
    passages = [prodigy(meta={"source": "written.txt", "line": k}) for k in (1, 2)]
    first, second, third, fourth = read_examples([write(tmp_path, *paragraphs, *passages)])
    assert first.document == second.document == "news/a1.txt"
    assert third.document == fourth.document == ""  # cross-validation then groups a passage by its own line


def outside() -> dict:
    record = prodigy(spans=("interpol",), relations=())
    record["spans"][0]["end"] = len(TEXT) + 3
    return record


def outer_space() -> dict:
    record = prodigy(spans=("interpol",), relations=())
    record["spans"][0]["end"] += 1  # "Interpol " with the space after it
    return record


def unknown_class() -> dict:
    record = prodigy(spans=("interpol",), relations=())
    record["spans"][0]["label"] = "Agency"
    return record


def unlisted_span() -> dict:
    return prodigy(spans=("interpol", "lyon"), relations=(("interpol", "cooperatesWith", "dgsi"),))


BAD_LINES = [
    ("not-json", '{"text": "Interpol coopère", "spans": [', "not JSON"),
    ("not-an-object", '["Interpol"]', "JSON object"),
    ("span-outside-text", outside(), "outside the text"),
    ("span-with-outer-space", outer_space(), "starts or ends with a space"),
    ("unknown-class", unknown_class(), "'Agency' is not a class of the contract"),
    ("unknown-relation", prodigy(relations=(("interpol", "worksWith", "dgsi"),)), "'worksWith' is not a relation"),
    ("relation-to-a-span-not-listed", unlisted_span(), "links a span that is not among the example's spans"),
    ("forbidden-by-domain-range", prodigy(relations=(("lyon", "founderOf", "interpol"),)),
     "founderOf does not link a Place to a GovernmentBody"),
    ("doccano-missing-id", doccano(relations=((1, "cooperatesWith", 9),)), "entity id that is not there"),
    ("doccano-forbidden", doccano(relations=((3, "suspendsAccountsOf", 1),)), "suspendsAccountsOf does not link"),
]


@pytest.mark.parametrize("bad, reason", [(bad, reason) for _, bad, reason in BAD_LINES],
                         ids=[name for name, _, _ in BAD_LINES])
def test_a_bad_line_raises_an_error_naming_the_file_and_line(tmp_path, bad, reason):
    path = write(tmp_path, prodigy(), "", bad, prodigy())
    with pytest.raises(TrainingDataError) as caught:
        read_examples([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:3: "), message
    assert reason in message
    assert "\n" not in message


def test_an_unreadable_file_is_named(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"text": "Interpol coopère"}'.encode("latin-1"))
    with pytest.raises(TrainingDataError, match=rf"^{re.escape(str(path))}: cannot read"):
        read_examples([path])
    with pytest.raises(TrainingDataError, match="cannot read"):
        read_examples([tmp_path / "missing.jsonl"])


# -- round trip: example -> to_record -> parse_example gives the same example --------------------------------------

WORD = st.text(st.characters(categories=["L", "N", "P"]), min_size=1, max_size=8)


@st.composite
def examples(draw) -> Example:
    words = draw(st.lists(WORD, min_size=1, max_size=12))
    text = " ".join(words)
    starts = [sum(len(w) + 1 for w in words[:k]) for k in range(len(words))]
    chosen = draw(st.lists(st.integers(0, len(words) - 1), unique=True, max_size=6))
    spans = tuple(Span(starts[k], starts[k] + len(words[k]), draw(st.sampled_from(sorted(ENTITY_CLASSES))))
                  for k in chosen)
    relations = []
    for head, child in draw(st.lists(st.tuples(st.sampled_from(spans), st.sampled_from(spans)), max_size=5)) \
            if spans else []:
        allowed = [r for r in RELATIONS if relation_allowed(r, head.label, child.label)]
        if allowed:
            relations.append(Relation(head, child, draw(st.sampled_from(allowed))))
    pairs = st.lists(st.tuples(st.sampled_from(spans), st.sampled_from(spans)), max_size=2) if spans else st.just([])
    coref = tuple(draw(pairs))
    return Example(text, spans, tuple(relations), draw(st.sampled_from(["a.jsonl:1", "b.jsonl:7"])), coref,
                   draw(st.sampled_from(["passage", "article"])))


@given(examples())
def test_an_example_written_as_a_record_reads_back_the_same(example):
    record = json.loads(json.dumps(to_record(example), ensure_ascii=False))
    assert parse_example(record, example.source) == example


# -- the packaged passages ------------------------------------------------------------------------------------------

PACKAGED = sorted(data_file("training").glob("*.jsonl"))


@pytest.fixture(scope="module")
def packaged() -> list[Example]:
    return read_examples(PACKAGED)


@pytest.mark.parametrize("path", PACKAGED, ids=[p.name for p in PACKAGED])
def test_every_packaged_training_file_reads(path):
    assert read_examples([path])


def test_the_packaged_corpus_has_at_least_2000_passages_and_5000_positives(packaged):
    assert len(packaged) >= 2000
    assert sum(len(e.relations) for e in packaged) >= 5000


def test_every_relation_has_at_least_200_packaged_positives(packaged):
    counts = Counter(r.label for e in packaged for r in e.relations)
    assert {rel: counts[rel] for rel in RELATIONS if counts[rel] < 200} == {}


def test_the_packaged_corpus_has_at_least_as_many_negative_pairs_as_positives(packaged):
    positives = negatives = 0
    for example in packaged:
        related = {(r.head, r.child) for r in example.relations}
        related |= {(r.child, r.head) for r in example.relations if r.label in SYMMETRIC_RELATIONS}
        for head, child in candidate_span_pairs(example):
            if (head, child) in related:
                positives += 1
            else:
                negatives += 1
    assert positives >= 5000
    assert negatives >= positives


def candidate_span_pairs(example: Example):
    """Ordered pairs of distinct, non-overlapping spans of two entities that some relation allows (what the
    model is trained on, before the parser splits sentences)."""
    same = {frozenset(pair) for pair in example.coref}
    for head in example.spans:
        for child in example.spans:
            if head.start < child.end and child.start < head.end or frozenset((head, child)) in same:
                continue
            if any(relation_allowed(rel, head.label, child.label) for rel in RELATIONS):
                yield head, child


EXAMPLE_PASSAGES = sorted((Path(__file__).resolve().parents[1] / "examples" / "training").glob("*.jsonl"))


def test_the_example_passages_read_and_name_every_relation():
    """examples/training: more annotated passages a user can add to `kg train` (not in the packaged model)."""
    examples = read_examples(EXAMPLE_PASSAGES)
    counts = Counter(r.label for e in examples for r in e.relations)
    assert len(examples) >= 1000
    assert set(counts) == set(RELATIONS)
