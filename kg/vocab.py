"""The one place that defines namespaces and mints IRIs.

Every IRI the project writes comes from a function here, and each is a pure function of its
inputs, so building the same corpus twice (or on two machines) mints the same nodes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

BASE = "https://w3id.org/kg-news/"
ENTITY = Namespace(BASE + "entity/")
ARTICLE = Namespace(BASE + "article/")
GRAPH = Namespace(BASE + "graph/")
FACT = Namespace(BASE + "fact/")
EVENT = Namespace(BASE + "event/")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")
# The one graph kg derives from the others rather than extracts: every entity's display name
# (kg/names.py). Outside GRAPH/, so that no article id can ever mint it.
NAMES_GRAPH = BASE + "names"
# What kg says about its own work (kg/rdf/provenance.py): each build as a prov:Activity, in one graph; and the
# VoID description of the dataset, rewritten by each build that changes the store.
PROVENANCE_GRAPH = BASE + "provenance"
VOID_GRAPH = BASE + "void"
DATASET = BASE + "dataset"
BUILD = Namespace(BASE + "build/")
AGENT = Namespace(BASE + "agent/")
VOID = Namespace("http://rdfs.org/ns/void#")


class KG(DefinedNamespace):
    """The ontology's terms (ontology/kg.ttl; tests/test_vocab.py keeps the two equal). A misspelt term
    (`KG.threatenz`, `KG["Platfrom"]`) raises AttributeError instead of minting an IRI no query finds."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True
    # entity classes (Agent is a helper for domains and ranges, never assigned)
    Person: URIRef
    Organization: URIRef
    TerroristGroup: URIRef
    HackerGroup: URIRef
    Platform: URIRef
    GovernmentBody: URIRef
    MediaOutlet: URIRef
    Place: URIRef
    CreativeWork: URIRef
    Agent: URIRef
    # relations between entities
    relatedTo: URIRef
    threatens: URIRef
    callsForAttackOn: URIRef
    suspendsAccountsOf: URIRef
    hacks: URIRef
    founderOf: URIRef
    memberOf: URIRef
    leaderOf: URIRef
    affiliatedWith: URIRef
    cooperatesWith: URIRef
    uses: URIRef
    publishes: URIRef
    locatedIn: URIRef
    investigates: URIRef
    # counted account events
    AccountEvent: URIRef
    AccountSuspension: URIRef
    AccountTakeover: URIRef
    agent: URIRef
    target: URIRef
    accountCount: URIRef
    # articles, evidence and provenance
    Article: URIRef
    ArticleGraph: URIRef
    Evidence: URIRef
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    cue: URIRef
    alleged: URIRef
    displayName: URIRef
    contentHash: URIRef
    extractorVersion: URIRef
    source: URIRef


PREFIXES = {
    "kg": KG, "kge": ENTITY, "kga": ARTICLE, "kgg": GRAPH, "kgf": FACT, "kgev": EVENT,
    "schema": SCHEMA, "foaf": FOAF, "wd": WD, "dcterms": DCTERMS, "prov": PROV,
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "skos": SKOS, "xsd": XSD,
}

# The contract's classes and relations (../shared/eval/CONTRACT.md, ontology/kg.ttl), defined once.
# The entity classes in the ontology's order, for the code that tries them in turn.
CLASS_ORDER = ("Person", "Organization", "TerroristGroup", "HackerGroup", "Platform", "GovernmentBody", "MediaOutlet",
               "Place", "CreativeWork")
ORGANIZATION_CLASSES = frozenset({"Organization", "TerroristGroup", "HackerGroup", "Platform", "GovernmentBody",
                                  "MediaOutlet"})
GROUP_CLASSES = frozenset({"Organization", "TerroristGroup", "HackerGroup"})  # what can own a branch or be joined
AGENT_CLASSES = ORGANIZATION_CLASSES | {"Person"}
ENTITY_CLASSES = frozenset(CLASS_ORDER)
RELATIONS = ("threatens", "suspendsAccountsOf", "hacks", "founderOf", "leaderOf", "memberOf", "affiliatedWith",
             "cooperatesWith", "uses", "publishes", "locatedIn", "investigates")
