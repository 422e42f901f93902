"""`kg train` end to end on a small file written for this test, then `kg build --model` with what it wrote."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.extract.identity import ExtractorSettings, extractor_identity
from kg.rdf.mapping import pipeline_identity
from kg.store import open_store
from kg.vocab import RELATIONS

pytestmark = pytest.mark.slow
runner = CliRunner()

G, P, T, H, PER, PL = "GovernmentBody", "Platform", "TerroristGroup", "HackerGroup", "Person", "Place"
# (text, {surface: class}, [(head surface, relation, child surface)]); surfaces are unique in their text
SMALL = [
    ("Vimeo a supprimé les comptes du Hamas.", {"Vimeo": P, "Hamas": T}, [("Vimeo", "suspendsAccountsOf", "Hamas")]),
    ("Twitch a fermé les chaînes du Hezbollah.", {"Twitch": P, "Hezbollah": T},
     [("Twitch", "suspendsAccountsOf", "Hezbollah")]),
    ("Les vidéos de Boko Haram ont été retirées par Dailymotion.", {"Boko Haram": T, "Dailymotion": P},
     [("Dailymotion", "suspendsAccountsOf", "Boko Haram")]),
    ("Discord a banni les talibans.", {"Discord": P, "talibans": T}, [("Discord", "suspendsAccountsOf", "talibans")]),
    ("Le Hamas n'a pas été banni de Vimeo.", {"Hamas": T, "Vimeo": P}, []),
    ("Le Hamas publie ses vidéos sur Vimeo.", {"Hamas": T, "Vimeo": P}, [("Hamas", "uses", "Vimeo")]),
    ("Les talibans utilisent Signal.", {"talibans": T, "Signal": P}, [("talibans", "uses", "Signal")]),
    ("Al-Shabaab recrute sur Twitch.", {"Al-Shabaab": T, "Twitch": P}, [("Al-Shabaab", "uses", "Twitch")]),
    ("Le Hezbollah diffuse ses messages via Discord.", {"Hezbollah": T, "Discord": P},
     [("Hezbollah", "uses", "Discord")]),
    ("Boko Haram a quitté Dailymotion.", {"Boko Haram": T, "Dailymotion": P}, []),
    ("Le Hamas menace Israël.", {"Hamas": T, "Israël": PL}, [("Hamas", "threatens", "Israël")]),
    ("Al-Shabaab menace le Kenya de représailles.", {"Al-Shabaab": T, "Kenya": PL},
     [("Al-Shabaab", "threatens", "Kenya")]),
    ("Boko Haram promet de frapper Abuja.", {"Boko Haram": T, "Abuja": PL}, [("Boko Haram", "threatens", "Abuja")]),
    ("Le Hezbollah a menacé de mort Omar Haddad.", {"Hezbollah": T, "Omar Haddad": PER},
     [("Hezbollah", "threatens", "Omar Haddad")]),
    ("Le Hamas est basé à Gaza.", {"Hamas": T, "Gaza": PL}, [("Hamas", "locatedIn", "Gaza")]),
    ("Le siège de Vimeo se trouve à New York.", {"Vimeo": P, "New York": PL}, [("Vimeo", "locatedIn", "New York")]),
    ("Al-Shabaab contrôle des villages près de Kismayo.", {"Al-Shabaab": T, "Kismayo": PL},
     [("Al-Shabaab", "locatedIn", "Kismayo")]),
    ("Europol collabore avec Interpol.", {"Europol": G, "Interpol": G}, [("Europol", "cooperatesWith", "Interpol")]),
    ("La DGSI travaille avec le FBI.", {"DGSI": G, "FBI": G}, [("DGSI", "cooperatesWith", "FBI")]),
    ("Vimeo et Twitch ont signé un accord avec Europol.", {"Vimeo": P, "Twitch": P, "Europol": G},
     [("Vimeo", "cooperatesWith", "Europol"), ("Twitch", "cooperatesWith", "Europol")]),
    ("Interpol refuse de coopérer avec Discord.", {"Interpol": G, "Discord": P}, []),
    ("Le FBI enquête sur Anonymous.", {"FBI": G, "Anonymous": H}, [("FBI", "investigates", "Anonymous")]),
    ("La DGSI a ouvert une enquête sur GhostSec.", {"DGSI": G, "GhostSec": H}, [("DGSI", "investigates", "GhostSec")]),
    ("Europol enquête sur le Hamas.", {"Europol": G, "Hamas": T}, [("Europol", "investigates", "Hamas")]),
    ("Anonymous a piraté les comptes du Hamas.", {"Anonymous": H, "Hamas": T}, [("Anonymous", "hacks", "Hamas")]),
    ("GhostSec a pris le contrôle de sites du Hezbollah.", {"GhostSec": H, "Hezbollah": T},
     [("GhostSec", "hacks", "Hezbollah")]),
    ("Les comptes de Boko Haram ont été piratés par Anonymous.", {"Boko Haram": T, "Anonymous": H},
     [("Anonymous", "hacks", "Boko Haram")]),
    ("Anonymous n'a pas piraté GhostSec.", {"Anonymous": H, "GhostSec": H}, []),
    ("Omar Haddad dirige le Hezbollah.", {"Omar Haddad": PER, "Hezbollah": T},
     [("Omar Haddad", "leaderOf", "Hezbollah")]),
    ("Nadia Rahmani, cheffe de la DGSI, a parlé.", {"Nadia Rahmani": PER, "DGSI": G},
     [("Nadia Rahmani", "leaderOf", "DGSI")]),
    ("Karim Idrissi est membre du Hamas.", {"Karim Idrissi": PER, "Hamas": T},
     [("Karim Idrissi", "memberOf", "Hamas")]),
    ("Lina Sorel travaille chez Vimeo.", {"Lina Sorel": PER, "Vimeo": P}, [("Lina Sorel", "memberOf", "Vimeo")]),
    ("Paul Verdier a fondé Twitch.", {"Paul Verdier": PER, "Twitch": P}, [("Paul Verdier", "founderOf", "Twitch")]),
    ("Créé par Omar Haddad, le groupe Al-Ansar recrute.", {"Omar Haddad": PER, "Al-Ansar": T},
     [("Omar Haddad", "founderOf", "Al-Ansar")]),
    ("Al-Ansar a prêté allégeance au Hezbollah.", {"Al-Ansar": T, "Hezbollah": T},
     [("Al-Ansar", "affiliatedWith", "Hezbollah")]),
    ("Al-Ansar est une branche du Hamas.", {"Al-Ansar": T, "Hamas": T}, [("Al-Ansar", "affiliatedWith", "Hamas")]),
    ("Karim Idrissi a rencontré Lina Sorel à Gaza.", {"Karim Idrissi": PER, "Lina Sorel": PER, "Gaza": PL}, []),
    ("Paul Verdier vit à New York.", {"Paul Verdier": PER, "New York": PL},
     [("Paul Verdier", "locatedIn", "New York")]),
    ("Si Vimeo fermait les comptes du Hamas, le groupe partirait.", {"Vimeo": P, "Hamas": T}, []),
    ("Nadia Rahmani enquête sur Al-Ansar.", {"Nadia Rahmani": PER, "Al-Ansar": T},
     [("Nadia Rahmani", "investigates", "Al-Ansar")]),
]

ARTICLES = {
    "vimeo.txt": "Vimeo ferme des comptes du Hamas\n\nVimeo a supprimé mardi les comptes du Hamas. Le FBI enquête "
                 "sur le groupe, qui publie ses vidéos sur Twitch.\n",
    "europol.txt": "Europol et Interpol main dans la main\n\nEuropol collabore avec Interpol contre Al-Shabaab, qui "
                   "menace le Kenya.\n",
}

GOLD = """
[entity.vimeo]
type = "Platform"
aliases = ["Vimeo"]
[entity.hamas]
type = "TerroristGroup"
aliases = ["Hamas"]
[entity.fbi]
type = "GovernmentBody"
aliases = ["FBI"]
[entity.twitch]
type = "Platform"
aliases = ["Twitch"]
[entity.europol]
type = "GovernmentBody"
aliases = ["Europol"]
[entity.interpol]
type = "GovernmentBody"
aliases = ["Interpol"]
[entity.shabaab]
type = "TerroristGroup"
aliases = ["Al-Shabaab"]
[entity.kenya]
type = "Place"
aliases = ["Kenya"]

