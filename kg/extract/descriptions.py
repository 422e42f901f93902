"""Described actors ("le gouvernement américain") and references ("le réseau social", "elle") to resolve."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.appositions import apposed_after, apposed_to, closed_apposition
from kg.extract.bodies import portfolio_end, unit_end
from kg.extract.led import led_body
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Mention
from kg.extract.operations import operation_mention
from kg.extract.perpetrators import introduced_perpetrator, mark_perpetrator
from kg.extract.pronouns import LATEST, PRONOUNS, pronoun_ref
from kg.extract.role_refs import role_ref
from kg.extract.seats import seat_end
from kg.extract.text import folded_lemmas, folded_words, lemma, plural, tfold, word
from kg.extract.unnamed import POSSESSIVES, after_de, collective_ref, hackers_after, possessive_ref
from kg.vocab import GROUP_CLASSES, slug

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

DEMONSTRATIVES = {"ce", "cet", "cette", "ces"}
DEFINITE = {"le", "la", "les", "l'", "ce", "cet", "cette", "ces", "au", "aux", "du",  # "des" is mostly indefinite
            "son", "sa", "ses", "leur", "leurs"}
INDEFINITE = {"un", "une", "de", "des"}
GROUP_HEADS = {"groupe", "organisation", "reseau", "cellule", "mouvement", "collectif", "groupuscule"}
NUMBERS = {"deux": 2, "trois": 3, "quatre": 4}


def staff_mention(doc: Doc, i: int, by_start: dict[int, Mention], lex: Lexicon) -> Mention | None:
    """'les employés (américains) de Twitter' -> one node for the staff of Twitter."""
    if word(doc[i]) not in lex.staff_heads and lemma(doc[i]) not in lex.staff_heads:
        return None
    if word(doc[i]) in lex.roles and not plural(doc[i]):
        return None  # "le dirigeant de Telegram, Pavel Durov": one person, read by the role rules
    j = i + 1
    while j < len(doc) and doc[j].pos_ == "ADJ" and j < i + 3:
        j += 1
    if j < len(doc) and word(doc[j]) == "de":
        org = by_start.get(j + 1) or (by_start.get(j + 2) if j + 2 < len(doc) and word(doc[j + 1]) == "le" else None)
        if org and org.cls in {"Platform", "Organization", "MediaOutlet", "GovernmentBody"}:
            text = doc[i:org.end].text
            if word(doc[i]) in MODERATORS and org.cls == "Platform":  # the platform acts through its moderators
                return Mention(i, org.end, org.key, org.cls, text, "ref", (org.cls,), keys=(org.known_key(),))
            return Mention(i, org.end, f"staff-of-{org.key}", "Organization", text, "actor")
    return None


MODERATORS = {"moderateurs", "moderateur", "moderatrices", "moderatrice"}


def member_mention(doc: Doc, i: int, by_start: dict[int, Mention], lex: Lexicon) -> Mention | None:
    """'les combattants de l'État islamique', 'les hackers de CyberCaliphate': the group acts through them."""
    j = i + 1  # « les hackers prorusses du groupe NoName057 »: adjectives, then the group and its typing noun
    while j < min(len(doc), i + 3) and doc[j].pos_ == "ADJ" and j not in by_start:
        j += 1
    if word(doc[i]) not in lex.member_nouns or j + 1 >= len(doc) or word(doc[j]) != "de":
        return collective_ref(doc, i, by_start, lex)  # « des pirates », without their group
    if not plural(doc[i]):
        return None  # "X, un membre de Boko Haram" is a role, read by roles.py
    k = j + 1 + (j + 1 not in by_start and word(doc[j + 1]) == "le" and j + 2 < len(doc))
    k += k + 1 < len(doc) and k not in by_start and lemma(doc[k]) in lex.typing_heads  # « du groupe X »
    group = by_start.get(k)
    if group and group.cls in GROUP_CLASSES and group.key:
        return Mention(i, group.end, group.key, group.cls, doc[i:group.end].text, "ref", (group.cls,),
                       keys=(group.key,))
    return None


IN_POWER_HEADS = frozenset({"junte", "regime", "gouvernement"})


