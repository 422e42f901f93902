"""Arguments of a cue: who acts (agent) and on whom (patient), by dependency first and word order second,
always within the classes the relation allows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext, seen_by, token_chain_up
from kg.extract.cues import Cue, called
from kg.extract.mentions import Mention
from kg.extract.owners import account_owners, platforms_of_accounts, subject_owner
from kg.extract.relatives import prepositional_relative, relative_object
from kg.extract.text import lemma, tfold, word
from kg.extract.units import acting_body

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token

MAX_GAP = 14  # tokens between a cue and an argument found by word order
PATIENT_OF_NOUN = {"contre", "envers", "encontre"}


@dataclass
class Arguments:
    agents: list[Mention]
    patients: list[Mention]
    confidence: float
    via_default: bool = False  # the agent is the article's salient platform, not read in the sentence


def is_passive(tok: Token) -> bool:
    if any(c.dep_ == "aux:pass" for c in tok.children) or tok.dep_ == "nsubj:pass":
        return True
    if _faire_passive(tok):
        return True
    # an adjectival participle: "Twitter utilisé comme outil", "les employés menacés par …"; not a compound
    # tense ("ont été", "se sont mis") nor a reflexive
    participle = "Part" in tok.morph.get("VerbForm", []) and \
        "Pres" not in tok.morph.get("Tense", [])  # not "en menaçant"
    has_aux = any(c.dep_.startswith("aux") or word(c) == "se" for c in tok.children)
    return participle and not has_aux and tok.dep_ in {"acl", "ROOT", "amod", "advcl"}


def _faire_passive(tok: Token) -> bool:
    """'les comptes se font évincer de Facebook'."""
    head = tok.head
    return lemma(head) == "faire" and any(word(c) == "se" for c in head.children) and head is not tok


def verbal_arguments(cue: Cue, ctx: SentenceContext, accounts: list[int]) -> Arguments:
    rel, tok = cue.relation, cue.token
    lo, hi = ctx.clause_bounds(tok.i)
    if rel.accounts and (seen := seen_by(tok)) is not None:
        return _seen_done(cue, seen, ctx, lo, hi, accounts)
    if not rel.accounts and tok.dep_ in {"acl", "amod"} and tok.head.i in accounts and not ctx.mention_at(tok.head.i):
        return Arguments([], [], 0.0)  # « des comptes affiliés au Hezbollah et au Hamas »: the accounts are
    gapped = _gapped_agent(tok, ctx, rel.agent)
    if (is_passive(tok) or gapped) and not rel.stative:
        # « banni de Facebook », « se font évincer de Twitter »: a platform's own exclusions name it after « de »
        preps = {"par", "de"} if _faire_passive(tok) or set(rel.agent) == {"Platform"} else {"par"}
        agents = (_after_preposition(ctx, cue.end, hi, preps, rel.agent) or _author_of_deed(ctx, cue.end, hi, rel)
                  or gapped)
        # « ont fondé le GIFCT, dirigé par X »: a participle after a name and its comma is said of that name
        named = ctx.mention_at(tok.i - 2) if tok.dep_ == "advcl" and ctx.doc[tok.i - 1].text == "," else None
        patients, conf = (([named], 0.8) if named and named.cls in rel.patient
                          else subject_of(tok, ctx, lo, rel.patient, accounts))
        if not patients and tok.i == ctx.sent.start:
            patients, conf = _said_after_comma(tok, ctx, rel.patient), 0.8
        return Arguments(agents, patients, conf * 0.95)
    caller = called(tok, rel)  # « Daech a exhorté ses partisans à viser la Belgique »: who calls for the act
    if lemma(tok) in rel.passive_only and caller is None:
        return Arguments([], [], 0.0)  # « le réseau visait le Mali »: in the active voice the model alone weighs it
    agents, conf = subject_of(caller if caller is not None else tok, ctx, lo, rel.agent, accounts)
    patients = (object_of(cue, ctx, hi, accounts) or relative_object(tok, ctx, rel)
                or prepositional_relative(tok, ctx, rel))
    if rel.co_agents and agents:
        companions = _co_agents(tok, ctx, rel.agent)
        agents += [m for m in companions if m not in agents]
        patients = [m for m in patients if m not in companions]  # « fondé, avec X et Y, le Forum »: X, Y found it
    return Arguments(agents, patients, conf)


def _seen_done(cue: Cue, seen: Token, ctx: SentenceContext, lo: int, hi: int, accounts: list[int]) -> Arguments:
    """« X a vu son compte Twitter suspendu (par Y) »: X is whose accounts it was, the agent is named after « par »,
    else it is the platform named right after the accounts."""
    rel = cue.relation
    patients, conf = subject_of(seen, ctx, lo, rel.patient, accounts)
    agents = _after_preposition(ctx, cue.end, hi, {"par"}, rel.agent)
    if not agents and (thing := next((c for c in seen.children if c.dep_ == "obj"), None)) is not None:
        agents = [m for m in ctx.right_mentions(thing.i + 1, min(hi, thing.i + 3)) if m.cls in rel.agent][:1]
    return Arguments(agents, patients, conf * 0.95)


def _gapped_agent(tok: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    """« La vidéo a été retirée par Facebook, et le compte de X désactivé »: a participle whose auxiliary the
    coordination leaves out shares the agent of the passive verb before it."""
    noun = tok.head
    verb = noun.head if noun.dep_ == "conj" and tok.dep_ in {"acl", "amod"} else None
    if verb is None or not any(c.dep_ == "aux:pass" for c in verb.children):
        return []
    by = [c for c in verb.children if c.dep_.startswith("obl") and any(g.lower_ == "par" for g in c.children)]
    found = [ctx.mention_at(c.i) for c in by]
    return [m for m in found if m is not None and m.cls in allowed][:1]


def _author_of_deed(ctx: SentenceContext, start: int, hi: int, rel) -> list[Mention]:
    """« visé par des menaces de mort de l'EI »: the « par » phrase names the relation's own deed, whose author
    follows it after « de »."""
    par = next((t.i for t in ctx.doc[start:min(hi, start + 3)] if word(t) == "par"), None)
    deed = next((t for t in ctx.doc[par + 1:min(hi, par + 4)] if t.pos_ == "NOUN"), None) if par is not None else None
    if deed is None or lemma(deed) not in rel.nouns or rel.noun_de != "agent":
        return []
    return _after_preposition(ctx, deed.i + 1, hi, {"de"}, rel.agent)


def _said_after_comma(participle: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    """« Créé en 2013 par Pavel Durov, Telegram revendique … »: a participle opening the sentence is said of the
    name that follows its phrase (the parser sometimes makes the participle the root)."""
    comma = next((t.i for t in ctx.doc[participle.i:ctx.sent.end] if t.text == ","), None)
    if comma is None:
        return []
    # the name right after the comma, or after a noun that introduces it (« le parti Britain First »)
    after = ctx.right_mentions(comma + 1, min(ctx.sent.end, comma + 8))
    return [after[0]] if after and after[0].cls in allowed and after[0].start <= comma + 4 else []


def _co_agents(verb: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    """'X a créé Telegram avec son frère Y': the companions the verb's own 'avec' phrase names."""
    found: list[Mention] = []
    for child in verb.children:
        if child.dep_.startswith("obl") and any(word(c) == "avec" for c in child.children):
            found += _mentions_for_token(child, ctx, allowed, [])
    return _to_last_conjunct(ctx, sorted(found, key=lambda m: m.start))