SYMMETRIC_RELATIONS = frozenset({"affiliatedWith", "cooperatesWith"})
# the counted account events, and the relation each one also states between its agent and its target
EVENT_RELATIONS = {"AccountSuspension": "suspendsAccountsOf", "AccountTakeover": "hacks"}
EVENT_KINDS = tuple(EVENT_RELATIONS)
# Contracted and elided French forms and the full form they stand for, so that cues match "aux", "du", "d'",
# "qu'" like "à", "de", "que".
CONTRACTIONS = {"au": "a", "aux": "a", "du": "de", "des": "de", "d'": "de", "l'": "le", "qu'": "que", "s'": "se",
                "n'": "ne", "à": "a", "la": "le", "les": "le", "c'": "ce", "j'": "je", "m'": "me", "t'": "te"}
_PPO = AGENT_CLASSES | {"Place"}
# relation -> (classes its subject may have, classes its object may have), as rdfs:domain and rdfs:range say
DOMAIN_RANGE: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "threatens": (AGENT_CLASSES, _PPO),
    "suspendsAccountsOf": (frozenset({"Platform"}), AGENT_CLASSES),
    "hacks": (AGENT_CLASSES, AGENT_CLASSES),
    "founderOf": (AGENT_CLASSES, ORGANIZATION_CLASSES),
    "leaderOf": (_PPO, ORGANIZATION_CLASSES | {"Place"}),
    "memberOf": (_PPO, ORGANIZATION_CLASSES | {"Place"}),
    "affiliatedWith": (AGENT_CLASSES, AGENT_CLASSES),
    "cooperatesWith": (_PPO, _PPO),
    "uses": (AGENT_CLASSES, frozenset({"Platform"})),
    "publishes": (AGENT_CLASSES, frozenset({"CreativeWork"})),
    "locatedIn": (_PPO | {"CreativeWork"}, frozenset({"Place"})),
    "investigates": (AGENT_CLASSES, AGENT_CLASSES | {"CreativeWork"}),
}


def relation_allowed(relation: str, subject_class: str, object_class: str) -> bool:
    """Whether the ontology lets `relation` link an entity of one class to one of the other."""
    domain, range_ = DOMAIN_RANGE[relation]
    return subject_class in domain and object_class in range_


_LEADING_ARTICLE = re.compile(r"^(?:l'|le |la |les |un |une |des |du |de la |the )")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, used for matching and slugs."""
    text = text.replace("\u2019", "'")  # before the ASCII fold, which would drop it
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()
    text = _LEADING_ARTICLE.sub("", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=65536)  # called for every token many times over: words repeat
def tfold(text: str) -> str:
    """A token's matching form: lower case without accents, curly apostrophes made straight."""
    text = text.replace("\u2019", "'")  # before the ASCII fold, which would drop it
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slug(name: str) -> str:
    """A stable IRI-safe slug of a name: 'l'État islamique' -> 'etat-islamique'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "x"


def digest(*parts: object) -> str:
    """A short deterministic hash of the parts, for nodes that have no name of their own."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def entity_iri(key: str):
    return ENTITY[key]


def article_iri(article_id: str):
    return ARTICLE[article_id]


def graph_iri(article_id: str):
    return GRAPH[article_id]


def fact_iri(article_id: str, subject: str, relation: str, obj: str):
    return FACT[f"{article_id}/{digest(subject, relation, obj)}"]


def event_iri(article_id: str, kind: str, agent: str, target: str, count: int):
    return EVENT[f"{article_id}/{digest(kind, agent, target, count)}"]


def wikidata_iri(qid: str):
    return WD[qid]


def article_id_of_graph(iri: str) -> str | None:
    """The article id a named graph IRI was minted for, or None for other graphs."""
    prefix = str(GRAPH)
    return iri[len(prefix):] if iri.startswith(prefix) else None
