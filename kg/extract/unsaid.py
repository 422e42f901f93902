"""What a removal of accounts leaves unsaid: who removed them when the sentence names no platform (« 8 000 comptes ont
été fermés »), and whose they were when it counts them and names no owner (« Le réseau social a fermé 850 comptes »):
the article's platform, the network or the group the text just spoke of, the owner of the removal told just before."""

from __future__ import annotations

from collections import Counter

from kg.extract.context import SentenceContext
from kg.extract.counts import counts_in
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.mentions import Mention
from kg.extract.networks import is_network
from kg.extract.owners import fronted_place, platforms_of_accounts
from kg.extract.resolve import Resolved
from kg.extract.sink import FactSink
from kg.extract.text import folded_words, lemma


def suspension_defaults(cue, args, ctx: SentenceContext, resolved: Resolved, sink: FactSink, accounts) -> bool:
    """Fill in the side a suspension leaves unsaid; True when the owner is the article's topic group."""
    lex = load_lexicon()
    lo, hi = ctx.clause_bounds(cue.token.i)
    counts = counts_in(ctx, lo, hi, lex)  # before the cue too: "8 000 comptes ont été fermés"
    if not args.agents and (args.patients or counts):
        # "des comptes de Daech ont été supprimés", "8 000 comptes ont été fermés": the article's platform, or the
        # one the accounts are on (« la fermeture de ses comptes Twitter »)
        on = [] if counts else platforms_of_accounts(ctx, lo, hi, {"Platform"}, accounts)
        default = on[0] if on else resolved.salient("Platform") or (
            _suspended_in_previous(sink, resolved, ctx, side=0) if counts else None)
        args.agents, args.confidence = ([default], 0.55) if default else ([], 0)
    if args.agents and not args.patients and counts and not _owner_phrase(ctx, counts[0].noun, hi):
        # "Le réseau social a fermé 850 comptes" (counted, no owner) in an article about one group: its accounts
        owner = (fronted_place(ctx, cue.token.i) or _network_before(ctx, resolved, lex, cue.token.i)
                 or resolved.salient("TerroristGroup", topic=True)
                 or _terror_owner(ctx, resolved, lex) or _suspended_before(sink, resolved, cue.token.i)
                 or _suspended_in_previous(sink, resolved, ctx))
        args.patients, args.confidence = ([owner], min(args.confidence, 0.55)) if owner else ([], 0)
        return owner is not None
    return False


def _network_before(ctx: SentenceContext, resolved: Resolved, lex: Lexicon, before: int) -> Mention | None:
    """« Le réseau français visait le Mali. Facebook a supprimé 84 comptes »: counted accounts that name no owner
    belong to the influence network described in that sentence or the one before it (reports of take-downs
    describe the network, then count it)."""
    first = ctx.sent.start
    start = ctx.doc[first - 1].sent.start if first > 0 else first
    return next((m for m in reversed(resolved.mentions) if start <= m.start and m.end <= before and m.key
                 and is_network(m, lex)), None)


def _terror_owner(ctx: SentenceContext, resolved: Resolved, lex: Lexicon) -> Mention | None:
    """« Twitter a suspendu 274 460 comptes pour apologie du terrorisme »: accounts closed for terrorism, their owner
    unnamed, are the jihadists' (lexicon [accounts].terror_motives and terror_owner, a generic gazetteer entity)."""
    known = resolved.gazetteer.get(lex.terror_owner)
    words = folded_words(ctx.doc)
    k = next((k for k in range(ctx.sent.start, ctx.sent.end) if words[k] in lex.terror_motives), None)
    if known is None or k is None:
        return None
    return Mention(k, k + 1, lex.terror_owner, known.cls, known.label, "name", generic=known.generic)


def _suspended_before(sink: FactSink, resolved: Resolved, before: int) -> Mention | None:
    """The owner the article's earlier suspensions name most often: « Meta a supprimé 1 600 comptes liés à une
    opération d'influence russe. … Le groupe a supprimé 1 633 comptes Facebook » are that operation's. Not a country:
    reports list one country's accounts after another's."""
    places = {m.key for m in resolved.mentions if m.cls == "Place"}
    owners = Counter(f.object for f in sink.facts() if f.relation == "suspendsAccountsOf" and f.object not in places)
    key = next((k for k, _ in owners.most_common(1)), None)
    return next((m for m in reversed(resolved.mentions) if m.key == key and m.end <= before), None)


def _suspended_in_previous(sink: FactSink, resolved: Resolved, ctx: SentenceContext, side: int = 2) -> Mention | None:
    """« Twitter a supprimé des comptes liés à l'Iran. Dans le détail, le réseau social a fermé 2 617 comptes »: the
    count details the removal just told, when the sentence before names one owner (side 2: a country included) or
    one remover (side 0) of removed accounts."""
    first = ctx.sent.start
    if first == 0:
        return None
    start_char = ctx.doc[first - 1].sent.start_char
    keys = {(f.subject, f.relation, f.object)[side] for f in sink.facts()
            if f.relation == "suspendsAccountsOf" and f.evidence.start == start_char}
    key = keys.pop() if len(keys) == 1 else None
    return next((m for m in reversed(resolved.mentions) if key in m.all_keys() and m.end <= first), None)



OWNER_WORDS = {"lier", "associer", "affilier", "rattacher", "appartenir", "appartenant", "lie", "associe"}


def _owner_phrase(ctx: SentenceContext, noun: int, hi: int) -> bool:
    """'14 comptes associés au suspect': the text names an owner we could not resolve; not the topic group. Not
    « 125 000 comptes liés au terrorisme »: a motive, whose owner _terror_owner gives."""
    motives = load_lexicon().terror_motives
    return any(lemma(t) in OWNER_WORDS and not _motive_after(ctx, t.i, motives)
               for t in ctx.doc[noun + 1:min(hi, noun + 8)])


def _motive_after(ctx: SentenceContext, i: int, motives) -> bool:
    words = folded_words(ctx.doc)  # within four words: « liés à des activités terroristes »
    return any(words[k] in motives for k in range(i + 1, min(i + 5, ctx.sent.end)))
