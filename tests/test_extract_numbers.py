"""The count before a counted noun, as a table: folded words in, the number the press means out."""

from __future__ import annotations

import pytest

from kg.extract.lexicon import load_lexicon
from kg.extract.numbers import count_before

# (the words before and including the counted noun, as folded words; the count, or None)
NUMBERS = [
    ("125 000 comptes", 125_000),
    ("125.000 comptes", 125_000),
    ("3000 comptes", 3000),
    ("1,2 million de comptes", 1_200_000),
    ("2,5 millions de comptes", 2_500_000),
    ("plus de un million de comptes", 1_000_000),
    ("deux millions de comptes", 2_000_000),
    ("un milliard de comptes", 1_000_000_000),
    ("mille comptes", 1000),
    ("cinq mille comptes", 5000),
    ("deux cents comptes", 200),
    ("deux cent cinquante mille comptes", 250_000),
    ("quatre-vingt-dix comptes", 90),
    ("vingt et un comptes", 21),
    ("soixante-dix-huit comptes", 78),
    ("une soixantaine de comptes", 60),
    ("un millier de comptes", 1000),
    ("une centaine de comptes", 100),
    ("un compte", None),
    ("de comptes", None),
    ("le compte", None),
    ("des milliers de comptes", None),
    ("plusieurs centaines de comptes", None),
    ("des millions de comptes", None),
    ("et comptes", None),
]


@pytest.mark.parametrize(("words", "count"), NUMBERS, ids=[w for w, _ in NUMBERS])
def test_count_before_the_noun(words, count):
    tokens = words.split()
    assert count_before(tokens, tokens, len(tokens) - 1, 0, load_lexicon().numbers) == count


def test_a_count_does_not_reach_before_the_sentence():
    tokens = "mille . comptes".split()
    assert count_before(tokens, tokens, 2, 2, load_lexicon().numbers) is None
