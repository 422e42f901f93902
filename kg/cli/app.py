"""The typer application and the one place where errors become exit codes."""

from __future__ import annotations

import sys

import typer

from kg.cli.startup import started
from kg.errors import KgError, exit_code_for

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph with evidence from French news articles, query it, export it and draw it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

STORE_HELP = "Store directory (created if needed) or SPARQL endpoint URL."
# Commands that only read: a missing store is an error (exit 3), never created.
READ_STORE_HELP = "Store directory or SPARQL endpoint URL to read (it must exist: a missing store is exit 3)."


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        from kg.extract.identity import EXTRACTOR_VERSION

        try:
            package = version("kg-news")
        except PackageNotFoundError:  # run from a source tree that was never installed
            package = "unknown"
        typer.echo(f"kg {package} (extractor {EXTRACTOR_VERSION})")
        raise typer.Exit()


@app.callback()
def options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                         help="Print kg's version and exit.")) -> None:
    """Build a knowledge graph with evidence from French news articles, query it, export it and draw it."""


def fail(error: KgError) -> None:
    """Print a one-line error on stderr and exit with the error's code."""
    typer.echo(f"kg: error: {error}", err=True)
    raise typer.Exit(exit_code_for(error))


def main() -> None:
    try:
        started()  # from here a Ctrl-C is a KeyboardInterrupt, handled below and by the commands
        app()
    except KgError as error:  # errors raised outside a command's own handling
        _last_words(f"kg: error: {error}", exit_code_for(error))
    except KeyboardInterrupt:
        _last_words("kg: interrupted", 130)
    except SystemExit as leaving:
        if isinstance(getattr(leaving.__context__, "__cause__", None), KeyboardInterrupt):
            _last_words("kg: interrupted", 130)  # typer made a Ctrl-C outside a command's handling a silent 130
        raise
    except MemoryError:
        _last_words("kg: error: out of memory (the query or input needs more than the memory limit allows)", 1)
    except (OSError, RuntimeError) as error:  # the store's library fails with these: a full disk, a corrupted file
        _last_words(f"kg: error: the store cannot be read or written ({_first_line(error)})", 3)


def _first_line(error: BaseException) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0]


def _last_words(line: str, code: int) -> None:
    typer.echo(line, err=True)
    sys.exit(code)
