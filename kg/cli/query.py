"""`kg query SPARQL|FILE|NAME`: run a query on the store and print its results."""

from __future__ import annotations

import typer

from kg.cli.app import STORE_HELP, app, fail
from kg.errors import KgError, UsageError
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
) -> None:
    """Run a SPARQL query (text, file or named query) and print its results.

    Example: kg query threats --store kg-store --format csv
    """
    try:
        if list_:
            typer.echo(describe_named_queries())
            return
        if not query:
            raise UsageError("give a query (SPARQL text, a file or a name) or --list")
        params = parse_params(param)
        checked = check_query(query, params)
        with open_store(store, read_only=True) as source:
            output = query_store(source, checked, params, fmt)
        typer.echo(output, nl=not output.endswith(b"\n"))
    except KgError as error:
        fail(error)
