"""Loader of the extraction lexicon (kg/data/lexicon.toml): cues per relation and resolution word lists."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache

from kg.extract.numbers import NumberWords
from kg.resources import data_file
from kg.vocab import CONTRACTIONS, fold, tfold


@dataclass(frozen=True)
class RelationCues:
    name: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    agent: frozenset[str]
    patient: frozenset[str]
    patient_preps: frozenset[str]
    place_preps: frozenset[str]  # the prepositions by which a place is the patient ("à Paris" is mostly where)
    model_only: frozenset[str] = frozenset()  # cue words the model weighs but no rule acts on alone
    passive_only: frozenset[str] = frozenset()  # verbs the rules read in the passive voice only (« visé par X »)
    accounts_only: frozenset[str] = frozenset()  # verbs the rules read only with accounts or a count after them
    callers: frozenset[str] = frozenset()  # verbs that call for the act: under them every cue verb is the rules'
    called_nouns: frozenset[str] = frozenset()  # acts that cue the relation only under a caller (not model features)
    governed_acts: frozenset[str] = frozenset()  # acts that cue it only under one of its own verbs (not model features)
    genre_heads: frozenset[str] = frozenset()  # nouns after which « de » + the cue noun is a genre, no act
    model_unlikely: frozenset[tuple[str, str]] = frozenset()  # (subject, object) classes the model's facts skip
    never_objects: frozenset[str] = frozenset()  # entity keys that are never this relation's object
    accounts: bool = False
    symmetric: bool = False
    stative: bool = False
    noun_de: str = "agent"  # what "de X" after a nominal cue introduces: "menaces de l'EI" vs "création du Forum"
    verbal_only: bool = False
    co_agents: bool = False  # 'avec Y' after the verb adds Y to the agents


@dataclass(frozen=True)
class Lexicon:
    relations: dict[str, RelationCues]
    roles: dict[str, str]
    role_narrowers: frozenset[str]
    heads_of_state: frozenset[str]
    heads_of_government: frozenset[str]
    state_roles: frozenset[str]
    home_roles: frozenset[str]
    capitals: dict[str, str]
    descriptions: dict[tuple[str, ...], tuple[str, ...]]
    typing_heads: dict[str, str]
    name_heads: frozenset[str]
    actor_heads: dict[str, str]
    acronym_heads: dict[str, str]
    staff_heads: frozenset[str]
    member_nouns: frozenset[str]
    jihadist_words: frozenset[str]
    perpetrator_nouns: frozenset[str]
    acting_units: frozenset[str]
    calendar_words: frozenset[str]
    network_words: frozenset[str]
    nationalities: dict[str, str]
    town_adjectives: frozenset[str]
    operation_heads: frozenset[str]
    collectives: frozenset[str]
    operation_purposes: frozenset[str]
    description_blockers: frozenset[str]
    account_nouns: frozenset[str]
    counted_nouns: frozenset[str]
    counted_accounts: frozenset[str]
    accounts_on_platform: frozenset[str]
    relay_verbs: frozenset[str]
    terror_motives: frozenset[str]
    run_from: frozenset[str]
    terror_owner: str
    uses_on_verbs: frozenset[str]
    there_verbs: frozenset[str]
    group_name_nouns: frozenset[str]
    designation_prefixes: frozenset[str]
    ownership_nouns: tuple[tuple[str, ...], ...]
    headquarters: dict[str, str]
    company_heads: dict[str, str]
    alias_phrases: frozenset[tuple[str, ...]]
    alias_adverbs: frozenset[str]
    nominal_launchers: frozenset[str]
    accused_verbs: frozenset[str]
    accused_phrases: frozenset[tuple[str, ...]]
    accused_nouns: frozenset[str]
    accusing_officers: frozenset[str]  # « par le procureur spécial Robert Mueller »: a person who charges
    branch_nouns: frozenset[str]
    product_nouns: frozenset[str]
    acquiring_verbs: frozenset[str]  # « Facebook a racheté WhatsApp »: the subject owns the object
    belonging_verbs: frozenset[str]  # « Instagram appartient à Meta »: the subject is owned
    joint_adverbs: frozenset[str]  # « analysés conjointement par X et Y »: coordinated agents cooperate
    joint_adjectives: frozenset[str]  # « X et Y ont publié un rapport commun »
    company_countries: dict[str, str]
    role_bodies: dict[tuple[str, ...], tuple[str, str]]
    role_implied_bodies: dict[str, frozenset[str]]
    modality: dict[str, frozenset[str]]
    numbers: NumberWords

    def country_of_adjective(self, word: str) -> str | None:
        """The country of a folded nationality adjective in any of its forms: « marocaines », « italiennes » are the
        lexicon's « marocain », « italien ». Asked for most words of every article, so remembered per word."""
        known = self._adjectives_read
        if word not in known:
            known[word] = self.nationalities.get(word) if len(word) <= 4 else next(
                (self.nationalities[w] for w in (word, word[:-1], word[:-2], word[:-3]) if w in self.nationalities),
                None)
        return known[word]

    @cached_property
    def _adjectives_read(self) -> dict[str, str | None]:
        return {}

    @cached_property
    def countries(self) -> frozenset[str]:
        """The gazetteer keys of the places a nationality adjective names: countries and regions, not towns."""
        return frozenset(self.nationalities.values())

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """Every word that can start a cue of some relation."""
        words: set[str] = set()
        for rel in self.relations.values():
            words |= rel.verbs | rel.nouns | rel.called_nouns | rel.governed_acts | {p[0] for p in rel.phrases}
        return frozenset(words)

    @cached_property
    def relations_by_cue_word(self) -> dict[str, tuple[RelationCues, ...]]:
        """For each word that starts a cue, the relations it may cue, in the lexicon's order."""
        return {word: tuple(rel for rel in self.relations.values()
                            if word in rel.verbs or word in rel.nouns or word in rel.called_nouns
                            or word in rel.governed_acts
                            or any(p[0] == word for p in rel.phrases))
                for word in self.cue_words}


