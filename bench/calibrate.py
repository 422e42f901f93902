"""Fit the packaged model's end-to-end calibration (kg/data/model/calibration.json) on held-out facts.

Input: the facts builds stored for articles the model never saw, judged right or wrong against their gold by the
scorer's rules (rows written by bench/calibration_rows.py, JSON lines or one JSON list): the development set, each
fold built with a model trained without it (cross-validation by article, three folds), and, since extractor
0.4.6, tests/data/practice1, practice2, heldout5 and heldout6 built with the packaged model (none is in its
training data); every build with a calibration that maps each probability to itself beside the weights and
`--min-confidence 0`. Output: an isotonic map from the model's raw probability to the share of right facts, a
factor per relation (its smoothed share of right facts over the pooled share), the same map for the rules'
confidences, and the threshold that gives the best F1 on those facts. With `--decision TABLE`, TABLE's curve,
factors and threshold are kept under "decision": they go on deciding which model facts a build stores by default
(the new curve gives the stored facts their confidence, and `--min-confidence X` applies to it). Extractor 0.4.6
keeps the decision of the calibration of 0.4.3 (`git show 7f04f0d:kg/data/model/calibration.json`): refitted on the
larger set it let through facts that cost F1 on the development set, the seeds and every blind set. Extractor 0.4.22
lowers that decision's factor for `investigates` from 1.272 to 0.954 by hand (docs/extraction.md, « Rules of
0.4.22 »): refitting with `--decision` keeps whatever the given table holds.

    python bench/calibrate.py ROWS --required N --output kg/data/model/calibration.json

N is the number of required gold facts of the articles the rows come from.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

import numpy as np
from sklearn.isotonic import IsotonicRegression

from kg.extract.relmodel import table_probability

SMOOTHING = 8.0  # pseudo-facts at the pooled rate behind each relation's own rate


def curve(points: list[tuple[float, bool]]) -> dict[str, list[float]]:
    x = np.array([p for p, _ in points])
    y = np.array([ok for _, ok in points], dtype=float)
    iso = IsotonicRegression(y_min=0.02, y_max=0.98, out_of_bounds="clip").fit(x, y)
    return {"xs": [round(float(v), 4) for v in iso.X_thresholds_],
            "ys": [round(float(v), 4) for v in iso.y_thresholds_]}


def relation_factors(rows: list) -> dict[str, float]:
    judged = [r for r in rows if r[1] != "opt" and r[3] == "model"]
    pooled = sum(r[1] == "ok" for r in judged) / max(1, len(judged))
    right, seen = Counter(r[4] for r in judged if r[1] == "ok"), Counter(r[4] for r in judged)
    return {rel: round(((right[rel] + SMOOTHING * pooled) / (seen[rel] + SMOOTHING)) / pooled, 3) for rel in seen}


def calibrated(table: dict, row) -> float:
    if row[3] == "model":
        return table_probability(table, row[4], row[2])
    return float(np.interp(row[2], table["rules"]["xs"], table["rules"]["ys"]))


def best_threshold(table: dict, rows: list, required: int) -> float:
    scores = []
    for t in np.arange(0.0, 0.96, 0.02):
        kept = [r for r in rows if r[3] != "model" or calibrated(table, r) >= t]
        ok, wrong = sum(r[1] == "ok" for r in kept), sum(r[1] == "wrong" for r in kept)
        p, rec = ok / max(1, ok + wrong), ok / required
        scores.append((2 * p * rec / max(1e-9, p + rec), -t))
    return round(-max(scores)[1], 2)


def read_rows(path: str) -> list:
    """One JSON list of rows, or one row per line (what bench/calibration_rows.py prints)."""
    text = open(path, encoding="utf-8").read()
    return json.loads(text) if text.lstrip().startswith("[[") else [json.loads(line) for line in text.splitlines()
                                                                    if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows")
    parser.add_argument("--required", type=int, required=True, help="required gold facts of those articles")
    parser.add_argument("--output", required=True)
    parser.add_argument("--decision", help="a calibration table whose curve, factors and threshold keep deciding "
                        "which model facts a build stores (only the confidences are refitted)")
    args = parser.parse_args()
    rows = read_rows(args.rows)
    judged = [r for r in rows if r[1] != "opt"]
    table = {"model": curve([(r[2], r[1] == "ok") for r in judged if r[3] == "model"]),
             "rules": curve([(r[2], r[1] == "ok") for r in judged if r[3] != "model"]),
             "relation_factor": relation_factors(rows)}
    table["threshold"] = best_threshold(table, rows, args.required)
    if args.decision:
        kept = json.load(open(args.decision, encoding="utf-8"))
        kept = kept.get("decision", kept)
        table["decision"] = {part: kept[part] for part in ("model", "relation_factor", "threshold")}
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump(table, out, indent=1, sort_keys=True)
        out.write("\n")
    print(json.dumps(table, sort_keys=True))


if __name__ == "__main__":
    main()
