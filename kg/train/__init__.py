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
from kg.train.fromgold import examples_from_gold

MODEL_NAME = "relations.npz"


@dataclass(frozen=True)
class TrainReport:
    path: Path  # the weights file written
    examples: int
    pairs: int
    positives: dict[str, int]
    heldout: dict[str, dict]  # relation -> precision, recall, f1, support on the held-out folds
    seconds: float


def user_examples(paths: Iterable[str | Path], gold: Path | None = None) -> list[Example]:
    """The examples of the JSONL files among `paths`, then those of the folders' articles `gold` annotates."""
    given = [Path(p) for p in paths]
    folders = [p for p in given if p.is_dir()]
    if gold is not None and not folders:
        raise UsageError(f"--gold {gold}: give the folder of the articles it annotates among the training data")
    examples = read_examples([p for p in given if not p.is_dir()])
    for folder in folders:
        if gold is None:
            raise UsageError(f"{folder}: a folder of articles needs their article-level gold: --gold GOLD.toml")
        found = examples_from_gold(folder, Path(gold))
        if not found:
            raise UsageError(f"{folder}: no article here that {gold} annotates (its facts name articles by file stem)")
        examples += found
    return examples


def packaged_examples() -> list[Example]:
    """The training passages that ship with kg (kg/data/training/*.jsonl)."""
    return read_examples(sorted(data_file("training").glob("*.jsonl")))


def train(paths: Iterable[str | Path], output: Path, *, replace: bool = False, folds: int = 5,
          progress: Progress | None = None, gold: Path | None = None) -> TrainReport:
    """Train a relation model on the packaged passages plus the examples in `paths` (only those with
    `replace`), write it to `output`/relations.npz and report its held-out figures. A folder among `paths` holds
    articles that `gold` (the scorer's article-level TOML, as `kg evaluate` reads it) annotates."""
    user = user_examples(paths, gold)
    examples = user if replace else packaged_examples() + user
    if not examples:
        raise UsageError("no training examples: give JSONL files, or leave out --replace")
    if folds == 1 or folds > len(examples):
        raise UsageError(f"--folds must be 0 (no held-out figures) or between 2 and {len(examples)}")
    weights, meta = train_model(examples, load_pipeline(), folds=folds, progress=progress)
    target = Path(output) / MODEL_NAME
    save_model(target, weights, meta)
    return TrainReport(target, meta["examples"], meta["pairs"], meta["positives"], meta["heldout"], meta["seconds"])
