"""bench/calibration_rows.py judges each stored fact as the scorer does: ok, opt (only an optional gold fact) or
wrong, with the confidence and cue its evidence record carries."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app

ARTICLE = "Vimeo ferme des comptes\n\nVimeo a supprimé mardi les comptes du Hamas.\n"
GOLD = """
[entity.vimeo]
type = "Platform"
aliases = ["Vimeo"]
[entity.hamas]
type = "TerroristGroup"
aliases = ["Hamas"]

[[fact]]
article = "vimeo"
s = "vimeo"
p = "suspendsAccountsOf"
o = "hamas"
"""


@pytest.fixture(scope="module")
def graph(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("rows")
    (folder / "in").mkdir()
    (folder / "in" / "vimeo.txt").write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(folder / "in"), "--store", str(folder / "store")]).exit_code == 0
    out = folder / "out.nq"
    assert runner.invoke(app, ["export", "--store", str(folder / "store"), "--format", "nquads",
                               "--output", str(out)]).exit_code == 0
    return out


@pytest.mark.parametrize(("gold", "verdict"), [
    (GOLD, "ok"),
    (GOLD + "optional = true\n", "opt"),
    (GOLD.replace('p = "suspendsAccountsOf"', 'p = "uses"'), "wrong"),
])
def test_a_stored_fact_is_judged_as_the_scorer_judges_it(graph, tmp_path, gold, verdict, bench_script):
    (tmp_path / "gold.toml").write_text(gold, encoding="utf-8")
    rows = bench_script("calibration_rows").judged_rows(tmp_path / "gold.toml", graph)
    suspensions = [r for r in rows if r[4] == "suspendsAccountsOf"]
    assert [(r[0], r[1], r[5], r[6]) for r in suspensions] == [("vimeo", verdict, "vimeo", "hamas")]
    assert 0.0 < suspensions[0][2] <= 1.0 and suspensions[0][3]


def test_articles_outside_the_fold_are_left_out(graph, tmp_path, bench_script):
    (tmp_path / "gold.toml").write_text(GOLD, encoding="utf-8")
    assert bench_script("calibration_rows").judged_rows(tmp_path / "gold.toml", graph, {"another"}) == []
