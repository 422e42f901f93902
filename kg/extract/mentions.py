"""Mentions: where entities are named (gazetteer, NER), described ("le gouvernement américain") or referred to.

A mention is a token span with an entity key. Named and described mentions get their key here; references
("le réseau social", "il", "ce dernier") get theirs from `coref.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.gazetteer import KnownEntity
from kg.extract.lexicon import Lexicon
from kg.extract.name_spans import (
    HONORIFICS,
    NAME_LINKS,
    capital_head,
    elided_piece,
    foreign_word,
    glued_piece,
    name_link,
    opens_name,
    without_day,
    without_honorific,
    without_portfolio,
    written_words,
)
from kg.extract.name_types import (
    after_typing_noun,
    has_name_head,
    members_group_name,
    typed_by_apposition,
    typed_by_designation,
    typed_by_head,
    typed_by_members,
    typed_by_own_head,
    typed_by_role,
)
from kg.extract.text import DEMONSTRATIVE_PRONOUNS, cached_tfold, doc_ents, lemma, tfold, token_texts, word
from kg.vocab import ORGANIZATION_CLASSES, slug

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc, Span

NER_CLASSES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
ORG_CLASSES = ORGANIZATION_CLASSES
DETERMINERS = {"le", "un", "une", "de", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs"}
# Arabic articles and conjunctions glued to a capitalised word: « al-Qassam », « wal-Muslimin », « Nasr ul-Islam »
NAME_PARTICLES = {"al", "el", "wal", "wa", "ul",
                  "ad", "ar", "as", "ash", "at", "az", "ed", "ech", "en", "es", "et", "ibn", "bin", "ben"}
NAME_CUES = {"intitule", "intitulee", "intitules", "baptise", "baptisee", "nomme", "nommee", "nommes", "appele",
             "appelee", "surnomme", "titre"}


@dataclass
class Mention:
    start: int  # token span [start, end)
    end: int
    key: str | None
    cls: str
    text: str
    kind: str  # "name" (gazetteer/NER), "actor" (described actor), "ref" (to be resolved)
    classes: tuple[str, ...] = ()  # for references: the classes they may refer to
    count: int = 1  # "les deux réseaux sociaux" refers to two entities
    keys: tuple[str, ...] = field(default_factory=tuple)  # resolved keys of a reference
    heads: frozenset[str] = frozenset()  # nouns the text introduced the entity with: "la messagerie Telegram"
    alias_heads: frozenset[str] = frozenset()  # nouns of its gazetteer aliases: "collectif Anonymous"
    generic: bool = False  # a collective description from the gazetteer ("les djihadistes")
    vague: bool = False  # a described actor with nothing that singles it out ("un groupe de djihadistes")
    subject: bool = False  # the mention is a clause subject: the likeliest antecedent of a later pronoun
    plural: bool = False
    sent: int = 0  # index of the sentence (set before coreference): how far back a candidate antecedent stands
    depth: int = 0  # dependency links from the sentence root: 'Meta' in 'un signalement de Meta, la maison mère de
    #                 Facebook' is shallower, so more prominent, than 'Facebook'
    governors: frozenset[int] = frozenset()  # for references: the tokens the reference hangs from
    head: int = -1  # the token the mention hangs from
    country: str | None = None  # the country of a company, or the one a description gives ('le réseau chinois')
    demonstrative: bool = False  # « cette société »: the latest fitting entity, not the most prominent
    after_role: bool = False  # a reference governed by a role noun: 'la directrice des opérations du groupe'
    alias: str = ""  # another name the text gives beside this one: "parquet national antiterroriste (PNAT)"
    leader: str | None = None  # the key of the person at the head of a body named by them: "le régime de X"
    role: tuple[str, str] | None = None  # "le patron de Twitter": (relation, organisation key), resolved by name
    collective: bool = False  # « des pirates »: with no antecedent, in an article naming no hacker group, its own
    fallback_key: str | None = None  # « le tireur »: with no antecedent, the article's unnamed perpetrator

    def all_keys(self) -> tuple[str, ...]:
        return self.keys or ((self.key,) if self.key else ())

    def known_key(self) -> str:
        """The key of a name, an actor or a resolved reference: only a reference not yet resolved has none."""
        assert self.key is not None, f"unresolved reference {self.text!r}"
        return self.key


class AliasIndex:
    """Longest-match lookup of gazetteer aliases over token sequences."""

    def __init__(self, tokenizer, entities: dict[str, KnownEntity]):
        self.folded: dict[tuple[str, ...], tuple[str, bool]] = {}  # -> (key, alias has a capital)
        self.exact: dict[tuple[str, ...], str] = {}
        for entity in entities.values():
            for alias in entity.aliases:
                tokens = tuple(t.text for t in tokenizer(alias))
                if alias.isupper() or len(alias) <= 3:
                    self.exact.setdefault(tokens, entity.key)
                else:
                    key, capital = tuple(tfold(t) for t in tokens), any(c.isupper() for c in alias)
                    known = self.folded.get(key)
                    if known is None:
                        self.folded[key] = (entity.key, capital)
                    elif known[0] == entity.key and not capital:  # "Shebab" and "shebab": lower case matches too
                        self.folded[key] = (entity.key, False)
        self.longest = max(len(k) for k in [*self.folded, *self.exact])
        self.starts = frozenset(k[0] for k in self.folded) | frozenset(k[0] for k in self.exact)
        # every proper prefix of an alias: a match can only grow while the words read so far are one
        self.prefixes = frozenset(k[:n] for k in [*self.folded, *self.exact] for n in range(1, len(k)))

    def match_at(self, texts: list[str], folded: list[str], i: int) -> tuple[int, str] | None:
        """The longest alias starting at token i of a document's token texts (and their tfold): (length, key)."""
        if texts[i] not in self.starts and folded[i] not in self.starts:
            return None  # no alias starts with this word
        best = None
        for n in range(1, min(self.longest, len(texts) - i) + 1):
            words, keys = tuple(texts[i:i + n]), tuple(folded[i:i + n])
            key = self._alias_key(words, keys)
            if key:
                best = (n, key)
            if words not in self.prefixes and keys not in self.prefixes:
                break
        return best

    def _alias_key(self, words: tuple[str, ...], keys: tuple[str, ...]) -> str | None:
        if words in self.exact:
            return self.exact[words]
        key, capital = self.folded.get(keys, (None, False))
        # a name written with capitals is not matched by a lower-case common word ("hollande", "site")
        if key and (not capital or any(c.isupper() for c in "".join(words))):
            return key
        return None


