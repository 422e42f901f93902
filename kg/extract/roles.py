"""Roles: 'Jack Dorsey, le co-fondateur de Twitter', 'les fondateurs de Facebook et Twitter, Mark Zuckerberg et
Jack Dorsey', 'le réseau Twitter et son co-fondateur Jack Dorsey', 'le ministre français de l'Intérieur Gérard
Collomb', 'ses auteurs, nommés « … »'. A role noun links the person it is apposed to with the organisation it
governs; nationality adjectives give the country the person serves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext
from kg.extract.departments import held_relation
from kg.extract.implied_bodies import implied_body
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import NAME_CUES, ORG_CLASSES, Mention
from kg.extract.predicated import denied, predicated
from kg.extract.resolve import portfolio
from kg.extract.text import OF_WORDS, POSSESSIVES, fold_phrase, folded_lemmas, folded_words, lemma, tfold, word

if TYPE_CHECKING:  # types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token

    from kg.extract.resolve import Resolved

AGENTS = ORG_CLASSES | {"Person"}
TOPIC_ROLES = {"leaderOf", "founderOf"}  # an unnamed head or founder is the person the text is about
RoleFact = tuple[Mention, str, Mention, float]


def role_facts(ctx: SentenceContext, lex: Lexicon, resolved: Resolved) -> list[RoleFact]:
    facts: list[RoleFact] = []
    lemmas, words = folded_lemmas(ctx.doc), folded_words(ctx.doc)
    for i in range(ctx.sent.start, ctx.sent.end):
        if lemmas[i] not in lex.roles and words[i] not in lex.roles:
            continue  # most words name no role: decided without building spaCy tokens
        tok = ctx.doc[i]
        if (tok.pos_ in {"NOUN", "PROPN"} or _participle_role(tok, words[i], lex)) and _role(tok, lex) \
                and not _second_of_pair(tok, lex) and not denied(tok):
            facts += _facts_for(tok, ctx, lex, resolved)
    return facts


def _participle_role(tok: Token, folded: str, lex: Lexicon) -> bool:
    """« Paul Martin, employé de Kronos Advisory, … »: a role noun the tagger reads as the participle it also is,
    in apposition after a comma or after a determiner."""
    return tok.pos_ == "VERB" and folded in lex.roles and tok.i > 0 and \
        (tok.doc[tok.i - 1].text == "," or tok.doc[tok.i - 1].pos_ == "DET")


def _role(tok: Token, lex: Lexicon) -> str | None:
    return lex.roles.get(lemma(tok)) or lex.roles.get(word(tok))


def _second_of_pair(tok: Token, lex: Lexicon) -> bool:
    """'patrons' in 'les fondateurs et patrons de …' is read with 'fondateurs'."""
    return tok.i > 1 and word(tok.doc[tok.i - 1]) == "et" and _role(tok.doc[tok.i - 2], lex) is not None


def _facts_for(tok: Token, ctx: SentenceContext, lex: Lexicon, resolved: Resolved) -> list[RoleFact]:
    relations, end = _coordinated_roles(tok, lex)
    person_classes = AGENTS if "publishes" in relations else frozenset({"Person"})
    org_classes = frozenset({"CreativeWork"}) if "publishes" in relations else ORG_CLASSES
    orgs = _governed(ctx, end, org_classes) or _relative_owner(tok, ctx, org_classes)
    if not orgs and tok.i > 0 and word(tok.doc[tok.i - 1]) in POSSESSIVES:
        owner = _possessor(tok, ctx, org_classes, resolved)
        orgs = [owner] if owner else []
    # "le commissaire européen", "le procureur national …"
    body = None if orgs else _role_body(tok, lex, resolved.countries)
    if body:
        relations, orgs, end = [body[0]], [body[1]], body[2]
    elif not orgs and (implied := implied_body(tok, ctx, lex, resolved.mentions)):  # « le procureur de Lyon, X »
        named = _apposed_left(tok, ctx, {"Person"}) or _apposed_right(ctx, [], implied[1], {"Person"}, tok)
        return [(p, rel, implied[0], 0.75) for p in named or predicated(tok, ctx) for rel in relations]
    governed = [o for o in orgs if o.start >= end]  # a possessor stands before the role noun
    left = _one_if_singular(tok, _apposed_left(tok, ctx, person_classes), relations, nearest=-1)
    persons = (left or _one_if_singular(tok, _apposed_right(ctx, governed, end, person_classes, tok), relations, 0)
               or predicated(tok, ctx))
    if not persons and orgs and set(relations) <= TOPIC_ROLES and _definite(tok):
        topic = resolved.recent(frozenset({"Person"}), tok.i, True)  # "Pavel Durov a cédé. Le patron de Telegram a …"
        # but not someone named earlier in the same sentence ("X a rencontré le patron de Facebook" is not X), nor
        # someone two sentences back, whom the article has left
        previous = ctx.doc[ctx.sent.start - 1].sent.start if ctx.sent.start > 0 else 0
        persons = [topic] if topic and previous <= topic.start < ctx.sent.start else []
    out = [(p, rel, o, 0.8) for p, o in _pairs(persons, orgs) for rel in relations]
    country = _nationality(ctx, end, lex, resolved.countries)
    if not country and not orgs and _heads_state(tok, lex):
        country = _fronted_country(ctx, lex)  # « Au Sénégal, … le président sortant Macky Sall »
    if country and not persons and not orgs and _definite(tok):
        speaker = resolved.next_speaker(tok.i)  # the unnamed minister is the one quoted next
        persons = [speaker] if speaker else []
    ministry = _ministry_led(tok, ctx, end, lex, resolved) if not orgs else None
    out += [(p, "leaderOf", ministry, 0.8) for p in persons] if ministry else []
    if country and "publishes" not in relations and _serves_state(tok, lex):
        # "le président nigérian X" heads the country; "le ministre français de l'Intérieur X" serves it
        rel, served = _state_served(tok, lex, country, resolved, heads=not orgs)
        out += [(p, rel, served, 0.75) for p in persons]
    elif resolved.home and not orgs and (lemma(tok) in lex.home_roles or word(tok) in lex.home_roles):
        # "Horst Seehofer, ministre de l'Intérieur" in an article about Germany belongs to the German government
        # when the article names it; the country itself was more often wrong than right (0.4.17, blind: 1 in 7)
        rel, served = _state_served(tok, lex, resolved.home, resolved, heads=True)
        out += [(p, rel, served, 0.7) for p in persons if rel == "leaderOf" or served is not resolved.home]
    return [f for f in out if f[0].key != f[2].key]


def _state_served(tok: Token, lex: Lexicon, country: Mention, resolved: Resolved, heads: bool) -> tuple[str, Mention]:
    """A head of state leads the country, a head of government its government when the article names it (« le
    gouvernement britannique »); a minister belongs to that government (« les autorités françaises »), else to the
    country."""
    government = resolved.governments.get(country.key or "", country)
    if heads and _heads_state(tok, lex):
        return "leaderOf", government if _named_by(tok, lex.heads_of_government) else country
    return "memberOf", government


def _ministry_led(tok: Token, ctx: SentenceContext, end: int, lex: Lexicon, resolved: Resolved) -> Mention | None:
    """« le ministre de l'Intérieur, X » in an article that names « le ministère de l'Intérieur »: X leads it."""
    if lemma(tok) != "ministre" or not resolved.ministries:
        return None
    words = []
    for t in ctx.doc[end:min(end + 6, ctx.sent.end)]:
        if t.is_punct or t.pos_ in {"VERB", "AUX"} or ctx.mention_at(t.i):
            break
        words.append(tfold(t.text))
    return resolved.ministries.get(portfolio([w for w in words if lex.country_of_adjective(w) is None]))


def _relative_owner(tok: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    """'l'Observatoire (ODN), dont le directeur Paul Girard …': the body 'dont' refers to."""
    if tok.i < 2 or word(tok.doc[tok.i - 2]) != "dont" or tfold(tok.doc[tok.i - 1].text) not in {"le", "la", "l'"}:
        return []
    left = ctx.left_mentions(tok.i - 2, ctx.sent.start)
    return [left[0]] if left and left[0].cls in allowed and tok.i - 2 - left[0].end <= 5 else []


