"""Per-relation figures pooled over held-out sets: `kg evaluate` on each, the `per_relation` counts summed.

    .venv/bin/python bench/per_relation.py heldout7 heldout8 heldout9

Each NAME is a folder of tests/data with its gold.toml; prints a Markdown table (P over the predictions counted
under the relation, R over the gold facts of the relation), as docs/extraction.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COUNTS = ("predicted", "correct", "required", "found")


def pooled(names: list[str]) -> dict[str, Counter]:
    totals: dict[str, Counter] = defaultdict(Counter)
    kg = Path(sys.executable).parent / "kg"
    for name in names:
        folder = REPO / "tests" / "data" / name
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "scores.json"
            subprocess.run([str(kg), "evaluate", str(folder), "--gold", str(folder / "gold.toml"), "--json",
                            str(report)], check=False, capture_output=True)
            for relation, figures in json.loads(report.read_text())["per_relation"].items():
                totals[relation].update({k: figures.get(k, 0) for k in COUNTS})
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+", help="held-out folders of tests/data")
    totals = pooled(parser.parse_args().names)
    print("| relation | predicted | correct | required | found | P | R |\n|---|---|---|---|---|---|---|")
    for relation, c in totals.items():
        print(f"| {relation} | {c['predicted']} | {c['correct']} | {c['required']} | {c['found']} | "
              f"{c['correct'] / max(1, c['predicted']):.2f} | {c['found'] / max(1, c['required']):.2f} |")


if __name__ == "__main__":
    main()
