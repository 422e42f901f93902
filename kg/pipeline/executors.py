"""Executors: where the per-article work (spaCy parse + `process`) runs during `kg build`.

An executor turns a stream of articles into a stream of `Outcome`s **in input order**, so the
caller (the only writer of the store) writes exactly what a serial build would write:

- `serial`: this process extracts, from one `nlp.pipe` over the whole stream run ahead in a forked
  child (kg/pipeline/parse_process.py; one core: in a thread);
- `pool`: N local processes, each with its own copy of the pipeline;
- `dask`: the workers of a Dask distributed cluster, each loading the pipeline once.

Both parallel executors send batches of `batch_size` articles and keep at most a few batches in
flight, so memory stays flat whatever the corpus size. A batch is parsed with the same
`nlp.pipe(batch_size=...)` grouping as the serial executor, so the parses are bit-identical.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from kg.errors import ExecutorError, UsageError
from kg.model import Article
from kg.pipeline import parse_process
from kg.pipeline.bounded import OverBudget, parse_batch_safely
from kg.pipeline.nlp import load_pipeline
from kg.pipeline.parse_process import batches_of

EXECUTORS = ("local", "dask")
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: enough to hide the round trip, small enough to stay flat


@dataclass(frozen=True)
class Outcome:
    """One article's result: its N-Triples, or the one-line reason extraction failed."""

    article: Article
    ntriples: str | None = None
    error: str | None = None


Process = Callable  # (Doc, Article) -> str; kg.pipeline.build.process, passed in so this module does not import build
Executor = Callable[[Iterable[Article], Process, int], Iterator[Outcome]]


def serial_from(parse_ahead: Callable) -> Executor:
    """This process extracts what `parse_ahead(articles, batch_size)` parsed, in a thread or in a forked child."""

    def serial(articles: Iterable[Article], process: Process, batch_size: int) -> Iterator[Outcome]:
        for doc, article, error in parse_ahead(articles, batch_size):
            yield Outcome(article, error=error) if error else Outcome(article, *_run(process, doc, article))

    return serial


def _parsed_ahead(articles: Iterable[Article], batch_size: int) -> Iterator[tuple]:
    """(doc, article, parse error) triples in input order, parsed by spaCy in a background thread.

    spaCy releases the GIL in its matrix products and parser loop, so while it parses the next
    batch this thread extracts from the last one and the caller writes to the store: on a machine
    with a free core our own work then hides behind the parse (bench/RESULTS.md).
    """
    handoff: queue.Queue = queue.Queue(maxsize=2 * batch_size)  # bounded: memory stays flat
    stop = threading.Event()
    thread = threading.Thread(target=_parse_into, args=(articles, batch_size, handoff, stop), daemon=True,
                              name="kg-parse")
    thread.start()
    try:
        while (item := handoff.get()) is not _END:
            if isinstance(item, BaseException):
                raise item  # reading or parsing failed: the caller sees the same error as a serial loop
            yield item
    finally:
        stop.set()  # also on Ctrl-C or when the caller stops early: the parser stops at its next article …
        thread.join()  # … and is waited for: a thread left inside spaCy at exit aborts the interpreter (SIGABRT)


_END = object()


def _parse_into(articles: Iterable[Article], batch_size: int, handoff: queue.Queue, stop: threading.Event) -> None:
    def put(item) -> bool:
        while not stop.is_set():
            try:
                handoff.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    try:
        nlp = load_pipeline()
        for batch in batches_of(articles, batch_size):
            for article, (doc, error) in zip(batch, parse_batch_safely(nlp, batch, batch_size)):
                if not put((doc, article, error)):
                    return
        put(_END)
    except BaseException as err:  # handed over, raised again in the consuming thread
        put(err)


def parse_batch(batch: list[Article], process: Process) -> list[tuple[str | None, str | None]]:
    """The work unit sent to a worker process: (ntriples, error) per article, in order.

    Articles are not sent back: the caller already has them, which halves the traffic.
    """
    parsed = parse_batch_safely(load_pipeline(), batch, len(batch))
    return [(None, error) if error else _run(process, doc, article) for article, (doc, error) in zip(batch, parsed)]


def _run(process: Process, doc, article: Article) -> tuple[str | None, str | None]:
    try:
        return process(doc, article), None
    except OverBudget as err:
        return None, str(err)
    except Exception as err:  # an extractor bug on one article must not lose the rest of the build
        return None, f"extraction failed ({type(err).__name__}: {err})"


def _ordered(submit: Callable, articles: Iterable[Article], batch_size: int, in_flight: int) -> Iterator[Outcome]:
    """Submit batches, at most `in_flight` at a time, and yield their outcomes in input order.

    `submit(batch)` returns a handle whose `.get()` gives the batch's results.
    """
    pending: deque = deque()
    for batch in batches_of(articles, batch_size):
        pending.append((batch, submit(batch)))
        if len(pending) >= in_flight:
            yield from _collect(*pending.popleft())
    while pending:
        yield from _collect(*pending.popleft())


def _collect(batch: list[Article], handle) -> Iterator[Outcome]:
    for article, (ntriples, error) in zip(batch, handle.get()):
        yield Outcome(article, ntriples, error)


def _worker_init() -> None:
    load_pipeline()  # once per worker process, before the first batch arrives


@contextmanager
def pool(workers: int) -> Iterator[Executor]:
    """N local worker processes (fork: they start at once and share the loaded model's pages)."""
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_worker_init) as procs:

        def run(articles: Iterable[Article], process: Process, batch_size: int) -> Iterator[Outcome]:
            def submit(batch):
                return procs.apply_async(parse_batch, (batch, process))

            return _ordered(submit, articles, batch_size, workers * IN_FLIGHT_PER_WORKER)

        yield run


class _DaskHandle:
    def __init__(self, future):
        self.future = future

    def get(self):
        return self.future.result()


@contextmanager
def dask(scheduler: str) -> Iterator[Executor]:
    """The workers of a running Dask cluster; results come back to this process, which writes them."""
    try:
        from distributed import Client
    except ImportError as err:
        raise UsageError("--executor dask needs dask[distributed]: pip install 'kg-news[dask]'") from err
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as err:
        raise ExecutorError(f"{scheduler}: cannot reach the Dask scheduler ({err})") from err
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        def run(articles: Iterable[Article], process: Process, batch_size: int) -> Iterator[Outcome]:
            def submit(batch):
                return _DaskHandle(client.submit(parse_batch, batch, process, pure=False))

            return _ordered(submit, articles, batch_size, workers * IN_FLIGHT_PER_WORKER)

        yield run
    finally:
        client.close()


def check_executor(kind: str = "local", workers: int = 1, scheduler: str | None = None) -> None:
    """Usage errors in the executor options, raised before any work starts."""
    if kind not in EXECUTORS:
        raise UsageError(f"--executor must be one of {', '.join(EXECUTORS)}, not {kind!r}")
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    if kind == "dask" and not scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")


@contextmanager
def open_executor(kind: str = "local", workers: int = 1, scheduler: str | None = None) -> Iterator[Executor]:
    """The executor for `kg build --executor KIND --workers N --scheduler ADDRESS`."""
    check_executor(kind, workers, scheduler)
    if kind == "dask":
        assert scheduler is not None  # checked above
        with dask(scheduler) as run:
            yield run
    elif workers > 1:
        with pool(workers) as run:
            yield run
    elif parse_process.wanted():
        with parse_process.parsing_process() as parsed:
            yield serial_from(parsed or _parsed_ahead)
    else:
        yield serial_from(_parsed_ahead)
