"""The store as the server sees it: a read-only snapshot per worker, and the clock that says when to reopen it."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.base import stored_base
from kg.store.local import open_read_only
from kg.vocab import DEFAULT_BASE


def store_signature(path: Path) -> tuple:
    """Name, size and modification time of each file of the store: a write changes one of them."""
    entries = []
    for entry in os.scandir(path):
        try:
            info = entry.stat()
        except FileNotFoundError:  # removed by a compaction while we looked
            continue
        entries.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(entries))


class StoreWatch:
    """The server's clock of the store: a generation number that goes up when a writer changed the files.

    It lives in the server process and every query carries the current generation to its worker, which
    reopens its snapshot when it is behind. Each worker checking on its own let them drift apart: a client
    could get a new answer from one worker, then an older one from the next (tests/test_serve.py).
    """

    # A write in the same clock tick as the last check leaves the modification times unchanged, so the
    # generation also goes up every few seconds whatever the files look like.
    REOPEN_S = 3.0

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._signature = store_signature(path)
        self._generation, self._moved = 0, time.monotonic()

    def generation(self) -> int:
        """Checked on every query: a snapshot opened after this call sees every write made before it."""
        with self._lock:
            try:
                signature = store_signature(self.path)
            except OSError:  # the directory went away: the workers' reopen will fail and keep their snapshot
                signature = ()
            now = time.monotonic()
            if signature != self._signature or now - self._moved >= self.REOPEN_S:
                self._signature, self._moved, self._generation = signature, now, self._generation + 1
            return self._generation


class Snapshot:
    """A worker's read-only view of the store, reopened when the server's generation is ahead of it."""

    def __init__(self, path: Path):
        if not path.is_dir():
            raise StoreError(f"{path}: no store here (build one with `kg build PATH --store {path}`)")
        self.path = path
        self._store = open_read_only(path)
        self._generation = 0  # opened after the server's generation 0 was taken (WorkerPool starts later)

    def behind(self, generation: int) -> bool:
        return generation > self._generation

    def at(self, generation: int) -> ox.Store:
        if generation > self._generation:
            try:
                self._store = open_read_only(self.path)
            except StoreError:
                return self._store  # a writer is mid-way; the previous snapshot answers, the next query retries
            self._generation = generation
        return self._store


class StoreBase:
    """The store's base IRI (kg build --base-iri) as the server last read it, at a generation of StoreWatch.

    An empty store records no base, and its first build may set any: until the store records one, the base is
    read again whenever the generation moved. Once recorded it never changes (kg.store.base.claim_base), so
    it is read no more.
    """

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._base, self._recorded, self._generation = DEFAULT_BASE, False, -1

    def at(self, generation: int) -> str:
        with self._lock:
            if not self._recorded and generation > self._generation:
                try:
                    store = open_read_only(self.path)
                except StoreError:  # a writer is mid-way: the base read before answers, the next generation retries
                    return self._base
                recorded = stored_base(store)
                self._base, self._recorded, self._generation = recorded or DEFAULT_BASE, bool(recorded), generation
            return self._base
