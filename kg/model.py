"""Plain data passed between pipeline stages: ingest -> extract -> mapping -> store."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One cleaned article. `text` is the body with page chrome removed; offsets refer to it.

    `id` names the article's IRIs; read from a file it is a digest of the text (kg.ingest.read.text_key), so two
    files are one article exactly when their texts are the same. `identifier` is the name users know it by
    (the file stem or JSONL id, dcterms:identifier); `origin` the input it was read from, as the store keeps it.
    """

    id: str
    title: str
    text: str
    url: str | None = None
    date: str | None = None  # ISO 8601: "2016-02-27" or "2016-02-27T20:33:35"
    source: str | None = None  # the file it came from, as given ("path" or "path:line" for JSONL)
    content_hash: str = ""
    warnings: tuple[str, ...] = ()  # what ingest dropped or mended (an impossible date, a URL that is no IRI)
    identifier: str = ""  # the file stem or JSONL id; `id` when empty
    origin: str = ""  # the absolute path of the file, "#id" added for a JSONL record; none when empty

    @property
    def name(self) -> str:
        """The identifier users know the article by."""
        return self.identifier or self.id


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read as an article, with a one-line reason."""

    source: str
    reason: str


@dataclass(frozen=True)
class Entity:
    key: str  # IRI local name, see vocab.entity_iri
    label: str  # preferred label
    cls: str  # ontology class local name, e.g. "TerroristGroup"
    aliases: frozenset[str] = frozenset()  # every surface form seen
    wikidata: str | None = None  # "Q2429253"
    alt_labels: frozenset[str] = frozenset()  # the gazetteer's other names (skos:altLabel), searchable
    english: str | None = None  # the gazetteer's English name (skos:prefLabel @en)


@dataclass(frozen=True)
class Evidence:
    sentence: str
    start: int  # character offsets of the sentence in Article.text
    end: int


@dataclass(frozen=True)
class Fact:
    subject: str  # entity key
    relation: str  # ontology property local name, e.g. "threatens"
    object: str  # entity key
    evidence: Evidence
    confidence: float = 0.8
    cue: str = ""  # the trigger word or pattern that produced the fact
    alleged: bool = False  # reported in the conditional / as a claim


@dataclass(frozen=True)
class CountedEvent:
    kind: str  # "AccountSuspension" or "AccountTakeover"
    agent: str  # entity key
    target: str  # entity key
    count: int
    evidence: Evidence
    confidence: float = 0.8


@dataclass
class Extraction:
    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    events: list[CountedEvent] = field(default_factory=list)
    extractor: str = ""  # the extractor's identity (kg.extract.identity), written on the article graph
