"""Article identity: an article's IRI is a digest of its text, so files are neither lost nor stored twice.

Same name in two folders -> two articles; a renamed file -> the same article with its new name; the same text
twice -> one article with both sources; an IRI never names another text; --prune and incremental builds work.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import vocab
from kg.pipeline.build import build
from kg.store import open_store

SEEDS = Path(__file__).parent / "data" / "ingest"


@pytest.fixture
def store(tmp_path, nlp):  # nlp: the pipeline is loaded once per session, build() reuses it
    opened = open_store(tmp_path / "store")
    yield opened
    opened.close()


def copy(name: str, to: Path) -> Path:
    to.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SEEDS / name, to))


def articles(store) -> dict[str, tuple[set[str], set[str]]]:
    """Article graph IRI -> (its identifiers, its sources)."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    query = f"""SELECT ?g ?p ?v WHERE {{ GRAPH ?g {{ ?a a <{vocab.KG.Article}> ; ?p ?v
                FILTER(?p IN (<{vocab.DCTERMS.identifier}>, <{vocab.KG.source}>)) }} }}"""
    for row in store.query(query):
        identifiers, sources = found.setdefault(row["g"].value, (set(), set()))
        (identifiers if row["p"].value == str(vocab.DCTERMS.identifier) else sources).add(row["v"].value)
    return found


def canonical(values) -> list:
    return sorted((sorted(identifiers), sorted(sources)) for identifiers, sources in values)


def titles(store) -> dict[str, str]:
    rows = store.query(f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ ?a <{vocab.DCTERMS.title}> ?t }} }}")
    return {row["g"].value: row["t"].value for row in rows}


def test_files_with_one_name_in_two_folders_are_two_articles_with_that_identifier(tmp_path, store):
    first = copy("rtl_excerpt.txt", tmp_path / "corpus" / "2016" / "article.txt")
    second = copy("lci_excerpt.txt", tmp_path / "corpus" / "2017" / "article.txt")
    report = build([tmp_path / "corpus"], store)
    assert (report.stored, report.skipped) == (2, [])
    assert canonical(articles(store).values()) == canonical([({"article"}, {str(first)}), ({"article"}, {str(second)})])
    again = build([tmp_path / "corpus"], store)
    assert (again.stored, again.unchanged) == (0, 2)


def test_a_renamed_file_is_the_same_article_under_its_new_name_and_its_old_name_can_hold_another(tmp_path, store):
    old = copy("rtl_excerpt.txt", tmp_path / "corpus" / "old.txt")
    build([tmp_path / "corpus"], store)
    (graph,) = articles(store)
    new = old.rename(old.with_name("new.txt"))
    renamed = build([tmp_path / "corpus"], store)
    assert (renamed.stored, renamed.unchanged) == (0, 1)  # not parsed again
    assert articles(store) == {graph: ({"new"}, {str(new)})}
    copy("lci_excerpt.txt", old)  # another text under the old name: another article, the first one untouched
    report = build([tmp_path / "corpus"], store)
    assert report.stored == 1 and report.replaced == 0
    stored = articles(store)
    assert stored[graph] == ({"new"}, {str(new)})
    assert canonical(stored.values()) == canonical([({"new"}, {str(new)}), ({"old"}, {str(old)})])


def test_the_same_text_twice_is_one_article_with_both_sources_until_one_goes(tmp_path, store):
    first = copy("rtl_excerpt.txt", tmp_path / "corpus" / "a.txt")
    second = copy("rtl_excerpt.txt", tmp_path / "corpus" / "copies" / "b.txt")
    report = build([tmp_path / "corpus"], store)
    assert (report.stored, report.duplicates) == (1, 1)
    (graph,) = articles(store)
    assert articles(store) == {graph: ({"a", "b"}, {str(first), str(second)})}
    again = build([tmp_path / "corpus"], store)
    assert (again.stored, again.unchanged, again.duplicates) == (0, 1, 1)
    second.unlink()
    build([tmp_path / "corpus"], store)
    assert articles(store) == {graph: ({"a"}, {str(first)})}


def test_a_second_copy_built_later_adds_a_source_without_parsing(tmp_path, store):
    first = copy("rtl_excerpt.txt", tmp_path / "one" / "a.txt")
    build([first], store)
    second = copy("rtl_excerpt.txt", tmp_path / "two" / "b.txt")
    report = build([second], store)  # an incremental build of the new file only
    assert (report.stored, report.unchanged) == (0, 1)
    assert list(articles(store).values()) == [({"a", "b"}, {str(first), str(second)})]


def test_a_file_edited_in_place_replaces_its_old_text_whose_iri_is_not_reused(tmp_path, store):
    path = copy("rtl_excerpt.txt", tmp_path / "corpus" / "a.txt")
    build([tmp_path / "corpus"], store)
    (old_graph,) = articles(store)
    old_title = titles(store)[old_graph]
    shutil.copy(SEEDS / "lci_excerpt.txt", path)
    report = build([tmp_path / "corpus"], store)
    assert (report.stored, report.replaced) == (1, 1)
    (new_graph,) = articles(store)
    assert new_graph != old_graph and titles(store)[new_graph] != old_title
    shutil.copy(SEEDS / "rtl_excerpt.txt", path)  # back to the first text: its first IRI again, for that text
    build([tmp_path / "corpus"], store)
    assert set(articles(store)) == {old_graph} and titles(store)[old_graph] == old_title


def test_prune_drops_articles_and_sources_no_longer_given(tmp_path, store):
    kept = copy("rtl_excerpt.txt", tmp_path / "corpus" / "a.txt")
    copy("rtl_excerpt.txt", tmp_path / "elsewhere" / "b.txt")
    copy("lci_excerpt.txt", tmp_path / "corpus" / "c.txt")
    build([tmp_path / "corpus", tmp_path / "elsewhere"], store)
    (tmp_path / "corpus" / "c.txt").unlink()
    report = build([tmp_path / "corpus"], store, prune=True)  # b.txt still exists, but is not an input any more
    assert report.pruned == 1
    assert list(articles(store).values()) == [({"a"}, {str(kept)})]


def test_a_graph_named_by_file_stem_by_an_earlier_kg_is_replaced_when_its_file_is_built_again(tmp_path, store):
    path = copy("rtl_excerpt.txt", tmp_path / "corpus" / "rtl.txt")
    build([path], store)
    (graph,) = articles(store)
    legacy = str(vocab.graph_iri("rtl"))
    quads = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads() if q.graph_name.value == graph)
    store.remove_graph(graph)
    # as kg 0.4 stored it
    store.replace_graph(legacy, quads.replace(f"<{vocab.KG.source}>", f"<{vocab.DEFAULT_BASE}ontology#note>"))
    report = build([path], store)
    assert (report.stored, report.replaced) == (1, 1)
    assert set(articles(store)) == {graph}
