"""The extractor identity (kg/extract/identity.py): a hash of the lexicon, the gazetteers and the relation model
beside the rules' version, so that a store built with other data is extracted again by the next build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from kg.extract import identity
from kg.extract.identity import ExtractorSettings, extractor_identity
from kg.extract.relmodel import calibration_path, default_model_path, save_model
from kg.rdf.mapping import pipeline_identity
from kg.resources import data_file

USER_GAZETTEER = """[entity.zorglub]
class = "HackerGroup"
label = "Zorglub"
aliases = ["Zorglub"]
"""


def another_model(path: Path, note: str = "another model") -> Path:
    """A valid model file whose bytes differ from the packaged one's (same weights, other metadata)."""
    with np.load(default_model_path(), allow_pickle=False) as data:
        arrays = {name: data[name] for name in ("sparse", "dense", "bias")}
        meta = json.loads(str(data["meta"]))
    save_model(path, arrays, {**meta, "note": note})
    return path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_identity_is_the_version_then_a_hash():
    version, digest = extractor_identity().split("+")
    assert version == identity.EXTRACTOR_VERSION
    assert len(digest) == 12 and int(digest, 16) >= 0


def test_an_edited_lexicon_changes_the_identity_and_an_identical_copy_does_not(tmp_path, monkeypatch):
    packaged = extractor_identity()
    copy = tmp_path / "same" / "lexicon.toml"
    edited = tmp_path / "edited" / "lexicon.toml"
    write(copy, data_file("lexicon.toml").read_text(encoding="utf-8"))
    write(edited, data_file("lexicon.toml").read_text(encoding="utf-8") + "\n# a new cue, one day\n")

    def lexicon_at(path: Path):
        monkeypatch.setattr(identity, "data_file", lambda name: path if name == "lexicon.toml" else data_file(name))
        return extractor_identity()

    assert lexicon_at(copy) == packaged
    assert lexicon_at(edited) != packaged


def test_a_user_gazetteer_is_part_of_the_identity_by_its_content(tmp_path):
    first = write(tmp_path / "a" / "mine.toml", USER_GAZETTEER)
    same = write(tmp_path / "b" / "mine.toml", USER_GAZETTEER)
    edited = write(tmp_path / "c" / "mine.toml", USER_GAZETTEER.replace('["Zorglub"]', '["Zorglub", "Zorg"]'))
    with_first = extractor_identity(ExtractorSettings(gazetteers=(first,)))
    assert with_first != extractor_identity()
    assert extractor_identity(ExtractorSettings(gazetteers=(same,))) == with_first
    assert extractor_identity(ExtractorSettings(gazetteers=(edited,))) != with_first


def test_another_model_file_changes_the_identity_and_a_copy_of_the_packaged_one_does_not(tmp_path):
    copy = tmp_path / "copy" / "relations.npz"
    copy.parent.mkdir()
    shutil.copy(default_model_path(), copy)
    shutil.copy(calibration_path(default_model_path()), calibration_path(copy))  # the model's calibration beside it
    other = another_model(tmp_path / "other" / "relations.npz")
    assert extractor_identity(ExtractorSettings(model=copy)) == extractor_identity()
    calibration_path(copy).unlink()  # the same weights without their calibration score otherwise
    assert extractor_identity(ExtractorSettings(model=copy)) != extractor_identity()
    assert extractor_identity(ExtractorSettings(model=other)) != extractor_identity()


def test_the_model_counts_only_when_it_is_used(tmp_path):
    other = another_model(tmp_path / "relations.npz")
    rules = extractor_identity(ExtractorSettings(relations="rules"))
    assert extractor_identity(ExtractorSettings(model=other, relations="rules")) == rules
    assert rules != extractor_identity(ExtractorSettings(relations="model")) != extractor_identity()


def test_the_settings_are_part_of_the_identity():
    assert extractor_identity(ExtractorSettings(min_confidence=0.7)) != extractor_identity()
    assert extractor_identity(ExtractorSettings(min_confidence=0.7)) == extractor_identity(
        ExtractorSettings(min_confidence=0.7))


def test_a_gazetteer_edited_in_place_changes_the_identity_in_the_same_process(tmp_path):
    path = write(tmp_path / "mine.toml", USER_GAZETTEER)
    settings = ExtractorSettings(gazetteers=(path,))
    before = extractor_identity(settings)
    write(path, USER_GAZETTEER.replace('["Zorglub"]', '["Zorglub", "Zorg"]'))
    assert extractor_identity(settings) != before


# -- what a build does with it --------------------------------------------------------------------------------------

ARTICLES = {
    "a.txt": "Telegram ferme des chaînes du Hamas\n\nTelegram a fermé mardi des dizaines de chaînes du Hamas.",
    "b.txt": "Europol et le FBI s'associent\n\nEuropol collabore avec le FBI contre la propagande de Daech.",
    "c.txt": "Anonymous pirate des comptes de Daech\n\nLe collectif Anonymous a piraté des comptes de Daech.",
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    for name, text in ARTICLES.items():
        write(tmp_path / "corpus" / name, text)
    return tmp_path / "corpus"


def test_an_unchanged_rebuild_stores_nothing_and_another_model_re_extracts_every_article(corpus, tmp_path, nlp):
    from kg.pipeline.build import build
    from kg.store import open_store

    other = ExtractorSettings(model=another_model(tmp_path / "model" / "relations.npz"))
    with open_store(tmp_path / "store") as store:
        first = build([corpus], store)
        again = build([corpus], store)
        versions_before = {k: v for k, (_, v) in store.article_states().items()}
        with_other = build([corpus], store, settings=other)
        versions_after = {k: v for k, (_, v) in store.article_states().items()}
        with_other_again = build([corpus], store, settings=other)
    assert (first.stored, first.unchanged) == (3, 0)
    assert (again.stored, again.unchanged) == (0, 3)
    assert (with_other.stored, with_other.unchanged) == (3, 0)
    assert (with_other_again.stored, with_other_again.unchanged) == (0, 3)
    assert set(versions_before.values()) == {pipeline_identity(extractor_identity())}
    assert set(versions_after.values()) == {pipeline_identity(extractor_identity(other))}
