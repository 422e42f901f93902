"""A sentence with its mentions: the questions argument finding asks (who is left of this word, in the same
clause? which mentions are coordinated with this one? which preposition introduces it?)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import Mention
from kg.extract.text import OF_WORDS, QUOTES, lemma, token_texts, word

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Span, Token

BOUNDARIES = {";", ":", "?", "!"} | QUOTES
PARENS = {"(", ")"}
CONTRAST = {"tandis", "alors"}
SHORT_QUOTE = 3  # words between quotation marks that are a quoted expression rather than reported speech
COORDINATORS = {",", "et", "ou", "ni", "ainsi", "comme", "puis"}
CONNECTORS = COORDINATORS | {"que", "tout", "encore", "respectivement", "le", "un", "de", "par", "son", "sa", "ses",
                             "leur", "leurs", "representant", "representants", "aussi", "mais", "notamment", "a", "-",
                             "meme", "surtout", "egalement", "sur"}
# « X et son frère Y », « X et sa complice Y »: a relative or partner named before the second name of a list
COMPANIONS = {"frere", "freres", "soeur", "soeurs", "epouse", "epoux", "mari", "femme", "fils", "fille", "pere", "mere",
              "cousin", "cousine", "oncle", "neveu", "associe", "associee", "complice", "complices", "acolyte",
              "compagnon", "compagne", "beau-frere"}
PREPOSITIONS = {"de", "a", "sur", "avec", "contre", "par", "pour", "dans", "en", "envers", "via", "chez", "vers",
                "selon", "apres", "avant", "depuis", "entre", "sans", "sous", "face"}
SKIPPABLE = {"DET", "ADJ", "NUM", "ADV"}


@dataclass
class SentenceContext:
    sent: Span
    mentions: list[Mention]  # outermost mentions of this sentence, in order
    role_words: frozenset[str] = frozenset()

    @property
    def doc(self):
        return self.sent.doc

    def mention_at(self, i: int) -> Mention | None:
        return next((m for m in self.mentions if m.start <= i < m.end), None)

    def clause_bounds(self, i: int) -> tuple[int, int]:
        """The token range around i not crossing ';', ':', brackets or quotation marks."""
        start, end = self.sent.start, self.sent.end
        texts = token_texts(self.doc)
        for j in range(i - 1, self.sent.start - 1, -1):
            if self._is_boundary(j, texts):
                start = j + 1
                break
        for j in range(i + 1, self.sent.end):
            if self._is_boundary(j, texts):
                end = j
                break
        return start, end

    def _is_boundary(self, j: int, texts: list[str]) -> bool:
        """Punctuation that ends a clause; quotation marks only when they enclose speech, not a name (`texts`: the
        document's token texts)."""
        text = texts[j]
        if text not in BOUNDARIES and text.lower() not in CONTRAST:
            return False  # most words: neither a boundary nor 'tandis'/'alors'
        if (text.lower() in CONTRAST and j + 1 < self.sent.end and texts[j + 1] in {"que", "qu'"}
                and texts[j - 1] == ","):
            return True  # "…, tandis que la messagerie a supprimé …": another clause with its own actor
        if text not in BOUNDARIES or text == ":" and self.mention_at(j) is not None:
            return False  # « ISIS: The State of Terror »: a colon inside a name ends no clause
        if text in QUOTES:
            after, before = self.mention_at(j + 1), self.mention_at(j - 1)
            return not (after and after.start == j + 1 or before and before.end == j or self._quotes_a_few_words(j))
        return True

    def _quotes_a_few_words(self, j: int) -> bool:
        """'appelle à « punir » Facebook': marks around a word or two the writer quotes, not around speech."""
        texts = token_texts(self.doc)
        before = range(j - 1, max(self.sent.start, j - SHORT_QUOTE - 1) - 1, -1)
        after = range(j + 1, min(self.sent.end, j + SHORT_QUOTE + 2))
        closing = next((k for k in after if texts[k] in QUOTES), None) if texts[j] != "»" else None
        opening = next((k for k in before if texts[k] in QUOTES), None) if texts[j] != "«" else None
        return (closing is not None and closing - j - 1 <= SHORT_QUOTE and texts[closing] != "«") or \
            (opening is not None and j - opening - 1 <= SHORT_QUOTE and texts[opening] != "»")

    def behind_preposition(self, m: Mention, top: int, allowed) -> bool:
        """Whether the mention hangs, on its way up to the token `top`, from a phrase that a preposition other than
        « de » and the `allowed` ones opens (« avec les représentants de Google » below « a présidé la réunion »)."""
        tok = self.doc[m.start:m.end].root.head
        for _ in range(6):
            if tok.i == top or tok.head.i == tok.i:
                return False
            if any(c.dep_ == "case" and word(c) not in allowed and word(c) not in OF_WORDS for c in tok.children):
                return True
            tok = tok.head
        return False

    def preposition_before(self, m: Mention) -> str:
        """The preposition that introduces a mention ('' for none), skipping determiners and adjectives."""
        j = self._skip_back(m.start - 1)
        if j >= self.sent.start and self.doc[j].pos_ == "NOUN" and (
                lemma(self.doc[j]) in _head_nouns() or m.cls == "Person" and self.doc[j].is_lower):
            j = self._skip_back(j - 1)  # "contre le collectif CyberCaliphate", "contre le journaliste Paul Martin"
        if j < self.sent.start:
            return ""
        w = word(self.doc[j])
        return w if w in PREPOSITIONS else ""

    def _skip_back(self, j: int) -> int:
        while j >= self.sent.start and (self.doc[j].pos_ in SKIPPABLE and (word(self.doc[j]) not in PREPOSITIONS
                                                                           or _indefinite(self.doc[j]))
                                        or self.doc[j].text in QUOTES):  # « la création du « Forum … » »
            j -= 1
        return j

    def chain(self, m: Mention, allowed: set[str] | frozenset[str] | None = None,
              end: int | None = None) -> list[Mention]:
        """m and the mentions coordinated after it ('Facebook, Google et Twitter')."""
        out, cur = [m], m
        limit = end if end is not None else self.sent.end
        for nxt in self.mentions:
            if nxt.start < cur.end or nxt.start >= limit or self.in_parentheses(nxt):
                continue
            if not self._coordinated(cur.end, nxt.start, cur, nxt) or (allowed and nxt.cls not in allowed):
                break
            out.append(nxt)
            cur = nxt
        return out

    def chain_left(self, m: Mention, allowed=None, start: int | None = None) -> list[Mention]:
        """m and the mentions coordinated before it."""
        out, cur = [m], m
        limit = start if start is not None else self.sent.start
        for prev in reversed(self.mentions):
            if prev.end > cur.start or prev.start < limit or self.in_parentheses(prev):
                continue
            if not self._coordinated(prev.end, cur.start, prev, cur) or (allowed and prev.cls not in allowed):
                break
            out.insert(0, prev)
            cur = prev
        return out

    def in_parentheses(self, m: Mention) -> bool:
        """'Mark Zuckerberg (Facebook)': a bracketed aside is not part of a coordination."""
        doc = self.doc
        return m.start > 0 and m.end < len(doc) and doc[m.start - 1].text == "(" and doc[m.end].text == ")"

    def _coordinated(self, gap_start: int, gap_end: int, a: Mention, b: Mention) -> bool:
        gap = [t for t in self.doc[gap_start:gap_end] if not t.is_space]
        gap = _without_parentheses(gap)
        if len(gap) == 0 or len(gap) > 7:
            return False
        words = [word(t) for t in gap]
        if words == [","] and (a.cls == "Person") != (b.cls == "Person"):
            return False  # "… comptes de l'EI, Pavel Durov reconnaît": a comma between unlike things ends a list
        if not any(w in COORDINATORS for w in words):
            return False
        if "comme" in words:  # "d'autres groupes islamistes comme Boko Haram"
            return all(t.pos_ != "VERB" for t in gap)
        roles = [k for k, t in enumerate(gap) if lemma(t) in self.role_words]
        if roles and "de" in words[roles[0]:]:
            return False  # "X et Y, les fondateurs de A et B": A and B are governed, not coordinated with X, Y
        return all(w in CONNECTORS or w in COMPANIONS or lemma(t) in self.role_words or t.pos_ in {"ADJ", "ADV"}
                   for w, t in zip(words, gap))

    def left_mentions(self, i: int, lo: int) -> list[Mention]:
        return [m for m in reversed(self.mentions) if lo <= m.start and m.end <= i]

    def right_mentions(self, i: int, hi: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= i and m.end <= hi]


@lru_cache(maxsize=1)
def _head_nouns() -> frozenset[str]:
    """Nouns that introduce a name ('le collectif Anonymous', 'le groupe Boko Haram', 'la messagerie Telegram')."""
    lex = load_lexicon()
    return frozenset(lex.typing_heads) | frozenset(lex.actor_heads) | {"groupe", "organisation", "collectif"}


def _without_parentheses(tokens: list) -> list:
    out, depth = [], 0
    for t in tokens:
        depth += t.text == "("
        if depth == 0 and t.text != ")":
            out.append(t)
        depth -= t.text == ")" and depth > 0
    return out


CHAIN_DEPS = ("xcomp", "ccomp", "advcl", "conj", "obl:arg", "obl:mod", "obl", "acl")  # complement and adjunct links


def token_chain_up(tok: Token, deps=CHAIN_DEPS):
    """The token and the verbs it hangs from through complement and adjunct links, nearest first."""
    out = [tok]
    cur = tok
    for _ in range(6):
        if cur.dep_ not in deps or cur.head is cur:
            break
        cur = cur.head
        out.append(cur)
    return out


def seen_by(participle: Token) -> Token | None:
    """The « voir » of « X a vu son compte suspendu »: the participle hangs from it, or from its object."""
    on_object = participle.dep_ in {"amod", "acl"} and participle.head.dep_ == "obj"
    up = participle.head if participle.dep_ == "xcomp" else participle.head.head if on_object else None
    return up if up is not None and lemma(up) == "voir" else None


def _indefinite(tok: Token) -> bool:
    """« par des sympathisants de l'EI »: « des » the article, which the tagger tells from « des » = « de les »
    (« les comptes des jihadistes »), is no preposition."""
    return tok.lower_ == "des" and tok.dep_ == "det"
