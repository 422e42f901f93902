"""The one place that defines namespaces and mints IRIs.

Every IRI the project writes comes from a function here, and each is a pure function of its
inputs, so building the same corpus twice (or on two machines) mints the same nodes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

# The base of every IRI kg mints. A placeholder: w3id.org/kg-news is not registered, so users publish their data
# under a base of their own (`kg build --base-iri`, kg/cli/build.py), which the store then remembers
# (kg/store/base.py). The ontology's terms stay under this one whatever the data's base (see ONTOLOGY).
DEFAULT_BASE = "https://w3id.org/kg-news/"
# The vocabulary is the project's, not the user's: its terms keep one IRI in every store, so the shipped ontology,
# shapes and queries read any store, and two stores built under two bases still share their classes and relations.
ONTOLOGY = DEFAULT_BASE + "ontology#"
# Paths under the default base that are the vocabulary's (ontology, versions, shapes): `rebase` leaves them alone.
_VOCABULARY_PATHS = ("ontology", "shapes")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")
VOID = Namespace("http://rdfs.org/ns/void#")
# What a base may hold: ASCII letters and digits and - . _ ~ : / % @ (and a final # or /). Narrower than an IRI
# allows, on purpose: the shipped files then spell any base as plainly as the default one, even inside the
# regular expression of ontology/shapes.ttl, where `?`, `+` or `(` would mean something else.
_BASE_CHARACTERS = re.compile(r"[A-Za-z0-9._~:/%@-]*[/#]")


def check_base(base: str) -> str:
    """`base` if it can be the base of kg's IRIs (http or https, a host, ending in `/` or `#`, nothing an IRI
    cannot hold), else UsageError naming the reason."""
    from kg.errors import UsageError  # (kg.errors is tiny; imported here so that vocab stays the bottom layer)

    parts = urlsplit(base)
    reason = ("it must start with http:// or https://" if parts.scheme not in ("http", "https") or not parts.netloc
              else "it must end with / or #" if not base.endswith(("/", "#"))
              else "it may hold only ASCII letters, digits and - . _ ~ : / % @" if not _BASE_CHARACTERS.fullmatch(base)
              else "it has a # before its end" if "#" in base[:-1] else "")
    if reason:
        raise UsageError(f"--base-iri {base!r}: not a base IRI, {reason} (e.g. https://example.org/news/)")
    return base


@dataclass(frozen=True)
class Iris:
    """The data IRIs kg mints under one base: every IRI of a store but the ontology's terms. Each is a pure
    function of its inputs, so building the same corpus twice (or on two machines) mints the same nodes."""

    base: str = DEFAULT_BASE

    @property
    def entity(self) -> Namespace:
        return Namespace(self.base + "entity/")

    @property
    def article(self) -> Namespace:
        return Namespace(self.base + "article/")

    @property
    def graph(self) -> Namespace:
        return Namespace(self.base + "graph/")

    @property
    def fact(self) -> Namespace:
        return Namespace(self.base + "fact/")

    @property
    def event(self) -> Namespace:
        return Namespace(self.base + "event/")

    @property
    def build(self) -> Namespace:
        return Namespace(self.base + "build/")

    @property
    def agent(self) -> Namespace:
        return Namespace(self.base + "agent/")

    @property
    def names_graph(self) -> str:
        """The one graph kg derives from the others rather than extracts: every entity's display name
        (kg/pipeline/names.py). Outside graph/, so that no article id can ever mint it."""
        return self.base + "names"

    @property
    def provenance_graph(self) -> str:
        """What kg says about its own work (kg/rdf/provenance.py): each build as a prov:Activity."""
        return self.base + "provenance"

    @property
    def void_graph(self) -> str:
        """The VoID description of the dataset, rewritten by each build that changes the store."""
        return self.base + "void"

    dataset = property(lambda self: self.base + "dataset")

    @property
    def prefixes(self) -> dict[str, Any]:  # Namespace, or rdflib's DefinedNamespace classes
        return {"kg": KG, "kge": self.entity, "kga": self.article, "kgg": self.graph, "kgf": self.fact,
                "kgev": self.event, "schema": SCHEMA, "foaf": FOAF, "wd": WD, "dcterms": DCTERMS, "prov": PROV,
                "rdf": RDF, "rdfs": RDFS, "owl": OWL, "skos": SKOS, "xsd": XSD}

    def fact_iri(self, article_id: str, subject: str, relation: str, obj: str) -> URIRef:
        return self.fact[f"{article_id}/{digest(subject, relation, obj)}"]

    def event_iri(self, article_id: str, kind: str, agent: str, target: str, count: int) -> URIRef:
        return self.event[f"{article_id}/{digest(kind, agent, target, count)}"]

    def article_id_of_graph(self, iri: str) -> str | None:
        """The article id a named graph IRI was minted for, or None for other graphs."""
        prefix = str(self.graph)
        return iri[len(prefix):] if iri.startswith(prefix) else None


def rebase(text: str, base: str) -> str:
    """A shipped query, update or shapes file (written with the default base) for a store whose base is `base`:
    every data IRI of the default base moved to `base`, the vocabulary's IRIs (ONTOLOGY, the shapes) kept."""
    if base == DEFAULT_BASE:
        return text
    kept = "|".join(_VOCABULARY_PATHS)
    return re.sub(re.escape(DEFAULT_BASE) + rf"(?!(?:{kept})\b)", lambda _: base, text)


class KG(DefinedNamespace):
    """The ontology's terms (ontology/kg.ttl; tests/test_vocab.py keeps the two equal). A misspelt term
    (`KG.threatenz`, `KG["Platfrom"]`) raises AttributeError instead of minting an IRI no query finds."""

    _NS = Namespace(ONTOLOGY)
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


# The IRIs under the default base, for code and tests that have no store at hand; code that writes to or reads
# from a store takes that store's Iris (kg.store.base.iris_of).
DEFAULT_IRIS = Iris()
ENTITY, ARTICLE, GRAPH = DEFAULT_IRIS.entity, DEFAULT_IRIS.article, DEFAULT_IRIS.graph
FACT, EVENT, BUILD, AGENT = DEFAULT_IRIS.fact, DEFAULT_IRIS.event, DEFAULT_IRIS.build, DEFAULT_IRIS.agent
NAMES_GRAPH, PROVENANCE_GRAPH = DEFAULT_IRIS.names_graph, DEFAULT_IRIS.provenance_graph
VOID_GRAPH, DATASET = DEFAULT_IRIS.void_graph, DEFAULT_IRIS.dataset
PREFIXES = DEFAULT_IRIS.prefixes

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
# all a loose collective (a generic gazetteer entity: « les djihadistes ») can do or undergo: it is located nowhere
GENERIC_SUBJECT_RELATIONS = frozenset({"uses", "publishes", "threatens", "hacks"})
GENERIC_OBJECT_RELATIONS = frozenset({"suspendsAccountsOf", "hacks", "threatens", "investigates"})
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
    "suspendsAccountsOf": (frozenset({"Platform"}), AGENT_CLASSES | {"Place"}),
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
    return DEFAULT_IRIS.fact_iri(article_id, subject, relation, obj)


def event_iri(article_id: str, kind: str, agent: str, target: str, count: int):
    return DEFAULT_IRIS.event_iri(article_id, kind, agent, target, count)


def wikidata_iri(qid: str):
    return WD[qid]


def article_id_of_graph(iri: str) -> str | None:
    return DEFAULT_IRIS.article_id_of_graph(iri)
