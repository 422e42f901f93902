"""Token-level helpers shared by the extraction modules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.vocab import CONTRACTIONS, tfold  # noqa: F401  (tfold is re-exported for the extraction modules)

if TYPE_CHECKING:  # spaCy's types only: importing kg.extract must not load spaCy
    from spacy.tokens import Doc, Span, Token

OF_WORDS = frozenset({"de", "du", "des", "d'"})  # « de » and its contracted and elided forms
QUOTES = {"«", "»", '"', "“", "”", "„"}
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
DEMONSTRATIVE_PRONOUNS = {"celui", "celle", "ceux", "celles"}  # never a name, capitalised or not


def lemma(token: Token) -> str:
    """The folded lemma, with contractions expanded."""
    return _folded(token.doc)[0][token.i]


def word(token: Token) -> str:
    """The folded word, with contractions expanded."""
    return _folded(token.doc)[1][token.i]


def folded_lemmas(doc: Doc) -> list[str]:
    return _folded(doc)[0]


def doc_tokens(doc: Doc) -> list[Token]:
    """The document's Token objects, made once: spaCy makes a new object at every doc[i], and the extractor's
    passes over every token of every sentence were a sixth of its time."""
    cached = doc.user_data.get(_TOKENS)
    if cached is None:
        cached = doc.user_data[_TOKENS] = list(doc)
    return cached


def doc_ents(doc: Doc) -> Sequence[Span]:
    """doc.ents, which spaCy builds anew (a Span per entity, a Token per word) at each call."""
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        cached = doc.user_data[_ENTS] = doc.ents
    return cached


def release_token_caches(doc: Doc) -> None:
    """Drop the cached Tokens and entity Spans: each refers back to the Doc, and a Doc kept alive by its own
    user_data would wait for the cyclic collector instead of being freed with its last reference."""
    doc.user_data.pop(_TOKENS, None)
    doc.user_data.pop(_ENTS, None)


def sentence_tokens(sent: Span) -> list[Token]:
    return doc_tokens(sent.doc)[sent.start:sent.end]


def folded_words(doc: Doc) -> list[str]:
    return _folded(doc)[1]


def plural(token: Token) -> bool:
    return "Plur" in token.morph.get("Number", [])


@lru_cache(maxsize=1024)  # the lexicon's phrases, asked for again at every role word
def fold_phrase(words: tuple[str, ...]) -> tuple[str, ...]:
    """A lexicon phrase's words as folded_words gives a document's ('la' -> 'le', 'du' -> 'de')."""
    return tuple(_fold_word(w) for w in words)


def token_texts(doc: Doc) -> list[str]:
    return _folded(doc)[2]


def document_text(doc: Doc) -> str:
    """doc.text, which spaCy joins anew from every token at each call; here joined once, with the token texts."""
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        _folded(doc)
        cached = doc.user_data[_TEXT]
    return cached


def _folded(doc: Doc) -> tuple[list[str], list[str], list[str]]:
    """Every token's folded lemma, folded word and text, computed once per document: the extractor asks for them
    about twenty times per token, and folding through spaCy's string store each time was a tenth of a build.
    The same pass joins the document's text (Doc.text: each token's text and trailing whitespace)."""
    cached = doc.user_data.get(_FOLDED)
    if cached is None:
        texts, lemmas, spaces = [], [], []
        for token in doc:  # one pass: each Token object spaCy makes costs a call (not kept: see doc_tokens)
            texts.append(token.text)
            lemmas.append(token.lemma_)
            spaces.append(token.whitespace_)
        cached = doc.user_data[_FOLDED] = ([_fold_lemma(t, lem) for t, lem in zip(texts, lemmas)],
                                           [_fold_word(t) for t in texts], texts)
        doc.user_data[_TEXT] = "".join([piece for pair in zip(texts, spaces) for piece in pair])
    return cached


_FOLDED, _TEXT = "kg.folded", "kg.text"  # plain string keys: spaCy's own user_data keys are tuples
_TOKENS, _ENTS = "kg.tokens", "kg.ents"


@lru_cache(maxsize=1 << 17)  # a pure function of a string, asked for every token of every document
def cached_tfold(text: str) -> str:
    """tfold, remembered: Unicode decomposition is the dear part of folding, and words repeat."""
    return tfold(text)


@lru_cache(maxsize=1 << 17)
def _fold_lemma(text: str, lemma_text: str) -> str:
    folded = cached_tfold(text)
    if folded in CONTRACTIONS:
        return CONTRACTIONS[folded]
    return cached_tfold(lemma_text or text).replace("\u2019", "'")


@lru_cache(maxsize=1 << 17)
def _fold_word(text: str) -> str:
    text = cached_tfold(text)
    return CONTRACTIONS.get(text, text)


_NUMBER = re.compile(r"^\d{1,3}(?:[ .\u00a0\u202f]\d{3})+$|^\d+$")


def parse_number(text: str) -> int | None:
    """French-written integers: '10 000', '125.000', '5.000', '360 000', '3000'."""
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    return int(re.sub(r"[ .\u00a0\u202f]", "", text))


BYLINE_WORDS = {"Par", "By"}


def page_chrome(sent: Span) -> bool:
    """A byline (« Par Le Figaro avec AFP », « Publié le … | Par X avec AFP ») or a row of links and share buttons
    (« Partager : Twitter | Facebook | LinkedIn »): page furniture whose names stand side by side and say nothing
    of one another."""
    segments: list[list[Token]] = [[]]
    for tok in sentence_tokens(sent):
        if tok.text == "|":
            segments.append([])
        elif not tok.is_space:
            segments[-1].append(tok)
    if len(segments) >= 3:
        return True
    return any(part and part[0].text in BYLINE_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in part)
               for part in segments) or _signed(segments[0])


def _signed(words: list[Token]) -> bool:
    """« Delphine Martin, Berlin »: a correspondent's signature, a name and a town, nothing else."""
    comma = next((k for k, t in enumerate(words) if t.text == ","), None)
    if comma is None or len(words) > 8 or comma > 4:
        return False
    town = [t for t in words[comma + 1:] if not t.is_punct]
    return 0 < len(town) <= 3 and all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in words[:comma] + town)
