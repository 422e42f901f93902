"""`kg train DATA.jsonl... [--output DIR]`: teach kg new phrasing from annotated examples."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from kg.cli.app import app, fail
from kg.errors import KgError


@app.command("train")
def train_cli(
    data: List[Path] = typer.Argument(None, help="Annotated examples: Prodigy or doccano relation JSONL files, or "
                                      "folders of articles annotated by --gold."),
    output: Path = typer.Option(Path("kg-model"), "--output", "-o", help="Folder to write relations.npz to."),
    replace: bool = typer.Option(False, "--replace", help="Train on DATA alone, without the packaged passages."),
    folds: int = typer.Option(5, "--folds", help="Cross-validation folds for the held-out figures and the "
                              "calibration (0: none)."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="Article-level gold (the format `kg evaluate` reads) "
                                        "of the article folders among DATA."),
) -> None:
    """Train the relation model on the packaged passages plus your examples, and print held-out figures.

    Each example is one line: {"text", "spans": [{"start", "end", "label"}], "relations": [{"head_span",
    "child_span", "label"}]} (Prodigy), or doccano's {"text", "entities", "relations"}; labels are the
    contract's classes and relations. A bad line stops with its file and line number. A folder of articles
    with --gold (the article-level gold `kg evaluate` reads) trains on them too: each paragraph is an example, a
    gold fact a relation between its entities' names in each sentence that holds both.

    Example: kg train my-examples.jsonl --output my-model && kg build articles/ --model my-model
    Example: kg train my-articles/ --gold my-gold.toml --output my-model

    Exit status: 0 trained, 2 bad example or usage error.
    """
    from kg.train import train  # spaCy and scikit-learn: only for this command

    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
            task = bar.add_task("loading the French model", total=None)

            def progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total)

            report = train(data or [], output, replace=replace, folds=folds, progress=progress, gold=gold)
    except KgError as error:
        fail(error)
    typer.echo(f"kg: trained on {report.examples} examples ({report.pairs} candidate pairs) in "
               f"{report.seconds:.0f} s -> {report.path}")
    if report.heldout:
        typer.echo(heldout_table(report.heldout))


def heldout_table(heldout: dict[str, dict]) -> str:
    lines = [f"{'relation':<20} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    lines += [f"{rel:<20} {f['precision']:>6.3f} {f['recall']:>6.3f} {f['f1']:>6.3f} {f['support']:>8}"
              for rel, f in heldout.items()]
    return "\n".join(lines)
