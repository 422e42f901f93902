"""Loader of the gazetteer of known entities (kg/data/gazetteer.toml, plus user files of the same shape)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError
from kg.resources import data_file
from kg.vocab import ENTITY_CLASSES

CLASSES = ENTITY_CLASSES


@dataclass(frozen=True)
class KnownEntity:
    key: str
    cls: str
    label: str
    aliases: tuple[str, ...]
    wikidata: str | None = None
    generic: bool = False


def _entry(key: str, raw: dict, source: Path) -> KnownEntity:
    cls = raw.get("class")
    if cls not in CLASSES:
        raise InputError(f"{source}: entity {key!r} has unknown class {cls!r}")
    label = raw.get("label") or key
    qualified = QUALIFIER.search(label)
    if qualified:  # "Parler (réseau social)": shown as "Parler", matched only through its aliases
        label = label[:qualified.start()]
    matched = [*raw.get("aliases", [])] if qualified else [label, *raw.get("aliases", [])]
    aliases = tuple(dict.fromkeys(matched))
    return KnownEntity(key, cls, label, aliases, raw.get("wikidata"), bool(raw.get("generic", False)))


# A label ending in a bracketed qualifier names an entity whose bare name is an ordinary word ("Parler", "Le Soir")
# or is shared ("Vienne"): the bare name is its label, never matched by itself.
QUALIFIER = re.compile(r"\s+\([^()]*\)$")


def read_gazetteer(path: Path) -> dict[str, KnownEntity]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise InputError(f"{path}: cannot read the gazetteer ({err})") from err
    return {key: _entry(key, raw, path) for key, raw in data.get("entity", {}).items()}


@lru_cache(maxsize=8)
def load_gazetteer(extra: tuple[Path, ...] = ()) -> dict[str, KnownEntity]:
    """The shipped gazetteer, with the entries of `extra` files added or overriding."""
    entities = read_gazetteer(data_file("gazetteer.toml"))
    for path in extra:
        entities.update(read_gazetteer(path))
    return entities
