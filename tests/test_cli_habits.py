"""Issue 15, point 7: the CLI fits a terminal and a habit (width, --version, examples, empty input, --lang)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli.app import app

runner = CliRunner()
COMMANDS = ["build", "query", "export", "stats", "validate", "render", "serve"]


@pytest.mark.parametrize("name", ["threats", "evidence", "suspensions", "actor"])
def test_tables_fit_an_80_column_terminal(seeds_store, name):
    params = ["--param", "entity=Daech"] if name == "actor" else []
    result = runner.invoke(app, ["query", name, *params, "--store", str(seeds_store)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 3 and max(map(len, lines)) <= 80


def test_csv_keeps_the_full_text(seeds_store):
    result = runner.invoke(app, ["query", "evidence", "--store", str(seeds_store), "--format", "csv"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0 and max(map(len, result.stdout.splitlines())) > 80


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("kg ") and "extractor" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_has_an_example(command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "Example: kg " + command in result.stdout


def test_a_path_with_no_article_exits_1(tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["build", str(tmp_path / "empty"), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1 and "no article found" in result.stderr


def test_render_refuses_a_language_it_has_no_strings_for(seeds_store, tmp_path):
    result = runner.invoke(app, ["render", "--store", str(seeds_store), "--lang", "de", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "--lang de" in result.stderr
    assert not (tmp_path / "x.html").exists()
