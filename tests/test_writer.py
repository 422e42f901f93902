"""kg/pipeline/writer.py: the build's store writes run in a thread of their own, in order; the first that fails
stops the rest and is raised in the building thread."""

from __future__ import annotations

import threading

import pytest

from kg.errors import StoreError
from kg.pipeline.writer import OrderedWriter


def test_writes_run_in_order_in_another_thread():
    done, threads = [], set()

    def write(n):
        done.append(n)
        threads.add(threading.get_ident())

    with OrderedWriter() as writer:
        for n in range(200):
            writer.submit(write, n)
    assert done == list(range(200))
    assert threads and threading.get_ident() not in threads


def test_a_failed_write_stops_the_later_ones_and_is_raised_once_in_the_building_thread():
    done, raised = [], []

    def write(n):
        if n == 3:
            raise StoreError("disk full")
        done.append(n)

    writer = OrderedWriter()
    for n in range(6):
        try:
            writer.submit(write, n)  # raises there when the writer failed before this submit
        except StoreError as err:
            raised.append(err)
    try:
        writer.close()  # … else here
    except StoreError as err:
        raised.append(err)
    assert [str(err) for err in raised] == ["disk full"]
    assert done == [0, 1, 2]


def test_leaving_the_block_by_an_error_still_writes_what_was_asked():
    done = []
    with pytest.raises(KeyboardInterrupt), OrderedWriter() as writer:
        for n in range(5):
            writer.submit(done.append, n)
        raise KeyboardInterrupt
    assert done == [0, 1, 2, 3, 4]