def _heads_state(tok: Token, lex: Lexicon) -> bool:
    return _named_by(tok, lex.heads_of_state)


def _named_by(tok: Token, words: frozenset[str]) -> bool:
    """'président', 'chancelière', or 'Premier ministre': the two words before the nationality count."""
    before = word(tok.doc[tok.i - 1]) if tok.i > 0 else ""
    return lemma(tok) in words or word(tok) in words or f"{before} {word(tok)}" in words


def _serves_state(tok: Token, lex: Lexicon) -> bool:
    """A role whose nationality names the country served, not the holder's origin ('le fondateur russe')."""
    return lemma(tok) in lex.state_roles or word(tok) in lex.state_roles or _heads_state(tok, lex)


def _role_body(tok: Token, lex: Lexicon, known: dict[str, Mention]) -> tuple[str, Mention, int] | None:
    """A role whose words name the body it belongs to (lexicon [role_bodies]): 'commissaire européen' ->
    memberOf the European Commission, 'procureur national antiterroriste' -> leaderOf the PNAT."""
    words = folded_words(tok.doc)
    for phrase, (rel, key) in lex.role_bodies.items():
        end = tok.i + len(phrase)
        if tuple(words[tok.i:end]) == fold_phrase(phrase) and key in known:
            return rel, known[key], end
    return None