def gazetteer_mentions(doc: Doc, index: AliasIndex, entities: dict[str, KnownEntity]) -> list[Mention]:
    found, i = [], 0
    texts = token_texts(doc)
    folded = [cached_tfold(text) for text in texts]
    while i < len(doc):
        hit = index.match_at(texts, folded, i) or _before_full_stop(index, texts, folded, i)
        if hit and (_other_bearer_of_surname(doc, i, hit, entities) or _head_of_longer_name(doc, i, hit, entities)):
            hit = None
        if hit:
            n, key = hit
            heads = frozenset({lemma(doc[i - 1])} if i else set())
            found.append(Mention(i, i + n, key, entities[key].cls, doc[i:i + n].text, "name", heads=heads,
                                 alias_heads=alias_heads(entities[key]), generic=entities[key].generic))
            i += n
        else:
            i += 1
    return found


def _head_of_longer_name(doc: Doc, i: int, hit: tuple[int, str], entities: dict[str, KnownEntity]) -> bool:
    """« Sony Online Entertainment »: a known name the recogniser reads as the start of a longer organisation's name,
    the rest proper nouns, names that organisation. Not an outlet (« de RFI David Thomson » is a byline)."""
    n, key = hit
    longer = (e for e in doc_ents(doc) if e.start == i and e.end > i + n and e.label_ == "ORG")
    ent = None if entities[key].cls == "MediaOutlet" else next(longer, None)
    return ent is not None and all(t.pos_ in {"PROPN", "X"} and t.text[:1].isupper() for t in doc[i + n:ent.end])


