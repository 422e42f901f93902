"""Run a query's evaluation under a memory cap, in a child process, so that running out ends in one line.

Oxigraph aborts the process when an allocation fails, and a corrupted store can make `ORDER BY`/`COUNT` grow
without end (0.5 GB/s). `kg query` therefore evaluates in a forked child whose address space is capped
(RLIMIT_AS); the parent reports a child that ran out as a `QueryFailed` line instead of dying with it.

The cap means the memory the query may use: RLIMIT_AS counts address space, and an open store alone reserves
about 600 MB of it, so the limit is the process's address space measured when the query starts, plus the budget.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import tempfile
from typing import Callable

from kg.errors import KgError, QueryFailed


def address_space() -> int:
    """The bytes this process maps now: what RLIMIT_AS counts."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def cap_memory(megabytes: int) -> None:
    """Let this process map at most `megabytes` more than it does now (the soft limit: it may lift it again)."""
    if megabytes > 0:
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        cap = address_space() + megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))


def lift_memory_cap() -> None:
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def default_max_memory_mb(share: int = 2) -> int:
    """1/`share` of the machine's memory, in MB."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20 // share


def bounded(evaluate: Callable[[], bytes], max_memory_mb: int) -> bytes:
    """`evaluate()` run in a child capped to `max_memory_mb`; its bytes, or its KgError raised here."""
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as failure:
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(evaluate, max_memory_mb, output, failure)
        _, status = os.waitpid(pid, 0)
        failure.seek(0)
        raised = failure.read()
        if raised:
            raise pickle.loads(raised)
        if os.WIFSIGNALED(status) or os.WEXITSTATUS(status) != 0:
            raise _ran_out(status, max_memory_mb)
        output.seek(0)
        return output.read()


def _ran_out(status: int, max_memory_mb: int) -> QueryFailed:
    how = signal.Signals(os.WTERMSIG(status)).name if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"
    return QueryFailed(f"the query needed more than {max_memory_mb} MB (--max-memory) and was stopped ({how}); "
                       "narrow it, or the store may be corrupted")


def _child(evaluate: Callable[[], bytes], max_memory_mb: int, output, failure) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        quiet = os.open(os.devnull, os.O_WRONLY)  # native code's own "memory allocation failed" lines: the
        os.dup2(quiet, 2)  # parent prints the one line that explains them
        cap_memory(max_memory_mb)
        output.write(evaluate())
        output.flush()
    except KgError as err:
        failure.write(pickle.dumps(type(err)(str(err))))
        failure.flush()
    except MemoryError:
        code = 3
    except BaseException:  # noqa: BLE001  (anything else: the parent says it in one line)
        code = 4
    os._exit(code)
