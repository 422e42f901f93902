"""The `kg` command line: a thin typer layer, one module per command.

Each module registers its command on `app`. They are imported by `main` (and on first use of `kg.cli.app`),
not when this package is imported.

Ctrl-C during start-up ends in one line, never a traceback: see kg/cli/startup.py, imported first.
"""

from __future__ import annotations

import sys

from kg.cli.startup import STARTING, started

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
    except KeyboardInterrupt:  # a caller that kept its own SIGINT handler, e.g. one raising KeyboardInterrupt
        sys.stderr.write(STARTING.decode())
        sys.exit(130)
    run()  # calls started() inside its own handling of KeyboardInterrupt


def __getattr__(name: str):
    if name == "app":  # the Typer object for a caller of its own (tests, an embedding program)
        started()
        return _commands()
    raise AttributeError(name)
