"""`kg render`: draw the graph, a CONSTRUCT query's result or one entity's neighbourhood as one HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from kg.cli.app import STORE_HELP, app, fail
from kg.errors import KgError
from kg.store import DEFAULT_STORE, open_store


@app.command()
def render(
    store: str = typer.Option(DEFAULT_STORE, "--store", help=STORE_HELP),
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
) -> None:
    """Draw the graph as one self-contained HTML page (works offline).

    Example: kg render --store kg-store --entity Daesh --hops 2 -o daesh.html
    """
    from kg.render.render import render_store  # networkx and the page: only for this command

    try:
        with open_store(store, read_only=True) as source:
            drawn = render_store(source, output, query=query, entity=entity, hops=hops, relations=tuple(relation),
                                 classes=tuple(cls), lang=lang, title=title)
    except KgError as error:
        fail(error)
    typer.echo(f"{drawn['output']}: {drawn['nodes']} entities, {drawn['edges']} links")
