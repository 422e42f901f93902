"""Extraction: a parsed article in, entities, facts and counted events out (a pure function).

mentions (gazetteer, NER, descriptions) -> coreference -> per sentence: cues and their arguments, roles,
places, counts -> one Extraction (`kg.extract.extractor.extract`). Rules are lexicon-driven
(kg/data/lexicon.toml), documented in docs/extraction.md.

Importing this package is cheap: spaCy is loaded by the pipeline, not here.
"""

from __future__ import annotations

from kg.extract.extractor import extract
from kg.extract.identity import EXTRACTOR_VERSION, extractor_identity

__all__ = ["EXTRACTOR_VERSION", "extract", "extractor_identity"]