[[fact]]
article = "vimeo"
s = "vimeo"
p = "suspendsAccountsOf"
o = "hamas"
[[fact]]
article = "vimeo"
s = "hamas"
p = "uses"
o = "twitch"
[[fact]]
article = "europol"
s = "europol"
p = "cooperatesWith"
o = "interpol"
[[fact]]
article = "europol"
s = "shabaab"
p = "threatens"
o = "kenya"
"""
GOLD_EXAMPLES = 4  # the paragraphs naming two of the gold's entities: each article's title and its body


def record(text: str, classes: dict[str, str], relations: list[tuple[str, str, str]]) -> dict:
    def span(surface: str) -> dict:
        start = text.index(surface)
        return {"start": start, "end": start + len(surface), "label": classes[surface]}

    return {"text": text, "spans": [span(s) for s in classes],
            "relations": [{"head_span": span(h), "child_span": span(c), "label": rel} for h, rel, c in relations]}


def kg(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def trained(tmp_path_factory, nlp):
    """`kg train small.jsonl --replace --folds 2 --output DIR`, run once: (result, DIR)."""
    folder = tmp_path_factory.mktemp("train")
    data = folder / "small.jsonl"
    data.write_text("".join(json.dumps(record(*row), ensure_ascii=False) + "\n" for row in SMALL), encoding="utf-8")
    result = kg("train", data, "--replace", "--folds", "2", "--output", folder / "model")
    return result, folder / "model"


def test_kg_train_exits_0_prints_a_table_per_relation_and_writes_the_weights(trained):
    result, model = trained
    assert result.exit_code == 0, result.output
    assert f"kg: trained on {len(SMALL)} examples" in result.stdout
    table = result.stdout.splitlines()
    header = next(k for k, line in enumerate(table) if line.split()[:4] == ["relation", "P", "R", "F1"])
    rows = {line.split()[0]: line.split()[1:] for line in table[header + 1:] if line.strip()}
    assert set(rows) == set(RELATIONS)
    assert all(len(values) == 4 and 0.0 <= float(values[2]) <= 1.0 for values in rows.values())
    assert (model / "relations.npz").is_file()


def test_kg_build_with_the_trained_model_stores_facts_under_another_extractor_version(trained, tmp_path):
    _, model = trained
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    mine = kg("build", corpus, "--store", tmp_path / "mine", "--model", model)
    packaged = kg("build", corpus, "--store", tmp_path / "packaged")
    assert mine.exit_code == 0, mine.output
    assert packaged.exit_code == 0, packaged.output
    assert "kg: 2 stored, 0 unchanged, 0 skipped" in mine.stderr
    with open_store(tmp_path / "mine", read_only=True) as store:
        assert facts_in(store) > 0
        versions = {v for _, v in store.article_states().values()}
    with open_store(tmp_path / "packaged", read_only=True) as store:
        packaged_versions = {v for _, v in store.article_states().values()}
    assert versions == {pipeline_identity(extractor_identity(ExtractorSettings(model=model / "relations.npz")))}
    assert packaged_versions == {pipeline_identity(extractor_identity())}
    assert versions != packaged_versions
    again = kg("build", corpus, "--store", tmp_path / "packaged", "--model", model)
    assert "kg: 2 stored, 0 unchanged" in again.stderr  # another model: every article extracted again


def facts_in(store) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e a <https://w3id.org/kg-news/ontology#Evidence> } }"
    return int(next(iter(store.query(query)))[0].value)


def test_kg_train_with_a_bad_line_exits_2_naming_the_file_and_line(tmp_path):
    data = tmp_path / "bad.jsonl"
    good = json.dumps(record(*SMALL[0]), ensure_ascii=False)
    bad = json.dumps(record("Vimeo a banni Paul Verdier.", {"Vimeo": P, "Paul Verdier": PER},
                            [("Paul Verdier", "suspendsAccountsOf", "Vimeo")]), ensure_ascii=False)
    data.write_text(f"{good}\n{bad}\n", encoding="utf-8")
    result = kg("train", data, "--replace", "--output", tmp_path / "model")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"kg: error: {data}:2: ")
    assert "suspendsAccountsOf does not link a Person to a Platform" in lines[0]
    assert not (tmp_path / "model").exists()


def write_articles(folder):
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder.parent / "gold.toml").write_text(GOLD, encoding="utf-8")
    return folder, folder.parent / "gold.toml"


def test_kg_train_on_a_folder_of_articles_with_their_gold_adds_their_paragraphs(tmp_path):
    articles, gold = write_articles(tmp_path / "articles")
    data = tmp_path / "small.jsonl"
    data.write_text("".join(json.dumps(record(*row), ensure_ascii=False) + "\n" for row in SMALL), encoding="utf-8")
    result = kg("train", data, articles, "--gold", gold, "--replace", "--folds", "0", "--output", tmp_path / "model")
    assert result.exit_code == 0, result.output
    assert f"kg: trained on {len(SMALL) + GOLD_EXAMPLES} examples" in result.stdout
    assert (tmp_path / "model" / "relations.npz").is_file()


def test_kg_train_on_a_folder_without_its_gold_exits_2_naming_the_folder(tmp_path):
    articles, _ = write_articles(tmp_path / "articles")
    result = kg("train", articles, "--replace", "--output", tmp_path / "model")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"kg: error: {articles}: a folder of articles needs their article-level gold: --gold GOLD.toml"]
    assert not (tmp_path / "model").exists()


def test_kg_train_with_a_gold_that_annotates_none_of_the_folders_articles_exits_2(tmp_path):
    articles, gold = write_articles(tmp_path / "articles")
    gold.write_text(GOLD.replace('article = "vimeo"', 'article = "other"').replace('article = "europol"',
                                                                                    'article = "other"'))
    result = kg("train", articles, "--gold", gold, "--replace", "--output", tmp_path / "model")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: {articles}: no article here that {gold} annotates")
    gold.unlink()
    result = kg("train", "--gold", gold, "--replace", "--output", tmp_path / "model")
    assert result.exit_code == 2
    assert "give the folder of the articles it annotates" in result.stderr


def test_kg_build_with_a_missing_model_exits_2(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Vimeo a supprimé les comptes du Hamas.", encoding="utf-8")
    result = kg("build", article, "--store", tmp_path / "store", "--model", tmp_path / "missing")
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: ")
    assert "missing" in result.stderr and "no relation model" in result.stderr
    assert not (tmp_path / "store").exists()
