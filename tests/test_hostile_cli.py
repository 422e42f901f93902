"""Ctrl-C at any moment of `kg build`, start-up included, is one `kg:` line and exit 130 (report section 4).

The report's Ctrl-C one second in landed in the imports of the commands (spaCy, pyoxigraph, rich) and gave a
32-line traceback. The test waits until the child has begun those imports (pyoxigraph's library is mapped),
then interrupts it after a delay: during the imports, while it opens the store, while it parses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, assert_plain_lines

ARTICLE = "Daesh menace Facebook\n\nDaesh menace Facebook et Twitter dans une vidéo de propagande.\n"


def _wait_for_the_command_imports(pid: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if "pyoxigraph" in Path(f"/proc/{pid}/maps").read_text():
            return
        time.sleep(0.002)
    raise AssertionError("the child never imported pyoxigraph")


@pytest.mark.parametrize("delay", [0.0, 0.2, 0.6, 1.5])
def test_ctrl_c_at_any_moment_is_one_line_and_exit_130(tmp_path: Path, delay: float):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "build", str(tmp_path / "a.txt"),
                              "--store", str(tmp_path / "store")], stderr=subprocess.PIPE, text=True, env=env)
    _wait_for_the_command_imports(build.pid)
    time.sleep(delay)
    build.send_signal(signal.SIGINT)
    stderr = build.communicate(timeout=120)[1]
    if build.returncode == 0:  # the build had finished already: nothing to interrupt
        return
    assert build.returncode == 130, stderr
    assert_plain_lines(stderr)
    assert len(stderr.splitlines()) == 1 and "interrupted" in stderr
