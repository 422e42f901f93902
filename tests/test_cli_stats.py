"""`kg stats` on a real store."""

from __future__ import annotations

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def kg(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def test_stats_prints_the_counts(one_threat_store):
    path, _ = one_threat_store
    result = kg("stats", "--store", path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["articles: 1", "facts: 1"]
    assert "  threatens  1" in lines
    assert "counted events: none" in lines


def test_stats_of_a_missing_store_is_an_error_with_exit_3(tmp_path):
    result = kg("stats", "--store", tmp_path / "none")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"kg: error: {tmp_path / 'none'}: no store here")


def test_help_shows_an_example():
    result = kg("stats", "--help")
    assert result.exit_code == 0
    assert "kg stats --store kg-store" in result.stdout
