"""The extractor: a parsed article in, entities, facts and counted events out (a pure function).

mentions (gazetteer, NER, descriptions) -> coreference -> per sentence: cues and their arguments, roles,
places, counts -> one Extraction. Rules are lexicon-driven (kg/data/lexicon.toml), documented in
docs/extraction.md.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kg.extract.accused import accusations, arrest_facts
from kg.extract.context import SentenceContext
from kg.extract.counts import account_indices, counts_in
from kg.extract.cues import called, find_cues, modality
from kg.extract.entities import EntityTable
from kg.extract.identity import DEFAULT_SETTINGS, ExtractorSettings, extractor_identity
from kg.extract.implied import cofounders, implied_uses
from kg.extract.jointly import joint_facts
from kg.extract.learned import calibrated_rule_facts, model_facts
from kg.extract.led import LED_CONFIDENCE, led_facts
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.mentions import Mention
from kg.extract.networks import owned_counts, sized_events, sized_networks
from kg.extract.nominal import nominal_arguments
from kg.extract.owners import owners_after
from kg.extract.ownership import ownership_facts
from kg.extract.places import located_facts
from kg.extract.platform_use import platform_uses
from kg.extract.presence import presence_facts
from kg.extract.relations import verbal_arguments
from kg.extract.relmodel import load_model
from kg.extract.resolve import Resolved, resolved_mentions
from kg.extract.roles import role_facts
from kg.extract.signatures import SIGNATURE_CONFIDENCE, signature_facts
from kg.extract.sink import FactSink
from kg.extract.text import folded_words, lemma, page_chrome, release_token_caches, word
from kg.extract.unsaid import suspension_defaults
from kg.extract.within import WITHIN_CONFIDENCE, within_facts
from kg.model import Article, Extraction
from kg.vocab import tfold

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc

SEPARATE = {"locatedIn"}  # relations read by their own module (places.py)


def extract(doc: Doc, article: Article, resolved: Resolved | None = None,
            settings: ExtractorSettings = DEFAULT_SETTINGS) -> Extraction:
    """Entities, facts and counted account events of one article; `doc` is `nlp(article.text)`."""
    try:
        return _extract(doc, article, resolved, settings)
    finally:
        release_token_caches(doc)  # they hold Tokens, which hold the Doc: freed now, not at the next collection


def _extract(doc: Doc, article: Article, resolved: Resolved | None, settings: ExtractorSettings) -> Extraction:
    lex = load_lexicon()
    model = load_model(settings.model) if settings.uses_model else None
    resolved = resolved or resolved_mentions(doc, settings.gazetteers, model.spans if model else None)
    table = EntityTable(resolved.mentions, resolved.gazetteer)
    sink = FactSink(table, rules=settings.uses_rules)
    unsaid: list[tuple] = []  # investigations whose sentence does not say whom they are about
    sized: list[tuple] = []  # influence networks given by their number of accounts
    tied: list[tuple] = []  # accounts counted with their owner and no verb of removal
    removers: list[Mention] = []  # the platforms that remove accounts in the article, once per act
    for sent in doc.sents:
        if page_chrome(sent):
            continue
        ctx = SentenceContext(sent, resolved.in_span(sent.start, sent.end), frozenset(lex.roles))
        sink.at(sent)
        removals = _cue_facts(ctx, lex, resolved, sink, unsaid, removers)
        sized += [(sent, net, count) for net, count in sized_networks(ctx, lex)]
        tied += [] if removals else [(sent, owner, count) for owner, count in owned_counts(ctx, lex)]
        roles: dict[str, set[str]] = {}  # person -> the organisations the sentence's roles tie them to
        for person, rel, org, conf in role_facts(ctx, lex, resolved):
            sink.fact(person, rel, org, conf, "role")
            for key in person.all_keys():
                roles.setdefault(key, set()).update(org.all_keys())
        for body, accused, alleged in arrest_facts(ctx, lex):
            sink.fact(body, "investigates", accused, ARREST_CONFIDENCE, "arrest", alleged)
        for thing, place, conf in located_facts(ctx, lex, resolved.countries) + presence_facts(ctx):
            sink.fact(thing, "locatedIn", place, conf, "place")
        for signer, victim in signature_facts(ctx):
            sink.fact(signer, "hacks", victim, SIGNATURE_CONFIDENCE, "hacked by")
        for person, body in led_facts(ctx):
            sink.fact(person, "leaderOf", body, LED_CONFIDENCE, "de")
        for person, relation, org, cue in within_facts(ctx):
            sink.fact(person, relation, org, WITHIN_CONFIDENCE, cue)
        for owned, owner, conf in ownership_facts(ctx, lex, resolved.recent):
            sink.fact(owned, "affiliatedWith", owner, conf, "ownership")
        for one, other in joint_facts(ctx, lex):
            sink.fact(one, "cooperatesWith", other, JOINT_CONFIDENCE, "conjointement")
        for actor, platform, conf, alleged in platform_uses(ctx, lex, resolved.recent):
            sink.fact(actor, "uses", platform, conf, "sur", alleged)
        if model is not None:
            model_facts(ctx, model, lex, sink, settings.min_confidence, roles)
    _investigated(doc, unsaid, resolved, sink)
    sized_events(sized + (tied if removers else []), sink, removers)  # owned counts: where accounts are removed
    facts = calibrated_rule_facts(sink.facts(), model) if model is not None else sink.facts()
    entities = table.entities(sink.used_keys())
    facts = cofounders(implied_uses(facts, entities), entities) if settings.uses_rules else facts  # a rule's inference
    return Extraction(article=article, entities=entities, facts=facts,
                      events=sink.events(), extractor=extractor_identity(settings))


def _cue_facts(ctx: SentenceContext, lex: Lexicon, resolved: Resolved, sink: FactSink, unsaid: list,
               removers: list[Mention]) -> bool:
    """The facts the lexicon's cues give; True when a cue of removal or takeover is in the sentence."""
    accounts = account_indices(ctx.sent, lex)
    cues = find_cues(ctx.sent, lex)
    for cue in cues:
        if cue.relation.name in SEPARATE or ctx.mention_at(cue.token.i):
            continue  # a word inside a name or a reference ("les hackers") is no cue
        mood = modality(called(cue.token, cue.relation) or cue.token, lex)  # « a menacé de frapper X »: the call's
        if mood is None:
            continue
        args = (nominal_arguments if cue.kind == "noun" else verbal_arguments)(cue, ctx, accounts)
        if cue.relation.name == "threatens" and args.agents and not args.patients and \
                (called(cue.token, cue.relation) is not None or lemma(cue.token) == "menacer"):
            args.patients = _nationals(ctx, cue, lex, resolved.countries)  # « appelle à tuer des Français »
        by_topic = cue.relation.name == "suspendsAccountsOf" and suspension_defaults(cue, args, ctx, resolved, sink,
                                                                                     accounts)
        if cue.relation.name == "suspendsAccountsOf" and mood != "alleged":
            removers += [a for a in args.agents if a.cls == "Platform"]
        alleged = mood == "alleged"
        officials = [a for a in args.agents if a.cls == "GovernmentBody"]  # a platform's review is no inquiry
        if cue.relation.name == "investigates" and officials and not args.patients:
            unsaid.append((ctx.sent, officials, cue.token.lemma_, alleged))
        if not _block_of_no_accounts(cue, ctx, lex, accounts):
            sink.cue(cue, args, alleged)
        if cue.relation.accounts and args.agents:
            _counted(ctx, cue, args, lex, sink, alleged, by_topic)
    return any(cue.relation.accounts for cue in cues)