def _to_last_conjunct(ctx: SentenceContext, listed: list[Mention]) -> list[Mention]:
    """« avec Google, Amazon et Apple, le GIFCT »: the list ends with the name after « et »; what follows the
    next comma is the verb's object, not one more companion."""
    for k in range(1, len(listed)):
        if any(word(t) in {"et", "ou"} for t in ctx.doc[listed[k - 1].end:listed[k].start]):
            return listed[:k + 1]
    return listed


def subject_of(tok: Token, ctx: SentenceContext, lo: int, allowed, accounts) -> tuple[list[Mention], float]:
    for t in token_chain_up(tok):
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
        if subj is None and t.dep_ in {"acl", "acl:relcl"} and t is not tok or (subj is None and t.dep_ == "acl"):
            subj = t.head
        if subj is not None and subj.head.i == t.i and any(c.dep_ == "case" and word(c) in {"selon", "apres"}
                                                        for c in subj.children):
            # « Selon Anne Roux, Karim Benali a pris … »: the parser's subject is the source; the name after it acts
            subj = next((c for c in subj.children if c.dep_ == "appos"), None)
        if subj is None:
            continue
        relative = word(subj) == "qui" and _relative_clause(t)
        if relative:
            subj = _apposed_name(relative.head, ctx)
        found = _mentions_for_token(subj, ctx, allowed, accounts)
        if found:
            return found, 0.85
        if relative:
            return [], 0.0  # "X, qui a créé T avec son frère Y et qui dirige …": not Y, whatever stands nearest
        if subj.i in accounts:
            return [], 0.0  # "les comptes supprimés": the subject is known and names no owner
        break
    return _nearest_left(tok, ctx, lo, allowed), 0.7


