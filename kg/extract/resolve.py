"""All the mentions of an article, named, described and resolved, with the lookups the rules need."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract import coref
from kg.extract.appositions import apposition_head, merge_appositions
from kg.extract.bodies import (
    acronym_mentions,
    initialism_mentions,
    institution_mentions,
    known_expansions,
    short_form_mentions,
)
from kg.extract.descriptions import described_mentions
from kg.extract.features import TokenView, token_view
from kg.extract.gazetteer import KnownEntity, load_gazetteer
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.mentions import (
    AliasIndex,
    Mention,
    gazetteer_mentions,
    ner_mentions,
    propn_mentions,
)
from kg.extract.role_refs import named_roles
from kg.extract.signatures import with_signers
from kg.extract.spans import reviewed_names
from kg.extract.surnames import surnames_found, with_full_names, with_long_names
from kg.extract.text import folded_words, lemma, token_texts
from kg.extract.titled import titled_refs
from kg.extract.titles import quoted_title_mentions
from kg.vocab import tfold

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc


@lru_cache(maxsize=4)
def alias_index(gazetteer_files: tuple = ()) -> AliasIndex:
    # The blank French tokenizer splits aliases exactly as fr_core_news_md splits the articles.
    import spacy  # here, not at the top: importing kg.extract stays cheap for commands that never parse

    return AliasIndex(spacy.blank("fr").tokenizer, load_gazetteer(gazetteer_files))


@dataclass
class Resolved:
    mentions: list[Mention]
    gazetteer: dict[str, KnownEntity]
    countries: dict[str, Mention] = field(default_factory=dict)
    speakers: list[Mention] = field(default_factory=list)  # persons named right after a speech verb
    home: Mention | None = None  # the country the article speaks of most: whom « le ministre de l'Intérieur » serves
    governments: dict[str, Mention] = field(default_factory=dict)  # country key -> « le gouvernement nigérian »
    ministries: dict[tuple[str, ...], Mention] = field(default_factory=dict)  # ("interieur",) -> « le ministère … »

    def next_speaker(self, after: int, within: int = 80) -> Mention | None:
        """'… a annoncé le ministre italien. « … », s'est félicité Marco Minniti': the speaker named next."""
        return next((m for m in self.speakers if after < m.start <= after + within), None)

    def in_span(self, start: int, end: int) -> list[Mention]:
        """The outermost mentions inside [start, end), in order."""
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        return [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end
                                             and (o.end - o.start) > (m.end - m.start) for o in inside)]

    def recent(self, classes: frozenset[str], before: int, subjects_only: bool = False) -> Mention | None:
        """The last mention of one of the classes before a token (within the reach of a topic for subjects)."""
        return next((m for m in reversed(self.mentions) if m.end <= before and m.cls in classes and m.key
                     and (not subjects_only or (m.subject and before - m.start < 60))), None)

    def salient(self, cls: str | frozenset[str], topic: bool = False) -> Mention | None:
        """The entity of a class (or of several) the article names most often (at least twice), e.g. its platform;
        with `topic`, the one it speaks of most often, by name or by reference ('le groupe', 'il')."""
        classes = {cls} if isinstance(cls, str) else cls
        counts = Counter(m.key for m in self.mentions if m.cls in classes and (m.kind == "name" or topic and m.key))
        if not counts:
            return None
        (key, n), *rest = counts.most_common(2)
        if n < 2 or (rest and rest[0][1] == n):
            return None
        return next(m for m in self.mentions if m.key == key)


