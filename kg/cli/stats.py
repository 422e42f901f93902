"""`kg stats [--store DIR]`"""

from __future__ import annotations

import typer

from kg.cli.app import READ_STORE_HELP, app, fail
from kg.errors import KgError
from kg.query.stats import Stats, stats
from kg.store import DEFAULT_STORE, open_store


@app.command("stats")
def stats_command(store: str = typer.Option(DEFAULT_STORE, "--store", "-s", help=READ_STORE_HELP)) -> None:
    """Count what the store holds: articles, entities by class, facts by relation, counted events.

    Example: kg stats --store kg-store
    """
    try:
        with open_store(store, read_only=True) as source:
            figures = stats(source)
    except KgError as error:
        fail(error)
    typer.echo(render(figures))


def render(figures: Stats) -> str:
    lines = [f"articles: {figures.articles}", f"facts: {figures.total_facts}"]
    lines += _section("entities by class", figures.entities)
    lines += _section("facts by relation", figures.facts)
    lines += _section("counted events", {
        kind: f"{count} ({figures.accounts.get(kind, 0)} accounts)" for kind, count in figures.events.items()})
    return "\n".join(lines)


def _section(title: str, counts: dict) -> list[str]:
    width = max((len(key) for key in counts), default=0)
    if not counts:
        return [f"{title}: none"]
    return [f"{title}:"] + [f"  {key:<{width}}  {value}" for key, value in counts.items()]
