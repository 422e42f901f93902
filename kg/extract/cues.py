"""Cues: the words of a sentence that signal a relation (verbs, nominalisations, multi-word phrases), and the
modality of each (asserted, alleged, or not a fact at all: hypothetical, negated, merely wished)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.context import CHAIN_DEPS
from kg.extract.features import token_view
from kg.extract.lexicon import Lexicon, RelationCues
from kg.extract.text import folded_lemmas, folded_words, lemma, token_texts, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Span, Token

NOMINAL_DETERMINERS = {"le", "un", "de", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "a", "quel"}
CLAIM_VERBS = {"pretendre", "affirmer", "revendiquer", "assurer", "declarer", "annoncer"}
SKIP_IN_PHRASE = {"ADV", "AUX"}
TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "soir", "matin",
              "recemment", "finalement", "egalement"}


@dataclass(frozen=True)
class Cue:
    relation: RelationCues
    token: Token  # the anchor: the verb or noun that carries the cue
    end: int  # index after the cue's last token: arguments on the right start there
    kind: str  # "verb", "noun" or "phrase"


def find_cues(sent: Span, lex: Lexicon) -> list[Cue]:
    cues = []
    doc = sent.doc
    positions, words = _cue_words(doc, lex)
    for k in range(bisect_left(positions, sent.start), bisect_left(positions, sent.end)):
        i, (lemmas, starts, candidates) = positions[k], words[k]
        tok = doc[i]
        aims = _aims_at(tok) or tok.pos_ == "NOUN" and word(tok) in lex.staff_heads  # « un ancien employé de X »
        for rel in _in_lexicon_order(candidates, lex):
            # the model alone weighs "attaquer", "cibler", unless a call for the act governs them
            # … but a noun of the relation is its cue whatever verb its letters suggest (« une cible », not « cibler »)
            noun = tok.pos_ in {"NOUN", "PROPN"} and lemma(tok) in rel.nouns
            word_cue = not aims and (noun or not lemmas & (rel.model_only | rel.called_nouns)
                                     or called(tok, rel) is not None)
            if lemmas & rel.governed_acts and not lemmas & (rel.verbs | rel.nouns):
                word_cue = word_cue and _governed(tok, rel)
            cue = _phrase_cue(sent, tok, rel, starts) or (_word_cue(tok, rel, lemmas) if word_cue else None)
            if cue:
                cues.append(cue)
    return cues


def _cue_words(doc, lex: Lexicon) -> tuple[list[int], list[tuple[set[str], set[str], list]]]:
    """The document's words that may cue a relation, found once per document: their positions, and for each its
    lemmas, the words a phrase may start with and the lexicon's relations for those words. Most words cue nothing."""
    key = f"kg.cue_words.{id(lex)}"
    cached = doc.user_data.get(key)
    if cached is None:
        by_word, lemma_of, word_of = lex.relations_by_cue_word, folded_lemmas(doc), folded_words(doc)
        positions, words = [], []
        for i in range(len(doc)):
            lemmas = {lemma_of[i], _infinitive(word_of[i])} - {""}
            starts = lemmas | {word_of[i]}  # a phrase may start with a word the lemmatiser mangles ("sous" -> "sou")
            candidates = [by_word[w] for w in starts if w in by_word]
            if candidates:
                positions.append(i)
                words.append((lemmas, starts, candidates))
        cached = doc.user_data[key] = (positions, words)
    return cached


def _in_lexicon_order(candidates: list[tuple[RelationCues, ...]], lex: Lexicon) -> tuple[RelationCues, ...]:
    if len(candidates) == 1:
        return candidates[0]
    wanted = {rel.name for group in candidates for rel in group}
    return tuple(rel for rel in lex.relations.values() if rel.name in wanted)


@lru_cache(maxsize=65536)
def _infinitive(text: str) -> str:
    """'piraté' mis-tagged as a noun: the infinitive of its folded word, so that the verb cue still fires."""
    for ending in ("ees", "ee", "es", "e"):
        if text.endswith(ending) and len(text) > len(ending) + 2:
            return text[: -len(ending)] + "er"
    return ""


def called(tok: Token, rel: RelationCues) -> Token | None:
    """« appelle ses partisans à attaquer la France », « a menacé de s'en prendre au Kenya »: the verb of the
    relation's `callers` that calls for, promises or threatens the act `tok` names (two links up at most)."""
    cur = tok
    for _ in range(2):
        if not rel.callers or cur.dep_ not in CALLED_DEPS or cur.head is cur:
            return None
        cur = cur.head
        if lemma(cur) in rel.callers:
            return cur
    return None


