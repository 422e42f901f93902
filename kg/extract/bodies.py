"""Bodies named by an acronym or a short form: 'le parquet national antiterroriste (PNAT)' is one entity keyed by
the acronym; 'la Commission' after 'la Commission européenne' is that body."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import DETERMINERS, Mention
from kg.extract.text import lemma, tfold, token_texts, word
from kg.vocab import slug

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc


SHORT_FORM_CLASSES = {"GovernmentBody", "Organization"}


def short_form_mentions(doc: Doc, names: list[Mention], taken: set[int]) -> list[Mention]:
    """'la Commission' after 'la Commission européenne': a capitalised head word alone, once the article has named
    the body in full, is that body (the first word of the full name, written with its capital, not followed by
    another capitalised word)."""
    heads: dict[str, Mention] = {}
    for m in names:
        words = m.text.split()
        if m.cls in SHORT_FORM_CLASSES and len(words) > 1 and words[0][:1].isupper() and len(words[0]) > 3:
            heads.setdefault(words[0], m)
    found, texts = [], token_texts(doc)
    for i in range(1, len(doc)):
        full = heads.get(texts[i])
        if not full or i in taken or full.start >= i or doc[i - 1].is_sent_start and doc[i - 1].is_punct:
            continue
        if i + 1 < len(doc) and (texts[i + 1][:1].isupper() or tfold(texts[i + 1]) in {"de", "du", "des", "d'"}
                                 or doc[i + 1].pos_ == "ADJ"):
            continue  # "la Commission des lois", "le Ministère public tessinois": another body
        found.append(Mention(i, i + 1, full.key, full.cls, texts[i], "name", alias_heads=full.alias_heads))
    return found


def acronym_mentions(doc: Doc, taken: set[int], lex: Lexicon) -> list[Mention]:
    """'le parquet national antiterroriste (PNAT)': a body named by its expansion, with its acronym as alias."""
    found, texts = [], token_texts(doc)
    for i in range(2, len(doc) - 2):
        if texts[i] != "(" or texts[i + 2] != ")" or not is_acronym(texts[i + 1]) or i + 1 in taken:
            continue
        head = _expansion_head(doc, i, lex)
        if head is not None and not any(j in taken for j in range(head, i)):
            cls = _acronym_class(lemma(doc[head]), lex)
            assert cls is not None  # _expansion_head only picks a head noun that has a class
            found.append(Mention(head, i + 3, slug(texts[i + 1]), cls, doc[head:i].text, "name", alias=texts[i + 1]))
    return found


INITIALISM_GLUE = {"of", "for", "the", "and", "to", "on", "in", "de", "du", "des", "la", "le", "l'", "d'", "et", "pour"}
INITIALISM_REACH = 10


def initialism_mentions(doc: Doc, taken: set[int]) -> list[Mention]:
    """'le Federal Depository Library Program (FDLP)', 'l'Internet Research Agency (IRA)': a capitalised name whose
    initials spell the acronym in brackets after it is one entity, keyed by the acronym (which the tagger would
    otherwise cut from the name, or cut the name)."""
    found, texts = [], token_texts(doc)
    for i in range(2, len(doc) - 2):
        if texts[i] != "(" or texts[i + 2] != ")" or not texts[i + 1].isupper() or not is_acronym(texts[i + 1]):
            continue
        start = _initials_start(texts, i, texts[i + 1])
        if start is not None and not any(j in taken for j in range(start, i + 2)):
            found.append(Mention(start, i + 3, slug(texts[i + 1]), "Organization", doc[start:i].text, "name",
                                 alias=texts[i + 1]))
    return found


def _initials_start(texts: list[str], paren: int, acronym: str) -> int | None:
    """Where the capitalised words before `paren` whose initials are `acronym` begin (small words between them
    skipped), or None."""
    initials, k = "", paren - 1
    while k >= max(0, paren - INITIALISM_REACH) and len(initials) < len(acronym):
        if texts[k][:1].isupper():
            initials = texts[k][0] + initials
        elif tfold(texts[k]) not in INITIALISM_GLUE:
            return None
        k -= 1
    return k + 1 if initials == acronym and texts[k + 1][:1].isupper() else None


PORTFOLIO_HEADS = {"ministere", "departement", "secretariat"}
PORTFOLIO_GLUE = {"de", "du", "des", "d'", "la", "l'", "et"}


def portfolio_end(doc: Doc, head: int, end: int) -> int:
    """After « ministère » and its adjectives, the capitalised portfolio (« de l'Intérieur », « de la Justice »,
    « des Affaires étrangères »), its lower-case adjectives included; `end` when there is none."""
    if lemma(doc[head]) not in PORTFOLIO_HEADS:
        return end
    j = end
    while j < len(doc) and tfold(doc[j].text) in PORTFOLIO_GLUE:
        j += 1
    if j == end or j >= len(doc) or not doc[j].text[:1].isupper():
        return end
    while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].pos_ == "ADJ" and doc[j].is_lower):
        j += 1
    return _portfolio_complements(doc, j)


def _portfolio_complements(doc: Doc, j: int) -> int:
    """« des Technologies de l'information et de la communication »: lower-case complements of the portfolio
    (glue words, then a noun the parser hangs inside the portfolio) belong to it."""
    end = j
    while j < len(doc) and tfold(doc[j].text) in PORTFOLIO_GLUE:
        j += 1
    while j > end and j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].is_lower and end - 1 <= doc[j].head.i < j:
        j = end = j + 1
        while j < len(doc) and tfold(doc[j].text) in PORTFOLIO_GLUE:
            j += 1
    return end


UNIT_HEADS = frozenset({"force"})
UNIT_COMPLEMENTS = frozenset({"securite", "defense", "ordre", "police", "intervention"})


def unit_end(doc: Doc, head: int, end: int) -> int:
    """After « forces » (no adjective yet), the complement that makes them a country's armed unit: « de sécurité »,
    « de défense », « de l'ordre », then that complement's adjectives (« de sécurité maliennes »)."""
    if lemma(doc[head]) not in UNIT_HEADS or end != head + 1 or end >= len(doc) or word(doc[end]) != "de":
        return end
    j = end + 1 + (end + 1 < len(doc) and tfold(doc[end + 1].text) in {"l'", "la"})
    if j >= len(doc) or tfold(doc[j].text) not in UNIT_COMPLEMENTS:
        return end
    j += 1
    while j < len(doc) and doc[j].is_lower and (doc[j].pos_ == "ADJ" or doc[j].dep_ == "amod"):
        j += 1
    return j


def known_expansions(doc: Doc, known: list[Mention], taken: set[int], lex: Lexicon) -> list[Mention]:
    """'l'Agence pour la cybersécurité et la sécurité des infrastructures (CISA)' where the gazetteer knows the
    acronym in brackets: the full name before it names the same entity."""
    found, texts = [], token_texts(doc)
    for m in known:
        paren = m.start - 1
        if not m.text.isupper() or m.end - m.start != 1 or paren < 2 or m.end >= len(doc) \
                or (texts[paren], texts[m.end]) != ("(", ")"):  # capitals only: « l'armée américaine (Centcom) »
            continue
        head = _expansion_head(doc, paren, lex)
        if head is not None and not any(j in taken for j in range(head, paren)):
            found.append(Mention(head, paren, m.key, m.cls, doc[head:paren].text, "name",
                                 alias_heads=m.alias_heads))
    return found


def institution_mentions(doc: Doc, taken: set[int], lex: Lexicon) -> list[Mention]:
    """A body's full name without an acronym, written with its capital: « le Service de police d'Ottawa », « le
    Centre canadien pour la cybersécurité »: a head noun of [acronym_heads] with a capital after an article, then
    its adjectives and complements."""
    found, texts = [], token_texts(doc)
    for i in range(1, len(doc) - 1):
        if not texts[i][:1].isupper() or not _institution_head(doc, i, taken, lex):
            continue
        end = _institution_end(doc, i + 1)
        if end > i + 1:
            found.append(Mention(i, end, slug(doc[i:end].text), _acronym_class(lemma(doc[i]), lex) or "Organization",
                                 doc[i:end].text, "name"))
    return found


def _institution_head(doc: Doc, i: int, taken: set[int], lex: Lexicon) -> bool:
    tok = doc[i]
    return (i not in taken and tok.text[:1].isupper() and not tok.is_sent_start and tok.pos_ in {"NOUN", "PROPN"}
            and _acronym_class(lemma(tok), lex) is not None
            and (word(doc[i - 1]) in DETERMINERS or _contracted_article(doc, i - 1)))


def _institution_end(doc: Doc, k: int) -> int:
    """After the head: lower-case adjectives, and « de / du / des / pour » + a noun phrase (a town the gazetteer
    knows included: « d'Ottawa »); at most eight words."""
    first, end, limit = k, k, min(len(doc), k + 8)
    while k < limit:
        if (doc[k].pos_ == "ADJ" or doc[k].dep_ == "amod") and doc[k].text.islower():  # « des savants musulmans »
            k = end = k + 1
            continue
        if k > first and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and doc[k - 1].pos_ == "NOUN":
            k = end = k + 1  # « de l'université Stanford »: the name of a complement's noun (not of the head's)
            continue
        j = k + 1 + (k + 1 < limit and doc[k + 1].pos_ == "DET")
        if word(doc[k]) not in {"de", "pour"} or j >= limit or doc[j].pos_ not in {"NOUN", "PROPN"}:
            break
        k = end = j + 1
    return end


def is_acronym(text: str) -> bool:
    """'PNAT', and the short names bodies give themselves ('Ofmin', 'Pharos'): one capitalised word of 2-8 letters."""
    return 2 <= len(text) <= 8 and text.isalpha() and text[0].isupper() and (text.isupper() or text[1:].islower())


def _expansion_head(doc: Doc, paren: int, lex: Lexicon) -> int | None:
    """The leftmost known head noun of the noun phrase before '(': 'Direction' in 'la Direction générale de la …'."""
    head = None
    for k in range(paren - 1, max(0, paren - EXPANSION_REACH) - 1, -1):
        if doc[k].pos_ not in NOMINAL and word(doc[k]) != "et" or k == 0:  # "… pour la cybersécurité et la sécurité …"
            break
        if _acronym_class(lemma(doc[k]), lex) and (word(doc[k - 1]) in DETERMINERS or _contracted_article(doc, k - 1)):
            head = k
    return head


def _contracted_article(doc: Doc, k: int) -> bool:
    """'confiée au Bureau central …': « au » holds the article (folded, it is « a », as « à » is)."""
    return tfold(doc[k].text) in {"au", "aux"}


NOMINAL = {"NOUN", "PROPN", "ADJ", "ADP", "DET"}
EXPANSION_REACH = 10


def _acronym_class(head: str, lex: Lexicon) -> str | None:
    cls = lex.acronym_heads.get(head) or lex.actor_heads.get(head) or lex.typing_heads.get(head)
    return cls if cls not in (None, "Person", "Place", "CreativeWork") else None
