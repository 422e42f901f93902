"""The entities of one article: every surface form merged into one node per key."""

from __future__ import annotations

from collections import defaultdict

from kg.extract.gazetteer import KnownEntity
from kg.extract.mentions import Mention
from kg.model import Entity

ALWAYS_KEPT = {"Person", "Place"}  # named by NER reliably enough to keep even when they take part in no fact


class EntityTable:
    def __init__(self, mentions: list[Mention], gazetteer: dict[str, KnownEntity]):
        self.gazetteer = gazetteer
        self.surfaces: dict[str, list[str]] = defaultdict(list)
        self.first: dict[str, Mention] = {}
        self.named: dict[str, str] = {}  # key -> the first surface that is a name, the label before any description's
        for m in mentions:
            self.add(m)

    def add(self, m: Mention) -> None:
        if not m.key or m.kind == "ref":
            return
        self.first.setdefault(m.key, m)
        if m.kind == "name" and _clean(m.text):
            self.named.setdefault(m.key, _clean(m.text))  # « le groupe de pirates X »: X, not « groupe »
        for surface in (_clean(m.text), m.alias):
            if surface and surface not in self.surfaces[m.key]:
                self.surfaces[m.key].append(surface)

    def entities(self, used: set[str]) -> dict[str, Entity]:
        keys = [k for k in self.first if k in used or self._kept_unused(k)]
        return {k: self._entity(k) for k in sorted(keys)}

    def _kept_unused(self, key: str) -> bool:
        known = self.gazetteer.get(key)
        if known:
            return not known.generic
        m = self.first[key]
        return m.kind == "name" and (m.cls in ALWAYS_KEPT or bool(m.alias))  # a body spelt out with its acronym

    def _entity(self, key: str) -> Entity:
        known = self.gazetteer.get(key)
        aliases = frozenset(self.surfaces.get(key, ()))
        if known:
            return Entity(key, known.label, known.cls, aliases | {known.label}, known.wikidata)
        m = self.first[key]
        label = self.named.get(key) or (self.surfaces[key][0] if self.surfaces[key] else m.text)
        return Entity(key, label, m.cls, aliases)


def _clean(text: str) -> str:
    text = text.strip(" «»\"“”'")
    for det in ("les ", "le ", "la ", "l'", "l’", "un ", "une ", "des ", "du "):
        if text.lower().startswith(det):
            return text[len(det):]
    return text
