"""Issue 15, point 7: the CLI fits a terminal and a habit (width, --version, examples, empty input, --lang)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app  # the typer app with every command registered

INGEST = Path(__file__).parent / "data" / "ingest"

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


def test_a_markdown_file_is_not_an_article_and_exits_1(tmp_path):
    (tmp_path / "notes.md").write_text("# heading\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "notes.md"), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert f"kg: skipped {tmp_path / 'notes.md'}: not an article file (.md;" in result.stderr
    assert "0 stored, 0 unchanged, 1 skipped" in result.stderr


def test_render_refuses_a_language_it_has_no_strings_for(seeds_store, tmp_path):
    result = runner.invoke(app, ["render", "--store", str(seeds_store), "--lang", "de", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "--lang de" in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_the_progress_says_loading_the_french_model_until_the_first_article_is_stored(tmp_path, nlp):
    from kg.cli.build import ProgressText
    from kg.pipeline.build import build
    from kg.store import open_store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("rtl_excerpt.txt", "lci_excerpt.txt"):
        (corpus / name).write_bytes((INGEST / name).read_bytes())
    seen: list[tuple[str, str]] = []
    describe = ProgressText()
    with open_store(tmp_path / "store") as store:
        build([corpus], store, progress=lambda item, status: seen.append((status, describe(item, status))))
        statuses = [status for status, _ in seen]
        assert statuses == ["loading", "stored", "stored"]
        assert [text for _, text in seen] == ["loading the French model", "stored lci_excerpt", "stored rtl_excerpt"]
        seen.clear()
        build([corpus], store, progress=lambda item, status: seen.append((status, describe(item, status))))
    assert [status for status, _ in seen] == ["unchanged", "unchanged"]  # nothing to parse: no model to load
