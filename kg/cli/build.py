"""`kg build PATH... [--store DIR] [--prune] [--force] [--workers N] [--executor local|dask --scheduler ADDRESS]`"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from kg.cli.app import STORE_HELP, app, fail
from kg.errors import BuildInterrupted, KgError, UsageError
from kg.ingest.read import DEFAULT_MAX_BYTES
from kg.ingest.sanitize import printable
from kg.model import Skipped
from kg.pipeline.bounded import DEFAULT_MAX_SECONDS
from kg.pipeline.build import BATCH_SIZE, BuildReport, build
from kg.store import DEFAULT_STORE, open_store
from kg.vocab import check_base


@app.command("build")
def build_command(
    paths: List[Path] = typer.Argument(..., help="Article files (.txt, .html, .htm, .jsonl) or folders of them."),
    store: str = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    prune: bool = typer.Option(False, "--prune", help="Drop the graphs of articles no longer among PATHS."),
    force: bool = typer.Option(False, "--force", help="Rebuild every article, even those stored unchanged."),
    max_size: float = typer.Option(DEFAULT_MAX_BYTES / 2**20, "--max-size", help="Skip files larger than this, in MB."),
    workers: int = typer.Option(1, "--workers", "-w",
                                help="Local processes parsing in parallel (each loads the model)."),
    executor: str = typer.Option("local", "--executor", help="local, or dask: parse on the workers of a Dask cluster."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."),
    batch_size: int = typer.Option(BATCH_SIZE, "--batch-size",
                                   help="Articles per spaCy batch / per task sent to a worker."),
    model: Optional[Path] = typer.Option(None, "--model", help="A relation model trained by `kg train` (a .npz file or "
                                         "the folder it was written to); default: the packaged model."),
    gazetteer: List[Path] = typer.Option([], "--gazetteer", help="A TOML gazetteer of your own entities, read after "
                                         "the packaged one (repeatable); see docs/extraction.md."),
    relations: str = typer.Option("both", "--relations", help="Where facts come from: model, rules or both."),
    max_seconds: float = typer.Option(DEFAULT_MAX_SECONDS, "--max-seconds", help="Time budget per article (parse and "
                                      "extraction), in seconds; an article over it is skipped with its reason."),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help="Least calibrated probability of a "
                                                   "model fact to store (default: the model's own decision)."),
    base_iri: Optional[str] = typer.Option(None, "--base-iri", envvar="KG_BASE_IRI", help="The base of the IRIs "
                                           "the build mints (entities, articles, facts...), e.g. "
                                           "https://example.org/news/; default: the store's, else "
                                           "https://w3id.org/kg-news/. The store keeps it: later commands need it no "
                                           "more, and a store takes no other."),
) -> None:
    """Read articles into the store: one named graph of facts with evidence per article.

    Folders are read recursively in sorted order. An article already stored with the same content and extractor version is not parsed again. Each unreadable input is reported on one line ("kg: skipped FILE: reason") and the build goes on.

    Example: kg build examples/articles --store kg-store

    Parallel: --workers 2 parses in two local processes; --executor dask --scheduler tcp://HOST:8786 parses on a Dask cluster. This process alone writes the store, and the result is the same as a serial build.

    Base IRI: --base-iri (or the environment variable KG_BASE_IRI) sets the base of every IRI the store holds but the ontology's; the store remembers it.

    Example: kg build examples/articles --store kg-store --base-iri https://example.org/news/

    Exit status: 0 all stored, 1 some inputs skipped or no article found, 2 usage error (e.g. no PATH exists, a --base-iri that is invalid or not the store's), 3 store cannot be opened, 4 store in use by another build, 130 interrupted.
    """  # noqa: E501  (typer keeps a docstring's line breaks in --help: one line per paragraph)
    console = Console(stderr=True)
    try:
        _check_paths(paths, max_size, max_seconds)
        base = check_base(base_iri) if base_iri is not None else None
        from kg.extract.identity import extractor_settings  # here: importing kg.extract costs kg --help 0.2 s

        settings = extractor_settings(model, tuple(gazetteer), relations, min_confidence)
        with open_store(store) as target:
            report = _run(paths, target, console, prune=prune, force=force, max_bytes=int(max_size * 2**20),
                          workers=workers, executor=executor, scheduler=scheduler, batch_size=batch_size,
                          settings=settings, max_seconds=max_seconds, base=base)
    except KgError as error:
        fail(error)
    console.print(summary(report, store), highlight=False, markup=False, soft_wrap=True)
    if not (report.stored or report.unchanged or report.skipped or report.duplicates):
        console.print(f"kg: no article found in {', '.join(map(str, paths))} (kg reads .txt, .html, .htm and .jsonl "
                      "files, and folders of them)", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(1)
    raise typer.Exit(0 if report.ok else 1)


def _check_paths(paths: List[Path], max_size: float, max_seconds: float) -> None:
    if max_seconds <= 0:
        raise UsageError("--max-seconds must be a positive number of seconds")
    if max_size <= 0:
        raise UsageError("--max-size must be a positive number of MB")
    if not any(path.exists() or path.is_symlink() for path in paths):
        raise UsageError(f"no such file or folder: {', '.join(map(str, paths))}")


def _run(paths, target, console: Console, **options) -> BuildReport:
    """Build with a live count on stderr; skipped inputs are printed as they come."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn  # only for a build

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("building", total=None)

        describe = ProgressText()

        def say(line: str) -> None:  # escaped: a file name with a newline or ESC stays one inert line
            bar.console.print(printable(line), highlight=False, markup=False, soft_wrap=True)

        def progress(item, status: str) -> None:
            if isinstance(item, Skipped):
                say(f"kg: skipped {item.source}: {item.reason}")
            for warning in getattr(item, "warnings", ()) if status in ("stored", "duplicate") else ():
                say(f"kg: warning: {item.source}: {warning}")
            bar.update(task, advance=0 if status == "loading" else 1, description=describe(item, status))

        try:
            return build(paths, target, progress=progress, **options)
        except KeyboardInterrupt:  # each graph is written atomically: say what is kept, not a traceback
            kept = len(target.article_states())  # counted in the store: Ctrl-C may land between a write and its report
            raise BuildInterrupted(f"interrupted: the store holds {kept} complete article graphs; "
                                   "run the same command again to build the rest") from None


class ProgressText:
    """The progress line's words: "loading the French model" from the first article to parse until one is stored
    (the model takes seconds to load, and the articles passed over meanwhile must not hide it), else the status."""

    def __init__(self) -> None:
        self.loading = False

    def __call__(self, item, status: str) -> str:
        if status == "loading":
            self.loading = True
        elif status == "stored":
            self.loading = False
        if self.loading:
            return "loading the French model"
        return f"{status} {getattr(item, 'name', '')}"


def summary(report: BuildReport, store: str) -> str:
    parts = [f"{report.stored} stored", f"{report.unchanged} unchanged", f"{len(report.skipped)} skipped"]
    if report.duplicates:
        parts.append(f"{report.duplicates} same text as another file")
    if report.replaced:
        parts.append(f"{report.replaced} replaced (file edited)")
    if report.pruned:
        parts.append(f"{report.pruned} pruned")
    counts = report.counts
    written = f" ({counts['facts']} facts, {counts['events']} counted events)" if report.stored else ""
    return f"kg: {', '.join(parts)}{written} -> {store}"