def _governed(tok: Token, rel: RelationCues) -> bool:
    """« a menacé de bloquer YouTube »: the act under one of the relation's own verbs."""
    caller = called(tok, rel)
    return caller is not None and lemma(caller) in rel.verbs


CALLED_DEPS = {"xcomp", "obl", "obl:arg", "ccomp", "obl:mod", "acl", "obj"}  # « appelle ses partisans à attaquer »


def _aims_at(tok: Token) -> bool:
    """'un plan visant à bloquer': 'viser à' + infinitive is an aim, not the verb's own sense."""
    doc, i = tok.doc, tok.i
    # "à", not the auxiliary "a" that folds to the same word ("une enquête a été ouverte")
    return i + 3 <= len(doc) and token_texts(doc)[i + 1].lower() in {"à", "de", "d'"} \
        and token_view(doc).pos[i + 2] in {"VERB", "AUX"}


def _word_cue(tok: Token, rel: RelationCues, lemmas: set[str]) -> Cue | None:
    if _after_auxiliary(tok) and lemmas & rel.verbs:  # "avoir piraté", whatever tag the parser gave "piraté"
        return Cue(rel, tok, tok.i + 1, "verb")
    if tok.pos_ in {"VERB", "AUX", "X"} and lemmas & (rel.verbs | rel.nouns):  # X: participles spaCy gives up on
        return Cue(rel, tok, tok.i + 1, "verb")
    if tok.pos_ in {"VERB", "X"} and lemmas & rel.governed_acts:  # « menace de bloquer YouTube »
        return Cue(rel, tok, tok.i + 1, "verb")
    if tok.pos_ == "NOUN" and lemma(tok) in rel.called_nouns:  # « appelle à commettre des attentats en France »
        return Cue(rel, tok, tok.i + 1, "verb")  # the act called for, read like the verb of the call
    if tok.pos_ in {"NOUN", "PROPN", "ADJ"} and lemma(tok) in rel.nouns and not _genre(tok, rel):
        return Cue(rel, tok, tok.i + 1, "verb" if _used_as_verb(tok) else "noun")
    if tok.pos_ in {"NOUN", "ADJ"} and lemmas & rel.verbs and (tok.pos_ == "ADJ" or _used_as_verb(tok)
                                                               or lemma(tok) not in rel.nouns):
        return Cue(rel, tok, tok.i + 1, "verb")
    return None


def _genre(tok: Token, rel: RelationCues) -> bool:
    """« le magazine d'investigation Pano »: the noun after « de » and a noun of the relation's `genre_heads`."""
    i = tok.i
    return i >= 2 and word(tok.doc[i - 1]) in {"de", "d'"} and word(tok.doc[i - 2]) in rel.genre_heads


def _after_auxiliary(tok: Token) -> bool:
    return tok.i > 0 and lemma(tok.doc[tok.i - 1]) in {"avoir", "etre"} and tok.text[:1].islower()


def _used_as_verb(tok: Token) -> bool:
    """A parser that tags 'menace' a noun in '…, menace ouvertement Mark Zuckerberg' is wrong: no determiner."""
    if any(c.dep_ == "det" for c in tok.children) or tok.i == tok.sent.start:
        return False
    return word(tok.doc[tok.i - 1]) not in NOMINAL_DETERMINERS and tok.doc[tok.i - 1].pos_ not in {"DET", "ADP", "ADJ"}


def _phrase_cue(sent: Span, tok: Token, rel: RelationCues, lemmas: set[str]) -> Cue | None:
    for phrase in rel.phrases:
        if len(phrase) < 2 or phrase[0] not in lemmas:
            continue
        end = _match_phrase(sent, tok.i, phrase)
        if end:
            anchor = next((t for t in tok.doc[tok.i:end] if t.pos_ == "VERB"), tok)
            return Cue(rel, anchor, end, "phrase")
    return None


def _match_phrase(sent: Span, i: int, phrase: tuple[str, ...]) -> int | None:
    doc, j, end = sent.doc, i + 1, sent.end
    lemma_of, word_of, view = folded_lemmas(doc), folded_words(doc), token_view(doc)
    for w in phrase[1:]:
        while j < end and _skippable(view, word_of, j) and lemma_of[j] != w:
            j += 1
        if j >= end or (lemma_of[j] != w and word_of[j] != w):
            return None
        j += 1
    return j


def _skippable(view, word_of: list[str], j: int) -> bool:
    """Adverbs, adverbial locutions and days inside a phrase cue: 's'appuie de plus en plus sur', 'a conclu jeudi
    un accord'."""
    return view.pos[j] in SKIP_IN_PHRASE or view.deps[j] in {"advmod", "fixed"} or word_of[j] in TIME_WORDS


