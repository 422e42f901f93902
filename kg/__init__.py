"""kg: a knowledge-graph builder for French news on online extremism and platform moderation.

The public API, all reachable as `kg.NAME` (see the README):

    import kg

    with kg.open_store("kg-store") as store:          # a directory, or a SPARQL endpoint URL
        report = kg.build(["examples/articles"], store)
        rows = kg.run_query(store, "threats")
        nquads = kg.export(store, "nquads")

`import kg` is cheap: each name is imported the first time it is used, so spaCy, pyshacl and networkx
load only for the functions that need them.
"""

# The `kg` command's Ctrl-C guard (kg/cli/startup.py says why, and lifts it) is set here, on this package's first
# lines: the console script imports `kg` before `kg.cli`, and every module read before the guard is a window in
# which SIGINT prints a traceback of kg's imports (hence no `from __future__ import`, a module read from disk
# too). Only for that script: a program importing kg keeps its Ctrl-C. The `try` catches a SIGINT that lands in
# the few instructions before the guard is set (a `try` costs no instruction in Python 3.11).
_STARTING = b"kg: interrupted while starting; nothing was done\n"
try:
    import _signal  # type: ignore[import-not-found]  # not `signal`: it imports enum, functools and collections
    import os as _os
    import sys as _sys

    _COMMAND = bool(_sys.argv) and _os.path.basename(_sys.argv[0]) == "kg"

    def _interrupted_while_starting(signum, frame) -> None:
        _os.write(2, _STARTING)
        _os._exit(130)

    def _guard_start_up() -> None:
        try:
            if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:  # not when the caller chose otherwise
                _signal.signal(_signal.SIGINT, _interrupted_while_starting)
        except ValueError:  # imported from a thread other than the main one: signals are not ours to handle
            pass

    if _COMMAND:
        _guard_start_up()
except KeyboardInterrupt:
    import os as _os
    import sys as _sys

    if not _sys.argv or _os.path.basename(_sys.argv[0]) != "kg":
        raise
    _os.write(2, _STARTING)
    _os._exit(130)

from kg.errors import (  # noqa: E402  (after the guard, on purpose)
    BuildInterrupted,
    ExecutorError,
    InputError,
    KgError,
    QuerySyntaxError,
    StoreError,
    StoreLockedError,
    UnknownQueryError,
    UsageError,
    ValidationFailed,
)
from kg.version import __version__  # noqa: E402

# not typing.TYPE_CHECKING, and importlib only when a name is first used: importing typing takes 8 ms, the
# longest part of the `kg` command's start-up before its Ctrl-C guard is in place (kg/cli/__init__.py); type
# checkers know this spelling too
TYPE_CHECKING = False

# name -> the module that defines it
_API = {
    "open_store": "kg.store", "Store": "kg.store",
    "build": "kg.pipeline.build", "BuildReport": "kg.pipeline.build",
    "read_articles": "kg.ingest.read", "Article": "kg.model", "Extraction": "kg.model",
    "extract": "kg.extract.extractor", "load_pipeline": "kg.pipeline.nlp",
    "run_query": "kg.query.run", "stats": "kg.query.stats",
    "export": "kg.export.export", "validate": "kg.rdf.validate",
    "load_network": "kg.export.network", "render_html": "kg.render.render",
    "serve": "kg.serve.server",
}
# written out (not computed from _API) so that linters and type checkers see it; tests/test_layout.py checks both agree
__all__ = [
    "Article", "BuildInterrupted", "BuildReport", "ExecutorError", "Extraction", "InputError", "KgError",
    "QuerySyntaxError", "Store", "StoreError", "StoreLockedError", "UnknownQueryError", "UsageError",
    "ValidationFailed", "__version__", "build", "export", "extract", "load_network", "load_pipeline", "open_store",
    "read_articles", "render_html", "run_query", "serve", "stats", "validate",
]


# API names that are also subpackages: the package itself, made callable (kg/_callable.py)
_CALLABLE = {"extract", "export", "serve"}


def __getattr__(name: str) -> "Any":
    if name not in _API:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    from importlib import import_module as load

    value = load(f"kg.{name}") if name in _CALLABLE else getattr(load(_API[name]), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # for type checkers and editors: the names the lazy __getattr__ gives
    from typing import Any

    from kg.export.export import export
    from kg.export.network import load_network
    from kg.extract.extractor import extract
    from kg.ingest.read import read_articles
    from kg.model import Article, Extraction
    from kg.pipeline.build import BuildReport, build
    from kg.pipeline.nlp import load_pipeline
    from kg.query.run import run_query
    from kg.query.stats import stats
    from kg.rdf.validate import validate
    from kg.render.render import render_html
    from kg.serve.server import serve
    from kg.store import Store, open_store
