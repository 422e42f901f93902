"""French coreference, written for the project: references resolved to the closest fitting earlier entity.

Definite descriptions ("le réseau social", "l'organisation", "la firme américaine") refer to the most recent
entity whose class the description allows; "les deux réseaux sociaux" to the two most recent; "ce dernier"
to the most recent agent; subject pronouns to the most recent subject that agrees in number (the topic
of the text carries over), or else to the most recent agent. The window is bounded so that a reference never
reaches back across a whole long article. Hackers named by their noun alone (« des pirates ») that find no group
are, in an article that names none, a collective of their own.
"""

from __future__ import annotations

from kg.extract.mentions import Mention
from kg.vocab import tfold

WINDOW = 60  # mentions looked back at
PRONOUN_REACH = 80  # tokens: a subject further back is no longer the topic
PRONOUNS = {"il", "elle", "ils", "elles"}
DECAY = 0.6  # weight of a mention one sentence further back
DEPTH_DECAY = 0.75  # weight of a mention one dependency link deeper in its sentence


def resolve(mentions: list[Mention]) -> list[Mention]:
    """Give every reference its keys; drop the references that find no antecedent."""
    history: list[Mention] = []
    out: list[Mention] = []
    hacker_groups = {m.key for m in mentions if m.kind == "name" and m.cls == "HackerGroup" and m.key}
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.kind != "ref" or m.keys:  # names, and references already resolved ("les combattants de l'EI")
            history.append(m)
            out.append(m)
            continue
        keys = _antecedents(m, history[-WINDOW:])
        if not keys and m.collective:
            collective = _collective(hacker_groups)
            if collective:  # an actor of its own, which the entity table names
                m.keys, m.key, m.kind = (collective,), collective, "actor"
                history.append(m)
                out.append(m)
        elif not keys and m.fallback_key:  # « le tireur » no name stands for: the article's unnamed perpetrator
            m.keys, m.key, m.kind = (m.fallback_key,), m.fallback_key, "actor"
            history.append(m)
            out.append(m)
        elif keys:
            m.keys, m.key, m.cls = keys, keys[0], _class_of(keys[0], history)
            m.heads = frozenset({tfold(m.text.split()[0])}) if m.text else frozenset()
            out.append(m)
            history.append(m)  # a resolved reference keeps its entity salient
    return out


COLLECTIVE_KEY = "pirates"


def _collective(hacker_groups: set[str]) -> str | None:
    """« des pirates » with no group named before: in an article that names no hacker group, the hackers as a
    collective of their own; where it names one further on, no one (« des pirates se réclamant de l'EI » in an
    article about Lizard Squad are others)."""
    return None if hacker_groups else COLLECTIVE_KEY


def _antecedents(ref: Mention, history: list[Mention]) -> tuple[str, ...]:
    if ref.country:  # "le réseau social chinois": not a company known to be of another country
        history = [m for m in history if not m.country or m.country == ref.country]
    # "ce dernier", "cette société": a demonstrative points at the last fitting entity named
    latest = ref.demonstrative or ref.text.lower().startswith(("ce ", "cette ", "celui", "celle"))
    head = ref.text.split()[0].lower() if ref.text else ""
    specific = len(ref.classes) <= 2  # "la messagerie" is specific, "le groupe" is not
    introduced = [m for m in history if m.end <= ref.start and m.cls in ref.classes
                  and (tfold(head) in m.heads or specific and tfold(head) in m.alias_heads)]
    # "la messagerie" -> the entity introduced as "la messagerie Telegram"
    if ref.count == 1 and introduced and ref.text.lower() not in PRONOUNS and not _named_beside(ref, history):
        return (introduced[-1].known_key(),)
    if ref.text.lower() in PRONOUNS or (ref.subject and ref.count == 1 and not latest):
        # a subject continues the topic: the last subject that fits ("Le Cybercalifat a … Le groupe, qui …")
        primary = ref.classes if ref.text.lower() in PRONOUNS else ref.classes[:3]  # "le groupe": not a company
        subjects = [m for m in history if m.subject and m.plural == ref.plural and m.cls in primary and not m.generic]
        if subjects and subjects[-1].end <= ref.start and ref.start - subjects[-1].start < PRONOUN_REACH:
            return (subjects[-1].known_key(),)
    if ref.count > 1:
        return _listed(ref, history)
    if ref.plural and ref.text.lower() in PRONOUNS:
        return ()  # « ils » that continues no plural subject: the accounts, the videos, the people, not a company
    if latest or ref.text.lower() in PRONOUNS:  # "ce dernier", and a pronoun that continues no topic
        return _most_recent(ref, history)
    return _most_salient(ref, history)