def _nationals(ctx: SentenceContext, cue, lex: Lexicon, countries: dict[str, Mention]) -> list[Mention]:
    """« appelle à tuer des Français », « menace les Américains »: a threat or a call to harm a country's people
    is one to the country (the plural nationality noun right after the cue, before any other verb or punctuation);
    not a deed (« ont tué des Afghans »)."""
    for t in ctx.doc[cue.end:min(cue.end + 4, ctx.sent.end)]:
        key = lex.country_of_adjective(word(t)) if t.text[:1].isupper() and t.text.endswith("s") else None
        if key in countries:
            return [countries[key]]
        if t.pos_ in {"VERB", "AUX", "PUNCT"}:
            break
    return []


def _block_of_no_accounts(cue, ctx: SentenceContext, lex: Lexicon, accounts) -> bool:
    """A verb of the relation's `accounts_only` (« bloquer ») with neither accounts (lexicon [accounts].counted:
    « les pages », « des canaux », not « des contenus ») nor a count after it in its clause."""
    if lemma(cue.token) not in cue.relation.accounts_only:
        return False
    lo, hi = ctx.clause_bounds(cue.token.i)
    words = folded_words(ctx.doc)  # not the « groupe » of « le groupe Hayat », which only introduces a name
    held = any(cue.token.i < k < hi and words[k] in lex.counted_nouns and not _names(ctx, k) for k in accounts)
    return not held and not counts_in(ctx, lo, hi, lex)


