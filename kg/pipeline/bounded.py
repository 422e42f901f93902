"""Per-article bounds on the parse and extraction: one article never costs the others.

- A long article (over PIECE_CHARS) is cut into pieces (groups of whole paragraphs under PIECE_CHARS) that are
  parsed and extracted one after the other where the article is extracted (`LongText`, kg/pipeline/pieces.py
  merges their facts), so one piece's Doc at a time is alive and memory stays flat whatever the length.
- A batch that spaCy cannot parse is parsed again article by article, so the one article at fault is
  skipped with its reason and the rest of the batch is stored.
- `Budgeted` gives each article at most `seconds` of parse and extraction (`kg build --max-seconds`): the
  pieces check the clock between them, and extraction runs under SIGALRM where it runs in a main thread; in a
  worker thread (the Dask executor) the clock between pieces alone bounds it, to the budget plus one piece.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterator

# spaCy's pipeline is shared by the threads of a process (the serial executor parses ahead in a thread while the
# main thread parses a long article's pieces): one parse at a time, since parsing adds to the shared vocabulary
PARSING = threading.Lock()
PIECE_CHARS = 20_000  # well under spaCy's comfortable length: parser memory grows with the piece, not the article
DEFAULT_MAX_SECONDS = 300.0


class OverBudget(Exception):
    """An article took more than its time budget."""


@dataclass(frozen=True)
class Budgeted:
    """`process(doc, article)` bounded to `seconds` per article; picklable, so it travels to workers."""

    process: Callable
    seconds: float | None = DEFAULT_MAX_SECONDS

    def __call__(self, doc, article) -> str:
        with time_limit(self.seconds):
            if isinstance(doc, LongText):  # the clock starts now, where the pieces are parsed and extracted
                doc = replace(doc, deadline=time.monotonic() + self.seconds if self.seconds else None)
            return self.process(doc, article)


@dataclass(frozen=True)
class LongText:
    """An article too long to parse at once, handed to `process` unparsed: it parses one piece at a time."""

    nlp: Any
    text: str
    deadline: float | None = None

    def docs(self) -> Iterator[tuple[int, Any]]:
        """(offset of the piece in the text, its Doc) for each piece, checking the time budget before each."""
        offset = 0
        for piece in pieces(self.text):
            check_deadline(self.deadline)
            with PARSING:
                doc = self.nlp(piece)
            yield offset, doc
            offset += len(piece)


def check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise OverBudget("over the time budget per article (--max-seconds)")


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget in this thread after `seconds` (only in a main thread, where signals arrive)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise OverBudget(f"over the time budget of {seconds:g} s per article (--max-seconds)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """The text cut after paragraph breaks (else line breaks, else spaces) into pieces of at most about `size`
    characters; joined again they give the text exactly."""
    cuts, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        end = next((found + len(mark) for mark in ("\n\n", "\n", " ") if (found := window.rfind(mark)) > 0), size)
        cuts.append(text[start:start + end])
        start += end
    return [*cuts, text[start:]]


def parse_batch_safely(nlp, batch: list, batch_size: int) -> list[tuple]:
    """(doc, None) or (None, reason) per article of the batch, in order; a long article's doc is a LongText."""
    short = [article for article in batch if len(article.text) <= PIECE_CHARS]
    try:
        with PARSING:
            parsed = dict(zip(map(id, short), nlp.pipe([a.text for a in short], batch_size=batch_size)))
    except Exception:  # noqa: BLE001  (find the article at fault below)
        parsed = {}
    return [(parsed[id(article)], None) if id(article) in parsed else _parse_one(nlp, article)
            for article in batch]


def _parse_one(nlp, article) -> tuple:
    if len(article.text) > PIECE_CHARS:
        return LongText(nlp, article.text), None  # parsed where it is extracted, piece by piece
    try:
        with PARSING:
            return nlp(article.text), None
    except Exception as err:  # noqa: BLE001  (this article alone)
        return None, f"parse failed ({type(err).__name__}: {err})"
