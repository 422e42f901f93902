"""French coreference, written for the project: references resolved to the closest fitting earlier entity.

Definite descriptions ("le réseau social", "l'organisation", "la firme américaine") refer to the most recent
entity whose class the description allows; "les deux réseaux sociaux" to the two most recent; "ce dernier"
to the most recent agent; subject pronouns to the most recent subject that agrees in number (the topic
of the text carries over), or else to the most recent agent. The window is bounded so that a reference never
reaches back across a whole long article.
"""

from __future__ import annotations

from kg.extract.mentions import Mention
from kg.vocab import tfold

WINDOW = 60  # mentions looked back at
PRONOUN_REACH = 80  # tokens: a subject further back is no longer the topic
PRONOUNS = {"il", "elle", "ils", "elles"}


def resolve(mentions: list[Mention]) -> list[Mention]:
    """Give every reference its keys; drop the references that find no antecedent."""
    history: list[Mention] = []
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.kind != "ref" or m.keys:  # names, and references already resolved ("les combattants de l'EI")
            history.append(m)
            out.append(m)
            continue
        keys = _antecedents(m, history[-WINDOW:])
        if keys:
            m.keys, m.key, m.cls = keys, keys[0], _class_of(keys[0], history)
            m.heads = frozenset({tfold(m.text.split()[0])}) if m.text else frozenset()
            out.append(m)
            history.append(m)  # a resolved reference keeps its entity salient
    return out


def _antecedents(ref: Mention, history: list[Mention]) -> tuple[str, ...]:
    latest = ref.text.lower().startswith(("ce ", "cette ", "celui", "celle"))  # "ce dernier": the last named
    if ref.text.lower() in PRONOUNS or (ref.subject and ref.count == 1 and not latest):
        # a subject continues the topic: the last subject that fits ("Le Cybercalifat a … Le groupe, qui …")
        primary = ref.classes if ref.text.lower() in PRONOUNS else ref.classes[:3]  # "le groupe": not a company
        subjects = [m for m in history if m.subject and m.plural == ref.plural and m.cls in primary]
        if subjects and subjects[-1].end <= ref.start and ref.start - subjects[-1].start < PRONOUN_REACH:
            return (subjects[-1].key,)
    head = ref.text.split()[0].lower() if ref.text else ""
    specific = len(ref.classes) <= 2  # "la messagerie" is specific, "le groupe" is not
    introduced = [m for m in history if m.end <= ref.start and m.cls in ref.classes
                  and (tfold(head) in m.heads or specific and tfold(head) in m.alias_heads)]
    if ref.count == 1 and introduced:  # "la messagerie" -> the entity introduced as "la messagerie Telegram"
        return (introduced[-1].key,)
    if ref.count > 1:
        return _listed(ref, history)
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


def _listed(ref: Mention, history: list[Mention]) -> tuple[str, ...]:
    """'les quatre entreprises': the most recent class with that many distinct entities named."""
    best: tuple[int, tuple[str, ...]] = (-1, ())
    for cls in ref.classes:
        keys: list[str] = []
        oldest = -1
        for m in reversed(history):
            if m.end <= ref.start and m.cls == cls and m.key not in keys and not _nested_in(m, history):
                keys.append(m.key)
                oldest = m.start
                if len(keys) == ref.count:
                    break
        if len(keys) == ref.count and oldest > best[0]:
            best = (oldest, tuple(reversed(keys)))
    return best[1]


def _nested_in(m: Mention, history: list[Mention]) -> bool:
    """'Twitter' inside 'les employés de Twitter' is not itself an antecedent candidate."""
    return any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
               for o in history[-8:])


def _class_of(key: str, history: list[Mention]) -> str:
    return next(m.cls for m in reversed(history) if m.key == key)
