"""A cheap language check: is this text French?

No model: the share of letters in non-Latin scripts names Arabic, Cyrillic... texts; for Latin
texts, hits in small lists of function words (kg/data/stopwords.txt) tell French from English,
Spanish, German, Italian and Portuguese. Good enough to keep a foreign article out of a French
pipeline, which would otherwise extract nonsense from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from kg.resources import data_file

WORD = re.compile(r"[^\W\d_]+")
# a letter outside the Latin blocks: without one, no other script can dominate (the common case, checked at C speed)
NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")
MIN_WORDS = 8  # below this a text is too short to judge: it passes
SCRIPT_SHARE = 0.3  # share of letters in one non-Latin script that makes a text that script's language
SCRIPTS = {  # unicodedata name prefix -> language code reported
    "ARABIC": "ar", "CYRILLIC": "ru", "HEBREW": "he", "GREEK": "el", "CJK": "zh",
    "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "DEVANAGARI": "hi", "THAI": "th",
}


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Function words per language code, from kg/data/stopwords.txt."""
    table = {}
    for line in data_file("stopwords.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, words = line.split(":", 1)
            table[code.strip()] = frozenset(words.split())
    return table


def script_language(text: str) -> str | None:
    """The language of a non-Latin script that dominates the text's letters, if any."""
    if not NON_LATIN_LETTER.search(text):
        return None
    return dominant_script_language(text)


def dominant_script_language(text: str) -> str | None:
    """script_language, letter by letter (slow: unicodedata.name of every letter)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    scripts = Counter(_script(ch) for ch in letters)
    script, count = scripts.most_common(1)[0]
    return SCRIPTS.get(script) if count / len(letters) >= SCRIPT_SHARE else None


def _script(ch: str) -> str:
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


def stopword_hits(text: str) -> Counter:
    """How many words of the text are function words of each language."""
    table = stopwords()
    hits = Counter({code: 0 for code in table})
    for word in WORD.findall(text.lower()):
        for code, words in table.items():
            if word in words:
                hits[code] += 1
    return hits


def guess_language(text: str) -> str | None:
    """A language code for the text, or None when it is too short or has no telling words."""
    by_script = script_language(text)
    if by_script:
        return by_script
    if len(WORD.findall(text)) < MIN_WORDS:
        return None
    hits = stopword_hits(text)
    code, count = max(hits.items(), key=lambda item: (item[1], item[0] == "fr"))
    return code if count else None


def is_french(text: str) -> bool:
    """True unless the text clearly looks like another language (short texts pass)."""
    return guess_language(text) in (None, "fr")


def looks_foreign_line(line: str) -> bool:
    """A line with words of another language and none of French: a caption or alt text left in."""
    if script_language(line):
        return True
    hits = stopword_hits(line)
    return hits["fr"] == 0 and max(hits.values()) >= 2
