"""Query workers for `kg serve`: one process each, so that a query past its deadline can be stopped.

Oxigraph cannot cancel an evaluation from Python (a large aggregate runs to its end before the first
row), so each query runs in a worker process; when the deadline passes the worker is killed and a
fresh one started. A worker that crashes (say, on a store file removed under it by a build) costs
one query, not the server.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from kg.query.bounded import cap_memory, lift_memory_cap
from kg.serve.results import Answer, QueryTimeout, ResultTooLarge, collect, to_json
from kg.serve.snapshot import Snapshot

START_TIMEOUT_S = 60.0


class WorkerFailed(Exception):
    """The worker died or the store could not be read; the query may succeed when sent again."""


@dataclass(eq=False)  # compared and hashed by identity, kept in a set
class Worker:
    process: subprocess.Popen
    conn: Connection


def worker_main(conn, store_path: str, max_rows: int, max_memory_mb: int = 0) -> None:
    """The worker's loop: (query, default graphs, named graphs, store generation, seconds left) in, an encoded
    answer out. The generation comes from the server's StoreWatch: the snapshot is reopened when it is behind."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    snapshot = Snapshot(Path(store_path))
    cap_memory(max_memory_mb)
    conn.send(("ready", ""))
    while True:
        try:
            text, defaults, named, generation, seconds = conn.recv()
        except (EOFError, OSError):
            return  # the server went away
        # no reference to the store outlives the query: the old snapshot is gone when the cap is measured again
        conn.send(_evaluate(_reopened(snapshot, generation, max_memory_mb), text, defaults, named,
                            time.monotonic() + seconds, max_rows))


def _reopened(snapshot: Snapshot, generation: int, max_memory_mb: int) -> ox.Store:
    """The snapshot at `generation`, and this worker capped to `max_memory_mb` over what it maps then.

    The cap is the memory a query may use (kg/query/bounded.py): past it an allocation fails (MemoryError, or an
    abort in Oxigraph's native code), which the pool reports as 503 and answers by starting a fresh worker. A
    reopen maps a second store for a moment, so the cap is lifted around it and measured again after."""
    if not snapshot.behind(generation):
        return snapshot.at(generation)
    lift_memory_cap()
    try:
        return snapshot.at(generation)
    finally:
        cap_memory(max_memory_mb)


def _evaluate(store: ox.Store, text: str, defaults: list[str], named: list[str], deadline: float, max_rows: int):
    options: dict = {"use_default_graph_as_union": not defaults}
    try:  # a graph IRI the server did not check must cost this query only, never the worker
        if defaults:
            options["default_graph"] = [ox.NamedNode(iri) for iri in defaults]
        if named:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named]
        answer = collect(store.query(text, **options), max_rows, deadline)
    except SyntaxError as err:
        return "syntax", str(err)
    except QueryTimeout as err:
        return "timeout", str(err)
    except ResultTooLarge as err:
        return "too-large", str(err)
    except MemoryError:
        return "memory", ""
    except (OSError, ValueError, RuntimeError) as err:
        return "failed", str(err)
    return "ok", encode(answer)


def encode(answer: Answer) -> tuple[str, bytes]:
    if answer.kind == "graph":
        return "graph", ox.serialize(iter(answer.rows), format=ox.RdfFormat.N_TRIPLES) or b""
    return answer.kind, json.dumps(to_json(answer), ensure_ascii=False).encode("utf-8")


def decode(kind: str, payload: bytes) -> Answer:
    if kind == "graph":
        return Answer("graph", rows=tuple(q.triple for q in ox.parse(payload, ox.RdfFormat.N_TRIPLES)))
    result = ox.parse_query_results(payload, ox.QueryResultsFormat.JSON)
    return collect(result, max_rows=len(payload) + 1, deadline=float("inf"))


class WorkerPool:
    """`size` worker processes over one store; `run` sends a query to an idle one."""

    def __init__(self, store_path: Path, size: int, max_rows: int, max_memory_mb: int = 0):
        self._args = [str(store_path), str(max_rows), str(max_memory_mb)]
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        starting = [self._spawn() for _ in range(size)]
        for worker in starting:
            self._ready(worker)

    def _spawn(self) -> Worker:
        """A fresh interpreter running this module, talking over a socket pair. Not multiprocessing's
        spawn, which re-runs the caller's main script in each child; not fork, the server has threads."""
        parent, child = socket.socketpair()
        package_root = str(Path(__file__).resolve().parents[1])
        path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "RUST_BACKTRACE": "0", "PYTHONPATH": path}  # no backtrace when an allocation fails
        process = subprocess.Popen([sys.executable, "-m", "kg.serve.worker", str(child.fileno()), *self._args],
                                   pass_fds=[child.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   env=env)
        child.close()
        worker = Worker(process, Connection(parent.detach()))
        with self._lock:
            self._all.add(worker)
        return worker

    def _ready(self, worker: Worker) -> None:
        """Wait for a new worker's greeting, then make it available."""
        if not worker.conn.poll(START_TIMEOUT_S):
            self._kill(worker)
            raise WorkerFailed(f"a query worker did not start within {START_TIMEOUT_S:g} s")
        worker.conn.recv()
        self._idle.put(worker)

    def _replace(self, worker: Worker) -> None:
        """Kill a worker and start another in the background (the request does not wait for it)."""
        self._kill(worker)
        if not self._closed:
            threading.Thread(target=self._start_replacement, daemon=True).start()

    def _start_replacement(self) -> None:
        """In its own thread. A pool closed meanwhile must not keep the new worker, nor complain that it died."""
        worker = self._spawn()
        if self._closed:  # close() may have listed the workers before this one was added
            self._kill(worker)
            return
        try:
            self._ready(worker)
        except (EOFError, OSError):  # killed by close() while it started
            if not self._closed:
                raise

    def _kill(self, worker: Worker) -> None:
        worker.process.kill()
        worker.process.wait(5)
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)

    def run(self, text: str, defaults: list[str], named: list[str], generation: int, timeout_s: float):
        """(status, payload) from a worker; raises QueryTimeout past the deadline, WorkerFailed if it died."""
        deadline = time.monotonic() + timeout_s
        try:
            worker = self._idle.get(timeout=timeout_s)
        except queue.Empty:
            raise QueryTimeout("no query worker became free before the server's time limit") from None
        try:
            worker.conn.send((text, defaults, named, generation, max(deadline - time.monotonic(), 0.0)))
            if not worker.conn.poll(max(deadline - time.monotonic(), 0.0)):
                self._replace(worker)
                raise QueryTimeout("the query ran past the server's time limit")
            status, payload = worker.conn.recv()
        except (EOFError, OSError) as err:
            self._replace(worker)
            if worker.process.returncode == -signal.SIGABRT:  # an allocation past RLIMIT_AS aborts native code
                return "memory", ""
            raise WorkerFailed(f"the query worker stopped ({err or type(err).__name__})") from err
        if status == "memory":
            self._replace(worker)  # a process that ran out of memory once is not trusted with the next query
        else:
            self._idle.put(worker)
        return status, payload

    def pids(self) -> set[int]:
        """Process ids of the live workers (for monitoring and tests)."""
        with self._lock:
            return {worker.process.pid for worker in self._all}

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._kill(worker)


if __name__ == "__main__":  # python -m kg.serve.worker FD STORE MAX_ROWS MAX_MEMORY_MB, started by WorkerPool
    worker_main(Connection(int(sys.argv[1])), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