def _definite(tok: Token) -> bool:
    return tok.i > 0 and tfold(tok.doc[tok.i - 1].text) in {"le", "la", "l'"}


def _coordinated_roles(tok: Token, lex: Lexicon) -> tuple[list[str], int]:
    rel = _role(tok, lex)
    assert rel is not None  # role_facts only reads a word that names a role
    relations, end, doc = [held_relation(tok, rel, lex)], tok.i + 1, tok.doc
    while (end < len(doc) and (doc[end].head.i == tok.i and doc[end].dep_ in {"amod", "acl"} or _epithet(doc, end))
           and lex.country_of_adjective(word(doc[end])) is None):  # "le ministre espagnol" is read by _nationality
        end += 1  # "son chef présumé, X", "le patron historique de Y"
    if end + 1 < len(doc) and word(doc[end]) == "et" and (second := _role(doc[end + 1], lex)):
        relations.append(second)
        end += 2
    return list(dict.fromkeys(relations)), end


def _epithet(doc, i: int) -> bool:
    """« le calife autoproclamé de l'EI »: an adjective or a participle right before « de », however the parser hung
    it (here it made the participle the sentence's root)."""
    t = doc[i]
    return i + 1 < len(doc) and word(doc[i + 1]) in OF_WORDS and t.text[:1].islower() and \
        (t.pos_ == "ADJ" or t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm"))


def _governed(ctx: SentenceContext, start: int, allowed) -> list[Mention]:
    """The organisations after 'de' (skipping 'respectivement', 'des opérations'), coordinated; « journaliste à
    France 24 », « chercheur au CNRS »."""
    doc = ctx.doc
    for j in range(start, min(start + 9, ctx.sent.end)):
        m = ctx.mention_at(j)
        if m:  # "directrice des opérations du groupe", "responsable des contenus chez Facebook"
            if m.cls in allowed and ctx.preposition_before(m) in {"de", "chez", "pour", "a"}:
                return ctx.chain(m, allowed)
            return []
        if doc[j].pos_ == "CCONJ" and j + 1 < len(doc) and word(doc[j + 1]) == "de":  # du, des, d' fold to de
            continue  # "responsable de la sécurité et de l'intégrité de Twitter"
        if doc[j].pos_ in {"VERB", "AUX", "PUNCT", "PRON", "SCONJ", "CCONJ"}:
            return []
    return []


def _possessor(tok: Token, ctx: SentenceContext, allowed, resolved: Resolved) -> Mention | None:
    """'le réseau Twitter et son co-fondateur': the closest fitting entity before in the sentence; at the start of a
    sentence, what the sentence before is about (its subject, else the body highest in its tree: « L'enquête a été
    confiée au BCIJ, … . Son directeur »), unless that name lies deep in a subordinate clause (« … d'attribuer
    l'attaque au gouvernement iranien. Son directeur »: the subject before it); else the last subject that fits."""
    left = next((m for m in ctx.left_mentions(tok.i, ctx.sent.start) if m.cls in allowed), None)
    if left is not None or tok.i != ctx.sent.start + 1 or ctx.sent.start == 0:
        return left or resolved.recent(allowed, tok.i, True) or resolved.recent(allowed, tok.i)
    sent = ctx.doc[ctx.sent.start - 1].sent
    previous = [m for m in resolved.in_span(sent.start, sent.end) if m.cls in allowed and m.key]
    best = min(previous, key=lambda m: (not m.subject, m.depth)) if previous else None
    if best is not None and (best.subject or best.depth <= 2):  # two links below the root: not deep
        return best
    earlier = ctx.doc[sent.start - 1].sent if sent.start > 0 else sent
    subjects = [m for m in resolved.in_span(earlier.start, sent.start) if m.cls in allowed and m.key and m.subject]
    return (subjects[-1] if subjects else None) or best or resolved.recent(allowed, tok.i)


ONE_OF = {"et", "ou", "un", "une", "de"}
TEMPORAL = {"ancien", "ancienne", "nouveau", "nouvelle", "actuel", "actuelle", "futur", "future", "ex"}  # not "premier"


def _one_if_singular(tok: Token, persons: list[Mention], relations: list[str], nearest: int) -> list[Mention]:
    """« au patron de TikTok, X, puis à Y, PDG d'Alphabet »: one role in the singular is one person's, the nearest;
    « X et Y, cofondateurs de … » and « X et Y, respectivement fondateur et patron de … » stay everyone's."""
    one = len(relations) == 1 and "Sing" in tok.morph.get("Number", [])
    return [persons[nearest]] if one and len(persons) > 1 else persons


def _apposed_left(tok: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    """'Sheryl Sandberg, la directrice …', 'Elaine Duke, secrétaire …', 'X, l'ancienne responsable …' (but in 'X, le
    premier ministre canadien, Y', the role is Y's)."""
    j = tok.i - 1
    while j > ctx.sent.start and (ctx.doc[j].pos_ in {"DET", "ADV"} or word(ctx.doc[j]) in ONE_OF | TEMPORAL):
        j -= 1  # "X et Y, respectivement fondateurs de …", "X, l'un des chefs de …"
    if j <= ctx.sent.start or ctx.doc[j].text != "," or word(ctx.doc[j + 1]) in {"et", "ou"}:
        return []  # « X, et le fondateur de Y, Z »: a second conjunct, whose person is named after it
    m = ctx.mention_at(j - 1)
    return ctx.chain_left(m, allowed) if m and m.cls in allowed else []


def _apposed_right(ctx: SentenceContext, orgs: list[Mention], end: int, allowed, tok: Token) -> list[Mention]:
    """'les fondateurs de Facebook et Twitter, Mark Zuckerberg et Jack Dorsey', 'Le co-fondateur Jack Dorsey',
    'le ministre français de l'Intérieur Gérard Collomb'."""
    j = orgs[-1].end if orgs else end
    keys = {o.key for o in orgs}
    for k in range(j, min(j + 8, ctx.sent.end)):
        m = ctx.mention_at(k)
        if m and m.key in keys:
            continue
        if m:
            named = ctx.chain(m, allowed) if m.cls in allowed else []
            # « par des agents de la police française, X … »: a plural role is no one person's (a group's may be)
            one_person = len(named) == 1 and named[0].cls == "Person"
            return [] if one_person and "Plur" in tok.morph.get("Number", []) else named
        if ctx.doc[k].pos_ in {"VERB", "AUX", "PRON", "SCONJ"} and word(ctx.doc[k]) not in NAME_CUES:
            return []  # but "ses auteurs, nommés « Les enfants de l'armée du Califat »" goes on to the name
    return []


def _nationality(ctx: SentenceContext, end: int, lex: Lexicon, countries: dict[str, Mention]) -> Mention | None:
    for t in ctx.doc[end:min(end + 5, ctx.sent.end)]:
        key = lex.country_of_adjective(word(t))
        inside = ctx.mention_at(t.i)  # « le porte-parole de l'armée israélienne »: the army's nationality
        if key and t.is_lower and key in countries and (inside is None or inside.cls == "Place"):
            return countries[key]
        if t.pos_ in {"VERB", "AUX", "PUNCT"}:
            return None
    return None


def _fronted_country(ctx: SentenceContext, lex: Lexicon) -> Mention | None:
    """The country a sentence opens on (« Au Nigeria, », « En Tunisie, »): where its unqualified head of state rules."""
    first = ctx.doc[ctx.sent.start]
    m = ctx.mention_at(ctx.sent.start + 1)
    if tfold(first.text) not in {"au", "en", "aux"} or m is None or m.start != ctx.sent.start + 1:
        return None
    comma = m.end < ctx.sent.end and ctx.doc[m.end].text == ","
    return m if comma and m.cls == "Place" and m.key in lex.countries else None


def _pairs(persons: list[Mention], orgs: list[Mention]) -> list[tuple[Mention, Mention]]:
    if len(persons) == len(orgs):
        return list(zip(persons, orgs))
    if len(persons) == 1 or len(orgs) == 1:
        return [(p, o) for p in persons for o in orgs]
    return list(zip(persons, orgs))