# a phrase is matched on lemmas, where « une » is « un »
_ELIDED = {**CONTRACTIONS, "une": "un"}


def phrase_words(phrase: str) -> tuple[str, ...]:
    """'se mettre d'accord' -> ('mettre', 'de', 'accord'): elisions expanded, the reflexive dropped."""
    words = re.findall(r"[a-z]+'|[a-z0-9-]+", fold(phrase))
    return tuple(w for w in (_ELIDED.get(w, w) for w in words) if w != "se")


def _folded(words) -> frozenset[str]:
    return frozenset(tfold(w) for w in words)


def _relation(name: str, raw: dict) -> RelationCues:
    return RelationCues(
        name=name,
        verbs=_folded(raw.get("verbs", [])),
        nouns=_folded(raw.get("nouns", [])),
        phrases=tuple(phrase_words(p) for p in raw.get("phrases", [])),
        agent=frozenset(raw["agent"]),
        patient=frozenset(raw["patient"]),
        patient_preps=frozenset(raw.get("patient_preps", [""])),
        place_preps=frozenset(raw.get("place_preps", raw.get("patient_preps", [""]))),
        model_only=_folded(raw.get("model_only", [])),
        passive_only=_folded(raw.get("passive_only", [])),
        accounts_only=_folded(raw.get("accounts_only", [])),
        callers=_folded(raw.get("callers", [])),
        called_nouns=_folded(raw.get("called_nouns", [])),
        governed_acts=_folded(raw.get("governed_acts", [])),
        genre_heads=_folded(raw.get("genre_heads", [])),
        model_unlikely=frozenset((str(a), str(b)) for a, b in raw.get("model_unlikely", [])),
        never_objects=frozenset(raw.get("never_objects", [])),
        accounts=bool(raw.get("accounts", False)),
        symmetric=bool(raw.get("symmetric", False)),
        stative=bool(raw.get("stative", False)),
        noun_de=raw.get("noun_de", "agent"),
        verbal_only=bool(raw.get("verbal_only", False)),
        co_agents=bool(raw.get("co_agents", False)),
    )