def actor_mention(doc: Doc, i: int, by_start: dict[int, Mention], lex: Lexicon) -> Mention | None:
    """A description naming an actor of its own: 'un groupe de djihadistes', 'les autorités américaines'."""
    head = lemma(doc[i])
    if doc[i].pos_ not in {"NOUN", "PROPN"} or (head not in lex.actor_heads and head not in GROUP_HEADS):
        return None
    end, narrowed, jihadist = i + 1, False, False
    while end < len(doc) and (_adjective(doc[end]) or _nationality(doc[end], lex)) and end not in by_start:
        narrowed |= lex.country_of_adjective(word(doc[end])) is not None or word(doc[end]) in lex.town_adjectives
        jihadist |= word(doc[end]) in lex.jihadist_words
        end += 1
    portfolio = portfolio_end(doc, i, end)  # « le ministère (espagnol) de l'Intérieur »: part of the name, and enough
    narrowed, end = narrowed or portfolio > end, portfolio
    if (unit := unit_end(doc, i, end)) > end:  # « les forces de sécurité maliennes »
        narrowed, end = any(lex.country_of_adjective(word(t)) for t in doc[end:unit]), unit
    if head in IN_POWER_HEADS and tfold(doc[end:end + 2].text) == "au pouvoir":
        narrowed, end = True, end + 2  # « la junte au pouvoir »: the one that governs the country of the story
    hackers = hackers_after(doc, after_de(doc, end), lex)
    if hackers and not plural(doc[i]):  # "un groupe de hackers", "un collectif d'« hacktivistes » russes"
        return Mention(i, hackers, slug(doc[i:end].text), "HackerGroup", doc[i:end].text, "actor", vague=True)
    if end + 1 < len(doc) and word(doc[end]) == "de":
        if word(doc[end + 1]) in lex.jihadist_words:
            jihadist, end = True, end + 2
        elif (seat := seat_end(doc, end, by_start)) is not None:  # « la police de (la région de) Boston »
            narrowed, end = True, seat
    if end in by_start:
        return None  # "le groupe jihadiste Al-Shabaab": the noun phrase only introduces the name
    if led := led_body(doc, i, end, by_start, lex):
        return led  # « le régime de Bachar al-Assad »: a body named by the person at its head
    named = apposed_to(doc, i, by_start)
    if named:  # "Atomwaffen Division, un groupuscule néonazi américain": a description of the name before
        return Mention(i, end, named.key, named.cls, doc[i:end].text, "ref", (named.cls,), keys=(named.known_key(),))
    if jihadist and not plural(doc[i]):  # "d'autres groupes islamistes" is no one in particular
        return Mention(i, end, slug(doc[i:end].text), "TerroristGroup", doc[i:end].text, "actor", vague=not narrowed)
    if narrowed and head in lex.actor_heads:
        return Mention(i, end, slug(doc[i:end].text), lex.actor_heads[head], doc[i:end].text, "actor")
    return None


def _adjective(token) -> bool:
    return token.pos_ == "ADJ" or token.dep_ == "amod"


def _nationality(token, lex: Lexicon) -> bool:
    """« la police kényane »: a nationality in lower case narrows the noun whatever the tagger made of it (a
    proper noun, at times)."""
    return token.text.islower() and lex.country_of_adjective(word(token)) is not None


def description_ref(doc: Doc, i: int, by_start: dict[int, Mention], lex: Lexicon) -> Mention | None:
    """'le réseau social', 'l'organisation', 'les deux réseaux sociaux', 'du groupe': refers back."""
    det = tfold(doc[i - 1].text) if i > 0 else ""
    count = 1
    if det in NUMBERS and i > 1:
        count, det = NUMBERS[det], tfold(doc[i - 2].text)
    if det not in DEFINITE or _narrowed_actor(doc, i, by_start, lex):
        return None
    for n in (3, 2, 1):
        words = _description_key(doc[i:i + n], lex)
        if len(doc[i:i + n]) == n and words in lex.descriptions:
            members = word(doc[i]) in lex.member_nouns  # "les hackers" stand for their group
            if plural(doc[i]) and count == 1 and not members or _narrowed_otherwise(doc, i + n, lex):
                return None  # "les réseaux sociaux" in general; "la société civile"
            classes = lex.descriptions[words]
            ref = (_headed(doc, i, i + n, by_start, classes, lex)
                   or _seated(_ref_if_free(doc, i, i + n, by_start, classes, count), doc, by_start, lex))
            if ref is not None:
                ref.country = _country_of(doc, i + 1, ref.end + 2, lex)
                ref.demonstrative = det in DEMONSTRATIVES
            return ref
    return None


def _narrowed_actor(doc: Doc, i: int, by_start: dict[int, Mention], lex: Lexicon) -> bool:
    """'le parquet de Paris', 'le parquet fédéral belge': an actor of its own (actor_mention), not a reference."""
    if lemma(doc[i]) not in lex.actor_heads:
        return False
    actor = actor_mention(doc, i, by_start, lex)
    return actor is not None and actor.kind == "actor" and not actor.vague


def _description_key(span, lex: Lexicon) -> tuple[str, ...]:
    """The lexicon key of a span: its words as written ('réseaux sociaux') or with the head's lemma."""
    as_written = tuple(word(t) for t in span)
    if as_written in lex.descriptions:
        return as_written
    return tuple(lemma(t) if k == 0 else word(t) for k, t in enumerate(span))


def _narrowed_otherwise(doc: Doc, j: int, lex: Lexicon) -> bool:
    """'la société civile', 'les messageries privées': an adjective that makes it a different thing."""
    return j < len(doc) and doc[j].pos_ == "ADJ" and word(doc[j]) in lex.description_blockers


def _country_of(doc: Doc, start: int, end: int, lex: Lexicon) -> str | None:
    """'le réseau social chinois', 'la messagerie russe': a nationality adjective in or right after a description."""
    for t in doc[start:min(end, len(doc))]:
        if (country := lex.country_of_adjective(word(t))) is not None and t.is_lower:
            return country
        if t.pos_ != "ADJ" and t.i >= end - 2:
            break
    return None


