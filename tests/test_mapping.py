"""kg.rdf.mapping: an extraction's named graph, compared by isomorphism with golden graphs in Turtle."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg import vocab
from kg.extract import EXTRACTOR_VERSION
from kg.model import Article, CountedEvent, Entity, Evidence, Extraction, Fact
from kg.rdf.mapping import to_graph, to_ntriples

GOLDEN = Path(__file__).parent / "data" / "mapping"
THREAT = Evidence("L'État islamique menace Mark Zuckerberg", 0, 39)
SUSPENSION = Evidence("Twitter aurait supprimé 125 000 comptes de Daesh.", 41, 90)


def full_extraction() -> Extraction:
    article = Article(
        id="a1", title="L'État islamique menace Mark Zuckerberg", text=f"{THREAT.sentence}\n\n{SUSPENSION.sentence}",
        url="http://www.rtl.fr/actu/a1", date="2016-02-27T20:33:35",
        content_hash="5f2b51ca2fdc5baf2a4bd8a2ac6dc4e9dd9b4a3b3d2fa5c3e0e0e0e0e0e0e0e0",
    )
    entities = {
        "daesh": Entity("daesh", "État islamique", "TerroristGroup", frozenset({"Daesh", "l'État islamique"}),
                        "Q2429253", frozenset({"État islamique", "Daesh", "Daech", "ISIS", "Islamic State"}),
                        "Islamic State"),
        "mark-zuckerberg": Entity("mark-zuckerberg", "Mark Zuckerberg", "Person", frozenset({"Zuckerberg"})),
        "twitter": Entity("twitter", "Twitter", "Platform", frozenset({"Twitter"}), "Q918"),
    }
    facts = [
        Fact("daesh", "threatens", "mark-zuckerberg", THREAT, 0.85, "menacer"),
        # the same fact found again with less confidence: one evidence record per fact, the best one
        Fact("daesh", "threatens", "mark-zuckerberg", SUSPENSION, 0.5, "viser"),
        Fact("twitter", "suspendsAccountsOf", "daesh", SUSPENSION, 0.7, "supprimer", alleged=True),
    ]
    events = [CountedEvent("AccountSuspension", "twitter", "daesh", 125000, SUSPENSION, 0.8)]
    return Extraction(article=article, entities=entities, facts=facts, events=events, extractor=EXTRACTOR_VERSION)


def minimal_extraction() -> Extraction:
    title = 'Un titre "cité" avec { accolades }'
    article = Article(id="b2", title=title, text=title, date="2017-10-20", content_hash="00")
    return Extraction(article=article, extractor=EXTRACTOR_VERSION)


def golden(name: str) -> Graph:
    text = (GOLDEN / f"{name}.ttl").read_text(encoding="utf-8").replace("@EXTRACTOR_VERSION@", EXTRACTOR_VERSION)
    return Graph().parse(data=text, format="turtle")


def assert_isomorphic(actual: Graph, expected: Graph) -> None:
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        raise AssertionError(
            f"only in actual:\n{only_actual.serialize(format='nt')}\n"
            f"only in golden:\n{only_expected.serialize(format='nt')}")


def test_full_extraction_maps_to_the_golden_graph():
    assert_isomorphic(to_graph(full_extraction()), golden("full"))


def test_article_without_url_date_or_facts_maps_to_the_golden_graph():
    assert_isomorphic(to_graph(minimal_extraction()), golden("minimal"))


def oxigraph_reading(text: str) -> Graph:
    """The triples Oxigraph parses from N-Triples, handed to rdflib through Oxigraph's own serialiser."""
    triples = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


def test_oxigraph_reads_the_ntriples_as_the_golden_graph():
    for extraction, name in ((full_extraction(), "full"), (minimal_extraction(), "minimal")):
        assert_isomorphic(oxigraph_reading(to_ntriples(extraction)), golden(name))


@given(st.text())
def test_any_title_survives_the_ntriples_unchanged_for_rdflib_and_oxigraph(title):
    extraction = Extraction(article=Article(id="b3", title=title, text=title or "x", content_hash="01"))
    text = to_ntriples(extraction)
    for graph in (Graph().parse(data=text, format="nt"), oxigraph_reading(text)):
        assert str(graph.value(vocab.article_iri("b3"), vocab.DCTERMS.title)) == title


def test_line_separators_inside_literals_stay_inside_their_triple():
    title = "Telegram\u2028suspend\x0cdes\x85comptes\r\n\\n"
    text = to_ntriples(Extraction(article=Article(id="b3", title=title, text=title, content_hash="01")))
    assert str(oxigraph_reading(text).value(vocab.article_iri("b3"), vocab.DCTERMS.title)) == title


def test_a_lone_surrogate_becomes_a_replacement_character_not_a_broken_graph():
    title = "Daech\ud800 menace"
    text = to_ntriples(Extraction(article=Article(id="b4", title=title, text=title, content_hash="02")))
    assert str(oxigraph_reading(text).value(vocab.article_iri("b4"), vocab.DCTERMS.title)) == "Daech\ufffd menace"


def test_no_blank_nodes():
    graph = to_graph(full_extraction())
    assert not [term for triple in graph for term in triple if isinstance(term, BNode)]


def test_an_unusable_url_is_left_out_rather_than_breaking_the_graph():
    extraction = minimal_extraction()
    extraction.article = Article(**{**extraction.article.__dict__, "url": "http://exa mple.org/<x>"})
    assert_isomorphic(to_graph(extraction), golden("minimal"))


@given(st.permutations(full_extraction().facts), st.permutations(sorted(full_extraction().entities)))
def test_same_extraction_in_any_order_gives_the_same_ntriples(facts, keys):
    reference = to_ntriples(full_extraction())
    shuffled = full_extraction()
    shuffled.facts = list(facts)
    shuffled.entities = {key: shuffled.entities[key] for key in keys}
    assert to_ntriples(shuffled) == reference


@given(st.floats(min_value=-1.0, max_value=2.0, allow_nan=False))
def test_confidence_is_a_decimal_in_the_unit_interval(confidence):
    extraction = full_extraction()
    extraction.facts = [Fact("daesh", "threatens", "mark-zuckerberg", THREAT, confidence)]
    extraction.events = []
    (literal,) = to_graph(extraction).objects(None, vocab.KG.confidence)
    assert literal.datatype == vocab.XSD.decimal
    assert 0 <= literal.toPython() <= 1
    assert abs(float(literal.toPython()) - min(max(confidence, 0), 1)) <= 0.0005
