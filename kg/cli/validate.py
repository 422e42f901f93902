"""`kg validate [--store DIR]`"""

from __future__ import annotations

import typer

from kg.cli.app import READ_STORE_HELP, app, fail
from kg.errors import KgError, ValidationFailed
from kg.rdf.validate import format_report, validate
from kg.store import DEFAULT_STORE, open_store


@app.command("validate")
def validate_command(store: str = typer.Option(DEFAULT_STORE, "--store", "-s", help=READ_STORE_HELP)) -> None:
    """Check every article graph of the store against the SHACL shapes (ontology/shapes.ttl).

    Prints "conforms", or one line per problem grouped by graph.

    Example: kg validate --store kg-store

    Exit status: 0 conforms (warnings allowed), 1 some graph does not conform, 3 the store cannot be opened.
    """
    try:
        with open_store(store, read_only=True) as source:
            report = validate(source)
    except KgError as error:
        fail(error)
    typer.echo(format_report(report))
    if not report.conforms:
        violations = sum(result.severity == "Violation" for result in report.results)
        fail(ValidationFailed(f"{store}: {violations} SHACL violation{'s' if violations != 1 else ''}"))
