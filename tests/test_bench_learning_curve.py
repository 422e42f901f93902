"""bench/learning_curve.py: models trained on growing shares of the passages, each scored on annotated sets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.train.corpus import read_examples
from tests.test_train_cli import SMALL, record

SHARED = Path(__file__).resolve().parents[2] / "shared"

def test_the_shares_are_nested_prefixes_and_the_extra_row_holds_every_passage_and_the_extra(bench_script):
    curve = bench_script("learning_curve")
    passages, extra = list(range(40)), [100, 101]
    rows = curve.shares(passages, [25, 50, 100], extra)
    assert [name for name, _ in rows] == ["25 %", "50 %", "100 %", "100 % + 2"]
    assert [chosen for _, chosen in rows] == [passages[:10], passages[:20], passages, passages + extra]
    assert [name for name, _ in curve.shares(passages, [50], [])] == ["50 %"]


def test_the_table_sums_each_rows_f1_and_pools_its_right_and_wrong_facts(bench_script):
    curve = bench_script("learning_curve")
    sets = [Path("a"), Path("b")]
    rows = [{"model": "50 %", "examples": 8, "sets": {"a": {"f1": 0.5, "tp": 3, "fp": 1, "fn": 5},
                                                      "b": {"f1": 0.25, "tp": 1, "fp": 2, "fn": 4}}}]
    lines = curve.table(rows, sets)
    assert lines[0] == "| model | examples | a | b | sum F1 | right / wrong |"
    assert lines[2] == "| 50 % | 8 | 0.500 | 0.250 | 0.750 | 4 / 3 |"


@pytest.mark.slow
def test_a_trained_row_scores_a_set_as_kg_evaluate_scores_it_with_that_model(bench_script, tmp_path):
    curve = bench_script("learning_curve")
    data = tmp_path / "passages.jsonl"
    data.write_text("".join(json.dumps(record(*row), ensure_ascii=False) + "\n" for row in SMALL), encoding="utf-8")
    folder = tmp_path / "model"
    row = curve.trained("tiny", read_examples([data]), folder)
    assert row["model"] == "tiny" and row["examples"] == len(SMALL) and row["pairs"] >= len(SMALL)
    assert (folder / "relations.npz").is_file() and (folder / "calibration.json").is_file()
    corpus = tmp_path / "seeds"
    shutil.copytree(SHARED / "corpus" / "seeds", corpus)
    shutil.copy(SHARED / "eval" / "gold-seeds.toml", corpus / "gold.toml")
    figures = curve.scored(folder, corpus)
    report = tmp_path / "scores.json"
    result = CliRunner().invoke(app, ["evaluate", str(corpus), "--gold", str(corpus / "gold.toml"),
                                      "--model", str(folder), "--json", str(report)])
    assert result.exit_code in (0, 1), result.output
    expected = json.loads(report.read_text(encoding="utf-8"))["article_facts"]
    assert figures == {"f1": round(expected["f1"], 3), "tp": expected["tp"], "fp": expected["fp"],
                       "fn": expected["fn"]}
    assert figures["tp"] > 0