def _apposed_name(noun: Token, ctx: SentenceContext) -> Token:
    """« X, le Russe qui a créé Telegram »: the antecedent of « qui » is a noun apposed to a name (by the parse, or
    right after the name and its comma when the parser took the noun for the clause's subject): the name."""
    if ctx.mention_at(noun.i):
        return noun
    if noun.dep_ == "appos" and ctx.mention_at(noun.head.i):
        return noun.head
    left = noun.left_edge.i
    name = ctx.mention_at(left - 2) if left >= ctx.sent.start + 2 and ctx.doc[left - 1].text == "," else None
    return ctx.doc[name.start] if name is not None and name.end == left - 1 else noun


def _relative_clause(verb: Token) -> Token | None:
    """The relative clause a verb with subject 'qui' belongs to, through coordination ('… et qui dirige …')."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb if verb.dep_ == "acl:relcl" else None


def _mentions_for_token(tok: Token, ctx: SentenceContext, allowed, accounts) -> list[Mention]:
    m = ctx.mention_at(tok.i) or ctx.mention_at(tok.i + 1)  # "le réseau Twitter": the name after its noun
    owned = tok.i in accounts or lemma(tok) == "compte"
    m = subject_owner(ctx, tok, m, allowed, accounts) if owned and m is not None and m.start > tok.i else m
    if m and m.cls in allowed and (m.start <= tok.i or tok.pos_ == "NOUN"):
        left = ctx.chain_left(m, allowed)[:-1]  # the parser may pick any conjunct as the subject …
        if any(ctx.preposition_before(x) not in {"", "de"} for x in left):
            left = []  # … but "D'après le quotidien, le gouvernement …" is no coordination
        return left + ctx.chain(m, allowed)
    if owned:
        return account_owners(ctx, tok.i, min(tok.i + 10, ctx.sent.end), allowed, accounts)
    body = acting_body(tok, ctx, allowed)  # « la section antiterroriste du parquet de Paris »
    return [body] if body is not None else []


def _nearest_left(tok: Token, ctx: SentenceContext, lo: int, allowed) -> list[Mention]:
    for m in ctx.left_mentions(tok.i, max(lo, tok.i - MAX_GAP)):
        if m.cls in allowed and ctx.preposition_before(m) == "":
            return ctx.chain_left(m, allowed, lo)
    return []


def object_of(cue: Cue, ctx: SentenceContext, hi: int, accounts: list[int]) -> list[Mention]:
    rel = cue.relation
    if rel.symmetric:
        if cue.kind == "phrase" and word(ctx.doc[cue.end - 1]) == "de":  # "sous l'égide de X", "avec le soutien de X"
            return [m for m in _after_preposition(ctx, cue.end - 1, hi, {"de"}, rel.patient) if m.start <= cue.end + 2]
        return _partners(ctx, cue.token.i, hi, rel.patient)
    if rel.accounts:  # a phrase may end with the accounts (« mettre fin aux comptes »): their owners follow them
        start = cue.end - 1 if cue.kind == "phrase" and cue.end - 1 in accounts else cue.end
        owners = account_owners(ctx, start, ctx.sent.end, rel.patient, accounts)
        return (owners or platforms_of_accounts(ctx, cue.end, hi, rel.patient, accounts)
                or _direct_object(ctx, cue.end, hi, rel.patient))
    for m in ctx.right_mentions(cue.end, min(hi, cue.end + MAX_GAP)):
        if _another_verbs_subject(m, cue, ctx):
            return []  # « X a présidé une réunion, et Europol a ouvert une enquête »: a clause of its own begins
        prep = ctx.preposition_before(m)
        # « X a présidé la réunion avec les représentants de Google »: Google hangs from « avec », not from the verb
        aside = cue.kind == "verb" and prep == "de" and ctx.behind_preposition(m, cue.token.i, rel.patient_preps)
        if m.cls in rel.patient and _patient_preposition(cue, m, prep, ctx) and not aside:
            chain = ctx.chain(m, rel.patient, hi)
            return next((chain[:k] for k, o in enumerate(chain) if _another_verbs_subject(o, cue, ctx)), chain)
    if "" not in rel.patient_preps:  # "enquête sur des menaces qu'aurait lancées le groupe EI"
        return _after_preposition_word(ctx, cue.end, hi, rel.patient_preps, rel.patient)
    return []


def _another_verbs_subject(m: Mention, cue: Cue, ctx: SentenceContext) -> bool:
    """Whether the mention is the subject of a verb after the cue's: the start of a clause of its own."""
    root = next((t for t in ctx.doc[m.start:m.end] if not m.start <= t.head.i < m.end or t.head.i == t.i), None)
    return root is not None and root.dep_ in {"nsubj", "nsubj:pass"} and root.head.i != cue.token.i \
        and root.head.pos_ in {"VERB", "AUX"} and root.head.i > cue.token.i


