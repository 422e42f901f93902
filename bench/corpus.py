"""A synthetic corpus of French news articles, deterministic and varied.

Article `i` depends only on `i` (its own seeded random generator), so the first 1,000 articles of
the 10,000 corpus are the 1,000 corpus. Entities come from the project gazetteer (terrorist and
hacker groups, platforms, government bodies, media, places) plus invented people, so every
article mentions different names; sentences use the verbs of the lexicon (menacer, suspendre,
pirater, fonder, diriger, coopérer, enquêter...), so extraction has facts to find. Length is that
of a real news item: a headline, then 6-9 paragraphs, about 400-700 words.

    .venv/bin/python bench/corpus.py 1000 bench/out/corpus-1000
"""

from __future__ import annotations

import random
import sys
import tomllib
from pathlib import Path

from kg.extract.gazetteer import load_gazetteer

WORDS = tomllib.loads((Path(__file__).with_name("phrases.toml")).read_text(encoding="utf-8"))


def _pools() -> dict[str, list[str]]:
    """Surface names by role, from the gazetteer (the labels a journalist would write)."""
    pools: dict[str, list[str]] = {}
    for entity in load_gazetteer().values():
        if not entity.generic:
            pools.setdefault(entity.cls, []).append(entity.label)
    pools["Person"] = sorted(f"{first} {last}" for first in WORDS["first_names"] for last in WORDS["last_names"])
    return {cls: sorted(names) for cls, names in pools.items()}


POOLS = _pools()


def _names(rng: random.Random) -> dict[str, str]:
    """The cast of one article: one name per slot used by the templates."""
    pick = lambda cls: rng.choice(POOLS.get(cls) or POOLS["Organization"])  # noqa: E731
    return {
        "group": pick("TerroristGroup"), "group2": pick("TerroristGroup"), "hackers": pick("HackerGroup"),
        "platform": pick("Platform"), "platform2": pick("Platform"), "gov": pick("GovernmentBody"),
        "media": pick("MediaOutlet"), "place": pick("Place"), "person": pick("Person"), "person2": pick("Person"),
        "person3": pick("Person"), "count": f"{rng.randrange(2, 400) * 250:,}".replace(",", " "),
        "year": str(rng.randrange(2012, 2025)), "minutes": str(rng.randrange(3, 40)),
    }


def article(index: int) -> str:
    """The text of article `index`: a headline, then paragraphs of filled-in sentences."""
    rng = random.Random(index)
    cast = _names(rng)
    headline = rng.choice(WORDS["headlines"]).format(**cast)
    paragraphs = []
    for _ in range(rng.randrange(6, 10)):
        sentences = rng.sample(WORDS["sentences"], rng.randrange(3, 6))
        paragraphs.append(" ".join(sentence.format(**_names(rng) | _core(cast)) for sentence in sentences))
    return f"{headline}\n\n" + "\n\n".join(paragraphs) + "\n"


def _core(cast: dict[str, str]) -> dict[str, str]:
    """The article's main actors recur in every paragraph, as in real news; the others vary."""
    return {key: cast[key] for key in ("group", "platform", "person")}


def write_corpus(folder: Path, count: int) -> Path:
    """Write articles 0..count-1 as folder/article_NNNNNN.txt (skipping files already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        path = folder / f"article_{index:06d}.txt"
        if not path.exists():
            path.write_text(article(index), encoding="utf-8")
    return folder


if __name__ == "__main__":
    write_corpus(Path(sys.argv[2]), int(sys.argv[1]))
