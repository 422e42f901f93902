"""Writes the table of cues per relation in docs/extraction.md from kg/data/lexicon.toml.

    python docs/cue_table.py           # print the table
    python docs/cue_table.py --write   # replace the table in docs/extraction.md

tests/test_docs.py fails when the table in docs/extraction.md is not the one this prints.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from kg.resources import data_file
from kg.vocab import AGENT_CLASSES, GROUP_CLASSES, ORGANIZATION_CLASSES

DOC = Path(__file__).resolve().parent / "extraction.md"
BEGIN = "<!-- cue table: generated from kg/data/lexicon.toml by docs/cue_table.py; do not edit by hand -->"
END = "<!-- end of the cue table -->"
NAMED_SETS = {AGENT_CLASSES: "any Agent", ORGANIZATION_CLASSES: "any Organization", GROUP_CLASSES: "any Group"}
FLAGS = {"accounts": "accounts", "symmetric": "symmetric", "stative": "stative", "verbal_only": "verbal_only",
         "co_agents": "« avec Y » co-agents"}


def classes(names: list[str]) -> str:
    return NAMED_SETS.get(frozenset(names)) or ", ".join(names)


def flags(cues: dict) -> str:
    shown = [label for key, label in FLAGS.items() if cues.get(key)]
    if cues.get("noun_de") == "patient":
        shown.append("noun « de » = patient")
    if "place_preps" in cues:
        shown.append("a place by " + ", ".join("(direct)" if p == "" else f"« {p} »" for p in cues["place_preps"]))
    if cues.get("model_only"):
        shown.append("model only: " + ", ".join(cues["model_only"]))
    if cues.get("passive_only"):
        shown.append("passive only: " + ", ".join(cues["passive_only"]))
    return ", ".join(shown) or "—"


def row(name: str, cues: dict) -> str:
    phrases = ", ".join(f"« {p} »" for p in cues.get("phrases", [])) or "—"
    preps = ", ".join("(direct)" if p == "" else f"« {p} »" for p in cues.get("patient_preps", [""]))
    cells = [f"`{name}`", ", ".join(cues.get("verbs", [])) or "—", ", ".join(cues.get("nouns", [])) or "—", phrases,
             classes(cues["agent"]), classes(cues["patient"]), preps, flags(cues)]
    return "| " + " | ".join(cells) + " |"


def table() -> str:
    lexicon = tomllib.loads(data_file("lexicon.toml").read_text(encoding="utf-8"))
    columns = ["relation", "verbs", "nouns", "phrases", "agent (subject)", "patient (object)", "patient introduced by",
               "flags"]
    head = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    return "\n".join([BEGIN, *head, *(row(name, cues) for name, cues in lexicon["relation"].items()), END])


def current_table(doc: str) -> str:
    """The table as docs/extraction.md holds it now."""
    start, end = doc.index(BEGIN), doc.index(END) + len(END)
    return doc[start:end]


def main(argv: list[str]) -> None:
    if argv == ["--write"]:
        doc = DOC.read_text(encoding="utf-8")
        DOC.write_text(doc.replace(current_table(doc), table()), encoding="utf-8")
    else:
        print(table())


if __name__ == "__main__":
    main(sys.argv[1:])
