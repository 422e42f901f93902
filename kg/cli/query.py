"""`kg query SPARQL|FILE|NAME`: run a query on the store and print its results."""

from __future__ import annotations

import typer

from kg.cli.app import STORE_HELP, app, fail
from kg.errors import KgError, UsageError
from kg.query.bounded import bounded, default_max_memory_mb
from kg.query.formats import check_query, describe_named_queries, query_store
from kg.query.run import parse_params
from kg.store import DEFAULT_STORE, open_store


@app.command()
def query(
    query: str = typer.Argument(None, help="SPARQL text, a .rq file, or the name of a named query (see --list)."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE, bound as an RDF term (repeatable)."),
    fmt: str = typer.Option(None, "--format", "-f", help="table|csv|tsv|json|xml for SELECT/ASK; "
                            "turtle|nquads|ntriples|jsonld for CONSTRUCT/DESCRIBE."),
    store: str = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    list_: bool = typer.Option(False, "--list", help="List the named queries with their descriptions."),
    max_memory: int = typer.Option(None, "--max-memory", help="MB the query's evaluation may use (default: half "
                                   "the machine's memory); past it the query stops with one error line."),
) -> None:
    """Run a SPARQL query (text, file or named query) and print its results."""
    try:
        if list_:
            typer.echo(describe_named_queries())
            return
        if not query:
            raise UsageError("give a query (SPARQL text, a file or a name) or --list")
        params = parse_params(param)
        checked = check_query(query, params)
        if max_memory is not None and max_memory <= 0:
            raise UsageError("--max-memory must be a positive number of MB")

        def evaluate() -> bytes:
            with open_store(store, read_only=True) as source:
                return query_store(source, checked, params, fmt)

        output = bounded(evaluate, max_memory or default_max_memory_mb())
        typer.echo(output, nl=not output.endswith(b"\n"))
    except KgError as error:
        fail(error)