def _seated(ref: Mention | None, doc: Doc, by_start: dict[int, Mention], lex: Lexicon) -> Mention | None:
    """'le réseau social de Menlo Park': the company the press names by its seat, whatever was named last. The span
    takes the seat in: an epithet, not a place the sentence speaks of."""
    if ref is None or ref.count != 1 or ref.end + 1 >= len(doc) or word(doc[ref.end]) != "de":
        return ref
    place = by_start.get(ref.end + 1)
    company = lex.headquarters.get(place.known_key()) if place and place.cls == "Place" else None
    if company and place and "Platform" in ref.classes:
        ref.key, ref.keys, ref.cls = company, (company,), "Platform"
        ref.end, ref.text = place.end, doc[ref.start:place.end].text
    return ref


def _headed(doc: Doc, start: int, end: int, by_start: dict[int, Mention], classes, lex: Lexicon) -> Mention | None:
    """'le réseau social d'Elon Musk': the platform named by the man who heads it (lexicon [company_heads])."""
    head = by_start.get(end + 1) if end + 1 < len(doc) and word(doc[end]) == "de" else None
    if head is None or head.cls != "Person" or "Platform" not in classes:  # « le groupe de Mark Zuckerberg » too
        return None
    company = lex.company_heads.get(head.known_key())
    # the span takes the name in: the man is no party to what the sentence says of his platform
    if company is not None:
        return Mention(start, head.end, company, "Platform", doc[start:head.end].text, "ref", ("Platform",),
                       keys=(company,), leader=head.key)
    if lemma(doc[start]) not in COMPANY_NOUNS or plural(doc[start]):
        return None  # « le site de X » is X's own site, not a company X runs
    return Mention(start, head.end, None, classes[0], doc[start:head.end].text, "ref", tuple(classes),
                   leader=head.key)


# nouns that name a company by the person at its head, « l'entreprise de X »: resolved as references are
COMPANY_NOUNS = frozenset({"entreprise", "groupe", "societe", "firme", "geant", "plateforme", "messagerie"})


def _ref_if_free(doc, start, end, by_start, classes, count) -> Mention | None:
    """None when a name follows (« le réseau Twitter », « la vidéo de Daesh », « la société de cybersécurité Check
    Point »); apposed to a name, that name's."""
    after = end
    while after < len(doc) and _adjective(doc[after]) and after not in by_start:
        after += 1
    if after + 2 < len(doc) and word(doc[after]) == "de" and doc[after + 1].is_lower and after + 2 in by_start:
        after += 2  # « l'entreprise américaine de sécurité Mandiant »: its trade, then its name
    if after < len(doc) and (after in by_start or (word(doc[after]) == "de" and after + 1 in by_start
                                                   and (by_start[after + 1].cls != "Place" or after != end))):
        return None  # but "l'entreprise de Mountain View" is the company based there
    named = apposed_to(doc, start, by_start) if count == 1 and closed_apposition(doc, end) else None  # « YouTube, la
    named = named or (apposed_after(doc, start, after, by_start) if count == 1 else None)  # filiale de Google, … »
    keys = (named.known_key(),) if named and named.cls in classes else ()  # « Le suspect, X, 17 ans, … »
    return Mention(start, end, keys[0] if keys else None, named.cls if named and keys else classes[0],
                   doc[start:end].text, "ref", tuple(classes), count, keys=keys)


def _trigger_words(lex: Lexicon) -> set[str]:
    """Every word or lemma that can start a description: the others are skipped before the rules run
    (most tokens start none, and trying each rule at each token was a fifth of the extraction)."""
    firsts = {key[0] for key in lex.descriptions}
    return (set(lex.staff_heads) | lex.member_nouns | firsts | set(lex.actor_heads) | GROUP_HEADS
            | set(PRONOUNS) | LATEST | set(lex.roles) | POSSESSIVES | lex.operation_heads)


def described_mentions(doc: Doc, names: list[Mention], lex: Lexicon) -> list[Mention]:
    by_start = {m.start: m for m in names}
    generic = {m.start for m in names if m.generic}  # "les jihadistes d'Al-Shabaab" may still be members
    taken = {t for m in names for t in range(m.start, m.end) if m.start not in generic}
    found: list[Mention] = []
    triggers, lemmas, words = _trigger_words(lex), folded_lemmas(doc), folded_words(doc)
    i = 0
    while i < len(doc):
        m = None
        if i not in taken and (words[i] in triggers or lemmas[i] in triggers):
            m = (member_mention(doc, i, by_start, lex) or staff_mention(doc, i, by_start, lex)
                 or role_ref(doc, i, by_start, lex) or operation_mention(doc, i, by_start, lex)
                 or description_ref(doc, i, by_start, lex) or actor_mention(doc, i, by_start, lex)
                 or pronoun_ref(doc, i) or possessive_ref(doc, i, lex) or introduced_perpetrator(doc, i, by_start, lex))
            if m is not None and m.kind == "ref" and not m.keys:
                mark_perpetrator(doc, m, by_start, lex)
        found += [m] if m else []
        i = max(m.end, i + 1) if m else i + 1
    return found
