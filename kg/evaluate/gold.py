"""Read a gold file: hand-written entities, facts and counted account events, in the TOML format of
../shared/eval/gold-seeds.toml (its header says what each table holds).

The file is checked as it is read, so that a typo (a relation the contract does not have, a fact about an
entity key that no [entity] table defines) is one clear error naming the file and the place, instead of a
fact that silently can never be matched.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GoldError
from kg.vocab import ENTITY_CLASSES, RELATIONS

EVENT_KINDS = frozenset({"AccountSuspension", "AccountTakeover"})
QID_FORM = re.compile(r"^Q\d+$")
# Leading articles and punctuation are folded away, as the shared scorer does (score.py, `norm`).
LEADING_ARTICLE = re.compile(r"^(?:l'|le |la |les |un |une |des |du |de la |the )")


def fold(text: str) -> str:
    """A name as the gold compares names: no accents, lower case, no leading article or punctuation."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = text.lower().replace("\u2019", "'").strip()
    text = LEADING_ARTICLE.sub("", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class GoldEntity:
    key: str
    type: str
    aliases: tuple[str, ...] = ()
    qid: str | None = None


@dataclass(frozen=True)
class GoldFact:
    """A fact of one article; `subjects` and `objects` are the acceptable entity keys (alternatives)."""

    article: str
    subjects: frozenset[str]
    relation: str
    objects: frozenset[str]
    optional: bool = False


@dataclass(frozen=True)
class GoldQuantity:
    """A counted account event of one article: `kind` is AccountSuspension or AccountTakeover."""

    article: str
    kind: str
    agents: frozenset[str]
    targets: frozenset[str]
    count: int


@dataclass
class Gold:
    path: Path
    entities: dict[str, GoldEntity]
    facts: list[GoldFact]
    quantities: list[GoldQuantity]
    alias: dict[str, set[str]] = field(init=False)  # folded name -> entity keys
    by_qid: dict[str, str] = field(init=False)  # Wikidata item -> entity key (the last one that names it)

    def __post_init__(self) -> None:
        self.alias = defaultdict(set)
        self.by_qid = {}
        for key, entity in self.entities.items():
            for name in entity.aliases:
                self.alias[fold(name)].add(key)
            if entity.qid:
                self.by_qid[entity.qid] = key

    @property
    def articles(self) -> list[str]:
        """Every article the gold says something about, sorted."""
        return sorted({fact.article for fact in self.facts} | {quantity.article for quantity in self.quantities})


def read_gold(path: str | Path) -> Gold:
    """The gold file at `path`, checked; raises GoldError with the file and the reason."""
    path = Path(path)
    data = _load(path)
    where = _Where(path)
    entities = _entities(data.get("entity"), where)
    facts = [_fact(item, n, entities, where) for n, item in enumerate(_tables(data, "fact", where), 1)]
    quantities = [_quantity(item, n, entities, where) for n, item in enumerate(_tables(data, "quantity", where), 1)]
    if not facts and not quantities:
        raise where.error("no [[fact]] or [[quantity]] to score against")
    return Gold(path, entities, facts, quantities)


class _Where:
    """Builds the errors of one file."""

    def __init__(self, path: Path):
        self.path = path

    def error(self, reason: str, place: str = "") -> GoldError:
        return GoldError(f"{self.path}: {place + ': ' if place else ''}{reason}")


def _load(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except IsADirectoryError:
        raise GoldError(f"{path}: is a folder, not a gold file") from None
    except UnicodeDecodeError as err:
        raise GoldError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise GoldError(f"{path}: cannot read ({err.strerror or err})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise GoldError(f"{path}: not valid TOML ({err})") from None


def _tables(data: dict, name: str, where: _Where) -> list[dict]:
    items = data.get(name, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise where.error(f"'{name}' must be an array of tables, written [[{name}]]")
    return items


def _entities(section, where: _Where) -> dict[str, GoldEntity]:
    if not isinstance(section, dict) or not section:
        raise where.error("no [entity.KEY] tables: the gold must name its entities")
    return {key: _entity(key, value, where) for key, value in section.items()}


def _entity(key: str, value, where: _Where) -> GoldEntity:
    place = f"entity {key!r}"
    if not isinstance(value, dict):
        raise where.error("must be a table, written [entity.KEY]", place)
    kind = value.get("type")
    if kind not in ENTITY_CLASSES:
        raise where.error(f"type {kind!r} is not a class of the contract ({', '.join(sorted(ENTITY_CLASSES))})", place)
    aliases = value.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(name, str) for name in aliases):
        raise where.error("aliases must be a list of strings", place)
    qid = value.get("qid")
    if qid is not None and not (isinstance(qid, str) and QID_FORM.match(qid)):
        raise where.error(f"qid {qid!r} is not a Wikidata item (Q followed by digits)", place)
    return GoldEntity(key, kind, tuple(aliases), qid)


def _fact(item: dict, number: int, entities: dict, where: _Where) -> GoldFact:
    place = f"fact {number}"
    article = _article(item, place, where)
    relation = _required(item, "p", place, where)
    if relation not in RELATIONS:
        raise where.error(f"p {relation!r} is not a relation of the contract ({', '.join(RELATIONS)})", place)
    optional = item.get("optional", False)
    if not isinstance(optional, bool):
        raise where.error(f"optional must be true or false, not {optional!r}", place)
    return GoldFact(article, _keys(item, "s", place, entities, where), relation,
                    _keys(item, "o", place, entities, where), optional)


def _quantity(item: dict, number: int, entities: dict, where: _Where) -> GoldQuantity:
    place = f"quantity {number}"
    article = _article(item, place, where)
    kind = _required(item, "kind", place, where)
    if kind not in EVENT_KINDS:
        raise where.error(f"kind {kind!r} is not one of {', '.join(sorted(EVENT_KINDS))}", place)
    count = _required(item, "count", place, where)
    try:  # the scorer takes int(count): a whole number, or a string of one
        count = int(count) if not isinstance(count, (bool, float)) else None
    except ValueError:
        count = None
    if count is None:
        raise where.error(f"count {item['count']!r} is not a whole number", place)
    return GoldQuantity(article, kind, _keys(item, "agent", place, entities, where),
                        _keys(item, "target", place, entities, where), count)


def _required(item: dict, name: str, place: str, where: _Where):
    if name not in item:
        raise where.error(f"'{name}' is missing", place)
    return item[name]


def _article(item: dict, place: str, where: _Where) -> str:
    article = _required(item, "article", place, where)
    if not isinstance(article, str) or not article:
        raise where.error(f"article must be an article id (a file name without extension), not {article!r}", place)
    return article


def _keys(item: dict, name: str, place: str, entities: dict, where: _Where) -> frozenset[str]:
    """One entity key or a list of acceptable ones, each defined by an [entity.KEY] table."""
    value = _required(item, name, place, where)
    keys = value if isinstance(value, list) else [value]
    if not keys or not all(isinstance(key, str) for key in keys):
        raise where.error(f"{name} must be an entity key or a list of them, not {value!r}", place)
    unknown = [key for key in keys if key not in entities]
    if unknown:
        raise where.error(f"{name} names {', '.join(map(repr, unknown))}, which no [entity.KEY] table defines", place)
    return frozenset(keys)
