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

from __future__ import annotations

from kg.errors import (
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
from kg.version import __version__

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


def __getattr__(name: str) -> Any:
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
