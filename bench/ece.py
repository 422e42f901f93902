"""Expected calibration error of stored facts, beside the error a perfectly calibrated model would show on them.

Input: rows of bench/calibration_rows.py (one JSON row per line, or one JSON list). Optional facts are left out.
The figures are kg.evaluate.calibration's (which `kg evaluate` prints for a build's facts). ECE: ten bins of
confidence, the facts-weighted mean gap between a bin's mean confidence and its share of right facts. On a set of
a hundred facts this error is mostly sampling noise: a model whose every confidence is exactly the chance of being
right still shows about 0.09. So beside the observed error the script prints what a perfectly
calibrated model would show on the same confidences (each fact drawn right with its own confidence as chance;
`--draws` draws, seeded): the mean and the 95th percentile. An observed error under that percentile is no evidence
of miscalibration.

    .venv/bin/python bench/ece.py rows-heldout12.jsonl [rows-heldout13.jsonl ...] [--pool] [--draws 2000]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.evaluate.calibration import calibration


def judged(path: Path) -> list[tuple[float, bool]]:
    text = path.read_text(encoding="utf-8")
    rows = json.loads(text) if text.lstrip().startswith("[[") else [json.loads(line) for line in text.splitlines()
                                                                    if line.strip()]
    return [(float(r[2]), r[1] == "ok") for r in rows if r[1] != "opt"]


def report(name: str, facts: list[tuple[float, bool]], draws: int) -> str:
    c = calibration(facts, draws)
    return (f"{name}: facts {c.facts}, ECE {c.error:.3f}; "
            f"perfectly calibrated: mean {c.perfect_mean:.3f}, 95th percentile {c.perfect_p95:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", nargs="+", type=Path)
    parser.add_argument("--pool", action="store_true", help="also the rows of every file together")
    parser.add_argument("--draws", type=int, default=2000)
    args = parser.parse_args()
    pooled: list[tuple[float, bool]] = []
    for path in args.rows:
        facts = judged(path)
        pooled += facts
        print(report(path.name, facts, args.draws))
    if args.pool:
        print(report("pooled", pooled, args.draws))


if __name__ == "__main__":
    main()
