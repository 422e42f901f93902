"""Per-article bounds of the build (kg/pipeline/bounded.py) and a property run with hostile text.

The hypothesis run writes lists of articles whose text may hold lone surrogates and control characters, as
JSONL escapes and as UTF-16 written with `surrogatepass`, builds them into a real store and checks that the
build never raises, that every good article of the batch is stored, and that every output stays valid.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import xml.etree.ElementTree as ElementTree
from functools import partial
from pathlib import Path

import pytest
from helpers import ROOT, stored_identifiers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.export.network import export_network
from kg.ingest.read import read_articles, read_file
from kg.ingest.sanitize import XML_REFUSED
from kg.model import Article, Skipped
from kg.pipeline.bounded import PIECE_CHARS, Budgeted, LongText, OverBudget, parse_batch_safely, pieces
from kg.pipeline.build import build, process
from kg.rdf.validate import validate
from kg.store import open_store

SENTENCE = "Daesh menace Facebook et Twitter dans une vidéo de propagande diffusée sur Telegram."


@pytest.mark.parametrize("text", ["", "court", ("Un paragraphe. " * 400 + "\n\n") * 40,
                                  "x" * (3 * PIECE_CHARS + 7), ("mot " * 9000 + "\n") * 3])
def test_pieces_join_to_the_text_and_stay_bounded(text):
    cut = pieces(text)
    assert "".join(cut) == text
    assert all(len(piece) <= PIECE_CHARS for piece in cut)


def test_a_long_article_is_parsed_one_piece_at_a_time_where_it_is_extracted(nlp):
    text = "\n\n".join(f"{SENTENCE} Paragraphe {n}." for n in range(900))
    assert len(text) > 2 * PIECE_CHARS
    [(doc, error)] = parse_batch_safely(nlp, [Article("long", "Titre", text)], 16)
    assert error is None and isinstance(doc, LongText)  # nothing parsed yet: one piece's Doc at a time, later
    parts = list(doc.docs())
    assert len(parts) == len(pieces(text)) >= 3
    assert all(text[offset:offset + len(part.text)] == part.text for offset, part in parts)
    assert sum(ent.text == "Facebook" for _, part in parts for ent in part.ents) >= 800


def _long_article(size: int) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from long_article import long_article
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return long_article(size)


def _facts(store_path: Path) -> set[tuple[str, str, str]]:
    with open_store(store_path) as store:
        rows = store.query(FACTS)
        return {(row["s"].value, row["p"].value, row["o"].value) for row in rows}


FACTS = """SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o .
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/kg-news/entity/") && STRSTARTS(STR(?o), "https://w3id.org/kg-news/entity/")
         && STRSTARTS(STR(?p), "https://w3id.org/kg-news/ontology#")) } }"""


@pytest.mark.parametrize("size", [45_000, pytest.param(300_000, marks=pytest.mark.slow)])
def test_a_long_article_builds_with_the_facts_of_its_pieces_built_apart(tmp_path, size):
    """The piecewise build of one long article (kg/pipeline/pieces.py) against its pieces built as articles of
    their own: the same facts, and every evidence offset of the long article points at its sentence."""
    (tmp_path / "long").mkdir()
    (tmp_path / "long" / "long.jsonl").write_text(json.dumps({"id": "long", "title": "Titre",
                                                              "text": _long_article(size)}) + "\n")
    [article] = read_articles([tmp_path / "long"])
    text = article.text  # as ingest cleaned it: the text the pieces are cut from
    (tmp_path / "apart").mkdir()
    (tmp_path / "apart" / "pieces.jsonl").write_text("".join(
        json.dumps({"id": f"piece{number}", "title": "Titre", "text": piece}) + "\n"
        for number, piece in enumerate(pieces(text))))
    for name in ("long", "apart"):
        with open_store(tmp_path / f"{name}.store") as store:
            assert build([tmp_path / name], store).ok
    facts = _facts(tmp_path / "long.store")
    assert len(facts) > 50 and facts == _facts(tmp_path / "apart.store")
    with open_store(tmp_path / "long.store") as store:
        rows = list(store.query(EVIDENCE))
    assert len(rows) > 50 and all(text[int(row["b"].value):int(row["e"].value)].strip() == row["t"].value
                                  for row in rows)


EVIDENCE = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
SELECT ?t ?b ?e WHERE { GRAPH ?g { ?x a kg:Evidence ; kg:sentence ?t ; kg:charStart ?b ; kg:charEnd ?e } }"""


def test_the_time_budget_holds_between_the_pieces_of_a_long_article_outside_a_main_thread(nlp):
    """Where SIGALRM cannot reach (a Dask worker runs tasks in threads) the clock between the pieces stops a
    long article: here in a thread, with a budget shorter than one piece."""
    text = _long_article(100_000)
    article = Article("long", "Titre", text)
    [(long, _)] = parse_batch_safely(nlp, [article], 16)
    results = []

    def run():
        try:
            results.append(Budgeted(partial(process), 0.05)(long, article))
        except OverBudget as err:
            results.append(err)

    worker = threading.Thread(target=run)
    started = time.monotonic()
    worker.start()
    worker.join()
    assert isinstance(results[0], OverBudget) and "--max-seconds" in str(results[0])
    assert time.monotonic() - started < 20  # the budget plus one piece, not the whole article


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


# --- --max-size reads at most the limit, whatever st_size says ----------------------------------------------


def test_a_fifo_fed_past_the_limit_is_refused_after_reading_the_limit(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    written = []

    def feed():
        try:
            with open(fifo, "wb") as pipe:
                for _ in range(64):
                    pipe.write(b"Daesh menace Facebook. " * 400)  # 64 x 9 KB against a 20 KB limit
                    written.append(1)
        except BrokenPipeError:  # the reader stopped at the limit
            pass

    feeder = threading.Thread(target=feed)
    feeder.start()
    items = list(read_file(fifo, max_bytes=20_000))  # st_size of a FIFO is 0
    feeder.join(10)
    assert [type(item) for item in items] == [Skipped] and "file too large" in items[0].reason
    assert len(written) < 64  # the reader did not drain the writer


def test_a_proc_file_whose_size_is_zero_is_still_held_to_the_limit():
    [item] = list(read_articles(["/proc/self/maps"], max_bytes=1_000))  # st_size 0, several KB of text
    assert isinstance(item, Skipped) and "file too large" in item.reason