def _named_beside(ref: Mention, history: list[Mention]) -> bool:
    """« Au Front national, le vice-président du parti »: a role's organisation named earlier in the same sentence
    comes before one another sentence introduced with the same noun (« le parti Renaissance »)."""
    return ref.after_role and any(m.sent == ref.sent and m.end <= ref.start and m.cls in ref.classes and m.key
                                  and not m.generic for m in history)


def _most_recent(ref: Mention, history: list[Mention]) -> tuple[str, ...]:
    for k in range(len(history) - 1, -1, -1):
        m = history[k]
        if m.end <= ref.start and m.cls in ref.classes and m.key and not _nested_in(m, history[:k + 1]):
            return (m.key,)
    return ()


def _most_salient(ref: Mention, history: list[Mention]) -> tuple[str, ...]:
    """The fitting entity the text has made most prominent: each of its mentions weighs less the further back
    its sentence is, twice as much as a clause subject, half as much deep inside a noun phrase ('la maison mère
    de Facebook'); recency breaks ties. A company named once in passing does not outweigh the one the article
    keeps naming and describing. One of the description's first classes comes first, then an entity of the
    reference's own sentence (the other way round after a role noun: 'la directrice du groupe'); ties go to the
    latest sentence, and in it to the entity named first."""
    scores: dict[str, float] = {}
    last: dict[str, tuple[int, int]] = {}
    fitting = [(k, m) for k, m in enumerate(history) if m.end <= ref.start and m.cls in ref.classes and m.key
               and not m.generic and not _nested_in(m, history[:k + 1]) and not _governs(m, ref)]
    steps = (_same_sentence, _first_classes) if ref.after_role else (_first_classes, _same_sentence)
    for step in steps:
        fitting = step(ref, fitting)
    for _k, m in fitting:
        weight = DECAY ** max(0, ref.sent - m.sent) * (2.0 if m.subject else 1.0) * DEPTH_DECAY ** max(0, m.depth - 1)
        key = m.known_key()
        scores[key] = scores.get(key, 0.0) + weight
        last[key] = (m.sent, -m.start)  # ties: the latest sentence, and in it the entity named first
    if not scores:
        return ()
    return (max(scores, key=lambda key: (round(scores[key], 6), last[key])),)


def _same_sentence(ref: Mention, fitting: list) -> list:
    """'Du côté de Facebook, X, la directrice du groupe': an entity of the reference's own sentence first."""
    return [(k, m) for k, m in fitting if m.sent == ref.sent] or fitting


def _first_classes(ref: Mention, fitting: list) -> list:
    """'des comptes liés au groupe': an armed group before a company, unless a role governs the description
    ('la directrice des opérations du groupe')."""
    return [(k, m) for k, m in fitting if m.cls in ref.classes[:3]] or fitting


def _governs(m: Mention, ref: Mention) -> bool:
    """'Al-Hayat, la branche médiatique du groupe': a reference inside a phrase apposed to a name is not that name."""
    return any(i in ref.governors for i in range(m.start, m.end))


def _listed(ref: Mention, history: list[Mention]) -> tuple[str, ...]:
    """'les quatre entreprises': the most recent class with that many distinct entities named."""
    best: tuple[int, tuple[str, ...]] = (-1, ())
    for cls in ref.classes:
        keys: list[str] = []
        oldest = -1
        for m in reversed(history):
            if m.end <= ref.start and m.cls == cls and m.key not in keys and not _nested_in(m, history):
                keys.append(m.known_key())
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
