"""Collects facts and counted events with their evidence, one record per distinct fact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.cues import Cue
from kg.extract.entities import EntityTable
from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import Mention
from kg.extract.relations import Arguments
from kg.extract.text import document_text, word
from kg.model import CountedEvent, Evidence, Fact
from kg.vocab import GENERIC_OBJECT_RELATIONS, GENERIC_SUBJECT_RELATIONS, SYMMETRIC_RELATIONS

ORGANISATION_TIES = {"founderOf", "leaderOf", "memberOf"}
LIST_WORDS = {",", "et", "ou"}  # not « en », « à »: « Lugano, en Suisse » is one place inside another

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc, Span


class FactSink:
    def __init__(self, table: EntityTable, rules: bool = True):
        self.table = table
        self.rules = rules  # False: only the relation model's facts are kept (counted events stay the rules')
        self.evidence: Evidence | None = None
        self.doc: Doc | None = None
        self._facts: dict[tuple[str, str, str], Fact] = {}
        self._events: dict[tuple, CountedEvent] = {}

    def at(self, sent: Span) -> None:
        # the document's own characters: the same string as sent.text, without joining every token again
        text = document_text(sent.doc)[sent.start_char:sent.end_char].strip()
        self.evidence = Evidence(text, sent.start_char, sent.end_char)
        self.doc = sent.doc

    def cue(self, cue: Cue, args: Arguments, alleged: bool) -> None:
        rel, lemma = cue.relation.name, cue.token.lemma_
        if cue.relation.symmetric:
            # "A, B et C s'unissent": every pair; "A organise un sommet avec B et C": A with each partner
            agents = _unique(args.agents)
            pairs = [(a, b) for i, a in enumerate(agents) for b in agents[i + 1:]]
            pairs += [(a, p) for a in agents for p in _unique(args.patients)]
        else:
            pairs = [(a, p) for a in args.agents for p in args.patients]
        for a, p in pairs:
            self.fact(a, rel, p, args.confidence, lemma, alleged)

    def fact(self, s: Mention, rel: str, o: Mention, confidence: float, cue: str = "", alleged: bool = False):
        if not self.rules and cue != "model":
            return
        if rel in ORGANISATION_TIES and self._an_account_on(o):
            rel = "uses"  # « X a créé une page Facebook »: X made an account on Facebook, not Facebook
        for sk in s.all_keys():
            for ok in o.all_keys():
                self._add(sk, rel, ok, confidence, cue, alleged, s, o)

    def _add(self, sk, rel, ok, confidence, cue, alleged, s: Mention, o: Mention) -> None:
        if sk == ok or self.evidence is None or not self._fits_generic(sk, rel, ok) or self._never(rel, ok):
            return
        if rel == "cooperatesWith" and s.cls == o.cls == "Place":
            return  # « une force qui réunit le Nigeria, le Niger et le Tchad »: governments act, not countries
        if rel == "locatedIn" and s.cls == o.cls == "Place" and self._listed(s, o):
            return  # « à Nantes, Toulouse, Marseille et Nice »: places side by side, not one inside the other
        if rel in SYMMETRIC_RELATIONS and ok < sk:
            sk, ok = ok, sk
        key = (sk, rel, ok)
        if key in self._facts and self._facts[key].confidence >= confidence:
            return
        if cue != "model":  # the model's probability is calibrated already, references included
            confidence *= 0.9 if "ref" in (s.kind, o.kind) else 1.0
        self._facts[key] = Fact(sk, rel, ok, self.evidence, round(confidence, 2), cue, alleged)
        self._register(s, sk)
        self._register(o, ok)

    @staticmethod
    def _never(rel: str, ok: str) -> bool:
        relation = load_lexicon().relations.get(rel)
        return relation is not None and ok in relation.never_objects

    def _an_account_on(self, platform: Mention) -> bool:
        """« une page Facebook », « la chaîne YouTube »: the platform names where an account is."""
        before = self.doc[platform.start - 1] if self.doc is not None and platform.start > 0 else None
        return platform.cls == "Platform" and before is not None and word(before) in load_lexicon().accounts_on_platform

    def _listed(self, a: Mention, b: Mention) -> bool:
        """Two names of one list: only names, commas, « et » and « ou » between them."""
        lo, hi = (a, b) if a.start < b.start else (b, a)
        if self.doc is None or lo.end < 0 or hi.start <= lo.end:
            return False
        return all(t.pos_ == "PROPN" or word(t) in LIST_WORDS for t in self.doc[lo.end:hi.start])

    def _fits_generic(self, sk: str, rel: str, ok: str) -> bool:
        """« les jihadistes … à Maiduguri »: a loose collective is in no fact but those it can take part in."""
        generic = {k for k in (sk, ok) if (known := self.table.gazetteer.get(k)) is not None and known.generic}
        return (sk not in generic or rel in GENERIC_SUBJECT_RELATIONS) and (
            ok not in generic or rel in GENERIC_OBJECT_RELATIONS)

    def _register(self, m: Mention, key: str) -> None:
        if m.kind != "ref" and key not in self.table.first:
            self.table.add(m)  # entities known only through a rule, e.g. a country from an adjective

    def event(self, kind: str, agent: Mention, target: Mention, count: int, confidence: float) -> None:
        assert self.evidence is not None, "at(sentence) comes before the sentence's events"
        for ak in agent.all_keys():
            for tk in target.all_keys():
                key = (kind, ak, tk, count)
                if key not in self._events and ak != tk:
                    self._events[key] = CountedEvent(kind, ak, tk, count, self.evidence, round(confidence, 2))

    def used_keys(self) -> set[str]:
        return {k for f in self._facts.values() for k in (f.subject, f.object)} | \
               {k for e in self._events.values() for k in (e.agent, e.target)}

    def facts(self) -> list[Fact]:
        return sorted(self._facts.values(), key=lambda f: (f.evidence.start, f.subject, f.relation, f.object))

    def events(self) -> list[CountedEvent]:
        return sorted(self._events.values(), key=lambda e: (e.evidence.start, e.kind, e.agent, e.target, e.count))


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out
