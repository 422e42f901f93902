"""Ctrl-C during start-up: a KeyboardInterrupt raised inside the imports can surface anywhere, as a traceback or
even swallowed by an import-time callback ("Exception ignored in ...") while the command goes on. So from the
moment this package is imported until the command's own handling is in place (kg.cli.app.main), SIGINT does
not raise: it writes one line and ends the process at once with 130, since nothing has been done yet. What
remains is the interpreter's own start-up before the first line of kg runs (a few milliseconds), which no
package can reach.
"""

from __future__ import annotations

# not `signal`: it imports enum, functools and collections, milliseconds before the guard is set
import _signal  # type: ignore[import-not-found]
import os

STARTING = b"kg: interrupted while starting; nothing was done\n"


def _interrupted_while_starting(signum, frame) -> None:
    os.write(2, STARTING)
    os._exit(130)


def _guard_start_up() -> None:
    try:
        if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:  # not when the caller chose otherwise
            _signal.signal(_signal.SIGINT, _interrupted_while_starting)
    except ValueError:  # imported from a thread other than the main one: signals are not ours to handle
        pass


def started() -> None:
    """The start-up is over: Ctrl-C raises KeyboardInterrupt again, for the command to handle."""
    if _signal.getsignal(_signal.SIGINT) is _interrupted_while_starting:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)


_guard_start_up()