def _before_full_stop(index: AliasIndex, texts: list[str], folded: list[str], i: int) -> tuple[int, str] | None:
    """'… envoyés à Meta et à X.': the tokenizer keeps a short name's full stop; the name without it."""
    if len(texts[i]) < 2 or not texts[i].endswith(".") or i + 1 < len(texts) and not texts[i + 1].isspace() \
            and texts[i + 1][:1].islower():
        return None
    hit = index.match_at([texts[i][:-1]], [folded[i][:-1]], 0)
    return (1, hit[1]) if hit and hit[0] == 1 else None


def _other_bearer_of_surname(doc: Doc, i: int, hit: tuple[int, str], entities: dict[str, KnownEntity]) -> bool:
    """'Nikolaï Durov' is not Pavel Durov: a known person's one-word alias inside a longer person name."""
    n, key = hit
    tok = doc[i]
    return (n == 1 and entities[key].cls == "Person" and tok.ent_iob_ == "I" and tok.ent_type_ == "PER"
            and doc[i - 1].pos_ == "PROPN")


def alias_heads(entity: KnownEntity) -> frozenset[str]:
    """'messagerie Telegram', 'collectif Anonymous': the common nouns the gazetteer names an entity with."""
    return frozenset(tfold(a.split()[0]) for a in entity.aliases if len(a.split()) > 1 and a[:1].islower())


def ner_mentions(doc: Doc, taken: set[int], lex: Lexicon) -> list[Mention]:
    found: list[Mention] = []
    ents = doc_ents(doc)
    for ent in (without_day(without_portfolio(without_honorific(e), lex.roles), lex.calendar_words) for e in ents):
        if any(t.i in taken for t in ent) or not (_plausible_name(ent, lex) or members_group_name(ent, lex)
                                                  or typed_by_designation(ent, lex)):
            continue
        cls = (typed_by_designation(ent, lex) or typed_by_head(doc, ent.start, lex)
               or typed_by_apposition(doc, ent.end, lex) or typed_by_own_head(ent, lex)
               or typed_by_members(doc, ent.start, lex) or NER_CLASSES.get(ent.label_))
        if cls:
            start = _name_start(doc, ent.start, lex, taken, found)
            text = doc[start:ent.end].text
            found.append(Mention(start, ent.end, slug(text), cls, text, "name"))
    return found


def _name_start(doc: Doc, start: int, lex: Lexicon, taken: set[int], found: list[Mention]) -> int:
    """The name starts at the noun before it when that noun belongs to it and no other name holds it."""
    if not has_name_head(doc, start, lex) or start - 1 in taken:
        return start
    return start if any(m.start < start <= m.end for m in found) else start - 1


def _plausible_name(ent: Span, lex: Lexicon) -> bool:
    first = lemma(ent[0])
    if first in lex.roles or first in lex.actor_heads or tuple([first]) in lex.descriptions:
        return False
    if len(ent) == 1 and lex.country_of_adjective(word(ent[0])) is not None:
        return False  # "le Britannique", "les Américains"
    if _calendar(ent, lex):
        return False
    if written_words(ent.doc, ent.start, ent.end) > 6 or not any(t.text[:1].isupper() for t in ent):
        return False
    if not all(t.pos_ == "PROPN" or (t.is_lower and t.pos_ in {"DET", "ADP"}) or t.text in "-'" or name_link(ent, t)
               or foreign_word(ent, t) or glued_piece(ent, t) or elided_piece(ent, t) or capital_head(ent, t)
               for t in ent):
        return False  # 'État' in "l'État terroriste", 'Like' in "Like's attacks": common words, not names
    return not any(t.pos_ in {"VERB", "AUX"} and not foreign_word(ent, t) for t in ent)


def _calendar(words: Span, lex: Lexicon) -> bool:
    """« Samedi, une vidéo … », « Mercredi soir »: a day or a month the parser took for a proper noun; « les géants
    du Web »: the network itself."""
    return all(word(t) in lex.calendar_words for t in words) or all(word(t) in lex.network_words for t in words)


