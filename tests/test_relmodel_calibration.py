"""The end-to-end calibration beside the model's weights: its curve and factors give each fact its confidence; its
`decision` part, when present, decides which model facts a build stores by default, and an explicit minimum
applies to the confidence."""

from __future__ import annotations

import json
import shutil

import pytest

from kg.errors import ModelError
from kg.extract.extractor import extract
from kg.extract.identity import ExtractorSettings
from kg.extract.relmodel import calibration_path, default_model_path, load_model
from kg.model import Article

SENTENCE = "YouTube a supprimé les comptes du Hezbollah après un signalement."
FLAT = {"xs": [0.0, 1.0], "ys": [0.9, 0.9]}  # every raw probability is right nine times in ten
NEVER = {"xs": [0.0, 1.0], "ys": [0.1, 0.1]}
IDENTITY = {"xs": [0.0, 1.0], "ys": [0.0, 1.0]}


def model_with(tmp_path, table: dict):
    """A copy of the packaged weights with `table` as their calibration."""
    weights = tmp_path / "relations.npz"
    shutil.copy(default_model_path(), weights)
    calibration_path(weights).write_text(json.dumps(table), encoding="utf-8")
    return weights


def table(decision: dict | None = None) -> dict:
    found = {"model": FLAT, "rules": IDENTITY, "relation_factor": {}, "threshold": 0.5}
    return found | ({"decision": decision} if decision else {})


def model_facts(nlp, weights, minimum=None) -> dict[str, float]:
    """relation -> confidence of the model's facts on SENTENCE."""
    settings = ExtractorSettings(model=weights, relations="model", min_confidence=minimum)
    facts = extract(nlp(SENTENCE), Article(id="t", title="", text=SENTENCE), settings=settings).facts
    return {f.relation: f.confidence for f in facts}


def test_without_a_decision_the_confidence_and_its_threshold_decide(tmp_path, nlp):
    weights = model_with(tmp_path, table())
    model = load_model(weights)
    assert model.calibrated("suspendsAccountsOf", 0.3) == pytest.approx(0.9)
    assert model.stored("suspendsAccountsOf", 0.3) and not model.stored("suspendsAccountsOf", 0.3, 0.95)
    facts = model_facts(nlp, weights)
    assert facts["suspendsAccountsOf"] == 0.9 and set(facts.values()) == {0.9}


def test_the_decision_decides_by_default_and_the_confidence_is_the_curves(tmp_path, nlp):
    weights = model_with(tmp_path, table({"model": NEVER, "relation_factor": {}, "threshold": 0.5}))
    model = load_model(weights)
    assert not model.stored("suspendsAccountsOf", 0.99)  # the decision keeps nothing
    assert model.stored("suspendsAccountsOf", 0.99, 0.8)  # an explicit minimum reads the confidence
    assert model_facts(nlp, weights) == {}
    facts = model_facts(nlp, weights, minimum=0.8)
    assert facts["suspendsAccountsOf"] == 0.9 and set(facts.values()) == {0.9}


def test_the_decisions_relation_factors_choose_which_relations_pass(tmp_path, nlp):
    # raw probabilities are below 0.5; only suspensions, doubled, can reach the decision's threshold of 0.98
    weights = model_with(tmp_path, table({"model": {"xs": [0.0, 1.0], "ys": [0.49, 0.49]},
                                          "relation_factor": {"suspendsAccountsOf": 2.0}, "threshold": 0.98}))
    assert model_facts(nlp, weights) == {"suspendsAccountsOf": 0.9}


def test_a_malformed_decision_is_a_model_error_naming_the_file(tmp_path):
    weights = model_with(tmp_path, table({"model": {"xs": [0.0]}, "relation_factor": {}, "threshold": 0.2}))
    with pytest.raises(ModelError, match="calibration.json: not a calibration table"):
        load_model(weights)
