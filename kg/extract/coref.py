"""French coreference, written for the project: references resolved to the closest fitting earlier entity.

Definite descriptions ("le réseau social", "l'organisation", "la firme américaine") refer to the most recent
entity whose class the description allows; "les deux réseaux sociaux" to the two most recent; pronouns in
subject position and "ce dernier" to the most recent agent. The window is bounded so that a reference never
reaches back across a whole long article.
"""

from __future__ import annotations

from kg.extract.mentions import Mention

WINDOW = 60  # mentions looked back at


def resolve(mentions: list[Mention]) -> list[Mention]:
    """Give every reference its keys; drop the references that find no antecedent."""
    history: list[Mention] = []
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.kind != "ref":
            history.append(m)
            out.append(m)
            continue
        keys = _antecedents(m, history[-WINDOW:])
        if keys:
            m.keys, m.key, m.cls = keys, keys[0], _class_of(keys[0], history)
            out.append(m)
    return out


def _antecedents(ref: Mention, history: list[Mention]) -> tuple[str, ...]:
    keys: list[str] = []
    for m in reversed(history):
        if m.end > ref.start or m.cls not in ref.classes or m.key in keys:
            continue
        if _nested_in(m, history):
            continue
        keys.append(m.key)
        if len(keys) == ref.count:
            return tuple(keys)
    return ()


def _nested_in(m: Mention, history: list[Mention]) -> bool:
    """'Twitter' inside 'les employés de Twitter' is not itself an antecedent candidate."""
    return any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
               for o in history[-8:])


def _class_of(key: str, history: list[Mention]) -> str:
    return next(m.cls for m in reversed(history) if m.key == key)