def propn_mentions(doc: Doc, taken: set[int], lex: Lexicon) -> list[Mention]:
    """Proper-noun runs NER missed ('Atomwaffen Division', 'As-Sahab'), typed by the noun before or the
    apposition after; after a nationality noun ('le Britannique Junaid Hussain') a run is a person."""
    found: list[Mention] = []
    i = 0
    texts = token_texts(doc)
    while i < len(doc):
        if not texts[i][:1].isupper() or word(doc[i]) in DEMONSTRATIVE_PRONOUNS or texts[i] in HONORIFICS:
            i += 1
            continue
        j = i
        while j < len(doc) and _continues_name(doc, i, j, taken, lex):
            j += 1
        if j > i and written_words(doc, i, j) <= 5 and doc[j - 1].text != "-" and \
                not _fronted_participle(doc, i, j) and not _calendar(doc[i:j], lex):
            cls = (typed_by_head(doc, i, lex) or typed_by_apposition(doc, j, lex) or typed_by_role(doc, i, lex)
                   or typed_by_own_head(doc[i:j], lex)
                   or ("Person" if i and lex.country_of_adjective(word(doc[i - 1])) is not None else "Organization"))
            start = _name_start(doc, i, lex, taken, found)
            found.append(Mention(start, j, slug(doc[start:j].text), cls, doc[start:j].text, "name"))
        i = max(j, i + 1)
    return found


def _fronted_participle(doc: Doc, i: int, j: int) -> bool:
    """'Interrogée, l'entreprise …', 'Contacté, le groupe …': a participle opening the sentence, not a name."""
    return j == i + 1 and bool(doc[i].is_sent_start) and j < len(doc) and doc[j].text == "," and \
        doc[i].text.lower().endswith(("é", "ée", "és", "ées"))


def _continues_name(doc: Doc, start: int, j: int, taken: set[int], lex: Lexicon) -> bool:
    tok = doc[j]
    if j in taken or lex.country_of_adjective(word(tok)) is not None or tok.text in HONORIFICS:
        return False  # 'Britannique' is a nationality, not a name
    if tok.text in {"-", "&"}:  # 'As-Sahab', 'Schild & Vrienden'
        return j > start and j + 1 < len(doc) and doc[j + 1].text[:1].isupper()
    if not tok.text[:1].isupper():
        # "Ezzedine al-Qassam", "Jaish el-Islam": an Arabic article glued to the next capitalised word
        return (j > start and tok.text.lower() in NAME_PARTICLES and j + 2 < len(doc) and doc[j + 1].text == "-"
                and doc[j + 2].text[:1].isupper()) or _links_name(doc, start, j)
    glued = j > start and doc[j - 1].text == "-"
    first_name = j + 1 < len(doc) and doc[j + 1].dep_ == "flat:name" and doc[j + 1].head.i == j  # 'Junaid' NOUN
    return tok.pos_ in {"PROPN", "X"} or glued or first_name or (j > start and tok.pos_ in {"NOUN", "ADJ"}) or \
        (j == start and j + 1 not in taken and opens_name(doc, j)) or after_typing_noun(doc, j, start, lex) or \
        (j + 2 < len(doc) and doc[j + 1].text == "-" and doc[j + 2].text[:1].isupper()) or \
        _group_noun_opens(doc, j, lex)


def _links_name(doc: Doc, start: int, j: int) -> bool:
    """« Storch » follows « Beatrix von »: particles of NAME_LINKS between capitalised words continue a name."""
    k = j
    while k < len(doc) and doc[k].text in NAME_LINKS:
        k += 1
    return j > start and k > j and k < len(doc) and doc[k].text[:1].isupper() and doc[j - 1].text[:1].isupper()


def _group_noun_opens(doc: Doc, j: int, lex: Lexicon) -> bool:
    """'la Division Nordique', 'les Brigades Abou al-Fadl': a capitalised group noun inside the sentence that opens
    a name (followed by a capitalised word)."""
    return (j > 0 and not doc[j].is_sent_start and tfold(doc[j].text) in lex.group_name_nouns and j + 1 < len(doc)
            and doc[j + 1].text[:1].isupper() and word(doc[j - 1]) in {"le", "la", "les", "l'", "de", "du", "des", "a"})
