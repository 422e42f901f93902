"""The serial build's parse in a forked process of its own, on a machine with a second core.

spaCy holds the GIL through most of its parse, so a parsing thread and the extracting thread of one process
mostly take turns (a 1,000-article build took 1.35-1.44 × the raw parse, bench/RESULTS.md). Here a child
process, forked once the pipeline is loaded (it shares the model's pages), parses the batches and hands each
Doc back as bytes (`Doc.to_bytes`: a quarter of a megabyte and about a millisecond each way for a 430-word
article); this process extracts on the other core. The Docs are the ones the thread would have parsed: same
pipeline, same `nlp.pipe` batches, the same per-article fallback when a batch fails (kg/pipeline/bounded.py).
A long article is still parsed in pieces where it is extracted, here.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any

from kg.errors import ExecutorError
from kg.model import Article
from kg.pipeline.bounded import LongText, parse_batch_safely
from kg.pipeline.nlp import load_pipeline

IN_FLIGHT = 2  # batches sent ahead of the one being extracted: the parse never waits, memory stays flat
_LONG = b""  # in a reply: the article is long, parse it here in pieces
_END = object()


def wanted() -> bool:
    """A parsing process pays only where a second core can run it beside the extraction. It is forked, which is
    safe on Linux; on macOS a fork after the system's frameworks are loaded may crash the child."""
    return _usable_cores() > 1 and sys.platform.startswith("linux")


def _usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


def batches_of(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    stream = iter(articles)
    while batch := list(islice(stream, size)):
        yield batch


@contextmanager
def parsing_process() -> Iterator[Any]:
    """A forked child that parses; yields `parsed(articles, batch_size)`, the (doc, article, parse error)
    triples in input order, as the parsing thread gives them, or None when no process could be started (the
    caller then parses in a thread). The child and the thread feeding it stop when the block ends, however it
    ends: there, not in the generator, whose cleanup may wait for the interpreter's exit (an exception's
    traceback holds its frame), when threads can no longer be joined."""
    nlp = load_pipeline()  # before the fork, so that the child has it already and shares its memory
    context = multiprocessing.get_context("fork")
    batches_in, batches_out = context.Pipe(duplex=False)
    replies_in, replies_out = context.Pipe(duplex=False)
    try:
        child = _fork(context, batches_in, replies_out, (batches_out, replies_in))
    except OSError:  # no memory or no process left for a fork: the thread parses as well, a little slower
        child = None
    batches_in.close()  # the child's ends: with ours closed, its death is an end of file here
    replies_out.close()
    session = _Session(nlp, child, batches_out, replies_in)
    try:
        yield None if child is None else session.parsed
    finally:
        session.stop()


def _fork(context: Any, batches: Connection, replies: Connection, parents_ends: tuple[Connection, ...]) -> Any:
    child = context.Process(target=_serve, args=(batches, replies, parents_ends), daemon=True, name="kg-parse")
    child.start()
    return child


def _serve(batches: Connection, replies: Connection, parents_ends: tuple[Connection, ...]) -> None:
    """The child: a batch of articles in, one (Doc bytes or _LONG or None, parse error) per article out. The
    batch is one `nlp.pipe` batch, as in the parsing thread (whose batches are never longer than its size)."""
    for end in parents_ends:
        end.close()  # inherited by the fork: held here, they would keep the child waiting after its parent died
    nlp = load_pipeline()
    try:
        while (batch := batches.recv()) is not None:
            replies.send([_portable(doc, error) for doc, error in parse_batch_safely(nlp, batch, len(batch))])
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        pass  # the build stopped (or was interrupted): nothing left to parse for


def _portable(doc: Any, error: str | None) -> tuple[bytes | None, str | None]:
    if error is not None:
        return None, error
    return (_LONG, None) if isinstance(doc, LongText) else (doc.to_bytes(exclude=["user_data"]), None)


class _Session:
    """The parent's side: the child, the pipes, and the thread that feeds the child the input."""

    def __init__(self, nlp: Any, child: Any, batches: Connection, replies: Connection) -> None:
        self.nlp, self.child, self.batches, self.replies = nlp, child, batches, replies
        self.stopping = threading.Event()
        self.feeders: list[threading.Thread] = []

    def parsed(self, articles: Iterable[Article], batch_size: int) -> Iterator[tuple]:
        from spacy.tokens import Doc

        sent: queue.Queue = queue.Queue()  # the batches sent, in order, then _END or the error reading the input
        slots = threading.Semaphore(IN_FLIGHT)
        feeder = threading.Thread(target=_feed, args=(articles, batch_size, self.batches, sent, slots, self.stopping),
                                  daemon=True, name="kg-feed")
        self.feeders.append(feeder)
        feeder.start()
        while (batch := sent.get()) is not _END:
            if isinstance(batch, BaseException):
                raise batch  # reading the input failed: raised here, after the articles read before it
            for article, (data, error) in zip(batch, _reply(self.replies, self.child)):
                yield _doc(self.nlp, Doc, article, data), article, error
            slots.release()

    def stop(self) -> None:
        self.stopping.set()
        if self.child is not None:
            self.child.join(timeout=0.5)  # a build that ran to its end has told the child to exit
            if self.child.is_alive():
                self.child.terminate()  # stopped early (an error, Ctrl-C): a feeder blocked on the full pipe
                self.child.join()  # sees the child gone
        for feeder in self.feeders:
            feeder.join()
        self.batches.close()
        self.replies.close()


def _reply(replies: Connection, child: Any) -> list:
    try:
        return replies.recv()
    except (EOFError, OSError) as err:
        child.join(timeout=5)
        raise ExecutorError(f"the parsing process stopped (exit code {child.exitcode})") from err


def _doc(nlp: Any, doc_class: Any, article: Article, data: bytes | None) -> Any:
    if data is None:
        return None
    return LongText(nlp, article.text) if data == _LONG else doc_class(nlp.vocab).from_bytes(data)


def _feed(articles: Iterable[Article], batch_size: int, batches: Connection, sent: queue.Queue,
          slots: threading.Semaphore, stop: threading.Event) -> None:
    """Reads the input (in this thread, as the parsing thread did) and sends it on, IN_FLIGHT batches ahead."""
    try:
        for batch in batches_of(articles, batch_size):
            while not slots.acquire(timeout=0.1):
                if stop.is_set():
                    return
            if stop.is_set():
                return
            batches.send(batch)
            sent.put(batch)
        batches.send(None)  # the child's end: it exits once it has answered every batch
        sent.put(_END)
    except BaseException as err:  # noqa: BLE001  (handed to the extracting thread, raised there in order)
        sent.put(err)
