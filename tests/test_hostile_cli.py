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


def _console_script() -> list[str]:
    """The installed `kg` entry point (pip's wrapper: `from kg.cli import main`), else the same lines with -c."""
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from kg.cli import main; main()"]


def _assert_interpreter_outcome(code: int, stderr: str, store: Path) -> None:
    """What CPython does with a SIGINT in its own start-up (site, its .pth files, frozen modules, the import system
    still finding `kg` for the wrapper's `from kg.cli import main`), before kg's first line, where no package can
    catch it: it ends of it (exit 1 or the signal, nothing stored), or catches it in its own code ("Failed
    checking if argv[0] is an import path entry", "Exception ignored in ... _get_module_lock") and goes on, and
    then kg never saw a Ctrl-C and runs the whole command, one that leaves a complete store."""
    assert code in (1, -signal.SIGINT, 0), stderr
    assert (code != 0 and not store.exists()) or (code == 0 and "1 stored" in stderr), stderr


@pytest.mark.parametrize("delay_ms", [0, 5, 20, 50, 100])
def test_ctrl_c_in_the_first_milliseconds_is_one_line_or_nothing(tmp_path: Path, delay_ms: int):
    """SIGINT right after the `kg build` process starts: during the interpreter's start-up it dies of the signal
    silently (Python's handler is not there yet) or as CPython's start-up decides, from the first line of kg on it
    is one line and exit 130 -- never a traceback of kg's imports, and never a build that goes on after kg saw the
    signal (a swallowed KeyboardInterrupt)."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outcomes = []
    for trial in range(3):
        build = subprocess.Popen([*_console_script(), "build", str(tmp_path / "a.txt"), "--store",
                                  str(tmp_path / f"store{trial}")], stderr=subprocess.PIPE, text=True, env=env)
        time.sleep(delay_ms / 1000)
        build.send_signal(signal.SIGINT)
        stderr = build.communicate(timeout=120)[1]
        outcomes.append((build.returncode, stderr))
        if stderr in ("", "kg: interrupted while starting; nothing was done\n", "kg: interrupted\n"):
            assert build.returncode in (130, -signal.SIGINT), stderr
            assert not (tmp_path / f"store{trial}").exists() or build.returncode == 130, stderr
        else:  # before kg's first line: "Fatal Python error", a traceback of site or importlib, ...
            assert str(ROOT / "kg") not in stderr, stderr
            _assert_interpreter_outcome(build.returncode, stderr, tmp_path / f"store{trial}")
    print(f"\nSIGINT at {delay_ms} ms: {[code for code, _ in outcomes]}")
