"""`kg export [--store DIR] --format FORMAT [--output FILE]`"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from kg.cli.app import READ_STORE_HELP, app, fail
from kg.errors import InputError, KgError
from kg.export.export import FORMATS, export
from kg.store import DEFAULT_STORE, open_store

ExportFormat = Enum("ExportFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]  # from FORMATS


@app.command("export")
def export_command(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="Output format."),
    store: str = typer.Option(DEFAULT_STORE, "--store", "-s", help=READ_STORE_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
) -> None:
    """Write the whole store in one format.

    nquads, trig and jsonld keep one named graph per article; turtle and ntriples hold the union of all graphs; gexf and graphml are the entity network for graph tools (Gephi, yEd).

    Example: kg export --store kg-store --format nquads --output graph.nq
    """  # noqa: E501  (typer keeps a docstring's line breaks in --help: one line per paragraph)
    try:
        with open_store(store, read_only=True) as source:
            data = export(source, fmt.value)
        _write(data, output)
    except KgError as error:
        fail(error)


def _write(data: bytes, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    partial = output.with_name(f".{output.name}.partial")
    try:  # written aside then renamed, so a failed export never leaves half a file under the name asked for
        partial.write_bytes(data)
        os.replace(partial, output)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise InputError(f"{output}: cannot write ({err.strerror or err})") from err
