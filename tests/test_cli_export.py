"""`kg export` on a real store: stdout or a file, one-line errors with their exit codes."""

from __future__ import annotations

import pyoxigraph as ox
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def kg(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def test_export_writes_nquads_to_stdout(one_threat_store):
    path, expected = one_threat_store
    result = kg("export", "--store", path, "--format", "nquads")
    assert result.exit_code == 0, result.stderr
    assert set(ox.parse(result.stdout_bytes, format=ox.RdfFormat.N_QUADS)) == expected


def test_export_writes_the_output_file_and_nothing_on_stdout(one_threat_store, tmp_path):
    path, expected = one_threat_store
    result = kg("export", "--store", path, "--format", "trig", "--output", tmp_path / "out.trig")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert set(ox.parse(path=str(tmp_path / "out.trig"), format=ox.RdfFormat.TRIG)) == expected


def test_export_of_a_missing_store_is_an_error_with_exit_3(tmp_path):
    result = kg("export", "--store", tmp_path / "none", "--format", "nquads")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"kg: error: {tmp_path / 'none'}: no store here")


def test_export_to_an_unwritable_place_is_an_error_naming_it(one_threat_store, tmp_path):
    path, _ = one_threat_store
    target = tmp_path / "no-such-folder" / "out.nq"
    result = kg("export", "--store", path, "--format", "nquads", "--output", target)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kg: error: {target}: cannot write (No such file or directory)"


def test_export_rejects_an_unknown_format_with_exit_2(one_threat_store):
    path, _ = one_threat_store
    result = kg("export", "--store", path, "--format", "yaml")
    assert result.exit_code == 2
    assert "yaml" in result.stderr


def test_help_shows_an_example():
    result = kg("export", "--help")
    assert result.exit_code == 0
    assert "kg export --store kg-store --format nquads --output graph.nq" in result.stdout
