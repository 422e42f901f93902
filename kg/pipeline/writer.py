"""The build's store writes, in a thread of their own and in the order they were asked for.

Oxigraph's load and a SPARQL server's HTTP round trip release the GIL: while one article's graph is written,
the extractor goes on with the next one (a tenth of a 1,000-article build's wall time, bench/RESULTS.md).
Each write is still one transaction, so a build killed at any point leaves only whole graphs, and the first
write that fails stops the writer: the error is raised again in the building thread, at its next write or
when the writer closes, and nothing after it is written.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

_CLOSE = object()
QUEUE_SIZE = 64  # writes waiting at most: N-Triples strings of a few kilobytes each, memory stays flat


class OrderedWriter:
    """Runs the callables given to `submit` one after the other in a background thread; `close` (or leaving the
    `with` block) waits for all of them, also when the block is left by an exception."""

    def __init__(self) -> None:
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUE_SIZE)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True, name="kg-write")
        self._thread.start()

    def submit(self, write: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self._raise_pending()
        self._queue.put((write, args, kwargs))

    def close(self) -> None:
        self._queue.put(_CLOSE)
        self._thread.join()
        self._raise_pending()

    def __enter__(self) -> OrderedWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if error is None:
            self.close()
            return
        self._queue.put(_CLOSE)  # the block failed: finish what was asked, then let its error through
        self._thread.join()

    def _raise_pending(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        while (item := self._queue.get()) is not _CLOSE:
            if self._error is not None:
                continue  # a write failed: the later ones are dropped, the building thread hears of it
            write, args, kwargs = item
            try:
                write(*args, **kwargs)
            except BaseException as err:  # noqa: BLE001  (handed to the building thread, raised there)
                self._error = err
