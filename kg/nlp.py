"""The spaCy pipeline: fr_core_news_md plus an entity ruler fed by the gazetteer.

Loaded once per process (`load_pipeline` is cached); workers each load their own copy.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "fr_core_news_md"


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    nlp = spacy.load(MODEL)
    return nlp
