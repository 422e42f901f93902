"""The typer application and the one place where errors become exit codes."""

from __future__ import annotations

import sys

import typer

from kg.errors import KgError, exit_code_for

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph with evidence from French news articles, query it, export it and draw it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

STORE_HELP = "Store directory (created if needed) or SPARQL endpoint URL."


def fail(error: KgError) -> None:
    """Print a one-line error on stderr and exit with the error's code."""
    typer.echo(f"kg: error: {error}", err=True)
    raise typer.Exit(exit_code_for(error))


def main() -> None:
    try:
        app()
    except KgError as error:  # errors raised outside a command's own handling
        typer.echo(f"kg: error: {error}", err=True)
        sys.exit(exit_code_for(error))
