"""The docs say what the code does: the README's command and exit-code tables, every command's --help example,
the cue table of docs/extraction.md, and the README's Python example, run."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from kg.cli import app
from kg.errors import EXIT_CODES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def section(text: str, title: str) -> str:
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def command_rows() -> dict[str, str]:
    """README's command table: command name -> its synopsis."""
    rows = re.findall(r"^\| `kg (\w+)([^`]*)` \|", section(README, "Commands"), flags=re.M)
    return {name: synopsis for name, synopsis in rows}


def test_the_command_table_lists_every_command():
    assert set(command_rows()) == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_in_the_command_table_exists(name):
    written = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", command_rows()[name]))
    known = {opt for param in COMMANDS[name].params for opt in [*param.opts, *param.secondary_opts]}
    assert written and written <= known


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_help_shows_an_example(name):
    done = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", name, "--help"],
                          capture_output=True, text=True, cwd=ROOT, env={"COLUMNS": "200", "PATH": "/usr/bin"})
    assert done.returncode == 0, done.stderr
    examples = [line.strip() for line in done.stdout.splitlines() if line.strip().startswith("Example:")]
    assert examples and all(example.startswith(f"Example: kg {name} ") for example in examples)


def test_the_exit_code_tables_match_kg_errors():
    expected = {str(code): meaning for meaning, code in EXIT_CODES.items()}
    assert dict(re.findall(r"^\| (\d+) \| (.+?) \|$", README, flags=re.M)) == expected
    reliability = section((ROOT / "docs" / "reliability.md").read_text(encoding="utf-8"), "Exit codes")
    assert set(re.findall(r"^\| (\d+) \|", reliability, flags=re.M)) == set(expected)


def test_the_cue_table_of_docs_extraction_is_the_lexicon_s():
    spec = importlib.util.spec_from_file_location("cue_table", ROOT / "docs" / "cue_table.py")
    assert spec and spec.loader
    cue_table = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cue_table)
    written = cue_table.current_table(cue_table.DOC.read_text(encoding="utf-8"))
    assert written == cue_table.table(), "docs/extraction.md is out of date: run python docs/cue_table.py --write"
    assert "`threatens`" in written and "any Agent" in written


@pytest.mark.slow
def test_the_python_example_of_the_readme_runs(tmp_path):
    api = section(README, "Python API")
    code = re.search(r"```python\n(.*?)```", api, flags=re.S).group(1)
    shown = re.search(r"```text\n(.*?)```", api, flags=re.S).group(1).splitlines()
    shutil.copytree(ROOT / "examples" / "articles", tmp_path / "examples" / "articles")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin"})
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    # the counts follow the extractor; what the example shows of them must keep its shape
    assert [re.sub(r"\d+", "N", line) for line in (printed[0], *printed[-3:])] == \
        [re.sub(r"\d+", "N", line) for line in (shown[0], *shown[-3:])]
    assert printed[0].startswith("9 stored, 0 unchanged") and "conforms: True" in printed
    assert any(" -> " in line for line in printed)
