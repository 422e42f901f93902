"""`kg serve`: the store over the SPARQL 1.1 Protocol, read-only, with bounded query time and result size.

Endpoints: `/query` (also `/sparql`, and `/` when a `query` parameter is given) takes GET and POST
(form or `application/sparql-query`); `/named/NAME?param=value` runs a named query; `/` is a landing page.
Updates are refused with 403. Every answer carries CORS headers. Queries run in worker processes
(kg/serve_worker.py) so that one past its time limit is really stopped.

The store is opened with Oxigraph's read-only mode, which takes no lock, so a `kg build` can hold the
store for writing meanwhile. A read-only open is a snapshot: the server checks the store's files on
every query and the workers reopen their snapshots when they changed (StoreWatch), so an answer never
comes from an older snapshot than the one before it. RocksDB calls reading while another process writes
"undefined behaviour"; in practice a failed reopen keeps the previous snapshot, see docs/sparql.md.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator, cast

import pyoxigraph as ox

from kg.errors import UsageError
from kg.query.confidence import DEFAULT_MIN_CONFIDENCE
from kg.query.run import bound_query, named_queries, prepared_named
from kg.serve.http import SparqlHandler
from kg.serve.results import Answer, OutOfMemory, QueryTimeout, ResultTooLarge
from kg.serve.snapshot import Snapshot, StoreBase, StoreWatch
from kg.serve.worker import WorkerFailed, WorkerPool, decode
from kg.store import open_store


@dataclass(frozen=True)
class ServeLimits:
    timeout_s: float = 30.0  # a query's whole evaluation, waiting for a free worker included
    max_rows: int = 10_000  # rows of a SELECT, triples of a CONSTRUCT
    workers: int = 4  # worker processes: queries evaluated at the same time
    max_memory_mb: int | None = None  # memory a query may use in its worker, over the open store; None: a share
    max_per_client: int | None = None  # workers one client address may hold at once; None: workers - 1 (at least 1)
    idle_timeout_s: float = 20.0  # a connection that sends nothing for this long is closed
    allow_service: frozenset[str] = frozenset()  # hosts a SERVICE clause may call; none by default (SSRF)
    trust_forwarded: bool = False  # behind a reverse proxy: the client is X-Forwarded-For's first address

    def checked(self) -> ServeLimits:
        if min(self.timeout_s, self.max_rows, self.workers, self.idle_timeout_s) <= 0:
            raise UsageError("--timeout, --max-rows, --workers and --idle-timeout must be positive")
        if (self.max_memory_mb or 1) <= 0 or (self.max_per_client or 1) <= 0:
            raise UsageError("--max-memory and --max-per-client must be positive")
        return replace(self, max_memory_mb=self.max_memory_mb or default_max_memory_mb(self.workers),
                       max_per_client=self.max_per_client or max(1, self.workers - 1),
                       allow_service=frozenset(host.lower() for host in self.allow_service))


def default_max_memory_mb(workers: int) -> int:
    """An equal share of the machine's memory for each worker, the server itself counted as one more."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    return max(MIN_MEMORY_MB, total // (workers + 1))


MIN_MEMORY_MB = 256  # the default on a small machine; the open store itself is not counted (kg/query/bounded.py)


