"""Arguments of a nominal cue ('les menaces de X contre Y', 'la suspension des comptes de X', 'une enquête
ouverte par X contre Y'): who acts and on whom, within the classes the relation allows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.context import SentenceContext, token_chain_up
from kg.extract.cues import Cue
from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import Mention
from kg.extract.owners import account_owners
from kg.extract.relations import (
    PATIENT_OF_NOUN,
    Arguments,
    _after_preposition,
    _mentions_for_token,
    is_passive,
    subject_of,
)
from kg.extract.targets import TARGET_NOUNS, target_arguments
from kg.extract.text import folded_lemmas, lemma, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Token

ENTRUSTING_VERBS = {"confier", "attribuer", "remettre"}  # "l'enquête a été confiée à X"
TAKING_VERBS = {"saisir", "charger"}  # « X s'est saisi de l'enquête », « X, chargé de l'enquête »
TAKEN_IN = {"main", "charge"}  # « X a pris l'enquête en main », « X a pris en charge l'enquête »
HOLDER_VERBS = {"recevoir", "viser", "cibler", "essuyer", "subir"}  # "X reçoit des menaces"
TARGET_VERBS = {"etre", "devenir", "rester", "demeurer", "retrouver", "figurer"}


def nominal_arguments(cue: Cue, ctx: SentenceContext, accounts: list[int]) -> Arguments:
    rel, tok = cue.relation, cue.token
    lo, hi = ctx.clause_bounds(tok.i)
    if rel.verbal_only:
        return Arguments([], [], 0)
    if rel.accounts or rel.noun_de == "patient":
        # "la suspension des comptes de X", "la création du Forum": the agent is 'par X' or the one who acts
        agents = (_after_preposition(ctx, cue.end, _verb_after(ctx, cue.end, hi), {"par"}, rel.agent)
                  or _governor_subject(tok, ctx, lo, rel.agent) or _apposed_name(tok, ctx, rel.agent))
        patients = (account_owners(ctx, cue.end, ctx.sent.end, rel.patient, accounts) if rel.accounts
                    else [m for m in _after_preposition(ctx, cue.end, hi, {"de"}, rel.patient)
                          if m.start <= cue.end + 3])  # "la création du Forum", "la branche médiatique d'X"
        return Arguments(agents, patients, 0.7)
    parties = _between(ctx, cue.end, hi, rel.agent) if rel.symmetric else []
    if parties:
        return Arguments(parties, [], 0.75)
    if lemma(tok) in TARGET_NOUNS:
        return target_arguments(cue, ctx, _holder_of(tok, ctx, lo, rel.patient, accounts), hi, accounts)
    preps = PATIENT_OF_NOUN | (rel.patient_preps - {"", "a", "de"})  # "menaces contre Y", "enquête sur Y"
    stop = next((t.i for t in ctx.doc[cue.end:hi] if word(t) in preps), hi)
    agents = ([m for m in ctx.right_mentions(cue.end, stop) if m.cls in rel.agent][:1]
              or _launcher(tok, ctx, rel.agent) or _led_by(tok, ctx, rel.agent))
    agents += [m for m in _entrusted_to(tok, ctx, rel.agent) if m not in agents]  # « menée par X et confiée à Y »
    agents = agents or (_taker(tok, ctx, rel.agent) if rel.name == "investigates" else [])
    if stop < hi and word(ctx.doc[stop]) == "encontre":  # "à l'encontre de Y"
        preps = {"de"}
    patients = _after_preposition(ctx, stop, hi, preps, rel.patient) if stop < hi else []
    if not patients:
        patients = _holder_of(tok, ctx, lo, rel.patient, accounts)
    return Arguments(agents, patients, 0.75)


def _between(ctx: SentenceContext, start: int, hi: int, allowed) -> list[Mention]:
    """« un accord entre le G7 et Google, Facebook et Twitter », « l'accord conclu vendredi entre X et Y »: every
    party coordinated after « entre », close to the noun."""
    k = next((t.i for t in ctx.doc[start:min(hi, start + 5)] if word(t) == "entre"), None)
    first = next((m for m in ctx.right_mentions(k + 1, min(hi, k + 5)) if m.cls in allowed), None) if k else None
    parties = ctx.chain(first, allowed, hi) if first is not None else []
    return parties if len({m.key for m in parties}) > 1 else []


def _verb_after(ctx: SentenceContext, start: int, hi: int) -> int:
    """Where the noun phrase of a nominal cue ends at the latest: its 'par X' is the noun's own agent, but not
    the agent of a later verb ('la branche médiatique du groupe, et repérée par X')."""
    return next((t.i for t in ctx.doc[start:hi] if t.pos_ in {"VERB", "AUX"}), hi)


def _apposed_name(tok: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    """'As-Sahab, la branche médiatique de …': the name the noun phrase is apposed to."""
    j = tok.i - 1
    while j > ctx.sent.start and ctx.doc[j].pos_ in {"DET", "ADJ"}:
        j -= 1
    m = ctx.mention_at(j - 1) if ctx.doc[j].text == "," else None
    return [m] if m and m.cls in allowed else []


def _launcher(tok: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    """'X a ouvert une enquête', 'X a annoncé l'ouverture d'une procédure': the subject of the verb that opens,
    leads or announces the act the noun names (the lexicon's [nominal_launchers]), not of any verb ('X a dénoncé
    les menaces contre Y' is no threat of X)."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in {"obj", "nmod", "obl", "obl:arg"} or cur.head is cur:
            return []
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            if lemma(cur) not in load_lexicon().nominal_launchers or is_passive(cur):
                return []
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            if subj is not None and word(subj) == "qui" and cur.dep_ == "acl:relcl":
                subj = cur.head  # « la police du Merseyside, qui mène l'enquête »
            return _mentions_for_token(subj, ctx, allowed, []) if subj is not None else []
    return []


def _led_by(tok: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    """« L'enquête est menée par la section cyber du parquet de Paris »: the agent of the passive verb that leads
    the act the noun names (a launcher, as in _launcher), wherever its noun phrase ends."""
    launchers = load_lexicon().nominal_launchers
    verbs = [tok.head] if tok.dep_ == "nsubj:pass" else _participles_after(tok, ctx, launchers)  # « …, ouverte par X »
    verb = next((v for v in verbs if lemma(v) in launchers), None)
    if verb is None:
        return []
    agent = next((c for c in verb.children if c.dep_ == "obl:agent"), None)
    return _mentions_for_token(agent, ctx, allowed, []) if agent is not None else []


def _entrusted_to(tok: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    """'l'enquête a été confiée à la DGSI', « l'enquête est menée par X et a été confiée à Y », « une enquête,
    confiée à la SDAT »: who is given the act the noun names is who does it."""
    if tok.dep_ == "nsubj:pass":
        verbs = [tok.head, *(c for c in tok.head.children if c.dep_ == "conj")]  # the noun is the subject of both
    else:
        verbs = _participles_after(tok, ctx, ENTRUSTING_VERBS)
    verb = next((v for v in verbs if lemma(v) in ENTRUSTING_VERBS), None)
    if verb is None:
        return []
    given = next((c for c in verb.children if c.dep_.startswith("obl") and _after_a(c)), None)
    if given is None:
        return []
    # « confiée à la SDAT de la police judiciaire et à la DGSI »: each « à » the parser coordinates below the first
    also = [t for t in given.subtree if t.dep_ == "conj" and _after_a(t)]
    return [m for t in (given, *also) for m in _mentions_for_token(t, ctx, allowed, [])]


def _participles_after(tok: Token, ctx: SentenceContext, lemmas) -> list[Token]:
    """« une enquête pour « assassinats », confiée à la DGSI »: the participles of these lemmas said of the noun,
    wherever the parser hangs them: on the noun, on its complement, on the verb that opens it, or on a noun between
    (agreeing). The folded lemmas are read first: most sentences hold none, and spaCy's tokens are dear."""
    folded = folded_lemmas(ctx.doc)
    found = [ctx.doc[k] for k in range(tok.i + 1, ctx.sent.end) if folded[k] in lemmas]
    return [t for t in found if t.dep_ in {"acl", "advcl"} and "Part" in t.morph.get("VerbForm", [])
            and (t.head in (tok.head, *tok.subtree) or tok.i < t.head.i < t.i and _agrees(t, tok))]


def _agrees(participle: Token, noun: Token) -> bool:
    """« une enquête pour « association … », ouverte par X »: hung by the parser on a later noun, a participle that
    agrees with this one may still be said of it."""
    return all(participle.morph.get(f, []) == noun.morph.get(f, []) for f in ("Gender", "Number"))


def _after_a(token: Token) -> bool:
    return any(word(k) == "a" and k.dep_ == "case" for k in token.children)


def _taker(tok: Token, ctx: SentenceContext, allowed) -> list[Mention]:
    """« Le parquet s'est saisi de l'enquête », « la DGSI, chargée de l'enquête », « X a pris l'enquête en main »:
    the body that takes the investigation on, whether the verb is active, passive or a participle after it."""
    verb = tok.head
    if tok.dep_ not in {"obj", "obl:arg", "obl"} or verb is tok or verb.pos_ != "VERB":
        return []
    taken = lemma(verb) in TAKING_VERBS or lemma(verb) == "prendre" and any(lemma(c) in TAKEN_IN for c in verb.subtree)
    if not taken:
        return []
    if verb.dep_ in {"acl", "amod"}:
        return _mentions_for_token(verb.head, ctx, allowed, [])
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
    return _mentions_for_token(subj, ctx, allowed, []) if subj is not None else []


def _governor_subject(tok: Token, ctx: SentenceContext, lo: int, allowed) -> list[Mention]:
    """'Facebook et Twitter ont annoncé la création de …': the subject of the verb the noun depends on."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in {"obj", "obl", "obl:arg", "obl:mod", "nmod", "nsubj:pass"} or cur.head is cur:
            return []
        cur = cur.head
        if cur.pos_ == "VERB":
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            return _mentions_for_token(subj, ctx, allowed, []) if subj is not None else []
    return []


def _holder_of(tok: Token, ctx: SentenceContext, lo: int, allowed, accounts) -> list[Mention]:
    """'Twitter et son co-fondateur faisaient l'objet de menaces': the holder is the governing verb's subject."""
    for t in token_chain_up(tok, deps=("obl:arg", "obl:mod", "obl", "obj", "nmod")):
        holds = lemma(t) in HOLDER_VERBS or (lemma(t) == "faire" and any(lemma(c) == "objet" for c in t.children)) \
            or lemma(t) == "cible" and any(c.dep_ == "cop" for c in t.children)  # "X a été la cible de menaces"
        if t is not tok and holds:  # "X fait l'objet de menaces"
            return subject_of(t, ctx, lo, allowed, accounts)[0]
        if lemma(tok) in TARGET_NOUNS and (any(c.dep_ == "cop" for c in t.children) or lemma(t) in TARGET_VERBS):
            return subject_of(t, ctx, lo, allowed, accounts)[0]  # « X est dans le viseur de Z »
    return []