def modality(tok: Token, lex: Lexicon) -> str | None:
    """'asserted', 'alleged' (conditional, claimed), or None when the cue is hypothetical, negated or wished."""
    doc = tok.doc
    view, lemma_of, word_of = token_view(doc), folded_lemmas(doc), folded_words(doc)
    deps, kids_of = view.deps, view.children
    chain = _before_colon(view, _chain_up(view, tok.i))
    for t in chain:
        if any(deps[c] == "mark" and word_of[c] in lex.modality["hypothetical_marks"] for c in kids_of(t)):
            return None
    # the verb a cue depends on negates it (« n'a pas pu supprimer »), but not through « que » (« n'a pas caché que
    # Daech avait menacé X », « ne dit pas combien de comptes il a suspendus »: the clause is still told)
    for t in chain[:1] if deps[tok.i] == "ccomp" else chain[:2]:
        kids = {word_of[c] for c in kids_of(t)}  # and the object's determiner: « n'a suspendu aucun compte »
        kids |= {word_of[d] for c in kids_of(t) if deps[c] == "obj" for d in kids_of(c) if deps[d] == "det"}
        if "ne" in kids and kids & lex.modality["negations"] and not restrictive(doc, t):
            return None
    if any(lemma_of[view.heads[t]] in lex.modality["wish_verbs"] for t in chain[:2] if deps[t] in {"xcomp", "ccomp"}):
        return None  # "ne veulent pas que Daesh utilise", "peut supprimer": wished or possible, not done
    if _after_si(tok, lex):
        return None
    relatives = [c for c in kids_of(tok.i) if deps[c] == "acl:relcl"]  # "des menaces qu'aurait lancées X"
    if any(_conditional(doc, t) for t in chain + relatives) or any(lemma_of[t] in CLAIM_VERBS for t in chain[1:]):
        return "alleged"
    return "asserted"


def restrictive(doc, i: int) -> bool:
    """« ne … que » says « only », not « not »: « la chaîne ne contient plus que deux vidéos », « le groupe n'utilise
    que Telegram ». The « que » after the verb at i introduces a noun, a name or a number, not a clause (« n'a pas
    caché que Daech avait menacé X » stays a negation of its verb)."""
    for k in range(i + 1, min(len(doc), i + 5)):
        if word(doc[k]) in {"que", "qu'"}:  # a number right after is counted, whatever the parse (« plus que deux »)
            return doc[k].head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"} or k + 1 < len(doc) and doc[k + 1].pos_ == "NUM"
    return False


def _chain_up(view, i: int) -> list[int]:
    """context.token_chain_up on token indices (its test `cur.head is cur` never holds: spaCy makes a new Token at
    each `.head`, so only the dependency label stops the climb, as here)."""
    out, cur = [i], i
    for _ in range(6):
        if view.deps[cur] not in _CHAIN_DEPS:
            break
        cur = view.heads[cur]
        out.append(cur)
    return out


def _before_colon(view, chain: list[int]) -> list[int]:
    """« Ce type d'attaque n'est pas nouveau : en 2015, X avait piraté Y »: a clause after a colon or a semicolon
    says something of its own, whatever the clause it hangs from says (a negation there is not its)."""
    for k in range(1, len(chain)):
        lo, hi = sorted((chain[k - 1], chain[k]))
        if any(view.words[j] in {":", ";"} for j in range(lo + 1, hi)):
            return chain[:k]
    return chain


_CHAIN_DEPS = frozenset(CHAIN_DEPS)


def _after_si(tok: Token, lex: Lexicon) -> bool:
    """'Si Facebook ferme les pages …, …': the clause opened by 'si' before the cue, whatever the parse says."""
    doc, marks = tok.doc, lex.modality["hypothetical_marks"] - {"quand", "lorsque"}
    texts, words, view = token_texts(doc), folded_words(doc), token_view(doc)
    for j in range(tok.i - 1, view.sentence_start(doc, tok.i) - 1, -1):
        if texts[j] in {",", ";", ":"}:
            return False
        if words[j] in marks and view.pos[j] == "SCONJ":
            return not (j > 0 and words[j - 1] == "meme")  # « même si Facebook a supprimé … » concedes a fact
    return False


def _conditional(doc, i: int) -> bool:
    view = token_view(doc)
    return "Cnd" in doc[i].morph.get("Mood", []) or any("Cnd" in doc[c].morph.get("Mood", [])
                                                        for c in view.children(i) if view.pos[c] == "AUX")