def resolved_mentions(doc: Doc, gazetteer_files: tuple = (), span_weights: dict | None = None) -> Resolved:
    """Every mention of the article with its entity; `span_weights` (the trained mention classifier) reviews
    the names the gazetteer does not hold and adds those spaCy found that the rules left out."""
    lex = load_lexicon()
    gazetteer = load_gazetteer(gazetteer_files)
    names = rule_names(doc, gazetteer_files, gazetteer, lex)
    if span_weights is not None:
        names = reviewed_names(doc, names, gazetteer, span_weights)
    names = with_long_names(with_full_names(names, gazetteer, doc), gazetteer)
    names = with_signers(doc, names)  # last: « Hacked by X » decides X's class
    mentions = _named_role_refs(names + described_mentions(doc, names, lex), named_roles(doc, names, lex))
    mentions += titled_refs(doc, mentions, lex)  # « la députée » after « la députée Anne Morel »
    merge_appositions(doc, mentions, gazetteer, lex)
    view, sentence_of = token_view(doc), _sentence_numbers(doc)
    for m in mentions:
        root = view.root(doc, m)
        _mark_role(doc, m, view, root)
        m.sent = sentence_of[m.start]
        m.depth = len(view.chain(root)[0]) - 1  # dependency links from the sentence root
        m.head = view.heads[root]
        if m.kind == "name":
            m.country = lex.company_countries.get(m.known_key())
        if m.kind == "ref":
            m.after_role = _after_role(doc, m.start, lex)
            m.governors = frozenset(view.chain(root)[0][1:]) | apposition_head(doc, m.start)
    mentions = coref.resolve(_specify_vague_actors(mentions))
    # entities rules name without a mention: countries of nationality adjectives, bodies of role words
    countries = {key: Mention(-1, -1, key, gazetteer[key].cls, gazetteer[key].label, "name")
                 for key in lex.countries | {k for _, k in lex.role_bodies.values()}
                 if key in gazetteer}
    speech = lex.modality["speech_verbs"]
    speakers = [m for m in names if m.cls == "Person"
                and any(lemma(t) in speech for t in doc[max(0, m.start - 2):m.start])]
    return Resolved(mentions, gazetteer, countries, speakers, _home_country(doc, mentions, countries, lex),
                    _governments(mentions, lex), _ministries(mentions, lex, gazetteer))


def _home_country(doc: Doc, mentions: list[Mention], countries: dict[str, Mention], lex: Lexicon) -> Mention | None:
    """The country named most often, by name, capital or nationality adjective (« la police allemande »), at least three
    times and more than twice as often as any other (an article about two countries has no home)."""
    states = lex.countries & set(countries)  # not the bodies of role words, also in `countries`
    counts = Counter(m.known_key() for m in mentions if m.kind == "name" and m.key in states)
    counts.update(lex.capitals[m.key] for m in mentions if m.kind == "name" and m.key in lex.capitals)
    adjectives = (lex.country_of_adjective(w) for w, t in zip(folded_words(doc), token_texts(doc)) if t.islower())
    counts.update(country for country in adjectives if country)
    ranked = [(key, n) for key, n in counts.most_common(2) if key in states]
    if not ranked or ranked[0][1] < 3 or len(ranked) > 1 and 2 * ranked[1][1] >= ranked[0][1]:
        return None
    return countries[ranked[0][0]]


GOVERNMENT_HEADS = {"gouvernement", "autorites", "executif"}


def _governments(mentions: list[Mention], lex: Lexicon) -> dict[str, Mention]:
    """The government of a country as the article names it (« le gouvernement nigérian », « les autorités
    françaises »): a minister of that country belongs to it."""
    found: dict[str, Mention] = {}
    for m in mentions:
        words = tfold(m.text).split()
        if m.cls == "GovernmentBody" and m.key and len(words) == 2 and words[0] in GOVERNMENT_HEADS:
            country = lex.country_of_adjective(words[1])
            if country:
                found.setdefault(country, m)
    return found


