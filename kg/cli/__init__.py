"""The `kg` command line: a thin typer layer, one module per command.

Each module registers its command on `app`; importing them here builds the CLI.
"""

from kg.cli import build, evaluate, export, query, render, serve, stats, train, validate  # noqa: F401  (register commands)
from kg.cli.app import app, main

__all__ = ["app", "main"]
