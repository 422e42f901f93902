"""`kg query SPARQL|FILE|NAME`: run a query on the store and print its results."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Optional

import typer

from kg.cli.app import READ_STORE_HELP, app, fail
from kg.errors import KgError, UsageError
from kg.query.bounded import bounded, default_max_memory_mb
from kg.query.confidence import left_out_note, threshold_for
from kg.query.formats import check_query, describe_named_queries, query_store
from kg.query.run import parse_params
from kg.store import DEFAULT_STORE, open_store


@app.command()
def query(
    query: str = typer.Argument(None, help="SPARQL text, a .rq file, or the name of a named query (see --list)."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE, bound as an RDF term (repeatable)."),
    fmt: str = typer.Option(None, "--format", "-f", help="table|csv|tsv|json|xml for SELECT/ASK (a table "
                            "fits the terminal, $COLUMNS; csv and json keep full text); "
                            "turtle|nquads|ntriples|jsonld|rdfxml for CONSTRUCT/DESCRIBE."),
    store: str = typer.Option(DEFAULT_STORE, "--store", "-s", help=READ_STORE_HELP),
    list_: bool = typer.Option(False, "--list", help="List the named queries with their descriptions."),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help="Only facts the extractor gave at "
                                                   "least this calibrated confidence (0-1). Default: 0.7 for the "
                                                   "named queries (right 80% of the time on our blind sets), every "
                                                   "fact for a query of your own; 0 shows every fact."),
    max_memory: int = typer.Option(None, "--max-memory", help="MB the query's evaluation may use (default: half "
                                   "the machine's memory); past it the query stops with one error line."),
) -> None:
    """Run a SPARQL query (text, file or named query) and print its results.

    Example: kg query threats --store kg-store

    Example: kg query actor --param entity=Daech --format csv

    Example: kg query 'SELECT ?s WHERE { GRAPH ?g { ?s a kg:Platform } }' --format json
    """
    try:
        if list_:
            typer.echo(describe_named_queries())
            return
        if not query:
            raise UsageError("give a query (SPARQL text, a file or a name) or --list")
        params = parse_params(param)
        checked = check_query(query, params)
        minimum = threshold_for(checked.text, min_confidence)
        if max_memory is not None and max_memory <= 0:
            raise UsageError("--max-memory must be a positive number of MB")
        width = _terminal_width()

        def evaluate() -> bytes:
            with open_store(store, read_only=True) as source:
                return query_store(source, checked, params, fmt, width, minimum)

        output = bounded(evaluate, max_memory or default_max_memory_mb())
        typer.echo(output, nl=not output.endswith(b"\n"))
        if minimum:
            with open_store(store, read_only=True) as source:
                note = left_out_note(source, minimum)
            if note:
                typer.echo(f"kg: {note}", err=True)
    except KgError as error:
        fail(error)


def _terminal_width() -> int | None:
    """The terminal's width (or $COLUMNS) for a table; None when the output goes to a file or a pipe."""
    if sys.stdout.isatty() or "COLUMNS" in os.environ:
        return shutil.get_terminal_size().columns
    return None
