"""kg.query.confidence and `--min-confidence`: only facts at or above a confidence, the store left untouched."""

from __future__ import annotations

import pytest

from kg import vocab
from kg.errors import UsageError
from kg.model import Article, Entity, Evidence, Extraction, Fact
from kg.query.confidence import above_confidence
from kg.query.run import run_query
from kg.rdf.mapping import to_ntriples
from kg.store import open_store

SENTENCE = "Daesh menace Twitter, qui a supprimé ses comptes."


def extraction() -> Extraction:
    evidence = Evidence(SENTENCE, 0, len(SENTENCE))
    entities = {"daesh": Entity("daesh", "État islamique", "TerroristGroup"), "twitter": Entity("twitter", "Twitter",
                                                                                                 "Platform")}
    facts = [Fact("daesh", "threatens", "twitter", evidence, confidence=0.92, cue="model"),
             Fact("twitter", "suspendsAccountsOf", "daesh", evidence, confidence=0.55, cue="model")]
    return Extraction(article=Article(id="a1", title="t", text=SENTENCE, content_hash="h"), entities=entities,
                      facts=facts, extractor="test")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store") as opened:
        opened.replace_graph(str(vocab.graph_iri("a1")), to_ntriples(extraction()))
        yield opened


def relations(store) -> set[str]:
    rows = store.query("SELECT ?p WHERE {{ ?s ?p ?o . FILTER(STRSTARTS(STR(?s), STR(<{}>))) "
                       "FILTER(STRSTARTS(STR(?o), STR(<{}>))) }}".format(vocab.ENTITY[""], vocab.ENTITY[""]))
    return {row["p"].value.rsplit("#", 1)[-1] for row in rows}


@pytest.mark.parametrize("minimum, kept", [(0.0, {"threatens", "suspendsAccountsOf"}), (0.55, {"threatens",
                                           "suspendsAccountsOf"}), (0.6, {"threatens"}), (0.95, set())])
def test_facts_below_the_minimum_are_left_out_with_their_evidence(store, minimum, kept):
    view = above_confidence(store, minimum)
    assert relations(view) == kept
    evidence = list(view.query(f"SELECT ?e WHERE {{ ?e a <{vocab.KG.Evidence}> }}"))
    assert len(evidence) == len(kept)
    assert relations(store) == {"threatens", "suspendsAccountsOf"}  # the store itself is untouched


def test_a_named_query_sees_only_the_surer_facts(store):
    assert len(list(run_query(store, "threats"))) == 1
    assert len(list(run_query(above_confidence(store, 0.95), "threats"))) == 0


@pytest.mark.parametrize("minimum", [-0.1, 1.01])
def test_a_minimum_outside_zero_to_one_is_a_usage_error(store, minimum):
    with pytest.raises(UsageError, match="--min-confidence"):
        above_confidence(store, minimum)