def _ministries(mentions: list[Mention], lex: Lexicon, gazetteer: dict[str, KnownEntity]) -> dict[tuple, Mention]:
    """The ministries the article names, by portfolio: « le ministère (espagnol) de l'Intérieur » -> ("interieur",),
    and « la place Beauvau » by the names the gazetteer gives it; « le ministre de l'Intérieur, X » leads it."""
    found: dict[tuple[str, ...], Mention] = {}
    for m in (m for m in mentions if m.cls == "GovernmentBody" and m.key):
        known = gazetteer.get(m.known_key())
        for name in (m.text, *((known.label, *known.aliases) if known else ())):
            words = [w for w in tfold(name).replace("'", "' ").split()
                     if lex.country_of_adjective(w) is None and not w.startswith("(")]
            if len(words) > 2 and words[0] == "ministere":
                found.setdefault(portfolio(words[1:]), m)
    return found


def portfolio(words: list[str]) -> tuple[str, ...]:
    """The portfolio after « ministre » or « ministère »: « de l'Intérieur » -> ("interieur",)."""
    return tuple(w for w in words if w not in PORTFOLIO_GLUE)


PORTFOLIO_GLUE = {"de", "du", "des", "d'", "le", "la", "les", "l'"}


def rule_names(doc: Doc, gazetteer_files: tuple, gazetteer: dict[str, KnownEntity], lex) -> list[Mention]:
    """The names the rules find: the gazetteer's, short forms, quoted titles, acronyms, NER and proper nouns."""
    names = gazetteer_mentions(doc, alias_index(gazetteer_files), gazetteer)
    taken = {t for m in names for t in range(m.start, m.end)}
    names += short_form_mentions(doc, names, taken)
    taken = {t for m in names for t in range(m.start, m.end)}
    titles = quoted_title_mentions(doc, taken, lex)
    names = [m for m in names if not any(t.start <= m.start and m.end <= t.end for t in titles)]  # names in a title
    taken = {t for m in names + titles for t in range(m.start, m.end)}
    titles += acronym_mentions(doc, taken, lex)  # before NER, which would split 'parquet national … (PNAT)'
    titles += initialism_mentions(doc, taken | {t for m in titles for t in range(m.start, m.end)})
    titles += known_expansions(doc, names, taken, lex)
    taken |= {t for m in titles for t in range(m.start, m.end)}
    titles += institution_mentions(doc, taken, lex)  # after the acronyms: « l'Office central … (OCLC) » is theirs
    taken |= {t for m in titles for t in range(m.start, m.end)}
    found = ner_mentions(doc, taken, lex)
    taken |= {t for m in found for t in range(m.start, m.end)}
    names += titles + _unify_surnames(found + propn_mentions(doc, taken, lex), names, doc, lex)
    return sorted(names, key=lambda m: m.start)


def _named_role_refs(mentions: list[Mention], named: dict[tuple[str, str], str]) -> list[Mention]:
    """'le patron de Twitter' is Jack Dorsey when the article names him so; otherwise it is no one we know."""
    for m in mentions:
        if m.role and m.role in named:
            m.key = named[m.role]
            m.keys = (m.key,)
    return [m for m in mentions if not m.role or m.key]


def _specify_vague_actors(mentions: list[Mention]) -> list[Mention]:
    """'Un groupe de djihadistes a appelé …' in the lede, 'un mouvement djihadiste de Jérusalem' in the body: when
    the article singles out exactly one actor of that kind, the vague description is that actor."""
    for cls, kinds in (("TerroristGroup", {"actor"}), ("HackerGroup", {"actor", "name"})):
        # "un collectif d'hacktivistes russes … Ce collectif, surnommé NoName057": hacker groups are named
        specific = {m.key for m in mentions if m.kind in kinds and not m.vague and m.cls == cls}
        if len(specific) == 1:
            key = next(iter(specific))
            for m in mentions:
                if m.vague and m.cls == cls:
                    m.key, m.vague = key, False
    # "un groupe de hackers" the article never names is no one ("un groupe de djihadistes" stays its own actor)
    return [m for m in mentions if not (m.vague and m.cls == "HackerGroup")]


