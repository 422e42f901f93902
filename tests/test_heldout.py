"""The held-out evaluations: articles written to check how far the rules carry, scored by the shared scorer.

tests/data/heldout/ (ten articles), tests/data/heldout2/ (eight, written later by someone who never read
the rules) and tests/data/heldout3/ (ten, reconstructions of real coverage written blind in session 3 and
kept unseen by whoever writes rules) hold French articles and their hand-written gold (gold.toml, in the
format of the shared gold-seeds.toml). The scorer builds them with the installed `kg` CLI, exports the store and
compares each article's named graph with that article's gold facts.
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
# 2026-12-03 with extractor 0.4.0 and the model retrained on 3,372 examples (`kg build` defaults): heldout 0.917,
# heldout2 0.702 and heldout3 0.695 (all three seen: their gold was converted into training paragraphs, so these
# are no longer blind figures); heldout4 0.535 (blind: 0.388 with the rules of 0.3.1), heldout5 0.441 and heldout6
# 0.336 (blind; 0.298 and 0.267 with the rules of 0.3.1). A change that costs more
# is a regression.
FLOORS = {REPO / "tests" / "data" / "heldout": 0.88, REPO / "tests" / "data" / "heldout2": 0.66,
          REPO / "tests" / "data" / "heldout3": 0.63, REPO / "tests" / "data" / "heldout4": 0.46,
          REPO / "tests" / "data" / "heldout5": 0.40, REPO / "tests" / "data" / "heldout6": 0.28}
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