def _patient_preposition(cue: Cue, m: Mention, prep: str, ctx: SentenceContext) -> bool:
    """Whether « prep » introduces the cue's patient: a phrase ends with its own (« s'en prendre à »); a place is a
    patient only directly or through the relation's place prepositions (« appeler à attaquer … à Paris » is where)."""
    own = cue.kind == "phrase" and m.start <= cue.end + 1 and word(ctx.doc[cue.end - 1]) == prep
    if m.cls == "Place":
        return own or prep in cue.relation.place_preps or _called_country(cue, m, ctx)
    return cue.kind == "phrase" or prep in cue.relation.patient_preps


def _called_country(cue: Cue, m: Mention, ctx: SentenceContext) -> bool:
    """« appelle à commettre des attentats en France », « au Kenya »: the country of a called act is its target
    (a town after « à » stays where: « appelle à attaquer des policiers à Paris »)."""
    root = ctx.doc[m.start:m.end].root
    return m.start > 0 and tfold(ctx.doc[m.start - 1].text) in {"en", "au", "aux"} and \
        cue.token.i in {root.head.i, root.head.head.i} and called(cue.token, cue.relation) is not None


def _after_preposition_word(ctx: SentenceContext, start: int, hi: int, preps, allowed) -> list[Mention]:
    prep = next((t.i for t in ctx.doc[start:min(hi, start + 6)] if word(t) in preps), None)
    if prep is None:
        return []
    found = [m for m in ctx.right_mentions(prep + 1, min(hi, prep + 1 + MAX_GAP)) if m.cls in allowed]
    return ctx.chain(found[0], allowed, hi) if found else []


def _direct_object(ctx: SentenceContext, start: int, hi: int, allowed) -> list[Mention]:
    """'Daesh a piraté Twitter', 'Facebook a banni Britain First': no accounts named, the object itself."""
    for m in ctx.right_mentions(start, hi):  # that starts near the verb, however long (« un réseau chinois de …»)
        if m.start < start + 4 and m.cls in allowed and ctx.preposition_before(m) == "":
            return ctx.chain(m, allowed, hi)
    return []


def _partners(ctx: SentenceContext, start: int, hi: int, allowed) -> list[Mention]:
    """'un sommet secret … avec les géants du web comme Apple, Facebook et Twitter'."""
    for tok in ctx.doc[start:hi]:
        if word(tok) in {"avec", "entre"}:
            found = [m for m in ctx.right_mentions(tok.i + 1, min(hi, tok.i + MAX_GAP)) if m.cls in allowed]
            return ctx.chain(found[0], allowed, hi) if found else []
    return []


def _after_preposition(ctx: SentenceContext, start: int, hi: int, preps: set[str], allowed) -> list[Mention]:
    for m in ctx.right_mentions(start, min(hi, start + MAX_GAP)):
        if m.cls in allowed and ctx.preposition_before(m) in preps:
            return ctx.chain(m, allowed, hi)
    return []
