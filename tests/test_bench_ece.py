"""bench/ece.py: the calibration error of stored facts and the error a perfectly calibrated model would show."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_script_reports_each_file_and_the_pool(tmp_path):
    rows = [["a", "ok", 0.9, "model", "uses", "x", "y"], ["a", "wrong", 0.9, "model", "uses", "x", "z"],
            ["a", "opt", 0.2, "model", "uses", "x", "w"]]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(REPO / "bench" / "ece.py"), str(path), "--pool", "--draws", "50"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0].startswith("rows.jsonl: facts 2, ECE 0.400;") and out[1].startswith("pooled: facts 2, ECE 0.400;")
