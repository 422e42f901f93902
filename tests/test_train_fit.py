"""What the trainer makes of an example's pairs: every candidate pair is a row labelled with what the example says
of it, and a pair that holds two relations is two rows (sentences written for these tests)."""

from __future__ import annotations

from collections import Counter

from kg.extract.relmodel import LABELS, NONE
from kg.train.corpus import parse_example
from kg.train.fit import pair_data

TEXT = "Pavel Durov, qui a fondé Telegram en 2013, dirige toujours la messagerie depuis Dubaï."


def _example(relations: list[str]):
    person = {"start": 0, "end": 11, "label": "Person"}
    platform = {"start": 25, "end": 33, "label": "Platform"}
    place = {"start": 80, "end": 85, "label": "Place"}
    return parse_example({"text": TEXT, "spans": [person, platform, place],
                          "relations": [{"head_span": person, "child_span": platform, "label": label}
                                        for label in relations]}, "test")


def _labels(data) -> Counter:
    return Counter(LABELS[k] for k in data.labels)


def test_a_pair_that_holds_two_relations_is_one_row_per_relation(nlp):
    labels = _labels(pair_data([_example(["founderOf", "leaderOf"])], nlp))
    assert labels["founderOf"] == 1 and labels["leaderOf"] == 1


def test_the_other_pairs_are_negatives_once_each(nlp):
    one, two = (pair_data([_example(rels)], nlp) for rels in (["founderOf"], ["founderOf", "leaderOf"]))
    assert len(two.labels) == len(one.labels) + 1
    assert _labels(two)[NONE] == _labels(one)[NONE] > 0
