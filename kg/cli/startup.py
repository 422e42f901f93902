"""Ctrl-C during start-up: a KeyboardInterrupt raised inside the imports can surface anywhere, as a traceback or
even swallowed by an import-time callback ("Exception ignored in ...") while the command goes on. So from the
moment kg's code starts until the command's own handling is in place (kg.cli.app.main), SIGINT does not raise:
it writes one line and ends the process at once with 130, since nothing has been done yet.

The `kg` console script gets the guard from the first lines of kg/__init__.py, before any other module of kg is
read; a caller that imports kg.cli some other way (`python -c "from kg.cli import main; main()"`) gets it here.
What remains is the interpreter's own start-up before the first line of kg runs (a few milliseconds), which no
package can reach.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]

from kg import _STARTING as STARTING  # noqa: F401  (for kg.cli)
from kg import _guard_start_up, _interrupted_while_starting


def started() -> None:
    """The start-up is over: Ctrl-C raises KeyboardInterrupt again, for the command to handle."""
    if _signal.getsignal(_signal.SIGINT) is _interrupted_while_starting:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)


_guard_start_up()
