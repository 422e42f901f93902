"""`kg render`: draw the graph, a CONSTRUCT query's result or one entity's neighbourhood as one HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from kg.cli.app import READ_STORE_HELP, app, fail
from kg.errors import KgError, UsageError
from kg.query.confidence import DEFAULT_MIN_CONFIDENCE, above_confidence, check_minimum, left_out_note
from kg.store import DEFAULT_STORE, open_store

LANGUAGES = ("fr", "en")  # the page's own strings exist in these two


@app.command()
def render(
    store: str = typer.Option(DEFAULT_STORE, "--store", help=READ_STORE_HELP),
    output: Path = typer.Option(Path("graph.html"), "-o", "--output", help="HTML file to write."),
    query: Optional[str] = typer.Option(None, "--query",
                                        help="Draw a CONSTRUCT query's triples: a name from queries/ or a .rq file."),
    entity: Optional[str] = typer.Option(None, "--entity",
                                         help="Draw this entity's neighbourhood (key, name or alias)."),
    hops: int = typer.Option(1, "--hops", help="How far from --entity to draw."),
    relation: List[str] = typer.Option([], "--relation", help="Keep only this relation (repeatable), e.g. threatens."),
    cls: List[str] = typer.Option([], "--class", help="Keep only entities of this class (repeatable), e.g. Platform."),
    lang: str = typer.Option("fr", "--lang", help="Language of the relation and class labels: fr or en."),
    title: Optional[str] = typer.Option(None, "--title", help="Page title."),
    min_confidence: float = typer.Option(DEFAULT_MIN_CONFIDENCE, "--min-confidence", help="Draw only facts the "
                                         "extractor gave at least this calibrated confidence (0-1); the default is "
                                         "right 80% of the time on our blind sets, 0 draws every fact."),
) -> None:
    """Draw the graph as one self-contained HTML page (works offline).

    Example: kg render --store kg-store -o graph.html

    Example: kg render --entity ISIS --hops 2 --lang en -o isis.html
    """
    from kg.render.render import render_store  # networkx and the page: only for this command

    try:
        if lang not in LANGUAGES:
            raise UsageError(f"--lang {lang}: the page is written in {' or '.join(LANGUAGES)}")
        check_minimum(min_confidence)
        with open_store(store, read_only=True) as source:
            view = source if min_confidence == 0 else above_confidence(source, min_confidence)
            drawn = render_store(view, output, query=query, entity=entity, hops=hops, relations=tuple(relation),
                                 classes=tuple(cls), lang=lang, title=title)
            note = left_out_note(source, min_confidence)
    except KgError as error:
        fail(error)
    typer.echo(f"{drawn['output']}: {drawn['nodes']} entities, {drawn['edges']} links")
    if note:
        typer.echo(f"kg: {note}", err=True)
