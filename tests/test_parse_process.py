"""kg.pipeline.parse_process: the serial build's parse in a forked child gives the thread's Docs, and stops cleanly."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import numpy
import pytest
from helpers import isomorphic_graphs_of, stored_identifiers

from kg.errors import ExecutorError
from kg.model import Article
from kg.pipeline import executors, parse_process
from kg.pipeline.bounded import PIECE_CHARS, LongText
from kg.pipeline.build import build
from kg.store import open_store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
SENTENCE = "Le groupe Etat islamique menace Mark Zuckerberg, fondateur de Facebook, dans une vidéo sur Telegram."
ARTICLES = [
    Article("one", "Titre", SENTENCE),
    Article("surrogate", "Titre", "Daesh \ud800 menace Facebook."),  # spaCy cannot parse it: that article alone fails
    Article("long", "Titre", (SENTENCE + "\n\n") * (PIECE_CHARS // len(SENTENCE) + 5)),
    Article("two", "Titre", "Twitter a suspendu 10 000 comptes liés à Daech.\n\nLa police enquête à Paris."),
    Article("three", "Titre", "Telegram a fermé des canaux."),
]


def parse_kind(doc) -> tuple:
    """All that extraction reads of a Doc: the words' analyses, the sentences, the entities and the tensor."""
    if doc is None or isinstance(doc, LongText):
        return type(doc).__name__, getattr(doc, "text", None)
    words = [(t.text, t.whitespace_, t.lemma_, t.pos_, t.tag_, str(t.morph), t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
              t.is_sent_start) for t in doc]
    return words, [(e.start, e.end, e.label_) for e in doc.ents], [s.start for s in doc.sents], doc.tensor.shape


@pytest.mark.parametrize("batch_size", [1, 2, 16])
def test_the_child_gives_what_the_parsing_thread_gives(nlp, batch_size):
    in_thread = list(executors._parsed_ahead(ARTICLES, batch_size))
    with parse_process.parsing_process() as parsed:
        in_child = list(parsed(ARTICLES, batch_size))
    assert [article.id for _, article, _ in in_child] == [article.id for article in ARTICLES]
    assert [(parse_kind(doc), error) for doc, _, error in in_child] == \
        [(parse_kind(doc), error) for doc, _, error in in_thread]
    assert all(numpy.array_equal(a.tensor, b.tensor) for (a, *_), (b, *_) in zip(in_child, in_thread)
               if a is not None and not isinstance(a, LongText))
    assert isinstance(in_child[2][0], LongText) and "parse failed" in in_child[1][2]


def test_a_build_parsed_in_a_thread_writes_the_same_graphs(tmp_path, seeds_store, monkeypatch):
    assert parse_process.wanted()  # on this machine the default build forks its parser …
    monkeypatch.setattr(parse_process, "wanted", lambda: False)  # … and this one parses in a thread
    with open_store(tmp_path / "store") as store:
        build([SEEDS], store)
    in_thread, in_child = isomorphic_graphs_of(tmp_path / "store"), isomorphic_graphs_of(seeds_store)
    assert in_thread.keys() == in_child.keys()
    assert all(in_thread[name] == in_child[name] for name in in_child if not name.endswith("provenance"))


def test_one_usable_core_parses_in_a_thread(monkeypatch):
    monkeypatch.setattr(parse_process, "_usable_cores", lambda: 1)
    assert not parse_process.wanted()
    with executors.open_executor():
        assert not multiprocessing.active_children()  # no child was forked for it
    monkeypatch.undo()
    with executors.open_executor():  # the same call with two usable cores forks one
        assert [child.name for child in multiprocessing.active_children()] == ["kg-parse"]


def test_outside_linux_the_build_parses_in_a_thread(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")  # where a fork after the system's frameworks may crash
    assert not parse_process.wanted()


def test_where_no_process_can_be_forked_the_build_parses_in_a_thread(tmp_path, monkeypatch):
    def cannot_fork(*args):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(parse_process, "_fork", cannot_fork)
    (tmp_path / "a.txt").write_text(f"Titre\n\n{SENTENCE}\n", encoding="utf-8")
    with open_store(tmp_path / "store") as store:
        report = build([tmp_path / "a.txt"], store)
        assert (report.stored, stored_identifiers(store)) == (1, {"a"})
    assert not multiprocessing.active_children()


def test_a_child_that_dies_stops_the_build_with_a_clear_error_and_keeps_what_was_stored(tmp_path, monkeypatch):
    real = parse_process.parse_batch_safely

    def dies_on_poison(nlp, batch, size):
        if any("poison" in article.text for article in batch):
            os._exit(9)  # as the kernel's OOM killer would end it: no exception, no reply
        return real(nlp, batch, size)

    monkeypatch.setattr(parse_process, "parse_batch_safely", dies_on_poison)  # the child is forked with it
    (tmp_path / "good.txt").write_text(f"Titre\n\n{SENTENCE}\n", encoding="utf-8")
    (tmp_path / "poison.txt").write_text("Titre\n\nTelegram a fermé des canaux (poison).\n", encoding="utf-8")
    with open_store(tmp_path / "store") as store:
        with pytest.raises(ExecutorError, match=r"the parsing process stopped \(exit code 9\)"):
            build([tmp_path / "good.txt", tmp_path / "poison.txt"], store, batch_size=1)
    with open_store(tmp_path / "store") as store:
        assert stored_identifiers(store) == {"good"}
    assert not [child for child in multiprocessing.active_children() if child.name == "kg-parse"]


def test_a_consumer_that_stops_early_stops_the_child(nlp):
    many = [Article(f"a{i}", "Titre", SENTENCE) for i in range(200)]
    with parse_process.parsing_process() as parsed:
        assert [child.name for child in multiprocessing.active_children()] == ["kg-parse"]
        stream = parsed(many, 2)
        assert next(stream)[1].id == "a0"
        stream.close()  # what a failed write or Ctrl-C does to the build's loop
    assert not multiprocessing.active_children()


def test_an_error_reading_the_input_comes_after_the_articles_read_before_it(nlp):
    def articles():
        yield from ARTICLES[3:]
        raise OSError("disk gone")

    seen = []
    with parse_process.parsing_process() as parsed, pytest.raises(OSError, match="disk gone"):
        for doc, article, error in parsed(articles(), 1):
            seen.append((article.id, doc is not None, error))
    assert seen == [("two", True, None), ("three", True, None)]
