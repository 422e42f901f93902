"""The gazetteer's names on the entities it knows: every alias as a searchable skos:altLabel, and the English name.

The extractor labels an entity with the names the article used; a reader searches with any name the
field uses (« Daech », « ISIS »), and an English page wants "Islamic State". Both come from the gazetteer,
so they are added here, between extraction and the RDF mapping, on every entity whose key it knows.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from kg.extract.gazetteer import load_gazetteer
from kg.model import Extraction

ENGLISH_NAMES = Path(__file__).with_name("english-names.toml")


@lru_cache(maxsize=1)
def english_names() -> dict[str, str]:
    """Gazetteer key -> English name, for the entities whose English name differs from the French."""
    return tomllib.loads(ENGLISH_NAMES.read_text(encoding="utf-8"))["names"]


def with_gazetteer_names(extraction: Extraction, gazetteers: tuple[Path, ...] = ()) -> Extraction:
    """The extraction with each known entity's aliases and English name from the gazetteer."""
    known = load_gazetteer(tuple(gazetteers))
    english = english_names()
    for key, entity in extraction.entities.items():
        if key in known:
            extraction.entities[key] = replace(entity, alt_labels=frozenset(known[key].aliases),
                                               english=english.get(key))
    return extraction
