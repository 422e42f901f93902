"""Counts before a counted noun, as the press writes them: digit groups (« 125 000 », « 125.000 »), a scale
(« 1,2 million de comptes », « plus d'un million de comptes »), words (« deux mille chaînes »), or a round
approximation (« une soixantaine de canaux », « un millier de comptes », read as 60 and 1,000)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.text import parse_number

ONE = {"un", "une"}  # alone, « un compte » is an account, not a count


@dataclass(frozen=True)
class NumberWords:
    """The lexicon's [numbers]: folded words and their values."""

    values: dict[str, int]  # « deux » 2 … « cent » 100, « mille » 1000
    scales: dict[str, int]  # « million(s) », « milliard(s) »: after a number and before « de »
    approximate: dict[str, int]  # « dizaine » … « millier »: after « un/une » and before « de »


def count_before(words: list[str], texts: list[str], noun: int, start: int, numbers: NumberWords) -> int | None:
    """The count written right before the noun at `noun` (tokens from `start` on), else None."""
    j = noun - 1
    if j - 1 >= start and words[j] == "de":  # « 1,2 million de comptes », « une soixantaine de canaux »
        return _scaled(words, texts, j - 1, start, numbers)
    return _digits(texts, j, start) or _in_words(words, j, start, numbers)


def _scaled(words: list[str], texts: list[str], k: int, start: int, numbers: NumberWords) -> int | None:
    if words[k] in numbers.approximate:
        return numbers.approximate[words[k]] if k - 1 >= start and words[k - 1] in ONE else None
    if words[k] not in numbers.scales or k - 1 < start:
        return None
    base = _decimal(texts[k - 1]) or (1 if words[k - 1] in ONE else _in_words(words, k - 1, start, numbers))
    return round(base * numbers.scales[words[k]]) if base else None


def _digits(texts: list[str], j: int, start: int) -> int | None:
    """Digit groups ending at `j`: spaCy splits « 10 000 » into « 10 » « 000 »."""
    groups: list[str] = []
    while j >= start and (texts[j].replace(".", "").replace("\u00a0", "").isdigit() or _gap(texts, j, start, groups)):
        if not texts[j].isspace():
            groups.insert(0, texts[j])
        j -= 1
    return parse_number(" ".join(groups)) if groups else None


def _gap(texts: list[str], j: int, start: int, groups: list[str]) -> bool:
    """« 2\u202f617 »: a (narrow) no-break space the tokenizer kept as a token of its own, between digit groups."""
    return bool(groups) and texts[j].isspace() and j - 1 >= start and texts[j - 1].isdigit()


def _in_words(words: list[str], j: int, start: int, numbers: NumberWords) -> int | None:
    parts: list[str] = []
    while j >= start and (_is_number_word(words[j], numbers) or _joins(words, j, start, parts, numbers)):
        parts[:0] = [p for p in words[j].split("-") if p != "et"]
        j -= 1
    if not parts or (len(parts) == 1 and parts[0] in ONE):
        return None
    return _value(parts, numbers.values)


def _is_number_word(word: str, numbers: NumberWords) -> bool:
    return all(p in numbers.values or p == "et" for p in word.split("-")) and word.split("-")[0] != "et"


def _joins(words: list[str], j: int, start: int, parts: list[str], numbers: NumberWords) -> bool:
    """The « et » of « vingt et un »: between two number words."""
    return words[j] == "et" and bool(parts) and j - 1 >= start and _is_number_word(words[j - 1], numbers)


def _value(parts: list[str], values: dict[str, int]) -> int:
    """« deux cent cinquante mille » -> 250000; « quatre-vingts » -> 80."""
    total = current = 0
    for i, part in enumerate(parts):
        if part in ("cent", "cents"):
            current = (current or 1) * 100
        elif part == "mille":
            total, current = total + (current or 1) * 1000, 0
        elif part in ("vingt", "vingts") and i and parts[i - 1] == "quatre":
            current += 80 - 4
        else:
            current += values[part]
    return total + current


def _decimal(text: str) -> float | None:
    """« 1,2 » or « 1.5 » before « million »; a plain integer too."""
    try:
        return float(text.replace(",", ".")) if text[:1].isdigit() else None
    except ValueError:
        return None
