"""Teaching kg: training examples, the relation model's training and its evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from kg.errors import UsageError
from kg.extract.relmodel import save_model
from kg.pipeline.nlp import load_pipeline
from kg.resources import data_file
from kg.train.corpus import Example, read_examples
from kg.train.fit import Progress, train_model

MODEL_NAME = "relations.npz"


@dataclass(frozen=True)
class TrainReport:
    path: Path  # the weights file written
    examples: int
    pairs: int
    positives: dict[str, int]
    heldout: dict[str, dict]  # relation -> precision, recall, f1, support on the held-out folds
    seconds: float


def packaged_examples() -> list[Example]:
    """The training passages that ship with kg (kg/data/training/*.jsonl)."""
    return read_examples(sorted(data_file("training").glob("*.jsonl")))


def train(paths: Iterable[str | Path], output: Path, *, replace: bool = False, folds: int = 5,
          progress: Progress | None = None) -> TrainReport:
    """Train a relation model on the packaged passages plus the examples in `paths` (only those with
    `replace`), write it to `output`/relations.npz and report its held-out figures."""
    user = read_examples(paths)
    examples = user if replace else packaged_examples() + user
    if not examples:
        raise UsageError("no training examples: give JSONL files, or leave out --replace")
    if folds == 1 or folds > len(examples):
        raise UsageError(f"--folds must be 0 (no held-out figures) or between 2 and {len(examples)}")
    weights, meta = train_model(examples, load_pipeline(), folds=folds, progress=progress)
    target = Path(output) / MODEL_NAME
    save_model(target, weights, meta)
    return TrainReport(target, meta["examples"], meta["pairs"], meta["positives"], meta["heldout"], meta["seconds"])
