"""Extraction: a parsed article in, entities, facts and counted events out (a pure function).

mentions (gazetteer, NER, descriptions, the mention classifier) -> coreference -> per sentence: the rules' cues
and their arguments, roles, places, counts, and the relation model's scored pairs -> one Extraction
(`kg.extract.extractor.extract`). Rules are lexicon-driven (kg/data/lexicon.toml); the model's weights are
kg/data/model/relations.npz. Both are documented in docs/extraction.md.

Importing this package is cheap: the extractor (numpy, the rules) loads when `extract` is first used, and spaCy
with the pipeline, not here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg._callable import make_callable
from kg.extract.identity import EXTRACTOR_VERSION, extractor_identity

if TYPE_CHECKING:
    from kg.extract.extractor import extract

__all__ = ["EXTRACTOR_VERSION", "extract", "extractor_identity"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from kg.extract.extractor import extract  # the rules and numpy, only for code that extracts

        return extract
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")

make_callable(__name__, "kg.extract.extractor", "extract")  # kg.extract(...) is kg.extract.extractor.extract(...)
