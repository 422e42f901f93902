"""A synthetic store of about a million triples, shaped exactly as `kg build` writes it.

Each synthetic article is a `kg.model.Extraction` (gazetteer entities plus invented people and
organisations, facts with evidence sentences, counted account events) turned into its named graph
by the project's own `kg.rdf.mapping.to_ntriples`, so the data follows docs/rdf-model.md by
construction and every named query has answers. Deterministic: article `i` depends only on `i`.
Popular entities recur across many articles (Zipf-like picks), as in a real archive.

    .venv/bin/python bench/graph.py 1000000 bench/out/graph-1M.nq
"""

from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path

from kg import vocab
from kg.extract.gazetteer import load_gazetteer
from kg.model import Article, CountedEvent, Entity, Evidence, Extraction, Fact
from kg.rdf.mapping import to_ntriples

# relation -> (subject classes, object classes): plausible pairs, so class-aware queries have answers
RELATIONS = {
    "threatens": (("TerroristGroup", "HackerGroup"), ("Person", "Platform", "MediaOutlet")),
    "suspendsAccountsOf": (("Platform",), ("TerroristGroup", "HackerGroup")),
    "hacks": (("HackerGroup",), ("GovernmentBody", "MediaOutlet", "Platform")),
    "founderOf": (("Person",), ("HackerGroup", "Organization", "Platform")),
    "leaderOf": (("Person",), ("TerroristGroup", "HackerGroup")),
    "memberOf": (("Person",), ("TerroristGroup", "HackerGroup", "Organization")),
    "affiliatedWith": (("TerroristGroup",), ("TerroristGroup",)),
    "cooperatesWith": (("Platform", "GovernmentBody"), ("Platform", "GovernmentBody")),
    "uses": (("TerroristGroup", "HackerGroup"), ("Platform",)),
    "publishes": (("MediaOutlet",), ("Organization",)),
    "locatedIn": (("Organization", "Platform", "GovernmentBody"), ("Place",)),
    "investigates": (("GovernmentBody",), ("TerroristGroup", "HackerGroup", "Person")),
}
INVENTED = {"Person": 20000, "Organization": 3000, "HackerGroup": 300, "TerroristGroup": 300, "MediaOutlet": 300}


def entity_pool() -> dict[str, list[Entity]]:
    """Entities by class: the gazetteer's, then invented ones (so the graph has tens of thousands)."""
    pool: dict[str, list[Entity]] = {}
    for known in load_gazetteer().values():
        entity = Entity(known.key, known.label, known.cls, frozenset(known.aliases), known.wikidata)
        pool.setdefault(known.cls, []).append(entity)
    for cls, count in INVENTED.items():
        for number in range(count):
            label = f"{cls} {number:05d}"
            pool.setdefault(cls, []).append(Entity(vocab.slug(label), label, cls, frozenset({label})))
    return pool


def _zipf_pick(rng: random.Random, items: list[Entity]) -> Entity:
    return items[min(int(rng.paretovariate(1.1)) - 1, len(items) - 1)]


def extraction(index: int, pool: dict[str, list[Entity]]) -> Extraction:
    rng = random.Random(index)
    day = f"{rng.randrange(2012, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    text = f"Article synthétique {index}. " + "Une phrase de contexte. " * 40
    article = Article(id=f"bench_{index:07d}", title=f"Article synthétique numéro {index}", text=text,
                      url=f"https://example.org/news/{index}", date=day,
                      content_hash=hashlib.sha256(text.encode()).hexdigest())
    result = Extraction(article)
    for number in range(rng.randrange(5, 12)):
        relation = rng.choice(list(RELATIONS))
        subject, obj = (_zipf_pick(rng, pool[rng.choice(classes)]) for classes in RELATIONS[relation])
        if subject.key == obj.key:
            continue
        result.entities.update({subject.key: subject, obj.key: obj})
        evidence = Evidence(f"Phrase {number} : {subject.label} {relation} {obj.label}.", 20 * number, 20 * number + 19)
        result.facts.append(Fact(subject.key, relation, obj.key, evidence, round(rng.uniform(0.5, 0.95), 2),
                                 cue=relation, alleged=rng.random() < 0.1))
    if rng.random() < 0.3:
        kind, agents, targets = rng.choice([("AccountSuspension", "Platform", "TerroristGroup"),
                                            ("AccountTakeover", "HackerGroup", "GovernmentBody")])
        agent, target = _zipf_pick(rng, pool[agents]), _zipf_pick(rng, pool[targets])
        result.entities.update({agent.key: agent, target.key: target})
        result.events.append(CountedEvent(kind, agent.key, target.key, rng.randrange(10, 100000),
                                          Evidence(f"{agent.label} et {count_word(rng)} comptes.", 0, 30)))
    return result


def count_word(rng: random.Random) -> str:
    return str(rng.randrange(10, 100000))


def write_graph(path: Path, triples: int) -> tuple[int, int]:
    """Write articles as N-Quads until `triples` are written; returns (articles, triples)."""
    pool, written, index = entity_pool(), 0, 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        while written < triples:
            item = extraction(index, pool)
            graph = f" <{vocab.graph_iri(item.article.id)}> .\n"
            lines = to_ntriples(item).splitlines()
            out.writelines(line[:-2] + graph for line in lines)
            written, index = written + len(lines), index + 1
    return index, written


if __name__ == "__main__":
    print(write_graph(Path(sys.argv[2]), int(sys.argv[1])))
