"""Expected calibration error of stored facts, beside the error a perfectly calibrated model would show on them.

Input: rows of bench/calibration_rows.py (one JSON row per line, or one JSON list). Optional facts are left out.
ECE: ten bins of confidence, the facts-weighted mean gap between a bin's mean confidence and its share of right
facts. On a set of a hundred facts this error is mostly sampling noise: a model whose every confidence is exactly
the chance of being right still shows about 0.09. So beside the observed error the script prints what a perfectly
calibrated model would show on the same confidences (each fact drawn right with its own confidence as chance;
`--draws` draws, seeded): the mean and the 95th percentile. An observed error under that percentile is no evidence
of miscalibration.

    .venv/bin/python bench/ece.py rows-heldout12.jsonl [rows-heldout13.jsonl ...] [--pool] [--draws 2000]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

BINS = 10


def calibration_error(confidences: list[float], right: list[bool]) -> float:
    bins: dict[int, list[tuple[float, bool]]] = {}
    for confidence, ok in zip(confidences, right):
        bins.setdefault(min(BINS - 1, int(confidence * BINS)), []).append((confidence, ok))
    total = len(confidences)
    return sum(len(b) / total * abs(sum(c for c, _ in b) / len(b) - sum(ok for _, ok in b) / len(b))
               for b in bins.values()) if total else 0.0


def perfect_model_errors(confidences: list[float], draws: int, seed: int = 0) -> list[float]:
    """The errors of a perfectly calibrated model on these confidences, sorted: one per draw of the outcomes."""
    rng = random.Random(seed)
    return sorted(calibration_error(confidences, [rng.random() < c for c in confidences]) for _ in range(draws))


def judged(path: Path) -> tuple[list[float], list[bool]]:
    text = path.read_text(encoding="utf-8")
    rows = json.loads(text) if text.lstrip().startswith("[[") else [json.loads(line) for line in text.splitlines()
                                                                    if line.strip()]
    rows = [r for r in rows if r[1] != "opt"]
    return [float(r[2]) for r in rows], [r[1] == "ok" for r in rows]


def report(name: str, confidences: list[float], right: list[bool], draws: int) -> str:
    errors = perfect_model_errors(confidences, draws)
    mean, p95 = sum(errors) / len(errors), errors[int(0.95 * (len(errors) - 1))]
    return (f"{name}: facts {len(confidences)}, ECE {calibration_error(confidences, right):.3f}; "
            f"perfectly calibrated: mean {mean:.3f}, 95th percentile {p95:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", nargs="+", type=Path)
    parser.add_argument("--pool", action="store_true", help="also the rows of every file together")
    parser.add_argument("--draws", type=int, default=2000)
    args = parser.parse_args()
    pooled: tuple[list[float], list[bool]] = ([], [])
    for path in args.rows:
        confidences, right = judged(path)
        pooled[0].extend(confidences)
        pooled[1].extend(right)
        print(report(path.name, confidences, right, args.draws))
    if args.pool:
        print(report("pooled", *pooled, args.draws))


if __name__ == "__main__":
    main()
