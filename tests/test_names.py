"""kg.pipeline.names: one display name per entity over the whole store, in the derived names graph."""

from __future__ import annotations

import pytest

from kg import vocab
from kg.pipeline.names import display_names_outdated, mark_display_names_outdated, refresh_display_names
from kg.store import open_store

E = str(vocab.ENTITY)
LABEL, PREF = f"<{vocab.RDFS.label}>", f"<{vocab.SKOS.prefLabel}>"
# graph -> N-Triples: daesh has a prefLabel in a1 only; twitter two labels that differ in case
ARTICLES = {
    "a1": f'<{E}daesh> {PREF} "État islamique" .\n<{E}daesh> {LABEL} "Daech" .\n<{E}twitter> {LABEL} "twitter" .\n',
    "a2": f'<{E}daesh> {LABEL} "EI" .\n<{E}daesh> {LABEL} "Daech" .\n<{E}twitter> {LABEL} "Twitter" .\n'
          f'<{E}nasa> {LABEL} "NASA"@fr .\n',
}


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "store")
    for article, ntriples in ARTICLES.items():
        opened.replace_graph(str(vocab.graph_iri(article)), ntriples, new=True)
    yield opened
    opened.close()


def names(store) -> dict[str, str]:
    rows = store.query(
        f"SELECT ?e ?name WHERE {{ GRAPH <{vocab.NAMES_GRAPH}> {{ ?e <{vocab.KG.displayName}> ?name }} }}")
    return {row["e"].value.removeprefix(E): row["name"].value for row in rows}


def test_a_preferred_label_wins_else_the_smallest_label_and_each_entity_has_one_name(store):
    refresh_display_names(store)
    assert names(store) == {"daesh": "État islamique", "twitter": "Twitter", "nasa": "NASA"}


def test_refreshing_after_a_graph_is_removed_forgets_what_only_that_graph_said(store):
    refresh_display_names(store)
    store.remove_graph(str(vocab.graph_iri("a1")))
    refresh_display_names(store)
    assert names(store) == {"daesh": "Daech", "twitter": "Twitter", "nasa": "NASA"}
    store.remove_graph(str(vocab.graph_iri("a2")))
    refresh_display_names(store)
    assert names(store) == {}


def test_names_are_outdated_without_a_names_graph_or_after_a_mark_until_the_next_refresh(store, tmp_path):
    assert display_names_outdated(store)  # labels, no names graph: a store built by an earlier kg
    refresh_display_names(store)
    assert not display_names_outdated(store)
    mark_display_names_outdated(store)  # what a build does before its first write
    assert display_names_outdated(store) and names(store)["daesh"] == "État islamique"
    refresh_display_names(store)
    assert not display_names_outdated(store)
    empty = open_store(tmp_path / "empty")
    assert not display_names_outdated(empty)
    empty.close()
