"""`kg evaluate CORPUS... --gold GOLD.toml [--json FILE] [-v] [--store DIR] [--model FILE] ...`"""

from __future__ import annotations

import json
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from kg.cli.app import app, fail
from kg.errors import InputError, KgError, UsageError
from kg.evaluate.calibration import TARGET_PRECISION
from kg.evaluate.gold import GoldFact, GoldQuantity, read_gold
from kg.evaluate.score import Evaluation, Figures, evaluate
from kg.extract.identity import extractor_settings
from kg.model import Skipped
from kg.pipeline.build import BuildReport, build
from kg.store import open_store


@app.command("evaluate")
def evaluate_cli(
    corpus: List[Path] = typer.Argument(..., help="The annotated articles: files or folders, as for `kg build`."),
    gold: Path = typer.Option(..., "--gold", "-g", help="The gold facts, in the TOML format of "
                              "../shared/eval/gold-seeds.toml (see docs/extraction.md)."),
    json_file: Optional[Path] = typer.Option(None, "--json", help="Also write every figure to this JSON file."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List each missed gold fact and each wrong one."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help="Build into this store and keep it (default: a "
                                        "temporary store, removed afterwards). Everything it holds is scored."),
    model: Optional[Path] = typer.Option(None, "--model", help="A relation model trained by `kg train` (as for "
                                         "`kg build`); default: the packaged model."),
    gazetteer: List[Path] = typer.Option([], "--gazetteer", help="A TOML gazetteer of your own entities (repeatable)."),
    relations: str = typer.Option("both", "--relations", help="Where facts come from: model, rules or both."),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help="Least calibrated probability of "
                                                   "a model fact to store (default: the model's own decision)."),
    workers: int = typer.Option(1, "--workers", "-w", help="Local processes parsing in parallel."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", help="Exit 1 when the article-level fact F1 is below."),
) -> None:
    """Measure kg on annotated articles: build them into a temporary store and score its facts against the gold.

    Prints what ../shared/eval/score.py prints for the same graph (its lines, its figures), then P/R/F1 per relation
    and how well the facts' confidences match their share of right facts (calibration error).

    Per article, then article-level and corpus-level facts, counted events, entities; -v: each missed and wrong fact.

    Example: kg evaluate my-articles/ --gold my-gold.toml -v --json scores.json

    Exit status: 0 scored, 1 some articles skipped or F1 below --min-f1, 2 bad gold file or usage error, 3 store error.
    """
    console = Console(stderr=True)
    try:
        truth = read_gold(gold)
        if not any(path.exists() for path in corpus):
            raise UsageError(f"no such file or folder: {', '.join(map(str, corpus))}")
        settings = extractor_settings(model, tuple(gazetteer), relations, min_confidence)
        with _store(store) as target:
            report = _build(corpus, target, console, settings=settings, workers=workers)
            evaluation = evaluate(truth, target.quads())
        typer.echo("\n".join(score_lines(evaluation, verbose) + relation_lines(evaluation)
                             + calibration_lines(evaluation)))
        _note_articles_without_graph(evaluation, console)
        if json_file:
            _write_json(json_file, evaluation)
    except KgError as error:
        fail(error)
    below = min_f1 is not None and evaluation.article_facts.f1 < min_f1
    raise typer.Exit(1 if below or not report.ok else 0)


@contextmanager
def _store(location: Optional[str]) -> Iterator:
    if location:
        with open_store(location) as store:
            yield store
        return
    with tempfile.TemporaryDirectory(prefix="kg-evaluate-") as folder, open_store(Path(folder) / "store") as store:
        yield store


def _build(paths: List[Path], store, console: Console, **options) -> BuildReport:
    """Build with a spinner on a terminal; each skipped input is one line on stderr, as with `kg build`."""
    columns = (SpinnerColumn(), TextColumn("building {task.completed} articles"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("building", total=None)

        def progress(item, status: str) -> None:
            if isinstance(item, Skipped):
                bar.console.print(f"kg: skipped {item.source}: {item.reason}", highlight=False, markup=False,
                                  soft_wrap=True)
            bar.update(task, advance=0 if status == "loading" else 1)

        return build(paths, store, progress=progress, **options)


def score_lines(evaluation: Evaluation, verbose: bool) -> list[str]:
    """The lines ../shared/eval/score.py prints, in its order and format (its -v lines sorted)."""
    width = max([7] + [len(row.article) for row in evaluation.articles])
    lines = [f"{'article':<{width}} {'graphs':>6} {'P':>5} {'R':>5} {'F1':>5}   quantities found/required"]
    for row in evaluation.articles:
        f = row.facts.figures
        lines.append(f"{row.article:<{width}} {row.graphs:>6} {f.precision:5.2f} {f.recall:5.2f} {f.f1:5.2f}   "
                     f"{row.quantities.found}/{row.quantities.required}")
    lines += [_figures_line("article-level facts", evaluation.article_facts),
              _figures_line("corpus-level facts", evaluation.corpus_facts.figures)]
    q = evaluation.article_quantities
    lines.append(f"article quantities    P={q.precision:.3f} R={q.recall:.3f} F1={q.f1:.3f}")
    e = evaluation.entities
    lines.append(f"entities: {e.found}/{e.gold} found, typing {e.typing_accuracy:.2f}, linking recall "
                 f"{e.linking_recall:.2f}, wrong links {len(e.wrong_links)}, nodes per entity "
                 f"{e.nodes_per_entity:.2f}, ambiguous nodes {len(e.ambiguous)}")
    if verbose:
        lines += _detail_lines(evaluation)
    lines.append(f"F1={evaluation.article_facts.f1:.3f}")
    return lines


def _figures_line(title: str, f: Figures) -> str:
    return f"{title:<21} P={f.precision:.3f} R={f.recall:.3f} F1={f.f1:.3f}  (tp={f.tp} fp={f.fp} fn={f.fn})"


def _detail_lines(evaluation: Evaluation) -> list[str]:
    lines = []
    for row in evaluation.articles:
        lines += [f"  missed  {row.article}  {_gold_fact(f)}" for f in row.facts.missed]
        lines += [f"  wrong   {row.article}  {p}" for p in row.facts.wrong]
        lines += [f"  missed  {row.article}  {_gold_quantity(q)}" for q in row.quantities.missed]
        lines += [f"  wrong   {row.article}  {q}" for q in row.quantities.wrong]
    lines += [f"  ambiguous node {node} matches {keys}" for node, keys in evaluation.entities.ambiguous.items()]
    lines += [f"  wrong link  {key} -> {qid}" for key, qid in evaluation.entities.wrong_links]
    return lines


def _keys(keys: frozenset[str]) -> str:
    return "|".join(sorted(keys))


def _gold_fact(fact: GoldFact) -> str:
    return f"{_keys(fact.subjects)} {fact.relation} {_keys(fact.objects)}"


def _gold_quantity(q: GoldQuantity) -> str:
    return f"{q.kind} {_keys(q.agents)} -> {_keys(q.targets)} x{q.count}"


def relation_lines(evaluation: Evaluation) -> list[str]:
    """Per relation, article level: P over the predictions counted under it, R over its gold facts. Relations
    with neither predictions nor gold facts are left out (the JSON has them all)."""
    lines = ["", "per relation (article level)",
             f"{'relation':<18} {'predicted':>9} {'correct':>7} {'gold':>5} {'found':>5} {'P':>5} {'R':>5} {'F1':>5}"]
    for r in evaluation.relations:
        if not r.predicted and not r.required:
            continue
        lines.append(f"{r.relation:<18} {r.predicted:>9} {r.correct:>7} {r.required:>5} {r.found:>5} "
                     f"{r.precision:5.2f} {r.recall:5.2f} {r.f1:5.2f}")
    return lines


def calibration_lines(evaluation: Evaluation) -> list[str]:
    """How far the facts' confidences are from their share of right facts, per bin of confidence and overall,
    beside the error a perfectly calibrated model would show on the same confidences (kg.evaluate.calibration)."""
    c = evaluation.calibration
    lines = ["", "confidence (article-level facts, right or wrong)",
             f"{'confidence':<10} {'facts':>5} {'mean':>5} {'right':>5}"]
    lines += [f"{b.low:.1f}-{b.low + 0.1:.1f}   {b.facts:>5} {b.mean_confidence:5.2f} {b.share_right:5.2f}"
              for b in c.bins]
    lines.append(f"calibration error (ECE) {c.error:.3f} over {c.facts} facts; a perfectly calibrated model: "
                 f"{c.perfect_mean:.3f} on average, under {c.perfect_p95:.3f} 95 times in 100")
    lines.append(f"right {TARGET_PRECISION:.0%} of the time or more: from confidence {c.precise_from:.2f} up "
                 f"({c.precise_facts} of {c.facts} facts; --min-confidence {c.precise_from:.2f})"
                 if c.precise_from is not None else f"right {TARGET_PRECISION:.0%} of the time: no confidence")
    return lines


def _note_articles_without_graph(evaluation: Evaluation, console: Console) -> None:
    missing = [row.article for row in evaluation.articles if not row.graphs]
    if missing:
        console.print(f"kg: note: {len(missing)} gold article(s) have no graph in the store (no article file with "
                      f"that name among the inputs?): {', '.join(missing)}", highlight=False, markup=False,
                      soft_wrap=True)


def _write_json(path: Path, evaluation: Evaluation) -> None:
    from kg.evaluate.report import as_json  # the figures as plain data

    try:
        path.write_text(json.dumps(as_json(evaluation), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot write ({err.strerror or err})") from err

