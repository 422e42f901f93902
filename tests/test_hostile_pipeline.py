"""Per-article bounds of the build (kg/pipeline/bounded.py) and a property run with hostile text.

The hypothesis run writes lists of articles whose text may hold lone surrogates and control characters, as
JSONL escapes and as UTF-16 written with `surrogatepass`, builds them into a real store and checks that the
build never raises, that every good article of the batch is stored, and that every output stays valid.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest
from helpers import stored_identifiers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.export.network import export_network
from kg.ingest.read import read_articles
from kg.ingest.sanitize import XML_REFUSED
from kg.model import Article, Skipped
from kg.pipeline.bounded import PIECE_CHARS, Budgeted, parse_batch_safely, parse_long, pieces
from kg.pipeline.build import build
from kg.rdf.validate import validate
from kg.store import open_store

SENTENCE = "Daesh menace Facebook et Twitter dans une vidéo de propagande diffusée sur Telegram."


@pytest.mark.parametrize("text", ["", "court", ("Un paragraphe. " * 400 + "\n\n") * 40,
                                  "x" * (3 * PIECE_CHARS + 7), ("mot " * 9000 + "\n") * 3])
def test_pieces_join_to_the_text_and_stay_bounded(text):
    cut = pieces(text)
    assert "".join(cut) == text
    assert all(len(piece) <= PIECE_CHARS for piece in cut)


def test_a_long_article_parsed_in_pieces_is_one_doc_of_the_same_text(nlp):
    text = "\n\n".join(f"{SENTENCE} Paragraphe {n}." for n in range(900))
    assert len(text) > 2 * PIECE_CHARS
    doc = parse_long(nlp, text)
    assert doc.text == text
    assert sum(ent.text == "Facebook" for ent in doc.ents) >= 800


def test_an_article_spacy_cannot_parse_costs_that_article_alone(nlp):
    good = Article("good", "Titre", SENTENCE)
    bad = Article("bad", "Titre", "Daesh \ud800 menace Facebook.")  # a lone surrogate that ingest would have mended
    parsed = parse_batch_safely(nlp, [good, bad, good], 16)
    assert parsed[0][0] is not None and parsed[2][0] is not None
    assert parsed[1][0] is None and "parse failed" in parsed[1][1]


def test_an_article_over_its_time_budget_is_skipped_with_the_reason(tmp_path):
    (tmp_path / "a.txt").write_text(f"Titre\n\n{SENTENCE}\n", encoding="utf-8")
    with open_store(tmp_path / "store") as store:
        report = build([tmp_path / "a.txt"], store, max_seconds=0.001)
    assert report.stored == 0
    assert ["--max-seconds" in item.reason for item in report.skipped] == [True]


def test_budgeted_passes_the_result_through_within_its_budget():
    assert Budgeted(lambda doc, article: "ok", 5)(None, None) == "ok"


# --- the property run ------------------------------------------------------------------------

HOSTILE = st.text(st.characters(codec=None, categories=None, min_codepoint=0, max_codepoint=0x10FFFF)
                  | st.sampled_from(["\ud800", "\udfff", "\x00", "\x01", "\x1b", "\x7f", "\u2028", "\ufffe"]),
                  max_size=40)


def _write(folder, index: int, noise: str, kind: int) -> None:
    text = f"{SENTENCE} {noise}\n\nLe groupe Daesh menace aussi Twitter. {noise}"
    if kind == 0:
        (folder / f"a{index}.jsonl").write_text(json.dumps({"id": f"j{index}", "title": noise or "Titre",
                                                            "text": text}) + "\n", encoding="ascii")
    elif kind == 1:
        (folder / f"a{index}.txt").write_bytes(b"\xff\xfe" + f"Titre {noise}\n\n{text}".encode("utf-16-le",
                                                                                                "surrogatepass"))
    else:
        (folder / f"a{index}.txt").write_bytes(f"Titre\n\n{text}".encode("utf-8", "surrogatepass"))


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(st.tuples(HOSTILE, st.integers(0, 2)), min_size=1, max_size=4))
def test_surrogates_and_controls_never_stop_a_build_nor_spoil_an_output(tmp_path_factory, documents):
    folder = tmp_path_factory.mktemp("prop")
    for index, (noise, kind) in enumerate(documents):
        _write(folder, index, noise, kind)
    (folder / "zz_good.txt").write_text(f"Titre\n\n{SENTENCE}\n", encoding="utf-8")
    items = list(read_articles([folder]))
    for item in items:
        if isinstance(item, Article):
            assert not XML_REFUSED.search(item.text + item.title)
            item.text.encode("utf-8")
        else:
            assert isinstance(item, Skipped) and "\n" not in item.reason
    with open_store(folder / "store") as store:
        report = build([folder], store)
        assert "zz_good" in stored_identifiers(store)
        assert all("\n" not in skipped.reason for skipped in report.skipped)
        assert validate(store).conforms
        for fmt in ("gexf", "graphml"):
            ElementTree.fromstring(export_network(store, fmt))
