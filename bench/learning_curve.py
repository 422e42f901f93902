"""How far more training text carries the relation model: train on growing shares of the packaged passages and
score each model on annotated article sets.

For each share (a seeded shuffle of kg/data/training/*.jsonl, so 25 % is the first half of 50 %), and once more with
`--extra` files on top of all of them, a model is trained without held-out folds (`kg train --replace --folds 0`),
the packaged calibration (kg/data/model/calibration.json, whose decision table picks the stored facts) is put beside
its weights, and each set is built and scored as `kg evaluate SET --gold SET/gold.toml --model DIR` would. One JSON
line per model; then a Markdown table of F1 per set, their sum and the right and wrong facts pooled.

    .venv/bin/python bench/learning_curve.py --fractions 25 50 100 --extra examples/training/*.jsonl \\
        --set tests/data/heldout4 --set tests/data/heldout7 ...

Only the relation model changes between rows: rules, lexicon and calibration are today's. Score sets the model was
trained on (the dev set, `heldout`, `heldout2`, `heldout3`: kg/data/training/articles_*.jsonl) tell nothing here.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from kg.evaluate.gold import read_gold
from kg.evaluate.score import evaluate
from kg.extract.identity import extractor_settings
from kg.extract.relmodel import CALIBRATION_FILE, default_model_path, save_model
from kg.pipeline.build import build
from kg.pipeline.nlp import load_pipeline
from kg.store import open_store
from kg.train import MODEL_NAME, packaged_examples, user_examples
from kg.train.corpus import Example
from kg.train.fit import train_model

OUT = Path(__file__).parent / "out" / "learning-curve"


def shares(examples: list[Example], fractions: list[int], extra: list[Example]) -> list[tuple[str, list[Example]]]:
    """(name, examples) per row: the first `fraction` % of the shuffled passages, then all of them plus `extra`."""
    rows = [(f"{f} %", examples[:len(examples) * f // 100]) for f in fractions]
    if extra:
        rows.append((f"100 % + {len(extra)}", examples + extra))
    return rows


def trained(name: str, examples: list[Example], folder: Path) -> dict:
    """Train on `examples` into `folder` (with the packaged calibration beside the weights)."""
    weights, meta = train_model(examples, load_pipeline(), folds=0)
    save_model(folder / MODEL_NAME, weights, meta)
    shutil.copy(default_model_path().with_name(CALIBRATION_FILE), folder / CALIBRATION_FILE)
    return {"model": name, "examples": meta["examples"], "pairs": meta["pairs"], "train_s": meta["seconds"]}


def scored(folder: Path, corpus: Path) -> dict:
    """Build `corpus` with the model in `folder` into a temporary store and score it against corpus/gold.toml."""
    settings = extractor_settings(folder)
    with tempfile.TemporaryDirectory(prefix="kg-curve-") as tmp, open_store(Path(tmp) / "store") as store:
        build([corpus], store, settings=settings)
        figures = evaluate(read_gold(corpus / "gold.toml"), store.quads()).article_facts
    return {"f1": round(figures.f1, 3), "tp": figures.tp, "fp": figures.fp, "fn": figures.fn}


def table(rows: list[dict], sets: list[Path]) -> list[str]:
    lines = ["| model | examples | " + " | ".join(s.name for s in sets) + " | sum F1 | right / wrong |",
             "|---" * (len(sets) + 4) + "|"]
    for row in rows:
        f1 = [row["sets"][s.name]["f1"] for s in sets]
        right = sum(row["sets"][s.name]["tp"] for s in sets)
        wrong = sum(row["sets"][s.name]["fp"] for s in sets)
        lines.append(f"| {row['model']} | {row['examples']} | " + " | ".join(f"{v:.3f}" for v in f1)
                     + f" | {sum(f1):.3f} | {right} / {wrong} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fractions", type=int, nargs="+", default=[25, 50, 100])
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="JSONL examples added to all passages")
    parser.add_argument("--set", dest="sets", type=Path, action="append", required=True,
                        help="a folder of articles with its gold.toml (repeatable)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    examples = packaged_examples()
    random.Random(args.seed).shuffle(examples)
    rows = []
    for name, chosen in shares(examples, args.fractions, user_examples(args.extra)):
        folder = OUT / name.replace(" ", "").replace("%", "pct").replace("+", "-plus-")
        started = time.monotonic()
        row = trained(name, chosen, folder)
        row["sets"] = {corpus.name: scored(folder, corpus) for corpus in args.sets}
        row["wall_s"] = round(time.monotonic() - started, 1)
        print(json.dumps(row), flush=True)
        rows.append(row)
    print("\n".join(table(rows, args.sets)))


if __name__ == "__main__":
    main()
