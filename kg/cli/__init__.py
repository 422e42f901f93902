"""The `kg` command line: a thin typer layer, one module per command.

Each module registers its command on `app`. They are imported by `main` (and on first use of `kg.cli.app`),
not when this package is imported, so that a Ctrl-C during the second of imports at start-up ends in one
line, not a traceback.
"""

from __future__ import annotations

import sys

__all__ = ["app", "main"]


def _commands():
    from kg.cli import build, evaluate, export, query, render, serve, stats, train, validate  # noqa: F401
    from kg.cli.app import app

    globals()["app"] = app  # the Typer object, not the submodule of the same name the import just set here
    return app


def main() -> None:
    try:
        _commands()
        from kg.cli.app import main as run
    except KeyboardInterrupt:
        sys.stderr.write("kg: interrupted while starting; nothing was done\n")
        sys.exit(130)
    run()


def __getattr__(name: str):
    if name == "app":
        return _commands()
    raise AttributeError(name)
