"""Whose accounts: the owners an accounts phrase names (« les comptes des jihadistes », « 14 comptes associés au
suspect », « les vidéos du prédicateur X ») and the platforms it names them on (« 5 000 comptes Twitter »)."""

from __future__ import annotations

from kg.extract.context import SentenceContext
from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import Mention
from kg.extract.text import OF_WORDS, lemma, tfold, word

RELATIVES = {"dont", "qui", "que", "où"}  # a relative clause after the accounts speaks of something else
CLAUSE_BREAKS = {"tandis", "mais", "car", "lorsque", "quand"}  # « …, tandis qu'un groupe lié à X … »: another clause
OWNER_REACH = 20  # tokens between "comptes" and the owner: "comptes pour « menace … », liés à l'EI"


def account_owners(ctx: SentenceContext, start: int, hi: int, allowed, accounts) -> list[Mention]:
    """The owners named in an accounts phrase: 'les comptes des jihadistes', 'comptes affiliés à l'EI'."""
    first_account = next((i for i in accounts if start <= i < hi), None)
    if first_account is None:
        return []
    groups = {"Organization", "TerroristGroup", "HackerGroup", "Person", "GovernmentBody", "MediaOutlet",
              "Place"} & set(allowed)
    reach = min(hi, _list_end(ctx, first_account) + OWNER_REACH)
    relative = next((t.i for t in ctx.doc[first_account:reach] if t.lower_ in RELATIVES), None)  # "…, dont ils …"
    if relative is not None and not _relays(ctx, relative):
        reach = relative
    reach = next((t.i for t in ctx.doc[first_account:reach] if _source_word(t) or t.lower_ in CLAUSE_BREAKS), reach)
    for m in ctx.right_mentions(first_account, reach):
        if m.cls == "Place" and not _run_from(ctx, first_account, m):
            continue  # « 500 comptes en France » are where, not whose
        if m.cls in groups and (m.cls != "Person" or _owned_by_person(ctx, first_account, m)):
            return ctx.chain(m, groups, hi)
    possessive = ctx.mention_at(first_account - 1)  # "son compte": whom 'son' stands for
    return [possessive] if possessive and possessive.kind == "ref" and possessive.cls in groups else []


# participles whose « par » names who found or reported the accounts: « les chaînes signalées par la police »
REPORTING = {"signaler", "reperer", "identifier", "denoncer", "epingler", "recenser", "detecter", "decouvrir"}


def _source_word(token) -> bool:
    """« …, selon Graphika », « d'après Mandiant », « signalés par la police »: who says so, not whose accounts."""
    prev = token.nbor(-1) if token.i > 0 else None
    return word(token) == "selon" or prev is not None and (word(token) == "apres" and word(prev) == "de" or
                                                         word(token) == "par" and _reporting(prev))


def _reporting(participle) -> bool:
    return lemma(participle) in REPORTING or word(participle) in REPORTING


def _list_end(ctx: SentenceContext, noun: int) -> int:
    """The end of a list of nouns: « 265 comptes, pages, groupes et événements », the owner is counted from there."""
    k = noun + 1
    while k + 1 < ctx.sent.end and ctx.doc[k].text in {",", "et", "ou"} and ctx.doc[k + 1].pos_ == "NOUN":
        k += 2
    return k


def _relays(ctx: SentenceContext, relative: int) -> bool:
    """'comptes qui relayaient les messages de X': the relative clause says whose word the accounts spread."""
    verb = next((t for t in ctx.doc[relative + 1:min(relative + 4, ctx.sent.end)] if t.pos_ in {"VERB", "AUX"}), None)
    return ctx.doc[relative].lower_ == "qui" and verb is not None and lemma(verb) in load_lexicon().relay_verbs


def owners_after(ctx: SentenceContext, noun: int, lex) -> list[Mention]:
    """The owners of the accounts counted at `noun`."""
    return account_owners(ctx, noun, ctx.sent.end, frozenset(lex.relations["suspendsAccountsOf"].patient), [noun])


def _run_from(ctx: SentenceContext, noun: int, m: Mention) -> bool:
    """« 2 617 comptes liés à l'Iran », « comptes basés au Venezuela », « gérés depuis le Bangladesh »: a country
    whose accounts they are (its state's, in reports of influence operations), said by a participle of the lexicon's
    [accounts].run_from right before its preposition."""
    j = m.start - 1
    while j > noun and ctx.doc[j].pos_ == "DET":
        j -= 1
    if j <= noun + 1 or word(ctx.doc[j]) not in {"a", "de", "depuis", "en"}:
        return False
    participle, run_from = ctx.doc[j - 1], load_lexicon().run_from
    return lemma(participle) in run_from or word(participle) in run_from


def _owned_by_person(ctx: SentenceContext, noun: int, m: Mention) -> bool:
    """A person owns accounts only when named right after them: 'les comptes de Donald Trump', or after a noun
    that describes a person: 'les vidéos du prédicateur Omar Bakri', 'les prêches de l'imam X'."""
    j = m.start - 1
    if j > noun and "Person" in load_lexicon().descriptions.get((word(ctx.doc[j]),), ()):
        j -= 1
        while j > noun and ctx.doc[j].pos_ == "DET":
            j -= 1
        return m.start - noun <= 5 and word(ctx.doc[j]) in OF_WORDS
    return m.start - noun <= 3 and ctx.preposition_before(m) == "de"


def platforms_of_accounts(ctx: SentenceContext, start: int, hi: int, allowed, accounts) -> list[Mention]:
    """'5 000 comptes Twitter et 10 000 pages Facebook': the platforms whose accounts were taken."""
    if "Platform" not in allowed:
        return []
    found = []
    for i in (i for i in accounts if start <= i < hi):
        m = next((m for m in ctx.right_mentions(i + 1, min(hi, i + 6)) if m.cls == "Platform"), None)
        if m and m not in found:
            found.append(m)
    return found


def subject_owner(ctx: SentenceContext, accounts_noun, platform: Mention, allowed, accounts) -> Mention:
    """« Le compte Twitter du Pentagone a été piraté par l'EI »: the owner the accounts noun names before its verb
    (not the agent after it), else the platform after the noun."""
    verb = accounts_noun.head.i if accounts_noun.head.i > accounts_noun.i else ctx.sent.end
    end = min(accounts_noun.i + 10, verb)
    return (account_owners(ctx, accounts_noun.i, end, allowed, accounts) or [platform])[0]


PLACE_FRAMES = {"en", "au", "aux", "a"}  # folded: « À » is « a »


def fronted_place(ctx: SentenceContext, before: int) -> Mention | None:
    """« En Ouganda, la plateforme a supprimé 418 comptes », « À Cuba, 526 comptes ont été fermés »: a place set
    before the clause, between the sentence's first word and a comma, frames whose accounts a take-down report
    counts (reports go through the networks country by country)."""
    first = ctx.doc[ctx.sent.start]
    if tfold(first.text) not in PLACE_FRAMES:  # not word(): it expands « au » into « le »
        return None
    place = next((m for m in ctx.right_mentions(ctx.sent.start + 1, before) if m.key), None)
    after = place.end if place is not None else 0
    if place is None or place.cls != "Place" or place.start > ctx.sent.start + 2 or after >= before:
        return None
    return place if ctx.doc[after].text == "," else None
