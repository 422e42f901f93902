"""Per-article bounds on the parse and extraction: one article never costs the others.

- A long article is parsed in pieces (groups of whole paragraphs under PIECE_CHARS), joined into one Doc
  whose text is the article's to the character, so spaCy's memory stays flat whatever the length.
- A batch that spaCy cannot parse is parsed again article by article, so the one article at fault is
  skipped with its reason and the rest of the batch is stored.
- `Budgeted` gives each article at most `seconds` of parse and extraction (`kg build --max-seconds`): the
  pieces check the clock between them, and extraction runs under SIGALRM where it runs in a main thread.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

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
            return self.process(doc, article)


def deadline_of(process) -> float | None:
    seconds = getattr(process, "seconds", None)
    return time.monotonic() + seconds if seconds else None


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


def parse_long(nlp, text: str, deadline: float | None = None):
    """One Doc of a long text, parsed piece by piece (see the module docstring)."""
    from spacy.tokens import Doc

    docs = []
    for piece in pieces(text):
        if deadline is not None and time.monotonic() > deadline:
            raise OverBudget("over the time budget per article (--max-seconds) while parsing")
        docs.append(nlp(piece))
    return Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]


def parse_batch_safely(nlp, batch: list, batch_size: int, process=None) -> list[tuple]:
    """(doc, None) or (None, reason) per article of the batch, in order."""
    short = [article for article in batch if len(article.text) <= PIECE_CHARS]
    try:
        parsed = dict(zip(map(id, short), nlp.pipe([a.text for a in short], batch_size=batch_size)))
    except Exception:  # noqa: BLE001  (find the article at fault below)
        parsed = {}
    return [(parsed[id(article)], None) if id(article) in parsed else _parse_one(nlp, article, process)
            for article in batch]


def _parse_one(nlp, article, process) -> tuple:
    try:
        return parse_long(nlp, article.text, deadline_of(process)), None
    except OverBudget as err:
        return None, str(err)
    except Exception as err:  # noqa: BLE001  (this article alone)
        return None, f"parse failed ({type(err).__name__}: {err})"