def _numbers(raw: dict[str, dict[str, int]]) -> NumberWords:
    return NumberWords(**{part: {fold(k): v for k, v in words.items()} for part, words in raw.items()})


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = tomllib.loads(data_file("lexicon.toml").read_text(encoding="utf-8"))
    return Lexicon(
        relations={name: _relation(name, raw) for name, raw in data["relation"].items()},
        roles=_with_former(data["roles"]),
        role_narrowers=_folded(data["role_narrowers"]["words"]),
        heads_of_state=_folded(data["heads_of_state"]["words"]),
        heads_of_government=_folded(data["heads_of_state"]["government"]),
        state_roles=_folded(data["state_roles"]["words"]),
        home_roles=_folded(data["home_roles"]["words"]),
        capitals=dict(data["capitals"]),
        descriptions={tuple(tfold(k).split()): tuple(v) for k, v in data["descriptions"].items()},
        typing_heads={tfold(k): v for k, v in data["typing_heads"].items()},
        name_heads=_folded(data.get("name_heads", {}).get("words", [])),
        actor_heads={tfold(k): v for k, v in data["actor_heads"].items()},
        acronym_heads={tfold(k): v for k, v in data["acronym_heads"].items()},
        staff_heads=_folded(data["staff_heads"]["words"]),
        member_nouns=_folded(data["member_nouns"]["words"]),
        jihadist_words=_folded(data["jihadist_words"]["words"]),
        perpetrator_nouns=_folded(data["perpetrator_nouns"]["words"]),
        acting_units=_folded(data.get("acting_units", {}).get("words", [])),
        calendar_words=_folded(data["calendar_words"]["words"]),
        network_words=_folded(data["network_words"]["words"]),
        nationalities={tfold(k): v for k, v in data["nationalities"].items()},
        town_adjectives=_folded(data["town_adjectives"]["words"]),
        operation_heads=_folded(data["operations"]["heads"]),
        collectives=_folded(data["collectives"]["words"]),
        operation_purposes=_folded(data["operations"]["purposes"]),
        description_blockers=_folded(data["description_blockers"]["words"]),
        account_nouns=_folded(data["accounts"]["nouns"]),
        counted_nouns=_folded(data["accounts"]["counted"]),
        counted_accounts=_folded(data["accounts"]["counted_accounts"]),
        accounts_on_platform=_folded(data["accounts"]["on_platform"]),
        relay_verbs=_folded(data["accounts"]["relay_verbs"]),
        terror_motives=_folded(data["accounts"].get("terror_motives", [])),
        run_from=_folded(data["accounts"].get("run_from", [])),
        terror_owner=data["accounts"].get("terror_owner", ""),
        uses_on_verbs=_folded(data.get("uses_on", {}).get("verbs", [])),
        there_verbs=_folded(data.get("uses_on", {}).get("there_verbs", [])),
        group_name_nouns=_folded(data.get("group_name_nouns", {}).get("words", [])),
        designation_prefixes=_folded(data.get("intrusion_designations", {}).get("prefixes", [])),
        headquarters=dict(data.get("headquarters", {})),
        company_heads=dict(data.get("company_heads", {})),
        alias_phrases=frozenset(phrase_words(p) for p in data["aliases"]["phrases"]),
        alias_adverbs=_folded(data["aliases"]["adverbs"]),
        company_countries=dict(data.get("company_countries", {})),
        branch_nouns=_folded(data.get("ownership", {}).get("branches", [])),
        product_nouns=_folded(data.get("ownership", {}).get("products", [])),
        acquiring_verbs=_folded(data.get("ownership", {}).get("acquiring", [])),
        belonging_verbs=_folded(data.get("ownership", {}).get("belonging", [])),
        joint_adverbs=_folded(data.get("jointly", {}).get("adverbs", [])),
        joint_adjectives=_folded(data.get("jointly", {}).get("adjectives", [])),
        role_bodies={tuple(tfold(k).split()): (v[0], v[1]) for k, v in data.get("role_bodies", {}).items()},
        role_implied_bodies={tfold(k): _folded(v) for k, v in data.get("role_implied_bodies", {}).items()},
        nominal_launchers=_folded(data.get("nominal_launchers", {}).get("verbs", [])),
        accused_verbs=_folded(data["accused"]["verbs"]),
        accused_phrases=frozenset(phrase_words(p) for p in data["accused"]["phrases"]),
        accused_nouns=_folded(data["accused"].get("nouns", [])),
        accusing_officers=_folded(data["accused"].get("officers", [])),
        ownership_nouns=tuple(sorted((tuple(tfold(w) for w in n.split())
                                      for n in data.get("ownership", {}).get("nouns", [])),
                                     key=len, reverse=True)),
        modality={k: _folded(v) for k, v in data["modality"].items()},
        numbers=_numbers(data["numbers"]),
    )


def _with_former(roles: dict[str, str]) -> dict[str, str]:
    """The roles, and each one as a former role written in one word (« ex-porte-parole », « ex-dirigeant »): like
    « ancien dirigeant », the title still says whose member or leader the person was."""
    folded = {tfold(k): v for k, v in roles.items()}
    return folded | {f"ex-{k}": v for k, v in folded.items()}
