"""The relation model's features are the ones its weights were trained on: every candidate pair of 41 texts
written for this test (tests/data/features/make_fixture.py, run on the feature code of commit 4e1a321) must give
the same hashed sparse features and the same dense vector (within 1e-6) as stored in the fixture."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import numpy as np
import pytest

from kg.extract.features import N_HASHED, Side, dense_features, pair_features
from kg.extract.relmodel import candidate_pairs, cue_map, featurise

FIXTURE = Path(__file__).parent / "data" / "features" / "pairs.json.gz"
RECORDS = json.loads(gzip.decompress(FIXTURE.read_bytes()))


def _side(raw: list) -> Side:
    return Side(raw[0], raw[1], raw[2], raw[3])


@pytest.mark.parametrize("record", RECORDS, ids=[r["text"][:40] for r in RECORDS])
def test_each_pair_has_the_features_the_model_was_trained_on(nlp, record):
    doc = nlp(record["text"])
    for pair in record["pairs"]:
        head, child = _side(pair["head"]), _side(pair["child"])
        assert pair_features(doc, head, child, cue_map()) == pair["sparse"], (head, child)
        np.testing.assert_allclose(dense_features(doc, head, child), pair["dense"], rtol=0, atol=1e-6)


def test_featurise_gives_the_same_rows_as_the_pairs_one_by_one(nlp):
    """The batch the build and training use, over all pairs of one text's sides at once, in any order."""
    for record in RECORDS:
        doc = nlp(record["text"])
        expected = {(tuple(p["head"]), tuple(p["child"])): p for p in record["pairs"]}
        sides = sorted({_side(s) for key in expected for s in key}, key=lambda s: (-s.start, s.cls, s.ref))
        pairs = [(i, j) for i, j in candidate_pairs(sides) if _key(sides[i], sides[j]) in expected]
        sparse, dense = featurise(doc, sides, pairs, cue_map())
        for (i, j), row, vector in zip(pairs, sparse, dense):
            pair = expected[_key(sides[i], sides[j])]
            assert row == pair["sparse"]
            np.testing.assert_allclose(vector, pair["dense"], rtol=0, atol=1e-6)


def _key(head: Side, child: Side) -> tuple[tuple, tuple]:
    return (head.start, head.end, head.cls, head.ref), (child.start, child.end, child.cls, child.ref)


def test_the_fixture_covers_pronouns_edges_and_pairs_without_a_path():
    pairs = [p for r in RECORDS for p in r["pairs"]]
    assert len(pairs) > 400
    assert any(p["head"][3] for p in pairs) and any(p["child"][3] for p in pairs)
    assert any(p["head"][0] == 0 or p["child"][0] == 0 for p in pairs)
    assert any(zlib.crc32(b"nopath") % N_HASHED in p["sparse"] for p in pairs)