def _names(ctx: SentenceContext, k: int) -> bool:
    """The noun is part of a name or introduces one (« le groupe Hayat »)."""
    after = ctx.mention_at(k + 1)
    return ctx.mention_at(k) is not None or (after is not None and after.start == k + 1)


def _investigated(doc: Doc, unsaid: list[tuple], resolved: Resolved, sink: FactSink) -> None:
    """'Le parquet de Paris a ouvert une enquête' in an article about an arrest or an attack: the investigation is
    about the one the article accuses (who is most often arrested, charged or suspected, of several as often the
    last accused before it; else who most often hacks or threatens in it, else its perpetrator or topic group),
    though the sentence does not name it."""
    if not unsaid:
        return
    found = accusations(doc, resolved.mentions, load_lexicon())  # « Pavel Durov a été mis en examen »
    counts = Counter(key for _, key in found) or Counter(f.subject for f in sink.facts()
                                                          if f.relation in PERPETRATOR_ACTS)
    fallback = _perpetrator(resolved) or resolved.salient(PERPETRATOR_CLASSES, topic=True)
    for sent, agents, cue, alleged in unsaid:
        key = _most_accused(counts, found, sent.end)
        accused = next((m for m in resolved.mentions if m.key == key), None) or fallback
        if accused is None or accused.cls not in PERPETRATOR_CLASSES | {"Person"}:
            continue
        sink.at(sent)
        for agent in agents:
            if agent.key != accused.key:
                sink.fact(agent, "investigates", accused, UNSAID_CONFIDENCE, cue, alleged)


def _most_accused(counts: Counter[str], found: list[tuple[int, str]], before: int) -> str | None:
    """The most accused; of several accused as often, the last one accused before `before` (« Le premier, X, a été
    interpellé à Brest. Le parquet de Brest a ouvert une enquête. Le deuxième, Y, … »)."""
    if not counts:
        return None
    top = max(counts.values())
    tied = [key for key, n in counts.items() if n == top]
    return next((key for i, key in reversed(found) if i < before and key in tied), tied[0])


def _perpetrator(resolved: Resolved) -> Mention | None:
    """« Le tireur », « l'assaillante » (kg.extract.perpetrators): who the article says did the deed, named or not."""
    nouns = load_lexicon().perpetrator_nouns
    described = (m for m in resolved.mentions if m.key and m.kind != "name" and m.text)
    return next((m for m in described if tfold(m.text.split()[0]) in nouns), None)


ARREST_CONFIDENCE = 0.75  # a body that arrests or charges someone investigates them; the calibration maps it
JOINT_CONFIDENCE = 0.7  # coordinated agents of a joint act; the calibration maps it
UNSAID_CONFIDENCE = 0.7  # on the rules' calibrated scale about 0.67: a guess the blind figures check
PERPETRATOR_ACTS = {"hacks", "threatens"}
PERPETRATOR_CLASSES = frozenset({"TerroristGroup", "HackerGroup"})
def _counted(ctx, cue, args, lex, sink: FactSink, alleged: bool, by_topic: bool = False) -> None:
    lo, hi = ctx.clause_bounds(cue.token.i)
    kind = "AccountSuspension" if cue.relation.name == "suspendsAccountsOf" else "AccountTakeover"
    for count in counts_in(ctx, lo, hi, lex):
        targets = args.patients if by_topic else _event_targets(kind, count, args.patients, ctx, lex)
        for agent in args.agents:
            for target in targets:
                sink.event(kind, agent, target, count.value, args.confidence)
                if kind == "AccountTakeover":
                    sink.fact(agent, "hacks", target, args.confidence, cue.token.lemma_, alleged)


def _event_targets(kind: str, count, patients: list[Mention], ctx, lex) -> list[Mention]:
    if kind == "AccountTakeover":  # the owner when the text names one ("comptes Twitter de Daesh"), else the platform
        owners = [p for p in patients if p.cls != "Platform"]
        return owners[:1] or ([count.platform] if count.platform else patients[:1])
    # a suspension's count belongs to the owners named after the counted accounts, not to another phrase
    owned = owners_after(ctx, count.noun, lex)
    return [p for p in patients if p.key in {o.key for o in owned}]
