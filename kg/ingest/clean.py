"""Remove news-site page chrome from an article's lines, and read the URL and date left at its end.

The chrome patterns are data (kg/data/boilerplate.txt); this module only applies them, plus three
general rules that no single pattern can say: a line repeated from earlier in the page (the title
and lede printed again at the end, a caption printed twice) goes; the caption lines around a photo
credit go; a line in another language with no French word (an untranslated caption) goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from kg.ingest.langdetect import looks_foreign_line
from kg.resources import data_file
from kg.vocab import fold

SECTIONS = ("drop", "end", "credit")
URL = re.compile(r"https?://\S+")
IMAGE_URL = re.compile(r"https?://\S+\.(?:jpe?g|png|gif|webp|svg)(?:\?\S*)?", re.I)
TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?(?:Z|[+-]\d{2}:?\d{2})?")
SENTENCE_END = re.compile(r"[.!?…»\"”)]$")
SPACES = re.compile(r"\s+")
KEEP_HEAD = 2  # an end-of-article marker never removes the title and first body line
QUOTE_KEY = 60  # opening characters (folded) of a line that, found inside a longer line, make it a repeated pull quote


@dataclass(frozen=True)
class Rules:
    drop: tuple[re.Pattern, ...]
    end: tuple[re.Pattern, ...]
    credit: tuple[re.Pattern, ...]

    def matches(self, section: str, line: str) -> bool:
        return any(pattern.fullmatch(line) for pattern in getattr(self, section))


@dataclass(frozen=True)
class Cleaned:
    lines: list[str]  # kept lines, the first is the title
    url: str | None = None
    date: str | None = None


@lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> Rules:
    """Compile the boilerplate patterns, one regex per line under [drop], [end] and [credit]."""
    sections: dict[str, list[re.Pattern]] = {name: [] for name in SECTIONS}
    current = None
    text = (path or data_file("boilerplate.txt")).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("[") and line.rstrip().endswith("]"):
            current = line.strip()[1:-1]
            if current not in sections:
                raise ValueError(f"boilerplate.txt:{number}: unknown section [{current}]")
            continue
        if current is None:
            raise ValueError(f"boilerplate.txt:{number}: a pattern before any [section]")
        sections[current].append(re.compile(line.strip(), re.IGNORECASE))
    return Rules(**{name: tuple(patterns) for name, patterns in sections.items()})


def normalise_line(line: str) -> str:
    """One line with non-breaking and repeated spaces collapsed and its ends stripped."""
    return SPACES.sub(" ", line.replace("\u00a0", " ").replace("\u200b", "")).strip()


def split_trailing_metadata(lines: list[str]) -> tuple[list[str], str | None, str | None]:
    """Take the URL and timestamp lines (and image URLs) that some scrapers append at the end."""
    url = date = None
    end = len(lines)
    while end and (not lines[end - 1] or _metadata_line(lines[end - 1])):
        line = lines[end - 1]
        if IMAGE_URL.fullmatch(line) or not line:
            pass
        elif URL.fullmatch(line):
            url = line
        else:
            date = iso_date(line)
        end -= 1
    return lines[:end], url, date


def _metadata_line(line: str) -> bool:
    return bool(URL.fullmatch(line) or TIMESTAMP.fullmatch(line))


def iso_date(text: str) -> str | None:
    """'2016-02-27 20:33:35' -> '2016-02-27T20:33:35'; '2016-02-27' stays; anything else -> None."""
    match = TIMESTAMP.search(text or "")
    if not match:
        return None
    day, time = match.groups()
    if time and len(time) == 5:
        time += ":00"
    return f"{day}T{time}" if time else day


def clean_lines(raw_lines: list[str], title: str | None = None, rules: Rules | None = None) -> Cleaned:
    """The article's own lines, in order, with page chrome removed (see the module docstring).

    A `title` known from the source (an HTML <h1>, a JSONL field) is kept first whatever it says;
    otherwise the first line that is not chrome is the title.
    """
    rules = rules or load_rules()
    lines, url, date = split_trailing_metadata([normalise_line(line) for line in raw_lines])
    kept: list[str] = [normalise_line(title)] if title and normalise_line(title) else []
    seen: set[str] = {line.casefold() for line in kept}
    for line in _without_credits(filter(None, lines), rules, kept):
        if rules.matches("end", line) and len(kept) >= KEEP_HEAD:
            break
        if not _is_chrome(line, rules, seen):
            seen.add(line.casefold())
            kept.append(line)
    return Cleaned(_without_pull_quotes(kept), url, date)


def _without_credits(lines: Iterable[str], rules: Rules, kept: list[str]) -> Iterator[str]:
    """The lines minus photo credits and the captions around them: the line after a credit goes
    unless it ends like a sentence, and the line before it is taken back from `kept`."""
    after_credit = False
    for line in lines:
        if rules.matches("credit", line):
            _drop_caption_before(kept)
            after_credit = True
        elif after_credit and not SENTENCE_END.search(line):
            after_credit = False
        else:
            after_credit = False
            yield line


def _is_chrome(line: str, rules: Rules, seen: set[str]) -> bool:
    return (
        rules.matches("drop", line)
        or line.casefold() in seen
        or URL.fullmatch(line) is not None
        or looks_foreign_line(line)
    )


def _without_pull_quotes(lines: list[str]) -> list[str]:
    """Drop a line whose opening words are printed again inside a longer line: a pull quote or a
    reader's comment quoting the article (the title and lede stay, whatever repeats them)."""
    folded = [fold(line) for line in lines]
    return [
        line for index, (line, key) in enumerate(zip(lines, folded))
        if index < KEEP_HEAD or len(key) < QUOTE_KEY
        or not any(key[:QUOTE_KEY] in other for other in folded if len(other) > len(key))
    ]


def _drop_caption_before(kept: list[str]) -> None:
    """The line just above a credit is its caption unless it ends like a sentence (the title stays)."""
    if len(kept) > 1 and not SENTENCE_END.search(kept[-1]):
        kept.pop()
