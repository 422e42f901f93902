"""bench/ece.py: the calibration error of stored facts and the error a perfectly calibrated model would show."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_the_error_is_the_weighted_gap_between_confidence_and_share_right(bench_script):
    ece = bench_script("ece").calibration_error
    assert ece([0.9, 0.9, 0.3, 0.3], [True, True, False, False]) == pytest.approx(0.2)  # gaps 0.1 and 0.3
    assert ece([0.75, 0.75, 0.75, 0.75], [True, True, True, False]) == pytest.approx(0.0)


def test_a_perfect_model_shows_an_error_on_a_small_set_and_a_smaller_one_on_a_large_set(bench_script):
    errors = bench_script("ece").perfect_model_errors
    small, large = errors([0.6] * 80, 400), errors([0.6] * 8000, 400)
    assert small == sorted(small) and errors([0.6] * 80, 400) == small  # seeded: the same draws every run
    assert sum(small) / len(small) > 0.03 > sum(large) / len(large)


def test_the_script_reports_each_file_and_the_pool(tmp_path):
    rows = [["a", "ok", 0.9, "model", "uses", "x", "y"], ["a", "wrong", 0.9, "model", "uses", "x", "z"],
            ["a", "opt", 0.2, "model", "uses", "x", "w"]]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(REPO / "bench" / "ece.py"), str(path), "--pool", "--draws", "50"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0].startswith("rows.jsonl: facts 2, ECE 0.400;") and out[1].startswith("pooled: facts 2, ECE 0.400;")