def _mark_role(doc: Doc, m: Mention, view: TokenView, root: int) -> None:
    """Subject or not, plural or not: what pronoun resolution weighs (`root`: the index of the mention's root)."""
    deps, head = view.deps, view.heads[root]
    m.subject = any(deps[t] in {"nsubj", "nsubj:pass"} for t in range(m.start, m.end)) or \
        (deps[root] == "appos" and deps[head] == "nsubj") or \
        (m.start > 0 and head == m.start - 1 and deps[m.start - 1] in {"nsubj", "nsubj:pass"}) or \
        (deps[root] == "ROOT" and view.pos[root] in {"NOUN", "PROPN"})  # a subject the parser lost
    if m.kind != "ref" or m.keys:  # names, and members standing for their group ("les hacktivistes d'Anonymous")
        m.plural = view.pos[root] == "NOUN" and "Plur" in doc[root].morph.get("Number", [])  # names are singular


ORG_OWNED = {"locaux", "siege", "bureau", "bureaux", "moderateur", "moderateurs", "utilisateur", "utilisateurs",
             "abonne", "abonnes", "application", "plateforme", "actionnaire", "actionnaires"}


def _org_context(m: Mention, doc: Doc, lex) -> bool:
    """'les fondateurs de Kanopée', 'les locaux de Kanopée', 'les modérateurs de Kanopée': what has founders,
    offices, staff or users is an organisation, whatever NER called the name."""
    if m.start < 2 or tfold(doc[m.start - 1].text) not in {"de", "d'", "du"}:
        return False
    noun = doc[m.start - 2]
    rel = lex.roles.get(lemma(noun)) or lex.roles.get(tfold(noun.text))
    return rel in {"founderOf", "leaderOf"} or lemma(noun) in lex.staff_heads or tfold(noun.text) in lex.staff_heads \
        or tfold(noun.text) in ORG_OWNED or lemma(noun) in ORG_OWNED


PLATFORM_OWNED = {"moderateur", "moderateurs", "utilisateur", "utilisateurs", "abonne", "abonnes"}


def _platform_context(m: Mention, doc: Doc) -> bool:
    """'les modérateurs de Kanopée', 'les utilisateurs de X': a service that hosts users' accounts."""
    return tfold(doc[m.start - 2].text) in PLATFORM_OWNED


def _after_role(doc: Doc, start: int, lex) -> bool:
    """A role noun a few words before, with only its complement between ('responsable des affaires du groupe')."""
    for j in range(start - 1, max(-1, start - 8), -1):
        if lex.roles.get(lemma(doc[j])) or lex.roles.get(tfold(doc[j].text)):
            return True
        if doc[j].pos_ not in {"DET", "ADP", "NOUN", "ADJ"}:
            return False
    return False


def _sentence_numbers(doc: Doc) -> list[int]:
    """Each token's sentence, numbered from 0 in document order."""
    numbers = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        numbers[sent.start:sent.end] = [k] * (sent.end - sent.start)
    return numbers


def _unify_surnames(found: list[Mention], known: list[Mention], doc: Doc, lex) -> list[Mention]:
    """'Minniti' after (or before) 'Marco Minniti' is the same person, whatever NER called the short form;
    and one name keeps one class: the one NER gave most often, a person when in doubt."""
    surnames_found(found, known, doc)
    for m in found:
        if m.cls in {"Person", "Organization", "Place"} and _org_context(m, doc, lex):
            m.cls = "Platform" if _platform_context(m, doc) else "Organization"
    hosts = {m.key for m in found if m.cls == "Platform"}  # what has moderators or users is a platform throughout
    for m in found:
        if m.key in hosts and m.cls in {"Organization", "Person", "Place"}:
            m.cls = "Platform"
    votes: dict[str, Counter] = {}
    for m in found:
        votes.setdefault(m.known_key(), Counter())[m.cls] += 1
    for m in found:
        ranked = votes[m.known_key()].most_common()
        m.cls = "Person" if votes[m.known_key()]["Person"] == ranked[0][1] else ranked[0][0]
    return found
