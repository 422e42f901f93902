"""kg.query.stats: counts of what a real store holds, through the SPARQL queries in queries/stats/."""

from __future__ import annotations

import pytest

from kg import vocab
from kg.model import Article, CountedEvent, Entity, Evidence, Extraction, Fact
from kg.query.stats import stats
from kg.rdf.mapping import to_ntriples
from kg.store import open_store


def extraction(article_id: str, accounts: int) -> Extraction:
    evidence = Evidence("Twitter a supprimé des comptes de Daesh qui menace Twitter.", 0, 58)
    entities = {
        "daesh": Entity("daesh", "État islamique", "TerroristGroup", frozenset({"Daesh"}), "Q2429253"),
        "twitter": Entity("twitter", "Twitter", "Platform"),
        f"porte-parole-{article_id}": Entity(f"porte-parole-{article_id}", "un porte-parole", "Person"),
    }
    facts = [Fact("daesh", "threatens", "twitter", evidence), Fact("twitter", "suspendsAccountsOf", "daesh", evidence),
             Fact(f"porte-parole-{article_id}", "memberOf", "twitter", evidence)]
    events = [CountedEvent("AccountSuspension", "twitter", "daesh", accounts, evidence)]
    article = Article(id=article_id, title="Twitter contre Daesh", text=evidence.sentence, content_hash=article_id)
    return Extraction(article=article, entities=entities, facts=facts, events=events)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "store")
    for article_id, accounts in (("a1", 125000), ("a2", 10000)):
        opened.replace_graph(str(vocab.graph_iri(article_id)), to_ntriples(extraction(article_id, accounts)))
    yield opened
    opened.close()


def test_stats_count_articles_distinct_entities_facts_and_events(store):
    figures = stats(store)
    assert figures.articles == 2
    assert figures.entities == {"Person": 2, "Platform": 1, "TerroristGroup": 1}
    assert figures.facts == {"memberOf": 2, "suspendsAccountsOf": 2, "threatens": 2}
    assert figures.total_facts == 6
    assert figures.events == {"AccountSuspension": 2}
    assert figures.accounts == {"AccountSuspension": 135000}


def test_an_empty_store_has_nothing(tmp_path):
    empty = open_store(tmp_path / "empty")
    try:
        figures = stats(empty)
    finally:
        empty.close()
    assert (figures.articles, figures.entities, figures.facts, figures.events) == (0, {}, {}, {})
