"""kg.evaluate.calibration: how far the facts' confidences are from their share of right facts, worked out by hand
on small sets and on a hand-made store whose evidence records carry the confidences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import store_from_trig
from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate.calibration import (
    calibration,
    calibration_error,
    confidence_bins,
    least_confidence,
    perfect_model_errors,
)
from kg.evaluate.gold import read_gold
from kg.evaluate.score import evaluate
from kg.store import open_store

ERRORS = [
    ([(0.9, True), (0.9, True), (0.3, False), (0.3, False)], 0.2),  # gaps 0.1 and 0.3, half the facts each
    ([(0.75, True), (0.75, True), (0.75, True), (0.75, False)], 0.0),  # three right in four at 0.75
    ([(0.95, False), (0.55, True)], 0.7),  # gaps 0.95 and 0.45, half the facts each
    ([(1.0, True)], 0.0),  # 1.0 falls in the top bin
    ([], 0.0),
]


@pytest.mark.parametrize("judged, error", ERRORS)
def test_the_error_is_the_weighted_gap_between_confidence_and_share_right(judged, error):
    assert calibration_error(judged) == pytest.approx(error)


def test_bins_hold_the_facts_of_each_tenth_of_confidence():
    bins = confidence_bins([(0.12, False), (0.18, True), (0.81, True), (1.0, True)])
    assert [(b.low, b.facts, b.right) for b in bins] == [(0.1, 2, 1), (0.8, 1, 1), (0.9, 1, 1)]
    assert bins[0].mean_confidence == pytest.approx(0.15) and bins[0].share_right == 0.5


def test_a_perfect_model_shows_an_error_on_a_small_set_and_a_smaller_one_on_a_large_set():
    small, large = perfect_model_errors([0.6] * 80, 400), perfect_model_errors([0.6] * 8000, 400)
    assert small == sorted(small) and perfect_model_errors([0.6] * 80, 400) == small  # seeded: the same each run
    assert sum(small) / len(small) > 0.03 > sum(large) / len(large)


def test_the_perfect_model_band_surrounds_its_mean():
    c = calibration([(0.7, True)] * 30 + [(0.7, False)] * 10, draws=300)
    assert c.facts == 40 and c.error == pytest.approx(0.05)
    assert 0 < c.perfect_mean <= c.perfect_p95


LEAST = [
    # right 1/1, 2/2, 2/3, 3/4, 3/5 from the top: 80 % holds down to 0.8, with two facts
    ([(0.9, True), (0.8, True), (0.7, False), (0.6, True), (0.5, False)], (0.8, 2)),
    # a confidence is taken whole: at 0.7, one of the two facts is wrong (two right in three)
    ([(0.7, True), (0.7, False), (0.9, True)], (0.9, 1)),
    ([(0.5, True), (0.4, True)], (0.4, 2)),  # every fact right: the least confidence of all
    ([(0.9, False)], None),  # even the surest fact is wrong
    ([], None),
]


@pytest.mark.parametrize("judged, found", LEAST)
def test_the_least_confidence_that_keeps_precision_keeps_the_most_facts(judged, found):
    assert least_confidence(judged, 0.8) == found


GOLD = """
[entity.vimeo]
type = "Platform"
aliases = ["Vimeo"]
[entity.hamas]
type = "TerroristGroup"
aliases = ["Hamas"]
[entity.gab]
type = "Platform"
aliases = ["Gab"]

[[fact]]
article = "a1"
s = "vimeo"
p = "suspendsAccountsOf"
o = "hamas"

[[fact]]
article = "a1"
s = "hamas"
p = "uses"
o = "gab"
optional = true
"""

TRIG = """
@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix e: <https://w3id.org/kg-news/entity/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

e:vimeo rdfs:label "Vimeo" . e:hamas rdfs:label "Hamas" . e:gab rdfs:label "Gab" .

<https://w3id.org/kg-news/graph/a1> {
  e:vimeo kg:suspendsAccountsOf e:hamas .            # right, two records: its confidence is the higher, 0.8
  [] a kg:Evidence ; rdf:subject e:vimeo ; rdf:predicate kg:suspendsAccountsOf ; rdf:object e:hamas ;
     kg:confidence 0.45 .
  [] a kg:Evidence ; rdf:subject e:vimeo ; rdf:predicate kg:suspendsAccountsOf ; rdf:object e:hamas ;
     kg:confidence 0.8 ; kg:cue "supprimer" .
  e:hamas kg:threatens e:vimeo .                     # wrong, at 0.85
  [] a kg:Evidence ; rdf:subject e:hamas ; rdf:predicate kg:threatens ; rdf:object e:vimeo ; kg:confidence 0.85 .
  e:hamas kg:uses e:gab .                            # optional: left out
  [] a kg:Evidence ; rdf:subject e:hamas ; rdf:predicate kg:uses ; rdf:object e:gab ; kg:confidence 0.3 .
  e:gab kg:hacks e:vimeo .                           # wrong, but no evidence record: left out
}
"""


@pytest.fixture
def scored(tmp_path) -> tuple[Path, Path]:
    gold, store = tmp_path / "gold.toml", tmp_path / "store"
    gold.write_text(GOLD, encoding="utf-8")
    return gold, store_from_trig(store, TRIG)


def test_each_scored_fact_counts_once_with_its_highest_confidence(scored):
    gold, store = scored
    with open_store(store, read_only=True) as opened:
        c = evaluate(read_gold(gold), opened.quads()).calibration
    assert [(b.low, b.facts, b.mean_confidence, b.right) for b in c.bins] == [(0.8, 2, pytest.approx(0.825), 1)]
    assert c.facts == 2 and c.error == pytest.approx(0.325)


def test_the_command_prints_the_bins_and_the_error_and_writes_them_to_json(scored, tmp_path):
    gold, store = scored
    (tmp_path / "none").mkdir()
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "none"), "--gold", str(gold), "--store", str(store),
                                      "--json", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("confidence (article-level facts, right or wrong)")
    assert lines[start + 2] == "0.8-0.9       2  0.82  0.50"
    assert lines[start + 3].startswith("calibration error (ECE) 0.325 over 2 facts; a perfectly calibrated model: ")
    assert lines[start + 4] == "right 80% of the time: no confidence"  # the surer fact (0.85) is the wrong one
    report = json.loads((tmp_path / "out.json").read_text())["calibration"]
    assert report["facts"] == 2 and report["error"] == pytest.approx(0.325) and report["precise_from"] is None
    assert report["bins"] == [{"low": 0.8, "facts": 2, "mean_confidence": pytest.approx(0.825), "right": 1}]
