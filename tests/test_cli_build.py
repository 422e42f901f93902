"""`kg build`: exit codes, one line per skipped input, a closing summary; and the scorer's two commands end to end."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store

SEEDS = Path(__file__).parent / "data" / "ingest"
KG = Path(sys.executable).parent / "kg"
runner = CliRunner()


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("rtl_excerpt.txt", "error_form_excerpt.txt"):
        shutil.copy(SEEDS / name, folder / name)
    return folder


def kg(*args: str):
    return runner.invoke(app, [str(arg) for arg in args])


def article_graphs(store: Path) -> int:
    opened = open_store(store, read_only=True)
    try:
        return sum(1 for _ in opened.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a <https://w3id.org/kg-news/ontology#Article> } }"))
    finally:
        opened.close()


def test_build_stores_every_article_and_exits_0(corpus, tmp_path, nlp):
    result = kg("build", corpus, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.stderr
    assert "kg: 2 stored, 0 unchanged, 0 skipped" in result.stderr
    assert "skipped " + str(corpus) not in result.stderr
    assert article_graphs(tmp_path / "store") == 2


def test_a_second_build_reports_the_articles_unchanged(corpus, tmp_path, nlp):
    kg("build", corpus, "--store", tmp_path / "store")
    result = kg("build", corpus, "--store", tmp_path / "store")
    assert result.exit_code == 0
    assert "kg: 0 stored, 2 unchanged, 0 skipped" in result.stderr


def test_each_skipped_input_is_one_line_and_the_exit_status_is_1(corpus, tmp_path, nlp):
    (corpus / "empty.txt").write_text("")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = kg("build", corpus, tmp_path / "missing.txt", "--store", tmp_path / "store")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped")]
    assert lines == [
        f"kg: skipped {corpus / 'empty.txt'}: empty file",
        f"kg: skipped {corpus / 'image.txt'}: binary file (PNG image)",
        f"kg: skipped {tmp_path / 'missing.txt'}: no such file or directory",
    ]
    assert "kg: 2 stored, 0 unchanged, 3 skipped" in result.stderr
    assert article_graphs(tmp_path / "store") == 2


def test_no_existing_path_is_a_usage_error_with_exit_2(tmp_path):
    result = kg("build", tmp_path / "nope", "--store", tmp_path / "store")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kg: error: no such file or folder: {tmp_path / 'nope'}"
    assert not (tmp_path / "store").exists()


def test_a_store_path_that_is_a_file_is_an_error_naming_it(corpus, tmp_path):
    (tmp_path / "file").write_text("x")
    result = kg("build", corpus, "--store", tmp_path / "file")
    assert result.exit_code == 3
    assert result.stderr.strip() == f"kg: error: {tmp_path / 'file'}: not a directory, cannot hold a store"


def test_a_store_held_by_another_build_is_an_error_with_exit_4_and_keeps_its_content(corpus, tmp_path, nlp):
    kg("build", corpus, "--store", tmp_path / "store")
    holder = open_store(tmp_path / "store")
    try:
        result = kg("build", corpus, "--store", tmp_path / "store", "--force")
    finally:
        holder.close()
    assert result.exit_code == 4
    assert result.stderr.startswith(f"kg: error: {tmp_path / 'store'}: the store is in use by another kg process")
    assert article_graphs(tmp_path / "store") == 2


def test_prune_and_force_reach_the_build(corpus, tmp_path, nlp):
    kg("build", corpus, "--store", tmp_path / "store")
    (corpus / "rtl_excerpt.txt").unlink()
    result = kg("build", corpus, "--store", tmp_path / "store", "--prune", "--force")
    assert result.exit_code == 0
    assert "kg: 1 stored, 0 unchanged, 0 skipped, 1 pruned" in result.stderr
    assert article_graphs(tmp_path / "store") == 1


def test_max_size_skips_larger_files(corpus, tmp_path, nlp):
    result = kg("build", corpus, "--store", tmp_path / "store", "--max-size", "0.001")
    assert result.exit_code == 1
    assert f"kg: skipped {corpus / 'rtl_excerpt.txt'}: file too large (1.8 KB, the limit is 1 KB)" in result.stderr


def test_help_shows_an_example():
    result = kg("build", "--help")
    assert result.exit_code == 0
    assert "kg build examples/articles --store kg-store" in result.stdout


@pytest.mark.slow
def test_the_scorers_commands_work_end_to_end(corpus, tmp_path):
    """Exactly what /work/shared/eval/score.py runs: `kg build CORPUS --store DIR`, then `kg export ... nquads`."""
    store, output = tmp_path / "store", tmp_path / "graph.nq"
    built = subprocess.run([KG, "build", corpus, "--store", store], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    exported = subprocess.run([KG, "export", "--store", store, "--format", "nquads", "--output", output],
                              capture_output=True, text=True)
    assert exported.returncode == 0, exported.stderr
    quads = list(ox.parse(path=str(output), format=ox.RdfFormat.N_QUADS))
    graphs = {quad.graph_name.value for quad in quads}
    identifiers = {quad.object.value: quad.graph_name.value for quad in quads
                   if quad.predicate.value == "http://purl.org/dc/terms/identifier"}
    assert set(identifiers) == {"rtl_excerpt", "error_form_excerpt"}
    # one graph per article, the display names kg derives from them (kg/names.py), the build's provenance and
    # the dataset's VoID description (kg/rdf/provenance.py)
    assert graphs == {*identifiers.values(), "https://w3id.org/kg-news/names", "https://w3id.org/kg-news/provenance",
                      "https://w3id.org/kg-news/void"}
