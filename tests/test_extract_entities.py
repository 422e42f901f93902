"""The entity table (kg.extract.entities): one node per key, labelled by a name the text gives it."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Article


@pytest.mark.parametrize(("text", "key", "label"), [
    # a description before a name no gazetteer holds stands for it, but the name labels it
    ("Le groupe de pirates Sons Caliphate Army a piraté des comptes Facebook.", "sons-caliphate-army",
     "Sons Caliphate Army"),
    ("Le collectif de hackers Dark Cobra a piraté le compte Twitter de la BBC.", "dark-cobra", "Dark Cobra"),
    ("Le groupe Sons Caliphate Army a piraté des comptes Facebook.", "sons-caliphate-army", "Sons Caliphate Army"),
])
def test_an_entity_is_labelled_by_its_name(nlp, text, key, label):
    entities = extract(nlp(text), Article(id="t", title="", text=text)).entities
    assert entities[key].label == label