class QueryService:
    """Runs queries in worker processes over the store (kg/serve_worker.py), within the limits."""

    def __init__(self, store_path: Path, limits: ServeLimits, queries_directory: Path | None = None):
        Snapshot(store_path)  # fail here, with a clear message, if the store cannot be opened
        self.watch = StoreWatch(store_path)
        self.store_path = store_path
        self.limits = limits
        self.queries = named_queries(queries_directory)
        self.store_base = StoreBase(store_path)  # the named queries run rewritten to it (kg.vocab.rebase)
        assert limits.max_memory_mb is not None and limits.max_per_client is not None  # resolved by make_server
        self._pool = WorkerPool(store_path, limits.workers, limits.max_rows, limits.max_memory_mb)
        self._fair = FairShare(limits.max_per_client)

    def named_text(self, name: str, params: dict[str, str], min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> str:
        """A named query's text with its parameters and confidence threshold bound (as `kg query NAME` binds them)."""
        if name not in self.queries:
            raise UsageError(f"{name}: no such named query ({', '.join(self.queries)})")
        base = self.store_base.at(self.watch.generation())
        return bound_query(replace(prepared_named(self.queries[name]), base=base), params, self._lookup,
                           min_confidence)

    def _lookup(self, text: str) -> list:
        """Rows of a small lookup query (a name to IRIs), read here from a fresh read-only snapshot."""
        store = open_store(self.store_path, read_only=True)
        try:
            return list(cast(ox.QuerySolutions, store.query(text)))  # a SELECT
        finally:
            store.close()

    def answer(self, text: str, default_graphs: list[str], named_graphs: list[str], client: str = "") -> Answer:
        """The answer, or SyntaxError, QueryTimeout, ResultTooLarge, OutOfMemory or WorkerFailed."""
        deadline = time.monotonic() + self.limits.timeout_s
        try:
            with self._fair.slot(client, deadline):
                generation = self.watch.generation()
                status, payload = self._pool.run(text, default_graphs, named_graphs, generation,
                                                 max(deadline - time.monotonic(), 0.0))
        except QueryTimeout:
            raise QueryTimeout(f"the query took longer than {self.limits.timeout_s:g} s (the server's limit)") from None
        if status == "ok":  # with the store's base, for the HTML page's prefixed names
            return replace(decode(*payload), base=self.store_base.at(generation))
        if status == "timeout":
            raise QueryTimeout(f"the query took longer than {self.limits.timeout_s:g} s (the server's limit)")
        if status == "memory":
            raise OutOfMemory(f"the query needed more than {self.limits.max_memory_mb} MB (the server's memory "
                              "limit per query); the worker was replaced")
        raise {"syntax": SyntaxError, "too-large": ResultTooLarge}.get(status, WorkerFailed)(payload)

    def worker_pids(self) -> set[int]:
        return self._pool.pids()

    def close(self) -> None:
        self._pool.close()


class FairShare:
    """At most `per_client` queries of one client address evaluated at once: with as many hostile clients as
    workers, the others still find a free worker. A client over its share waits, within its query's time."""

    def __init__(self, per_client: int):
        self.per_client = per_client
        self._held: Counter = Counter()
        self._changed = threading.Condition()

    @contextmanager
    def slot(self, client: str, deadline: float) -> Iterator[None]:
        with self._changed:
            while self._held[client] >= self.per_client:
                if not self._changed.wait(deadline - time.monotonic()):
                    raise QueryTimeout("this client's other queries held its share of the workers")
            self._held[client] += 1
        try:
            yield
        finally:
            with self._changed:
                self._held[client] -= 1
                if not self._held[client]:
                    del self._held[client]
                self._changed.notify_all()


class KgServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's listen backlog is 5: with 20 clients connecting at once the kernel dropped connections,
    # which cost a 1 s SYN retry, or a reset (tests/test_load.py)
    request_queue_size = 128

    def __init__(self, address, service: QueryService, log: Callable[[str], None] | None = None):
        self.service = service
        self.log = log or (lambda line: None)
        super().__init__(address, SparqlHandler)

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.service.close()


def make_server(store_path, host: str = "127.0.0.1", port: int = 7878, *, log: Callable[[str], None] | None = None,
                **limits) -> KgServer:
    """A ready server (not yet serving): call serve_forever(), then shutdown() and server_close().
    `limits` are ServeLimits' fields (timeout_s, max_rows, workers, max_memory_mb, allow_service, ...)."""
    checked = ServeLimits(**limits).checked()
    if str(store_path).startswith(("http://", "https://")):
        raise UsageError(f"{store_path}: kg serve serves a store directory; a SPARQL server already serves this URL")
    service = QueryService(Path(store_path), checked)
    try:
        return KgServer((host, port), service, log)
    except OSError as err:
        service.close()
        raise UsageError(f"cannot listen on {host}:{port} ({err.strerror or err})") from err


def serve(store_path: str | Path, host: str = "127.0.0.1", port: int = 7878, *,
          log: Callable[[str], None] | None = None, **limits: Any) -> None:
    """Serve until interrupted (Ctrl-C); `limits` are make_server's (timeout_s, max_rows, workers, max_memory_mb,
    max_per_client, idle_timeout_s, allow_service)."""
    server = make_server(store_path, host, port, log=log, **limits)
    (log or (lambda line: None))(
        f"kg: serving {store_path} read-only at {server.url} (SPARQL endpoint {server.url}query)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
