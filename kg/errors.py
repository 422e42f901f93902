"""Named errors, and the one table that maps them to exit codes."""

from __future__ import annotations


class KgError(Exception):
    """Base class: a failure the user can act on, with a one-line message."""

    exit_code = 1


class UsageError(KgError):
    exit_code = 2


class BaseIriConflict(UsageError):
    """`kg build --base-iri` names another base than the one the store was built under: refused, since one store
    under two bases would hold two IRIs for each node (nothing stored is touched)."""


class InputError(KgError):
    """An input file or folder cannot be read as articles."""

    exit_code = 2


class StoreError(KgError):
    """The store cannot be opened, read or written."""

    exit_code = 3


class StoreLockedError(StoreError):
    """Another process holds the store for writing."""

    exit_code = 4


class ExecutorError(KgError):
    """The executor cannot run or stopped (the Dask scheduler is unreachable, the build's parsing process died);
    nothing stored is lost."""

    exit_code = 3


class BuildInterrupted(KgError):
    """The build was stopped (Ctrl-C); the article graphs already written are complete and kept."""

    exit_code = 130  # the shell's code for a command ended by SIGINT


class QuerySyntaxError(KgError):
    exit_code = 2


class QueryTooComplex(QuerySyntaxError):
    """The query nests deeper than the parser can take safely (see kg/query/guard.py)."""


class QueryFailed(KgError):
    """The query could not be evaluated: a SERVICE call failed, or it needs more memory than allowed."""

    exit_code = 1


class UnknownQueryError(UsageError):
    pass


class ValidationFailed(KgError):
    """The graph does not conform to the SHACL shapes."""

    exit_code = 1


class TrainingDataError(InputError):
    """A training example cannot be read: the message names the file and line."""


class GoldError(InputError):
    """A gold file (hand-written facts to score against) cannot be read: the message names the file and the place."""


class ModelError(KgError):
    """A relation model cannot be loaded or does not fit this version of kg."""

    exit_code = 2


EXIT_CODES = {
    "ok": 0,
    "some inputs skipped / graph does not conform": 1,
    "usage error, unreadable input, query syntax error, --base-iri invalid or not the store's": 2,
    "store cannot be opened or written, Dask scheduler unreachable, parsing process died": 3,
    "store locked by another build": 4,
    "build interrupted (Ctrl-C); what was stored is kept": 130,
}


def exit_code_for(error: BaseException) -> int:
    return error.exit_code if isinstance(error, KgError) else 1
