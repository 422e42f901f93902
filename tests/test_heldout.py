"""The held-out evaluations: articles written to check how far the rules carry, scored by the shared scorer.

tests/data/heldout/ (ten articles), tests/data/heldout2/ (eight, written later by someone who never read
the rules), tests/data/heldout3/ … heldout15/ (ten or twelve each, reconstructions of real coverage written blind
by helpers who never saw the rules, the training data or the model) and tests/data/practice1/, practice2/ (twelve
each, written the same way but read by the developers to learn what is missed; practice3/, fourteen, on counted
account events) hold French articles and their
hand-written gold (gold.toml, in the format of the shared gold-seeds.toml). The scorer builds them with the
installed `kg` CLI, exports the store and compares each article's named graph with that article's gold facts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kg.ingest.read import SUFFIXES, read_articles
from kg.model import Article, Skipped

REPO = Path(__file__).resolve().parents[1]
# The article-level fact F1 that extraction must keep on each set, less a margin for small changes. Measured on
# 2026-12-04 with extractor 0.4.5 (`kg build` defaults, the model of 0.4.1, the calibration of 0.4.3; 0.4.6 stores the
# same facts, with recalibrated confidences): heldout 0.913,
# heldout2 0.670 and heldout3 0.743 (seen: their gold was converted into training paragraphs); practice1 0.457 and
# practice2 0.452 (seen: read to learn from); heldout4 0.594, heldout5 0.512 and heldout6 0.468 (blind, but their
# aggregate scores chose among configurations); heldout7 0.454, heldout8 0.493, heldout9 0.476, heldout10 0.397 and
# heldout11 0.406 (blind, their aggregate scores consulted since 0.4.4; 0.450, 0.502, 0.454, 0.379 and 0.407 with
# extractor 0.4.4); heldout12 0.320 (blind, written during 0.4.5's work and scored once, at the end; 0.288 with
# extractor 0.4.4); heldout13 0.380 (blind, written after 0.4.5 was released and scored with it
# once); heldout14 0.463 (blind, written after 0.4.7's changes with sparse gold in the manner of the development set,
# scored once with 0.4.7 and once with 0.4.6: the same figure); heldout15 0.282 (blind, written during 0.4.8's work,
# its content never seen, scored once with 0.4.8's code and once with 0.4.7's: the same figure; 0.295 with 0.4.9 and
# 0.4.10, 0.297 with 0.4.11, 0.301 with 0.4.12, 0.4.13 and 0.4.14); practice3 0.442 (seen, written during 0.4.12's work
# on counted account events and scored with 0.4.11's rules before it was read). A change that costs more is a
# regression.
FLOORS = {REPO / "tests" / "data" / name: floor for name, floor in {
    "heldout": 0.88, "heldout2": 0.63, "heldout3": 0.70, "heldout4": 0.55, "heldout5": 0.47, "heldout6": 0.42,
    "heldout7": 0.41, "heldout8": 0.45, "heldout9": 0.43, "heldout10": 0.35, "heldout11": 0.36, "practice1": 0.41,
    "practice2": 0.40, "practice3": 0.40, "heldout12": 0.28, "heldout13": 0.34, "heldout14": 0.42,
    "heldout15": 0.24}.items()}
SCORER = REPO.parent / "shared" / "eval" / "score.py"
KG = Path(sys.executable).parent / "kg"


SETS = pytest.mark.parametrize("heldout", sorted(FLOORS), ids=lambda path: path.name)


def gold_article_ids(heldout: Path) -> set[str]:
    data = tomllib.loads((heldout / "gold.toml").read_text(encoding="utf-8"))
    return {item["article"] for section in ("fact", "quantity") for item in data.get(section, [])}


def heldout_articles(heldout: Path) -> list[Article | Skipped]:
    return list(read_articles([heldout]))


@SETS
def test_gold_is_not_an_article_file(heldout):
    # A gold file read as an article would be scored as one (and the scorer would read its own answers).
    assert (heldout / "gold.toml").suffix not in SUFFIXES
    assert not list(heldout.glob("gold*.txt"))


@SETS
def test_the_build_reads_every_article_and_ignores_the_gold_file(heldout):
    items = heldout_articles(heldout)
    skipped = [f"{item.source}: {item.reason}" for item in items if isinstance(item, Skipped)]
    assert skipped == [], "kg build must ignore gold.toml and read every held-out article"
    assert {item.source for item in items} == {str(path) for path in heldout.iterdir() if path.suffix in SUFFIXES}


@SETS
def test_every_gold_article_has_a_file_and_every_file_has_gold(heldout):
    # The scorer silently ignores gold facts of an article that has no file: check both ways here.
    built = {item.name for item in heldout_articles(heldout) if isinstance(item, Article)}
    assert gold_article_ids(heldout) == built


@pytest.mark.slow
@SETS
def test_heldout_article_f1_reaches_the_floor(tmp_path, heldout):
    assert SCORER.is_file(), f"the shared scorer is missing: {SCORER}"
    assert KG.is_file(), f"the kg command is not installed next to {sys.executable}"
    report_file = tmp_path / "score.json"
    command = [sys.executable, str(SCORER), "--gold", str(heldout / "gold.toml"), "--build", str(heldout),
               "--kg", str(KG), "--json", str(report_file)]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    report = json.loads(report_file.read_text())
    assert report["articles"] == len(gold_article_ids(heldout))
    assert report["articles_with_graph"] == report["articles"], proc.stdout
    assert report["article_facts"]["f1"] >= FLOORS[heldout], proc.stdout
