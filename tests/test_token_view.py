"""The per-document token lists the extractor reads instead of spaCy's Token properties give what those properties
give: children, sentence starts, span roots and heads, the joined text, the modality climb."""

from __future__ import annotations

import pytest

from kg.extract.context import token_chain_up
from kg.extract.cues import _chain_up
from kg.extract.features import token_view
from kg.extract.text import document_text, folded_lemmas, token_texts

TEXTS = [
    "Le groupe jihadiste Al-Shabaab a menacé Instagram.\n\nSelon Le Monde, la messagerie, qui aurait supprimé "
    "12 000 comptes liés à l'État islamique, coopère avec Europol depuis 2019 ; Pavel Durov ne l'a pas confirmé.",
    "« Nous ne céderons pas », a déclaré mardi le patron de Twitter, Jack Dorsey.  Si Facebook ferme les pages, "
    "les militants iront ailleurs.\nYouTube ferme plus de 2 300 chaînes",
]


@pytest.fixture(scope="module", params=TEXTS, ids=["long-sentence", "quotes-and-breaks"])
def doc(nlp, request):
    return nlp(request.param)


def test_children_and_sentence_starts_are_spacys(doc):
    view = token_view(doc)
    assert [view.children(t.i) for t in doc] == [[c.i for c in t.children] for t in doc]
    assert [view.sentence_start(doc, t.i) for t in doc] == [t.sent.start for t in doc]


def test_roots_heads_and_chains_are_spacys(doc):
    view = token_view(doc)
    for sent in doc.sents:
        span = doc[sent.start:min(sent.end, sent.start + 3)]
        assert view.root(doc, span) == span.root.i
    assert view.heads == [t.head.i for t in doc]
    assert [view.chain(t.i)[0][1:] for t in doc] == [[a.i for a in t.ancestors] for t in doc]
    assert [_chain_up(view, t.i) for t in doc] == [[u.i for u in token_chain_up(t)] for t in doc]


def test_the_text_and_lemmas_read_in_one_pass_are_the_documents(doc):
    assert document_text(doc) == doc.text
    assert token_texts(doc) == [t.text for t in doc]
    assert len(folded_lemmas(doc)) == len(doc)
